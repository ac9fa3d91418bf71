"""English entity mentions: catalogue names, then name patterns (kg/rules/en/entities.yaml).

Sources, most trusted first: the catalogue (``KnownNames``); model patterns (en_models); person patterns
(en_persons); organisation patterns (en_orgs). A pattern name that cuts into a catalogue name is dropped;
otherwise the longer name wins, then the more trusted. Names found once then count wherever else they occur:
a person's family name alone ("Doe said", "Liang said") gets the full name's key, an organisation's short
name ("Northvane" for "Northvane AI") the full name's key. Nothing is kept between texts.
"""

from __future__ import annotations

import re

from ..catalogue import Catalogue
from ..records import Mention
from ..resolve import name_key
from ..text.patterns import alternation
from .base import Candidate, KnownNames, non_overlapping
from .en_models import LETTER_VERSION, MODEL_RULES
from .en_orgs import ORG_RULES
from .en_persons import PERSON_RULES, full_names, short_form, surname_candidates
from .en_rules import compiled, is_name_word
from .finder import Chosen


class EnglishEntityFinder:
    """Finds entity mentions in English text."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.known = KnownNames(catalogue)

    def patterns(self, text: str) -> list[Candidate]:
        """Every pattern rule's candidates, in rule order."""
        models = [c for rule in MODEL_RULES for c in rule(text, self.known)]
        persons = [c for rule in PERSON_RULES for c in rule(text, self.known)]
        orgs = [c for rule in ORG_RULES for c in rule(text, self.known, models)]
        return models + persons + orgs

    def find(self, text: str) -> Chosen:
        known = self.known.candidates(text)
        patterns = self.patterns(text)
        chosen = select(known, patterns)
        surnames = self.patterns_short(text)
        full = full_names(text, [c for c in chosen if c.type != "Organization" or c.key], surnames)
        if family := {text[c.start:c.end].rsplit(" ", 1)[-1] for c in full}:
            # en-person-first: "Lindqvist" is a person's family name here, not an organisation a weak
            # context ("the company, Lindqvist insists") made of it
            patterns = [c for c in patterns if not (c.type == "Organization" and text[c.start:c.end] in family)]
            chosen = select(known, patterns)
        chosen = select(chosen, full)
        chosen = select(chosen, self.elsewhere(text, chosen))
        shorter = self.short_names(text, chosen)
        mentions = [Mention(text[c.start:c.end], c.type, c.start, c.end,
                            c.key or self._key(c, text) or shorter.get((c.type, text[c.start:c.end])), c.source)
                    for c in chosen]
        return Chosen(mentions, {})

    def _key(self, c: Candidate, text: str) -> str | None:
        entry = self.known.catalogue.lookup(c.type, text[c.start:c.end])
        return entry.key if entry else None

    def patterns_short(self, text: str) -> list[Candidate]:
        """One-word persons in a title context ("Doe, X's chief executive, said"), to find their full name."""
        return surname_candidates(text, self.known)

    def short_names(self, text: str, chosen: list[Candidate]) -> dict[tuple[str, str], str]:
        """en-short-name: (type, short name) -> the key of the longer name it shortens, for names found on their
        own: "V3" after "DeepSeek-V3", "Northvane" beside "Northvane AI"."""
        out: dict[tuple[str, str], str] = {}
        for c in chosen:
            name = text[c.start:c.end]
            key = c.key or self._key(c, text) or name_key(c.type, name)
            if c.type == "Model" and (m := re.search(rf"[- ]({LETTER_VERSION})$", name)):
                out.setdefault(("Model", m.group(1)), key)
            if c.type == "Organization" and (stem := org_stem(name, compiled().rules.org_suffixes)):
                out.setdefault(("Organization", stem), key)
        return out

    def elsewhere(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """en-person-short, en-org-short, en-again: names found once, wherever else they occur."""
        wanted: dict[str, tuple[Candidate, str | None, str]] = {}
        for c in chosen:
            name = text[c.start:c.end]
            key = c.key or self._key(c, text)
            if c.key is None and key is None:
                wanted.setdefault(name, (c, None, "en-again"))
            if c.type == "Person" and (short := short_form(name)):
                wanted.setdefault(short, (c, key or name_key("Person", name), "en-person-short"))
            if c.type == "Organization" and key is None and (stem := org_stem(name)):
                wanted.setdefault(stem, (c, name_key("Organization", name), "en-org-short"))
        if not wanted:
            return []
        again = re.compile(rf"(?<![\w.-])(?:{alternation(wanted)})(?![\w]|-[A-Za-z0-9])")
        return [Candidate(m.start(), m.end(), wanted[m.group(0)][0].type, 5, wanted[m.group(0)][1],
                          wanted[m.group(0)][2]) for m in again.finditer(text)]


def org_stem(name: str, suffixes: tuple[str, ...] = ()) -> str | None:
    """"Northvane" for "Northvane AI": the name without a suffix articles drop, if a name is left."""
    head, _, last = name.rpartition(" ")
    droppable = suffixes or compiled().rules.droppable_suffixes
    if head and last in droppable and all(is_name_word(w) for w in head.split(" ")):
        return head
    return None


def select(first: list[Candidate], more: list[Candidate]) -> list[Candidate]:
    """``first`` (already chosen, or the catalogue's) and the ones of ``more`` that do not cut into them or
    repeat them; among those, the longest first, then the most trusted; no two overlap."""
    def cuts(c: Candidate) -> bool:
        return any(c.start < f.end and f.start < c.end and not (c.start <= f.start and f.end <= c.end
                                                                  and (c.start, c.end) != (f.start, f.end))
                   for f in first)
    pool = first + [c for c in more if not cuts(c)]
    return non_overlapping(pool, lambda c: (-(c.end - c.start), c.priority, c.start))
