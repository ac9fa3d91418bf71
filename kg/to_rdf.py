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
from decimal import Decimal
from functools import lru_cache
from urllib.parse import quote

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from . import namespace as ns
from .catalogue import Catalogue
from .nt_text import L as L  # (read here by tests and tools)
from .nt_text import T, lit, name_lang, name_lit
from .records import Article, Entity, Evidence, ResolvedArticle

# Statements are N-Triples lines (see ``T``); the vocabulary comes from kg.namespace, and
# ``to_graph`` hands rdflib users an rdflib Graph.
Statements = list[str]


class _Terms:
    """The ontology's terms as IRI strings, looked up once: ``K.released``, ``K.type``…"""

    _OTHER = {"type": RDF.type, "label": RDFS.label, "altLabel": SKOS.altLabel, "prefLabel": SKOS.prefLabel}

    def __getattr__(self, name: str) -> str:
        iri = str(self._OTHER.get(name) or getattr(ns, name))
        setattr(self, name, iri)
        return iri


K = _Terms()

def entity_iri(key: str) -> URIRef:
    type_, _, name = key.partition("/")
    return ns.ID[f"{type_.lower()}/{quote(name, safe='')}"]


@lru_cache(maxsize=65536)
def _entity(key: str) -> str:
    return str(entity_iri(key))


def article_iri(article_id: str) -> URIRef:
    return ns.ID[f"article/{quote(article_id, safe='')}"]


def graph_iri(article_id: str) -> URIRef:
    return ns.GRAPH[quote(article_id, safe="")]


def _node(kind: str, article_id: str, *parts: object) -> str:
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
    return f"{ns.ID}{kind}/{_quoted(article_id)}/{digest}"


@lru_cache(maxsize=256)
def _quoted(article_id: str) -> str:
    """An article id as an IRI path segment (quoted once, not for each of an article's hundred nodes)."""
    return quote(article_id, safe="")


def _evidence(out: Statements, ev: Evidence, article: str, *parts: object) -> str:
    node = _node("evidence", ev.article_id, ev.start, ev.rule, *parts)
    out += [T(node, K.type, K.Evidence), T(node, K.fromArticle, article),
            T(node, K.sentence, lit(ev.sentence)), T(node, K.startOffset, lit(ev.start)),
            T(node, K.endOffset, lit(ev.end)), T(node, K.rule, lit(ev.rule))]
    return node


def article_triples(out: Statements, a: Article) -> str:
    node = str(article_iri(a.id))
    out += [T(node, K.type, K.Article), T(node, K.articleId, lit(a.id)),
            T(node, K.contentHash, lit(a.content_hash))]
    for prop, value in ((K.title, a.title), (K.source, a.source), (K.url, a.url), (K.lang, a.lang)):
        if value:
            out.append(T(node, prop, lit(value)))
    if a.date:
        out.append(T(node, K.published, lit(a.date)))
    return node


def entity_triples(out: Statements, e: Entity, with_label: bool = True) -> str:
    node = _entity(e.key)
    out.append(T(node, K.type, str(ns.ENTITY_CLASSES[e.type])))
    if with_label:
        out.append(T(node, K.label, name_lit(e.label)))
    out += [T(node, K.altLabel, name_lit(alias)) for alias in sorted(e.aliases)]
    return node


