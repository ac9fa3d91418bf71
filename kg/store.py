"""Stage 6: the embedded SPARQL store (pyoxigraph on disk), one named graph per article.

Writers take an exclusive lock file, so a second writer gets a clear message
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
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from . import namespace as ns
from .errors import Errors, KGError

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

    def __init__(self, store: ox.Store, path: Path) -> None:
        self.ox = store
        self.path = path

    # -- reading ---------------------------------------------------------------------
    def query(self, sparql: str, substitutions: dict | None = None, union: bool = False):  # noqa: ANN201
        """Run SPARQL with the ontology's prefixes pre-bound.

        The default graph is the merged graph: every article's triples, each once (see ``MERGED``).
        ``union=True`` asks pyoxigraph for the union of named graphs instead, where a triple stated
        by N articles comes back N times.
        """
        try:
            return self.ox.query(sparql, prefixes=ns.PREFIXES, use_default_graph_as_union=union,
                                 substitutions=substitutions)
        except (SyntaxError, RuntimeError, ValueError) as exc:
            raise KGError(Errors.E030, reason=str(exc).splitlines()[0]) from None

    def articles(self) -> dict[str, StoredArticle]:
        out = {}
        for q in self.ox.quads_for_pattern(None, ox.NamedNode(str(ns.contentHash)), None, None):
            graph = q.graph_name
            if not isinstance(graph, ox.NamedNode):
                continue            # the merged default graph repeats what the named graphs hold
            ids = list(self.ox.quads_for_pattern(q.subject, ox.NamedNode(str(ns.articleId)), None, graph))
            if ids:
                aid = str(ids[0].object.value)  # type: ignore[union-attr]
                out[aid] = StoredArticle(aid, graph.value, str(q.object.value))  # type: ignore[union-attr]
        return out

    def article(self, article_id: str) -> StoredArticle | None:
        """One stored article by id (a pattern lookup: its cost does not grow with the store)."""
        from .to_rdf import graph_iri

        graph = ox.NamedNode(str(graph_iri(article_id)))
        for q in self.ox.quads_for_pattern(None, ox.NamedNode(str(ns.contentHash)), None, graph):
            return StoredArticle(article_id, graph.value, str(q.object.value))  # type: ignore[union-attr]
        return None

    def quads(self) -> Iterator[ox.Quad]:
        """The quads of the named graphs (articles and catalogue): the source of truth."""
        return (q for q in self.ox.quads_for_pattern(None, None, None, None)
                if not isinstance(q.graph_name, ox.DefaultGraph))

    def __len__(self) -> int:
        return sum(1 for _ in self.quads())

    def graph_names(self) -> list[str]:
        """The named graphs' IRIs, sorted (articles and the catalogue)."""
        return sorted(g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_triples(self, graph: str | None) -> list[ox.Triple]:
        """The triples of one named graph, or of the merged default graph for ``None``."""
        name = ox.DefaultGraph() if graph is None else ox.NamedNode(graph)
        return [q.triple for q in self.ox.quads_for_pattern(None, None, None, name)]

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
    def replace_graph(self, graph: str, g: Graph) -> None:
        """Replace one named graph with the triples of ``g`` (the load itself is one transaction)."""
        self.replace_graph_data(graph, g.serialize(format="nt", encoding="utf-8"))

    def replace_graph_data(self, graph: str, ntriples: bytes) -> None:
        """Replace one named graph with N-Triples (as build workers produce them), keeping the merged
        default graph in step: new triples are added to it, and triples only the old version stated
        leave it. A crash in between is repaired by the next writer (see ``open_writer``)."""
        name = ox.NamedNode(graph)
        old = self._triples_of(name)
        with self._merging():
            if old:
                self.ox.remove_graph(name)
            # the article's graph and its copy in the merged graph, loaded in one transaction
            self.ox.load(_with_merged_copy(graph, ntriples), format=ox.RdfFormat.N_QUADS)
            self._retract_unless_stated_elsewhere(old)

    LOADING = ".loading"        # the journal of a bulk load under way: the graphs it writes

    def load_new_graphs(self, graphs: list[tuple[str, bytes]]) -> None:
        """Load the named graphs (N-Triples) of articles the store does not hold yet, many at once.

        RocksDB's bulk loader writes sorted files and ingests them in one step: ~3× cheaper per article
        than a transaction each, which made the single writer the bottleneck of a build. It is not a
        transaction, so a journal names the graphs first and the next writer removes whatever of them
        an interrupted load left (see ``open_writer``); the next build adds them again.
        """
        if not graphs:
            return
        journal = self.path / self.LOADING
        with open(journal, "w", encoding="utf-8") as f:
            f.write("\n".join(g for g, _ in graphs))
            f.flush()
            os.fsync(f.fileno())
        with self._merging():
            # lenient: no IRI validation (12% of the load). The N-Triples are kg.to_rdf's, whose IRIs
            # are ours with every part percent-encoded; text from articles only ever is a literal.
            self.ox.bulk_load(b"".join(_with_merged_copy(g, nt) for g, nt in graphs), format=ox.RdfFormat.N_QUADS,
                              lenient=True)
        self.ox.flush()
        journal.unlink()

    def undo_interrupted_load(self) -> None:
        """Remove the graphs of a bulk load that did not finish (they may be partial)."""
        journal = self.path / self.LOADING
        if journal.exists():
            for graph in filter(None, journal.read_text(encoding="utf-8").splitlines()):
                self.ox.remove_graph(ox.NamedNode(graph))
            (self.path / self.MERGING).touch()     # the merged graph is rebuilt from what remains
            self.ox.flush()
            journal.unlink()

    # -- the merged default graph ---------------------------------------------------------
    # Each article's named graph repeats the types and labels of the entities it mentions, so under
    # "union of named graphs" a join over N articles multiplies rows by N. The default graph holds every
    # triple once (RDF graphs are sets): the saved queries and the viewer read it, exports and article
    # lifecycle use the named graphs, and the default graph is always derivable from them.
    MERGING = ".merging"

    def _triples_of(self, name: ox.NamedNode) -> list[ox.Triple]:
        return [ox.Triple(q.subject, q.predicate, q.object) for q in self.ox.quads_for_pattern(None, None, None, name)]

    def _retract_unless_stated_elsewhere(self, triples: list[ox.Triple]) -> None:
        default = ox.DefaultGraph()
        for tr in triples:
            still = any(not isinstance(q.graph_name, ox.DefaultGraph)
                        for q in self.ox.quads_for_pattern(tr.subject, tr.predicate, tr.object, None))
            if not still:
                self.ox.remove(ox.Quad(tr.subject, tr.predicate, tr.object, default))

    @contextmanager
    def _merging(self) -> Iterator[None]:
        """Mark the merged graph as possibly out of step while named graphs change.

        The marker is set once per writing session and cleared by ``open_writer`` after the final flush
        (a flush per article made the build write-bound), so a crash anywhere in a session leaves it
        and the next writer rebuilds the merged graph from the named graphs.
        """
        marker = self.path / self.MERGING
        if not getattr(self, "_dirty", False):
            marker.touch()
            self._dirty = True
        yield

    def settle(self) -> None:
        """Flush and clear the merge marker: the merged graph is in step with the named graphs."""
        self.ox.flush()
        if getattr(self, "_dirty", False):
            (self.path / self.MERGING).unlink(missing_ok=True)
            self._dirty = False

    def rebuild_merged(self) -> None:
        """Recompute the merged default graph from the named graphs (after a crash or an upgrade)."""
        self.ox.clear_graph(ox.DefaultGraph())
        self.ox.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in self.quads())
        (self.path / self.MERGING).unlink(missing_ok=True)

    def merged_needs_rebuild(self) -> bool:
        if (self.path / self.MERGING).exists():
            return True
        has_named = next(iter(self.ox.named_graphs()), None) is not None
        has_default = next(iter(self.ox.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
        return has_named and not has_default

    def remove_graph(self, graph: str) -> None:
        name = ox.NamedNode(graph)
        if self.ox.contains_named_graph(name):
            old = self._triples_of(name)
            with self._merging():
                self.ox.remove_graph(name)
                self._retract_unless_stated_elsewhere(old)

    def flush(self) -> None:
        self.ox.flush()


def named_quads(graph: str, ntriples: bytes) -> bytes:
    """N-Quads: the triples (N-Triples, one a line, as kg.to_rdf writes them) in the named graph ``graph``."""
    suffix = f" <{graph}> .\n".encode()
    return b"".join(line[:-2] + suffix for line in ntriples.splitlines(keepends=True) if line.endswith(b" .\n"))


def _with_merged_copy(graph: str, ntriples: bytes) -> bytes:
    """N-Quads: the triples in their named graph, and again in the default (merged) graph."""
    return named_quads(graph, ntriples) + ntriples


# -- snapshots for readers ------------------------------------------------------------------
# pyoxigraph: "opening as read-only while another process writes the database is undefined
# behaviour" (seen here: missing table files and unbounded memory). So readers never open the live
# database while a writer may be at work: each writer leaves a RocksDB checkpoint (hard links, cheap)
# in <store>.snapshots/ when it finishes (and every CHECKPOINT_EVERY articles of a long build), and
# readers open the newest one. With no writer running and no snapshot yet, the live store is safe.
SNAPSHOTS_KEPT = 3
SNAPSHOT_GRACE_S = 600      # an old snapshot stays this long, for readers (kg serve) that hold it


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
    """Leave a snapshot of the store for readers, and prune old ones."""
    d = _snapshots_dir(store.path)
    d.mkdir(exist_ok=True)
    target = d / f"{time.time_ns():020d}"
    store.ox.flush()
    store.ox.backup(str(target))
    (target / ".complete").touch()
    done = sorted(x for x in d.iterdir() if x.is_dir())
    now = time.time()
    for old in done[:-SNAPSHOTS_KEPT]:
        if now - old.stat().st_mtime > SNAPSHOT_GRACE_S or not (old / ".complete").exists():
            shutil.rmtree(old, ignore_errors=True)
    return target


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
    if snapshot is None and _writer_active(p):
        # the store's first build is under way and has left no snapshot yet: the database being written
        # must not be opened (see above), so readers see the store as it was before the build, empty
        return Store(ox.Store(), p)
    source = snapshot or p
    reason = ""
    for attempt in range(10):
        try:
            return Store(ox.Store.read_only(str(source)), p)
        except (OSError, RuntimeError) as exc:      # RocksDB: "IO error" / "Corruption: … No such file"
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
            store.undo_interrupted_load()
            if store.merged_needs_rebuild():
                store.rebuild_merged()      # a writer was interrupted, or the store predates the merged graph
            yield store
            store.settle()
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
