"""The library API: one plain function per CLI command, callable from a notebook.

    from kg import api
    summary = api.build(["corpus/"])
    rows = api.query("SELECT ?o ?m WHERE { ?o kg:released ?m }")
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from . import namespace as ns
from .catalogue import aliases_path, load_catalogue
from .errors import Errors, KGError
from .ingest import BuildSummary
from .read import find_articles
from .store import Store, open_store, open_writer, require_store, store_path
from .to_rdf import graph_iri

if TYPE_CHECKING:
    from .cluster import Cluster


def build(paths: Iterable[str | Path] = ("corpus",), store: str | Path | None = None,
          log: Callable[[str], None] | None = None, wait: bool = False, jobs: int | None = None,
          progress: bool = False, quiet: bool = False, warm: bool = False,
          cluster: str | None = None) -> BuildSummary:
    """Ingest files and folders into the store; unchanged articles are skipped, changed ones replaced.

    Articles are analysed in ``jobs`` worker processes (default: one per core when there are enough
    articles to pay for starting them), or on the workers of the Dask cluster whose scheduler is at
    ``cluster`` (``kg.cluster``), and written by this process, the store's only writer: new
    articles ``LOAD_BATCH`` at a time in one journaled bulk load, changed ones replaced one
    transaction each. Either way no article is ever half in the store. ``progress`` shows a bar
    (or periodic lines off a terminal).
    ``warm`` analyses in the background worker that keeps the pipeline loaded (see ``kg.worker``).
    """
    import time

    from . import ingest

    started = time.monotonic()
    say = log or (lambda msg: None)
    summary = BuildSummary()
    files = _find(paths, summary, say)
    if _nothing_to_start_with(files, summary, store):
        return summary
    with _analysers(cluster) as remote, open_writer(store, wait=wait) as st:
        _ensure_catalogue(st)
        todo = ingest.plan(st, files, summary, say)
        results = remote.results(todo) if remote else ingest.local_results(todo, jobs, warm)
        ingest.consume(results, len(todo), ingest.StoreSink(st), summary, say, progress=progress, quiet=quiet)
    summary.seconds = time.monotonic() - started
    return summary


def extract(paths: Iterable[str | Path], output: str | Path, cluster: str | None = None,
            log: Callable[[str], None] | None = None, jobs: int | None = None,
            progress: bool = False, quiet: bool = False) -> BuildSummary:
    """Analyse articles (on the Dask cluster at ``cluster``, else here) into compressed N-Quads shards in
    the new folder ``output``, one named graph per article, as ``kg build`` would store them; ``load``
    puts them in a store."""
    import time

    from . import ingest, shards

    started = time.monotonic()
    say = log or (lambda msg: None)
    summary = BuildSummary()
    sink = shards.ShardSink(Path(output))         # a folder that holds shards already: refused before any work
    files = _find(paths, summary, say)
    with _analysers(cluster) as remote:
        todo = ingest.plan(None, files, summary, say)
        results = remote.results(todo) if remote else ingest.local_results(todo, jobs)
        ingest.consume(results, len(todo), sink, summary, say, progress=progress, quiet=quiet)
    summary.seconds = time.monotonic() - started
    return summary


def load(paths: Iterable[str | Path], store: str | Path | None = None, log: Callable[[str], None] | None = None,
         wait: bool = False, progress: bool = False, quiet: bool = False) -> BuildSummary:
    """Load the shards ``extract`` wrote (folders of ``*.nq.gz``, or shard files) into the store, as
    ``build`` writes: unchanged articles skipped, changed ones replaced. A bad shard is one error and
    nothing of it is loaded."""
    import time

    from . import ingest, shards

    started = time.monotonic()
    say = log or (lambda msg: None)
    summary = BuildSummary()
    found = shards.find_shards(paths, summary, say)
    if _nothing_to_start_with(found, summary, store):
        return summary
    with open_writer(store, wait=wait) as st:
        _ensure_catalogue(st)
        ingest.consume(shards.shard_results(st, found, summary, say), shards.count_graphs(found),
                       ingest.StoreSink(st), summary, say, progress=progress, quiet=quiet)
    summary.seconds = time.monotonic() - started
    return summary


def _nothing_to_start_with(found: list[Path], summary: BuildSummary, store: str | Path | None) -> bool:
    """Every path given was wrong and there is no store yet: a mistyped path must not leave a new store."""
    return not found and bool(summary.failed) and not (store_path(store) / "CURRENT").exists()


def _find(paths: Iterable[str | Path], summary: BuildSummary, say: Callable[[str], None]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        try:
            files.extend(find_articles([p]))
        except KGError as exc:
            summary.fail(str(exc), say)
    return files


def _analysers(cluster: str | None) -> AbstractContextManager[Cluster | None]:
    """The cluster's analysers when an address is given (connected and checked before any work), else none."""
    from contextlib import nullcontext

    if not cluster:
        return nullcontext(None)
    from .cluster import Cluster

    return Cluster(cluster)


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
          allow_service: bool = False, limit: int | None = None, offset: int = 0):
    """Run a SPARQL query on the store; returns pyoxigraph results (solutions, boolean or triples).

    A federated query (SERVICE) is refused unless ``allow_service``: it makes the engine fetch URLs.
    ``limit``/``offset``: one page of the answers, in the query's order (``kg.query.paged``).
    """
    from .query import run_query

    return run_query(open_store(store), sparql, params, allow_service=allow_service, limit=limit, offset=offset)


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


def query_endpoint(sparql: str, endpoint: str, params: dict[str, str] | None = None,  # noqa: ANN201
                   timeout: float = 60.0, union: bool = False, limit: int | None = None, offset: int = 0):
    """Run a query on a SPARQL 1.1 endpoint (e.g. the team's Virtuoso); results as from ``query``.

    Its default graph is the merged graph ``kg push`` writes, as on the embedded store, unless the
    query chooses graphs itself (GRAPH, FROM) or ``union`` asks for the server's own default graph.
    """
    from .push import endpoint_auth
    from .query import run_remote
    from .sparql_text import names_graphs

    merged = None if union or names_graphs(sparql) else str(ns.MERGED_GRAPH)
    return run_remote(endpoint, sparql, params, timeout=timeout, auth=endpoint_auth(), default_graph=merged,
                      limit=limit, offset=offset)


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
