"""The library API: one plain function per CLI command, callable from a notebook.

    from kg import api
    summary = api.build(["corpus/"])
    rows = api.query("SELECT ?o ?m WHERE { ?o kg:released ?m }")
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import namespace as ns
from .catalogue import aliases_path, load_catalogue
from .errors import Errors, KGError
from .pipeline import warm_up, work_article, work_file
from .read import find_articles, read_article
from .store import Store, checkpoint, open_store, open_writer, require_store
from .to_rdf import graph_iri

CHECKPOINT_EVERY = 500       # articles between snapshots for readers during a long build
LOAD_BATCH = 50              # new articles loaded into the store at once (see Store.load_new_graphs)


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


def build(paths: Iterable[str | Path] = ("corpus",), store: str | Path | None = None,
          log: Callable[[str], None] | None = None, wait: bool = False, jobs: int | None = None,
          progress: bool = False, quiet: bool = False, warm: bool = False) -> BuildSummary:
    """Ingest files and folders into the store; unchanged articles are skipped, changed ones replaced.

    Articles are analysed in ``jobs`` worker processes (default: one per core when there are enough
    articles to pay for starting them) and written by this process, the store's only writer: new
    articles ``LOAD_BATCH`` at a time in one journaled bulk load, changed ones replaced one
    transaction each. Either way no article is ever half in the store. ``progress`` shows a bar
    (or periodic lines off a terminal).
    ``warm`` analyses in the background worker that keeps the pipeline loaded (see ``kg.worker``).
    """
    import time

    from .progress import Progress

    started = time.monotonic()
    say = log or (lambda msg: None)
    summary = BuildSummary()
    files: list[Path] = []
    for p in paths:
        try:
            files.extend(find_articles([p]))
        except KGError as exc:
            summary.failed.append(str(exc))
            say(str(exc))
    with open_writer(store, wait=wait) as st:
        _ensure_catalogue(st)
        # decide in this process what needs work: reading front matter and hashing is cheap
        todo: list[tuple[Path, str, bool]] = []          # (file, article id, replaces an older version)
        claimed: dict[str, str] = {}
        for f in files:
            try:
                article = read_article(f)
                if article.id in claimed and claimed[article.id] != str(f):
                    raise KGError(Errors.E010, path=f, id=article.id, other=claimed[article.id])
                claimed[article.id] = str(f)
                before = st.article(article.id)
                if before and before.content_hash == article.content_hash:
                    summary.unchanged.append(article.id)
                else:
                    todo.append((f, article.id, before is not None))
            except KGError as exc:
                summary.failed.append(str(exc))
                say(str(exc))
        bar = Progress(len(todo), quiet=quiet or not progress)
        report = bar.message if progress and not quiet else say
        new: list[tuple[str, bytes]] = []        # new articles wait to be loaded together

        def load_waiting() -> None:
            st.load_new_graphs(new)
            new.clear()

        for (_f, article_id, replaces), (_, data, error) in zip(todo, _run(todo, jobs, warm)):
            if error or data is None:
                summary.failed.append(error or "")
                report(error or "")
            else:
                if replaces:
                    st.replace_graph_data(str(graph_iri(article_id)), data)
                else:
                    new.append((str(graph_iri(article_id)), data))
                    if len(new) >= LOAD_BATCH:
                        load_waiting()
                triples = data.count(b"\n")
                summary.triples += triples
                (summary.replaced if replaces else summary.added).append(article_id)
                if not progress:
                    say(f"{'replaced' if replaces else 'added'} {article_id} ({triples} triples)")
                if (len(summary.added) + len(summary.replaced)) % CHECKPOINT_EVERY == 0:
                    load_waiting()
                    st.settle()
                    checkpoint(st)      # readers see a long build's progress
            bar.advance()
        load_waiting()
    summary.seconds = time.monotonic() - started
    return summary


def _run(todo: list[tuple[Path, str, bool]], jobs: int | None,
         warm: bool = False) -> Iterable[tuple[str, bytes | None, str | None]]:
    """Process files in order: in the warm worker, in worker processes when there are enough files
    to pay for starting them, or in this process."""
    import os

    if warm and len(todo) < 8:        # more files: the worker processes below are faster than one warm one
        return _run_warm([f for f, _, _ in todo])
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(todo) < 8:
        return (work_file(str(f)) for f, _, _ in todo)
    import multiprocessing as mp

    # fork shares the parent's imports; each worker loads the pipeline once (initializer)
    pool = mp.get_context("fork").Pool(workers, initializer=warm_up)
    results = pool.imap(work_file, (str(f) for f, _, _ in todo), chunksize=4)

    def drain() -> Iterable[tuple[str, bytes | None, str | None]]:
        try:
            yield from results
        finally:
            pool.terminate()

    return drain()


def _run_warm(files: list[Path]) -> Iterable[tuple[str, bytes | None, str | None]]:
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


def add(files: Iterable[str | Path], store: str | Path | None = None,
        log: Callable[[str], None] | None = None, warm: bool | None = None) -> BuildSummary:
    """Add (or replace) individual article files.

    ``warm`` (default: unless ``KG_WORKER=0``) analyses them in the background worker, which keeps
    the pipeline loaded between calls: start-up is paid once, not on every addition.
    """
    from . import worker

    return build(files, store=store, log=log, warm=worker.enabled() if warm is None else warm)


def remove(article_id: str, store: str | Path | None = None) -> None:
    """Retract an article's named graph; entities only it mentioned go with it."""
    require_store(store)        # a writer creates a missing store: not for a removal
    with open_writer(store) as st:
        if st.article(article_id) is None:
            raise KGError(Errors.E020, id=article_id)
        st.remove_graph(str(graph_iri(article_id)))


