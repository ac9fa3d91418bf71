"""The HTML viewer: pure selection tests, then the real page in headless Chromium with the network off.

Chromium is driven over the DevTools protocol (``tests/chromium.py``).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg import api
from kg.graph import to_networkx
from kg.store import open_store
from kg.view import MAX_NODES, ViewError, subgraph, write_html
from tests.chromium import Chromium
from tests.conftest import require_tool

needs_chromium = pytest.mark.requires_tool("chromium")    # skipped without it, a failure under CI=true


# ------------------------------------------------------------------ articles

ARTICLE_A = """---
id: view-a
title: 阿里云降价
source: 测试日报
date: 2024-05-21
url: https://example.com/a
---

阿里云智能集团副总裁刘伟光在发布会上表示,“这次调价是为了让中小企业也用得起大模型”。
阿里云同时宣布,长文本模型Qwen-Long降价97%。
5月15日,字节豆包主力模型的企业定价降至0.0008元/千tokens。
"""

ARTICLE_B = """---
id: view-b
title: 零一万物不降价
source: 测试日报
date: 2024-04-02
---

零一万物CEO李开复在一次采访中表示,零一万物暂时不会跟进降价,一味压价对整个行业都没有好处。
零一万物上月发布的Yi-Large在多项评测中排名靠前。
"""

PWN = "window.__pwned=1;document.title='pwned'"
ARTICLE_EVIL = f"""---
id: view-evil
lang: zh
title: "</script><script>{PWN}</script><img src=x onerror=\\"{PWN}\\">"
source: "<svg onload={PWN}>"
date: 2024-05-23
url: "javascript:{PWN}"
---

<script>{PWN}</script>科技CEO张三表示,“<img src=x onerror={PWN}>”。
某某科技CEO张三表示,“</script><script>{PWN}</script>href javascript:{PWN}”。
"""


def build(tmp_path: Path, *texts: str) -> Path:
    src = tmp_path / "articles"
    src.mkdir(exist_ok=True)
    for i, text in enumerate(texts):
        (src / f"a{i}.md").write_text(text, encoding="utf-8")
    store = tmp_path / "store"
    summary = api.build([src], store=store)
    assert summary.ok, summary.failed
    return store


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("view"), ARTICLE_A, ARTICLE_B)


@pytest.fixture(scope="module")
def browser() -> Any:
    require_tool("chromium")
    with Chromium() as b:
        yield b


def load(browser: Chromium, page: Path, timeout: float = 60) -> int:
    """Open ``page``; wait for vis-network's first drawing and the end of stabilisation; return the marker."""
    browser.events.clear()
    browser.open(page)
    drawn = browser.wait_for("document.body && document.body.getAttribute('data-kg-drawn')", timeout)
    browser.wait_for("document.body.getAttribute('data-kg-stable')", timeout)
    return int(drawn)


def node_id(browser: Chromium, label: str) -> str:
    nid = browser.eval(f"(nodes.get().find(n => n.label === {json.dumps(label)}) || {{}}).id")
    assert nid, f"{label} is not drawn"
    return str(nid)


def click_node(browser: Chromium, nid: str) -> None:
    """Centre the node in the canvas, then click it with real mouse events."""
    browser.eval(f"network.moveTo({{position: network.getPositions([{json.dumps(nid)}])[{json.dumps(nid)}], "
                 "scale: 1.5}); true")
    x, y = browser.eval(f"""(() => {{
        const p = network.canvasToDOM(network.getPositions([{json.dumps(nid)}])[{json.dumps(nid)}]);
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }})()""")
    browser.click(x, y)


# ------------------------------------------------------------------ selection (plain python)

