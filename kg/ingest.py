"""The writer side of a build: which articles need work, and their graphs into the store.

Whatever analyses the articles (worker processes here, the warm worker, a Dask cluster) or
wherever their graphs come from (shards, ``kg load``), results reach the store through one path:
``plan`` decides per article (new, changed, unchanged) and ``consume`` writes what comes back,
new articles in journaled bulk loads, changed ones replaced one transaction each, with the
progress bar, the summary and a one-line error per failed article. No article is ever half in
the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .errors import Errors, KGError
from .pipeline import warm_up, work_article, work_file
from .read import read_article
from .store import Store, checkpoint
from .to_rdf import graph_iri

CHECKPOINT_EVERY = 500       # articles between snapshots for readers during a long build
LOAD_BATCH = 50              # new articles loaded into the store at once (see Store.load_new_graphs)
COMPACT_AFTER = 200          # new articles bulk-loaded by one build after which it compacts the store (Store.compact)

Result = tuple[str, bytes | None, str | None]      # (path, N-Triples, one-line error)
Say = Callable[[str], None]


@dataclass
class BuildSummary:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)      # one-line messages
    triples: int = 0                                     # triples written for added/replaced articles
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def __str__(self) -> str:
        return (f"{len(self.added)} added, {len(self.replaced)} replaced, {len(self.unchanged)} unchanged, "
                f"{len(self.failed)} failed; {self.triples} triples written in {self.seconds:.1f} s")

    def fail(self, message: str, say: Say) -> None:
        self.failed.append(message)
        say(message)


@dataclass(frozen=True)
class Todo:
    """An article that needs work: where it comes from, its id, and whether it replaces a stored version
    (None: the store holds this version already, as ``decide`` finds for a shard's graph)."""

    path: Path
    article_id: str
    replaces: bool | None


def decide(st: Store | None, article_id: str, content_hash: str) -> bool | None:
    """None when the store holds this version already; else whether it replaces an older one."""
    before = st.article(article_id) if st is not None else None
    if before and before.content_hash == content_hash:
        return None
    return before is not None


def plan(st: Store | None, files: Iterable[Path], summary: BuildSummary, say: Say) -> list[Todo]:
    """The files that need work (read here: front matter and hashing are cheap); unchanged ones are
    counted and skipped. Without a store (``kg extract``) every article needs work."""
    todo: list[Todo] = []
    claimed: dict[str, str] = {}
    for f in files:
        try:
            article = read_article(f)
            if article.id in claimed and claimed[article.id] != str(f):
                raise KGError(Errors.E010, path=f, id=article.id, other=claimed[article.id])
            claimed[article.id] = str(f)
            replaces = decide(st, article.id, article.content_hash)
            if replaces is None:
                summary.unchanged.append(article.id)
            else:
                todo.append(Todo(f, article.id, replaces))
        except KGError as exc:
            summary.fail(str(exc), say)
    return todo


class Sink(Protocol):
    """Where finished article graphs go: the store, or shards (``kg.shards``)."""

    def put(self, todo: Todo, ntriples: bytes) -> None: ...

    def close(self) -> None: ...


class StoreSink:
    """Graphs into the store: new ones ``LOAD_BATCH`` at a time in one journaled bulk load, changed ones
    replaced one transaction each; a snapshot for readers every ``CHECKPOINT_EVERY`` articles."""

    def __init__(self, st: Store) -> None:
        self.st = st
        self.new: list[tuple[str, bytes]] = []       # new articles wait to be loaded together
        self.written = 0
        self.loaded = 0                               # new articles bulk-loaded so far

    def put(self, todo: Todo, ntriples: bytes) -> None:
        graph = str(graph_iri(todo.article_id))
        if todo.replaces:
            self.st.replace_graph_data(graph, ntriples)
        else:
            self.new.append((graph, ntriples))
            if len(self.new) >= LOAD_BATCH:
                self._load_waiting()
        self.written += 1
        if self.written % CHECKPOINT_EVERY == 0:
            self._load_waiting()
            self.st.flush()
            checkpoint(self.st)      # readers see a long build's progress

    def _load_waiting(self) -> None:
        self.st.load_new_graphs(self.new)
        self.loaded += len(self.new)
        self.new.clear()

    def close(self) -> None:
        """The last graphs loaded; after a large bulk load the store compacted before readers get their snapshot
        (a few percent of the build's time; small builds and ``kg add`` leave it to RocksDB's own compaction)."""
        self._load_waiting()
        if self.loaded >= COMPACT_AFTER:
            self.st.compact()


def consume(results: Iterable[tuple[Todo, Result]], total: int, sink: Sink, summary: BuildSummary,
            say: Say, progress: bool = False, quiet: bool = False) -> None:
    """Results as they come (in any order) into ``sink``: the progress bar advances per article, each
    failure is one line, and the summary counts what was written."""
    from .progress import Progress

    bar = Progress(total, quiet=quiet or not progress)
    report = bar.message if progress and not quiet else say
    try:
        for todo, (_, data, error) in results:
            if todo.replaces is None:
                summary.unchanged.append(todo.article_id)
            elif error or data is None:
                summary.fail(error or "", report)
            else:
                sink.put(todo, data)
                triples = data.count(b"\n")
                summary.triples += triples
                (summary.replaced if todo.replaces else summary.added).append(todo.article_id)
                if not progress:
                    say(f"{'replaced' if todo.replaces else 'added'} {todo.article_id} ({triples} triples)")
            bar.advance()
    finally:
        sink.close()


# ------------------------------------------------------------------ analysis on this machine

def local_results(todo: list[Todo], jobs: int | None, warm: bool = False) -> Iterator[tuple[Todo, Result]]:
    """Each article analysed on this machine, paired with its result: in the warm worker, in worker
    processes when there are enough files to pay for starting them, or in this process."""
    return zip(todo, _run([t.path for t in todo], jobs, warm))


def _run(files: list[Path], jobs: int | None, warm: bool = False) -> Iterable[Result]:
    import os

    if warm and len(files) < 8:        # more files: the worker processes below are faster than one warm one
        return _run_warm(files)
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(files) < 8:
        return (work_file(str(f)) for f in files)
    import multiprocessing as mp

    # fork shares the parent's imports; each worker loads the pipeline once (initializer)
    pool = mp.get_context("fork").Pool(workers, initializer=warm_up)
    results = pool.imap(work_file, (str(f) for f in files), chunksize=4)

    def drain() -> Iterable[Result]:
        try:
            yield from results
        finally:
            pool.terminate()

    return drain()


def _run_warm(files: list[Path]) -> Iterable[Result]:
    """Each file through the warm worker; in this process if the worker cannot be reached."""
    from . import worker

    conn = None
    try:
        conn = worker.connect()
    except OSError:                 # TimeoutError too: no worker, analyse here
        pass
    try:
        for f in files:
            try:
                article = read_article(f)
            except KGError as exc:
                yield str(f), None, str(exc)
                continue
            if conn is not None:
                try:
                    yield worker.analyse(conn, article)
                    continue
                except (OSError, EOFError):       # the worker went away: carry on here
                    conn = None
            yield work_article(article)
    finally:
        if conn is not None:
            conn.close()
