"""Stage 5: turn a resolved article into RDF triples (its own named graph in the store).

Shapes (local names are what other tools read; see ontology/kg.ttl):

* entity  ``a kg:Organization|Person|Model; rdfs:label; skos:altLabel; kg:mentionedIn article``
* relation ``ORG kg:released MODEL`` etc., plus an evidence node naming the statement
  (``kg:subject / kg:predicate / kg:object``) with ``kg:sentence``, offsets, rule and ``kg:role``
* ``MODEL kg:pricedAt [a kg:Price; kg:perMillionTokens; kg:currency; kg:isFree; …; kg:evidence]``
* ``MODEL kg:priceChange [a kg:PriceChange; kg:changePercent; kg:date; kg:evidence]``
* ``PERSON kg:argues [a kg:Claim; kg:text; kg:evidence]``

Node IRIs are derived from content (entity keys, hashes of the fact), never from
counters, so rebuilding gives identical IRIs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from functools import lru_cache
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from . import namespace as ns
from .catalogue import Catalogue
from .records import Article, Entity, Evidence, ResolvedArticle

# Triples are built as pyoxigraph terms (Rust: fast, and it escapes N-Triples correctly); the
# vocabulary still comes from kg.namespace, and ``to_graph`` hands rdflib users an rdflib Graph.
Triples = list[ox.Triple]


@lru_cache(maxsize=4096)
def N(iri: str) -> ox.NamedNode:  # noqa: N802  (a term constructor, like rdflib's URIRef)
    return ox.NamedNode(iri)


_XSD_DECIMAL, _XSD_DATE = N(str(XSD.decimal)), N(str(XSD.date))
_XSD_INTEGER, _XSD_BOOLEAN = N(str(XSD.integer)), N(str(XSD.boolean))


def L(value: object) -> ox.Literal:  # noqa: N802
    """A typed literal: bool → xsd:boolean, int → xsd:integer, Decimal/float → xsd:decimal, date → xsd:date."""
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=_XSD_BOOLEAN)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_XSD_INTEGER)
    if isinstance(value, Decimal | float):
        text = format(Decimal(str(value)).normalize(), "f")
        return ox.Literal(text if "." in text else text + ".0", datatype=_XSD_DECIMAL)
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=_XSD_DATE)
    return ox.Literal(str(value))


def t(s: str | URIRef, p: str | URIRef, o: ox.NamedNode | ox.Literal | str | URIRef) -> ox.Triple:
    obj = o if isinstance(o, ox.NamedNode | ox.Literal) else N(str(o))
    return ox.Triple(N(str(s)), N(str(p)), obj)


def entity_iri(key: str) -> URIRef:
    type_, _, name = key.partition("/")
    return ns.ID[f"{type_.lower()}/{quote(name, safe='')}"]


def article_iri(article_id: str) -> URIRef:
    return ns.ID[f"article/{quote(article_id, safe='')}"]


def graph_iri(article_id: str) -> URIRef:
    return ns.GRAPH[quote(article_id, safe="")]


def _node(kind: str, article_id: str, *parts: object) -> URIRef:
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
    return ns.ID[f"{kind}/{quote(article_id, safe='')}/{digest}"]


def _evidence(out: Triples, ev: Evidence, article: URIRef, *parts: object) -> URIRef:
    node = _node("evidence", ev.article_id, ev.start, ev.rule, *parts)
    out += [t(node, RDF.type, ns.Evidence), t(node, ns.fromArticle, article),
            t(node, ns.sentence, L(ev.sentence)), t(node, ns.startOffset, L(ev.start)),
            t(node, ns.endOffset, L(ev.end)), t(node, ns.rule, L(ev.rule))]
    return node


def article_triples(out: Triples, a: Article) -> URIRef:
    node = article_iri(a.id)
    out += [t(node, RDF.type, ns.Article), t(node, ns.articleId, L(a.id)),
            t(node, ns.contentHash, L(a.content_hash))]
    for prop, value in ((ns.title, a.title), (ns.source, a.source), (ns.url, a.url), (ns.lang, a.lang)):
        if value:
            out.append(t(node, prop, L(value)))
    if a.date:
        out.append(t(node, ns.published, L(a.date)))
    return node


def entity_triples(out: Triples, e: Entity, with_label: bool = True) -> URIRef:
    node = entity_iri(e.key)
    out.append(t(node, RDF.type, ns.ENTITY_CLASSES[e.type]))
    if with_label:
        out.append(t(node, RDFS.label, L(e.label)))
    out += [t(node, SKOS.altLabel, L(alias)) for alias in sorted(e.aliases)]
    return node


def triples(r: ResolvedArticle) -> Triples:
    """All triples of one article, to be stored as its named graph."""
    out: Triples = []
    x = r.extraction
    art = article_triples(out, x.article)
    for e in r.entities.values():
        node = entity_triples(out, e, with_label=not e.from_catalogue)
        out.append(t(node, ns.mentionedIn, art))

    for rel in x.relations:
        s, o = entity_iri(r.key(rel.subject)), entity_iri(r.key(rel.object))
        if s == o:
            continue
        p = getattr(ns, rel.kind)
        out.append(t(s, p, o))
        ev = _evidence(out, rel.evidence, art, s, p, o)
        out += [t(ev, ns.subject, s), t(ev, ns.predicate, p), t(ev, ns.object, o)]
        if rel.role:
            out.append(t(ev, ns.role, L(rel.role)))
        if rel.date:
            out.append(t(ev, ns.date, L(rel.date)))

    for price in x.prices:
        model = entity_iri(r.key(price.model))
        node = _node("price", x.article.id, model, price.evidence.start, price.amount, price.currency,
                     price.unit_tokens, price.is_free, price.token_kind, price.cache)
        out += [t(model, ns.pricedAt, node), t(node, RDF.type, ns.Price), t(node, ns.isFree, L(price.is_free))]
        if price.currency:
            out.append(t(node, ns.currency, L(price.currency)))
        if price.per_million is not None:
            out.append(t(node, ns.perMillionTokens, L(price.per_million)))
        if price.amount is not None:
            out.append(t(node, ns.amount, L(price.amount)))
        if price.unit_tokens:
            out.append(t(node, ns.unitTokens, L(price.unit_tokens)))
        if price.token_kind:
            out.append(t(node, ns.tokenKind, L(price.token_kind)))
        if price.cache:
            out.append(t(node, ns.cacheStatus, L(price.cache)))
        valid_from = price.valid_from or (x.article.date if price.valid_until is None else None)
        if valid_from:
            out.append(t(node, ns.validFrom, L(valid_from)))
        if price.valid_until:
            out.append(t(node, ns.validUntil, L(price.valid_until)))
        out.append(t(node, ns.evidence, _evidence(out, price.evidence, art, node)))

    for ch in x.changes:
        model = entity_iri(r.key(ch.model))
        node = _node("change", x.article.id, model, ch.evidence.start, ch.percent, ch.token_kind)
        out += [t(model, ns.priceChange, node), t(node, RDF.type, ns.PriceChange),
                t(node, ns.changePercent, L(Decimal(str(ch.percent))))]
        if ch.token_kind:
            out.append(t(node, ns.tokenKind, L(ch.token_kind)))
        if ch.date or x.article.date:
            out.append(t(node, ns.date, L(ch.date or x.article.date)))
        out.append(t(node, ns.evidence, _evidence(out, ch.evidence, art, node)))

    for claim in x.claims:
        person = entity_iri(r.key(claim.speaker))
        node = _node("claim", x.article.id, person, claim.evidence.start, claim.text)
        out += [t(person, ns.argues, node), t(node, RDF.type, ns.Claim), t(node, ns.text, L(claim.text))]
        if claim.date or x.article.date:
            out.append(t(node, ns.date, L(claim.date or x.article.date)))
        out.append(t(node, ns.evidence, _evidence(out, claim.evidence, art, node)))
    return out


def serialize(items: Triples) -> bytes:
    """N-Triples bytes (duplicates dropped, order stable)."""
    import io

    buf = io.BytesIO()
    ox.serialize(dict.fromkeys(items), buf, ox.RdfFormat.N_TRIPLES)
    return buf.getvalue()


def to_ntriples(r: ResolvedArticle) -> bytes:
    """One article's named graph as N-Triples: what the store loads and build workers return."""
    return serialize(triples(r))


def to_graph(r: ResolvedArticle) -> Graph:
    """One article's triples as an rdflib Graph (for notebooks and tools built on rdflib)."""
    return Graph().parse(data=to_ntriples(r), format="nt")


def catalogue_triples(cat: Catalogue) -> Triples:
    """The catalogue's entities: type, preferred label and aliases (no facts)."""
    out: Triples = []
    for e in cat.entries.values():
        node = entity_iri(f"{e.type}/{e.key}")
        out += [t(node, RDF.type, ns.ENTITY_CLASSES[e.type]), t(node, RDFS.label, L(e.label))]
        out += [t(node, SKOS.altLabel, L(alias)) for alias in e.names[1:]]
    return out


def catalogue_graph(cat: Catalogue) -> Graph:
    return Graph().parse(data=serialize(catalogue_triples(cat)), format="nt")
