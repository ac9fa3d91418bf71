"""Check the graph against the SHACL shapes in ``ontology/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from .errors import Errors, KGError
from .namespace import SHAPES_FILE
from .store import Store


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str


def store_graph(store: Store) -> Graph:
    """All graphs of the store merged into one rdflib graph (what the shapes are checked on)."""
    from .export import EXPORTERS

    g = Graph()
    g.parse(data=EXPORTERS["nt"](store), format="nt")
    return g


def validate_graph(data: Graph) -> ValidationReport:
    """Validate ``data``; the report text lists each violation with its focus node and message."""
    from pyshacl import validate as shacl_validate

    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    conforms, results, text = shacl_validate(data, shacl_graph=shapes, advanced=True, allow_warnings=True)
    if not isinstance(results, Graph):      # pyshacl reports a broken shapes file this way
        raise KGError(Errors.E060, reason=f"{SHAPES_FILE.name}: {results}")
    from rdflib.namespace import SH

    violations = len(set(results.objects(predicate=SH.focusNode)))
    return ValidationReport(bool(conforms), violations, str(text))
