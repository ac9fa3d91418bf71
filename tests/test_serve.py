"""``kg serve`` as a real process, spoken to over HTTP: protocol, negotiation, refusals and limits."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph

from kg import api
from tests.kgserve import kg_serve

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 1.5       # the server's time limit in these tests
MAX_ROWS = 40       # and its result cap
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"   # billions of rows
RELEASED = "SELECT DISTINCT ?org ?model WHERE { ?o kg:released ?m ; rdfs:label ?org . ?m rdfs:label ?model }"


@pytest.fixture(scope="module")
def served_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "store"
    assert api.build([ROOT / "corpus", ROOT / "tests" / "fixtures" / "unseen-startup.md"], store=path).ok
    return path


@pytest.fixture(scope="module")
def server(served_store: Path) -> Iterator[str]:
    with kg_serve(served_store, "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS), "--workers", "2") as base:
        yield base


def bindings(r: httpx.Response) -> list[dict[str, str]]:
    return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]


def test_serve_listens_on_loopback_only(server: str) -> None:
    assert server.startswith("http://127.0.0.1:")
    out = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--help"], capture_output=True, text=True)
    assert "default 127.0.0.1" in out.stdout


def test_serve_get_query_json_by_default(server: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": RELEASED})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    got = bindings(r)
    assert {"org": "DeepSeek", "model": "DeepSeek-V2"} in got
    assert r.json()["head"]["vars"] == ["org", "model"]


@pytest.mark.parametrize("accept, ctype", [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, application/sparql-results+json", "application/sparql-results+json"),
    ("image/png, */*;q=0.1", "application/sparql-results+json"),
])
def test_serve_accept_header_picks_the_results_format(server: str, accept: str, ctype: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": RELEASED}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(ctype)
    if ctype == "text/csv":
        table = list(csv.reader(io.StringIO(r.text)))
        assert table[0] == ["org", "model"] and ["DeepSeek", "DeepSeek-V2"] in table
    if ctype.endswith("xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        root = ET.fromstring(r.content)
        assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["org", "model"]
        assert "DeepSeek-V2" in [e.text for e in root.iter("{http://www.w3.org/2005/sparql-results#}literal")]
    if ctype == "text/tab-separated-values":
        assert r.text.splitlines()[0] == "?org\t?model"


def test_serve_unacceptable_accept_is_406(server: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": RELEASED}, headers={"Accept": "image/png"})
    assert r.status_code == 406


def test_serve_post_form_and_direct_query(server: str) -> None:
    a = httpx.post(server + "/sparql", data={"query": RELEASED})
    b = httpx.post(server + "/sparql", content=RELEASED.encode(),
                   headers={"Content-Type": "application/sparql-query",
                            "Accept": "application/sparql-results+json"})
    assert a.status_code == b.status_code == 200
    assert sorted(map(str, bindings(a))) == sorted(map(str, bindings(b)))
    assert len(bindings(a)) >= 20


def test_serve_construct_as_turtle_or_ntriples(server: str) -> None:
    q = "CONSTRUCT { ?o kg:released ?m } WHERE { ?o kg:released ?m } LIMIT 5"
    r = httpx.get(server + "/sparql", params={"query": q})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=r.text, format="turtle")) == 5
    r = httpx.get(server + "/sparql", params={"query": q}, headers={"Accept": "application/n-triples"})
    assert r.headers["content-type"].startswith("application/n-triples")
    assert len(Graph().parse(data=r.text, format="nt")) == 5


def test_serve_ask(server: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": "ASK { ?o kg:released ?m }"})
    assert r.json() == {"head": {}, "boolean": True}


@pytest.mark.parametrize("how", ["form-update", "sparql-update", "update-in-query", "get-update"])
def test_serve_refuses_updates_with_403(server: str, how: str) -> None:
    update = "DELETE WHERE { ?s ?p ?o }"
    if how == "form-update":
        r = httpx.post(server + "/sparql", data={"update": update})
    elif how == "sparql-update":
        r = httpx.post(server + "/sparql", content=update,
                       headers={"Content-Type": "application/sparql-update"})
    elif how == "update-in-query":
        insert = "PREFIX x: <http://x/> INSERT DATA { x:a x:b x:c }"
        r = httpx.post(server + "/sparql", data={"query": insert})
    else:
        r = httpx.get(server + "/sparql", params={"update": update})
    assert r.status_code == 403 and "read-only" in r.text
    # and the data is still there
    assert len(bindings(httpx.get(server + "/sparql", params={"query": RELEASED}))) >= 20


def test_serve_time_limit_gives_503_and_the_server_recovers(server: str) -> None:
    t0 = time.monotonic()
    r = httpx.get(server + "/sparql", params={"query": HEAVY}, timeout=30)
    took = time.monotonic() - t0
    assert r.status_code == 503 and "time limit" in r.text
    assert TIMEOUT <= took < TIMEOUT + 5
    # the killed worker was replaced: further queries (more than the pool size) still work
    for _ in range(3):
        assert httpx.get(server + "/sparql", params={"query": "ASK {}"}, timeout=30).status_code == 200


def test_serve_result_cap_gives_413(server: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 413 and f"more than {MAX_ROWS} rows" in r.text
    ok = httpx.get(server + "/sparql", params={"query": f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}"})
    assert ok.status_code == 200 and len(bindings(ok)) == MAX_ROWS
    r = httpx.get(server + "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert r.status_code == 413


def test_serve_syntax_error_is_400_with_position(server: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert r.status_code == 400 and "line 1, column 26" in r.text


def test_serve_query_page_and_saved_queries(server: str) -> None:
    page = httpx.get(server + "/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "/sparql" in page.text and "cheapest" in page.text
    saved = httpx.get(server + "/queries").json()
    assert saved["cheapest"]["params"]["currency"]["default"] == "CNY"
    r = httpx.get(server + "/sparql", params={"query": saved["released"]["query"]})
    assert {"org": "DeepSeek", "model": "DeepSeek-V2", "date": "2024-05-06"} in bindings(r)


def test_serve_viewer_page(server: str) -> None:
    r = httpx.get(server + "/view", timeout=60)
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "DeepSeek" in r.text
    assert '"href": "/id/' in r.text        # served, the panel links each entity to its /id/ page


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/view/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                                  "/static/graph.html", "/view/graph.html", "/etc/passwd", "/.kg/store"])
def test_serve_refuses_paths_outside_what_it_serves(server: str, path: str) -> None:
    with socket.create_connection(("127.0.0.1", int(server.rsplit(":", 1)[1]))) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    assert status in (400, 404), path
    assert b"root:" not in data


def test_serve_concurrent_queries(server: str) -> None:
    import concurrent.futures as cf

    with cf.ThreadPoolExecutor(6) as ex:
        codes = list(ex.map(lambda _: httpx.get(server + "/sparql", params={"query": RELEASED}, timeout=30)
                            .status_code, range(12)))
    assert codes == [200] * 12


def test_serve_json_is_valid_unicode(server: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": RELEASED})
    assert "豆包大模型" in json.loads(r.content.decode("utf-8"))["results"]["bindings"].__repr__()


@pytest.mark.parametrize("spelling", ["SERVICE <{url}> {{ ?s ?p ?o }}", "sErViCe SILENT <{url}> {{ ?s ?p ?o }}",
                                      "SERVIC\\u0045 <{url}> {{ ?s ?p ?o }}"])
def test_serve_refuses_service_and_fetches_nothing(server: str, spelling: str) -> None:
    from tests.listener import Listener

    with Listener() as listener:
        query = "SELECT * WHERE { ?x kg:released ?y . " + spelling.format(url=listener.url) + " }"
        get = httpx.get(server + "/sparql", params={"query": query})
        post = httpx.post(server + "/sparql", content=query.encode(),
                          headers={"Content-Type": "application/sparql-query"})
        time.sleep(0.3)
    for r in (get, post):
        assert r.status_code == 400
        assert "SERVICE" in r.text and "refused" in r.text
    assert listener.received == []


def test_serve_refuses_a_busy_port_and_a_missing_page_in_one_line(tmp_path: Path) -> None:
    import socket

    from kg.cli import main

    store = tmp_path / "store"
    assert api.build([ROOT / "tests" / "fixtures" / "unseen-startup.md"], store=store).ok
    with socket.create_server(("127.0.0.1", 0)) as busy:
        taken = busy.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "kg.cli", "--store", str(store), "serve", "--port", str(taken)],
                           capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and r.stderr.startswith("kg: E091: kg serve: cannot listen on 127.0.0.1:")
    assert main(["--store", str(store), "serve", "--html", str(tmp_path / "nope.html")]) == 1


def test_serve_binds_a_saved_query_parameters(server: str) -> None:
    cheapest = httpx.get(server + "/queries").json()["cheapest"]["query"]
    r = httpx.post(server + "/sparql", data={"query": cheapest, "param": ["currency=CNY"]})
    rows = bindings(r)
    assert r.status_code == 200 and rows and all(row["currency"] == "CNY" for row in rows), rows
    assert {"model": "豆包大模型", "perMillion": "0.8", "currency": "CNY"} in rows
    unbound = bindings(httpx.post(server + "/sparql", data={"query": cheapest}))
    assert not any("currency" in row for row in unbound)        # the plain protocol binds nothing
    bad = httpx.post(server + "/sparql", data={"query": cheapest, "param": ["nosuch=1"]})
    assert bad.status_code == 400 and "E036" in bad.text and "currency" in bad.text
    evil = 'CNY" } } DROP ALL #'
    hostile = httpx.post(server + "/sparql", data={"query": cheapest, "param": ["currency=" + evil]})
    assert hostile.status_code == 200       # a value, never query text: only free tiers match that "currency"
    assert bindings(hostile) and all(row["currency"] == evil and row["perMillion"] == "0" for row in bindings(hostile))


@pytest.mark.requires_tool("chromium")
def test_serve_query_page_fields_bind_parameters_and_errors_are_red(server: str) -> None:
    from tests.chromium import Chromium
    from tests.conftest import require_tool

    require_tool("chromium")
    with Chromium() as browser:
        browser.call("Network.emulateNetworkConditions", offline=False, latency=0, downloadThroughput=-1,
                     uploadThroughput=-1)      # the page talks to the test server on the loopback
        browser.call("Page.navigate", url=server + "/")
        browser.wait_for("document.readyState === 'complete' && document.getElementById('saved')")
        browser.eval("const s = document.getElementById('saved'); s.value = 'cheapest';"
                     "s.dispatchEvent(new Event('change')); true")
        fields = browser.eval("[...document.querySelectorAll('#params input')].map(i => [i.name, i.value])")
        assert fields == [["currency", "CNY"], ["day", ""]]
        browser.eval("document.querySelector('#f button').click(); true")
        table = browser.wait_for("document.querySelector('#out table') && [...document.querySelectorAll("
                                 "'#out tr')].map(tr => [...tr.cells].map(c => c.textContent))", timeout=30)
        assert table[0] == ["model", "perMillion", "currency"] and len(table) > 1
        assert all(row[2] == "CNY" for row in table[1:]), table
        browser.eval("document.getElementById('q').value = 'SELECT * WHERE { ?s ?p }';"
                     "document.querySelector('#f button').click(); true")
        browser.wait_for("document.getElementById('status').className === 'err'", timeout=30)
        assert browser.eval("getComputedStyle(document.getElementById('status')).color") == "rgb(187, 0, 0)"
        assert "400" in browser.eval("document.getElementById('status').textContent")


def test_serve_pages_a_saved_listing_past_the_result_cap(server: str, served_store: Path) -> None:
    entities = httpx.get(server + "/queries").json()["entities"]["query"]
    whole = httpx.post(server + "/sparql", data={"query": entities})
    assert whole.status_code == 413           # more rows than the server's cap: only pages can be read
    pages = [bindings(httpx.post(server + "/sparql", data={"query": entities, "limit": "20", "offset": str(o)}))
             for o in range(0, 200, 20)]
    got = [row for p in pages for row in p]
    assert MAX_ROWS < len(got) < 200 and all(len(p) == 20 for p in pages[:2])
    direct = api.query(entities, store=served_store)
    assert [r["entity"] for r in got] == [s["entity"].value for s in direct]
    by_url = httpx.get(server + "/sparql", params={"query": entities, "limit": "3", "offset": "20"})
    assert bindings(by_url) == got[20:23]
    bad = httpx.get(server + "/sparql", params={"query": entities, "limit": "x"})
    assert bad.status_code == 400 and "whole numbers" in bad.text


def test_serve_pages_of_a_listing_read_by_keys_are_its_slices(server: str, served_store: Path) -> None:
    """A saved listing with a keys query (kg.seek) is paged by the worker a few keys at a time: the pages
    give the whole listing's order variable row by row, as the embedded store does."""
    mentions = httpx.get(server + "/queries").json()["mentions"]["query"]
    direct = [(s["entity"].value, s["articles"].value) for s in api.query(mentions, store=served_store)][:60]
    got = [(r["entity"], r["articles"]) for o in range(0, 60, 7)
           for r in bindings(httpx.post(server + "/sparql", data={"query": mentions, "limit": "7", "offset": str(o)}))]
    assert len(direct) == 60 and [a for _, a in got][:60] == [a for _, a in direct]
    assert sorted(got[:60]) == sorted(direct)


