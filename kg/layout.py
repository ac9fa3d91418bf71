"""How the store lays out the statements of its articles: every triple once.

An article's statements fall into two kinds:

* **owned**: about a node only that article makes — its article node, its evidence, price, price
  change and claim nodes (their IRIs carry the article id, see ``kg.to_rdf``) — or pointing at one
  (``MODEL kg:pricedAt <its price node>``, ``ENTITY kg:mentionedIn <its article node>``). About 96 %
  of an article's triples on news-shaped text. No other article can state them.
* **shared**: about entities only — a type, a name, ``ORG kg:released MODEL`` — which many articles
  may state.

The default graph holds every triple once: owned and shared alike (the saved queries, the viewer and
the endpoint read it). An article's named graph holds only its *shared* statements: the record of who
states them, so a shared statement leaves the default graph when the last article stating it goes.
An article's whole graph, as exports and ``kg push`` give it, is its named graph plus the owned
triples, found from its article node (``article_graph``) or, for a whole dump, by reading the owner
from each owned node's IRI (``owner_graph``).

The writer also keeps, exactly, what the saved queries would otherwise gather from thousands of
evidence nodes (``kg.summaries``): fact nodes and price, change and claim points, stored like any other
statement of the article (shared or owned), so they come and go with the articles that give them;
they are derived data, never exported. A point's link, type and key, which every article reporting
it states alike, are the exception (``summaries.counted``): kept once in the default graph, and taken
out by ``kg.rollups`` when no stored article reports the point any more.

Before this layout every triple was written twice (its article's graph and the merged default graph):
nine index entries a triple instead of three, ~2.6× the disk and the write work.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from . import namespace as ns
from .summaries import counted, derived, summary_lines

_ID = str(ns.ID)
_OWNED_PREFIXES = tuple(f"{_ID}{kind}/" for kind in ("article", "evidence", "price", "change", "claim"))
_OWNED_PREFIXES_B = tuple(f"<{p}".encode() for p in _OWNED_PREFIXES)
_DEFAULT = ox.DefaultGraph()
_P = {name: ox.NamedNode(str(getattr(ns, name))) for name in ("fromArticle", "fromCatalogue", "evidence")}
# the start of a line whose subject is no article's own node: nine in ten of an article's lines are
# owned, and one pattern passes over them faster than a test of each line
_UNOWNED_SUBJECT = re.compile(rb"\n(?!%s)" % b"|".join(re.escape(p) for p in _OWNED_PREFIXES_B))


def owner_graph(term: object) -> str | None:
    """The named graph of the article whose node ``term`` is (``…/id/price/<article>/<hash>`` →
    ``…/graph/<article>``), or None for an entity, a literal or anything else."""
    if not isinstance(term, ox.NamedNode) or not term.value.startswith(_OWNED_PREFIXES):
        return None
    rest = term.value[len(_ID):].split("/", 2)          # kind, quoted article id, hash
    return f"{ns.GRAPH}{rest[1]}" if len(rest) > 1 else None


def triple_owner(t: ox.Triple | ox.Quad) -> str | None:
    """The graph of the article that owns a triple: its subject's, else its object's; None if shared."""
    return owner_graph(t.subject) or owner_graph(t.object)


def shared_lines(ntriples: bytes) -> bytes:
    """The shared statements among an article's N-Triples lines (as ``kg.to_rdf`` writes them: IRIs
    are percent-encoded, so ``> `` ends the subject and the predicate), but for the points' statements
    their count keeps (``summaries.counted``)."""
    data = b"\n" + ntriples        # every line starts after a newline, as the pattern reads it
    out = []
    for m in _UNOWNED_SUBJECT.finditer(data):
        end = data.find(b"\n", m.end())
        line = data[m.end():end + 1]
        if end >= 0 and line.endswith(b" .\n") and not line.split(b"> ", 2)[2].startswith(_OWNED_PREFIXES_B) \
                and not counted(line):
            out.append(line)
    return b"".join(out)


def named(graph: str, ntriples: bytes) -> bytes:
    """N-Quads: N-Triples lines in the named graph ``graph``."""
    suffix = f" <{graph}> .\n".encode()
    return b"".join(line[:-2] + suffix for line in ntriples.splitlines(keepends=True) if line.endswith(b" .\n"))


def stored_form(graph: str, ntriples: bytes, summary: bytes | None = None) -> bytes:
    """N-Quads of what the store keeps for an article: every triple in the default graph, the shared
    ones again in the article's named graph, and so are its summary's (``summary_lines``, derived
    here unless given)."""
    written = ntriples + (summary_lines(ntriples) if summary is None else summary)
    return written + named(graph, shared_lines(written))


def _source_node(graph: str) -> tuple[ox.NamedNode, ox.NamedNode]:
    """The node an article's owned nodes hang from, and the property its evidence points at it with."""
    if graph == str(ns.CATALOGUE_GRAPH):
        return ox.NamedNode(graph), _P["fromCatalogue"]
    return ox.NamedNode(f"{_ID}article/{graph[len(str(ns.GRAPH)):]}"), _P["fromArticle"]


