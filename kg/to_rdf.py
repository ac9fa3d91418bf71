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

import hashlib
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from . import namespace as ns
from .catalogue import Catalogue
from .records import Article, Entity, Evidence, ResolvedArticle


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


def _evidence(g: Graph, ev: Evidence, article: URIRef, *parts: object) -> URIRef:
    node = _node("evidence", ev.article_id, ev.start, ev.rule, *parts)
    g.add((node, RDF.type, ns.Evidence))
    g.add((node, ns.fromArticle, article))
    g.add((node, ns.sentence, Literal(ev.sentence)))
    g.add((node, ns.startOffset, Literal(ev.start)))
    g.add((node, ns.endOffset, Literal(ev.end)))
    g.add((node, ns.rule, Literal(ev.rule)))
    return node


def article_triples(g: Graph, a: Article) -> URIRef:
    node = article_iri(a.id)
    g.add((node, RDF.type, ns.Article))
    g.add((node, ns.articleId, Literal(a.id)))
    g.add((node, ns.contentHash, Literal(a.content_hash)))
    for prop, value in ((ns.title, a.title), (ns.source, a.source), (ns.url, a.url), (ns.lang, a.lang)):
        if value:
            g.add((node, prop, Literal(value)))
    if a.date:
        g.add((node, ns.published, Literal(a.date, datatype=XSD.date)))
    return node


def entity_triples(g: Graph, e: Entity, with_label: bool = True) -> URIRef:
    node = entity_iri(e.key)
    g.add((node, RDF.type, ns.ENTITY_CLASSES[e.type]))
    if with_label:
        g.add((node, RDFS.label, Literal(e.label)))
    for alias in sorted(e.aliases):
        g.add((node, SKOS.altLabel, Literal(alias)))
    return node


def to_graph(r: ResolvedArticle) -> Graph:
    """All triples of one article, to be stored as its named graph."""
    g = Graph()
    x = r.extraction
    art = article_triples(g, x.article)
    for e in r.entities.values():
        node = entity_triples(g, e, with_label=not e.from_catalogue)
        g.add((node, ns.mentionedIn, art))
        if e.from_catalogue:
            g.add((node, RDF.type, ns.ENTITY_CLASSES[e.type]))

    for rel in x.relations:
        s, o = entity_iri(r.key(rel.subject)), entity_iri(r.key(rel.object))
        if s == o:
            continue
        p = getattr(ns, rel.kind)
        g.add((s, p, o))
        ev = _evidence(g, rel.evidence, art, s, p, o)
        g.add((ev, ns.subject, s))
        g.add((ev, ns.predicate, p))
        g.add((ev, ns.object, o))
        if rel.role:
            g.add((ev, ns.role, Literal(rel.role)))
        if rel.date:
            g.add((ev, ns.date, Literal(rel.date, datatype=XSD.date)))

    for price in x.prices:
        model = entity_iri(r.key(price.model))
        node = _node("price", x.article.id, model, price.evidence.start, price.amount, price.currency,
                     price.unit_tokens, price.is_free, price.token_kind, price.cache)
        g.add((model, ns.pricedAt, node))
        g.add((node, RDF.type, ns.Price))
        g.add((node, ns.isFree, Literal(price.is_free)))
        if price.currency:
            g.add((node, ns.currency, Literal(price.currency)))
        if price.per_million is not None:
            g.add((node, ns.perMillionTokens, Literal(price.per_million, datatype=XSD.decimal)))
        if price.amount is not None:
            g.add((node, ns.amount, Literal(price.amount, datatype=XSD.decimal)))
        if price.unit_tokens:
            g.add((node, ns.unitTokens, Literal(price.unit_tokens)))
        if price.token_kind:
            g.add((node, ns.tokenKind, Literal(price.token_kind)))
        if price.cache:
            g.add((node, ns.cacheStatus, Literal(price.cache)))
        valid_from = price.valid_from or (x.article.date if price.valid_until is None else None)
        if valid_from:
            g.add((node, ns.validFrom, Literal(valid_from, datatype=XSD.date)))
        if price.valid_until:
            g.add((node, ns.validUntil, Literal(price.valid_until, datatype=XSD.date)))
        g.add((node, ns.evidence, _evidence(g, price.evidence, art, node)))

    for ch in x.changes:
        model = entity_iri(r.key(ch.model))
        node = _node("change", x.article.id, model, ch.evidence.start, ch.percent, ch.token_kind)
        g.add((model, ns.priceChange, node))
        g.add((node, RDF.type, ns.PriceChange))
        g.add((node, ns.changePercent, Literal(ch.percent, datatype=XSD.decimal)))
        if ch.token_kind:
            g.add((node, ns.tokenKind, Literal(ch.token_kind)))
        if ch.date or x.article.date:
            g.add((node, ns.date, Literal(ch.date or x.article.date, datatype=XSD.date)))
        g.add((node, ns.evidence, _evidence(g, ch.evidence, art, node)))

    for claim in x.claims:
        person = entity_iri(r.key(claim.speaker))
        node = _node("claim", x.article.id, person, claim.evidence.start, claim.text)
        g.add((person, ns.argues, node))
        g.add((node, RDF.type, ns.Claim))
        g.add((node, ns.text, Literal(claim.text)))
        if claim.date or x.article.date:
            g.add((node, ns.date, Literal(claim.date or x.article.date, datatype=XSD.date)))
        g.add((node, ns.evidence, _evidence(g, claim.evidence, art, node)))
    return g


def catalogue_graph(cat: Catalogue) -> Graph:
    """The catalogue's entities: type, preferred label and aliases (no facts)."""
    g = Graph()
    for e in cat.entries.values():
        node = entity_iri(f"{e.type}/{e.key}")
        g.add((node, RDF.type, ns.ENTITY_CLASSES[e.type]))
        g.add((node, RDFS.label, Literal(e.label)))
        for alias in e.names[1:]:
            g.add((node, SKOS.altLabel, Literal(alias)))
    return g
