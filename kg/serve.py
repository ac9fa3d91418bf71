"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint, the HTML viewer and a small query page.

Starlette app under uvicorn, on 127.0.0.1 by default. Routes:

* ``/sparql``  GET ``?query=``, POST form (``query=``) or POST ``application/sparql-query``;
  results by the Accept header (SPARQL JSON, XML, CSV, TSV; Turtle, N-Triples, RDF/XML,
  JSON-LD for CONSTRUCT/DESCRIBE) or ``?format=json|xml|csv|tsv|ttl|nt``. Updates are refused
  with 403.
* ``/``        the query page; ``/queries`` the saved queries as JSON; ``/view`` the graph viewer
  (written by ``kg.api.view`` on first request).
* ``/id/…``    entity pages (``kg.entity_page``): HTML, Turtle, JSON-LD or N-Triples by Accept (or
  ``?format=``), 406 for anything else; ``/digest?since=…&until=…&top=…`` the digest (``kg.digest``) as
  HTML, JSON or Markdown; ``/.well-known/void`` the dataset description (``kg.void``).
  Nothing else is served (404).

Queries run in worker processes, each with the store open read-only. pyoxigraph can't
be interrupted from inside, so a query that passes the time limit has its worker killed
(and replaced) and the client gets 503 with the reason; a result with more rows (or
triples) than the cap gets 413. Both limits are options of ``kg serve``.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import io
import json
import multiprocessing as mp
import os
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import Errors, KGError

RESULT_TYPES = {  # media type -> (format, short name)
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
FORMAT_NAMES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "ttl": "text/turtle", "turtle": "text/turtle", "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json",
}


@dataclass
class Limits:
    timeout: float = 10.0     # seconds per query
    max_rows: int = 10_000    # solutions (SELECT) or triples (CONSTRUCT/DESCRIBE)


class QueryFailed(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# ------------------------------------------------------------------ content negotiation

def _accepted(accept: str) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, order kept on ties)."""
    items = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                with contextlib.suppress(ValueError):
                    q = float(b[2:])
        if q > 0:
            items.append((-q, i, bits[0].lower()))
    return [t for _, _, t in sorted(items)]


def negotiate(accept: str, form: str) -> str | None:
    """The media type to answer with for a query form, or None when nothing acceptable is offered."""
    graph = form in {"CONSTRUCT", "DESCRIBE"}
    offered = GRAPH_TYPES if graph else RESULT_TYPES
    default = "text/turtle" if graph else "application/sparql-results+json"
    for t in _accepted(accept or "*/*"):
        if t in offered:
            return t
        if t in {"*/*", "application/*"}:
            return default
        if t in {"text/*", "text/html"}:     # a browser: something it can show
            return "text/turtle" if graph else "text/tab-separated-values"
    return None


def choose(accept: str, offered: list[str], fmt: str | None = None) -> str | None:
    """For the pages built from the store (entity pages, digest, VoID): ``?format=`` (a short name or a
    media type) if given, else the best offered type the Accept header allows; the first offered is the
    default for ``*/*``. None when nothing acceptable is offered (406)."""
    if fmt:
        media = PAGE_FORMATS.get(fmt.lower()) or FORMAT_NAMES.get(fmt.lower(), fmt.lower())
        return media if media in offered else None
    for t in _accepted(accept or "*/*"):
        if t in offered:
            return t
        if t == "*/*" or (t.endswith("/*") and any(o.startswith(t[:-1]) for o in offered)):
            return next(o for o in offered if t == "*/*" or o.startswith(t[:-1]))
    return None


PAGE_FORMATS = {"html": "text/html", "md": "text/markdown", "markdown": "text/markdown", "json": "application/json"}


# ------------------------------------------------------------------ the worker process

def _term_json(t: Any) -> dict[str, str]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = t.datatype.value
        return out
    return {"type": "literal", "value": str(t)}