def toy_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()

    def node(iri: str, label: str, kind: str, aliases: list[str] | None = None,
             facts: list[dict] | None = None, mentions: int = 1) -> None:
        g.add_node(iri, label=label, type=kind, aliases=aliases or [], mentions=mentions, facts=facts or [])

    def edge(s: str, o: str, rel: str, date: str) -> None:
        ev = {"sentence": f"{s} {rel} {o}", "title": "t", "date": date, "url": "", "role": ""}
        g.add_edge(s, o, key=rel, relation=rel, evidence=[ev])

    node("alibaba", "阿里巴巴", "Organization", ["Alibaba"])
    node("aliyun", "阿里云", "Organization", ["Alibaba Cloud", "阿里云智能"], mentions=5)
    node("qwen", "通义千问", "Model", ["Qwen"],
         facts=[{"fact": "0.5 CNY / 1M tokens", "kind": "price", "sentence": "s", "title": "t",
                 "date": "2024-05-21"}])
    node("qwenlong", "Qwen-Long", "Model", facts=[
        {"fact": "price change -97%", "kind": "change", "sentence": "s", "title": "t", "date": "2024-03-01"}])
    node("liu", "刘伟光", "Person")
    node("zhang", "张三", "Person")
    node("baidu", "百度", "Organization")
    node("ernie", "文心一言", "Model")
    node("lonely", "孤岛", "Organization")
    edge("aliyun", "alibaba", "subsidiaryOf", "2024-01-10")
    edge("aliyun", "qwen", "released", "2024-05-21")
    edge("aliyun", "qwenlong", "released", "2024-03-01")
    edge("liu", "aliyun", "worksFor", "2024-05-21")
    edge("zhang", "alibaba", "worksFor", "2024-02-01")
    edge("baidu", "ernie", "released", "2024-05-21")
    return g


def labels(g: nx.MultiDiGraph) -> set[str]:
    return {d["label"] for _, d in g.nodes(data=True)}


def test_view_focus_depth_selects_neighbourhood() -> None:
    g = toy_graph()
    before = nx.node_link_data(g, edges="links")
    assert labels(subgraph(g, focus="阿里云", depth=0)) == {"阿里云"}
    near = {"阿里云", "阿里巴巴", "通义千问", "Qwen-Long", "刘伟光"}
    assert labels(subgraph(g, focus="阿里云", depth=1)) == near
    # depth 2 reaches 张三 through 阿里巴巴 (edges followed against their direction too), never 百度
    assert labels(subgraph(g, focus="阿里云", depth=2)) == near | {"张三"}
    # aliases, case and NFKC width are accepted; an IRI too
    assert labels(subgraph(g, focus="alibaba cloud", depth=0)) == {"阿里云"}
    assert labels(subgraph(g, focus="ＱＷＥＮ", depth=0)) == {"通义千问"}
    assert labels(subgraph(g, focus="baidu", depth=1)) == {"百度", "文心一言"}
    assert nx.node_link_data(g, edges="links") == before, "subgraph changed its input"


def test_view_unknown_focus_is_a_user_error() -> None:
    with pytest.raises(ViewError, match="no entity of that name.*阿里云"):
        subgraph(toy_graph(), focus="阿里去")


def test_view_type_filter_keeps_classes_and_focus() -> None:
    g = toy_graph()
    assert labels(subgraph(g, types=["Model"])) == {"通义千问", "Qwen-Long", "文心一言"}
    assert labels(subgraph(g, types=["person", "MODEL"])) == {"通义千问", "Qwen-Long", "文心一言", "刘伟光",
                                                              "张三"}
    # the focus stays whatever its class; distances count hops through filtered-out classes
    assert labels(subgraph(g, focus="阿里云", depth=2, types=["Person"])) == {"阿里云", "刘伟光", "张三"}
    h = subgraph(g, focus="阿里云", depth=1, types=["Model"])
    assert labels(h) == {"阿里云", "通义千问", "Qwen-Long"}
    assert {k for *_, k in h.edges(keys=True)} == {"released"}


