"""The viewer page: what each node and edge shows, in one JSON block, rendered into the Jinja template
``templates/graph.html`` with ``graph.css``, ``graph.js`` and vis-network (from pyvis's bundle) inlined.

Colours come from fixed tables (a class or relation has one colour on every page); positions from
``kg.view.layout`` (the browser draws them with physics off); a model's price in force is the second
line of its label; a node's label font grows with its rank (mentions, then links) so that, zoomed out,
only the best-connected names are drawn (vis-network skips labels below ``drawThreshold`` pixels).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import quote

import networkx as nx
from markupsafe import Markup

from ..namespace import ID

STYLE: dict[str, dict[str, str]] = {
    "Organization": {"color": "#4e79a7", "shape": "dot", "symbol": "\u25cf"},
    "Person": {"color": "#f28e2b", "shape": "diamond", "symbol": "\u25c6"},
    "Model": {"color": "#59a14f", "shape": "square", "symbol": "\u25a0"},
}
OTHER_STYLE = {"color": "#9d9d9d", "shape": "triangle", "symbol": "\u25b2"}
#: One colour per relation on every page (not by order of appearance); others get one from their name.
RELATION_COLORS: dict[str, str] = {
    "released": "#e15759", "worksFor": "#76b7b2", "formerlyWorkedFor": "#bab0ac", "subsidiaryOf": "#b07aa1",
}
OTHER_RELATION_COLORS = ["#edc948", "#9c755f", "#ff9da7", "#17becf", "#bcbd22", "#8c564b"]
SPACING = 90.0               # drawing units between neighbours
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
       "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")
VIS_JS = "templates/lib/vis-9.1.2/vis-network.min.js"     # inside the pyvis package


def relation_color(rel: str) -> str:
    if rel in RELATION_COLORS:
        return RELATION_COLORS[rel]
    digest = hashlib.sha256(rel.encode("utf-8", "surrogatepass")).digest()
    return OTHER_RELATION_COLORS[digest[0] % len(OTHER_RELATION_COLORS)]


def safe_json(obj: object) -> str:
    """JSON that cannot end (or comment out) the <script> element it sits in."""
    return (json.dumps(obj, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def plain(text: object) -> str:
    """A tooltip string (vis-network shows a string title with innerText): markup characters dropped
    anyway, so that no future switch to an HTML tooltip could run it."""
    return re.sub(r"[<>&\"'`]", " ", str(text))


def safe_url(url: object) -> str:
    u = str(url or "").strip()
    return u if re.match(r"https?://[^\s]+$", u, re.I) else ""


def entity_path(iri: str) -> str:
    """``/id/…`` for an entity IRI (the path ``kg serve`` gives its entity page), else ""."""
    base = str(ID)
    return "/id/" + quote(iri[len(base):], safe="/-._~") if iri.startswith(base) and len(iri) > len(base) else ""


# ------------------------------------------------------------------ what the panel shows

def evidence_groups(items: list[dict]) -> list[dict[str, Any]]:
    """Evidence grouped by article: each article's title, date and link once, its distinct sentences."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for it in items:
        key = (str(it.get("title", "")), str(it.get("date", ""))[:10], safe_url(it.get("url")))
        sentences = groups.setdefault(key, [])
        s = str(it.get("sentence", ""))
        if s and s not in sentences:
            sentences.append(s)
    return [{"title": t, "date": d, "url": u, "sentences": ss} for (t, d, u), ss in groups.items()]


def fact_groups(facts: list[dict], name: Any = None) -> list[dict[str, Any]]:
    """Facts with the same text as one entry with all their evidence (``name``: a fact's text)."""
    by_fact: dict[str, list[dict]] = {}
    for f in facts:
        by_fact.setdefault(str(name(f) if name else f.get("fact", "")), []).append(f)
    return [{"fact": fact, "evidence": evidence_groups(items)} for fact, items in by_fact.items()]


def price_line(facts: list[dict]) -> str:
    """The prices in force, one per token kind, for the node label: "0.8 CNY/M in · 2 CNY/M out", "free".
    A price still in force (no validUntil) beats an ended one, then the latest (validFrom, else date)."""
    best: dict[str, tuple[tuple, str]] = {}
    for f in facts:
        p = f.get("price")
        if not p:
            continue
        rank = (not p.get("until"), str(p.get("from") or f.get("date") or "")[:10])
        text = "free" if p.get("free") == "true" else f"{_num(p.get('per'))} {p.get('cur') or ''}/M".replace(" /", "/")
        kind = str(p.get("tokenKind") or "")
        if kind not in best or rank > best[kind][0]:
            best[kind] = (rank, text)
    parts = [text + (f" {kind[:3] if kind in ('input', 'output') else kind}" if kind else "")
             for kind, (_, text) in sorted(best.items(), key=lambda kv: kv[0] != "input")]
    return " \u00b7 ".join(dict.fromkeys(parts))


def _num(value: object) -> str:
    try:
        return f"{float(str(value)):g}"
    except ValueError:
        return str(value)


def node_size(mentions: object) -> float:
    try:
        m = max(1, int(mentions))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        m = 1
    return round(min(48.0, 10 + 7 * math.log2(m)), 1)


def font_sizes(view: nx.MultiDiGraph, extent: float) -> dict[str, int]:
    """Label font per node, by rank (mentions, then links): zoomed to fit (about 900 px for ``extent``
    drawing units), the top 15 are drawn at ~14 px, the next 60 at ~9 px and the rest only when zoomed
    in; up to 200 nodes every label is drawn at ~9 px or more."""
    fit = min(1.0, 900.0 / max(extent, 1.0))
    ranked = sorted(view.nodes, key=lambda n: (-int(view.nodes[n].get("mentions", 1) or 1), -view.degree(n),
                                                str(view.nodes[n].get("label", ""))))
    top, mid = max(16, round(14 / fit)), max(14, round(9 / fit))
    rest = mid if len(ranked) <= 200 else 14
    return {n: top if i < 15 else mid if i < 75 else rest for i, n in enumerate(ranked)}


# ------------------------------------------------------------------ the template

@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    here = resources.files("kg.view") / "templates"
    out = {name: (here / name).read_text(encoding="utf-8") for name in ("graph.html", "graph.js", "graph.css")}
    out["vis.js"] = (resources.files("pyvis") / VIS_JS).read_text(encoding="utf-8")
    for name in ("graph.js", "graph.css", "vis.js"):
        if re.search(r"</(script|style)", out[name], re.I):
            raise RuntimeError(f"{name} would end the element it is inlined in")
    return out


def render(heading: str, data: dict[str, Any], lang: str = "zh") -> str:
    """The page: the template with the assets and the data block inlined; Jinja escapes the heading."""
    from jinja2 import Environment

    assets = _assets()
    env = Environment(autoescape=True, keep_trailing_newline=True)
    return env.from_string(assets["graph.html"]).render(
        heading=heading, lang=lang, csp=Markup(CSP), css=Markup(assets["graph.css"]), vis_js=Markup(assets["vis.js"]),
        app_js=Markup(assets["graph.js"]), data=Markup(safe_json(data)))
