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
    E009 = "{path}: cannot decode text (tried UTF-8, UTF-16, GB18030)"
    E010 = "{path}: article id {id!r} is also claimed by {other}"
    E070 = "{reason}"
    E099 = "{path}: internal error while processing the article ({reason}); please report it"
    E020 = "no article with id {id!r} in the store"
    E030 = "SPARQL error: {reason}"
    E031 = "unknown saved query or file: {name}"
    E032 = "query parameter name {name!r} is not a SPARQL variable name"
    E040 = "unknown export format {fmt!r}; choose one of: {choices}"
    E041 = "unknown output format {fmt!r}; choose one of: {choices}"
    E050 = "store {path}: {reason}"
    E060 = "ontology: {reason}"
    E080 = "worker (cache folder {path}): {reason}"

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
