"""Likely duplicate entities for a human to merge (``kg entities --suspects``).

Two entities of one type are suspects when one normalised name contains the
other (阿里云 / 阿里云智能), or their Latin names differ by one character
(OpenAI / OpenAl). A human confirms a merge by listing the names under one id
in ``ontology/aliases.yaml``; the next build resolves them to one node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from .catalogue import norm_name
from .store import Store

ENTITIES = """
SELECT ?e ?type (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT ?n; SEPARATOR="\\u001f") AS ?names) WHERE {
  ?e kg:mentionedIn ?a ; a ?type ; rdfs:label ?l .
  VALUES ?type { kg:Organization kg:Person kg:Model }
  { ?e rdfs:label ?n } UNION { ?e skos:altLabel ?n }
} GROUP BY ?e ?type
"""


@dataclass(frozen=True)
class EntityRow:
    iri: str
    type: str
    label: str
    names: frozenset[str]


@dataclass(frozen=True)
class Suspect:
    a: EntityRow
    b: EntityRow
    reason: str


def entities(store: Store) -> list[EntityRow]:
    rows = []
    for sol in store.query(ENTITIES):
        names = frozenset(n for n in sol["names"].value.split("\u001f") if n)
        rows.append(EntityRow(sol["e"].value, sol["type"].value.rsplit("#", 1)[-1], sol["label"].value, names))
    return sorted(rows, key=lambda r: (r.type, r.label))


def one_edit_apart(x: str, y: str) -> bool:
    if abs(len(x) - len(y)) > 1 or x == y:
        return False
    if len(x) == len(y):
        return sum(a != b for a, b in zip(x, y)) == 1
    short, long_ = sorted((x, y), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def curated(iri: str) -> bool:
    """Catalogue entities are distinct by curation (阿里云 is not 阿里巴巴)."""
    from .catalogue import load_catalogue

    return iri.rsplit("/", 1)[-1] in load_catalogue().entries


def variant_of(x: str, y: str) -> bool:
    """GLM-4-Air is a variant of GLM-4, not a duplicate: the longer name adds a version or size."""
    short, long_ = sorted((x, y), key=len)
    return long_.startswith(short) and re.fullmatch(r"[a-z0-9.]+", long_[len(short):]) is not None


def suspects(store: Store) -> list[Suspect]:
    """Pairs of same-type entities whose names look like one entity's."""
    out = []
    rows = entities(store)
    for a, b in combinations(rows, 2):
        if a.type != b.type or (curated(a.iri) and curated(b.iri)):
            continue
        ka, kb = a.iri.rsplit("/", 1)[-1], b.iri.rsplit("/", 1)[-1]
        if kb.startswith(ka + "-") or ka.startswith(kb + "-"):
            continue            # spark-max is a variant of spark
        na = {norm_name(n) for n in a.names}
        nb = {norm_name(n) for n in b.names}
        reason = None
        for x in na:
            for y in nb:
                if a.type == "Model" and variant_of(x, y):
                    continue
                if min(len(x), len(y)) >= (2 if not x.isascii() else 4) and (x in y or y in x):
                    reason = f"name {x!r} within {y!r}" if x in y else f"name {y!r} within {x!r}"
                elif re.fullmatch(r"[a-z0-9]{4,}", x) and re.fullmatch(r"[a-z0-9]{4,}", y) and one_edit_apart(x, y):
                    reason = f"{x!r} and {y!r} differ by one letter"
                if reason:
                    break
            if reason:
                break
        if reason:
            out.append(Suspect(a, b, reason))
    return out
