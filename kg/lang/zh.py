"""Chinese: the lexicon's typed schema and the patterns built from it that several stages share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..rules import load_rules
from ..text.patterns import alternation, starts_any, word_trie

LANG = "zh"


@dataclass(frozen=True)
class Lexicon:
    """``kg/rules/zh/lexicon.yaml``: the word lists the Chinese rules are built from."""

    titles: tuple[str, ...]             # job titles
    title_joiners: tuple[str, ...]      # words joining two titles of one person (董事长兼CEO)
    former_markers: tuple[str, ...]     # marks of a former role (原, 前, 曾任)
    speech_verbs: tuple[str, ...]       # verbs that introduce a reported statement
    surnames: str                       # single-character surnames, one string
    compound_surnames: tuple[str, ...]
    org_suffixes: tuple[str, ...]       # suffixes that make a name an organisation
    latin_stopwords: tuple[str, ...]    # Latin words that never name a model on their own
    non_model_heads: tuple[str, ...]    # words after a name that show it is not a model (芯片)
    model_suffix_words: tuple[str, ...]  # words continuing a model name after a space (ERNIE Speed)
    model_variant_pattern: str          # what follows a family name to make a variant (混元-lite)
    model_heads: tuple[str, ...]        # heads that mark a name as a model (云雀大模型)
    not_name_words: tuple[str, ...]     # words that describe rather than name
    places: tuple[str, ...]             # places that often begin an organisation's name
    title_areas: tuple[str, ...]        # the field a title may name before it (技术副总裁, 产品总监)


def lexicon() -> Lexicon:
    return load_rules(LANG, "lexicon", Lexicon)


@lru_cache(maxsize=1)
def _place_start() -> re.Pattern[str]:
    return re.compile("(?:" + alternation(lexicon().places) + ")")


def leading_place(name: str) -> str:
    """The longest place of the lexicon that ``name`` opens with (杭州 of 杭州岚序科技有限公司), else ""."""
    m = _place_start().match(name)
    return m.group(0) if m else ""


@lru_cache(maxsize=1)
def title_pattern() -> str:
    """Any job title, but not the start of a longer word (委员 in 委员会, 董事 in 董事会, 律师 in 律师事务所)."""
    lx = lexicon()
    # the lookahead skips the places no title can start at, the tries read the titles there at once
    return (starts_any((*lx.title_areas, *lx.titles))
            + "(?:(?:" + word_trie(lx.title_areas) + ")?(?:" + word_trie(lx.titles) + "))(?!会|事务所)")


@lru_cache(maxsize=1)
def title_chain_pattern() -> str:
    """Titles of one person joined up: 董事长兼CEO, 资深副总裁、公共云事业部总裁, 董事长、零一万物CEO."""
    title = title_pattern()
    joiner = alternation(lexicon().title_joiners)
    return f"{title}(?:(?:{joiner})?[^，,。；;：:“”\\s]{{0,8}}?{title})*"


@lru_cache(maxsize=1)
def _title_start() -> re.Pattern[str]:
    return re.compile(f"(?={title_pattern()})")


def title_starts(text: str) -> list[int]:
    """Every place a job title starts at: where the patterns that open with one can start (tried only
    there, ``kg.text.places.finditer_at``, the titles are read once for all of them)."""
    return [m.start() for m in _title_start().finditer(text)]
