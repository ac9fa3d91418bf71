"""Claims: what the attribution rules (``claims_rules``) read and find: a ``Unit`` of the text, with its
persons and subjects, and an ``Attribution``, a place in it where someone is said to speak."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..records import Mention
from .claims_patterns import Patterns
from .claims_units import clause_start


@dataclass(frozen=True)
class Attribution:
    """A place in a unit where someone is said to speak."""

    start: int                     # article offset where the attribution begins
    content_start: int             # where what is said begins (after the verb)
    speaker: Mention | None        # None: a company or an unnamed speaker
    rule: str
    subject: str = ""              # the subject's text when there is no person
    also: tuple[Mention, ...] = ()  # 韩某和苏某均表示: more people saying the same
    content_end: int | None = None  # where what is said ends, when not at the next attribution
    spans: tuple[tuple[int, int], ...] = ()  # quotes said, when not after the attribution: “…”他笑了笑，“…”


@dataclass(frozen=True)
class Unit:
    """One unit [start, end) of the article's text, as the rules read it."""

    text: str
    start: int
    end: int
    persons: list[Mention]         # the people mentioned in the unit
    quoted: list[bool]             # per character of the unit: inside quotation marks?
    bounds: frozenset[int]         # offsets where a word starts
    pats: Patterns

    def outside(self, pos: int) -> bool:
        return not self.quoted[pos - self.start]

    @cached_property
    def subjects(self) -> list[tuple[int, int, Mention | None]]:
        """The unit's subjects outside quotes: people (not objects) and 他/她 starting a clause (found once: two
        rules read them)."""
        subjects: list[tuple[int, int, Mention | None]] = \
            [(p.start, p.end, p) for p in self.persons if self.outside(p.start) and is_subject(self.pats, self.text, p.start)]
        subjects += [(m.end() - 1, m.end(), None) for m in self.pats.pronouns_in(self.text, self.start, self.end)
                     if self.outside(m.end() - 1)]
        return subjects


def is_subject(pats: Patterns, text: str, pos: int) -> bool:
    """Is the person at ``pos`` the subject of its clause, not an object (记者问张某, 向张某提问)?"""
    before = text[clause_start(text, pos):pos]
    return len(before) <= 30 and not pats.object_before.search(before)
