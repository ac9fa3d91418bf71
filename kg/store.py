"""Stage 6: the embedded SPARQL store (pyoxigraph on disk), one named graph per article.

Writers take an exclusive lock file, so a second writer gets a clear message
instead of a corrupt store; readers open the store read-only and never wait.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

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
    def query(self, sparql: str, substitutions: dict | None = None, union: bool = True):  # noqa: ANN201
        """Run SPARQL with the ontology's prefixes pre-bound; the default graph is the union of all graphs."""
        try:
            return self.ox.query(sparql, prefixes=ns.PREFIXES, use_default_graph_as_union=union,
                                 substitutions=substitutions)
        except (SyntaxError, RuntimeError, ValueError) as exc:
            raise KGError(Errors.E030, reason=str(exc).splitlines()[0]) from None

    def articles(self) -> dict[str, StoredArticle]:
        out = {}
        for q in self.ox.quads_for_pattern(None, ox.NamedNode(str(ns.contentHash)), None, None):
            graph = q.graph_name
            ids = list(self.ox.quads_for_pattern(q.subject, ox.NamedNode(str(ns.articleId)), None, graph))
            if ids:
                aid = ids[0].object.value
                out[aid] = StoredArticle(aid, graph.value, q.object.value)
        return out

    def article(self, article_id: str) -> StoredArticle | None:
        """One stored article by id (a pattern lookup: its cost does not grow with the store)."""
        from .to_rdf import graph_iri

        graph = ox.NamedNode(str(graph_iri(article_id)))
        for q in self.ox.quads_for_pattern(None, ox.NamedNode(str(ns.contentHash)), None, graph):
            return StoredArticle(article_id, graph.value, q.object.value)
        return None

    def quads(self) -> Iterator[ox.Quad]:
        return self.ox.quads_for_pattern(None, None, None, None)

    def __len__(self) -> int:
        return len(self.ox)

    # -- writing ---------------------------------------------------------------------
    def replace_graph(self, graph: str, g: Graph) -> None:
        """Replace one named graph with the triples of ``g`` (the load itself is one transaction)."""
        self.replace_graph_data(graph, g.serialize(format="nt", encoding="utf-8"))

    def replace_graph_data(self, graph: str, ntriples: bytes) -> None:
        """Replace one named graph with N-Triples (as build workers produce them)."""
        name = ox.NamedNode(graph)
        if self.ox.contains_named_graph(name):
            self.ox.remove_graph(name)
        self.ox.load(ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=name)

    def remove_graph(self, graph: str) -> None:
        name = ox.NamedNode(graph)
        if self.ox.contains_named_graph(name):
            self.ox.remove_graph(name)

    def flush(self) -> None:
        self.ox.flush()


def open_store(path: str | Path | None = None) -> Store:
    """Open the store for reading; a missing store reads as empty."""
    p = store_path(path)
    if not p.exists():
        return Store(ox.Store(), p)
    try:
        return Store(ox.Store.read_only(str(p)), p)
    except OSError as exc:
        raise KGError(Errors.E050, path=p, reason=str(exc).splitlines()[0]) from None


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
        try:
            store = Store(ox.Store(str(p)), p)
        except OSError as exc:
            raise KGError(Errors.E050, path=p, reason=str(exc).splitlines()[0]) from None
        try:
            yield store
            store.flush()
        finally:
            del store
            lock.seek(0)
            lock.truncate()
