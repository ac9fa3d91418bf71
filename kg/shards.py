"""Shards: article graphs as gzip'd N-Quads files, written by ``kg extract`` and loaded by ``kg load``.

For corpora larger than one writer wants to wait on, the analysis writes its graphs to files
instead of a store: ``part-NNNNN.nq.gz``, ``SHARD_ARTICLES`` articles each, one named graph per
article holding the triples ``kg build`` would store for it (its ``kg:articleId`` and
``kg:contentHash`` included). ``kg load`` puts them in the store with the same replace/unchanged
logic as a build. A shard is written under a temporary name and renamed when complete; one that
is damaged or holds anything but article graphs is refused whole.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from . import namespace as ns
from .errors import Errors, KGError
from .ingest import BuildSummary, Result, Say, Todo, decide
from .layout import named
from .store import Store
from .to_rdf import graph_iri

SUFFIX = ".nq.gz"
SHARD_ARTICLES = 500


class ShardSink:
    """Article graphs into shards in ``folder``, a new folder or one without shards (never mixed with an
    earlier extraction's)."""

    def __init__(self, folder: Path) -> None:
        if folder.exists() and not folder.is_dir():
            raise KGError(Errors.E079, path=folder, reason="not a folder; give -o a new folder for the shards")
        if folder.is_dir() and any(folder.glob("*" + SUFFIX)):
            raise KGError(Errors.E079, path=folder, reason="holds shards already; give -o a new or empty folder")
        self.folder = folder
        self.waiting: list[bytes] = []
        self.written: list[Path] = []

    def put(self, todo: Todo, ntriples: bytes) -> None:
        self.waiting.append(named(str(graph_iri(todo.article_id)), ntriples))
        if len(self.waiting) >= SHARD_ARTICLES:
            self._write()

    def _write(self) -> None:
        path = self.folder / f"part-{len(self.written):05d}{SUFFIX}"
        partial = path.with_name(f".{path.name}.partial")      # not a shard until it is complete
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with gzip.open(partial, "wb", compresslevel=6) as f:
                f.writelines(self.waiting)
            os.replace(partial, path)
        except OSError as exc:
            raise KGError(Errors.E079, path=path, reason=f"cannot write the shard ({exc.strerror or exc})") from None
        self.written.append(path)
        self.waiting.clear()

    def close(self) -> None:
        if self.waiting:
            self._write()


def find_shards(paths: Iterable[str | Path], summary: BuildSummary, say: Say) -> list[Path]:
    """The shard files of folders (sorted) and shard files given directly."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            shards = sorted(p.glob("*" + SUFFIX))
            if not shards:
                summary.fail(Errors.E079.format(path=p, reason=f"no shards (*{SUFFIX}) in the folder"), say)
            found.extend(shards)
        elif p.exists():
            found.append(p)
        else:
            summary.fail(Errors.E001.format(path=p), say)
    return found


def count_graphs(shards: list[Path]) -> int:
    """How many article graphs the shards hold (for the progress bar; a damaged shard counts none)."""
    total = 0
    for path in shards:
        try:
            lines = gzip.decompress(path.read_bytes()).splitlines()
        except (OSError, EOFError, zlib.error):
            continue
        total += len({line.rsplit(b" ", 2)[1] for line in lines if line.count(b" ") >= 2})     # "s p o <g> ."
    return total


def shard_results(st: Store, shards: list[Path], summary: BuildSummary, say: Say) -> Iterator[tuple[Todo, Result]]:
    """Each article graph of the shards, decided as ``kg build`` decides (``Todo.replaces`` is None when the
    store holds this version already); a bad shard is one error and none of its graphs comes out."""
    claimed: dict[str, Path] = {}
    for path in shards:
        try:
            graphs = read_shard(path)
            twice = next((aid for aid, _, _ in graphs if aid in claimed), None)
            if twice is not None:
                raise KGError(Errors.E078, path=path, reason=f"article {twice!r} is also in {claimed[twice]}")
        except KGError as exc:
            summary.fail(str(exc), say)
            continue
        for article_id, content_hash, ntriples in graphs:
            claimed[article_id] = path
            yield Todo(path, article_id, decide(st, article_id, content_hash)), (str(path), ntriples, None)


def read_shard(path: Path) -> list[tuple[str, str, bytes]]:
    """(article id, content hash, N-Triples) of each graph in a shard; E078 for anything that is not a
    well-formed shard of article graphs."""
    try:
        data = gzip.decompress(path.read_bytes())
        quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    except (OSError, EOFError, zlib.error) as exc:
        raise KGError(Errors.E078, path=path, reason=f"not gzip'd data: {exc}") from None
    except (SyntaxError, ValueError) as exc:
        raise KGError(Errors.E078, path=path, reason=f"not N-Quads: {str(exc).splitlines()[0]}") from None
    graphs: dict[str, list[ox.Triple]] = {}
    for q in quads:
        if not isinstance(q.graph_name, ox.NamedNode):
            raise KGError(Errors.E078, path=path, reason="a triple outside any named graph")
        graphs.setdefault(q.graph_name.value, []).append(q.triple)
    return [_article_graph(path, name, triples) for name, triples in graphs.items()]


def _article_graph(path: Path, name: str, triples: list[ox.Triple]) -> tuple[str, str, bytes]:
    ids = {str(t.object.value) for t in triples if t.predicate.value == str(ns.articleId)}  # type: ignore[union-attr]
    hashes = {str(t.object.value) for t in triples  # type: ignore[union-attr]
              if t.predicate.value == str(ns.contentHash)}
    if len(ids) != 1 or len(hashes) != 1 or str(graph_iri(next(iter(ids)))) != name:
        raise KGError(Errors.E078, path=path, reason=f"graph <{name}> is not an article's graph "
                      "(one kg:articleId naming it and one kg:contentHash)")
    return next(iter(ids)), next(iter(hashes)), ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
