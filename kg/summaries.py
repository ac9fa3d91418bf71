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
  one node (first and last report, sources, an evidence node, from its ``reportedBy`` links).

These are statements of the article like any other (``kg.layout`` stores them as shared or owned), so
they come and go exactly with the articles that give them. They are derived, never exported: exports and
``kg push``'s article graphs give what the pipeline wrote (``derived``).
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pyoxigraph as ox

from . import namespace as ns
from .to_rdf import K, T

_ID = str(ns.ID)
FACT = f"{_ID}fact/"
POINT = f"{_ID}pricepoint/"
_DERIVED_SUBJECTS = (FACT, POINT)
_DERIVED_LINKS = {str(ns.fact), str(ns.pricePoint)}
_EVIDENCE_B = f"<{_ID}evidence/".encode()
_PRICE_B = f"<{_ID}price/".encode()
_PRICED_AT_B = f"<{ns.pricedAt}".encode()
_RELATION_PARTS = {f"<{ns.subject}".encode(): "s", f"<{ns.predicate}".encode(): "p", f"<{ns.object}".encode(): "o"}
_GIVEN = {f"<{ns.role}".encode(): K.givenRole, f"<{ns.date}".encode(): K.givenDate}
# a price node's statements that make its price point (the values equal, the point is the same)
_POINT_KEY = [f"<{p}".encode() for p in (ns.tokenKind, ns.cacheStatus, ns.currency, ns.perMillionTokens, ns.isFree)]
_VALIDITY = (f"<{ns.validFrom}".encode(), f"<{ns.validUntil}".encode())
_EVIDENCE_LINK = f"<{ns.evidence}".encode()


def derived(q: ox.Quad | ox.Triple) -> bool:
    """Whether a statement is the writer's summary rather than one the pipeline wrote."""
    subject = q.subject
    return q.predicate.value in _DERIVED_LINKS or (
        isinstance(subject, ox.NamedNode) and subject.value.startswith(_DERIVED_SUBJECTS))


def summary_lines(ntriples: bytes) -> bytes:
    """The summary statements an article's N-Triples give (fact nodes and price points), as N-Triples."""
    by_subject: dict[bytes, list[tuple[bytes, bytes]]] = {}
    priced: list[tuple[str, bytes]] = []          # (model IRI, price node)
    for line in ntriples.splitlines():
        subject, predicate, obj = line.split(b"> ", 2)
        if subject.startswith((_EVIDENCE_B, _PRICE_B)):
            by_subject.setdefault(subject, []).append((predicate, obj[:-2]))      # the object without " ."
        elif predicate == _PRICED_AT_B:
            priced.append((subject[1:].decode(), obj[:-3]))     # "<price> ." as the key "<price"
    out = _facts(by_subject) + _price_points(by_subject, priced)
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


def _price_points(by_subject: dict[bytes, list[tuple[bytes, bytes]]], priced: list[tuple[str, bytes]]) -> list[str]:
    """Each price node's point, with its validity and the evidence of the report (``kg:reportedBy``)."""
    out = []
    for model, price in priced:
        statements = by_subject.get(price, [])
        key = [(p, _canonical(o)) for p, o in statements if p in _POINT_KEY]
        digest = hashlib.sha1(b"\x1f".join(p + b" " + o for p, o in sorted(key))).hexdigest()[:16]
        node = f"{POINT}{model[len(_ID):]}/{digest}"
        out += [T(model, K.pricePoint, node), T(node, K.type, K.PricePoint)]
        out += [T(node, p[1:].decode(), _term(o)) for p, o in statements if p in _POINT_KEY or p in _VALIDITY]
        out += [T(node, K.reportedBy, _term(o)) for p, o in statements if p == _EVIDENCE_LINK]
    return out
