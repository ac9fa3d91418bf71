"""The library API: one plain function per CLI command, callable from a notebook.

    from kg import api
    summary = api.build(["corpus/"])
    rows = api.query("SELECT ?o ?m WHERE { ?o kg:released ?m }")
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import namespace as ns
from .analyse import analyse
from .catalogue import aliases_path, load_catalogue
from .errors import Errors, KGError
from .extract import extract
from .read import find_articles, read_article
from .records import Article, Extraction
from .resolve import resolve
from .store import open_store, open_writer, store_path
from .to_rdf import catalogue_graph, graph_iri, to_graph


@dataclass
class BuildSummary:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)      # one-line messages

    @property
    def ok(self) -> bool:
        return not self.failed

    def __str__(self) -> str:
        return (f"{len(self.added)} added, {len(self.replaced)} replaced, {len(self.unchanged)} unchanged, "
                f"{len(self.failed)} failed")


def process(article: Article) -> Extraction:
    """Read stages 2–3 for one article: analyse and extract."""
    return extract(analyse(article))


def build(paths: Iterable[str | Path] = ("corpus",), store: str | Path | None = None,
          log: Callable[[str], None] | None = None, wait: bool = False) -> BuildSummary:
    """Ingest files and folders into the store; unchanged articles are skipped, changed ones replaced."""
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
        stored = st.articles()
        claimed: dict[str, str] = {}
        for f in files:
            try:
                article = read_article(f)
                if article.id in claimed and claimed[article.id] != str(f):
                    raise KGError(Errors.E010, path=f, id=article.id, other=claimed[article.id])
                claimed[article.id] = str(f)
                before = stored.get(article.id)
                if before and before.content_hash == article.content_hash:
                    summary.unchanged.append(article.id)
                    continue
                graph = to_graph(resolve(process(article)))
                st.replace_graph(str(graph_iri(article.id)), graph)
                (summary.replaced if before else summary.added).append(article.id)
                say(f"{'replaced' if before else 'added'} {article.id} ({len(graph)} triples)")
            except KGError as exc:
                summary.failed.append(str(exc))
                say(str(exc))
            except Exception as exc:  # noqa: BLE001  (a bug on one article must not stop the batch)
                msg = Errors.E099.format(path=f, reason=f"{type(exc).__name__}: {exc}")
                summary.failed.append(msg)
                say(msg)
    return summary


def add(files: Iterable[str | Path], store: str | Path | None = None,
        log: Callable[[str], None] | None = None) -> BuildSummary:
    """Add (or replace) individual article files."""
    return build(files, store=store, log=log)


def remove(article_id: str, store: str | Path | None = None) -> None:
    """Retract an article's named graph; entities only it mentioned go with it."""
    with open_writer(store) as st:
        if article_id not in st.articles():
            raise KGError(Errors.E020, id=article_id)
        st.remove_graph(str(graph_iri(article_id)))


def _ensure_catalogue(st) -> None:  # noqa: ANN001
    """(Re)load the catalogue graph when the catalogue or alias file changed."""
    aliases = aliases_path()
    data = ns.CATALOGUE_FILE.read_bytes() + (aliases.read_bytes() if aliases.exists() else b"")
    digest = hashlib.sha256(data).hexdigest()
    import pyoxigraph as ox

    marker = list(st.ox.quads_for_pattern(ox.NamedNode(str(ns.CATALOGUE_GRAPH)), ox.NamedNode(str(ns.contentHash)),
                                          None, ox.NamedNode(str(ns.CATALOGUE_GRAPH))))
    if marker and marker[0].object.value == digest:
        return
    from rdflib import Literal

    g = catalogue_graph(load_catalogue())
    g.add((ns.CATALOGUE_GRAPH, ns.contentHash, Literal(digest)))
    st.replace_graph(str(ns.CATALOGUE_GRAPH), g)


# ------------------------------------------------------------------ querying

