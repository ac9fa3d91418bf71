"""What the store's writer keeps beside an article's own statements, for the saved queries.

Answers about one entity used to gather thousands of evidence or price nodes through joins the engine
computes for the whole store. The writer derives, from each article's N-Triples as it stores them, a
small summary the queries read directly (``summary_lines``):

* a **fact node** per relation between two entities —
  ``S kg:fact F . F a kg:Fact ; kg:relation P ; kg:relatedTo O ; kg:givenRole r ; kg:givenDate d`` —
  with the roles and dates the article's evidence gives; F is ``id:fact/{P}/{S path}/{O path}``;
* a **price point** per distinct price of a model (token kind, cache status, currency, amount per
  million, free) — ``M kg:pricePoint PP . PP a kg:PricePoint ; kg:tokenKind ; … ; kg:validFrom ;
  kg:validUntil ; kg:reportedBy ev``
  — with the evidence of every article that reports it, so a price reported by a thousand articles is
  one node; ``PP kg:reportedIn A`` links it to each article reporting it (its sources, which
  ``kg.rollups`` counts and dates);
* a **change point** per distinct price change of a model (percent, token kind) —
  ``M kg:changePoint CP . CP a kg:ChangePoint ; kg:changePercent ; kg:tokenKind ; kg:reportedIn A``;
* a **claim point** per distinct claim of a person (its text) —
  ``P kg:claimPoint C . C a kg:ClaimPoint ; kg:text ; kg:reportedIn A`` — a quote many articles repeat
  is one node.

These are statements of the article like any other (``kg.layout`` stores them as shared or owned), so
they come and go exactly with the articles that give them, but for a point's link, type and key
(``counted``): kept once and taken out by ``kg.rollups`` with the point's last source. They are derived,
never exported: exports and ``kg push``'s article graphs give what the pipeline wrote (``derived``).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

import pyoxigraph as ox

from . import namespace as ns
from .to_rdf import K, T

_ID = str(ns.ID)
FACT = f"{_ID}fact/"
POINT = f"{_ID}pricepoint/"
CHANGE_POINT = f"{_ID}changepoint/"
CLAIM_POINT = f"{_ID}claimpoint/"
_DERIVED_SUBJECTS = (FACT, POINT, CHANGE_POINT, CLAIM_POINT)
# links from an entity to the summary, and the counts kg.rollups keeps on entities
_DERIVED_LINKS = {str(p) for p in (ns.fact, ns.pricePoint, ns.changePoint, ns.claimPoint, ns.sources,
                                   ns.firstReported, ns.lastReported)}
_EVIDENCE_B = f"<{_ID}evidence/".encode()
_PRICE_B = f"<{_ID}price/".encode()
_CHANGE_B = f"<{_ID}change/".encode()
_CLAIM_B = f"<{_ID}claim/".encode()
_ARTICLE_B = f"<{_ID}article/".encode()
_PRICED_AT_B = f"<{ns.pricedAt}".encode()
_CHANGED_B = f"<{ns.priceChange}".encode()
_ARGUES_B = f"<{ns.argues}".encode()
_RELATION_PARTS = {f"<{ns.subject}".encode(): "s", f"<{ns.predicate}".encode(): "p", f"<{ns.object}".encode(): "o"}
_GIVEN = {f"<{ns.role}".encode(): K.givenRole, f"<{ns.date}".encode(): K.givenDate}
# a price node's statements that make its price point (the values equal, the point is the same)
_POINT_KEY = tuple(f"<{p}".encode() for p in (ns.tokenKind, ns.cacheStatus, ns.currency, ns.perMillionTokens,
                                               ns.isFree))
_VALIDITY = (f"<{ns.validFrom}".encode(), f"<{ns.validUntil}".encode())
_EVIDENCE_LINK = f"<{ns.evidence}".encode()
_CHANGE_KEY = tuple(f"<{p}".encode() for p in (ns.changePercent, ns.tokenKind))
_TEXT = f"<{ns.text}".encode()


_POINTS_B = tuple(f"<{p}".encode() for p in (POINT, CHANGE_POINT, CLAIM_POINT))
_POINT_LINKS_B = {f"<{p}".encode() for p in (ns.pricePoint, ns.changePoint, ns.claimPoint)}


def counted(line: bytes) -> bool:
    """Whether a summary statement (an N-Triples line that is not an article's own) lasts as long as its
    point has sources: a point's link, type and key, which every article reporting it states alike. They
    are kept once, in the default graph, and go when ``kg.rollups`` counts no source left, instead of
    being recorded in every reporting article's graph (a fifth of the store's index entries). A price
    point's stated start and end differ by report: those are recorded like any shared statement. Read by
    position (subject, predicate), as ``summary_lines`` reads lines: never from a literal's text."""
    subject, predicate, _ = line.split(b"> ", 2)
    if subject.startswith(_POINTS_B):
        return predicate not in _VALIDITY
    return predicate in _POINT_LINKS_B