def test_view_since_drops_older_facts_and_edges() -> None:
    g = toy_graph()
    h = subgraph(g, since="2024-05-01")
    assert {(h.nodes[s]["label"], k) for s, _, k in h.edges(keys=True)} == {
        ("阿里云", "released"), ("刘伟光", "worksFor"), ("百度", "released")}
    assert h.nodes["qwen"]["facts"] and "qwenlong" not in h, "Qwen-Long's only fact and edge are older"
    assert "lonely" not in h and "zhang" not in h
    assert len(g.nodes["qwenlong"]["facts"]) == 1, "input changed"
    assert labels(subgraph(g, focus="张三", since="2024-05-01")) == {"张三"}
    with pytest.raises(ViewError):
        subgraph(g, since="last week")


def test_view_size_limit_draws_most_mentioned_and_says_so(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    for i in range(40):
        g.add_node(f"n{i}", label=f"实体{i}", type="Organization", aliases=[], mentions=i + 1, facts=[])
    out = write_html(g, tmp_path / "big.html", max_nodes=10)
    page = out.read_text(encoding="utf-8")
    block = page.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0]
    data = json.loads(block)
    assert data["nodeCount"] == 10 and data["total"] == 40
    assert {n["label"] for n in data["nodes"].values()} == {f"实体{i}" for i in range(30, 40)}
    assert "--focus" in data["notice"] and {h[0] for h in data["hidden"]} == {f"实体{i}" for i in range(30)}
    assert MAX_NODES >= 500


def test_view_page_is_self_contained(corpus_store: Path, tmp_path: Path) -> None:
    out = api.view(tmp_path / "g.html", store=corpus_store)
    page = out.read_bytes().decode("utf-8")  # written as UTF-8 whatever the locale
    assert "阿里云" in page and "vis.Network" in page
    for remote in ("https://cdn", "http://cdn", "bootstrap", "<h1>"):
        assert remote not in page.lower(), remote


# ------------------------------------------------------------------ in the browser

@needs_chromium
def test_view_graph_draws_every_node(browser: Chromium, corpus_store: Path, tmp_path: Path) -> None:
    g = to_networkx(open_store(corpus_store))
    assert g.number_of_nodes() >= 6
    page = api.view(tmp_path / "g.html", store=corpus_store)
    assert load(browser, page) == g.number_of_nodes()
    assert browser.eval("nodes.length") == g.number_of_nodes()
    assert browser.eval("edges.length") == g.number_of_edges()
    # nothing went to the network, nothing failed
    assert all(u.startswith(("file:", "data:")) for u in browser.requests()), browser.requests()
    assert browser.errors() == []
    # CJK labels are drawn with a real font (not tofu): the canvas text width of a CJK label is sane
    assert browser.eval("document.fonts.check('14px \"WenQuanYi Micro Hei\"', '阿里云')")


@needs_chromium
def test_view_click_node_shows_evidence(browser: Chromium, corpus_store: Path, tmp_path: Path) -> None:
    page = api.view(tmp_path / "g.html", store=corpus_store)
    load(browser, page)
    assert browser.eval("getComputedStyle(document.getElementById('kg-panel')).display") == "none"
    click_node(browser, node_id(browser, "刘伟光"))
    text = browser.wait_for("getComputedStyle(document.getElementById('kg-panel')).display !== 'none' && "
                            "document.getElementById('kg-panel').innerText", timeout=10)
    assert "刘伟光 (Person)" in text
    assert "让中小企业也用得起大模型" in text          # the claim and its evidence sentence
    assert "阿里云降价" in text and "2024-05-21" in text  # article title and date
    assert "worksFor" in text and "阿里云" in text
    assert browser.eval("document.querySelector('#kg-panel a').href") == "https://example.com/a"
    # a price, normalised, on the model's panel (reached through the search box this time)
    browser.eval("kgView.search('豆包'); document.querySelector('#kg-results div').click(); true")
    text = browser.wait_for("document.getElementById('kg-panel').innerText")
    assert "0.8 CNY / 1M tokens" in text


