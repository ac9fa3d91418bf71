"""``kg push``: copy the store's named graphs to a team SPARQL server (Graph Store HTTP Protocol).

Each named graph (one per article, plus the catalogue) is sent with ``PUT ?graph=<iri>``,
which replaces the graph on the server, so pushing twice leaves the same data. The merged
graph (every triple once: the embedded store's default graph) goes too, as
``<https://w3id.org/aikg/merged>``; ``kg query --endpoint`` reads it as the default graph, as
the embedded store does. A server's own default graph, the union of all its graphs, repeats
each entity's label and type once per article, and the saved queries were 36× slower on it
(Virtuoso, 1k articles) or timed out. Credentials
come from the environment only: ``KG_ENDPOINT_USER`` and ``KG_ENDPOINT_PASSWORD``
(``KG_ENDPOINT_AUTH=basic`` for Basic instead of Digest auth).

For Virtuoso the graph store is ``/sparql-graph-crud-auth`` (Digest auth) and the query
endpoint ``/sparql``::

    KG_ENDPOINT_USER=dba KG_ENDPOINT_PASSWORD=… kg push --endpoint http://host:8890/sparql-graph-crud-auth
    kg query --endpoint http://host:8890/sparql released
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import namespace as ns
from .errors import Errors, KGError
from .store import Store, open_store


def endpoint_auth() -> object | None:
    """httpx auth from KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD; Digest unless KG_ENDPOINT_AUTH=basic."""
    import httpx

    user, password = os.environ.get("KG_ENDPOINT_USER"), os.environ.get("KG_ENDPOINT_PASSWORD")
    if not user:
        return None
    if os.environ.get("KG_ENDPOINT_AUTH", "digest").lower() == "basic":
        return httpx.BasicAuth(user, password or "")
    return httpx.DigestAuth(user, password or "")


@dataclass
class PushSummary:
    pushed: list[str] = field(default_factory=list)     # graph IRIs
    triples: int = 0

    def __str__(self) -> str:
        return f"{len(self.pushed)} graphs, {self.triples} triples"


def graph_bytes(store: Store, graph: str | None) -> tuple[bytes, int]:
    """One graph (``None``: the merged graph) as N-Triples (which is also Turtle), and its triple count."""
    triples = store.graph_triples(graph)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", len(triples)


def push(endpoint: str, store: str | Path | None = None, graphs: Iterable[str] | None = None,
         log: Callable[[str], None] | None = None, timeout: float = 120.0) -> PushSummary:
    """PUT every named graph of the store (or only ``graphs``), then the merged graph, to a Graph
    Store Protocol endpoint."""
    import httpx

    say = log or (lambda msg: None)
    st = open_store(store)
    names = st.graph_names()
    if graphs is not None:
        wanted = set(graphs)
        names = [n for n in names if n in wanted]
    summary = PushSummary()
    with httpx.Client(auth=endpoint_auth(), timeout=timeout) as client:  # type: ignore[arg-type]
        sources: list[tuple[str, str | None]] = [(n, n) for n in names]
        sources.append((str(ns.MERGED_GRAPH), None))
        for name, source in sources:
            body, n = graph_bytes(st, source)
            try:
                r = client.put(endpoint, params={"graph": name}, content=body,
                               headers={"Content-Type": "text/turtle; charset=utf-8"})
            except httpx.HTTPError as exc:
                raise KGError(Errors.E030, reason=f"push to {endpoint}: {exc}") from None
            if r.status_code not in (200, 201, 204):
                first = (r.text.strip().splitlines() or [""])[0][:200]
                reason = f"push of {name} to {endpoint}: HTTP {r.status_code} {first}".rstrip()
                if r.status_code in (401, 403):
                    reason += ("; set KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD to an account that may write "
                               "(Virtuoso: the graph store at /sparql-graph-crud-auth)")
                raise KGError(Errors.E030, reason=reason)
            summary.pushed.append(name)
            summary.triples += n
            say(f"pushed {name} ({n} triples)")
    return summary
