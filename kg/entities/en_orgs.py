"""English organisation names found from the text: a capitalised name with an organisation suffix
("Halberd Research", "Kestrel Labs"), or in a context that says it is one ("startup X", "X, a … startup",
"at X", "X's chief executive", "X-backed", "rival X", "X said in a statement", "X's Wren-2"), and news
outlets. Word lists: en_rules."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ..text.patterns import alternation
from .base import Candidate, KnownNames
from .en_persons import person_of_pattern
from .en_rules import APOS, NOT_IN_WORD, ORG_WORD, compiled, is_name_word, strip_not_names

NAME = rf"{ORG_WORD}(?:(?: |-(?=[A-Z])| & ){ORG_WORD}){{0,3}}"         # Harwell & Stone
END = r"(?![A-Za-z0-9]|-[A-Z0-9])"


@cache
def patterns() -> dict[str, re.Pattern[str]]:
    c = compiled()
    r = c.rules
    after = "|".join([re.escape(p) for p in r.org_after if p[0] in "'’"]
                     + [" " + re.escape(p) for p in r.org_after if p[0] not in "'’"])
    return {
        # not followed by another name word: "Google AI Studio" is a product
        # a place may follow the suffix ("Microsoft Research Asia")
        "suffix": re.compile(rf"{NOT_IN_WORD}(?:{ORG_WORD} ){{1,3}}(?:{c.org_suffix})(?: (?:{alternation(r.places)}))?"
                             rf"{END}(?! [A-Z][a-z]+\b(?!['’]))"),
        "copula": re.compile(rf"{NOT_IN_WORD}({NAME}) (?:{alternation(r.org_copulas)}) (?:a|an) (?:[\w'’-]+ ){{0,4}}?"
                             rf"(?:{alternation(r.org_nouns)})(?=[,.;]| (?:{alternation(r.org_noun_followers)})\b)"),
        "before": re.compile(rf"\b(?:{alternation(r.org_before)}),? (?:the )?({NAME}){END}"),
        "apposition": re.compile(rf"{NOT_IN_WORD}({NAME}), (?:a|an|the|{ORG_WORD}{APOS}s) (?:[\w'’-]+ ){{0,4}}?"
                                 rf"(?:{alternation(r.org_nouns)})\b"),
        "adjective": re.compile(rf"{NOT_IN_WORD}({NAME})-(?:{alternation(r.org_adjectives)})\b"),
        "after": re.compile(rf"{NOT_IN_WORD}({NAME})(?:{after})\b"),
        "verb": re.compile(rf"\b(?:{alternation(r.org_after_verbs)}) ({NAME}){END}"),
        "title": re.compile(rf"{NOT_IN_WORD}({NAME}){APOS}s (?:(?:former|new|then|own|top) )?(?:{c.titles})\b"),
        "media": re.compile(rf"{NOT_IN_WORD}(?:{alternation(r.media)})(?![A-Za-z0-9])"),
    }


def org_span(text: str, start: int, end: int, known: KnownNames) -> tuple[int, int] | None:
    """The name without leading words that are no name; None if nothing of a name is left or it is a
    known person or model, a place, or only a suffix."""
    first = start
    start, end = strip_not_names(text, start, end)
    start = institution_start(text, first, start, end)
    name = text[start:end]
    words = name.split(" ")
    rest = [w for w in words if w not in compiled().rules.org_suffixes]
    # a place may stand inside a name ("Orchid Pacific Holdings"), not first in it
    r = compiled().rules
    public = r.institution_adjectives if words[-1] in r.institution_suffixes else ()
    if not name or not rest or not (is_name_word(rest[0]) or rest[0] in public) or name in compiled().not_names \
            or not all(is_name_word(w) or w in compiled().rules.places or w in public for w in rest):
        return None
    if known.catalogue.lookup("Person", name) or known.catalogue.lookup("Model", name):
        return None
    return start, end


def institution_start(text: str, first: int, start: int, end: int) -> int:
    """"European Commission": before a public body's suffix, a nationality adjective stays in the name."""
    r = compiled().rules
    if text[start:end].rsplit(" ", 1)[-1] not in r.institution_suffixes:
        return start
    while start > first and (m := re.search(r"(\S+) $", text[first:start])) and m.group(1) in r.institution_adjectives:
        start = first + m.start(1)
    return start


def _by(key: str, priority: int, group: int = 1) -> Callable[[str, KnownNames, list[Candidate]], list[Candidate]]:
    def rule(text: str, known: KnownNames, models: list[Candidate]) -> list[Candidate]:
        out = []
        for m in patterns()[key].finditer(text):
            span = org_span(text, m.start(group), m.end(group), known)
            if span:
                out.append(Candidate(span[0], span[1], "Organization", priority, None, f"en-org-{key}"))
        return out
    rule.__name__ = f"org_{key}"
    rule.__doc__ = f"en-org-{key}: an organisation named in the '{key}' pattern."
    return rule


def possessive_model(text: str, known: KnownNames, models: list[Candidate]) -> list[Candidate]:
    """en-org-model-owner: the name before "'s" and a model is its maker ("Marrowline's Strata-4")."""
    out = []
    for c in models:
        m = re.search(rf"{NOT_IN_WORD}({NAME}){APOS}s $", text[max(0, c.start - 60):c.start])
        if m:
            base = max(0, c.start - 60)
            span = org_span(text, base + m.start(1), base + m.end(1), known)
            if span:
                out.append(Candidate(span[0], span[1], "Organization", 3, None, "en-org-model-owner"))
    return out


def paren_vendor(text: str, known: KnownNames, models: list[Candidate]) -> list[Candidate]:
    """en-org-paren-vendor: a name in parentheses right after a model is its vendor ("**Wren-2** (Marrowline):")."""
    out = []
    for c in models:
        m = re.compile(rf"[*_]*\s?\(({NAME})\)").match(text, c.end)
        if m and (span := org_span(text, m.start(1), m.end(1), known)):
            out.append(Candidate(span[0], span[1], "Organization", 3, None, "en-org-paren-vendor"))
    return out


def person_of(text: str, known: KnownNames, models: list[Candidate]) -> list[Candidate]:
    """en-org-person-of: "Jane Doe of Marrow & Pike, Acme's counsel": the name after "of" is her organisation."""
    out = []
    for m in person_of_pattern().finditer(text):
        if span := org_span(text, m.start(2), m.end(2), known):
            out.append(Candidate(span[0], span[1], "Organization", 2, None, "en-org-person-of"))
    return out


ORG_RULES: list[Callable[[str, KnownNames, list[Candidate]], list[Candidate]]] = [
    _by("suffix", 1, 0), _by("media", 1, 0), _by("title", 2), _by("adjective", 2), _by("after", 2),
    _by("apposition", 3), _by("before", 3), _by("verb", 3), possessive_model,
    _by("copula", 3), paren_vendor, person_of,
]