def derived(q: ox.Quad | ox.Triple) -> bool:
    """Whether a statement is the writer's summary rather than one the pipeline wrote."""
    subject = q.subject
    return q.predicate.value in _DERIVED_LINKS or (
        isinstance(subject, ox.NamedNode) and subject.value.startswith(_DERIVED_SUBJECTS))


def summary_lines(ntriples: bytes) -> bytes:
    """The summary statements an article's N-Triples give (fact nodes, price, change and claim points),
    as N-Triples."""
    data = b"\n" + ntriples        # every line starts after a newline, as the line patterns read it
    nodes: dict[bytes, list[tuple[bytes, bytes]]] = {}     # evidence, price, change, claim nodes' statements
    links: dict[bytes, list[tuple[str, bytes]]] = {predicate: [] for predicate in _KINDS}
    for m in _READ_LINE.finditer(data):
        subject = data[data.rfind(b"\n", 0, m.start()) + 1:m.start()]
        if b"> " in subject:
            continue        # found in a literal's text, not as the line's predicate
        predicate, obj = m[1], m[2]
        if subject.startswith(_NODES_B):
            nodes.setdefault(subject, []).append((predicate, obj[:-2]))      # the object without " ."
        elif predicate in links:
            links[predicate].append((subject[1:].decode(), obj[:-3]))     # "<node> ." as the key "<node"
    article = ""
    for m in _ARTICLE_LINE.finditer(data):
        if m[2] not in links:
            article = m[1][1:].decode()
    out = _facts(nodes) + _points(nodes, links, article)
    return "".join(dict.fromkeys(out)).encode()


def _facts(by_subject: dict[bytes, list[tuple[bytes, bytes]]]) -> list[str]:
    out = []
    for subject, statements in by_subject.items():
        if not subject.startswith(_EVIDENCE_B):
            continue
        rel = {_RELATION_PARTS[p]: o[1:-1].decode() for p, o in statements if p in _RELATION_PARTS}
        if len(rel) < 3 or not (rel["s"].startswith(_ID) and rel["o"].startswith(_ID)):
            continue
        node = fact_iri(rel["s"], rel["p"], rel["o"])
        out += [T(rel["s"], K.fact, node), T(node, K.type, K.Fact), T(node, K.relation, rel["p"]),
                T(node, K.relatedTo, rel["o"])]
        out += [T(node, _GIVEN[p], _term(o)) for p, o in statements if p in _GIVEN]
    return out


def _term(obj: bytes) -> str:
    """An N-Triples object as ``kg.to_rdf.T`` takes it: a literal as written, an IRI without its brackets."""
    return obj.decode() if obj.startswith(b'"') else obj[1:-1].decode()


def fact_iri(subject: str, predicate: str, obj: str) -> str:
    """The fact node of a relation between two entities."""
    local = predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return f"{FACT}{local}/{subject[len(_ID):]}/{obj[len(_ID):]}"