def article_graph(db: ox.Store, graph: str) -> list[ox.Triple]:
    """The whole graph of one article (or of the catalogue), as it was written: its shared statements
    from its named graph, its owned ones from the default graph, found by pattern lookups from its
    article node (what it costs grows with the article, not with the store)."""
    out = [q.triple for q in db.quads_for_pattern(None, None, None, ox.NamedNode(graph)) if _as_written(q)]
    out += _owned(db, graph)
    return out


def _owned(db: ox.Store, graph: str) -> Iterator[ox.Triple]:
    source, link = _source_node(graph)
    nodes: list[ox.NamedNode | ox.BlankNode | ox.Triple] = [source]
    evidence = [q.subject for q in db.quads_for_pattern(None, link, source, _DEFAULT)]
    nodes += evidence
    for ev in evidence:     # price, change and claim nodes point at their evidence
        nodes += [q.subject for q in db.quads_for_pattern(None, _P["evidence"], ev, _DEFAULT)]
    seen: set[ox.Triple] = set()
    for node in nodes:
        found = [*db.quads_for_pattern(node, None, None, _DEFAULT), *db.quads_for_pattern(None, None, node, _DEFAULT)]
        for q in found:
            if triple_owner(q) == graph and not derived(q) and q.triple not in seen:
                seen.add(q.triple)
                yield q.triple


def all_graphs(db: ox.Store) -> Iterator[ox.Quad]:
    """Every article's (and the catalogue's) whole graph as quads, in one pass over the store."""
    for q in db.quads_for_pattern(None, None, None, None):
        if isinstance(q.graph_name, ox.DefaultGraph):
            graph = triple_owner(q)
            if graph is not None and not derived(q):
                yield ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(graph))
        elif _as_written(q):
            yield q


def _as_written(q: ox.Quad) -> bool:
    """Whether a quad of a named graph is one of its article's statements: not an owned one (a store
    written before this layout holds those there too) and not a fact node's (derived by the writer)."""
    return triple_owner(q) is None and not derived(q)


def counted_triple(t: ox.Triple | ox.Quad) -> bool:
    """``summaries.counted`` for a triple that is not an article's own."""
    if triple_owner(t) is not None:
        return False
    return counted(f"{t.subject} {t.predicate} {t.object} .".encode())


def retract(db: ox.Store, graph: str, triples: Iterable[ox.Triple]) -> None:
    """Take one article's statements (with its fact nodes' statements, ``summary_lines``) out: its owned
    triples, its record of the shared ones, and every shared one no other article states any more."""
    name = ox.NamedNode(graph)
    shared = []
    for t in triples:
        if counted_triple(t):
            continue        # kg.rollups takes it out with the point's last source
        if triple_owner(t) is None:
            db.remove(ox.Quad(t.subject, t.predicate, t.object, name))
            shared.append(t)
        else:
            db.remove(ox.Quad(t.subject, t.predicate, t.object, _DEFAULT))
    for t in shared:
        still = any(not isinstance(q.graph_name, ox.DefaultGraph)
                    for q in db.quads_for_pattern(t.subject, t.predicate, t.object, None))
        if not still:
            db.remove(ox.Quad(t.subject, t.predicate, t.object, _DEFAULT))
