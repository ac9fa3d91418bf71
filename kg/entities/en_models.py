"""English model names found from the text: versioned names ("Halcyon-3 Pro", "Lumen 2.5-Turbo", "o3-mini",
"Claude 3.5 Sonnet", "Llama 3.1 405B"), bare names with a variant word ("Nova Pro"), and names the text
introduces ("a model called Wren", "its Wren model", "Wren, its new model"). Word lists: en_rules."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ..text.patterns import alternation
from .base import Candidate, KnownNames
from .en_rules import NOT_COMPOUND, NOT_IN_WORD, compiled, is_name_word

VERSION = r"\d+(?:\.\d+)*[a-z]?"
LETTER_VERSION = r"[A-Za-z]\d+(?:\.\d+)*[a-z]?"
SIZE = r"\d+(?:\.\d+)?[BMK]"
WORD = r"[A-Z][A-Za-z]+"
# Halcyon-3, Qwen2.5, o3, R1, DeepSeek-V3, Doubao-Seed-1.6
GLUED = rf"(?:{WORD}-)?(?:[A-Z][A-Za-z]*|[a-z])-?{VERSION}"
# Claude 3.5, Kimi K2, Mistral Medium 3, Claude Sonnet 4.5 (a middle word must be a variant word)
SPACED = rf"{WORD}(?:-{WORD})? (?:{WORD} )?(?:\d{{1,2}}(?:\.\d+)*[a-z]?|{LETTER_VERSION})(?!\d|,\d)"


@cache
def patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    r = compiled().rules
    head = re.compile(rf"{NOT_IN_WORD}(?:{SIZE}(?!x)|{GLUED}|{SPACED})(?![A-Za-z0-9])")
    bare = re.compile(rf"{NOT_IN_WORD}{WORD}[- ](?:{alternation(r.bare_suffixes)})(?![A-Za-z0-9])")
    piece = (rf"(?:-(?:(?i:{compiled().suffix})|{SIZE}|{VERSION}|{LETTER_VERSION})"
             rf"| (?:{compiled().suffix}|{alternation(r.lowercase_suffixes)}|{SIZE}|{VERSION}|{LETTER_VERSION}))"
             r"(?![A-Za-z0-9])")
    return head, bare, re.compile(piece)


def extend(text: str, end: int) -> int:
    """The end of a model name after its variant words, versions and sizes ("-Turbo", " 405B", " mini")."""
    piece = patterns()[2]
    while m := piece.match(text, end):
        if m.group(0)[0] == " " and m.group(0)[1].isdigit() and compiled().unit_after.match(text, m.end()):
            break                                       # "GPT-4o 5 times": a quantity, not a version
        end = m.end()
    return end


def acceptable(name: str, known: KnownNames) -> bool:
    """Not a chip, quarter or currency amount; not headed by a word that heads no model (Table 3, March 5)."""
    c = compiled()
    words = re.split(r"[- ]", name)
    if not is_name_word(words[0]) or words[0] in c.rules.not_model_heads or words[0] in c.rules.model_suffixes:
        return False
    if any(c.not_model.fullmatch(w) for w in words) or c.not_model.fullmatch(name):
        return False
    return not re.fullmatch(r"\d+(?:\.\d+)?[BMK]", name)


def cut_known_org(text: str, start: int, end: int, known: KnownNames) -> int:
    """"OpenAI o3-mini": a catalogue organisation before the name is not part of it (but "Mistral Large 2" is)."""
    first, _, rest = text[start:end].partition(" ")
    if rest and known.catalogue.lookup("Organization", first) and rest.split(" ")[0].split("-")[0] \
            not in compiled().rules.model_suffixes:
        return start + len(first) + 1
    return start


@cache
def not_model_after() -> re.Pattern[str]:
    return re.compile(rf" (?:{alternation(compiled().rules.not_model_followers)})\b", re.I)


def versioned(text: str, known: KnownNames) -> list[Candidate]:
    """en-model-versioned: a name with a version number, and its variant words."""
    out = []
    for m in patterns()[0].finditer(text):
        if " " in m.group(0) and m.group(0)[-1].isdigit() and compiled().unit_after.match(text, m.end()):
            continue                                    # "Nvidia 10 percent"
        start = cut_known_org(text, m.start(), m.end(), known)
        if " " in text[start:m.end()] and not is_name_word(text[start:m.end()].split(" ")[0]):
            start += text[start:m.end()].index(" ") + 1     # "After R1,": the version alone
        end = extend(text, m.end())
        name = text[start:end]
        if not_model_after().match(text, end):
            continue                                    # "the Apache 2.0 licence"
        if re.search(r"[A-Za-z]", name) and acceptable(name, known):
            out.append(Candidate(start, end, "Model", 1, None, "en-model-versioned"))
    return out


def with_suffix(text: str, known: KnownNames) -> list[Candidate]:
    """en-model-suffix: a capitalised name and a variant word ("Nova Pro", "Qwen-Max", "grok-beta")."""
    out = []
    for m in patterns()[1].finditer(text):
        name = text[m.start():m.end()]
        if acceptable(name, known) and name.split(" ")[0].split("-")[0] not in compiled().rules.org_suffixes:
            out.append(Candidate(m.start(), extend(text, m.end()), "Model", 1, None, "en-model-suffix"))
    for c in known.candidates(text):        # a catalogue model and its variant words: Grok-beta, Qwen-Max
        if c.type == "Model" and (end := extend(text, c.end)) > c.end:
            out.append(Candidate(c.start, end, "Model", 1, None, "en-model-suffix"))
    return out


@cache
def context_patterns() -> tuple[re.Pattern[str], ...]:
    r = compiled().rules
    nouns, adj = alternation(r.model_nouns), alternation(r.model_adjectives)
    name = r"([A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*)"
    owner = r"(?:its|their|the company's|the company’s|the startup's|the startup’s)"
    return (re.compile(rf"\b(?:{nouns}),? (?:{alternation(r.model_name_intros)}) {name}{NOT_COMPOUND}"),
            re.compile(rf"\b{owner} (?:(?:{adj}),? )*{name} (?:{nouns})\b"),
            re.compile(rf"{NOT_IN_WORD}{name}, {owner} (?:(?:{adj}) )*(?:{nouns})\b"),
            # "its customer-service model, Orrin-M2, …": the name in apposition to the model noun
            re.compile(rf"\b{owner} (?:[\w-]+ ){{0,2}}?(?:{nouns}), {name}(?=,)"))


def introduced(text: str, known: KnownNames) -> list[Candidate]:
    """en-model-introduced: "a model called Wren", "its Wren model", "Wren, its new model"."""
    out = []
    for p in context_patterns():
        for m in p.finditer(text):
            name = m.group(1)
            if is_name_word(name) and name not in compiled().rules.org_suffixes \
                    and not known.catalogue.lookup("Organization", name):
                out.append(Candidate(m.start(1), m.end(1), "Model", 2, None, "en-model-introduced"))
    return out


MODEL_RULES: list[Callable[[str, KnownNames], list[Candidate]]] = [versioned, with_suffix, introduced]