_DECIMAL_B = f'"^^<{ns.XSD.decimal}>'.encode()


def _canonical(literal: bytes) -> bytes:
    """A literal as the store gives it back (``"5.0"`` is stored as the decimal 5), so that a price point
    derived again from the stored article, to take it out, has the IRI it was given when the article came."""
    if literal.endswith(_DECIMAL_B):
        value = Decimal(literal[1:-len(_DECIMAL_B)].decode()).normalize()
        return f'"{value:f}"'.encode() + _DECIMAL_B
    return literal


def _point_iri(base: str, model: str, key: list[tuple[bytes, bytes]]) -> str:
    digest = hashlib.sha1(b"\x1f".join(p + b" " + o for p, o in sorted(key))).hexdigest()[:16]
    return f"{base}{model[len(_ID):]}/{digest}"


def _sources(node: str, article: str) -> list[str]:
    """A point's link to the article reporting it."""
    return [T(node, K.reportedIn, article)] if article else []


@dataclass(frozen=True)
class _PointKind:
    """One kind of point: what links an entity to the nodes it gathers, and what makes two nodes one point."""

    base: str                       # the points' IRI prefix
    link: str                       # entity → point
    cls: str
    key: tuple[bytes, ...]          # a node's statements that make its point (equal values, same point)
    kept: tuple[bytes, ...] = ()    # statements copied onto the point besides its key
    reported_by: bool = False       # whether the point links to each report's evidence (kg:reportedBy)


_KINDS = {
    _PRICED_AT_B: _PointKind(POINT, K.pricePoint, K.PricePoint, _POINT_KEY, _VALIDITY, reported_by=True),
    _CHANGED_B: _PointKind(CHANGE_POINT, K.changePoint, K.ChangePoint, _CHANGE_KEY),
    _ARGUES_B: _PointKind(CLAIM_POINT, K.claimPoint, K.ClaimPoint, (_TEXT,)),
}


_NODES_B = (_EVIDENCE_B, _PRICE_B, _CHANGE_B, _CLAIM_B)
# the statements the summary reads: a node's (a relation's parts and givens, each point kind's key, kept
# statements and evidence) and an entity's links to its points. A tenth of an article's lines: found by
# their predicate with one pattern (its literal stem is what the engine searches for, fast) instead of a
# split of every line; each line's subject is then read back to where the line starts.
_READ = sorted({*_RELATION_PARTS, *_GIVEN, _EVIDENCE_LINK, *_KINDS,
                *(p for k in _KINDS.values() for p in (*k.key, *k.kept))})
_READ_STEM = cast(bytes, os.path.commonprefix(_READ))
_READ_LINE = re.compile(rb"> (%s(?:%s))> ([^\n]*)" % (
    re.escape(_READ_STEM), b"|".join(re.escape(p[len(_READ_STEM):]) for p in _READ)))
_ARTICLE_LINE = re.compile(rb"\n(%s[^>\n]*)> (<[^>\n]*)> " % re.escape(_ARTICLE_B))


def _points(nodes: dict[bytes, list[tuple[bytes, bytes]]], links: dict[bytes, list[tuple[str, bytes]]],
            article: str) -> list[str]:
    """Each price, change and claim node's point, linked to the article that reports it."""
    out = []
    for predicate, kind in _KINDS.items():
        for entity, node in links[predicate]:
            statements = nodes.get(node, [])
            point = _point_iri(kind.base, entity, [(p, _canonical(o)) for p, o in statements if p in kind.key])
            out += [T(entity, kind.link, point), T(point, K.type, kind.cls)]
            out += [T(point, p[1:].decode(), _term(o)) for p, o in statements if p in kind.key or p in kind.kept]
            if kind.reported_by:
                out += [T(point, K.reportedBy, _term(o)) for p, o in statements if p == _EVIDENCE_LINK]
            out += _sources(point, article)
    return out
