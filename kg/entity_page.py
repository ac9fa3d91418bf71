"""A page for every entity: what the graph knows about one organisation, person or model, and from where.

``kg serve`` answers the entity IRIs (``https://w3id.org/aikg/id/…``) at the same path (``/id/…``)
as Linked Data servers do, by the Accept header: an HTML page, or the entity's description as
Turtle or JSON-LD. The page is read with the very queries the viewer's side panel is built
from (``kg.graph``), bound to the one entity, so ``kg view --focus`` and the page agree on the
names, facts, evidence and related entities; prices come from ``kg plot``'s query, as a table.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

import pyoxigraph as ox
from rdflib.namespace import RDFS

from . import namespace as ns
from .graph import ENTITIES, NODE_FACTS, RELATIONS, describe_fact
from .plot import PRICES
from .query import bound
from .store import Store

KINDS = {"organization": "Organization", "person": "Person", "model": "Model"}
_PATH = re.compile(r"/id/(organization|person|model)/([^/?#\s]+)")
NAMES = "SELECT ?e ?p ?l WHERE { ?e ?p ?l . VALUES ?p { rdfs:label skos:prefLabel skos:altLabel } }"
TYPE = "SELECT ?e ?type WHERE { ?e a ?type . VALUES ?type { kg:Organization kg:Person kg:Model } }"
SAME_AS = f"SELECT DISTINCT ?e ?same WHERE {{ {{ ?e <{ns.sameAs}> ?same }} UNION {{ ?e <{ns.schemaSameAs}> ?same }} }}"
_FACT_LINKS = (ns.pricedAt, ns.priceChange, ns.argues)


def iri_for_path(path: str) -> str | None:
    """The entity IRI a request path names (``/id/organization/deepseek``), in the one spelling ``kg.to_rdf``
    mints (name percent-encoded, upper-case hex), or None when the path names no entity."""
    m = _PATH.fullmatch(path)
    if not m:
        return None
    try:
        name = unquote(m[2], errors="strict") if "%" in m[2] else m[2]
    except UnicodeDecodeError:      # percent-escapes that are not UTF-8 name nothing we mint
        return None
    if not name.strip() or not name.isprintable():
        return None
    return f"{ns.ID}{m[1]}/{quote(name, safe='')}"


@dataclass(frozen=True)
class Evidence:
    sentence: str
    title: str
    date: str
    url: str
    role: str = ""


@dataclass
class Fact:
    """A fact as the viewer's side panel lists it: in words, with its evidence."""

    kind: str                       # price, change, claim, or a relation (released, worksFor, …)
    text: str
    evidence: list[Evidence] = field(default_factory=list)
    other: str = ""                 # relations: the related entity's IRI
    other_label: str = ""
    incoming: bool = False          # relations: the entity is the object (``X released this``)

    @property
    def date(self) -> str:
        return min((e.date for e in self.evidence if e.date), default="")


@dataclass
class Page:
    iri: str
    type: str
    label: str
    names: dict[str, list[str]]     # language -> names, the preferred one first
    same_as: list[str]
    mentions: int                   # articles that mention it (0: only the catalogue knows it)
    facts: list[Fact]               # prices, changes, claims
    relations: list[Fact]           # to and from other entities
    prices: list[dict[str, str]]    # the price table, oldest first

    @property
    def related(self) -> list[tuple[str, str]]:
        """The related entities (IRI, name), each once."""
        return sorted({(f.other, f.other_label) for f in self.relations}, key=lambda x: x[1])


def _v(row: Any, name: str) -> str:
    term = row[name]
    return term.value if term is not None else ""


def _names(store: Store, iri: str) -> dict[str, list[str]]:
    pref: dict[str, list[str]] = {}
    other: dict[str, list[str]] = {}
    for row in bound(store, NAMES, "e", iri):
        term, p = row["l"], _v(row, "p")
        lang = getattr(term, "language", None) or ""
        target = pref if p.endswith(("#prefLabel", "#label")) else other
        if term.value not in target.setdefault(lang, []):
            target[lang].append(term.value)
    out = {}
    for lang in sorted(set(pref) | set(other)):
        names = sorted(pref.get(lang, []))
        out[lang] = names + sorted(n for n in other.get(lang, []) if n not in names)
    return out


def _evidence(row: Any) -> Evidence:
    return Evidence(_v(row, "sentence"), _v(row, "title"), _v(row, "date")[:10], _v(row, "url"),
                    _v(row, "role") if row["role"] is not None else "")


def _relations(store: Store, iri: str) -> list[Fact]:
    """Edges to and from entities the viewer draws (mentioned, named), one per relation, evidence gathered."""
    shown: dict[str, str | None] = {}

    def label(other: str) -> str | None:
        if other not in shown:
            rows = bound(store, ENTITIES, "e", other)
            shown[other] = _v(rows[0], "label") if rows else None
        return shown[other]

    facts: dict[tuple[str, str, bool], Fact] = {}
    evidence: dict[tuple[str, str, bool], set[Evidence]] = {}
    for var, incoming in (("s", False), ("o", True)):
        for row in bound(store, RELATIONS, var, iri):
            other = _v(row, "s" if incoming else "o")
            name = label(other)
            if name is None or other == iri:
                continue
            kind = _v(row, "p").rsplit("#", 1)[-1]
            facts.setdefault((kind, other, incoming), Fact(kind, "", [], other, name, incoming))
            evidence.setdefault((kind, other, incoming), set()).add(_evidence(row))
    for key, f in facts.items():
        f.text = f"{f.other_label} {f.kind} this" if f.incoming else f"{f.kind} {f.other_label}"
        f.evidence = sorted(evidence[key], key=lambda e: (e.date, e.title, e.sentence, e.url, e.role))
    return sorted(facts.values(), key=lambda f: (f.kind, f.incoming, f.other_label))


