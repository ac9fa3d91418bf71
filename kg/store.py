"""Stage 6: the embedded SPARQL store (pyoxigraph on disk), each triple written once (``kg.layout``).

Every change is journaled before it is made (``kg.journal``), so a killed writer leaves nothing the
next one cannot finish. Writers take an exclusive lock file, so a second writer gets a clear message
instead of a corrupt store; readers open the store read-only and never wait.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph

from . import journal, layout, rollups
from . import namespace as ns
from .errors import Errors, KGError
from .summaries import summary_lines

DEFAULT_STORE = ns.ROOT / ".kg" / "store"


def store_path(path: str | Path | None = None) -> Path:
    """The store folder: the argument, else ``$KG_STORE``, else ``.kg/store`` in the project folder."""
    return Path(path or os.environ.get("KG_STORE") or DEFAULT_STORE)


@dataclass(frozen=True)
class StoredArticle:
    id: str
    graph: str
    content_hash: str


class Store:
    """A pyoxigraph store on disk; open with ``open_store`` (read-only) or ``open_writer``."""

    def __init__(self, store: ox.Store, path: Path, hold: IO[str] | None = None) -> None:
        self.ox = store
        self.path = path
        self.hold = hold        # a reader's shared lock on the snapshot it reads (see ``checkpoint``)

    # -- reading ---------------------------------------------------------------------
    def query(self, sparql: str, substitutions: dict | None = None):  # noqa: ANN201
        """Run SPARQL with the ontology's prefixes pre-bound, over the default graph: every article's
        triples, each once (see ``kg.layout``)."""
        try:
            return self.ox.query(sparql, prefixes=ns.PREFIXES, substitutions=substitutions)
        except (SyntaxError, RuntimeError, ValueError) as exc:
            raise KGError(Errors.E030, reason=str(exc).splitlines()[0]) from None

    def articles(self) -> dict[str, StoredArticle]:
        """The stored articles by id (with their named graph's IRI and content hash)."""
        from .to_rdf import graph_iri

        default, out = ox.DefaultGraph(), {}
        for q in self.ox.quads_for_pattern(None, ox.NamedNode(str(ns.articleId)), None, default):
            aid = str(q.object.value)  # type: ignore[union-attr]
            for h in self.ox.quads_for_pattern(q.subject, ox.NamedNode(str(ns.contentHash)), None, default):
                out[aid] = StoredArticle(aid, str(graph_iri(aid)), str(h.object.value))  # type: ignore[union-attr]
        return out

    def article(self, article_id: str) -> StoredArticle | None:
        """One stored article by id (a pattern lookup: its cost does not grow with the store)."""
        from .to_rdf import article_iri, graph_iri

        node = ox.NamedNode(str(article_iri(article_id)))
        for q in self.ox.quads_for_pattern(node, ox.NamedNode(str(ns.contentHash)), None, ox.DefaultGraph()):
            return StoredArticle(article_id, str(graph_iri(article_id)), str(q.object.value))  # type: ignore[union-attr]
        return None

    def quads(self) -> Iterator[ox.Quad]:
        """Every article's (and the catalogue's) whole graph as quads: what ``kg export -f nq`` writes."""
        return layout.all_graphs(self.ox)

    def __len__(self) -> int:
        return sum(1 for _ in self.quads())

    def graph_names(self) -> list[str]:
        """The graphs of the articles and the catalogue, sorted."""
        names = {a.graph for a in self.articles().values()}
        if self.ox.contains_named_graph(ox.NamedNode(str(ns.CATALOGUE_GRAPH))):
            names.add(str(ns.CATALOGUE_GRAPH))
        return sorted(names)

    def graph_triples(self, graph: str | None) -> list[ox.Triple]:
        """The whole graph of one article (or the catalogue), or the merged default graph for ``None``."""
        if graph is None:
            return [q.triple for q in self.ox.quads_for_pattern(None, None, None, ox.DefaultGraph())]
        return layout.article_graph(self.ox, graph)

    def merged_triples(self, subject: ox.NamedNode | ox.BlankNode | None = None, predicate: ox.NamedNode | None = None,
                       obj: ox.NamedNode | ox.BlankNode | ox.Literal | None = None) -> list[ox.Triple]:
        """The merged graph's triples that match a pattern (``None`` matches anything): a pattern
        lookup, so describing one entity costs what that entity has, not what the store has."""
        return [q.triple for q in self.ox.quads_for_pattern(subject, predicate, obj, ox.DefaultGraph())]

    def value(self, subject: str, predicate: str, graph: str) -> str | None:
        """The first object of ``subject predicate ?o`` in a named graph, as text (None if absent)."""
        g = ox.NamedNode(graph)
        for q in self.ox.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None, g):
            return str(q.object.value)  # type: ignore[union-attr]
        return None

    def run(self, sparql: str, **options: Any):  # noqa: ANN201
        """pyoxigraph's own query call, for callers that handle its errors and options themselves
        (the SPARQL endpoint's dataset choices); ``query`` is the one for everyone else."""
        return self.ox.query(sparql, **options)

    # -- writing ---------------------------------------------------------------------
    # Every change is journaled first (kg.journal) and made in the layout of kg.layout: each triple once in
    # the default graph, an article's shared statements also in its named graph.
    def replace_graph(self, graph: str, g: Graph) -> None:
        """Replace one article's (or the catalogue's) graph with the triples of ``g``."""
        self.replace_graph_data(graph, g.serialize(format="nt", encoding="utf-8"))

    def replace_graph_data(self, graph: str, ntriples: bytes) -> None:
        """Replace one article's (or the catalogue's) graph with N-Triples (as build workers produce them)."""
        self._change([*self._retraction(graph), journal.Step("add", graph, ntriples)])

    def remove_graph(self, graph: str) -> None:
        """Take one article (or the catalogue) out; what only it stated goes with it."""
        self._change(self._retraction(graph))

    def load_new_graphs(self, graphs: list[tuple[str, bytes]]) -> None:
        """Add the graphs (N-Triples) of articles the store does not hold yet, many at once, through
        RocksDB's bulk loader (which made the single writer ~3× faster than a transaction each)."""
        if graphs:
            self._change([journal.Step("add", g, nt) for g, nt in graphs], bulk=True)

    def _retraction(self, graph: str) -> list[journal.Step]:
        old = layout.article_graph(self.ox, graph)
        if not old:
            return []
        return [journal.Step("retract", graph, ox.serialize(old, format=ox.RdfFormat.N_TRIPLES) or b"")]

    def _change(self, steps: list[journal.Step], bulk: bool = False) -> None:
        if not steps:
            return
        journal.write(self.path, steps)
        journal.apply(self.ox, steps, bulk=bulk)
        self.ox.flush()
        journal.done(self.path)

    def finish_interrupted_change(self) -> None:
        """Replay the journal of a change a killed writer left (the whole change, see ``kg.journal``)."""
        steps = journal.read(self.path)
        if steps is not None:
            journal.apply(self.ox, steps)
            self.ox.flush()
            journal.done(self.path)

    def flush(self) -> None:
        self.ox.flush()

    def compact(self) -> None:
        """Merge the database's files (RocksDB compaction). Bulk loads ingest sorted files side by side,
        which every later read has to consult: after a build of 10k articles the saved listings' first
        pages read 2–10× faster from the compacted store (README, Architecture)."""
        self.ox.optimize()

    # -- a store written before kg.layout ----------------------------------------------------
    def written_before_layout(self) -> bool:
        """Whether the store is in the layout before ``kg.layout``: every article's triples in its named graph
        and again in the merged default graph. One article's graph tells (that layout kept its article node
        there; today's never does), so opening a writer does not read every article."""
        catalogue = str(ns.CATALOGUE_GRAPH)
        only_catalogue = False
        for g in self.ox.named_graphs():
            if isinstance(g, ox.NamedNode) and g.value == catalogue:
                only_catalogue = True
                continue
            article_node = self.ox.quads_for_pattern(None, ox.NamedNode(str(ns.articleId)), None, g)
            return next(iter(article_node), None) is not None
        # no article yet: the catalogue's evidence sat in its named graph in that layout
        return only_catalogue and next(iter(self.ox.quads_for_pattern(
            None, ox.NamedNode(str(ns.fromCatalogue)), None, ox.NamedNode(catalogue))), None) is not None

    def upgrade_layout(self) -> None:
        """Bring a store written before ``kg.layout`` to it, once, by the first writer that opens it: the
        default graph recomputed from the named graphs, then each named graph keeps only its shared
        statements."""
        if not self.written_before_layout():
            return
        old_load = self.path / ".loading"      # that layout's journal: graphs a bulk load may have left half
        if old_load.exists():
            for graph in filter(None, old_load.read_text(encoding="utf-8").splitlines()):
                self.ox.remove_graph(ox.NamedNode(graph))
        self.ox.clear_graph(ox.DefaultGraph())
        named = list(self.ox.quads_for_pattern(None, None, None, None))
        self.ox.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in named)
        for q in named:
            if layout.triple_owner(q) is not None:
                self.ox.remove(q)
        self._store_summaries()
        old_load.unlink(missing_ok=True)
        (self.path / ".merging").unlink(missing_ok=True)

    def summaries_outdated(self) -> bool:
        """Whether the store was written before the writer kept its figures (``kg.rollups``): it holds
        mentions but no ``kg:sources``."""
        def some(predicate: str) -> bool:
            found = self.ox.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.DefaultGraph())
            return next(iter(found), None) is not None
        return some(str(ns.mentionedIn)) and not some(str(ns.sources))

    def _store_summaries(self) -> None:
        """Every article's summary stored again as today's writer stores it (set additions: what is there
        stays; the article's own statements are there already), which adds what an older writer did not
        keep, and every figure recomputed."""
        added: rollups.Touched = {}
        for graph in self.graph_names():
            name = ox.NamedNode(graph)
            for q in list(self.ox.quads_for_pattern(None, None, None, name)):
                if layout.counted_triple(q):      # an older writer recorded the points' statements there
                    self.ox.remove(q)
            written = ox.serialize(self.graph_triples(graph), format=ox.RdfFormat.N_TRIPLES) or b""
            summary = summary_lines(written)
            self.ox.load(layout.stored_form(graph, b"", summary), format=ox.RdfFormat.N_QUADS)
            rollups.touched(written + summary, added)
        rollups.update(self.ox, added, {})
        self.ox.flush()

    def upgrade_summaries(self) -> None:
        """Bring a store written before the writer's figures to them, once, by the first writer (a store
        that has the figures but not the price points' periods gets only those: a few thousand points)."""
        if self.summaries_outdated():
            self._store_summaries()
        elif rollups.periods_missing(self.ox):
            rollups.add_periods(self.ox)
            self.ox.flush()


