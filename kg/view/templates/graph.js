// The viewer's script: draws the graph kg.view laid out (positions given, physics off), then the
// legend and filters, the search box and the evidence panel. Every string comes from the JSON block
// #kg-data and is written with textContent (article text is untrusted); links only from http(s) URLs
// or our own /id/ paths. Globals `network`, `nodes`, `edges` and `kgView` are for tests and benchmarks.
var network, nodes, edges, kgView;
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
  function link(text, href, external) {
    var a = el('a', text);
    a.href = href;
    if (external) { a.target = '_blank'; a.rel = 'noopener noreferrer'; }
    return a;
  }
  function httpUrl(u) { return typeof u === 'string' && /^https?:\/\/\S+$/i.test(u); }
  function idPath(u) { return typeof u === 'string' && /^\/id\/[^\s"<>\\]+$/.test(u); }

  document.getElementById('kg-title').textContent = document.title;
  document.getElementById('kg-count').textContent =
    data.nodeCount + ' entities, ' + Object.keys(data.edges).length + ' relations' +
    (data.total > data.nodeCount ? ' (of ' + data.total + ' entities)' : '');
  if (data.notice) {
    var nb = document.getElementById('kg-notice');
    nb.textContent = data.notice;
    nb.style.display = 'block';
  }

  // ---- legend + filters: classes and relations, colours from the page's fixed tables
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
    checkbox(relBox, rel, '\u2192', data.relations[rel], shownRel, 'relation');
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

  // ---- side panel: one box per fact, its evidence grouped by article (title, date and link once)
  function factBox(parent, head, evidence) {
    var box = el('div', null, 'kg-fact');
    box.appendChild(el('div', head, 'kg-what'));
    evidence.forEach(function (g) {
      g.sentences.forEach(function (s) { box.appendChild(el('div', s, 'kg-sentence')); });
      var src = el('div', null, 'kg-source');
      src.appendChild(document.createTextNode([g.title, g.date].filter(Boolean).join(' \u00B7 ')));
      if (httpUrl(g.url)) {
        src.appendChild(document.createTextNode(' '));
        src.appendChild(link('link', g.url, true));
      }
      box.appendChild(src);
    });
    parent.appendChild(box);
  }
  function openPanel(head, sub, href) {
    panel.textContent = '';
    panel.style.display = 'block';
    var close = el('button', '\u00D7', 'kg-close');
    close.addEventListener('click', function () { panel.style.display = 'none'; });
    panel.appendChild(close);
    var h = el('div', null, 'kg-head');
    h.appendChild(idPath(href) ? link(head, href, false) : document.createTextNode(head));
    panel.appendChild(h);
    if (sub) panel.appendChild(el('div', sub, 'kg-source'));
  }
  function showNode(id) {
    var n = data.nodes[id];
    if (!n) return;
    openPanel(n.label + ' (' + n.type + ')',
              (n.aliases.length ? 'also: ' + n.aliases.join(', ') + ' \u00B7 ' : '') +
              n.mentions + ' article(s)', n.href);
    if (n.price) panel.appendChild(el('div', 'price now: ' + n.price, 'kg-price'));
    n.facts.forEach(function (f) { factBox(panel, f.fact, f.evidence); });
    n.edges.forEach(function (eid) {
      var e = data.edges[eid];
      var other = e.from === id ? data.nodes[e.to] : data.nodes[e.from];
      var dir = e.from === id ? e.relation + ' \u2192 ' : '\u2190 ' + e.relation + ' ';
      e.facts.forEach(function (f) {
        var role = f.fact.length > e.relation.length ? f.fact.slice(e.relation.length) : '';
        factBox(panel, dir + other.label + role, f.evidence);
      });
    });
    if (!n.facts.length && !n.edges.length) panel.appendChild(el('div', 'no facts', 'kg-source'));
    panel.setAttribute('data-kg-node', id);
  }
  function showEdge(id) {
    var e = data.edges[id];
    if (!e) return;
    openPanel(data.nodes[e.from].label + ' \u2192 ' + e.relation + ' \u2192 ' + data.nodes[e.to].label);
    e.facts.forEach(function (f) { factBox(panel, f.fact, f.evidence); });
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
      var hint = ' \u2014 not drawn: kg view --focus "' + h[0] + '"';
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

  // ---- the network: positions from Python, physics off, so the first drawing is the final layout
  nodes = new vis.DataSet(data.draw.nodes);
  edges = new vis.DataSet(data.draw.edges);
  network = new vis.Network(document.getElementById('mynetwork'), {nodes: nodes, edges: edges},
                            data.draw.options);
  network.once('afterDrawing', function () {
    // times in ms since navigation start, for scripts/bench_view.py (stable = drawn: nothing moves)
    var ms = String(Math.round(performance.now()));
    document.body.setAttribute('data-kg-drawn-ms', ms);
    document.body.setAttribute('data-kg-drawn', String(data.nodeCount));
    document.body.setAttribute('data-kg-stable-ms', ms);
    document.body.setAttribute('data-kg-stable', String(data.nodeCount));
    if (data.focus.length) network.selectNodes(data.focus);
  });
  if (data.nodeCount === 0) {
    document.body.setAttribute('data-kg-drawn', '0');
    document.body.setAttribute('data-kg-stable', '0');
  }
  if (data.draw.arrowsFrom) {    // a large graph: arrowheads once zoomed in far enough to see them
    var arrows = false;
    network.on('zoom', function (params) {
      var want = params.scale >= data.draw.arrowsFrom;
      if (want !== arrows) {
        arrows = want;
        network.setOptions({edges: {arrows: {to: {enabled: want, scaleFactor: 0.5}}}});
      }
    });
  }
  network.on('click', function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  kgView = {data: data, search: search, showNode: showNode, showEdge: showEdge};
})();