def _node_facts(store: Store, iri: str) -> list[Fact]:
    out = []
    for sol in bound(store, NODE_FACTS, "e", iri):
        row = {k: _v(sol, k) for k in ("kind", "sentence", "title", "date", "url", "per", "cur", "free",
                                       "tokenKind", "pct", "text")}
        out.append(Fact(row["kind"], describe_fact(row["kind"], row),
                        [Evidence(row["sentence"], row["title"], row["date"][:10], row["url"])]))
    return sorted(out, key=lambda f: (f.kind, f.date, f.text))


def _prices(store: Store, iri: str) -> list[dict[str, str]]:
    from .digest import price_day, price_text

    rows = [{k: _v(r, k) for k in ("per", "cur", "free", "kind", "from", "until", "published", "title")}
            for r in bound(store, PRICES, "m", iri)]
    for r in rows:
        r["day"] = price_day(r)
        r["price"] = price_text(r["per"], r["cur"], r["free"])
    # on one day, a price that ended there before the one that began there
    return sorted(rows, key=lambda r: (r["day"], not (r["until"] and not r["from"]), r["kind"], r["price"]))


def entity_page(store: Store, iri: str) -> Page | None:
    """What the graph knows about the entity ``iri``; None when it is no entity of the graph."""
    types = bound(store, TYPE, "e", iri)
    if not types:
        return None
    seen = bound(store, ENTITIES, "e", iri)
    names = _names(store, iri)
    label = _v(seen[0], "label") if seen else next((n[0] for n in names.values() if n), iri.rsplit("/", 1)[-1])
    return Page(iri, _v(types[0], "type").rsplit("#", 1)[-1], label, names,
                sorted({_v(r, "same") for r in bound(store, SAME_AS, "e", iri)}),
                int(_v(seen[0], "mentions") or 0) if seen else 0,
                _node_facts(store, iri), _relations(store, iri), _prices(store, iri))


# ------------------------------------------------------------------ as RDF

def description(store: Store, iri: str) -> list[ox.Triple]:
    """The entity's description as triples: its own statements, its price/change/claim nodes and their
    evidence, the evidence naming its relations, and the names of the entities and articles these point to."""
    def about(node: ox.NamedNode | ox.BlankNode) -> list[ox.Triple]:
        return store.merged_triples(node)

    me = ox.NamedNode(iri)
    out = about(me)
    links = {ox.NamedNode(str(p)) for p in _FACT_LINKS}
    nodes = [t.object for t in out if t.predicate in links and isinstance(t.object, ox.NamedNode)]
    for role in (ns.subject, ns.object):
        nodes += [t.subject for t in store.merged_triples(None, ox.NamedNode(str(role)), me)
                  if isinstance(t.subject, ox.NamedNode)]
    evidence_link = ox.NamedNode(str(ns.evidence))
    for node in dict.fromkeys(nodes):
        triples = about(node)
        out += triples
        for t in triples:
            if t.predicate == evidence_link and isinstance(t.object, ox.NamedNode):
                out += about(t.object)
    named = {ox.NamedNode(str(p)) for p in (RDFS.label, ns.title, ns.published)}
    pointed = {t.object for t in out if isinstance(t.object, ox.NamedNode) and t.object != me}
    for node in pointed:
        out += [t for t in about(node) if t.predicate in named]
    return list(dict.fromkeys(out))


RDF_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD,
             "application/n-triples": ox.RdfFormat.N_TRIPLES}


def serialize(triples: list[ox.Triple], media: str) -> bytes:
    from .query import TURTLE_PREFIXES

    buf = io.BytesIO()
    fmt = RDF_TYPES[media]
    prefixes = {**TURTLE_PREFIXES, "owl": "http://www.w3.org/2002/07/owl#", "schema": "https://schema.org/"}
    ox.serialize(triples, buf, fmt, prefixes=prefixes if fmt == ox.RdfFormat.TURTLE else None)
    return buf.getvalue()


# ------------------------------------------------------------------ for kg serve

OFFERED = ["text/html", *RDF_TYPES]


def http_answer(store: Store, req: dict[str, Any]) -> tuple[int, str, bytes]:
    """``kg serve``'s answer to ``GET /id/…``: (status, media type, body)."""
    iri = iri_for_path(req["path"])
    if iri is None:
        return 404, "text/plain", b"not an entity path: /id/organization|person|model/NAME\n"
    if not bound(store, TYPE, "e", iri):
        return 404, "text/plain", f"no entity {iri} in the graph\n".encode()
    media = req["media"]
    if media == "text/html":
        from .pages import render

        page = entity_page(store, iri)
        return 200, media, render("entity.html", page=page, kinds=KINDS).encode()
    return 200, media, serialize(description(store, iri), media)
