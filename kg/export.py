"""RDF and graph dumps, registered by format name (like rdflib's serializer plugins)."""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable

import pyoxigraph as ox

from .errors import Errors, KGError
from .store import Store

Exporter = Callable[[Store], bytes]
EXPORTERS: dict[str, Exporter] = {}


def exporter(name: str) -> Callable[[Exporter], Exporter]:
    def register(fn: Exporter) -> Exporter:
        EXPORTERS[name.lower()] = fn
        return fn

    return register


def format_name(fmt: str) -> str:
    """The registered export format called ``fmt`` in any case ("NQ" → "nq"): the one way every command
    names a format. An unknown name is an error listing the formats (E040)."""
    name = fmt.strip().lower()
    if name not in EXPORTERS:
        raise KGError(Errors.E040, fmt=fmt, choices=", ".join(sorted(EXPORTERS)))
    return name


def _oxigraph(fmt: ox.RdfFormat, union: bool = False) -> Exporter:
    def run(store: Store) -> bytes:
        from .void import quads as void_quads

        buf = io.BytesIO()
        # the dataset's description (VoID / DCAT) travels with the dump, in a graph of its own
        every = itertools.chain(store.quads(), void_quads(store))
        if union:   # triple formats: every graph merged
            triples = (ox.Triple(q.subject, q.predicate, q.object) for q in every)
            ox.serialize(triples, buf, fmt, prefixes=_prefixes())
        else:
            ox.serialize(every, buf, fmt, prefixes=_prefixes() if fmt == ox.RdfFormat.TRIG else None)
        return buf.getvalue()

    return run


def _prefixes() -> dict[str, str]:
    from .namespace import PREFIXES

    return dict(PREFIXES)


EXPORTERS["nq"] = _oxigraph(ox.RdfFormat.N_QUADS)
EXPORTERS["trig"] = _oxigraph(ox.RdfFormat.TRIG)
EXPORTERS["nt"] = _oxigraph(ox.RdfFormat.N_TRIPLES, union=True)
EXPORTERS["ttl"] = _oxigraph(ox.RdfFormat.TURTLE, union=True)


@exporter("jsonld")
def jsonld(store: Store) -> bytes:
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data=EXPORTERS["nq"](store), format="nquads")
    return ds.serialize(format="json-ld", encoding="utf-8")


def _nx_writer(write: Callable) -> Exporter:
    def run(store: Store) -> bytes:
        from .graph import to_networkx

        g = to_networkx(store, flat=True)
        buf = io.BytesIO()
        write(g, buf)
        return buf.getvalue()

    return run


def _graphml(g, buf) -> None:  # noqa: ANN001
    import networkx as nx

    nx.write_graphml(g, buf)


def _gexf(g, buf) -> None:  # noqa: ANN001
    import networkx as nx

    nx.write_gexf(g, buf)


EXPORTERS["graphml"] = _nx_writer(_graphml)
EXPORTERS["gexf"] = _nx_writer(_gexf)
