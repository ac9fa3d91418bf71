"""Counts and dates the store's writer keeps after every change, for the saved queries.

How many articles mention an entity, or report a price or a price change, and the first and last of their
dates are what an analyst asks first, and the one thing the per-article summaries (``kg.summaries``)
cannot keep: no single article knows the count. A query counting the links itself reads every one of
them (30,000 rows, seconds, for the most-mentioned company of a year of news). So after each change the
writer brings up to date, for each node the change touched,

    NODE kg:sources n ; kg:firstReported d1 ; kg:lastReported d2

for an entity (its ``kg:mentionedIn`` articles) and for a price or change point (its ``kg:reportedIn``
articles), dated by the articles' ``kg:published``; and for a price point the period it was in force, ``PP
kg:periodFrom d1 ; kg:periodUntil d2``, the earliest start and the latest end its reports state
(``cheapest`` reads it instead of every report's own dates; recomputed from the point's dates each time).
The count is recounted from the node's links (a few thousand at most: what the change costs, not what the
store holds). The dates follow the change: an addition can only widen them; a removal of an article dated on
an end, or a node without figures yet, has them recomputed from its articles. Each rule gives the same
figures however often a change is replayed (``kg.journal``), so the figures stay exact. They live in the
default graph only, derived: never in an article's graph, never exported.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from . import namespace as ns
from .summaries import CHANGE_POINT, CLAIM_POINT, POINT

_DEFAULT = ox.DefaultGraph()
_N = {name: ox.NamedNode(str(getattr(ns, name))) for name in (
    "mentionedIn", "reportedIn", "published", "sources", "firstReported", "lastReported", "periodFrom",
    "periodUntil", "PricePoint")}
_COUNTED = ("sources", "firstReported", "lastReported")       # every counted node's
_PERIOD = ("periodFrom", "periodUntil")                      # a price point's
_FIGURES = _COUNTED + _PERIOD
# the predicates that link a node to an article it counts (the line's subject is the node), and the line
# of the article's date
_LINKS_B = [f"> <{_N[p].value}> ".encode() for p in ("mentionedIn", "reportedIn")]
_DATE_LINE = re.compile(rb'^<%sarticle/[^>]*> <%s> "([^"]*)"' % (re.escape(str(ns.ID).encode()),
                                                                re.escape(_N["published"].value.encode())), re.M)
_INTEGER = ox.NamedNode(str(ns.XSD.integer))
_DATE = ox.NamedNode(str(ns.XSD.date))
_CHUNK = 500        # nodes a query asks about at once
_POINTS = (POINT, CHANGE_POINT, CLAIM_POINT)
# the queries, about the nodes written in place of NODES
_LINKS = "{ ?n kg:mentionedIn ?a } UNION { ?n kg:reportedIn ?a }"
_COUNT = f"SELECT ?n (COUNT(?a) AS ?c) WHERE {{ VALUES ?n {{ NODES }} {_LINKS} }} GROUP BY ?n"
_DATES = (f"SELECT ?n (MIN(?d) AS ?f) (MAX(?d) AS ?l) WHERE {{ VALUES ?n {{ NODES }} {_LINKS} "
          "?a kg:published ?d } GROUP BY ?n")
# each point's stated starts and ends, one per row: the earliest and the latest are taken in Python, since
# pyoxigraph's MIN and MAX give nothing for a group in which any row leaves the value unbound
_PERIODS = ("SELECT ?n ?end ?d WHERE { VALUES ?n { NODES } "
            "{ ?n kg:validFrom ?d BIND (false AS ?end) } UNION { ?n kg:validUntil ?d BIND (true AS ?end) } }")
_HELD, _HELD_PERIODS = ("SELECT ?n ?p ?v WHERE { VALUES ?n { NODES } " + " UNION ".join(
    f"{{ ?n kg:{p} ?v BIND (kg:{p} AS ?p) }}" for p in figures) + " }" for figures in (_COUNTED, _PERIOD))

Touched = dict[bytes, set[str]]     # node ("<iri" bytes) → the dates of the articles the change moved


def touched(written: bytes, into: Touched) -> None:
    """Add to ``into`` the nodes one article's statements (with their summary) count, with its date:
    subjects of ``kg:mentionedIn`` and ``kg:reportedIn`` lines (found with ``bytes.find``: a line-by-line
    parse cost as much as the rest of the figures)."""
    dated = _DATE_LINE.search(written)
    dates = [dated.group(1).decode()] if dated else []
    for link in _LINKS_B:
        at = written.find(link)
        while at >= 0:
            start = written.rfind(b"\n", 0, at) + 1
            into.setdefault(written[start:at], set()).update(dates)
            at = written.find(link, at + len(link))


def update(db: ox.Store, added: Touched, removed: Touched) -> None:
    """Bring the figures of every node a change touched up to date with the store's present state. The
    store answers for a few hundred nodes at a time (counting in the engine, not in Python)."""
    nodes = sorted(added.keys() | removed.keys())
    new: list[ox.Quad] = []
    for i in range(0, len(nodes), _CHUNK):
        raws = nodes[i:i + _CHUNK]
        chunk = [ox.NamedNode(raw[1:].decode()) for raw in raws]
        old = _figures(db, chunk)
        for node in chunk:
            for p, value in old.get(node.value, {}).items():
                db.remove(ox.Quad(node, _N[p], value, _DEFAULT))
        counts = _ask(db, chunk, _COUNT)
        dates, redo = {}, []
        for raw, node in zip(raws, chunk):
            held = old.get(node.value, {})
            first, last = (held[p].value if p in held else None for p in ("firstReported", "lastReported"))
            if "sources" not in held or {first, last} & removed.get(raw, set()):
                redo.append(node)
            else:
                dates[node.value] = {d for d in (first, last) if d} | added.get(raw, set())
        for row in _ask(db, redo, _DATES).values():
            dates[row["n"].value] = {row["f"].value, row["l"].value}
        for node in chunk:
            if node.value in counts:
                new += _statements(node, int(counts[node.value]["c"].value), sorted(dates.get(node.value, ())))
            elif node.value.startswith(_POINTS):
                _drop_point(db, node)
        new += _periods(db, [n for n in chunk if n.value.startswith(POINT) and n.value in counts])
    db.extend(new)


def _periods(db: ox.Store, points: list[ox.NamedNode]) -> list[ox.Quad]:
    """The period statements of price points: their earliest stated start and latest stated end."""
    starts: dict[str, ox.Literal] = {}
    ends: dict[str, ox.Literal] = {}
    for row in _run(db, points, _PERIODS) if points else ():
        node, day = row["n"].value, row["d"]
        if row["end"].value == "true":      # ISO dates: their text order is their time order
            ends[node] = max(ends.get(node, day), day, key=lambda d: d.value)
        else:
            starts[node] = min(starts.get(node, day), day, key=lambda d: d.value)
    return [ox.Quad(ox.NamedNode(node), _N[p], day, _DEFAULT)
            for p, days in (("periodFrom", starts), ("periodUntil", ends)) for node, day in days.items()]


def add_periods(db: ox.Store) -> None:
    """Give every price point its period (a store written before the writer kept them): ``update`` with
    every point touched and no article moved brings each point's figures, its period among them, up to date."""
    kind = ox.NamedNode(str(ns.RDF.type))
    update(db, {str(q.subject).encode()[:-1]: set()
                for q in db.quads_for_pattern(None, kind, _N["PricePoint"], _DEFAULT)}, {})