@needs_chromium
def test_view_filters_and_search(browser: Chromium, corpus_store: Path, tmp_path: Path) -> None:
    page = api.view(tmp_path / "g.html", store=corpus_store)
    load(browser, page)
    assert browser.eval("nodes.get({filter: n => n.hidden}).length") == 0
    browser.eval("document.querySelector('input[data-type=Model]').click(); true")
    hidden = browser.eval("nodes.get({filter: n => n.hidden}).map(n => kgView.data.nodes[n.id].type)")
    assert hidden and set(hidden) == {"Model"}
    browser.eval("document.querySelector('input[data-relation=worksFor]').click(); true")
    assert set(browser.eval("edges.get({filter: e => e.hidden}).map(e => e.relation)")) == {"worksFor"}
    # search by alias: 阿里云智能 is an alias of 阿里云
    browser.eval("const s = document.getElementById('kg-search'); s.value = '阿里云智能';"
                 "s.dispatchEvent(new Event('input')); true")
    assert browser.eval("document.getElementById('kg-results').innerText").startswith("阿里云")


@needs_chromium
def test_view_focus_page_draws_neighbourhood(browser: Chromium, corpus_store: Path, tmp_path: Path) -> None:
    page = api.view(tmp_path / "f.html", store=corpus_store, focus="阿里云", depth=1)
    g = subgraph(to_networkx(open_store(corpus_store)), focus="阿里云", depth=1)
    assert load(browser, page) == g.number_of_nodes()
    assert g.number_of_nodes() < to_networkx(open_store(corpus_store)).number_of_nodes()
    assert set(browser.eval("nodes.get().map(n => n.label)")) == labels(g)
    assert browser.eval("network.getSelectedNodes().length") == 1


@needs_chromium
def test_view_untrusted_text_runs_no_script(browser: Chromium, tmp_path: Path) -> None:
    store = build(tmp_path, ARTICLE_A, ARTICLE_EVIL)
    g = to_networkx(open_store(store))
    # the payloads did reach the graph: a person, quotes carrying them, and the article title
    zhang = [d for _, d in g.nodes(data=True) if d["label"] == "张三"]
    assert zhang and zhang[0]["type"] == "Person"
    claims = " ".join(f["fact"] + f["sentence"] + f["title"] for f in zhang[0]["facts"])
    assert "onerror=" in claims and "</script>" in claims and "javascript:" in claims
    page = api.view(tmp_path / "evil.html", store=store, title=f"<script>{PWN}</script>")
    load(browser, page)
    click_node(browser, node_id(browser, "张三"))
    text = browser.wait_for("document.getElementById('kg-panel').innerText", timeout=10)
    assert "<img src=x onerror=" in text, "the payload is shown as text"
    # hover tooltips and search results too
    browser.eval(f"kgView.search('张三'); kgView.showNode({json.dumps(node_id(browser, '张三'))}); true")
    for e in list(browser.eval("edges.getIds()")):
        browser.eval(f"kgView.showEdge({json.dumps(e)}); true")
    time.sleep(0.3)
    assert browser.eval("window.__pwned") is None
    assert browser.eval("document.title") != "pwned"
    assert browser.eval("document.querySelectorAll('img, svg, iframe, object, embed').length") == 0
    # the JSON block, vis-network and the viewer's script: nothing the text added
    assert browser.eval("document.querySelectorAll('script').length") == 3
    assert browser.eval("[...document.querySelectorAll('a')].every(a => a.protocol === 'https:')")
    assert all(u.startswith(("file:", "data:")) for u in browser.requests()), browser.requests()