def _run_one(store: Any, req: dict) -> tuple[int, str, bytes]:
    """Run one query in the worker: (status, media type, body)."""
    from .namespace import MERGED_GRAPH, PREFIXES
    from .query import TURTLE_PREFIXES
    from .sparql_text import syntax_message

    kwargs: dict[str, Any] = {"prefixes": PREFIXES}
    if req.get("default_graphs"):
        # default-graph-uri=<…/merged> (what kg query --endpoint sends, the name kg push gives the merged
        # graph on a team server) is this store's own default graph
        kwargs["default_graph"] = [ox.DefaultGraph() if g == str(MERGED_GRAPH) else ox.NamedNode(g)
                                   for g in req["default_graphs"]]
    # otherwise the store's default graph: the merged graph, every triple once
    if req.get("named_graphs"):
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in req["named_graphs"]]
    try:
        results = store.run(windowed(store, req), **kwargs)
    except SyntaxError as exc:
        reason = syntax_message(req["query"], str(exc), set(PREFIXES))
        return 400, "text/plain", f"SPARQL syntax error: {reason}\n".encode()
    except (RuntimeError, ValueError, OSError) as exc:
        return 400, "text/plain", f"SPARQL error: {str(exc).splitlines()[0]}\n".encode()
    media, cap = req["media"], req["max_rows"]
    too_many = (413, "text/plain",
                f"result too large: more than {cap} rows (the server's result cap); "
                f"add LIMIT or narrow the query\n".encode())
    buf = io.BytesIO()
    if isinstance(results, ox.QueryBoolean):
        if media not in RESULT_TYPES:
            return 406, "text/plain", b"ASK results can't be given as an RDF graph"
        doc = json.dumps({"head": {}, "boolean": bool(results)}).encode()
        ox.parse_query_results(doc, ox.QueryResultsFormat.JSON).serialize(buf, RESULT_TYPES[media])
        return 200, media, buf.getvalue()
    if isinstance(results, ox.QueryTriples):
        if media not in GRAPH_TYPES:
            return 406, "text/plain", b"CONSTRUCT/DESCRIBE results are graphs: accept text/turtle or similar"
        triples = []
        for t in results:
            triples.append(t)
            if len(triples) > cap:
                return too_many
        ox.serialize(triples, buf, GRAPH_TYPES[media], prefixes=TURTLE_PREFIXES)
        return 200, media, buf.getvalue()
    if media not in RESULT_TYPES:
        return 406, "text/plain", b"SELECT results are tables: accept application/sparql-results+json etc."
    names = [v.value for v in results.variables]
    rows = []
    for sol in results:
        rows.append({n: _term_json(sol[n]) for n in names if sol[n] is not None})
        if len(rows) > cap:
            return too_many
    doc = json.dumps({"head": {"vars": names}, "results": {"bindings": rows}}, ensure_ascii=False).encode()
    if RESULT_TYPES[media] == ox.QueryResultsFormat.JSON:
        return 200, media, doc
    ox.parse_query_results(doc, ox.QueryResultsFormat.JSON).serialize(buf, RESULT_TYPES[media])
    return 200, media, buf.getvalue()


PAGES = {"digest": "kg.digest", "entity": "kg.entity_page", "void": "kg.void"}   # page -> module with http_answer


def _answer(store: Any, req: dict) -> tuple[int, str, bytes]:
    """A SPARQL query, or (``page``) one of the pages built from the store, in the worker that holds it."""
    if "page" in req:
        import importlib

        return importlib.import_module(PAGES[req["page"]]).http_answer(store, req)  # type: ignore[no-any-return]
    return _run_one(store, req)


def worker_main(conn: Any, store_path: str) -> None:
    """Worker loop: open the store read-only, answer requests until the pipe closes."""
    from .store import newest_snapshot, open_store

    path = Path(store_path)
    store = open_store(path)        # the newest snapshot a writer left (never the live store)
    seen = newest_snapshot(path)
    while True:
        try:
            req = conn.recv()
        except (EOFError, OSError):
            return
        newest = newest_snapshot(path)
        if newest != seen:          # a build finished since: answer from its snapshot
            store, seen = open_store(path), newest
        try:
            conn.send(_answer(store, req))
        except Exception as exc:  # noqa: BLE001  (a failing query must not kill the worker)
            conn.send((500, "text/plain", f"query failed: {type(exc).__name__}: {exc}".encode()))


@dataclass
class Worker:
    process: Any
    conn: Any


