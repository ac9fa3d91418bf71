"""The English price rules' data (``kg/rules/en/prices.yaml``), its typed schema and the patterns built from it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ...rules import load_rules
from ...text.patterns import alternation


@dataclass(frozen=True)
class CurrencyWord:
    code: str                           # ISO 4217
    factor: str                         # to the main unit, a decimal ("0.01" for cents)


@dataclass(frozen=True)
class EnglishPriceRules:
    """``kg/rules/en/prices.yaml``: the words the English price and price-change rules are built from."""

    currency_signs: dict[str, str]
    currency_words: dict[str, CurrencyWord]
    scale_words: tuple[str, ...]
    per_words: tuple[str, ...]
    token_multipliers: dict[str, int]
    number_words: dict[str, int]
    token_words: tuple[str, ...]
    unit_free_followers: tuple[str, ...]
    kind_words: dict[str, str]
    short_kind_words: dict[str, str]
    qualifier_articles: tuple[str, ...]
    cache_words: dict[str, str]
    shared_gap_words: tuple[str, ...]
    shared_gap_max_words: int
    amount_joiners: tuple[str, ...]
    owner_after: tuple[str, ...]
    anaphor_pronouns: tuple[str, ...]
    anaphor_determiners: tuple[str, ...]
    anaphor_nouns: tuple[str, ...]
    comparison_markers: tuple[str, ...]
    conversion_words: tuple[str, ...]
    others: tuple[str, ...]
    costs: tuple[str, ...]
    price_words: tuple[str, ...]
    price_cues: tuple[str, ...]
    from_words: tuple[str, ...]
    to_words: tuple[str, ...]
    old_after_words: tuple[str, ...]
    new_words: tuple[str, ...]
    free: tuple[str, ...]
    not_free_after: tuple[str, ...]
    not_free_before: tuple[str, ...]
    cut_verbs: tuple[str, ...]
    rise_verbs: tuple[str, ...]
    weak_cut_verbs: tuple[str, ...]
    weak_rise_verbs: tuple[str, ...]
    change_hedges: tuple[str, ...]
    change_directions: dict[str, int]
    cut_nouns: tuple[str, ...]
    rise_nouns: tuple[str, ...]
    percent_words: tuple[str, ...]
    fractions: dict[str, str]
    own_earlier_owners: tuple[str, ...]
    earlier_adjectives: tuple[str, ...]
    earlier_nouns: tuple[str, ...]
    earlier_what: tuple[str, ...]
    earlier_subjects: tuple[str, ...]
    earlier_verbs: tuple[str, ...]
    halving: tuple[str, ...]
    multiplying: dict[str, int]
    fold_words: dict[str, int]
    comparison_after: tuple[str, ...]
    change_price_words: tuple[str, ...]
    not_price_subjects: tuple[str, ...]


RULES = load_rules("en", "prices", EnglishPriceRules)


def words(items: Iterable[str]) -> str:
    """A non-capturing group of the words, longest first, not inside a longer word."""
    return r"(?:(?<![\w$€£¥])(?:" + alternation(items) + r")(?![\w]))"


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


def lookup(table: dict[str, str], key: str) -> str | None:
    """``table[key]`` with the key's case and spacing ignored."""
    key = " ".join(key.lower().split())
    for k, v in table.items():
        if k.lower() == key:
            return v
    return None


def last_in(text: str, table: dict[str, str]) -> str | None:
    """The value of the last word of ``table`` named in ``text``."""
    found = list(rx(words(table)).finditer(text))
    return lookup(table, found[-1].group(0)) if found else None


CLAUSE_BREAKS = ",;:"                 # a clause ends at these (and at the sentence's end)


def clause_before(text: str, pos: int, stops: str = CLAUSE_BREAKS, longest: int = 200) -> str:
    start = max(0, pos - longest)
    return text[max(start, *(text.rfind(c, start, pos) + 1 for c in stops)):pos]


def clause_after(text: str, pos: int, stops: str = CLAUSE_BREAKS, longest: int = 200) -> str:
    end = min(len(text), pos + longest)
    cuts = [i for i in (text.find(c, pos, end) for c in stops) if i >= 0]
    return text[pos:min(cuts, default=end)]
