"""``kg query --endpoint`` pointed at ``kg serve``: both ends agree on the merged graph.

The client asks for the merged graph by name (``default-graph-uri=<https://w3id.org/aikg/merged>``,
the graph ``kg push`` writes on a team server); ``kg serve`` reads that name as its own default graph,
which is already the merged graph. An endpoint with nothing under that name is an error, not 0 rows.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pyoxigraph as ox
import pytest

from kg import api
from kg import namespace as ns
from kg.cli import main
from kg.errors import KGError
from kg.query import saved_queries
from tests.kgserve import kg_serve

ROOT = Path(__file__).resolve().parent.parent
MERGED = str(ns.MERGED_GRAPH)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("endpoint") / "store"
    assert api.build([ROOT / "corpus", ROOT / "tests" / "fixtures" / "unseen-startup.md"], store=path).ok
    return path


@pytest.fixture(scope="module")
def served(store: Path) -> Iterator[str]:
    """A real ``kg serve`` on the store (default limits); yields its /sparql URL."""
    with kg_serve(store) as base:
        yield base + "/sparql"


def rows(res) -> list[tuple]:  # noqa: ANN001
    """Solutions as sorted tuples of terms (the same engine on both ends: terms compare exactly)."""
    if isinstance(res, ox.QueryBoolean):
        return [(bool(res),)]
    if isinstance(res, (list, ox.QueryTriples)):      # CONSTRUCT: a list from an endpoint, QueryTriples locally
        return sorted((str(t),) for t in res)
    names = [v.value for v in res.variables]
    return sorted((tuple(str(s[n]) if s[n] is not None else None for n in names) for s in res), key=str)


CASES = [(name, {}) for name in saved_queries()] + [
    ("mentions", {"name": "DeepSeek"}), ("cheapest", {"day": "2024-05-23"}), ("released", {"org": "百度"})]


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}{'-' + '-'.join(p.values()) if p else ''}"
                                                         for n, p in CASES])
def test_query_endpoint_on_kg_serve_equals_local_query(served: str, store: Path, name: str,
                                                       params: dict[str, str]) -> None:
    text = saved_queries()[name][1]
    local = rows(api.query(text, store=store, params=params))
    remote = rows(api.query_endpoint(text, served, params=params))
    assert local, name           # a real answer, not two empty ones
    assert remote == local


def test_query_endpoint_on_kg_serve_counts_every_triple_once(served: str, store: Path) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    local = rows(api.query(count, store=store))
    assert rows(api.query_endpoint(count, served)) == local and int(local[0][0].split('"')[1]) > 100
    construct = "CONSTRUCT { ?o kg:released ?m } WHERE { ?o kg:released ?m }"
    assert rows(api.query_endpoint(construct, served)) == rows(api.query(construct, store=store)) != []
    ask = "ASK { ?o kg:released ?m }"
    assert rows(api.query_endpoint(ask, served)) == [(True,)]


def test_kg_serve_reads_the_merged_graph_name_as_its_default_graph(served: str) -> None:
    """The protocol directly: default-graph-uri=<…/merged> answers like no default-graph-uri at all."""
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def count(**extra: str) -> int:
        r = httpx.post(served, data={"query": q, **extra}, headers={"Accept": "application/sparql-results+json"})
        assert r.status_code == 200, r.text
        return int(r.json()["results"]["bindings"][0]["n"]["value"])

    assert count(**{"default-graph-uri": MERGED}) == count() > 100
    assert count(**{"default-graph-uri": "https://w3id.org/aikg/graph/nosuch"}) == 0


def test_kg_query_endpoint_cli_on_kg_serve_equals_local(served: str, store: Path,
                                                        capsys: pytest.CaptureFixture) -> None:
    assert main(["query", "--endpoint", served, "released", "-f", "csv"]) == 0
    remote = capsys.readouterr().out
    assert main(["--store", str(store), "query", "released", "-f", "csv"]) == 0
    local = capsys.readouterr().out
    assert remote == local and len(local.splitlines()) > 10


def test_empty_answer_from_the_merged_graph_is_not_an_error(served: str) -> None:
    """The graph is there, the query just matches nothing: 0 rows, as locally."""
    res = api.query_endpoint("SELECT ?m WHERE { ?o kg:released ?m FILTER(false) }", served)
    assert list(res) == []
    assert not api.query_endpoint("ASK { ?o kg:released ?o }", served)


# ------------------------------------------------------------------ an endpoint without the merged graph

class EmptyEndpoint(BaseHTTPRequestHandler):
    """A SPARQL endpoint that has nothing in any graph: every SELECT is empty, every ASK false."""

    seen: list[dict[str, list[str]]] = []

    def do_POST(self) -> None:  # noqa: N802
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        EmptyEndpoint.seen.append(form)
        query = form["query"][0]
        head = '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        if "ASK" in query:
            body = head + "<head/><boolean>false</boolean></sparql>"
        else:
            body = head + '<head><variable name="x"/></head><results/></sparql>'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def empty_endpoint() -> Iterator[str]:
    EmptyEndpoint.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), EmptyEndpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


def test_endpoint_without_the_merged_graph_says_so(empty_endpoint: str, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(KGError, match=f"E030: .*no triples in the graph <{MERGED}>.*kg push.*--union"):
        api.query_endpoint("SELECT ?x WHERE { ?x kg:released ?m }", empty_endpoint)
    query, probe = EmptyEndpoint.seen
    assert query["default-graph-uri"] == [MERGED]
    assert probe == {"query": ["ASK { ?s ?p ?o }"], "default-graph-uri": [MERGED]}
    assert main(["query", "--endpoint", empty_endpoint, "released"]) == 1
    err = capsys.readouterr().err
    assert f"no triples in the graph <{MERGED}>" in err and len(err.strip().splitlines()) == 1


def test_endpoint_own_default_graph_is_not_probed(empty_endpoint: str) -> None:
    """--union (or a query naming its graphs) reads what the endpoint has: an empty answer stands."""
    assert list(api.query_endpoint("SELECT ?x WHERE { ?x kg:released ?m }", empty_endpoint, union=True)) == []
    assert list(api.query_endpoint("SELECT ?x WHERE { GRAPH ?g { ?x kg:released ?m } }", empty_endpoint)) == []
    assert [("default-graph-uri" in f) for f in EmptyEndpoint.seen] == [False, False]