# -- snapshots for readers ------------------------------------------------------------------
# pyoxigraph: "opening as read-only while another process writes the database is undefined
# behaviour" (seen here: missing table files and unbounded memory). So readers never open the live
# database while a writer may be at work: each writer leaves a RocksDB checkpoint (hard links, cheap)
# in <store>.snapshots/ when it finishes (and every CHECKPOINT_EVERY articles of a long build), and
# readers open the newest one. With no writer running and no snapshot yet, the live store is safe.
READERS = ".readers"     # in a snapshot: readers hold a shared lock on it while they read the snapshot


def _snapshots_dir(p: Path) -> Path:
    return p.parent / (p.name + ".snapshots")


def newest_snapshot(p: Path) -> Path | None:
    d = _snapshots_dir(p)
    if not d.is_dir():
        return None
    done = sorted(x for x in d.iterdir() if x.is_dir() and (x / ".complete").exists())
    return done[-1] if done else None


def _writer_active(p: Path) -> bool:
    lock_path = p.parent / (p.name + ".lock")
    if not lock_path.exists():
        return False
    with open(lock_path) as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(lock, fcntl.LOCK_UN)
    return False


def checkpoint(store: Store) -> Path:
    """Leave a snapshot of the store for readers, and remove the older ones no reader holds.

    A snapshot shares its files with the store (hard links) until the store compacts them away: an
    old snapshot kept "just in case" cost a third of the store's disk after a long build. Readers hold
    a shared lock on the snapshot they read, so the writer removes exactly the ones nobody reads.
    """
    d = _snapshots_dir(store.path)
    d.mkdir(exist_ok=True)
    target = d / f"{time.time_ns():020d}"
    store.ox.flush()
    store.ox.backup(str(target))
    (target / READERS).touch()
    (target / ".complete").touch()
    for old in sorted(x for x in d.iterdir() if x.is_dir() and x != target):
        if not _held_by_a_reader(old):
            shutil.rmtree(old, ignore_errors=True)
    return target


