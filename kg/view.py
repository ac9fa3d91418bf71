"""Stage 7b: the interactive HTML graph (pyvis), one self-contained file that works offline.

Safety: article text is untrusted. Node and edge tooltips are plain text
(vis-network shows them as text unless they contain markup), the page's custom
script reads facts from a JSON block and writes them with ``textContent``, and
every ``</`` in embedded JSON is escaped so it cannot close the script element.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import networkx as nx
from pyvis.network import Network

STYLE = {
    "Organization": {"color": "#4e79a7", "shape": "dot"},
    "Person": {"color": "#f28e2b", "shape": "diamond"},
    "Model": {"color": "#59a14f", "shape": "square"},
}

PANEL = """
<div id="kg-legend" style="position:fixed;top:8px;left:8px;background:#fff;padding:6px;border:1px solid #ccc;font:13px sans-serif">
  <b>kg</b> <span id="kg-legend-items"></span>
  <input id="kg-search" placeholder="search names" style="margin-left:8px">
</div>
<div id="kg-panel" style="position:fixed;top:8px;right:8px;width:360px;max-height:90%;overflow:auto;background:#fff;
  border:1px solid #ccc;padding:8px;font:13px sans-serif;display:none"></div>
<script type="application/json" id="kg-data">__DATA__</script>
<script>
(function () {
  var data = JSON.parse(document.getElementById('kg-data').textContent);
  var legend = document.getElementById('kg-legend-items');
  Object.keys(data.style).forEach(function (cls) {
    var s = document.createElement('span');
    s.textContent = ' \u25CF ' + cls;
    s.style.color = data.style[cls].color;
    legend.appendChild(s);
  });
  var panel = document.getElementById('kg-panel');
  function line(parent, text, bold) {
    var d = document.createElement('div');
    d.textContent = text;
    if (bold) d.style.fontWeight = 'bold';
    d.style.margin = '4px 0';
    parent.appendChild(d);
  }
  function showFacts(title, facts) {
    panel.textContent = '';
    panel.style.display = 'block';
    line(panel, title, true);
    facts.forEach(function (f) {
      var box = document.createElement('div');
      box.className = 'kg-fact';
      box.style.borderTop = '1px solid #eee';
      line(box, f.fact, true);
      line(box, '\u201C' + f.sentence + '\u201D');
      line(box, [f.title, f.date].filter(Boolean).join(' \u00B7 '));
      panel.appendChild(box);
    });
  }
  function ready() {
    if (typeof network === 'undefined') { return setTimeout(ready, 50); }
    network.once('afterDrawing', function () {
      document.body.setAttribute('data-kg-drawn', String(data.nodeCount));
    });
    network.on('click', function (params) {
      if (params.nodes.length) {
        var n = data.nodes[params.nodes[0]];
        if (n) showFacts(n.label + ' (' + n.type + ')', n.facts);
      } else if (params.edges.length) {
        var e = data.edges[params.edges[0]];
        if (e) showFacts(e.label, e.facts);
      }
    });
    document.getElementById('kg-search').addEventListener('change', function (ev) {
      var q = ev.target.value.toLowerCase();
      var hit = Object.keys(data.nodes).filter(function (id) {
        var n = data.nodes[id];
        return [n.label].concat(n.aliases).some(function (a) { return a.toLowerCase().indexOf(q) >= 0; });
      });
      network.selectNodes(hit);
      if (hit.length) network.focus(hit[0], {scale: 1.2});
    });
  }
  ready();
})();
</script>
"""


def safe_json(obj: object) -> str:
    """JSON that cannot end the <script> element it sits in."""
    return json.dumps(obj, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")


def plain(text: str) -> str:
    """A tooltip vis-network renders as text: no markup characters at all."""
    return re.sub(r"[<>&\"']", " ", text)


def write_html(g: nx.MultiDiGraph, output: Path, title: str = "kg") -> Path:
    """Draw ``g`` into a self-contained HTML file (vis-network inlined, no CDN)."""
    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line")
    nodes_js: dict[str, dict] = {}
    # filling net.nodes/net.edges directly: from_nx is quadratic and mutates its input
    for i, (iri, d) in enumerate(g.nodes(data=True)):
        style = STYLE.get(d.get("type", ""), {"color": "#999", "shape": "dot"})
        nid = f"n{i}"
        nodes_js[nid] = {"label": d.get("label", ""), "type": d.get("type", ""), "aliases": d.get("aliases", []),
                         "facts": d.get("facts", []), "iri": iri}
        net.nodes.append({"id": nid, "label": d.get("label", ""), "title": plain(d.get("label", "")),
                          "color": style["color"], "shape": style["shape"],
                          "size": 10 + 4 * min(int(d.get("mentions", 1)), 10)})
    index = {iri: f"n{i}" for i, iri in enumerate(g.nodes)}
    edges_js: dict[str, dict] = {}
    for j, (s, o, key, d) in enumerate(g.edges(keys=True, data=True)):
        eid = f"e{j}"
        label = f"{g.nodes[s].get('label', '')} {key} {g.nodes[o].get('label', '')}"
        facts = [{"fact": key + (f" ({ev['role']})" if ev.get("role") else ""), "sentence": ev["sentence"],
                  "title": ev.get("title", ""), "date": ev.get("date", "")} for ev in d.get("evidence", [])]
        edges_js[eid] = {"label": label, "facts": facts}
        net.edges.append({"id": eid, "from": index[s], "to": index[o], "label": key, "title": plain(label),
                          "arrows": "to"})
    net.set_options(json.dumps({
        "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 100}},
        "edges": {"smooth": False, "font": {"size": 10}},
        "interaction": {"hover": True},
    }))
    page = net.generate_html()
    # no network access: drop every external stylesheet/script (pyvis links Bootstrap from a CDN)
    page = re.sub(r"<link[^>]+href=\"https?://[^>]*>", "", page)
    page = re.sub(r"<script[^>]+src=\"https?://[^>]*>\s*</script>", "", page)
    page = re.sub(r"<title>.*?</title>", f"<title>{html.escape(title)}</title>", page, flags=re.S)
    data = {"nodes": nodes_js, "edges": edges_js, "style": STYLE, "nodeCount": len(nodes_js)}
    page = page.replace("</body>", PANEL.replace("__DATA__", safe_json(data)) + "</body>")
    page = page.replace("network.once(\"stabilizationIterationsDone\"", "network.once(\"stabilizationIterationsDone\"")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    return output
