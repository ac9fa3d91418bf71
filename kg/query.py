"""Stage 7a: SPARQL queries: saved queries, safe parameters, result formatting.

Parameters are bound with pyoxigraph substitutions (values, never string
splicing). Results print as an aligned table (CJK characters count as two
columns) or as the SPARQL 1.1 CSV / TSV / JSON results formats.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import Errors, KGError
from .namespace import PREFIXES, sparql_prologue
from .seek import covering
from .sparql_text import code_only, query_form, syntax_message, uses_service, variables_text, with_values
from .store import Store

QUERIES_DIR = Path(__file__).parent / "queries"
_EMPTY = ox.Store()
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
PAGE_ROWS = 50      # what a table on a terminal shows at once
# id: local names hold slashes, which Turtle would escape; entities are clearer as full IRIs
TURTLE_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "id"}


def saved_queries() -> dict[str, tuple[str, str]]:
    """Saved queries by name: (first comment line, SPARQL text)."""
    out = {}
    for f in sorted(QUERIES_DIR.glob("*.rq")):
        text = f.read_text(encoding="utf-8")
        first = text.splitlines()[0].lstrip("# ").strip() if text.startswith("#") else ""
        out[f.stem] = (first, text)
    return out


PARAM_LINE = re.compile(r"^#\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\S+))?\s*(.*)$", re.M)


def query_params(sparql: str) -> dict[str, tuple[str | None, str]]:
    """Parameters declared in ``# @param name[=default]  doc`` comment lines: name -> (default, doc)."""
    return {m[1]: (m[2], m[3].strip()) for m in PARAM_LINE.finditer(sparql)}


def with_defaults(sparql: str, params: dict[str, str] | None) -> dict[str, str]:
    """The given parameters plus the defaults the query declares for the others."""
    out = {name: default for name, (default, _) in query_params(sparql).items() if default is not None}
    out.update(params or {})
    return out


def parameter_names(sparql: str) -> list[str]:
    """What ``-p`` may bind: the declared ``@param`` names, else every variable the query uses."""
    declared = list(query_params(sparql))
    if declared:
        return declared
    return sorted({m[1] for m in re.finditer(r"[?$]([^\W]\w*)", variables_text(sparql))})


def parse_params(sparql: str, pairs: list[str]) -> dict[str, str]:
    """``name=value`` strings as a dict, each name checked against the query's parameters."""
    names = parameter_names(sparql)
    shown = ", ".join(names) or "(none)"
    out = {}
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq:
            raise KGError(Errors.E035, param=pair, names=shown)
        if name not in names:
            raise KGError(Errors.E036, name=name, names=shown)
        out[name] = value
    return out