@dataclass
class Pool:
    """Worker processes that each hold the store open; a worker past the time limit is killed and replaced."""

    store_path: str
    size: int = 2
    idle: asyncio.Queue | None = None
    workers: list[Worker] = field(default_factory=list)

    def _spawn(self) -> Worker:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=worker_main, args=(child, self.store_path), daemon=True)
        proc.start()
        child.close()
        w = Worker(proc, parent)
        self.workers.append(w)
        return w

    async def start(self) -> None:
        self.idle = asyncio.Queue()
        for _ in range(self.size):
            self.idle.put_nowait(self._spawn())

    def _kill(self, w: Worker) -> None:
        with contextlib.suppress(Exception):
            w.process.kill()
            w.process.join(2)
        with contextlib.suppress(Exception):
            w.conn.close()
        if w in self.workers:
            self.workers.remove(w)

    async def run(self, req: dict, timeout: float) -> tuple[int, str, bytes]:
        assert self.idle is not None
        loop = asyncio.get_running_loop()
        try:
            w = await asyncio.wait_for(self.idle.get(), timeout)
        except TimeoutError:
            raise QueryFailed(503, f"server busy: no query worker free within {timeout:g} s") from None

        def call() -> tuple[int, str, bytes] | None:
            w.conn.send(req)
            return w.conn.recv() if w.conn.poll(timeout) else None

        try:
            answer = await loop.run_in_executor(None, call)
        except (EOFError, OSError, BrokenPipeError):
            answer = (500, "text/plain", b"query worker died")
            self._kill(w)
            self.idle.put_nowait(self._spawn())
            return answer
        if answer is None:
            self._kill(w)
            self.idle.put_nowait(self._spawn())
            raise QueryFailed(503, f"query timed out: it ran past the server's time limit of {timeout:g} s")
        self.idle.put_nowait(w)
        return answer

    def close(self) -> None:
        for w in list(self.workers):
            self._kill(w)


# ------------------------------------------------------------------ the app

QUERY_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg: SPARQL</title>
<style>
body{font:14px system-ui,"WenQuanYi Micro Hei",sans-serif;margin:1.5em;max-width:80em}
textarea{width:100%;height:14em;font:13px monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}
#status{margin:.5em 0;color:#555}#status.err{color:#b00}
#params label{display:inline-block;margin:.3em 1em .3em 0}#params small{color:#777}
</style></head><body>
<h1>kg: SPARQL</h1>
<p>Read-only endpoint at <code>/sparql</code>; the graph viewer is at <a href="/view">/view</a>.
Prefixes kg:, id:, rdf:, rdfs:, skos:, xsd: are pre-bound; the default graph is the merged graph of all articles (each triple once).</p>
<label>Saved query: <select id="saved"><option value="">(choose)</option>__OPTIONS__</select></label>
<form id="f"><div id="params"></div><textarea id="q" name="query">SELECT ?org ?model WHERE { ?o kg:released ?m ; rdfs:label ?org .
  ?m rdfs:label ?model } LIMIT 20</textarea><br><label>rows <input id="limit" name="limit" size="5" value="50"></label>
