"""Organisations named after a stem the text gives: the maker of a new model brand (川流网络, 川流宣布
beside 川流Lite-8K), another organisation's stem with its own suffix (恒岚云 beside 恒岚集团)."""

from __future__ import annotations

import re

from ..lang.zh import lexicon
from ..text.patterns import alternation, occurrences
from .base import Candidate, KnownNames
from .rules import entity_rules, in_order
from .words import HAN

HAN_CHAR = re.compile(f"[{HAN}]")
BRAND = re.compile(f"([{HAN}]{{2,4}})-?[A-Za-z]")


class StemOrgs:
    """The organisations named after the stems of one text (the stems change with every text, the
    patterns around them do not: they are compiled once)."""

    def __init__(self, known: KnownNames) -> None:
        self.known = known
        self.suffix_after = re.compile(f"(?:{alternation(lexicon().org_suffixes)})")
        self.brand_follower = re.compile(in_order(entity_rules().contextual_org_followers))

    def brands(self, text: str, models: list[Candidate]) -> list[Candidate]:
        """The makers of new model brands: where the text names 川流Lite-8K or 川流-Mini, "川流网络" (any
        organisation suffix, weak ones too) and "川流宣布" (a bare brand before a verb an organisation
        takes) name an organisation. The brand is the Chinese start of a new model's name before a Latin
        variant; catalogue families (混元-lite) are no brand."""
        brands = set()
        for c in models:
            m = BRAND.match(text[c.start:c.end])
            if c.key is None and m and not self.known.match(m.group(1)):
                brands.add(m.group(1))
        return self.named_after(text, brands, bare=True, source="brand-org")

    def named_after(self, text: str, stems: set[str], bare: bool, source: str) -> list[Candidate]:
        """Organisations named after a brand or another organisation's stem: the stem with any organisation
        suffix (恒岚云 beside 恒岚集团), or bare before a verb an organisation takes."""
        # what re.finditer of "(?:stems)(?:suffixes)|(?<![HAN])(?:stems)(?=followers)" finds, without
        # compiling the suffixes anew for every text's stems
        names = sorted(stems, key=len, reverse=True)
        out, pos = [], 0
        for at in occurrences(text, names):
            end = self._named_at(text, at, names, bare) if at >= pos else 0
            if end:
                out.append(Candidate(at, end, "Organization", 5, None, source))
                pos = end
        return out

    def _named_at(self, text: str, at: int, names: list[str], bare: bool) -> int:
        """The end of a stem at ``at`` with any organisation suffix, else of a bare stem (only at a word's
        start: a brand inside a longer word is no name) before a verb an organisation takes; else 0."""
        for name in names:
            if text.startswith(name, at) and (suffix := self.suffix_after.match(text, at + len(name))):
                return suffix.end()
        if bare and not HAN_CHAR.match(text[at - 1:at]):
            for name in names:
                if text.startswith(name, at) and self.brand_follower.match(text, at + len(name)):
                    return at + len(name)
        return 0