def check_syntax(sparql: str) -> None:
    """Parse the query (on an empty store) so a syntax error names its position in the text as written.

    An update is refused here, before anything runs: queries are read-only everywhere.
    """
    if query_form(sparql) == "UPDATE":
        raise KGError(Errors.E033)
    try:
        _EMPTY.query(sparql, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise KGError(Errors.E030, reason=syntax_message(sparql, str(exc), set(PREFIXES))) from None
    except (RuntimeError, ValueError, OSError):
        pass


def check_reach(sparql: str, allow_service: bool) -> None:
    """Refuse a federated query (SERVICE) unless the caller allows the engine to reach the network."""
    if not allow_service and uses_service(sparql):
        raise KGError(Errors.E034)


def resolve_query(arg: str) -> str:
    """A query argument: a saved query name, a file, ``-`` for stdin, or SPARQL text.

    Text that looks like a query (it has spaces, braces or a variable) is a query, so a typo
    in it gets the syntax error and its position, not "unknown saved query".
    """
    if arg == "-":
        return sys.stdin.read()
    saved = saved_queries()
    if arg in saved:
        return saved[arg][1]
    if re.search(r"[\s{}?$]", arg):
        return arg
    path = Path(arg)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    raise KGError(Errors.E031, name=arg)


def bind_value(value: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as an RDF term: <iri> or "typed" literals, else a plain string literal."""
    if value.startswith("<") and value.endswith(">"):
        return ox.NamedNode(value[1:-1])

    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    if re.fullmatch(r"-?\d+(\.\d+)?", value):
        dt = "decimal" if "." in value else "integer"
        return ox.Literal(value, datatype=ox.NamedNode(f"http://www.w3.org/2001/XMLSchema#{dt}"))
    return ox.Literal(value)


def bind(sparql: str, params: dict[str, str] | None) -> str:
    """Bind ``?name`` to values with a VALUES block at the start of the WHERE clause.

    Each value becomes an RDF term first and is written in its escaped N-Triples form, so no
    value can change the query's structure. A plain text value is offered as it is and with the
    language tags names carry (``"李开复"@zh``, ``"Alibaba"@en``), so ``-p person=李开复`` finds a
    label without the user writing its tag. Being the first thing in the group, the binding is
    visible to the query's FILTERs.
    """

    if not params:
        return sparql
    out = with_values(sparql, *param_table(params))
    if out is None:
        raise KGError(Errors.E030, reason="parameters given but the query has no WHERE clause")
    return out


def param_table(params: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    """The parameters as a VALUES table: their names, and a row of N-Triples terms for every combination
    of the forms each value may take (``term_choices``)."""
    names, choices = [], []
    for name, value in params.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise KGError(Errors.E032, name=name)
        names.append(name)
        choices.append(term_choices(value))
    return names, [list(row) for row in itertools.product(*choices)]


def bound(store: Store, sparql: str, var: str, iri: str) -> list[Any]:
    """The solutions of ``sparql`` with ``?var`` bound to one IRI (validated as a term, written in a VALUES
    block as ``bind`` does): pyoxigraph's substitutions applied the binding only after evaluating the whole
    pattern, seconds per entity on a store of a thousand articles; VALUES is used from the start."""
    return list(store.query(bind(sparql, {var: f"<{iri}>"})))


def term_choices(value: str) -> list[str]:
    """The N-Triples forms a parameter value may take: a plain string also as a tagged name."""
    term = bind_value(value)
    if isinstance(term, ox.Literal) and term.datatype.value == XSD_STRING:
        return [str(term)] + [str(ox.Literal(value, language=lang)) for lang in ("zh", "en")]
    return [str(term)]


_TRAILING_SLICE = re.compile(r"\b(?:LIMIT|OFFSET)\s+\d+(?:\s+(?:LIMIT|OFFSET)\s+\d+)?\s*$", re.I)
# a VALUES block after the query's WHERE clause (SPARQL puts it after LIMIT and OFFSET), as code_only
# leaves it: variables, IRIs and strings blanked
_TRAILING_VALUES = re.compile(r"\bVALUES\s*(?:\([^()]*\))?\s*\{[^{}]*\}\s*$", re.I)


def paged(sparql: str, limit: int | None = None, offset: int = 0) -> str:
    """The query asking only for one page of its answers (``offset`` rows skipped, at most ``limit``).

    A LIMIT/OFFSET the query already ends with is composed with the page, so a page never reaches
    past the rows the query itself asks for. The engine does the slicing: an endpoint sends one page,
    not everything (and no server's row cap is hit by a paged listing).
    """
    if limit is None and not offset:
        return sparql
    if limit is not None and limit < 0 or offset < 0:
        raise KGError(Errors.E044, limit=limit, offset=offset)
    if query_form(sparql) == "ASK":
        return sparql
    code = code_only(sparql)
    values = _TRAILING_VALUES.search(code) if len(code) == len(sparql) else None
    if values:        # the page goes before a trailing VALUES block
        return paged(sparql[:values.start()], limit, offset).rstrip() + "\n" + sparql[values.start():]
    m = _TRAILING_SLICE.search(code) if len(code) == len(sparql) else None
    own_offset, own_stop = 0, None
    if m:
        for word, n in re.findall(r"(LIMIT|OFFSET)\s+(\d+)", m[0], re.I):
            if word.upper() == "OFFSET":
                own_offset = int(n)
            else:
                own_stop = int(n)
        own_stop = None if own_stop is None else own_offset + own_stop
        sparql = sparql[:m.start()]
    start = own_offset + offset
    stops = [s for s in (own_stop, None if limit is None else start + limit) if s is not None]
    count = max(0, min(stops) - start) if stops else None
    return sparql.rstrip() + f"\nOFFSET {start}" + ("" if count is None else f" LIMIT {count}") + "\n"


def run_query(store: Store, sparql: str, params: dict[str, str] | None = None,  # noqa: ANN201
              allow_service: bool = False, limit: int | None = None, offset: int = 0):
    """Run on the embedded store: syntax checked first, declared defaults applied, parameters bound.

    SERVICE is refused unless ``allow_service``; then the engine fetches, and a network error is
    a one-line error like any other. ``limit``/``offset``: one page of the answers (``paged``).
    """
    check_syntax(sparql)
    check_reach(sparql, allow_service)
    params = with_defaults(sparql, params)
    # a saved listing's page, read a few keys at a time (kg.seek) instead of sorting the whole listing
    walk = covering(store, sparql, limit, offset, param_table(params)) if limit is not None else None
    if walk:
        listing, skip = walk
        text = paged(listing, limit, skip)
    else:
        text = bind(paged(sparql, limit, offset), params)
    try:
        return store.query(text)
    except OSError as exc:
        raise KGError(Errors.E030, reason=f"a SERVICE could not be reached: {exc}") from None


def run_remote(endpoint: str, sparql: str, params: dict[str, str] | None = None, timeout: float = 60.0,
               auth: object = None, default_graph: str | None = None,
               limit: int | None = None, offset: int = 0):  # noqa: ANN201
    """Run a query on a SPARQL 1.1 Protocol endpoint; results come back as pyoxigraph objects like local ones.

    The query is checked and bound here exactly as for the embedded store, and the
    ontology's prefixes are sent as a PREFIX prologue. ``default_graph`` is sent as the
    protocol's ``default-graph-uri``; an empty answer from an endpoint with nothing in that graph is an error.
    """
    import httpx

    check_syntax(sparql)
    text = sparql_prologue() + bind(paged(sparql, limit, offset), with_defaults(sparql, params))
    form = query_form(sparql)
    accept = ("application/n-triples" if form in {"CONSTRUCT", "DESCRIBE"}
              else "application/sparql-results+xml")
    try:
        data = {"query": text, **({"default-graph-uri": default_graph} if default_graph else {})}
        r = httpx.post(endpoint, data=data, headers={"Accept": accept}, timeout=timeout,
                       auth=auth)  # type: ignore[arg-type]
    except httpx.HTTPError as exc:
        raise KGError(Errors.E030, reason=f"endpoint {endpoint}: {exc}") from None
    if r.status_code != 200:
        first = (r.text.strip().splitlines() or [""])[0][:300]
        raise KGError(Errors.E030, reason=f"endpoint {endpoint} answered {r.status_code}: {first}")
    if "x-sparql-maxrows" in r.headers:    # Virtuoso cut the result at its ResultSetMaxRows
        raise KGError(Errors.E030, reason=f"endpoint {endpoint} truncated the result at "
                      f"{r.headers['x-sparql-maxrows']} rows (its ResultSetMaxRows); add LIMIT/OFFSET")
    ctype = r.headers.get("content-type", "").split(";")[0].strip()
    if form in {"CONSTRUCT", "DESCRIBE"}:
        fmt = ox.RdfFormat.from_media_type(ctype) or ox.RdfFormat.N_TRIPLES
        triples = [q.triple for q in ox.parse(r.content, fmt)]
        if default_graph and not triples:
            _refuse_absent_graph(endpoint, default_graph, timeout, auth)
        return triples
    rfmt = ox.QueryResultsFormat.from_media_type(ctype) or ox.QueryResultsFormat.XML
    if default_graph and _no_answer(ox.parse_query_results(r.content, rfmt)):
        _refuse_absent_graph(endpoint, default_graph, timeout, auth)
    return ox.parse_query_results(r.content, rfmt)


def _no_answer(results: ox.QueryBoolean | ox.QuerySolutions) -> bool:
    """No solution (only the first is parsed), or an ASK answered false."""
    if isinstance(results, ox.QueryBoolean):
        return not results
    return next(iter(results), None) is None


def _refuse_absent_graph(endpoint: str, graph: str, timeout: float, auth: object) -> None:
    """After an empty answer from the graph a query was sent to by name: if the endpoint holds nothing
    under that name (kg push never wrote it there, or the server does not know the name), say so rather
    than return 0 rows. One more request, only when the answer was empty; a probe that fails says nothing."""
    import httpx

    try:
        r = httpx.post(endpoint, data={"query": "ASK { ?s ?p ?o }", "default-graph-uri": graph},
                       headers={"Accept": "application/sparql-results+xml"}, timeout=timeout,
                       auth=auth)  # type: ignore[arg-type]
        ctype = r.headers.get("content-type", "").split(";")[0].strip()
        rfmt = ox.QueryResultsFormat.from_media_type(ctype) or ox.QueryResultsFormat.XML
        absent = r.status_code == 200 and not ox.parse_query_results(r.content, rfmt)
    except (httpx.HTTPError, SyntaxError, ValueError, OSError):
        return
    if absent:
        raise KGError(Errors.E030, reason=f"endpoint {endpoint} has no triples in the graph <{graph}> the query "
                      "reads (kg push writes the merged graph there): push the store to it, or query with "
                      "--union (the endpoint's own default graph)")


# ------------------------------------------------------------------ formatting

def term_text(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return str(term)


def width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def shorten(iri: str) -> str:
    from .namespace import PREFIXES

    for p, base in PREFIXES.items():
        if iri.startswith(base):
            return f"{p}:{iri[len(base):]}"
    return iri


def format_table(results, page: int | None = None, offset: int = 0) -> str:  # noqa: ANN001
    """An aligned table; with ``page``, only its first ``page`` rows, and how many more there are
    (counted, not formatted: the rest of the answer is read but never laid out)."""
    names = [v.value for v in results.variables]
    rows: list[list[str]] = []
    solutions = iter(results)
    for sol in itertools.islice(solutions, page):
        row = []
        for n in names:
            t = sol[n]
            row.append(shorten(t.value) if isinstance(t, ox.NamedNode) else term_text(t))
        rows.append(row)
    widths = [max([width(n)] + [width(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    more = sum(1 for _ in solutions) if page is not None else 0
    if more:
        out[-1] = (f"({len(rows)} of {len(rows) + more} rows shown, {more} more: "
                   f"--offset {offset + len(rows)} for the next page, -f csv|tsv|json for all)")
    return "\n".join(out)


def _serialize(fmt: ox.QueryResultsFormat) -> Callable:
    def run(results) -> str:  # noqa: ANN001
        buf = io.BytesIO()
        results.serialize(buf, fmt)
        return buf.getvalue().decode("utf-8")

    return run


FORMATTERS: dict[str, Callable] = {
    "table": format_table,
    "csv": _serialize(ox.QueryResultsFormat.CSV),
    "tsv": _serialize(ox.QueryResultsFormat.TSV),
    "json": _serialize(ox.QueryResultsFormat.JSON),
}


def format_results(results, fmt: str = "table") -> str:  # noqa: ANN001
    """Render query results: SELECT/ASK in ``fmt``, CONSTRUCT/DESCRIBE as Turtle."""
    if isinstance(results, ox.QueryBoolean):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(results)})
        return str(bool(results)).lower()
    if isinstance(results, ox.QueryTriples | list):
        buf = io.BytesIO()
        ox.serialize(results, buf, ox.RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES)
        return buf.getvalue().decode("utf-8")
    if fmt not in FORMATTERS:
        raise KGError(Errors.E041, fmt=fmt, choices=", ".join(FORMATTERS))
    return FORMATTERS[fmt](results)