def _ensure_catalogue(st: Store) -> None:
    """(Re)load the catalogue graph when the catalogue or alias file changed."""
    aliases = aliases_path()
    data = ns.CATALOGUE_FILE.read_bytes() + (aliases.read_bytes() if aliases.exists() else b"")
    digest = hashlib.sha256(data).hexdigest()
    if st.value(str(ns.CATALOGUE_GRAPH), str(ns.contentHash), str(ns.CATALOGUE_GRAPH)) == digest:
        return
    from .to_rdf import K, T, catalogue_triples, lit, serialize

    items = catalogue_triples(load_catalogue()) + [T(str(ns.CATALOGUE_GRAPH), K.contentHash, lit(digest))]
    st.replace_graph_data(str(ns.CATALOGUE_GRAPH), serialize(items))


# ------------------------------------------------------------------ querying

def query(sparql: str, store: str | Path | None = None, params: dict[str, str] | None = None,  # noqa: ANN201
          allow_service: bool = False):
    """Run a SPARQL query on the store; returns pyoxigraph results (solutions, boolean or triples).

    A federated query (SERVICE) is refused unless ``allow_service``: it makes the engine fetch URLs.
    """
    from .query import run_query

    return run_query(open_store(store), sparql, params, allow_service=allow_service)


def stats(store: str | Path | None = None) -> dict[str, dict[str, int] | int]:
    """Counts: articles, entities by class (mentioned in some article), facts by kind (the dataset
    description's counts: ``kg.void``)."""
    from .void import counts

    return counts(open_store(store))


def export(fmt: str, output: str | Path | None = None, store: str | Path | None = None) -> bytes:
    """Serialise the store with a registered exporter; writes ``output`` if given, returns the bytes."""
    from .export import EXPORTERS, format_name

    data = EXPORTERS[format_name(fmt)](open_store(store))
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_bytes(data)
    return data


def view(output: str | Path | None = None, store: str | Path | None = None, **options) -> Path:  # noqa: ANN003
    """Write the interactive HTML graph; returns its path. Without ``output``: ``out/graph.html``, or for
    a ``focus`` a file of its own (``kg.view.default_output``), never the whole graph's."""
    from .graph import to_networkx
    from .view import default_output, write_html

    if options.get("types"):
        options["types"] = [ns.entity_class(t) for t in options["types"]]     # a misspelt class: before any work
    path = Path(output) if output else default_output(options.get("focus"))
    return write_html(to_networkx(open_store(store)), path, **options)


def validate(store: str | Path | None = None):  # noqa: ANN201
    """Check the store's graph against ontology/shapes.ttl; returns a ``ValidationReport``."""
    from .validate import store_graph, validate_graph

    return validate_graph(store_graph(open_store(store)))


def entities(store: str | Path | None = None, suspects: bool = False,  # noqa: ANN201
             types: Iterable[str] | None = None):
    """Entities mentioned in the store, or (``suspects=True``) pairs that may be one entity; only those
    of ``types`` when given (classes named in any case)."""
    from . import suspects as sus

    wanted = {ns.entity_class(t) for t in types or ()}
    st = open_store(store)
    if suspects:
        return [s for s in sus.suspects(st) if not wanted or s.a.type in wanted]
    return [e for e in sus.entities(st) if not wanted or e.type in wanted]


def query_endpoint(sparql: str, endpoint: str, params: dict[str, str] | None = None,
                   timeout: float = 60.0, union: bool = False):  # noqa: ANN201
    """Run a query on a SPARQL 1.1 endpoint (e.g. the team's Virtuoso); results as from ``query``.

    Its default graph is the merged graph ``kg push`` writes, as on the embedded store, unless the
    query chooses graphs itself (GRAPH, FROM) or ``union`` asks for the server's own default graph.
    """
    from .push import endpoint_auth
    from .query import run_remote
    from .sparql_text import names_graphs

    merged = None if union or names_graphs(sparql) else str(ns.MERGED_GRAPH)
    return run_remote(endpoint, sparql, params, timeout=timeout, auth=endpoint_auth(), default_graph=merged)


def push(endpoint: str, store: str | Path | None = None, log: Callable[[str], None] | None = None):  # noqa: ANN201
    """Write every named graph to a Graph Store Protocol endpoint (PUT replaces); credentials from the env."""
    from .push import push as push_graphs

    return push_graphs(endpoint, store=store, log=log)


def plot_prices(output: str | Path = "out/prices.html", store: str | Path | None = None,
                currency: str | None = None, models: list[str] | None = None, top: int | None = None):  # noqa: ANN201
    """Write the price-per-million-tokens chart of the models in the store; returns a ``kg.plot.ChartResult``
    (``.path``; ``.matched`` is 0 when no price matches, and the page says so)."""
    from .plot import TOP_MODELS, available, check_output, price_points, write_price_chart

    path = check_output(output)         # an image format is refused before any work
    st = open_store(store)
    points = price_points(st, currency=currency, models=models)
    asked = " ".join(x for x in (f"--currency {currency.strip().upper()}" if currency else "",
                                 "--models " + " ".join(models) if models else "") if x)
    return write_price_chart(points, path, top=top or TOP_MODELS, filters=asked,
                             hint="" if points else available(st))




def digest(since: str, until: str | None = None, store: str | Path | None = None,  # noqa: ANN201
           top: int | None = None):
    """What the articles published from ``since`` to ``until`` (``YYYY-MM-DD``, inclusive) added to the graph:
    a ``kg.digest.Digest`` (``top``: only the first lines of each section); ``kg.digest.render_digest``
    writes it as Markdown, HTML or JSON."""
    from .digest import digest as make_digest
    from .digest import window

    window(since, until)            # a bad date fails before the store is opened
    return make_digest(open_store(store), since, until, top)