def triples(r: ResolvedArticle) -> Statements:
    """All statements of one article (N-Triples lines), to be stored as its named graph."""
    out: Statements = []
    x = r.extraction
    art = article_triples(out, x.article)
    for e in r.entities.values():
        node = entity_triples(out, e, with_label=not e.from_catalogue)
        out.append(T(node, K.mentionedIn, art))

    for rel in x.relations:
        s, o = _entity(r.key(rel.subject)), _entity(r.key(rel.object))
        if s == o:
            continue
        p = getattr(K, rel.kind)
        out.append(T(s, p, o))
        ev = _evidence(out, rel.evidence, art, s, p, o)
        out += [T(ev, K.subject, s), T(ev, K.predicate, p), T(ev, K.object, o)]
        if rel.role:
            out.append(T(ev, K.role, lit(rel.role)))
        if rel.date:
            out.append(T(ev, K.date, lit(rel.date)))

    for price in x.prices:
        model = _entity(r.key(price.model))
        node = _node("price", x.article.id, model, price.evidence.start, price.amount, price.currency,
                     price.unit_tokens, price.is_free, price.token_kind, price.cache)
        out += [T(model, K.pricedAt, node), T(node, K.type, K.Price), T(node, K.isFree, lit(price.is_free))]
        if price.currency:
            out.append(T(node, K.currency, lit(price.currency)))
        if price.per_million is not None:
            out.append(T(node, K.perMillionTokens, lit(price.per_million)))
        if price.amount is not None:
            out.append(T(node, K.amount, lit(price.amount)))
        if price.unit_tokens:
            out.append(T(node, K.unitTokens, lit(price.unit_tokens)))
        if price.token_kind:
            out.append(T(node, K.tokenKind, lit(price.token_kind)))
        if price.cache:
            out.append(T(node, K.cacheStatus, lit(price.cache)))
        valid_from = price.valid_from or (x.article.date if price.valid_until is None else None)
        if valid_from:
            out.append(T(node, K.validFrom, lit(valid_from)))
        if price.valid_until:
            out.append(T(node, K.validUntil, lit(price.valid_until)))
        out.append(T(node, K.evidence, _evidence(out, price.evidence, art, node)))

    for ch in x.changes:
        model = _entity(r.key(ch.model))
        node = _node("change", x.article.id, model, ch.evidence.start, ch.percent, ch.token_kind)
        out += [T(model, K.priceChange, node), T(node, K.type, K.PriceChange),
                T(node, K.changePercent, lit(Decimal(str(ch.percent))))]
        if ch.token_kind:
            out.append(T(node, K.tokenKind, lit(ch.token_kind)))
        if ch.date or x.article.date:
            out.append(T(node, K.date, lit(ch.date or x.article.date)))
        out.append(T(node, K.evidence, _evidence(out, ch.evidence, art, node)))

    for claim in x.claims:
        person = _entity(r.key(claim.speaker))
        node = _node("claim", x.article.id, person, claim.evidence.start, claim.text)
        out += [T(person, K.argues, node), T(node, K.type, K.Claim), T(node, K.text, lit(claim.text))]
        if claim.date or x.article.date:
            out.append(T(node, K.date, lit(claim.date or x.article.date)))
        out.append(T(node, K.evidence, _evidence(out, claim.evidence, art, node)))
    return out


def serialize(statements: Statements) -> bytes:
    """N-Triples bytes (duplicates dropped, order stable)."""
    return "".join(dict.fromkeys(statements)).encode("utf-8")


def to_ntriples(r: ResolvedArticle) -> bytes:
    """One article's named graph as N-Triples: what the store loads and build workers return."""
    return serialize(triples(r))


def to_graph(r: ResolvedArticle) -> Graph:
    """One article's triples as an rdflib Graph (for notebooks and tools built on rdflib)."""
    return Graph().parse(data=to_ntriples(r), format="nt")


def catalogue_triples(cat: Catalogue) -> Statements:
    """The catalogue's entities (type, preferred label, aliases, Wikidata links) and its one kind of fact: a
    well-known parent organisation, with evidence that says it comes from the catalogue, not from an article."""
    out: Statements = []
    for e in cat.entries.values():
        node = _entity(f"{e.type}/{e.key}")
        out += [T(node, K.type, str(ns.ENTITY_CLASSES[e.type])), T(node, K.label, name_lit(e.label))]
        out += [T(node, K.altLabel, name_lit(alias)) for alias in e.names[1:]]
        # the preferred name in each language the catalogue names it in (SKOS: one per language)
        firsts = {name_lang(n): n for n in reversed(e.names)}
        out += [T(node, K.prefLabel, name_lit(firsts[lang])) for lang in sorted(firsts)]
        if e.parent in cat.entries:
            parent = _entity(f"{cat.entries[e.parent].type}/{e.parent}")
            ev = _node("evidence", "catalogue", node, K.subsidiaryOf, parent)
            out += [T(node, K.subsidiaryOf, parent), T(ev, K.type, K.Evidence),
                    T(ev, K.fromCatalogue, str(ns.CATALOGUE_GRAPH)), T(ev, K.rule, lit("catalogue-parent")),
                    T(ev, K.subject, node), T(ev, K.predicate, K.subsidiaryOf), T(ev, K.object, parent)]
        if e.wikidata:      # the same thing in the web of data (OWL and schema.org readers)
            item = str(ns.WIKIDATA[e.wikidata])
            out += [T(node, K.sameAs, item), T(node, K.schemaSameAs, item)]
    return out
