"""Stage 7b: the interactive HTML graph, one self-contained UTF-8 file that works offline.

    from kg.view import write_html
    write_html(g, Path("out/graph.html"), focus="阿里云", depth=2, types=["Model"], since="2024-05-01")

``subgraph`` (``kg.view.select``) applies the view options; ``write_html`` lays the result out in
Python (``kg.view.layout``), fills the template ``kg/view/templates/graph.html`` (package data, with
``graph.js``, ``graph.css`` and pyvis's bundled vis-network inlined; ``kg.view.page``) and writes one
file: a legend, a search box over labels and aliases, class and relation filters, and a side panel
with each fact's evidence grouped by article.

Safety: article text is untrusted. The page's script reads every string from a JSON block (with ``<``,
``>`` and ``&`` escaped) and writes it with ``textContent``; vis-network draws labels as canvas pixels
and shows string tooltips with ``innerText``; links are only made from ``http(s)`` URLs (and, with
``entity_links``, from the ``/id/…`` paths of our own IRIs). A Content-Security-Policy allows no
network at all.

Size: positions come from Python and physics stays off, so the browser only draws
(``scripts/bench_view.py``: 5,000 nodes within the 10 s budget). Above ``MAX_NODES`` the page draws the
most-mentioned entities, says so, and suggests ``--focus``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from .layout import force_layout
from .page import (
    OTHER_STYLE,
    SPACING,
    STYLE,
    entity_path,
    fact_groups,
    font_sizes,
    node_size,
    plain,
    price_line,
    relation_color,
    render,
    safe_json,
    safe_url,
)
from .select import SLUG_MAX_BYTES, ViewError, default_output, find_nodes, focus_slug, largest, subgraph

__all__ = ["MAX_NODES", "SLUG_MAX_BYTES", "STYLE", "ViewError", "default_output", "find_nodes", "focus_slug",
           "relation_color", "safe_json", "safe_url", "subgraph", "write_html"]

log = logging.getLogger(__name__)

#: Above this many nodes the page draws only the most-mentioned ones. scripts/bench_view.py (headless
#: Chromium, shared 2-core machine): 5,000 nodes are drawn 1.2 s after opening the page and redraw in
#: ~56 ms (18 fps); 10,000 are drawn in 2.5 s but redraw in ~160 ms (6 fps), too slow to pan.
MAX_NODES = 5000
#: Above this many nodes arrowheads are drawn only when zoomed in.
ARROWS_UP_TO = 1000
#: How much closer a subsidiary is pulled to its parent than other linked pairs.
SUBSIDIARY_PULL = 4.0


def write_html(g: nx.MultiDiGraph, output: str | Path, focus: str | None = None, depth: int = 2,
               types: Iterable[str] | None = None, since: str | dt.date | None = None, title: str = "kg",
               max_nodes: int | None = MAX_NODES, entity_links: bool = False) -> Path:
    """Draw ``g`` (or the part the options select, see ``subgraph``) into one self-contained HTML file.

    ``max_nodes``: draw at most this many nodes (the most-mentioned), with a notice on the page that
    suggests ``--focus``; ``None`` or 0 draws everything however long the browser takes.
    ``entity_links``: the side panel links each entity to its ``/id/…`` path (for ``kg serve``, which
    serves entity pages there); off for a file opened on its own.
    """
    output = Path(output)
    full = subgraph(g, focus=focus, depth=depth, types=list(types) if types else None, since=since)
    view, total, notice = full, full.number_of_nodes(), ""
    if max_nodes and total > max_nodes:
        view = largest(full, max_nodes)
        notice = _too_many(total, max_nodes, focus, depth)
        log.warning("%s", notice)
    data = page_data(view, entity_links)
    data.update(total=total, notice=notice, hidden=[])
    if notice:  # undrawn names, so the search box can say where they went
        data["hidden"] = [[str(d.get("label", "")), str(d.get("type", "")), [str(a) for a in d.get("aliases", [])]]
                          for n, d in full.nodes(data=True) if n not in view][:50000]
    heading = title if not focus else f"{title} \u2014 {focus} (depth {depth})"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(render(heading, data).encode("utf-8"))
    return output


def _too_many(total: int, max_nodes: int, focus: str | None, depth: int) -> str:
    where = f"the neighbourhood of {focus!r} (depth {depth})" if focus else "the graph"
    fix = ("use a smaller --depth or --type to narrow it" if focus else
           "focus on one entity instead, e.g. kg view --focus NAME --depth 2, "
           "or narrow it with --type / --since")
    return (f"{where[0].upper() + where[1:]} has {total} entities; drawing more than {max_nodes} "
            f"at once makes the browser unresponsive, so only the {max_nodes} most-mentioned "
            f"are drawn. To see the rest, {fix}.")


def page_data(view: nx.MultiDiGraph, entity_links: bool = False) -> dict[str, Any]:
    """Everything the page's script needs: what vis-network draws (``draw``) and what the panel,
    legend, filters and search show."""
    index = {iri: f"n{i}" for i, iri in enumerate(view.nodes)}
    pull = [(s, o, SUBSIDIARY_PULL if k == "subsidiaryOf" else 1.0) for s, o, k in view.edges(keys=True)]
    pos = force_layout(list(view.nodes), pull, spacing=SPACING)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    fonts = font_sizes(view, max(max(xs) - min(xs), max(ys) - min(ys)))
    present = sorted({str(d.get("type", "")) for _, d in view.nodes(data=True)},
                     key=lambda t: (t not in STYLE, list(STYLE).index(t) if t in STYLE else 0, t))
    nodes, draw_nodes = {}, []
    for iri, d in view.nodes(data=True):
        nid, panel = index[iri], _node_panel(iri, d, entity_links)
        nodes[nid] = panel
        draw_nodes.append(_draw_node(nid, panel, pos[iri], fonts[iri]))
    edges, draw_edges = _edges(view, index, nodes)
    relations = sorted({e["relation"] for e in edges.values()})
    return {"nodes": nodes, "edges": edges, "style": {t: STYLE.get(t, OTHER_STYLE) for t in present},
            "relations": {r: relation_color(r) for r in relations}, "nodeCount": len(nodes),
            "draw": {"nodes": draw_nodes, "edges": draw_edges, "options": _options(len(nodes)),
                     "arrowsFrom": 0 if len(nodes) <= ARROWS_UP_TO else 0.5},
            "focus": [index[r] for r in view.graph.get("focus", []) if r in index]}


def _node_panel(iri: str, d: dict, entity_links: bool) -> dict[str, Any]:
    facts = list(d.get("facts", []))
    return {"label": str(d.get("label", "")), "type": str(d.get("type", "")),
            "aliases": [str(a) for a in d.get("aliases", [])], "mentions": int(d.get("mentions", 1) or 1),
            "price": price_line(facts), "facts": fact_groups(facts), "edges": [],
            "href": entity_path(str(iri)) if entity_links else ""}


def _draw_node(nid: str, n: dict[str, Any], xy: tuple[float, float], font: int) -> dict[str, Any]:
    st = STYLE.get(n["type"], OTHER_STYLE)
    mentions = n["mentions"]
    tip = f"{n['label']} ({n['type'] or '?'}) \u00b7 {mentions} mention{'s' if mentions != 1 else ''}"
    if n["price"]:
        tip += "\n" + n["price"]
    if n["aliases"]:
        tip += "\n" + ", ".join(n["aliases"][:8])
    label = n["label"] + ("\n" + n["price"] if n["price"] else "")
    return {"id": nid, "label": label, "title": plain(tip), "x": xy[0], "y": xy[1], "color": st["color"],
            "shape": st["shape"], "size": node_size(mentions), "font": {"size": font}}


def _edges(view: nx.MultiDiGraph, index: dict[str, str],
           nodes: dict[str, dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """The panel's edges (evidence grouped per fact: a role, else the relation) and vis-network's,
    parallel ones bent apart."""
    panel: dict[str, dict[str, Any]] = {}
    draw: list[dict[str, Any]] = []
    seen_pairs: dict[frozenset, int] = {}
    for j, (s, o, key, d) in enumerate(view.edges(keys=True, data=True)):
        eid, rel = f"e{j}", str(key)
        facts = fact_groups(list(d.get("evidence", [])),
                            name=lambda ev, rel=rel: rel + (f" ({ev['role']})" if ev.get("role") else ""))
        panel[eid] = {"from": index[s], "to": index[o], "relation": rel, "facts": facts}
        nodes[index[s]]["edges"].append(eid)
        if o != s:
            nodes[index[o]]["edges"].append(eid)
        label = f"{view.nodes[s].get('label', '')} {rel} {view.nodes[o].get('label', '')}"
        edge = {"id": eid, "from": index[s], "to": index[o], "label": rel, "title": plain(label),
                # selected (a focus page selects its focus) it keeps its colour and gets wider
                "color": {"color": relation_color(rel), "highlight": relation_color(rel),
                          "hover": relation_color(rel)}, "selectionWidth": 2.5, "relation": rel}
        pair = frozenset((s, o))
        seen_pairs[pair] = k = seen_pairs.get(pair, -1) + 1
        if k:  # parallel edges would be drawn on top of each other: bend the second and later ones
            edge["smooth"] = {"enabled": True, "type": "curvedCW" if k % 2 else "curvedCCW",
                              "roundness": 0.2 * ((k + 1) // 2)}
        draw.append(edge)
    return panel, draw


def _options(n: int) -> dict[str, Any]:
    """vis-network options: positions are given, so no physics and no layout pass; straight edges; labels
    below 6 px on screen are not drawn (the zoom reveals them); hover and edge drawing during drags only
    where they stay cheap; above ``ARROWS_UP_TO`` nodes arrowheads only once zoomed in (``arrowsFrom``,
    set by the page's script): at 5,000 nodes they were half the cost of a frame, at a size nobody sees."""
    small = n <= 300
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "edges": {"smooth": False, "font": {"size": 10, "align": "middle", "strokeWidth": 3},
                  "arrows": {"to": {"enabled": n <= ARROWS_UP_TO, "scaleFactor": 0.5}}, "width": 1.2},
        "nodes": {"font": {"size": 14, "face": "WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif",
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1, "scaling": {"label": {"drawThreshold": 6, "maxVisible": 40}}},
        "interaction": {"hover": small, "tooltipDelay": 200, "hideEdgesOnDrag": not small,
                        "hideEdgesOnZoom": not small, "navigationButtons": False},
    }
