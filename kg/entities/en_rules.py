"""The English entity finder's word lists (``kg/rules/en/entities.yaml``) and the regexes built from them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lang.en import lexicon
from ..rules import load_rules
from ..text.patterns import alternation


@dataclass(frozen=True)
class EntityRules:
    """``kg/rules/en/entities.yaml``: the words the English entity patterns read."""

    model_suffixes: tuple[str, ...]         # variant words after a model name (Pro, Flash, mini)
    bare_suffixes: tuple[str, ...]          # suffixes that make a model of a bare name (Nova Pro)
    lowercase_suffixes: tuple[str, ...]     # lower-case suffixes allowed after a space (GPT-5 mini)
    not_model_patterns: tuple[str, ...]     # versioned-looking tokens that are no model (H100, Q3)
    not_model_heads: tuple[str, ...]        # words that head no model name (Blackwell, Table)
    not_model_followers: tuple[str, ...]    # words after a versioned name that make it no model (licence)
    units: tuple[str, ...]                  # words after a quantity (percent, billion)
    model_nouns: tuple[str, ...]            # model, chatbot
    model_name_intros: tuple[str, ...]      # called, named
    model_adjectives: tuple[str, ...]       # new, latest (its new X model)
    org_suffixes: tuple[str, ...]           # Inc, Labs, AI, Group
    institution_suffixes: tuple[str, ...]   # Commission, Authority
    institution_adjectives: tuple[str, ...] # European (Commission)
    droppable_suffixes: tuple[str, ...]     # suffixes an article drops for the short name
    org_before: tuple[str, ...]             # startup X, rival X
    org_nouns: tuple[str, ...]              # X, a … startup
    org_adjectives: tuple[str, ...]         # X-backed, X-owned
    org_after: tuple[str, ...]              # X said in a statement
    org_copulas: tuple[str, ...]            # X is a … lab
    org_noun_followers: tuple[str, ...]     # of, that (X is a … lab of …)
    org_after_verbs: tuple[str, ...]        # at X, joined X
    media: tuple[str, ...]                  # news outlets
    person_titles: tuple[str, ...]          # titles besides the lexicon's
    courtesy: tuple[str, ...]               # Mr., Ms.
    speech_verbs: tuple[str, ...]           # said, told
    career_verbs: tuple[str, ...]           # rejoined, returns to (after a name)
    hire_verbs: tuple[str, ...]             # poached, lured (before a name)
    career_participles: tuple[str, ...]     # , poached from (after a name)
    surnames_first: tuple[str, ...]         # family names written first (Liang Wenfeng)
    stopwords: tuple[str, ...]              # capitalised words that are no name
    calendar: tuple[str, ...]               # months and days
    calendar_given_names: tuple[str, ...]   # calendar words that are also given names (Jan Leike)
    places: tuple[str, ...]                 # countries, regions, cities


def rules() -> EntityRules:
    return load_rules("en", "entities", EntityRules)


# one capitalised word of a person's name: Timothée, Jae-won, O'Neil
PERSON_WORD = r"[A-Z][a-z\u00C0-\u024F]+(?:['’][A-Z][a-z]+)?(?:-[A-Za-z\u00C0-\u024F][a-z\u00C0-\u024F]+)?"
# one word of an organisation's name: SoftBank, D.A., Character.AI, xAI, 01.AI
ORG_WORD = (r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][A-Za-z0-9&]*(?:\.[A-Z][A-Za-z]*)?|[a-z]+[A-Z][A-Za-z0-9]*"
            r"|\d+\.[A-Z]{2,})")
NOT_IN_WORD = r"(?<![\w'’.$€£¥-])"          # a name does not start inside a word, a number or a possessive
NOT_COMPOUND = r"(?![\w-]*[A-Za-z0-9])"      # nor end inside one (US-based, DeepSeek-V3-powered)
APOS = "['’]"


@dataclass(frozen=True)
class Compiled:
    """The regexes the rules share, built once from the word lists."""

    rules: EntityRules
    not_names: frozenset[str]       # stopwords, calendar words, places
    titles: str                     # alternation of job titles (case-insensitive group)
    not_model: re.Pattern[str]
    unit_after: re.Pattern[str]
    suffix: str                     # alternation of model suffixes
    org_suffix: str                 # alternation of organisation suffixes


@cache
def compiled() -> Compiled:
    r = rules()
    titles = sorted(set(lexicon().titles) | set(r.person_titles), key=len, reverse=True)
    not_model = re.compile("(?:" + "|".join(r.not_model_patterns) + r")")
    units = re.compile(r"\s*(?:" + alternation(r.units) + r")\b", re.I)
    return Compiled(r, frozenset(r.stopwords) | frozenset(r.calendar) | frozenset(r.places),
                    "(?i:" + alternation(titles) + ")", not_model, units,
                    alternation(r.model_suffixes), alternation(r.org_suffixes))


def is_name_word(word: str) -> bool:
    """A capitalised word that can be part of a name (not The, March, Beijing)."""
    return word not in compiled().not_names


def strip_not_names(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without leading words that are no name ("The Quillfeather" → "Quillfeather")."""
    while start < end:
        m = re.match(r"\S+\s+", text[start:end])
        if not m or is_name_word(m.group(0).strip()):
            break
        start += m.end()
    return start, end