def query(sparql: str, store: str | Path | None = None, params: dict[str, str] | None = None):  # noqa: ANN201
    """Run a SPARQL query on the store; returns pyoxigraph results (solutions, boolean or triples)."""
    from .query import run_query

    return run_query(open_store(store), sparql, params)


def stats(store: str | Path | None = None) -> dict[str, dict[str, int] | int]:
    """Counts: articles, entities by class (mentioned in some article), facts by kind."""
    st = open_store(store)
    out: dict[str, dict[str, int] | int] = {"articles": len(st.articles())}
    ents: Counter[str] = Counter()
    for row in st.query("SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c ; kg:mentionedIn ?a . "
                        "VALUES ?c { kg:Organization kg:Person kg:Model } } GROUP BY ?c"):
        ents[row["c"].value.rsplit("#", 1)[-1]] = int(row["n"].value)
    out["entities"] = dict(ents)
    facts: dict[str, int] = {}
    for kind in ("released", "subsidiaryOf", "worksFor", "formerlyWorkedFor", "pricedAt", "priceChange", "argues"):
        rows = list(st.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ ?s kg:{kind} ?o }} }}"))
        facts[kind] = int(rows[0]["n"].value)
    out["facts"] = facts
    out["quads"] = len(st)
    return out


def export(fmt: str, output: str | Path | None = None, store: str | Path | None = None) -> bytes:
    """Serialise the store with a registered exporter; writes ``output`` if given, returns the bytes."""
    from .export import EXPORTERS

    if fmt not in EXPORTERS:
        raise KGError(Errors.E040, fmt=fmt, choices=", ".join(sorted(EXPORTERS)))
    data = EXPORTERS[fmt](open_store(store))
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_bytes(data)
    return data


def view(output: str | Path = "out/graph.html", store: str | Path | None = None, **options) -> Path:  # noqa: ANN003
    """Write the interactive HTML graph; returns its path."""
    from .graph import to_networkx
    from .view import write_html

    return write_html(to_networkx(open_store(store)), Path(output), **options)


def validate(store: str | Path | None = None):  # noqa: ANN201
    """Check the store's graph against ontology/shapes.ttl; returns a ``ValidationReport``."""
    from .validate import store_graph, validate_graph

    return validate_graph(store_graph(open_store(store)))


def entities(store: str | Path | None = None, suspects: bool = False):  # noqa: ANN201
    """Entities mentioned in the store, or (``suspects=True``) pairs that may be one entity."""
    from . import suspects as sus

    st = open_store(store)
    return sus.suspects(st) if suspects else sus.entities(st)


def query_endpoint(sparql: str, endpoint: str, params: dict[str, str] | None = None,
                   timeout: float = 60.0):  # noqa: ANN201
    """Run a query on a SPARQL 1.1 endpoint (e.g. the team's Virtuoso); results as from ``query``."""
    from .push import endpoint_auth
    from .query import run_remote

    return run_remote(endpoint, sparql, params, timeout=timeout, auth=endpoint_auth())


def push(endpoint: str, store: str | Path | None = None, log: Callable[[str], None] | None = None):  # noqa: ANN201
    """Write every named graph to a Graph Store Protocol endpoint (PUT replaces); credentials from the env."""
    from .push import push as push_graphs

    return push_graphs(endpoint, store=store, log=log)


def serve(store: str | Path | None = None, host: str = "127.0.0.1", port: int = 8000, timeout: float = 10.0,
          max_rows: int = 10_000, workers: int = 2, html: str | Path | None = None) -> None:
    """Serve the store read-only: SPARQL 1.1 Protocol at /sparql, the viewer at /view, a query page at /."""
    from .serve import Limits
    from .serve import serve as run_server

    run_server(store, host=host, port=port, limits=Limits(timeout=timeout, max_rows=max_rows),
               workers=workers, html_path=html)


def info() -> str:
    return f"store: {store_path()}  python: {sys.version.split()[0]}"
