"""Where a pattern's matches can start, found without trying it at every place of a text: a pattern that
opens with lookbehinds or long alternations costs far more tried at 3,000 places than a search for the few
places it can match at (after a clause's punctuation, before a suffix), and at those places it finds what
it finds anywhere."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

import numpy

from .patterns import occurrences, starts_any, word_trie


class Anchored:
    """A pattern whose matches hold one of some literal words ``nearest`` to ``farthest`` characters after
    their start (a suffix, a bracket), tried only there: opening with lookbehinds, it is slow to try at every
    place of a text, and finding the words is fast."""

    def __init__(self, pattern: str, words: Iterable[str], nearest: int, farthest: int) -> None:
        self.pattern, self.words = re.compile(pattern), tuple(words)
        if not all(self.words):
            raise ValueError("an empty word is found everywhere: it anchors nothing")
        # every place a word starts at: for many words a trie read once per place, not a search of the
        # text per word; for a few, those searches
        self.word_starts = re.compile(f"{starts_any(self.words)}(?={word_trie(self.words)})") \
            if len(self.words) > 8 else None
        self.nearest, self.farthest = nearest, farthest

    def overlapping(self, text: str) -> Iterator[re.Match[str]]:
        """The match starting at each place where one does, in order (searching again from one character
        after each match's start): in 韦礼曾在墨衡科技 the span 韦礼曾在墨衡科技 is refused (it holds 在),
        and 墨衡科技 inside it must still be tried."""
        return (m for at in self.places(text) if (m := self.pattern.match(text, at)))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """What ``re.finditer`` finds: the leftmost matches, none overlapping."""
        return finditer_at(self.pattern, text, self.places(text))

    def places(self, text: str) -> list[int]:
        anchors = [m.start() for m in self.word_starts.finditer(text)] if self.word_starts \
            else occurrences(text, self.words)
        return sorted({at for a in anchors for at in range(max(0, a - self.farthest), a - self.nearest + 1)})


def finditer_at(pattern: re.Pattern[str], text: str, places: Iterable[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds (for a pattern that never matches an empty string), given
    the places, in order, where its matches can start (a match tried at a place is the one a search
    tries there)."""
    end = 0
    for at in places:
        if at >= end and (m := pattern.match(text, at)):
            end = m.end()
            yield m


class StartPlaces:
    """The text's start, the places after a character of a class or after a word, and those of a character
    (an opening quote): where a pattern that opens with lookbehinds of them can start (a clause start, a
    family's introduction), for ``finditer_at``. Trying the pattern at every place costs more."""

    def __init__(self, after_chars: str, after_words: Iterable[str] = (), at: str = "") -> None:
        self.after, self.at = re.compile(f"[{after_chars}]"), at
        # a word that is one character of the class adds no place, nor one that ends with another word
        # (大模型: every place after it is after 模型)
        words = {w for w in after_words if not (len(w) == 1 and self.after.fullmatch(w))}
        self.words = tuple(sorted(w for w in words if not any(v != w and w.endswith(v) for v in words)))
        self.members = _members(after_chars)

    def __call__(self, text: str) -> list[int]:
        after = self._after(text)
        if not self.words and not self.at:
            return [0, *after]
        places = {0, *after}
        for w in self.words:
            places.update(at + len(w) for at in occurrences(text, (w,)))
        if self.at:
            places.update(occurrences(text, (self.at,)))
        return sorted(places)

    def _after(self, text: str) -> list[int]:
        """The places after a character of the class, in order: its members looked up in a table, the
        whole text at once (a regex's matches, one object each, cost five times more)."""
        codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
        if codes.size and codes.max() >= len(self.members):
            return [m.end() for m in self.after.finditer(text)]       # beyond the table (emoji): the regex
        return (numpy.flatnonzero(self.members[codes]) + 1).tolist()


@cache
def _members(chars: str) -> numpy.ndarray:
    """Which characters of the Basic Multilingual Plane the character class ``[chars]`` holds (\\s
    included), as a table by code point, read off the class's own regex."""
    table = numpy.zeros(0x10000, dtype=bool)
    table[[ord(m.group()) for m in re.finditer(f"[{chars}]", _bmp())]] = True
    return table


@cache
def _bmp() -> str:
    return "".join(map(chr, range(0x10000)))
