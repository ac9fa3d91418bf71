"""The sources of candidate mentions in Chinese text, in the order they are trusted, as a registry.

Each source reads the text and what the sources before it found (``Found``: the candidates so far,
the model families the text introduces) and adds its own candidates. The pipeline runs each as its
own spaCy component (``kg/lang/zh_nlp.py``); ``EntityFinder`` runs them all without spaCy. A new
source is a function here and one name in ``SOURCES``: the order of the list is the order of trust
when two candidates tie.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from ..catalogue import load_catalogue
from .aliases import stated_aliases
from .base import Candidate, KnownNames
from .models import ModelPatterns
from .orgs import OrgPatterns
from .persons import PersonPatterns
from .words import HAN


@dataclass
class Found:
    """What the sources found so far in one text (made anew for every text)."""

    text: str
    candidates: list[Candidate] = field(default_factory=list)
    families: dict[str, int] = field(default_factory=dict)   # model family → offset of its introduction


@dataclass(frozen=True)
class Patterns:
    """The compiled patterns every source shares, built once per process from the catalogue."""

    known: KnownNames
    models: ModelPatterns
    persons: PersonPatterns
    orgs: OrgPatterns


@cache
def patterns() -> Patterns:
    known = KnownNames(load_catalogue())
    return Patterns(known, ModelPatterns(known), PersonPatterns(), OrgPatterns(known))


HAN_RUN = re.compile(f"[{HAN}]+")
Source = Callable[[Patterns, Found], list[Candidate]]
SOURCES: dict[str, Source] = {}


def source(name: str) -> Callable[[Source], Source]:
    """Register a source under the name of the pipeline component that runs it."""
    def register(fn: Source) -> Source:
        SOURCES[name] = fn
        return fn
    return register


@source("kg_catalogue_names")
def catalogue_names(p: Patterns, f: Found) -> list[Candidate]:
    """Every catalogue name (and human alias) in the text."""
    return p.known.candidates(f.text)


@source("kg_model_names")
def model_names(p: Patterns, f: Found) -> list[Candidate]:
    """Catalogue families with a variant (混元-lite), Latin names (GLM-4-Flash), new families with a
    hyphenated variant (天穹-lite), and the variants of families the text introduces (云岫Pro)."""
    f.families.update(p.models.article_families(f.text))
    return (p.models.catalogue_variants(f.text) + p.models.latin_models(f.text) + p.models.han_variants(f.text)
            + p.models.family_variants(f.text, f.families))


@source("kg_person_names")
def person_names(p: Patterns, f: Found) -> list[Candidate]:
    """People after a title, before a speech or career verb, transliterated names (埃隆·马斯克)."""
    return p.persons.find(f.text)


@source("kg_org_names")
def org_names(p: Patterns, f: Found) -> list[Candidate]:
    """Organisations by their form: before a title (and its person), inside title chains, with a suffix."""
    # the people the person patterns found (not the catalogue's): an organisation may stand before them
    persons = [c for c in f.candidates if c.type == "Person" and c.source != "catalogue"]
    return p.orgs.find(f.text, persons)


@source("kg_context_orgs")
def context_orgs(p: Patterns, f: Found) -> list[Candidate]:
    """New organisations named by their context (a descriptor before, a model owned after)."""
    return p.orgs.by_context(f.text, [c for c in f.candidates if c.type == "Model"])


@source("kg_brand_orgs")
def brand_orgs(p: Patterns, f: Found) -> list[Candidate]:
    """The makers of the model brands the text introduces (川流网络, 川流宣布 beside 川流Lite-8K)."""
    return p.orgs.stem_orgs.brands(f.text, [c for c in f.candidates if c.type == "Model"])


@source("kg_branded_models")
def branded_models(p: Patterns, f: Found) -> list[Candidate]:
    """"栎桥Chat-Pro" beside 栎桥智能: a Latin model name written right after the stem of its maker's name
    is one name, the brand kept whole. Not after a whole name (栎桥智能Astra-2, 百度ERNIE-4: the maker
    named beside its model), and only new organisations' stems."""
    new = [f.text[c.start:c.end] for c in f.candidates if c.type == "Organization" and c.key is None]
    orgs = {stem for n in new if (stem := p.orgs.names.stem(n)) != n}
    brands = [o for o in orgs if len(o) >= 2 and HAN_RUN.fullmatch(o)]
    out = []
    for c in f.candidates:
        if c.type != "Model" or c.source != "latin-model":
            continue
        brand = next((b for b in brands if f.text.endswith(b, 0, c.start)), None)
        if brand and not HAN_RUN.fullmatch(f.text[c.start - len(brand) - 1:c.start - len(brand)] or "x"):
            out.append(Candidate(c.start - len(brand), c.end, "Model", 2, None, "branded-model"))
    return out


@source("kg_alias_names")
def alias_names(p: Patterns, f: Found) -> list[Candidate]:
    """The names brackets give the organisations and models found: X（下称“Y”）, X（全称Y）."""
    return stated_aliases(f.text, f.candidates)


def run_sources(text: str) -> Found:
    """Every source over one text, in order of trust."""
    p, found = patterns(), Found(text)
    for fn in SOURCES.values():
        found.candidates += fn(p, found)
    return found
