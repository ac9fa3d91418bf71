"""What a view draws: the focus, depth, class and date options applied to the graph (pure functions),
and where a view is written."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
import unicodedata
from collections import deque
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from ..errors import Errors, KGError
from ..namespace import entity_class


class ViewError(KGError):
    """A view option the user can fix (unknown focus name, bad date); the CLI prints it on one line."""

    def __init__(self, message: str) -> None:
        super().__init__(Errors.E070, reason=message)


# ------------------------------------------------------------------ where a view is written

DEFAULT_OUTPUT = Path("out/graph.html")
SLUG_MAX_BYTES = 100        # well under the 255-byte file-name limit, in UTF-8 (a hanzi is 3 bytes)


def default_output(focus: str | None = None) -> Path:
    """Where a view goes without ``-o``: ``out/graph.html``, or for a focused view a file of its own,
    ``out/graph-<focus slug>.html``, so that it never overwrites the view of the whole graph."""
    if not focus:
        return DEFAULT_OUTPUT
    return DEFAULT_OUTPUT.with_name(f"graph-{focus_slug(focus)}.html")


def focus_slug(focus: str) -> str:
    """A file-name part for an untrusted focus name: its letters and digits in any script (NFKC, case
    folded: "DeepSeek" → "deepseek", "阿里云" stays), every other run of characters (slashes, dots, spaces,
    control characters) one "-". A name cut to ``SLUG_MAX_BYTES``, or left with no letter or digit at
    all, ends in a hash of the whole focus, so that two such foci do not share a file."""
    full = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFKC", focus).casefold()).strip("-")
    cut = full
    while len(cut.encode("utf-8", "surrogatepass")) > SLUG_MAX_BYTES:
        cut = cut[:-1]
    if cut and cut == full:
        return cut
    digest = hashlib.sha256(focus.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{cut.rstrip('-')}-{digest}" if cut.rstrip("-") else digest


# ------------------------------------------------------------------ selecting what to draw

def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _since(value: str | dt.date | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    m = re.fullmatch(r"\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*", str(value))
    if not m:
        raise ViewError(f"--since {value!r} is not a date (use YYYY-MM-DD)")
    try:
        return dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1)).isoformat()
    except ValueError:
        raise ViewError(f"--since {value!r} is not a date (use YYYY-MM-DD)") from None


def _recent(items: Iterable[dict], since: str) -> list[dict]:
    """The items (facts or evidence) dated on or after ``since``; undated ones are dropped."""
    return [dict(it) for it in items if str(it.get("date") or "")[:10] >= since]


def find_nodes(g: nx.MultiDiGraph, name: str) -> list[str]:
    """Nodes whose label, alias or IRI is ``name`` (NFKC, case-insensitive); else those containing it."""
    want = _norm(name)
    if not want:
        return []
    names = {n: [_norm(d.get("label", "")), *(_norm(a) for a in d.get("aliases", []))]
             for n, d in g.nodes(data=True)}
    exact = [n for n, ns in names.items() if want in ns or _norm(str(n)) == want]
    if exact:
        return exact
    return [n for n, ns in names.items() if any(want in x for x in ns if x)]


def subgraph(g: nx.MultiDiGraph, focus: str | None = None, depth: int = 2, types: Iterable[str] | None = None,
             since: str | dt.date | None = None) -> nx.MultiDiGraph:
    """The part of ``g`` a view draws; a new graph, ``g`` is left as it was.

    ``since``: keep only facts and edge evidence dated on or after it (``YYYY-MM-DD``); edges left
    without evidence go, and so do nodes left with neither facts nor edges (the focus node stays).
    ``focus``: the nodes named so (label, alias or IRI) and everything within ``depth`` hops of them,
    edges followed in either direction. ``types``: keep only nodes of these classes (any case; an
    unknown class is an error, E042); the focus nodes always stay. Distances are measured before the
    class filter, so
    ``focus="阿里云", types=["Person"]`` keeps people up to ``depth`` hops away through any entity.
    """
    since_s = _since(since)
    h = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        data = dict(d)
        data["aliases"] = list(d.get("aliases", []))
        data["facts"] = [dict(f) for f in d.get("facts", [])]
        if since_s:
            data["facts"] = _recent(data["facts"], since_s)
        h.add_node(n, **data)
    for s, o, key, d in g.edges(keys=True, data=True):
        evidence = [dict(e) for e in d.get("evidence", [])]
        if since_s:
            evidence = _recent(evidence, since_s)
            if not evidence:
                continue
        h.add_edge(s, o, key=key, **{**d, "evidence": evidence})

    roots: list[str] = []
    if focus:
        roots = find_nodes(h, focus)
        if not roots:
            labels = [d.get("label", "") for _, d in h.nodes(data=True)]
            close = difflib.get_close_matches(focus, labels, n=3, cutoff=0.4)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise ViewError(f"--focus {focus!r}: no entity of that name in the graph{hint}")
    if since_s:
        bare = [n for n in h if n not in roots and not h.nodes[n]["facts"] and not h.degree(n)]
        h.remove_nodes_from(bare)

    keep = set(h)
    if roots:
        seen = {r: 0 for r in roots}
        queue = deque(roots)
        while queue:
            n = queue.popleft()
            if seen[n] >= depth:
                continue
            for m in (*h.successors(n), *h.predecessors(n)):
                if m not in seen:
                    seen[m] = seen[n] + 1
                    queue.append(m)
        keep = set(seen)
    if types:
        wanted = {_norm(entity_class(t)) for t in types}
        keep = {n for n in keep if n in roots or _norm(h.nodes[n].get("type", "")) in wanted}
    if len(keep) < len(h):
        h.remove_nodes_from([n for n in list(h) if n not in keep])
    h.graph["focus"] = list(roots)
    return h


def largest(g: nx.MultiDiGraph, limit: int) -> nx.MultiDiGraph:
    """The ``limit`` most-mentioned (then best-connected) nodes of ``g``; focus nodes first."""
    roots = set(g.graph.get("focus", []))
    ranked = sorted(g.nodes, key=lambda n: (n not in roots, -int(g.nodes[n].get("mentions", 1) or 1),
                                            -g.degree(n), str(g.nodes[n].get("label", ""))))
    kept = set(ranked[:limit])
    h = g.copy()
    h.remove_nodes_from([n for n in g if n not in kept])
    return h