<label>from row <input id="offset" name="offset" size="7" value="0"></label> <button>Run</button>
<button type="button" id="next">Next page</button></form>
<div id="status"></div><div id="out"></div>
<script>
const SAVED = __SAVED__;
const sel = document.getElementById("saved"), q = document.getElementById("q");
const out = document.getElementById("out"), status = document.getElementById("status");
const params = document.getElementById("params");
// a saved query's parameters: one field each, its default filled in; the server binds the values as
// RDF terms (as kg query -p does), the page never splices them into the text
sel.onchange = () => {
  params.textContent = "";
  const saved = SAVED[sel.value];
  if (!saved) return;
  q.value = saved.query;
  for (const [name, p] of Object.entries(saved.params)) {
    const label = document.createElement("label"), input = document.createElement("input");
    input.name = name; input.value = p.default || ""; input.placeholder = p.doc || "";
    input.setAttribute("data-param", name);
    const doc = document.createElement("small"); doc.textContent = " " + (p.doc || "");
    label.append(name + " = ", input, doc); params.appendChild(label);
  }
};
// the next page: the same query from the row after this page's last
document.getElementById("next").onclick = () => {
  const off = document.getElementById("offset"), lim = document.getElementById("limit");
  off.value = String((parseInt(off.value, 10) || 0) + (parseInt(lim.value, 10) || 50));
  document.getElementById("f").requestSubmit();
};
document.getElementById("f").onsubmit = async (ev) => {
  ev.preventDefault(); out.textContent = ""; status.className = ""; status.textContent = "running…";
  const t0 = performance.now(), body = new URLSearchParams({query: q.value});
  for (const id of ["limit", "offset"]) {
    const v = document.getElementById(id).value.trim(); if (v) body.append(id, v); }
  for (const input of params.querySelectorAll("input[data-param]"))
    if (input.value.trim()) body.append("param", input.name + "=" + input.value.trim());
  const r = await fetch("/sparql", {method: "POST", body: body,
    headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}});
  const ms = Math.round(performance.now() - t0), text = await r.text();
  if (!r.ok) { status.className = "err"; status.textContent = r.status + ": " + text; return; }
  status.textContent = ms + " ms";
  if (!(r.headers.get("content-type") || "").includes("json")) {
    const pre = document.createElement("pre"); pre.textContent = text; out.appendChild(pre); return; }
  const data = JSON.parse(text);
  if ("boolean" in data) { out.textContent = String(data.boolean); return; }
  const table = document.createElement("table"), head = table.insertRow();
  for (const v of data.head.vars) {
    const th = document.createElement("th"); th.textContent = v; head.appendChild(th);
  }
  for (const b of data.results.bindings) {
    const tr = table.insertRow();
    for (const v of data.head.vars) tr.insertCell().textContent = b[v] ? b[v].value : "";
  }
  status.textContent += ", " + data.results.bindings.length + " rows"; out.appendChild(table);
};
</script></body></html>
"""


def query_page() -> str:
    from .query import saved_queries

    saved = saved_queries()
    options = "".join(f'<option value="{html.escape(n)}">{html.escape(n)}: {html.escape(doc)}</option>'
                      for n, (doc, _) in saved.items())
    blob = json.dumps(saved_queries_json(), ensure_ascii=False).replace("</", "<\\/")
    return QUERY_PAGE.replace("__OPTIONS__", options).replace("__SAVED__", blob)


READ_ONLY = "updates are refused: this endpoint is read-only"
# what the pages built from the store are offered as; the first is the default
ENTITY_TYPES = ["text/html", "text/turtle", "application/ld+json", "application/n-triples"]
DIGEST_TYPES = ["text/html", "application/json", "text/markdown"]
VOID_TYPES = ["text/turtle", "application/ld+json", "application/n-triples"]


@dataclass
class SparqlRequest:
    """What a SPARQL 1.1 Protocol request asks, from its URL, form or body."""

    query: str | None
    default_graphs: list[str]
    named_graphs: list[str]
    params: list[str] = field(default_factory=list)     # "name=value", as kg query -p (the query page's fields)
    page: dict[str, str] = field(default_factory=dict)  # limit, offset: one page of the answers, as kg query's


async def read_request(request: Any) -> SparqlRequest:
    """The query and dataset of a GET, a form POST or an ``application/sparql-query`` POST."""
    params = request.query_params
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    asked = SparqlRequest(params.get("query"), params.getlist("default-graph-uri"),
                          params.getlist("named-graph-uri"), page={k: params[k] for k in PAGING if k in params})
    if "update" in params or ctype == "application/sparql-update":
        raise QueryFailed(403, READ_ONLY)
    if request.method != "POST":
        return asked
    if ctype == "application/x-www-form-urlencoded" or ctype.startswith("multipart/form-data"):
        form = await request.form()
        if "update" in form:
            raise QueryFailed(403, READ_ONLY)
        value = form.get("query")
        asked.query = value if isinstance(value, str) else None
        asked.default_graphs += [str(v) for v in form.getlist("default-graph-uri")]
        asked.named_graphs += [str(v) for v in form.getlist("named-graph-uri")]
        asked.params = [str(v) for v in form.getlist("param")]
        asked.page.update({k: str(form[k]) for k in PAGING if form.get(k)})
    elif ctype == "application/sparql-query":
        asked.query = (await request.body()).decode("utf-8", errors="replace")
    else:
        raise QueryFailed(415, f"unsupported content type {ctype or '(none)'}: send a form or "
                               "application/sparql-query")
    return asked


PAGING = ("limit", "offset")


def one_page(query: str, page: dict[str, str]) -> tuple[int | None, int]:
    """The page ``limit``/``offset`` name, checked (``kg.query.paged`` on ``query``, as ``kg query --limit
    --offset``); the worker asks for it, reading a saved listing a few keys at a time (``kg.seek``)."""
    from .query import paged

    try:
        limit = int(page["limit"]) if page.get("limit") else None
        offset = int(page.get("offset") or 0)
        paged(query, limit, offset)
    except ValueError:
        raise QueryFailed(400, f"limit and offset are whole numbers, not {page}") from None
    except KGError as exc:
        raise QueryFailed(400, str(exc)) from None
    return limit, offset


def windowed(store: Any, req: dict) -> str:
    """The query of a request, asking only for its page (``window``): a saved listing on the store's own
    default graph is read a few keys at a time (``kg.seek``), anything else paged by the engine."""
    from .namespace import MERGED_GRAPH
    from .query import paged
    from .seek import covering

    if not req.get("window"):
        return str(req["query"])
    limit, offset = req["window"]
    own = not req.get("named_graphs") and set(req.get("default_graphs") or []) <= {str(MERGED_GRAPH)}
    walk = covering(store, req["query"], limit, offset) if own and limit is not None else None
    return paged(walk[0], limit, walk[1]) if walk else paged(req["query"], limit, offset)


def bound(query: str, pairs: list[str]) -> str:
    """``query`` with the query page's ``name=value`` parameters bound as RDF terms (``kg.query.bind``)."""
    from .query import bind, parse_params

    try:
        return bind(query, parse_params(query, pairs))
    except KGError as exc:
        raise QueryFailed(400, str(exc)) from None


