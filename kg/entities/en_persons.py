"""English person names found from the text: two or three capitalised words ("Jane Doe", "Liang Wenfeng",
"Jae-won Kim") in a context that says they name a person: a title before or after ("CEO Jane Doe",
"Jane Doe, chief technology officer of X"), a speech verb ("…, Jane Doe said", "said Jane Doe"),
"Jane Doe, who …", "Ms. Doe", an age in apposition ("Doe, 38, is the founder …"). Word lists: en_rules."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ..text.patterns import alternation
from .base import Candidate, KnownNames
from .en_rules import NOT_IN_WORD, PERSON_WORD, compiled, is_name_word, strip_not_names

PERSON = rf"{PERSON_WORD}(?: {PERSON_WORD}){{1,2}}"
# an age in apposition, then maybe a copula: "Doe, 38, is the co-founder …"
AGE = r"(?:\d{1,2}, (?:(?:is|was|has been|became) )?)?"
END = r"(?![\w'’-]*[A-Za-z0-9])"


@cache
def patterns() -> dict[str, re.Pattern[str]]:
    c = compiled()
    r = c.rules
    verbs = alternation(r.speech_verbs)
    return {
        "title-before": re.compile(rf"\b{c.titles},? ({PERSON}){END}"),
        "title-after": re.compile(rf"{NOT_IN_WORD}({PERSON}), {AGE}(?:(?:a|an|the|its|his|her|their) )?"
                                  rf"(?:[\w.'’&-]+ ){{0,4}}?{c.titles}\b"),
        "age": re.compile(rf"{NOT_IN_WORD}({PERSON}), \d{{1,2}}, "),
        "speech": re.compile(rf"{NOT_IN_WORD}({PERSON}),? (?:{verbs})\b"),
        "said-name": re.compile(rf"\b(?:said|says|according to|wrote) ({PERSON}){END}"),
        "who": re.compile(rf"{NOT_IN_WORD}({PERSON}), who\b"),
        "career": re.compile(rf"{NOT_IN_WORD}({PERSON})(?: (?:{alternation(r.career_verbs)})"
                             rf"|, (?:{alternation(r.career_participles)}))\b"),
        "hired": re.compile(rf"\b(?:{alternation(r.hire_verbs)}) ({PERSON}){END}"),
        "courtesy": re.compile(rf"(?<![\w.])(?:{alternation(r.courtesy)}) ({PERSON_WORD}(?: {PERSON_WORD})?){END}"),
    }


@cache
def person_of_pattern() -> re.Pattern[str]:
    """"Jane Doe of Marrow & Pike, Acme's lead counsel, said": a person (1), the organisation she is of (2)."""
    c = compiled()
    org = r"[A-Z][\w.-]*(?: (?:&|[A-Z][\w.-]*)){0,3}"
    return re.compile(rf"{NOT_IN_WORD}({PERSON}) of ({org})(?:, (?:(?:a|an|the|its|his|her|their) )?"
                      rf"(?:[\w.'’&-]+ ){{0,4}}?{c.titles}\b|,? (?:{alternation(c.rules.speech_verbs)})\b)")


def after_of(text: str, start: int) -> bool:
    """"… Jane Doe of Marrow Brandt, counsel": the name after "<Name> of" is no person."""
    return re.search(r"\b[A-Z][\w'’-]+ of $", text[max(0, start - 40):start]) is not None


def person_span(text: str, start: int, end: int, known: KnownNames, min_words: int = 2) -> tuple[int, int] | None:
    """The name without leading words that are no name; None if fewer than two words are left, a word is a
    place or an organisation suffix, or the catalogue knows it as an organisation or model."""
    c = compiled()
    first = text[start:end].split(" ")[0]
    if not (first in c.rules.calendar_given_names and len(text[start:end].split(" ")) == 2):
        start, end = strip_not_names(text, start, end)
    name = text[start:end]
    words = name.split(" ")
    if len(words) < min_words or not all(is_name_word(w) for w in words[words[0] == first and
                                                                         first in c.rules.calendar_given_names:]):
        return None
    if any(w in c.rules.org_suffixes or w in c.rules.model_suffixes for w in words):
        return None
    if any(known.catalogue.lookup("Organization", w) or known.catalogue.lookup("Model", w) for w in words):
        return None
    return start, end


def _by(key: str) -> Callable[[str, KnownNames], list[Candidate]]:
    def rule(text: str, known: KnownNames) -> list[Candidate]:
        out = []
        least = 1 if key == "courtesy" else 2
        for m in patterns()[key].finditer(text):
            if key == "title-after" and after_of(text, m.start(1)):
                continue
            span = person_span(text, m.start(1), m.end(1), known, least)
            if span:
                out.append(Candidate(span[0], span[1], "Person", 2, None, f"en-person-{key}"))
        return out
    rule.__name__ = f"person_{key.replace('-', '_')}"
    rule.__doc__ = f"en-person-{key}: a person named in the '{key}' pattern."
    return rule


def person_of_rule(text: str, known: KnownNames) -> list[Candidate]:
    """en-person-of: "Jane Doe of Marrow & Pike, Acme's lead counsel": the name before "of" is a person."""
    out = []
    for m in person_of_pattern().finditer(text):
        if span := person_span(text, m.start(1), m.end(1), known):
            out.append(Candidate(span[0], span[1], "Person", 2, None, "en-person-of"))
    return out


PERSON_RULES: list[Callable[[str, KnownNames], list[Candidate]]] = [
    _by("title-before"), _by("title-after"), _by("speech"), _by("said-name"), _by("who"), _by("career"), _by("hired"),
    _by("courtesy"),
    _by("age"), person_of_rule,
]


def surname_candidates(text: str, known: KnownNames) -> list[Candidate]:
    """One-word names in a title context after them ("Doe, X's chief executive, said"): a family name."""
    out = []
    for m in re.finditer(rf"{NOT_IN_WORD}({PERSON_WORD}), {AGE}(?:(?:a|an|the|its|his|her|their) )?"
                         rf"(?:[\w.'’&-]+ ){{0,4}}?{compiled().titles}\b", text):
        if person_span(text, m.start(1), m.end(1), known, 1) and not after_of(text, m.start(1)):
            out.append(Candidate(m.start(1), m.end(1), "Person", 4, None, "en-person-surname"))
    return out


def full_names(text: str, chosen: list[Candidate], surnames: list[Candidate]) -> list[Candidate]:
    """en-person-full: "Jane Doe" anywhere in the text, for a family name "Doe" found in a person context."""
    names = {text[c.start:c.end] for c in surnames} - {w for c in chosen for w in text[c.start:c.end].split(" ")}
    if not names:
        return []
    found = re.finditer(rf"{NOT_IN_WORD}({PERSON_WORD}) (?:{alternation(names)})(?![\w'’-]*[A-Za-z0-9])", text)
    return [Candidate(m.start(), m.end(), "Person", 3, None, "en-person-full") for m in found
            if is_name_word(m.group(1))]


def short_form(name: str) -> str | None:
    """What an article calls a person after the first mention: the family name ("Doe" for "Jane Doe",
    "Liang" for "Liang Wenfeng"); None for a one-word or non-Latin name."""
    words = name.split(" ")
    if len(words) < 2 or not re.fullmatch(rf"{PERSON_WORD}(?: {PERSON_WORD})+", name):
        return None
    short = words[0] if len(words) == 2 and words[0] in compiled().rules.surnames_first else words[-1]
    return short if is_name_word(short) else None
