"""What a SPARQL text says before it runs: its form, whether it names graphs or reaches out
(SERVICE), and its syntax errors in words a user reads.

Everything here reads the query's *code*: the text with codepoint escapes undone (as the
parser does first), and comments, IRIs, strings, variables and the local part of prefixed
names blanked out, so a keyword inside ``"…"`` or ``<…>`` is no keyword. The blanking follows
the SPARQL 1.1 grammar's token definitions, and where it is unsure it leaves text in place:
for ``uses_service`` a false alarm refuses a query, a miss would let the server fetch a URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")

# SPARQL 1.1 §19.2: \uXXXX and \UXXXXXXXX are undone anywhere in the text before it is parsed
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

# One alternation, so the scan meets each token where it starts, as the parser does: a quote
# inside a prefixed name (ex:a\'b) or a '<' used as less-than cannot open a string or an IRI.
_TOKENS = re.compile(
    r"""(?P<comment>\#[^\n\r]*)
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<long>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\")
      | (?P<string>'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
      | (?P<var>[?$][^\W]\w*)
      | (?P<pname>(?P<prefix>[^\W\d](?:[\w.-]*\w)?)?:(?:[\w.:%-]|\\.)*)""",
    re.X,
)


def unescape(sparql: str) -> str:
    """The text with its codepoint escapes undone (what the parser reads)."""
    def char(m: re.Match[str]) -> str:
        code = int(m[1] or m[2], 16)
        return chr(code) if code < 0x110000 and not 0xD800 <= code < 0xE000 else m[0]

    return _CODEPOINT.sub(char, sparql)


def code_only(sparql: str) -> str:
    """The query's keywords and punctuation: everything that names or quotes something blanked.

    A prefixed name keeps its prefix (``SERVICE:x`` parses as SERVICE and the IRI ``:x``), and
    every blank is a space, so positions past it are unchanged.
    """
    def blank(m: re.Match[str]) -> str:
        if m["pname"] is not None:
            keep = m["prefix"] or ""
            return keep + " " * (len(m[0]) - len(keep))
        return " " * len(m[0])

    return _TOKENS.sub(blank, unescape(sparql))


def variables_text(sparql: str) -> str:
    """The text with comments, IRIs and strings blanked but variables kept (to list them)."""
    def blank(m: re.Match[str]) -> str:
        return m[0] if m["var"] is not None or m["pname"] is not None else " " * len(m[0])

    return _TOKENS.sub(blank, unescape(sparql))


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, UPDATE, or "" when the text starts with none of them."""
    m = re.search(rf"\b({'|'.join(FORMS + UPDATE_FORMS)})\b", code_only(sparql), re.I)
    if not m:
        return ""
    form = m[1].upper()
    return form if form in FORMS else "UPDATE"


def names_graphs(sparql: str) -> bool:
    """Whether a query chooses graphs itself (GRAPH, FROM): then it gets the server's own dataset."""
    return re.search(r"\b(?:GRAPH|FROM)\b", code_only(sparql), re.I) is not None


def uses_service(sparql: str) -> bool:
    """Whether the query may ask the engine to fetch from elsewhere (a federated SERVICE).

    Deliberately wide: any SERVICE left in the code counts, glued to other words or not, in any
    case (re.I also folds the look-alikes ſ and K the way a case-insensitive parser might).
    """
    return re.search("SERVICE", code_only(sparql), re.I) is not None


@dataclass
class Position:
    line: int
    column: int

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}"


def position(text: str, offset: int) -> Position:
    before = text[:offset]
    return Position(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


# the prologue as code_only leaves it: ``PREFIX kg: <…>`` reads ``PREFIX kg`` and blanks
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+(?:[^\W\d][\w.-]*)?|BASE)\s*)*", re.I)
_ENGINE_ERROR = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
_WORDS = re.compile(r'"([^"]+)"|\b([A-Z][A-Z_]+)\b')


def syntax_message(sparql: str, engine_message: str, known_prefixes: set[str]) -> str:
    """A syntax error as a user reads it, from the engine's terse one and the text itself."""
    code = code_only(sparql)
    start = _PROLOGUE.match(code)
    head = start.end() if start else 0
    if not re.match(rf"(?:{'|'.join(FORMS + UPDATE_FORMS)})\b", code[head:], re.I):
        return f"expected SELECT, CONSTRUCT, ASK or DESCRIBE at {position(sparql, head)}"
    declared = {m[1] for m in re.finditer(r"PREFIX\s+([^\s:]*):", sparql, re.I)} | known_prefixes
    for token in _TOKENS.finditer(unescape(sparql)):
        prefix = token["prefix"] or ""
        if token["pname"] is not None and prefix not in declared:
            return f"unknown prefix {prefix + ':'!r} at {position(sparql, token.start())}"
    m = _ENGINE_ERROR.match(engine_message.strip())
    if not m:
        return engine_message.strip().splitlines()[0]
    where = Position(int(m[1]), int(m[2]))
    lines = sparql.splitlines() or [""]
    rest = lines[where.line - 1][where.column - 1:] if where.line <= len(lines) else ""
    near = f"near {rest.strip()[:20]!r}" if rest.strip() else "at the end of the query"
    # the engine also lists character ranges (\u{FDCF}…): only its keywords and punctuation help
    words = {a or b for a, b in _WORDS.findall(m[3])}
    expected = sorted(w if w.isalpha() else f"'{w}'" for w in words if not re.fullmatch(r"[0-9A-F]+", w))
    hint = f"; expected {', '.join(expected[:8])}" if expected else ""
    return f"syntax error at {where}, {near}{hint}"


def with_values(sparql: str, names: list[str], rows: list[list[str]]) -> str | None:
    """The query with ``VALUES (?names…) { (row) … }`` first in its WHERE clause (None without one).

    ``rows`` hold terms already in their N-Triples form (written by pyoxigraph, so escaped): being
    first in the group, the binding is visible to the query's FILTERs and restricts every pattern.
    """
    where = re.search(r"\bWHERE\s*\{", sparql, re.I) or re.search(r"\{", sparql)
    if not where:
        return None
    return sparql[:where.end()] + f" {_values_block(names, rows)} " + sparql[where.end():]


def _values_block(names: list[str], rows: list[list[str]]) -> str:
    table = " ".join(f"({' '.join(row)})" for row in rows)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ {table} }}"


def with_values_last(sparql: str, names: list[str], rows: list[list[str]]) -> str | None:
    """The query with the VALUES block last in its WHERE clause instead of first (None without one).

    The answers are the same as ``with_values``' when the block's variables are bound by the clause's
    required patterns or read only by its FILTERs (a FILTER sees the whole group wherever it stands), but
    the engine joins the block after the clause's patterns: with another VALUES block first, the patterns
    are evaluated from that one. (Not for a variable bound only inside an OPTIONAL.)
    """
    code = code_only(sparql)
    where = re.search(r"\bWHERE\s*\{", code, re.I) or re.search(r"\{", code)
    if not where or len(code) != len(sparql):
        return with_values(sparql, names, rows)
    depth = 0
    for at in range(where.end() - 1, len(code)):
        depth += {"{": 1, "}": -1}.get(code[at], 0)
        if depth == 0:
            return f"{sparql[:at]} {_values_block(names, rows)}\n{sparql[at:]}"
    return None