def periods_missing(db: ox.Store) -> bool:
    """Whether the store's first dated price point has no period (written before the writer kept them)."""
    kind, dated = ox.NamedNode(str(ns.RDF.type)), ox.NamedNode(str(ns.validFrom))
    for q in db.quads_for_pattern(None, kind, _N["PricePoint"], _DEFAULT):
        if next(iter(db.quads_for_pattern(q.subject, dated, None, _DEFAULT)), None) is not None:
            return next(iter(db.quads_for_pattern(q.subject, _N["periodFrom"], None, _DEFAULT)), None) is None
    return False


def _drop_point(db: ox.Store, point: ox.NamedNode) -> None:
    """A point no stored article reports any more: its link, type and key (``summaries.counted``: kept
    in the default graph only, for as long as it has sources) go."""
    for q in [*db.quads_for_pattern(point, None, None, _DEFAULT), *db.quads_for_pattern(None, None, point, _DEFAULT)]:
        db.remove(q)


def _ask(db: ox.Store, nodes: list[ox.NamedNode], sparql: str) -> dict[str, ox.QuerySolution]:
    """One row per node (``?n``) of a query about ``nodes``, written into it in their N-Triples form
    (IRIs the writer made, validated as terms: nothing else reaches the query)."""
    if not nodes:
        return {}
    return {row["n"].value: row for row in _run(db, nodes, sparql)}


def _run(db: ox.Store, nodes: list[ox.NamedNode], sparql: str) -> ox.QuerySolutions:
    text = f"PREFIX kg: <{ns.KG}>\n" + sparql.replace("NODES", " ".join(str(n) for n in nodes))
    return db.query(text)  # type: ignore[return-value]


def _figures(db: ox.Store, nodes: list[ox.NamedNode]) -> dict[str, dict[str, ox.Literal]]:
    """The figures each node holds now, by name. A period is asked of price points only, the one kind
    ``_periods`` gives one: two lookups fewer for every other node (the query's cost is its lookups)."""
    names = {_N[p].value: p for p in _FIGURES}
    out: dict[str, dict[str, ox.Literal]] = {}
    points = [node for node in nodes if node.value.startswith(POINT)]
    for sparql, asked in ((_HELD, nodes), (_HELD_PERIODS, points)):
        for row in _run(db, asked, sparql) if asked else ():
            if isinstance(row["v"], ox.Literal):
                out.setdefault(row["n"].value, {})[names[row["p"].value]] = row["v"]
    return out


def _statements(node: ox.NamedNode, count: int, dates: list[str]) -> list[ox.Quad]:
    out = [ox.Quad(node, _N["sources"], ox.Literal(str(count), datatype=_INTEGER), _DEFAULT)]
    if dates:        # ISO dates: their text order is their time order
        out += [ox.Quad(node, _N[p], ox.Literal(d, datatype=_DATE), _DEFAULT)
                for p, d in (("firstReported", dates[0]), ("lastReported", dates[-1]))]
    return out
