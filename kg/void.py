"""The dataset's counts (``kg stats``) and its description in VoID and DCAT.

``kg serve`` answers it at ``/.well-known/void`` (with its SPARQL endpoint) and ``kg export``
adds it to the dump as a named graph of its own (``https://w3id.org/aikg/void``). The counts are the ones
``kg stats`` prints, from the same function: articles (``void:documents``), entities mentioned
in articles per class (class partitions), distinct facts per property (property partitions) and
the statements of the named graphs (``void:triples``). Nothing in it depends on the clock, so
two builds of the same articles describe themselves identically.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import pyoxigraph as ox

from . import namespace as ns
from .store import Store

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
DATASET = f"{ns.BASE}dataset"
VOID_GRAPH = f"{ns.BASE}void"       # outside graph/, so no article id can claim it
TITLE = {"en": "kg: a knowledge graph of the AI industry, from the news",
         "zh": "kg:来自新闻的 AI 行业知识图谱"}
DESCRIPTION = ("Organisations, people and models of the AI industry, what they release, charge and argue, "
               "read from news articles in Chinese and English; every fact carries its evidence sentence and "
               "article. void:triples counts the statements of the article and catalogue graphs, as kg stats does.")
# The graph's own statements are offered under CC BY 4.0; the evidence sentences quoted from articles
# remain their publishers' (dcterms:rights says so).
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
RIGHTS = ("Evidence sentences are short quotations from the cited news articles; their copyright stays with "
          "the publishers.")
EXAMPLES = """SELECT ?c ?e WHERE {
  { SELECT ?c ?e (COUNT(DISTINCT ?a) AS ?n) WHERE {
      ?e a ?c ; kg:mentionedIn ?a . VALUES ?c { kg:Organization kg:Person kg:Model } } GROUP BY ?c ?e }
} ORDER BY ?c DESC(?n) ?e"""
SAME_AS_COUNT = (f"SELECT (COUNT(*) AS ?n) WHERE {{ ?e <{ns.sameAs}> ?w . "
                 f"FILTER STRSTARTS(STR(?w), \"{ns.WIKIDATA}\") }}")


def counts(st: Store) -> dict[str, Any]:
    """Counts: articles, entities by class (mentioned in some article), facts by kind, quads."""
    out: dict[str, Any] = {"articles": len(st.articles())}
    ents: Counter[str] = Counter()
    for row in st.query("SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c ; kg:mentionedIn ?a . "
                        "VALUES ?c { kg:Organization kg:Person kg:Model } } GROUP BY ?c"):
        ents[row["c"].value.rsplit("#", 1)[-1]] = int(row["n"].value)
    out["entities"] = dict(ents)
    facts: dict[str, int] = {}
    for prop in ns.FACT_PROPERTIES:
        rows = list(st.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ ?s <{prop}> ?o }} }}"))
        facts[str(prop).rsplit("#", 1)[-1]] = int(rows[0]["n"].value)
    out["facts"] = facts
    out["quads"] = len(st)
    return out


def _n(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))


def _examples(st: Store, per_class: int = 2) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for row in st.query(EXAMPLES):
        cls = row["c"].value
        if seen[cls] < per_class:
            seen[cls] += 1
            out.append(row["e"].value)
    return out


def description(st: Store, endpoint: str | None = None) -> list[ox.Triple]:
    """The dataset's VoID / DCAT description; ``endpoint`` is its SPARQL endpoint's URL when served."""
    c = counts(st)
    me = ox.NamedNode(DATASET)
    out: list[ox.Triple] = []

    def add(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Triple(s, ox.NamedNode(p), o))

    add(me, RDF_TYPE, ox.NamedNode(VOID + "Dataset"))
    add(me, RDF_TYPE, ox.NamedNode(DCAT + "Dataset"))
    for lang, title in TITLE.items():
        add(me, DCTERMS + "title", ox.Literal(title, language=lang))
    add(me, DCTERMS + "description", ox.Literal(DESCRIPTION, language="en"))
    add(me, DCTERMS + "license", ox.NamedNode(LICENSE))
    add(me, DCTERMS + "rights", ox.Literal(RIGHTS, language="en"))
    add(me, VOID + "vocabulary", ox.NamedNode(str(ns.KG)))
    add(me, VOID + "uriSpace", ox.Literal(str(ns.ID)))
    add(me, VOID + "triples", _n(c["quads"]))
    add(me, VOID + "documents", _n(c["articles"]))
    add(me, VOID + "entities", _n(sum(c["entities"].values())))
    if endpoint:
        add(me, VOID + "sparqlEndpoint", ox.NamedNode(endpoint))
    for iri in _examples(st):
        add(me, VOID + "exampleResource", ox.NamedNode(iri))
    for cls, n in sorted(c["entities"].items()):
        part = ox.NamedNode(f"{DATASET}/class/{cls}")     # IRIs, not blank nodes: exports stay canonical
        add(me, VOID + "classPartition", part)
        add(part, VOID + "class", ox.NamedNode(str(ns.KG[cls])))
        add(part, VOID + "entities", _n(n))
    for prop, n in c["facts"].items():
        part = ox.NamedNode(f"{DATASET}/property/{prop}")
        add(me, VOID + "propertyPartition", part)
        add(part, VOID + "property", ox.NamedNode(str(ns.KG[prop])))
        add(part, VOID + "triples", _n(n))
    links = int(next(iter(st.query(SAME_AS_COUNT)))["n"].value)
    if links:
        linkset = ox.NamedNode(f"{ns.BASE}dataset/wikidata-links")
        add(linkset, RDF_TYPE, ox.NamedNode(VOID + "Linkset"))
        add(linkset, VOID + "subjectsTarget", me)
        add(linkset, VOID + "objectsTarget", ox.NamedNode("http://www.wikidata.org/"))
        add(linkset, VOID + "linkPredicate", ox.NamedNode(str(ns.sameAs)))
        add(linkset, VOID + "triples", _n(links))
        add(me, VOID + "subset", linkset)
    return out


PREFIXES = {"void": VOID, "dcat": DCAT, "dcterms": DCTERMS, "kg": str(ns.KG), "xsd": XSD}
MEDIA = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD,
         "application/n-triples": ox.RdfFormat.N_TRIPLES}


def quads(st: Store) -> list[ox.Quad]:
    """The description as the named graph ``kg export`` adds to the dump."""
    graph = ox.NamedNode(VOID_GRAPH)
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in description(st)]


def http_answer(store: Store, req: dict[str, Any]) -> tuple[int, str, bytes]:
    """``kg serve``'s answer to ``GET /.well-known/void``: (status, media type, body)."""
    buf = io.BytesIO()
    fmt = MEDIA[req["media"]]
    endpoint = req["base"].rstrip("/") + "/sparql" if req.get("base") else None
    ox.serialize(description(store, endpoint), buf, fmt, prefixes=PREFIXES if fmt == ox.RdfFormat.TURTLE else None)
    return 200, req["media"], buf.getvalue()
