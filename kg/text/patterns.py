"""Regular expressions built from word lists: alternations, tries of names, lookbehinds."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so the longest wins."""
    return _alternation(tuple(words))


@lru_cache(maxsize=512)
def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def occurrences(text: str, words: Iterable[str]) -> list[int]:
    """Every place (sorted, once each) where one of the non-empty literal words starts, overlaps included."""
    starts = set()
    for w in words:
        at = text.find(w)
        while at >= 0:
            starts.add(at)
            at = text.find(w, at + 1)
    return sorted(starts)


def literal_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """The spans ``re.finditer(alternation(words), text)`` gives for non-empty words (the leftmost, there
    the longest, none overlapping), without compiling a pattern for words that change with every text
    (a compile costs more than the scan)."""
    longest: dict[int, int] = {}        # where a word starts → the length of the longest one there
    for w in set(words):
        at = text.find(w)
        while at >= 0:
            longest[at] = max(longest.get(at, 0), len(w))
            at = text.find(w, at + 1)
    out: list[tuple[int, int]] = []
    end = 0
    for at in sorted(longest):
        if at >= end:
            end = at + longest[at]
            out.append((at, end))
    return out


def starts_any(words: Iterable[str]) -> str:
    """A lookahead true only where one of the words can start: an alternation of many words is tried
    word by word at every position of the text, a character class in one step (title patterns: 5x)."""
    firsts = sorted({w[0] for w in words if w})
    return "(?=[" + "".join(re.escape(ch) if ch in "\\]^-[" else ch for ch in firsts) + "])"


def word_trie(words: Iterable[str]) -> str:
    """What ``alternation(words)`` matches, for a pattern without IGNORECASE, laid out as a trie: the words
    that match at one place are prefixes of one another, one path of the trie, which tries them longest
    first as the alternation does, but reads each character once instead of trying every word there
    (the job titles: 175 words)."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}                       # a word ends here

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:                      # after the longer words, so the longest is tried first
            alts.append("")
        return "" if not alts else alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)


def names_pattern(names: Iterable[str]) -> str:
    """A regex for many literal names (matched case-insensitively), laid out as a trie.

    An alternation of hundreds of names is tried name by name at every position (5 ms an article
    here); the trie reads each character once (0.3 ms). The longest name wins (a node's longer
    continuations come before its own end), and a Latin name must not sit inside a longer Latin
    word (Spark in Sparkle, GPT-4 in GPT-4o).
    """
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name.lower():
            node = node.setdefault(ch, {})
        node[""] = {}                       # a name ends here

    def emit(node: dict, last: str) -> str:
        alts = [re.escape(ch) + emit(child, ch) for ch, child in sorted(node.items()) if ch]
        if "" in node:                      # after the longer names, so the longest wins
            alts.append("(?![A-Za-z0-9])" if last.isascii() else "")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    # the leading character class lets the regex engine skip positions no name can start at; a Latin
    # name's first letter comes before its lookbehind (no letter before it), so that the engine passes
    # over the branches of other first letters at once
    first = "".join(re.escape(ch) for ch in sorted(trie))
    return f"(?=[{first}])(?:" + "|".join(re.escape(ch) + ("(?<![A-Za-z0-9][\\s\\S])" if ch.isascii() else "")
                                          + emit(child, ch) for ch, child in sorted(trie.items())) + ")"


def lookbehind_any(words: Iterable[str]) -> str:
    """A regex true right after any of the words: one lookbehind per word length (a lookbehind needs a
    fixed width), not one per word, which made the organisation patterns 3x slower."""
    by_length: dict[int, list[str]] = {}
    for w in words:
        by_length.setdefault(len(w), []).append(re.escape(w))
    return "|".join(f"(?<={'|'.join(ws)})" for _, ws in sorted(by_length.items()))
