"""Stage 7b: the interactive HTML graph (pyvis), one self-contained UTF-8 file that works offline.

    from kg.view import write_html
    write_html(g, Path("out/graph.html"), focus="阿里云", depth=2, types=["Model"], since="2024-05-01")

``subgraph`` applies the view options (pure: the input graph is never changed);
``write_html`` draws the result with pyvis/vis-network and adds a legend, a
search box over labels and aliases, class and relation filters and a side
panel with each fact's evidence sentence, article title, date and link.

Safety: article text is untrusted. What pyvis renders itself is limited to
canvas labels (drawn as pixels), tooltips that vis-network sets with
``innerText`` (never containing ``href``, which would switch pyvis to an
``innerHTML`` popup), and node/edge lists that Jinja's ``tojson`` escapes.
pyvis's heading, select menu and filter menu are not used, its CDN links are
removed, and the page's own script reads every string from a JSON block (with
``<``, ``>`` and ``&`` escaped) and writes it with ``textContent``; links are
only made from ``http(s)`` URLs.

Size: vis-network lays out a few hundred nodes in well under a second, but the
time to the first drawing and the cost of every frame grow with the node count
(see ``scripts/bench_view.py``). Above ``MAX_NODES`` the page draws only the
most-mentioned entities, says so, and suggests ``--focus``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import html
import json
import logging
import math
import re
import unicodedata
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from .errors import Errors, KGError
from .namespace import entity_class

log = logging.getLogger(__name__)

#: Above this many nodes the page draws only the most-mentioned ones. scripts/bench_view.py (headless
#: Chromium): 1000 nodes draw in ~2.6 s and redraw in ~40 ms (25 fps); 1500 take ~5 s and ~80 ms
#: (13 fps); 5000 take ~17 s and ~200 ms (5 fps).
MAX_NODES = 1000

STYLE: dict[str, dict[str, str]] = {
    "Organization": {"color": "#4e79a7", "shape": "dot", "symbol": "\u25cf"},
    "Person": {"color": "#f28e2b", "shape": "diamond", "symbol": "\u25c6"},
    "Model": {"color": "#59a14f", "shape": "square", "symbol": "\u25a0"},
}
OTHER_STYLE = {"color": "#9d9d9d", "shape": "triangle", "symbol": "\u25b2"}
RELATION_COLORS = ["#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#4e79a7"]


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


def _largest(g: nx.MultiDiGraph, limit: int) -> nx.MultiDiGraph:
    """The ``limit`` most-mentioned (then best-connected) nodes of ``g``; focus nodes first."""
    roots = set(g.graph.get("focus", []))
    ranked = sorted(g.nodes, key=lambda n: (n not in roots, -int(g.nodes[n].get("mentions", 1) or 1),
                                            -g.degree(n), str(g.nodes[n].get("label", ""))))
    kept = set(ranked[:limit])
    h = g.copy()
    h.remove_nodes_from([n for n in g if n not in kept])
    return h


# ------------------------------------------------------------------ drawing

def safe_json(obj: object) -> str:
    """JSON that cannot end (or comment out) the <script> element it sits in."""
    return (json.dumps(obj, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def plain(text: object) -> str:
    """A tooltip string: vis-network shows it with innerText, and pyvis switches to an innerHTML popup
    whenever a node title contains "href", so that word is broken up and markup characters dropped."""
    s = re.sub(r"[<>&\"'`]", " ", str(text))
    return re.sub("href", "hr\u200bef", s, flags=re.I)


def safe_url(url: object) -> str:
    u = str(url or "").strip()
    return u if re.match(r"https?://[^\s]+$", u, re.I) else ""


def _fact(f: dict, fact: str | None = None) -> dict[str, str]:
    return {"fact": str(fact if fact is not None else f.get("fact", "")),
            "sentence": str(f.get("sentence", "")), "title": str(f.get("title", "")),
            "date": str(f.get("date", ""))[:10], "url": safe_url(f.get("url"))}


def _options(n: int) -> dict[str, Any]:
    """vis-network options by size (see scripts/bench_view.py): straight edges everywhere (smooth "dynamic"
    edges add a physics node per edge and tripled the time to draw 100 nodes), a short stabilisation
    with forceAtlas2Based, and physics switched off once stabilised (by the page script)."""
    small = n <= 300
    return {
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90, "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "iterations": 300 if small else 100, "updateInterval": 25},
            "minVelocity": 1.0,
        },
        "layout": {"improvedLayout": n <= 100},
        "edges": {"smooth": False, "font": {"size": 10, "align": "middle", "strokeWidth": 3},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "width": 1.2},
        "nodes": {"font": {"size": 14, "face": "WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif"},
                  "borderWidth": 1},
        "interaction": {"hover": small, "tooltipDelay": 200, "hideEdgesOnDrag": not small,
                        "navigationButtons": False},
    }


def _size(mentions: object) -> float:
    try:
        m = max(1, int(mentions))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        m = 1
    return round(min(48.0, 10 + 7 * math.log2(m)), 1)


def write_html(g: nx.MultiDiGraph, output: str | Path, focus: str | None = None, depth: int = 2,
               types: Iterable[str] | None = None, since: str | dt.date | None = None, title: str = "kg",
               max_nodes: int | None = MAX_NODES) -> Path:
    """Draw ``g`` (or the part the options select, see ``subgraph``) into one self-contained HTML file.

    ``max_nodes``: draw at most this many nodes (the most-mentioned), with a notice on the page that
    suggests ``--focus``; ``None`` or 0 draws everything however long the browser takes.
    """
    output = Path(output)
    full = subgraph(g, focus=focus, depth=depth, types=list(types) if types else None, since=since)
    view, total, notice = full, full.number_of_nodes(), ""
    if max_nodes and total > max_nodes:
        view = _largest(full, max_nodes)
        notice = _too_many(total, max_nodes, focus, depth)
        log.warning("%s", notice)

    index = {iri: f"n{i}" for i, iri in enumerate(view.nodes)}
    present = sorted({str(d.get("type", "")) for _, d in view.nodes(data=True)},
                     key=lambda t: (t not in STYLE, list(STYLE).index(t) if t in STYLE else 0, t))
    style = {t: STYLE.get(t, OTHER_STYLE) for t in present}
    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    nodes_js = _draw_nodes(net, view, index, style)
    rel_color, edges_js = _draw_edges(net, view, index, nodes_js)
    net.options = _options(len(net.nodes))

    hidden: list[list[Any]] = []
    if notice:  # undrawn names, so the search box can say where they went
        hidden = [[str(d.get("label", "")), str(d.get("type", "")), [str(a) for a in d.get("aliases", [])]]
                  for n, d in full.nodes(data=True) if n not in index][:50000]
    data = {"nodes": nodes_js, "edges": edges_js, "style": style, "relations": rel_color,
            "nodeCount": len(nodes_js), "total": total, "notice": notice, "hidden": hidden,
            "focus": [index[r] for r in view.graph.get("focus", []) if r in index]}
    heading = title if not focus else f"{title} \u2014 {focus} (depth {depth})"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(_page(net, heading, data).encode("utf-8"))  # pyvis would write in the locale encoding
    return output


def _too_many(total: int, max_nodes: int, focus: str | None, depth: int) -> str:
    where = f"the neighbourhood of {focus!r} (depth {depth})" if focus else "the graph"
    fix = ("use a smaller --depth or --type to narrow it" if focus else
           "focus on one entity instead, e.g. kg view --focus NAME --depth 2, "
           "or narrow it with --type / --since")
    return (f"{where[0].upper() + where[1:]} has {total} entities; drawing more than {max_nodes} "
            f"at once makes the browser unresponsive, so only the {max_nodes} most-mentioned "
            f"are drawn. To see the rest, {fix}.")


def _draw_nodes(net: Network, view: nx.MultiDiGraph, index: dict, style: dict) -> dict[str, dict[str, Any]]:
    """Add the nodes to the pyvis network; returns what the side panel shows of each."""
    nodes_js: dict[str, dict[str, Any]] = {}
    for iri, d in view.nodes(data=True):
        nid = index[iri]
        label, kind = str(d.get("label", "")), str(d.get("type", ""))
        aliases = [str(a) for a in d.get("aliases", [])]
        mentions = int(d.get("mentions", 1) or 1)
        nodes_js[nid] = {"label": label, "type": kind, "aliases": aliases, "mentions": mentions,
                         "facts": [_fact(f) for f in d.get("facts", [])], "edges": []}
        st = style[kind]
        tip = f"{label} ({kind or '?'}) \u00b7 {mentions} mention{'s' if mentions != 1 else ''}"
        if aliases:
            tip += "\n" + ", ".join(aliases[:8])
        # filled directly (from_nx is quadratic and mutates its input); ids are ours, never article text
        net.nodes.append({"id": nid, "label": label, "title": plain(tip), "group": kind,
                          "color": st["color"], "shape": st["shape"], "size": _size(mentions)})
    return nodes_js


def _draw_edges(net: Network, view: nx.MultiDiGraph, index: dict,
                nodes_js: dict[str, dict[str, Any]]) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """Add the edges (parallel ones bent apart); returns the relation colours and the panel's edges."""
    relations = sorted({str(k) for *_, k in view.edges(keys=True)})
    rel_color = {r: RELATION_COLORS[i % len(RELATION_COLORS)] for i, r in enumerate(relations)}
    edges_js: dict[str, dict[str, Any]] = {}
    seen_pairs: dict[frozenset, int] = {}
    for j, (s, o, key, d) in enumerate(view.edges(keys=True, data=True)):
        eid, rel = f"e{j}", str(key)
        facts = [_fact(ev, rel + (f" ({ev['role']})" if ev.get("role") else ""))
                 for ev in d.get("evidence", [])]
        edges_js[eid] = {"from": index[s], "to": index[o], "relation": rel, "facts": facts}
        nodes_js[index[s]]["edges"].append(eid)
        if o != s:
            nodes_js[index[o]]["edges"].append(eid)
        label = f"{view.nodes[s].get('label', '')} {rel} {view.nodes[o].get('label', '')}"
        edge = {"id": eid, "from": index[s], "to": index[o], "label": rel, "title": plain(label),
                "color": {"color": rel_color[rel], "highlight": "#333"}, "relation": rel}
        pair = frozenset((s, o))
        seen_pairs[pair] = k = seen_pairs.get(pair, -1) + 1
        if k:  # parallel edges would be drawn on top of each other: bend the second and later ones
            edge["smooth"] = {"enabled": True, "type": "curvedCW" if k % 2 else "curvedCCW",
                              "roundness": 0.2 * ((k + 1) // 2)}
        net.edges.append(edge)
    return rel_color, edges_js


def _page(net: Network, heading: str, data: dict[str, Any]) -> str:
    """pyvis's page, made offline and strict (a CSP that allows no network), with our panel and data."""
    page = _strip_pyvis(net.generate_html())
    page = page.replace('<meta charset="utf-8">',
                        f'<meta charset="utf-8">\n<title>{html.escape(heading)}</title>\n'
                        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
                        'script-src \'unsafe-inline\'; style-src \'unsafe-inline\'; img-src data:; '
                        'font-src data:; connect-src \'none\'; base-uri \'none\'; form-action \'none\'">', 1)
    return page.replace("<body>", "<body>" + PANEL.replace("__DATA__", safe_json(data)), 1)


def _strip_pyvis(page: str) -> str:
    """Drop what pyvis adds that an offline, self-contained page must not have."""
    # every mode links Bootstrap (and "remote"/"local" vis-network) from a CDN
    page = re.sub(r"<link\b[^>]*\bhref=\"https?://[^>]*>", "", page)
    page = re.sub(r"<script\b[^>]*\bsrc=\"https?://[^>]*>\s*</script>", "", page)
    # the heading (raw HTML in pyvis's template, twice); ours goes in <title>
    page = re.sub(r"<center>\s*<h1>.*?</h1>\s*</center>", "", page, flags=re.S)
    if re.search(r"(?:src|href)=\"(?:https?:)?//", page):
        raise RuntimeError("pyvis page still refers to a remote resource")
    new = "network = new vis.Network(container, data, options);"
    if page.count(new) != 1 or page.count("<body>") != 1:
        raise RuntimeError("unexpected pyvis template: cannot attach the viewer's script")
    return page.replace(new, new + "\n                  kgAttach(network);")


PANEL = """
<style>
  html, body { margin: 0; padding: 0; overflow: hidden;
               font: 13px "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; }
  #mynetwork { border: 0 !important; float: none !important; }
  .card { border: 0; }
  #kg-bar { position: fixed; top: 8px; left: 8px; max-width: 46%; background: rgba(255,255,255,.95);
            border: 1px solid #ccc; border-radius: 4px; padding: 6px 8px; z-index: 10; }
  #kg-bar label { margin-right: 8px; white-space: nowrap; cursor: pointer; }
  #kg-bar .row { margin: 3px 0; }
  #kg-search { width: 220px; }
  #kg-results { max-height: 240px; overflow: auto; }
  #kg-results div { cursor: pointer; padding: 1px 2px; }
  #kg-results div:hover { background: #eef; }
  #kg-notice { display: none; background: #fff3cd; border: 1px solid #e0c060;
               padding: 4px 6px; margin-top: 4px; }
  #kg-panel { position: fixed; top: 8px; right: 8px; width: 380px; max-height: calc(100% - 16px);
              overflow: auto; background: #fff; border: 1px solid #ccc; border-radius: 4px; padding: 8px;
              display: none; z-index: 10; }
  #kg-panel .kg-fact { border-top: 1px solid #eee; padding: 4px 0; }
  #kg-panel .kg-head { font-weight: bold; font-size: 15px; }
  #kg-panel .kg-sentence { color: #333; margin: 2px 0; padding-left: 6px; border-left: 3px solid #ddd; }
  #kg-panel .kg-source { color: #777; font-size: 12px; }
  #kg-panel .kg-close { float: right; cursor: pointer; border: 0; background: none; font-size: 16px; }
</style>
<div id="kg-bar">
  <div class="row"><b id="kg-title"></b> <span id="kg-count"></span></div>
  <div class="row" id="kg-legend"></div>
  <div class="row" id="kg-relations"></div>
  <div class="row"><input id="kg-search" type="search" placeholder="search names and aliases"
    autocomplete="off"> <span class="kg-source">size = mentions</span></div>
  <div id="kg-results"></div>
  <div id="kg-notice"></div>
</div>
<div id="kg-panel"></div>
<script type="application/json" id="kg-data">__DATA__</script>
<script>
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('kg-data').textContent);
  var panel = document.getElementById('kg-panel');
  function el(tag, text, cls) {
    var d = document.createElement(tag);
    if (text !== undefined && text !== null) d.textContent = String(text);
    if (cls) d.className = cls;
    return d;
  }
  document.getElementById('kg-title').textContent = document.title;
  document.getElementById('kg-count').textContent =
    data.nodeCount + ' entities, ' + Object.keys(data.edges).length + ' relations' +
    (data.total > data.nodeCount ? ' (of ' + data.total + ' entities)' : '');
  if (data.notice) {
    var nb = document.getElementById('kg-notice');
    nb.textContent = data.notice;
    nb.style.display = 'block';
  }

  // ---- legend + filters: classes and relations
  var shownType = {}, shownRel = {};
  function checkbox(parent, key, symbol, color, state, name) {
    var lab = el('label');
    var box = el('input');
    box.type = 'checkbox';
    box.checked = true;
    box.setAttribute('data-' + name, key);
    box.addEventListener('change', function () { state[key] = box.checked; applyFilters(); });
    var sym = el('span', symbol + ' ');
    sym.style.color = color;
    lab.appendChild(box); lab.appendChild(sym); lab.appendChild(document.createTextNode(key));
    parent.appendChild(lab);
    state[key] = true;
  }
  var legend = document.getElementById('kg-legend');
  Object.keys(data.style).forEach(function (cls) {
    checkbox(legend, cls || '?', data.style[cls].symbol, data.style[cls].color, shownType, 'type');
  });
  var relBox = document.getElementById('kg-relations');
  Object.keys(data.relations).forEach(function (rel) {
    checkbox(relBox, rel, '\\u2192', data.relations[rel], shownRel, 'relation');
  });
  function applyFilters() {
    var nu = [], eu = [];
    Object.keys(data.nodes).forEach(function (id) {
      nu.push({id: id, hidden: !shownType[data.nodes[id].type || '?']});
    });
    Object.keys(data.edges).forEach(function (id) {
      eu.push({id: id, hidden: !shownRel[data.edges[id].relation]});
    });
    nodes.update(nu);
    edges.update(eu);
  }

  // ---- side panel
  function factBox(parent, f) {
    var box = el('div', null, 'kg-fact');
    box.appendChild(el('div', f.fact, 'kg-what'));
    if (f.sentence) box.appendChild(el('div', f.sentence, 'kg-sentence'));
    var src = el('div', null, 'kg-source');
    src.appendChild(document.createTextNode([f.title, f.date].filter(Boolean).join(' \\u00B7 ')));
    if (f.url && /^https?:\\/\\//i.test(f.url)) {
      var a = el('a', 'link');
      a.href = f.url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      src.appendChild(document.createTextNode(' '));
      src.appendChild(a);
    }
    box.appendChild(src);
    parent.appendChild(box);
  }
  function openPanel(head, sub) {
    panel.textContent = '';
    panel.style.display = 'block';
    var close = el('button', '\\u00D7', 'kg-close');
    close.addEventListener('click', function () { panel.style.display = 'none'; });
    panel.appendChild(close);
    panel.appendChild(el('div', head, 'kg-head'));
    if (sub) panel.appendChild(el('div', sub, 'kg-source'));
  }
  function showNode(id) {
    var n = data.nodes[id];
    if (!n) return;
    openPanel(n.label + ' (' + n.type + ')',
              (n.aliases.length ? 'also: ' + n.aliases.join(', ') + ' \\u00B7 ' : '') +
              n.mentions + ' article(s)');
    n.facts.forEach(function (f) { factBox(panel, f); });
    n.edges.forEach(function (eid) {
      var e = data.edges[eid];
      var other = e.from === id ? data.nodes[e.to] : data.nodes[e.from];
      var dir = e.from === id ? e.relation + ' \\u2192 ' : '\\u2190 ' + e.relation + ' ';
      e.facts.forEach(function (f) {
        var role = f.fact.length > e.relation.length ? f.fact.slice(e.relation.length) : '';
        factBox(panel, {fact: dir + other.label + role, sentence: f.sentence, title: f.title, date: f.date,
                        url: f.url});
      });
    });
    if (!n.facts.length && !n.edges.length) panel.appendChild(el('div', 'no facts', 'kg-source'));
    panel.setAttribute('data-kg-node', id);
  }
  function showEdge(id) {
    var e = data.edges[id];
    if (!e) return;
    openPanel(data.nodes[e.from].label + ' \\u2192 ' + e.relation + ' \\u2192 ' + data.nodes[e.to].label);
    e.facts.forEach(function (f) { factBox(panel, f); });
    panel.setAttribute('data-kg-edge', id);
  }

  // ---- search over labels and aliases (drawn and, above the size limit, undrawn)
  var results = document.getElementById('kg-results');
  function goTo(id) {
    network.selectNodes([id]);
    network.focus(id, {scale: 1.2, animation: {duration: 300}});
    showNode(id);
  }
  function search(q) {
    results.textContent = '';
    q = q.normalize('NFKC').toLowerCase().trim();
    if (!q) return [];
    function matches(a) { return a.normalize('NFKC').toLowerCase().indexOf(q) >= 0; }
    var hits = Object.keys(data.nodes).filter(function (id) {
      var n = data.nodes[id];
      return [n.label].concat(n.aliases).some(matches);
    });
    hits.slice(0, 30).forEach(function (id) {
      var n = data.nodes[id];
      var d = el('div', n.label + ' (' + n.type + ')');
      d.addEventListener('click', function () { goTo(id); });
      results.appendChild(d);
    });
    var missing = data.hidden.filter(function (h) {
      return [h[0]].concat(h[2]).some(matches);
    });
    missing.slice(0, 10).forEach(function (h) {
      var hint = ' \\u2014 not drawn: kg view --focus "' + h[0] + '"';
      results.appendChild(el('div', h[0] + ' (' + h[1] + ')' + hint, 'kg-source'));
    });
    if (!hits.length && !missing.length) results.appendChild(el('div', 'no match', 'kg-source'));
    if (hits.length) network.selectNodes(hits.slice(0, 200));
    return hits;
  }
  var input = document.getElementById('kg-search');
  input.addEventListener('input', function () { search(input.value); });
  input.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter') { var hits = search(input.value); if (hits.length) goTo(hits[0]); }
  });

  // ---- wiring to vis-network: pyvis's drawGraph() calls this right after creating the network,
  // in the same task, so no event (first drawing, end of stabilisation) can be missed
  window.kgAttach = function (network) {
    network.once('afterDrawing', function () {
      // times in ms since navigation start, for scripts/bench_view.py
      document.body.setAttribute('data-kg-drawn-ms', String(Math.round(performance.now())));
      document.body.setAttribute('data-kg-drawn', String(data.nodeCount));
    });
    function stabilised() {
      if (document.body.hasAttribute('data-kg-stable')) return;
      network.setOptions({physics: {enabled: false}});
      document.body.setAttribute('data-kg-stable-ms', String(Math.round(performance.now())));
      document.body.setAttribute('data-kg-stable', String(data.nodeCount));
      if (data.focus.length) network.selectNodes(data.focus);
    }
    network.once('stabilizationIterationsDone', stabilised);
    network.once('stabilized', stabilised);
    if (data.nodeCount === 0) stabilised();
    network.on('click', function (params) {
      if (params.nodes.length) showNode(params.nodes[0]);
      else if (params.edges.length) showEdge(params.edges[0]);
    });
  };
  window.kgView = {data: data, search: search, showNode: showNode, showEdge: showEdge};
})();
</script>
"""
