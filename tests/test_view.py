"""The HTML viewer: pure selection tests, then the real page in headless Chromium with the network off.

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``): no
Playwright, no websocket, nothing to download. ``scripts/bench_view.py`` reuses ``Chromium``.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg import api
from kg.graph import to_networkx
from kg.store import open_store
from kg.view import MAX_NODES, ViewError, subgraph, write_html
from tests.conftest import require_tool

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
needs_chromium = pytest.mark.requires_tool("chromium")    # skipped without it, a failure under CI=true


# ------------------------------------------------------------------ a small DevTools-protocol client

class Chromium:
    """Headless Chromium on a fresh profile, one page, the network emulated offline."""

    def __init__(self, path: str = CHROMIUM, width: int = 1280, height: int = 800) -> None:
        self.profile = tempfile.mkdtemp(prefix="kg-chromium-")
        to_child, self._w = os.pipe()   # we write commands -> Chromium reads fd 3
        self._r, from_child = os.pipe()  # Chromium writes fd 4 -> we read

        def pipes() -> None:  # in the child: the pipes as fds 3 and 4, inheritable
            a, b = os.dup(to_child), os.dup(from_child)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.log = open(Path(self.profile) / "stderr.log", "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [path, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe",
             f"--window-size={width},{height}", "about:blank"],
            preexec_fn=pipes, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.log,
            close_fds=True, pass_fds=(3, 4))  # the fds preexec_fn sets up
        os.close(to_child)
        os.close(from_child)
        self._buf = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t["targetId"] for t in targets if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=page, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Network"):
            self.call(f"{domain}.enable")
        self.call("Network.emulateNetworkConditions", offline=True, latency=0,
                  downloadThroughput=-1, uploadThroughput=-1)
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=False)

    def _read(self, timeout: float) -> dict[str, Any] | None:
        while b"\0" not in self._buf:
            ready, _, _ = select.select([self._r], [], [], timeout)
            if not ready:
                return None
            chunk = os.read(self._r, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method: str, timeout: float = 60, **params: Any) -> dict[str, Any]:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if self.session and not method.startswith(("Target.", "Browser.")):
            msg["sessionId"] = self.session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            reply = self._read(max(0.0, left)) if left > 0 else None
            if reply is None:
                raise TimeoutError(f"{method}: no reply in {timeout} s")
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def eval(self, expression: str, timeout: float = 60) -> Any:
        res = self.call("Runtime.evaluate", timeout=timeout, expression=expression, returnByValue=True,
                        awaitPromise=True)
        if "exceptionDetails" in res:
            raise RuntimeError(f"{expression!r}: {res['exceptionDetails']}")
        return res["result"].get("value")

    def open(self, path: Path) -> None:
        self.call("Page.navigate", url=path.resolve().as_uri())

    def wait_for(self, expression: str, timeout: float = 60) -> Any:
        """Poll ``expression`` until it is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.eval(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"{expression!r} still falsy after {timeout} s")
            time.sleep(0.05)

    def click(self, x: float, y: float) -> None:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events
                if e["method"] == "Network.requestWillBeSent"]

    def errors(self) -> list[str]:
        return [json.dumps(e["params"])[:300] for e in self.events
                if e["method"] == "Runtime.exceptionThrown"]

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._r, self._w):
            try:
                os.close(fd)
            except OSError:
                pass
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ------------------------------------------------------------------ articles

ARTICLE_A = """---
id: view-a
title: 阿里云降价
source: 测试日报
date: 2024-05-21
url: https://example.com/a
---

阿里云智能集团资深副总裁、公共云事业部总裁刘伟光在宣布降价时明确表示,“降价的目的一定是普惠于市场”。
阿里云通义千问9款模型一齐降价,GPT-4级别主力模型Qwen-Long价格直降97%。
5月15日,字节豆包主力模型将其在企业市场的定价将至0.0008元/千tokens。
"""

ARTICLE_B = """---
id: view-b
title: 零一万物不降价
source: 测试日报
date: 2024-04-02
---

创新工场董事长、零一万物CEO李开复谈及价格战时表示,零一万物目前不打算降低YI系列模型的API价格,疯狂降价是双输。
零一万物的最新千亿参数模型Yi-Large以总榜第7名的成绩,进入了世界权威的LMSYS 盲测竞技场排行榜。
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
    assert "降价的目的一定是普惠于市场" in text          # the claim and its evidence sentence
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