def _held_by_a_reader(snapshot: Path) -> bool:
    try:
        with open(snapshot / READERS) as f:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return False
    except BlockingIOError:
        return True
    except OSError:         # no lock file: a snapshot being made, or one from before reader locks
        return (snapshot / ".complete").exists() and time.time() - snapshot.stat().st_mtime < 600


def _hold(snapshot: Path) -> IO[str] | None:
    """A shared lock on a snapshot for as long as the reader keeps the returned file open (None for a
    snapshot from before reader locks, or one just removed)."""
    try:
        f = open(snapshot / READERS)
    except OSError:
        return None
    fcntl.flock(f, fcntl.LOCK_SH)
    return f


def require_store(path: str | Path | None = None) -> Path:
    """The store folder for a command that reads (or changes) a store it must not create: E051 when
    there is no store there (a mistyped ``--store``, or nothing built yet)."""
    p = store_path(path)
    if (p / "CURRENT").exists() or _writer_active(p):     # a store, or its first build under way
        return p
    if p.exists() and not p.is_dir():
        raise KGError(Errors.E050, path=p, reason="not a folder")
    raise KGError(Errors.E051, path=p)


def open_store(path: str | Path | None = None) -> Store:
    """Open the store for reading: the newest snapshot a writer left, else the store itself when no
    writer is at work, else (a first build under way) an empty store; E051 when there is no store at all."""
    p = require_store(path)
    if not (p / "CURRENT").exists():      # a writer has only just created the folder: nothing in it yet
        return Store(ox.Store(), p)
    snapshot = newest_snapshot(p)
    if snapshot is None and (_writer_active(p) or (p / journal.NAME).exists()):
        # the store's first build is under way (or was killed) and has left no snapshot yet: the database
        # being written must not be opened (see above), so readers see the store as before the build, empty
        return Store(ox.Store(), p)
    source = snapshot or p
    reason = ""
    for attempt in range(10):
        hold = _hold(source) if source != p else None
        try:
            if source != p and not source.is_dir():
                raise OSError("snapshot removed")       # pruned between choosing it and locking it
            return Store(ox.Store.read_only(str(source)), p, hold)
        except (OSError, RuntimeError) as exc:      # RocksDB: "IO error" / "Corruption: … No such file"
            if hold is not None:
                hold.close()
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            time.sleep(min(0.02 * (attempt + 1), 0.3))
            source = newest_snapshot(p) or p      # a newer snapshot may have replaced a pruned one
    raise KGError(Errors.E050, path=p, reason=reason)