@needs_chromium
def test_view_hostile_names_run_no_script(browser: Chromium, tmp_path: Path) -> None:
    """Names, aliases, classes and relations the extractor cannot produce today, straight into the viewer:
    "href" in a tooltip would switch pyvis to an innerHTML popup, so hover over the node too."""
    bad = f"<a href=# onmouseover={PWN}><img src=x onerror={PWN}></a></script><script>{PWN}</script>"
    g = nx.MultiDiGraph()
    g.add_node("x1", label="坏" + bad, type="Person", aliases=[bad, "javascript:" + PWN], mentions=3,
               facts=[{"fact": "argues: " + bad, "sentence": bad, "title": bad, "date": "2024-05-01",
                       "url": "javascript:" + PWN}])
    g.add_node("x2", label=bad, type=bad, aliases=[], mentions=1, facts=[])
    g.add_edge("x1", "x2", key=bad, relation=bad,
               evidence=[{"sentence": bad, "title": bad, "date": "2024-05-01", "url": "javascript:" + PWN,
                          "role": bad}])
    page = write_html(g, tmp_path / "hostile.html", focus="坏" + bad, title=bad)
    assert load(browser, page) == 2
    nid = node_id(browser, "坏" + bad)
    click_node(browser, nid)
    assert bad in browser.wait_for("document.getElementById('kg-panel').innerText", timeout=10)
    x, y = browser.eval(f"""(() => {{
        const p = network.canvasToDOM(network.getPositions(['{nid}'])['{nid}']);
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }})()""")
    for dx in (0, 1, 2, 1, 0):  # hover: vis shows the node's title after tooltipDelay
        browser.call("Input.dispatchMouseEvent", type="mouseMoved", x=x + dx, y=y)
        time.sleep(0.15)
    tip = browser.wait_for("[...document.querySelectorAll('.vis-tooltip, div.popup')]"
                           ".map(t => t.innerText).join(' ').trim()", timeout=5)
    assert "坏" in tip
    browser.eval("kgView.search('坏'); document.querySelector('#kg-results div').click(); true")
    browser.eval("kgView.showEdge('e0'); true")
    time.sleep(0.3)
    assert browser.eval("window.__pwned") is None
    assert browser.eval("document.title") != "pwned"
    assert browser.eval("document.querySelectorAll('img, svg, iframe, object, embed').length") == 0
    assert browser.eval("document.querySelectorAll('a').length") == 0, "no link from a javascript: URL"
    assert browser.errors() == []


@pytest.mark.parametrize(("focus", "name"), [
    ("阿里云", "graph-阿里云.html"),
    ("DeepSeek", "graph-deepseek.html"),
    ("Qwen-2.5 Max", "graph-qwen-2-5-max.html"),
    ("../../etc/passwd", "graph-etc-passwd.html"),
    ("a\\b:c*?<>|\"d", "graph-a-b-c-d.html"),
    ("\u202e名\x00\n\udcff", "graph-名.html"),          # bidi override, NUL, newline, an undecodable byte
])
def test_focused_view_default_output_is_a_safe_file_of_its_own(focus: str, name: str) -> None:
    from kg.view import default_output

    assert default_output(None) == Path("out/graph.html")
    assert default_output(focus) == Path("out") / name


def test_focus_slug_without_letters_or_too_long_ends_in_a_hash() -> None:
    from kg.view import SLUG_MAX_BYTES, default_output

    names = {f: default_output(f).name for f in ("..", "...", "/", "阿" * 300, "阿" * 301, "x" * 300)}
    assert len(set(names.values())) == len(names)          # no two share a file
    for f, name in names.items():
        assert default_output(f).parent == Path("out")
        assert re.fullmatch(r"graph-(?:[\w-]+-)?[0-9a-f]{10}\.html", name), (f, name)
        assert len(name.encode()) <= SLUG_MAX_BYTES + len("graph--0123456789.html")


# ------------------------------------------------------------------ fixed colours, prices, evidence, assets

@needs_chromium
def test_view_relation_colour_is_the_same_on_full_and_focus_pages(browser: Chromium, corpus_store: Path,
                                                                  tmp_path: Path) -> None:
    from kg.view.page import RELATION_COLORS

    def colours(page: Path) -> tuple[dict[str, str], dict[str, str]]:
        load(browser, page)
        drawn = browser.eval("Object.fromEntries(edges.get().map(e => [e.relation, e.color.color]))")
        # a focus page selects its focus: the selected node's relations keep their colour too
        assert browser.eval("edges.get().every(e => e.color.highlight === e.color.color)")
        legend = browser.eval("Object.fromEntries([...document.querySelectorAll('input[data-relation]')]"
                              ".map(b => [b.dataset.relation, getComputedStyle(b.nextSibling).color]))")
        return drawn, legend

    full, full_legend = colours(api.view(tmp_path / "g.html", store=corpus_store))
    # 刘伟光's page has worksFor only: a colour by order of appearance would give it the first colour
    focus, focus_legend = colours(api.view(tmp_path / "f.html", store=corpus_store, focus="刘伟光", depth=1))
    assert set(focus) == {"worksFor"} and {"released", "worksFor"} <= set(full)
    assert focus["worksFor"] == full["worksFor"] == RELATION_COLORS["worksFor"]
    assert focus_legend["worksFor"] == full_legend["worksFor"]
    assert full["released"] == RELATION_COLORS["released"] != full["worksFor"]