def answer_type(query: str, fmt: str | None, accept: str | None) -> str:
    """The media type to answer ``query`` with; refuses updates, SERVICE and what cannot be offered."""
    from .sparql_text import query_form, uses_service

    form_kind = query_form(query) or "SELECT"   # no form: the worker reports the syntax error
    if form_kind == "UPDATE":
        raise QueryFailed(403, READ_ONLY)
    if uses_service(query):     # the engine would fetch any URL for any client (SSRF)
        raise QueryFailed(400, "federated queries are refused: SERVICE would make this server "
                               "fetch from other servers")
    media = FORMAT_NAMES.get(fmt.lower(), fmt.lower()) if fmt else negotiate(accept or "*/*", form_kind)
    if media is None or (media not in RESULT_TYPES and media not in GRAPH_TYPES):
        raise QueryFailed(406, f"can't answer a {form_kind} query as {accept!r}")
    return media


class ViewerPage:
    """The viewer page ``/view`` serves: a given file, else one written from the store on first request."""

    def __init__(self, store: Path, html_path: str | Path | None) -> None:
        self.store = store
        self.lock = threading.Lock()
        self.folder = tempfile.TemporaryDirectory(prefix="kg-serve-")
        self.path = Path(html_path) if html_path else None

    def get(self) -> Path:
        with self.lock:
            if self.path is None:
                from . import api

                self.path = api.view(Path(self.folder.name) / "graph.html", store=self.store, entity_links=True)
            return self.path

    def close(self) -> None:
        self.folder.cleanup()


def saved_queries_json() -> dict[str, Any]:
    from .query import query_params, saved_queries

    def params(text: str) -> dict:
        return {k: {"default": d, "doc": t} for k, (d, t) in query_params(text).items()}

    return {n: {"doc": doc, "query": text, "params": params(text)} for n, (doc, text) in saved_queries().items()}