@contextmanager
def open_writer(path: str | Path | None = None, wait: bool = False) -> Iterator[Store]:
    """Open the store for writing under an exclusive lock; a second writer fails fast (or waits)."""
    p = store_path(path)
    p.mkdir(parents=True, exist_ok=True)
    lock_path = p.parent / (p.name + ".lock")
    with open(lock_path, "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            lock.seek(0)
            owner = lock.read().strip() or "?"
            raise KGError(Errors.E050, path=p, reason=f"store is being written by process {owner}") from None
        lock.seek(0)
        lock.truncate()
        lock.write(str(os.getpid()))
        lock.flush()
        store = Store(_open_rocksdb(p, wait), p)
        try:
            store.upgrade_layout()
            store.finish_interrupted_change()
            store.upgrade_summaries()
            yield store
            store.flush()
            checkpoint(store)
        finally:
            # close the database (drop its last reference) *before* the lock is released, or the next
            # writer gets the lock file but finds RocksDB's own LOCK still held by this process
            store.ox = None  # type: ignore[assignment]
            del store
            lock.seek(0)
            lock.truncate()


def _open_rocksdb(p: Path, wait: bool) -> ox.Store:
    """Open the store for writing; RocksDB's own lock held elsewhere is waited for (``wait``) or reported."""
    deadline = time.monotonic() + 60
    while True:
        try:
            return ox.Store(str(p))
        except OSError as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if "lock" not in reason.lower():
                raise KGError(Errors.E050, path=p, reason=reason) from None
            if not wait or time.monotonic() > deadline:
                raise KGError(Errors.E050, path=p, reason="store is being written by another process "
                              "(its database lock is held)") from None
            time.sleep(0.1)