@needs_chromium
def test_view_model_price_is_on_the_graph_without_a_click(browser: Chromium, corpus_store: Path,
                                                         tmp_path: Path) -> None:
    load(browser, api.view(tmp_path / "g.html", store=corpus_store))
    priced = browser.eval("nodes.get().filter(n => n.label.includes('\\n')).map(n => [n.id, n.label])")
    doubao = [(nid, label) for nid, label in priced if label.startswith("豆包")]
    assert doubao and doubao[0][1].split("\n")[1] == "0.8 CNY/M", priced
    nid = doubao[0][0]
    # drawn at the first view: vis-network skips labels below its threshold, this one is above it
    assert browser.eval(f"network.body.nodes[{json.dumps(nid)}].labelModule.visible()") is True
    assert browser.eval("getComputedStyle(document.getElementById('kg-panel')).display") == "none"
    assert browser.eval("network.physics.options.enabled") is False       # positions came from Python


def test_view_price_line_is_the_price_in_force_per_kind() -> None:
    from kg.view.page import price_line

    def price(per: str, kind: str = "", frm: str = "", until: str = "", free: str = "false") -> dict:
        return {"kind": "price", "date": "2024-05-01",
                "price": {"per": per, "cur": "CNY", "free": free, "tokenKind": kind, "from": frm, "until": until}}

    assert price_line([]) == ""
    assert price_line([price("8", until="2024-05-22"), price("", free="true", frm="2024-05-22")]) == "free"
    assert price_line([price("4", "input", frm="2024-05-01"), price("1", "input", frm="2024-06-01"),
                       price("2.0", "output")]) == "1 CNY/M inp \u00b7 2 CNY/M out"


@needs_chromium
def test_view_panel_groups_evidence_per_fact_and_links_entities(browser: Chromium, tmp_path: Path) -> None:
    base = "https://w3id.org/aikg/id/"
    g = nx.MultiDiGraph()
    g.add_node(base + "org/cedar", label="雪松科技", type="Organization", aliases=[], mentions=2, facts=[])
    g.add_node(base + "model/cedar-3", label="Cedar-3", type="Model", aliases=[], mentions=2, facts=[])
    said = ["雪松科技发布了Cedar-3。", "雪松科技发布了Cedar-3。", "Cedar-3由雪松科技推出。"]
    ev = [{"sentence": s, "title": "雪松发布会", "date": "2024-06-01", "url": "https://example.com/c", "role": ""}
          for s in said]
    ev.append({"sentence": "雪松的Cedar-3今天上线。", "title": "另一篇报道", "date": "2024-06-02", "url": "", "role": ""})
    g.add_edge(base + "org/cedar", base + "model/cedar-3", key="released", relation="released", evidence=ev)
    load(browser, write_html(g, tmp_path / "p.html", entity_links=True))
    browser.eval(f"kgView.showNode({json.dumps(node_id(browser, '雪松科技'))}); true")
    text = browser.eval("document.getElementById('kg-panel').innerText")
    assert browser.eval("document.querySelectorAll('#kg-panel .kg-fact').length") == 1   # one fact
    assert text.count("雪松发布会") == 1 and text.count("另一篇报道") == 1                # each article once
    assert text.count("雪松科技发布了Cedar-3。") == 1 and "Cedar-3由雪松科技推出。" in text
    assert browser.eval("document.querySelector('#kg-panel .kg-head a').getAttribute('href')") == "/id/org/cedar"
    load(browser, write_html(g, tmp_path / "q.html"))                                  # off by default
    browser.eval(f"kgView.showNode({json.dumps(node_id(browser, '雪松科技'))}); true")
    assert browser.eval("document.querySelector('#kg-panel .kg-head a')") is None