def store_pages(pool: Pool, lim: Limits) -> list[Any]:
    """The routes of the pages the workers build from the store: entity pages, the digest, VoID."""
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    async def page(req: dict, offered: list[str], request: Request) -> Response:
        """A page the workers build from the store, in the media type the client asked for."""
        media = choose(request.headers.get("accept", ""), offered, request.query_params.get("format"))
        if media is None:
            return PlainTextResponse(f"can't answer as {request.headers.get('accept')!r}; offered: "
                                     f"{', '.join(offered)}\n", status_code=406)
        try:
            status, mtype, body = await pool.run({**req, "media": media}, lim.timeout)
        except QueryFailed as exc:
            return PlainTextResponse(exc.message + "\n", status_code=exc.status)
        charset = "; charset=utf-8" if mtype.startswith("text/") or "json" in mtype else ""
        return Response(body, status_code=status, media_type=mtype + charset, headers={"Vary": "Accept"})

    async def entity(request: Request) -> Response:
        # the path as sent (percent-encoded), as the entity IRIs spell it
        path = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1").split("?", 1)[0]
        return await page({"page": "entity", "path": path}, ENTITY_TYPES, request)

    async def digest(request: Request) -> Response:
        params = request.query_params
        return await page({"page": "digest", "since": params.get("since", ""), "until": params.get("until"),
                           "top": params.get("top")}, DIGEST_TYPES, request)

    async def void(request: Request) -> Response:
        return await page({"page": "void", "base": str(request.base_url)}, VOID_TYPES, request)

    return [Route("/id/{rest:path}", entity, methods=["GET"]), Route("/digest", digest, methods=["GET"]),
            Route("/.well-known/void", void, methods=["GET"])]


def create_app(store: str | Path | None = None, limits: Limits | None = None, workers: int = 2,
               html_path: str | Path | None = None):  # noqa: ANN201
    """The Starlette app; ``html_path`` is a viewer page to serve instead of writing one on first request."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    from .store import store_path

    path = store_path(store)
    lim = limits or Limits()
    pool = Pool(str(path), size=max(1, workers))
    viewer = ViewerPage(path, html_path)

    def error(status: int, message: str) -> Response:
        return PlainTextResponse(message + "\n", status_code=status)

    async def sparql(request: Request) -> Response:
        try:
            asked = await read_request(request)
            if not asked.query:
                if "text/html" in request.headers.get("accept", "") and request.method == "GET":
                    return HTMLResponse(query_page())
                return error(400, "no query: give query= (GET or form POST) or POST application/sparql-query")
            window = one_page(asked.query, asked.page) if asked.page else None
            if asked.params:
                asked.query = bound(asked.query, asked.params)
            media = answer_type(asked.query, request.query_params.get("format"), request.headers.get("accept"))
            req = {"query": asked.query, "media": media, "max_rows": lim.max_rows, "window": window,
                   "default_graphs": asked.default_graphs, "named_graphs": asked.named_graphs}
            status, mtype, body = await pool.run(req, lim.timeout)
        except QueryFailed as exc:
            return error(exc.status, exc.message)
        charset = "; charset=utf-8" if mtype.startswith("text/") or "json" in mtype or "xml" in mtype else ""
        return Response(body, status_code=status, media_type=mtype + charset)

    async def index(request: Request) -> Response:
        return HTMLResponse(query_page())

    async def queries(request: Request) -> Response:
        return JSONResponse(saved_queries_json())

    async def view(request: Request) -> Response:
        target = await asyncio.get_running_loop().run_in_executor(None, viewer.get)
        if not target.is_file():
            return error(404, "no viewer page")
        return FileResponse(target, media_type="text/html")

    @contextlib.asynccontextmanager
    async def lifespan(app: Any):  # noqa: ANN202
        await pool.start()
        try:
            yield
        finally:
            pool.close()
            viewer.close()

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/queries", queries, methods=["GET"]),
        Route("/view", view, methods=["GET"]),
        *store_pages(pool, lim),
    ]
    return Starlette(routes=routes, lifespan=lifespan)


def check_address(host: str, port: int) -> None:
    """Fail in one line, before anything starts, when the address cannot be listened on."""
    import socket

    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        why = os.strerror(exc.errno) if exc.errno else str(exc)
        raise KGError(Errors.E091, reason=f"cannot listen on {host}:{port}: {why}") from None


def serve(store: str | Path | None = None, host: str = "127.0.0.1", port: int = 8000,
          limits: Limits | None = None, workers: int = 2, html_path: str | Path | None = None) -> None:
    """Run the endpoint until interrupted (``kg serve``)."""
    import uvicorn

    from .store import require_store

    require_store(store)        # before the server starts: its workers would fail one by one
    if html_path and not Path(html_path).is_file():
        raise KGError(Errors.E091, reason=f"--html {html_path}: no such file")
    check_address(host, port)
    app = create_app(store, limits, workers, html_path)
    print(f"kg: serving http://{host}:{port}/  (SPARQL at /sparql, viewer at /view)",
          file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
