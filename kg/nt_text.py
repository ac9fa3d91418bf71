"""N-Triples text as the writer writes it (``kg.to_rdf``, ``kg.summaries``): typed literals, names with their
language, and lines, without building a pyoxigraph term per statement.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import cast

import pyoxigraph as ox
from rdflib.namespace import XSD

from .lang import CJK

_XSD_DECIMAL, _XSD_DATE = ox.NamedNode(str(XSD.decimal)), ox.NamedNode(str(XSD.date))
_XSD_INTEGER, _XSD_BOOLEAN = ox.NamedNode(str(XSD.integer)), ox.NamedNode(str(XSD.boolean))


def L(value: object) -> ox.Literal:  # noqa: N802
    """A typed literal: bool → xsd:boolean, int → xsd:integer, Decimal/float → xsd:decimal, date → xsd:date."""
    if type(value) is str:
        return ox.Literal(value)
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=_XSD_BOOLEAN)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_XSD_INTEGER)
    if isinstance(value, Decimal | float):
        text = format(Decimal(str(value)).normalize(), "f")
        return ox.Literal(text if "." in text else text + ".0", datatype=_XSD_DECIMAL)
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=_XSD_DATE)
    return ox.Literal(str(value))


# An article's statements are N-Triples lines written here: building a pyoxigraph term per
# triple cost more than the rest of this stage. IRIs are ours (every part percent-encoded), so
# only literals need escaping, as N-Triples does it (the output equals pyoxigraph's, byte for byte).
_ESCAPES = {**{c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F]},
            **{ord(k): v for k, v in {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                                      "\b": "\\b", "\f": "\\f"}.items()}}


# the characters _ESCAPES rewrites: a text without one is written as it is (translate walks a dict per character)
_NEEDS_ESCAPE = re.compile('[\x00-\x1f\x7f\\\\"]')
_INTEGER_TAIL, _DATE_TAIL = f'"^^<{_XSD_INTEGER.value}>', f'"^^<{_XSD_DATE.value}>'


def lit(value: object) -> str:
    """``L`` as N-Triples text."""
    kind = type(value)
    if kind is str:
        text = cast(str, value)
        return f'"{text.translate(_ESCAPES)}"' if _NEEDS_ESCAPE.search(text) else f'"{text}"'
    if kind is int:             # an offset, a token count: digits, as L writes them
        return f'"{value}{_INTEGER_TAIL}'
    if kind is dt.date:
        return f'"{cast(dt.date, value).isoformat()}{_DATE_TAIL}'
    term = L(value)
    return f'"{term.value.translate(_ESCAPES)}"^^<{term.datatype.value}>'


def name_lang(name: str) -> str:
    """A name's language tag, from its script: ``zh`` when it has CJK characters, else ``en``
    (a Latin-script name is how English text writes it, whatever the article's language)."""
    return "zh" if CJK.search(name) else "en"


def name_lit(name: str) -> str:
    """A name as a language-tagged literal in N-Triples text: ``"阿里巴巴"@zh``, ``"Alibaba"@en``."""
    return f'"{name.translate(_ESCAPES) if _NEEDS_ESCAPE.search(name) else name}"@{name_lang(name)}'


def T(s: str, p: str, o: str) -> str:  # noqa: N802
    """One N-Triples line from IRIs (bare) and an object that is an IRI or a ``lit`` literal."""
    return f"<{s}> <{p}> {o} .\n" if o[0] == '"' else f"<{s}> <{p}> <{o}> .\n"