def test_view_template_js_and_css_are_package_data(tmp_path: Path) -> None:
    import fnmatch
    import tomllib

    root = Path(__file__).resolve().parent.parent
    globs = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]["kg"]
    assets = [p.relative_to(root / "kg").as_posix() for p in (root / "kg" / "view" / "templates").rglob("*")
              if p.is_file()]
    assert {"view/templates/graph.html", "view/templates/graph.js", "view/templates/graph.css"} <= set(assets)
    assert all(any(fnmatch.fnmatch(a, g) for g in globs) for a in assets), (assets, globs)
    page = write_html(toy_graph(), tmp_path / "t.html").read_text("utf-8")
    for name in ("graph.js", "graph.css"):
        assert (root / "kg" / "view" / "templates" / name).read_text("utf-8").strip() in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_view_layout_keeps_units_by_their_parent_and_is_repeatable() -> None:
    import math

    from kg.view.layout import force_layout

    # two organisations releasing 20 models each, a unit of the second, and a chain joining them
    nodes = ["a", "b", "unit", *(f"m{i}" for i in range(40)), *(f"c{i}" for i in range(5))]
    edges = [("a" if i < 20 else "b", f"m{i}", 1.0) for i in range(40)]
    edges += [("a", "c0", 1.0), *((f"c{i}", f"c{i + 1}", 1.0) for i in range(4)), ("c4", "b", 1.0),
              ("unit", "b", 4.0), ("unit", "m39", 1.0)]
    pos = force_layout(nodes, edges, spacing=100)
    assert pos == force_layout(nodes, edges, spacing=100)

    def dist(u: str, v: str) -> float:
        return math.dist(pos[u], pos[v])

    released = sorted(dist("a" if i < 20 else "b", f"m{i}") for i in range(40))
    assert dist("unit", "b") < released[len(released) // 2]          # the unit sits by its parent
    assert dist("a", "b") > 2 * released[len(released) // 2]          # the two clusters apart
    assert min(dist(u, v) for u in nodes for v in nodes if u < v) > 10   # nobody on top of anybody
    big = [f"n{i}" for i in range(2000)]
    far = force_layout(big, [(f"n{i}", f"n{(i * 7 + 1) % 2000}", 1.0) for i in range(2000)])
    assert len(far) == 2000 and all(math.isfinite(x) and math.isfinite(y) for x, y in far.values())


@needs_chromium
def test_view_zoomed_out_only_the_best_connected_are_named(browser: Chromium, tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    for i in range(600):      # a chain of hubs, each with its own satellites; hub i is mentioned most
        g.add_node(f"n{i}", label=f"实体{i}", type="Organization", aliases=[], facts=[],
                   mentions=50 if i % 20 == 0 else 1)
        if i % 20:
            g.add_edge(f"n{i - i % 20}", f"n{i}", key="worksFor", evidence=[])
        elif i:
            g.add_edge(f"n{i - 20}", f"n{i}", key="subsidiaryOf", evidence=[])
    load(browser, write_html(g, tmp_path / "zoom.html"))
    visible = "network.body.nodes[{}].labelModule.visible()"
    hub, leaf = node_id(browser, "实体0"), node_id(browser, "实体599")
    assert browser.eval(visible.format(json.dumps(hub))) is True
    assert browser.eval(visible.format(json.dumps(leaf))) is False
    browser.eval(f"network.moveTo({{position: network.getPositions([{json.dumps(leaf)}])[{json.dumps(leaf)}], "
                 "scale: 1.5}); network.redraw(); true")
    browser.wait_for(visible.format(json.dumps(leaf)), timeout=10)        # zooming in names it