@pytest.mark.requires_tool("chromium")
def test_serve_query_page_next_page_shows_the_following_rows(server: str) -> None:
    from tests.chromium import Chromium
    from tests.conftest import require_tool

    require_tool("chromium")
    entities = httpx.get(server + "/queries").json()["entities"]["query"]
    second = bindings(httpx.post(server + "/sparql", data={"query": entities, "limit": "5", "offset": "5"}))
    with Chromium() as browser:
        browser.call("Network.emulateNetworkConditions", offline=False, latency=0, downloadThroughput=-1,
                     uploadThroughput=-1)
        browser.call("Page.navigate", url=server + "/")
        browser.wait_for("document.readyState === 'complete' && document.getElementById('saved')")
        browser.eval("const s = document.getElementById('saved'); s.value = 'entities';"
                     "s.dispatchEvent(new Event('change')); document.getElementById('limit').value = '5';"
                     "document.querySelector('#f button').click(); true")
        browser.wait_for("!!document.querySelector('#out table') || document.getElementById('status').className",
                         timeout=30)
        assert browser.eval("document.getElementById('status').className") == "", \
            browser.eval("document.getElementById('status').textContent")
        browser.eval("document.getElementById('out').textContent = ''; document.getElementById('next').click(); true")
        table = browser.wait_for("document.querySelector('#out table') && [...document.querySelectorAll("
                                 "'#out tr')].map(tr => [...tr.cells].map(c => c.textContent))", timeout=30)
    assert browser and [row[0] for row in table[1:]] == [r["entity"] for r in second]
    assert len(table) == 6
