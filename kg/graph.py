"""The merged graph in networkx: one node per entity, one edge per entity-to-entity fact.

Prices, price changes and claims are kept on their entity's node as a list of
facts (each with evidence), which is what the viewer's side panel shows.
"""

from __future__ import annotations

import json
from collections import defaultdict

import networkx as nx

from .store import Store

ENTITIES = """
SELECT ?e ?type (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT ?alt; SEPARATOR="|") AS ?aliases)
       (COUNT(DISTINCT ?a) AS ?mentions)
WHERE {
  ?e kg:mentionedIn ?a ; a ?type ; rdfs:label ?l .
  VALUES ?type { kg:Organization kg:Person kg:Model }
  OPTIONAL { ?e skos:altLabel ?alt }
} GROUP BY ?e ?type
"""

RELATIONS = """
SELECT ?s ?p ?o ?sentence ?role ?title ?date ?url WHERE {
  ?ev kg:subject ?s ; kg:predicate ?p ; kg:object ?o .
  { ?ev kg:sentence ?sentence ; kg:fromArticle ?a }
  UNION { ?ev kg:fromCatalogue ?catalogue . BIND("(the kg catalogue of well-known organisations)" AS ?title) }
  OPTIONAL { ?ev kg:role ?role }
  OPTIONAL { ?a kg:title ?title }
  OPTIONAL { ?a kg:published ?date }
  OPTIONAL { ?a kg:url ?url }
}
"""

NODE_FACTS = """
SELECT ?e ?kind ?n ?sentence ?title ?date ?url ?per ?cur ?free ?tokenKind ?from ?until ?pct ?text WHERE {
  { ?e kg:pricedAt ?n . BIND("price" AS ?kind)
    OPTIONAL { ?n kg:perMillionTokens ?per } OPTIONAL { ?n kg:currency ?cur }
    OPTIONAL { ?n kg:isFree ?free } OPTIONAL { ?n kg:tokenKind ?tokenKind }
    OPTIONAL { ?n kg:validFrom ?from } OPTIONAL { ?n kg:validUntil ?until } }
  UNION { ?e kg:priceChange ?n . ?n kg:changePercent ?pct . BIND("change" AS ?kind) }
  UNION { ?e kg:argues ?n . ?n kg:text ?text . BIND("claim" AS ?kind) }
  ?n kg:evidence ?ev . ?ev kg:sentence ?sentence ; kg:fromArticle ?a .
  OPTIONAL { ?a kg:title ?title } OPTIONAL { ?a kg:published ?date } OPTIONAL { ?a kg:url ?url }
}
"""


def _v(sol, name: str) -> str:  # noqa: ANN001
    t = sol[name]
    return t.value if t is not None else ""


def describe_fact(kind: str, row: dict[str, str]) -> str:
    """A one-line human description of a node fact, prices normalised (0.8 CNY / 1M tokens)."""
    if kind == "price":
        if row["free"] == "true":
            return "free"
        kind_note = f" ({row['tokenKind']})" if row["tokenKind"] else ""
        return f"{row['per']} {row['cur']} / 1M tokens{kind_note}"
    if kind == "change":
        return f"price change {row['pct']}%"
    return f"argues: {row['text']}"


def to_networkx(store: Store, flat: bool = False) -> nx.MultiDiGraph:
    """The merged entity graph; ``flat`` turns list attributes into JSON strings (for GraphML/GEXF)."""
    g = nx.MultiDiGraph()
    for sol in store.query(ENTITIES):
        iri = _v(sol, "e")
        aliases = sorted(a for a in _v(sol, "aliases").split("|") if a)
        g.add_node(iri, label=_v(sol, "label"), type=_v(sol, "type").rsplit("#", 1)[-1],
                   aliases=aliases, mentions=int(_v(sol, "mentions") or 1), facts=[])
    seen = set()
    for sol in store.query(RELATIONS):
        s, o, p = _v(sol, "s"), _v(sol, "o"), _v(sol, "p").rsplit("#", 1)[-1]
        if s not in g or o not in g:
            continue
        ev = {"sentence": _v(sol, "sentence"), "title": _v(sol, "title"), "date": _v(sol, "date"),
              "url": _v(sol, "url"), "role": _v(sol, "role")}
        if (s, p, o) in seen:
            g.edges[s, o, p]["evidence"].append(ev)
            continue
        seen.add((s, p, o))
        g.add_edge(s, o, key=p, relation=p, evidence=[ev])
    facts: dict[str, list[dict]] = defaultdict(list)
    for sol in store.query(NODE_FACTS):
        row = {k: _v(sol, k) for k in ("kind", "sentence", "title", "date", "url", "per", "cur", "free",
                                       "tokenKind", "from", "until", "pct", "text")}
        fact: dict[str, object] = {"fact": describe_fact(row["kind"], row), "kind": row["kind"],
                                   "sentence": row["sentence"], "title": row["title"], "date": row["date"],
                                   "url": row["url"]}
        if row["kind"] == "price":  # what the viewer needs to put the price in force on the model's node
            fact["price"] = {k: row[k] for k in ("per", "cur", "free", "tokenKind", "from", "until")}
        facts[_v(sol, "e")].append(fact)
    for iri, items in facts.items():
        if iri in g:
            g.nodes[iri]["facts"] = sorted(items, key=lambda f: (f["kind"], f["date"], f["fact"]))
    if flat:
        for _, data in g.nodes(data=True):
            for k, v in list(data.items()):
                if isinstance(v, list):
                    data[k] = json.dumps(v, ensure_ascii=False)
        for *_, data in g.edges(keys=True, data=True):
            for k, v in list(data.items()):
                if isinstance(v, list):
                    data[k] = json.dumps(v, ensure_ascii=False)
    return g
