"""The catalogue of user-facing errors: one line each, naming the file and the problem."""

from __future__ import annotations

import unicodedata
from enum import StrEnum


class Errors(StrEnum):
    E001 = "{path}: no such file or directory"
    E002 = "{path}: cannot read file ({reason})"
    E003 = "{path}: not text (binary content)"
    E004 = "{path}: empty article"
    E005 = "{path}: front matter is not valid YAML ({reason})"
    E006 = "{path}: front matter must be a mapping of keys to values"
    E007 = "{path}: front-matter date {value!r} is not a date (use YYYY-MM-DD)"
    E008 = "{path}: file is larger than the {limit} MB limit"
    E009 = "{path}: cannot decode text (tried UTF-8, UTF-16, GB18030, Big5)"
    E010 = "{path}: article id {id!r} is also claimed by {other}"
    E011 = "{path}:{line}: front matter opened with --- is never closed (end it with a --- line)"
    E070 = "{reason}"
    E099 = "{path}: internal error while processing the article ({reason}); please report it"
    E020 = "no article with id {id!r} in the store"
    E030 = "SPARQL error: {reason}"
    E031 = "unknown saved query or file: {name}"
    E032 = "query parameter name {name!r} is not a SPARQL variable name"
    E033 = "kg query is read-only; use kg add / kg remove to change the graph"
    E034 = ("the query uses SERVICE, which makes the engine fetch from another server; "
            "refused (kg query --allow-service permits it; kg serve never does)")
    E035 = "query parameter {param!r} is not name=value; this query's parameters: {names}"
    E036 = "the query has no parameter {name!r}; its parameters: {names}"
    E040 = "unknown export format {fmt!r}; choose one of: {choices}"
    E041 = "unknown output format {fmt!r}; choose one of: {choices}"
    E042 = "unknown entity class {name!r}; choose one of: {choices}"
    E043 = "{path}: only .html is supported for charts; give -o a file ending in .html"
    E044 = "a page of answers needs a limit and offset of 0 or more (got limit {limit}, offset {offset})"
    E050 = "store {path}: {reason}"
    E051 = "no store at {path}; kg build creates one"
    E060 = "ontology: {reason}"
    E061 = "{path}: key {key}: {problem}"
    E075 = "cluster {address}: {reason}"
    E076 = ("cluster {address}: worker {worker} runs other rules (fingerprint {theirs}, this kg has {ours}); "
            "install the same kg version, rules, catalogue and alias file on every worker")
    E077 = "{path}: the cluster could not analyse the article ({reason})"
    E078 = "{path}: not a kg shard ({reason}); nothing of it was loaded"
    E079 = "{path}: {reason}"
    E080 = "worker (cache folder {path}): {reason}"
    E081 = "{option} {value!r} is not a date (use YYYY-MM-DD)"
    E082 = "the window ends before it starts: --until {until} is before --since {since}"
    E083 = "{path}: cannot write the digest ({reason})"
    E090 = "{command}: {reason} ({command} --help lists the options)"
    E091 = "kg serve: {reason}"

    def format(self, *args: object, **kwargs: object) -> str:  # type: ignore[override]
        return one_line(f"{self.name}: " + self.value.format(*args, **kwargs))


def one_line(text: str) -> str:
    """``text`` safe to print on one line: line breaks, control characters and lone surrogates (from
    undecodable file names) escaped, so a hostile file name cannot forge or split a message."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp"):
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


class KGError(Exception):
    """An error the user can fix; the CLI prints its message on one line and exits non-zero."""

    def __init__(self, error: Errors, **kwargs: object) -> None:
        self.code = error.name
        super().__init__(error.format(**kwargs))
