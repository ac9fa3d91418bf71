"""Text utilities every language and every stage shares: patterns, sentences, numbers, money, dates."""
