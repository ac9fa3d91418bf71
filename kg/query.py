"""Stage 7a: SPARQL queries: saved queries, safe parameters, result formatting.

Parameters are bound with pyoxigraph substitutions (values, never string
splicing). Results print as an aligned table (CJK characters count as two
columns) or as the SPARQL 1.1 CSV / TSV / JSON results formats.
"""

from __future__ import annotations

import io
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from .errors import Errors, KGError
from .namespace import PREFIXES, sparql_prologue
from .store import Store

QUERIES_DIR = Path(__file__).parent / "queries"
_EMPTY = ox.Store()
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


def check_syntax(sparql: str) -> None:
    """Parse the query (on an empty store) so a syntax error names its position in the text as written."""
    try:
        _EMPTY.query(sparql, prefixes=PREFIXES)
    except SyntaxError as exc:
        msg = str(exc).splitlines()[0]
        m = re.match(r"error at (\d+):(\d+): (.*)", msg)
        reason = f"syntax error at line {m[1]}, column {m[2]}: {m[3]}" if m else f"syntax error: {msg}"
        raise KGError(Errors.E030, reason=reason) from None
    except (RuntimeError, ValueError):
        pass


def resolve_query(arg: str) -> str:
    """A query argument: a saved query name, a file, ``-`` for stdin, or SPARQL text."""

    if arg == "-":
        return sys.stdin.read()
    saved = saved_queries()
    if arg in saved:
        return saved[arg][1]
    path = Path(arg)
    if "\n" not in arg and len(arg) < 300 and path.suffix in {".rq", ".sparql"}:
        if not path.exists():
            raise KGError(Errors.E031, name=arg)
        return path.read_text(encoding="utf-8")
    if not any(k in arg.upper() for k in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        raise KGError(Errors.E031, name=arg)
    return arg


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

    Each value becomes an RDF term first and is written in its escaped
    N-Triples form, so no value can change the query's structure. Being the
    first thing in the group, the binding is visible to the query's FILTERs.
    """

    if not params:
        return sparql
    names, terms = [], []
    for name, value in params.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise KGError(Errors.E032, name=name)
        names.append(f"?{name}")
        terms.append(str(bind_value(value)))
    values = f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }} "
    where = re.search(r"\bWHERE\s*\{", sparql, re.I) or re.search(r"\{", sparql)
    if not where:
        raise KGError(Errors.E030, reason="parameters given but the query has no WHERE clause")
    return sparql[:where.end()] + values + sparql[where.end():]


def run_query(store: Store, sparql: str, params: dict[str, str] | None = None):  # noqa: ANN201
    """Run on the embedded store: syntax checked first, declared defaults applied, parameters bound."""
    check_syntax(sparql)
    return store.query(bind(sparql, with_defaults(sparql, params)))


# comments, IRIs and string literals: where a keyword inside is no keyword of the query
_NOT_KEYWORDS = re.compile(r"#[^\n]*|<[^>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'")


def names_graphs(sparql: str) -> bool:
    """Whether a query chooses graphs itself (GRAPH, FROM): then it gets the server's own dataset."""
    return re.search(r"\b(?:GRAPH|FROM)\b", _NOT_KEYWORDS.sub(" ", sparql), re.I) is not None


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE: the form, read past comments, IRIs and strings."""
    text = _NOT_KEYWORDS.sub(" ", sparql)
    forms = "SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH"
    m = re.search(rf"\b({forms})\b", text, re.I)
    if not m:
        return "SELECT"
    form = m[1].upper()
    return form if form in {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"} else "UPDATE"


def run_remote(endpoint: str, sparql: str, params: dict[str, str] | None = None, timeout: float = 60.0,
               auth: object = None, default_graph: str | None = None):  # noqa: ANN201
    """Run a query on a SPARQL 1.1 Protocol endpoint; results come back as pyoxigraph objects like local ones.

    The query is checked and bound here exactly as for the embedded store, and the
    ontology's prefixes are sent as a PREFIX prologue. ``default_graph`` is sent as the
    protocol's ``default-graph-uri``.
    """
    import httpx

    check_syntax(sparql)
    text = sparql_prologue() + bind(sparql, with_defaults(sparql, params))
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
        return [q.triple for q in ox.parse(r.content, fmt)]
    rfmt = ox.QueryResultsFormat.from_media_type(ctype) or ox.QueryResultsFormat.XML
    return ox.parse_query_results(r.content, rfmt)


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


def format_table(results) -> str:  # noqa: ANN001
    names = [v.value for v in results.variables]
    rows = []
    for sol in results:
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
