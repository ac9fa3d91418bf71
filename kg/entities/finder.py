"""Putting the sources together: every candidate, then the non-overlapping ones by trust, then the
names found once counted wherever else they occur. Nothing is kept between texts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..catalogue import Catalogue
from ..lang.zh import lexicon
from ..records import Mention
from ..text.patterns import alternation
from .base import Candidate, KnownNames, non_overlapping
from .models import ModelPatterns
from .org_names import OrgNames
from .orgs import OrgPatterns
from .persons import PersonPatterns
from .words import HAN, common_word

HAN_ONLY = re.compile(f"[{HAN}]+")


@dataclass(frozen=True)
class Found:
    """What the finder found in one text: the mentions, and the model families the text introduces
    (name → offset of the introduction)."""

    mentions: list[Mention]
    families: dict[str, int]


class EntityFinder:
    """Finds entity mentions in text: catalogue names first, then name patterns."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.known = KnownNames(catalogue)
        self.models = ModelPatterns(self.known)
        self.persons = PersonPatterns()
        self.orgs = OrgPatterns(self.known)
        self.places = set(lexicon().places)

    def candidates(self, text: str, families: dict[str, int]) -> list[Candidate]:
        """Every source's candidates, most trusted source first (ties keep this order)."""
        cands = self.known.candidates(text) + self.models.catalogue_variants(text) + self.models.latin_models(text)
        cands += self.models.han_variants(text) + self.models.family_variants(text, families)
        persons = self.persons.find(text)
        cands += persons + self.orgs.find(text, persons)
        cands += self.orgs.by_context(text, [c for c in cands if c.type == "Model"])
        return cands

    def find(self, text: str) -> Found:
        families = self.models.article_families(text)
        chosen = shrink_to_known_orgs(text, select(self.candidates(text, families)), self.orgs.names)
        chosen = self.found_elsewhere(text, chosen)
        mentions = [self._mention(text, c) for c in chosen]
        mentions += self.models.coordinated_variants(text)
        return Found(sorted(mentions, key=lambda m: (m.start, m.end)), families)

    def found_elsewhere(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Names found by a pattern somewhere count wherever else they occur in the article."""
        found = {text[c.start:c.end]: c for c in chosen if c.key is None}
        for c in chosen:
            if c.type == "Organization" and c.key is None:
                stem = self.orgs.names.suffix_re.sub("", text[c.start:c.end])
                if 2 <= len(stem) < c.end - c.start and HAN_ONLY.fullmatch(stem) \
                        and not common_word(stem, 300) and stem not in self.places:
                    found.setdefault(stem, c)       # 言川 for 言川智能 (resolve makes them one entity)
        if not found:
            return chosen
        again = re.compile(alternation(list(found)))
        extra = [Candidate(m.start(), m.end(), found[m.group(0)].type, 6, None, found[m.group(0)].source)
                 for m in again.finditer(text)]
        return select(chosen + extra)

    def _mention(self, text: str, c: Candidate) -> Mention:
        name = text[c.start:c.end]
        key = c.key
        if key is None:
            entry = self.known.catalogue.lookup(c.type, name)
            key = entry.key if entry else None
        return Mention(name, c.type, c.start, c.end, key, c.source)


def shrink_to_known_orgs(text: str, chosen: list[Candidate], names: OrgNames) -> list[Candidate]:
    """"前鸿途智能语音负责人": an organisation that starts with another one named in the article,
    followed by words that are not an organisation suffix, is that organisation (plus a department)."""
    orgs = sorted({text[c.start:c.end] for c in chosen if c.type == "Organization"}, key=len, reverse=True)
    out = []
    for c in chosen:
        name = text[c.start:c.end]
        if c.type == "Organization" and c.key is None and c.source == "title-org":
            inner = next((n for n in orgs if len(n) < len(name) and name.startswith(n)), None)
            if inner and not names.has_suffix(name[len(inner):]):
                c = Candidate(c.start, c.start + len(inner), c.type, c.priority, None, c.source)
        out.append(c)
    return out


def select(cands: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates: the longest first, then the most trusted."""
    return non_overlapping(cands, lambda c: (c.priority > 2, -(c.end - c.start), c.priority, c.start))
