"""What the entity sources share: the candidate record, the catalogue's names, clause starts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from ..catalogue import Catalogue, norm_name
from ..records import EntityType
from ..text.patterns import names_pattern
from ..text.places import StartPlaces

# a clause starts after one of these (and at the start of the text)
CLAUSE_PUNCT = "，,。；;：:“”【】「」『』*\\s"
CLAUSE_START = f"(?:^|(?<=[{CLAUSE_PUNCT}]))"
# the same, where an enumeration comma (、) also starts a name
LIST_START = f"(?:^|(?<=[{CLAUSE_PUNCT[:-2]}、\\s]))"
# where a pattern opening with one of them can start (for kg.text.places.finditer_at)
CLAUSE_STARTS, LIST_STARTS = StartPlaces(CLAUSE_PUNCT), StartPlaces(f"{CLAUSE_PUNCT[:-2]}、\\s")
# characters a clause ends at, searched backwards from a title (no regex)
CLAUSE_ENDS = "，,。；;：:“”（(【】「」『』\n"
# the places after them (and the text's start), found once a text: a clause's start is the last before a place
AFTER_CLAUSE_ENDS = StartPlaces("".join(map(re.escape, CLAUSE_ENDS)))


@dataclass(frozen=True)
class Candidate:
    """A possible mention: character offsets, type, and how far it is trusted."""

    start: int
    end: int
    type: EntityType
    priority: int          # lower wins among overlapping candidates of equal length
    key: str | None
    source: str


class KnownNames:
    """The catalogue's names as one regex (a trie: each character read once)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        names = sorted({n for n, _ in catalogue.names()}, key=len, reverse=True)
        # a Latin name must not sit inside a longer Latin word (Spark in Sparkle, GPT-4 in GPT-4o)
        self.regex = re.compile(names_pattern(names), re.I)

    def match(self, s: str) -> re.Match[str] | None:
        return self.regex.match(s)

    def fullmatch(self, s: str) -> re.Match[str] | None:
        return self.regex.fullmatch(s)

    def candidates(self, text: str) -> list[Candidate]:
        """Every catalogue name in the text, typed by its entry (an organisation first)."""
        out = []
        for m in self.regex.finditer(text):
            name = m.group(0)
            for type_ in ("Organization", "Model", "Person"):
                entry = self.catalogue.lookup(type_, name)  # type: ignore[arg-type]
                if entry:
                    out.append(Candidate(m.start(), m.end(), entry.type, 0, entry.key, "catalogue"))
                    break
        return out

    def variant_key(self, family: str, variant: str) -> str:
        """Variants are keyed by their family's catalogue id: 星火Max and 讯飞星火Max are one model."""
        entry = self.catalogue.lookup("Model", family)
        return f"{entry.key if entry else norm_name(family)}-{norm_name(variant)}"


def non_overlapping(cands: Iterable[Candidate], order: Callable[[Candidate], Any]) -> list[Candidate]:
    """The candidates that overlap none taken before them, taken in ``order``; sorted by offset."""
    cands = sorted(cands, key=order)
    taken: list[Candidate] = []
    # one byte per character, 1 where taken: a slice's search, not a set of offsets per candidate
    occupied = bytearray(max((c.end for c in cands), default=0))
    is_taken = occupied.find
    for c in cands:
        start, end = c.start, c.end
        if end <= start or is_taken(1, start, end) >= 0:
            continue
        taken.append(c)
        occupied[start:end] = b"\x01" * (end - start)
    taken.sort(key=attrgetter("start"))
    return taken
