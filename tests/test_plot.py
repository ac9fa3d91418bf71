"""kg plot prices: the price-per-million-tokens chart, self-contained; the seed's chart in headless Chromium."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg import api
from kg.errors import KGError
from kg.plot import PricePoint, price_figure, price_points, segments
from tests.chromium import Chromium
from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parent.parent
needs_chromium = pytest.mark.requires_tool("chromium")

ARTICLE = ("---\nid: p\ndate: 2024-06-01\ntitle: 价格测试\n---\n"
           "6月1日，雪松科技将Cedar-3-Pro的输入价格从每百万tokens 4元下调至1元，Cedar-3-Lite全面免费。"
           "Orca-2的输入价格为2美元/百万tokens。\n")
PWN = "window.__pwned=1"
HOSTILE = ("---\nid: h\ndate: 2024-06-03\n"
           f"title: \"<img src=x onerror={PWN}><b>粗</b>\"\n---\n"
           "6月3日，雪松科技将Cedar-3-Pro的输入价格从每百万tokens 1元下调至0.5元。\n")


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("plot") / "store"
    assert api.build([ROOT / "corpus"], store=store).ok
    return store


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    require_tool("chromium")
    with Chromium() as b:
        yield b


def open_chart(browser: Chromium, page: Path) -> dict[str, Any]:
    """The drawn chart as plotly holds it: x-range in days, legend texts, traces."""
    browser.events.clear()
    browser.open(page)
    browser.wait_for("(document.querySelector('.js-plotly-plot') || {})._fullLayout !== undefined"
                     " && document.querySelectorAll('.legendtext').length > 0", timeout=60)
    return browser.eval("""(() => {
        const gd = document.querySelector('.js-plotly-plot'), r = gd._fullLayout.xaxis.range;
        return {days: (Date.parse(r[1]) - Date.parse(r[0])) / 86400000,
                legend: [...document.querySelectorAll('.legendtext')].map(t => t.textContent),
                traces: gd._fullData.map(t => ({name: t.name, x: [...t.x], y: [...t.y], visible: t.visible,
                                                yaxis: t.yaxis, text: [...t.hovertext]}))};
    })()""")


def test_plot_prices_points_and_self_contained_page(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text(ARTICLE, "utf-8")
    api.build([tmp_path / "p.md"], store=tmp_path / "s")
    from kg.store import open_store

    points = price_points(open_store(tmp_path / "s"), currency="CNY")
    cedar = [(p.day, p.per_million) for p in points if p.model == "Cedar-3-Pro"]
    assert (dt.date(2024, 6, 1), 1.0) in cedar and any(v == 4.0 for _, v in cedar)
    lite = [p for p in points if p.model == "Cedar-3-Lite"]
    assert lite and lite[0].per_million is None and lite[0].currency == "CNY"   # free, counted in its maker's CNY
    assert not any(p.model == "Orca-2" for p in points)          # USD, filtered out
    chart = api.plot_prices(tmp_path / "prices.html", store=tmp_path / "s", currency="CNY")
    page = chart.path.read_text("utf-8")
    assert chart.matched == len(points)
    # plotly writes non-ASCII text as JSON escapes
    assert "Cedar-3-Pro" in page and "价格测试".encode("unicode_escape").decode() in page
    assert '<script src="http' not in page and "cdn.plot.ly" not in page.split("<body>")[-1][:2000]


def test_plot_prices_refuses_image_outputs_before_any_work(tmp_path: Path) -> None:
    for name in ("prices.png", "prices.svg", "prices.pdf", "prices.jpeg"):
        with pytest.raises(KGError) as info:        # a missing store: the output is checked first
            api.plot_prices(tmp_path / name, store=tmp_path / "no-store")
        assert info.value.code == "E043" and "only .html is supported" in str(info.value)
        assert not (tmp_path / name).exists()
    (tmp_path / "p.md").write_text(ARTICLE, "utf-8")
    api.build([tmp_path / "p.md"], store=tmp_path / "s")
    page = api.plot_prices(tmp_path / "Prices.HTML", store=tmp_path / "s", currency="cny").path    # any case
    assert "Cedar-3-Pro" in page.read_text("utf-8") and "Orca-2" not in page.read_text("utf-8")


def test_plot_segments_run_from_start_to_end() -> None:
    def p(model: str, day: str, per: float | None, until: str | None = None, stated: bool = True) -> PricePoint:
        return PricePoint(model, dt.date.fromisoformat(day), per, "CNY", "input", "t", "M",
                          dt.date.fromisoformat(until) if until else None, "2024-05-22", 1, stated)

    segs = segments([p("a", "2024-05-01", 4.0), p("a", "2024-06-01", 1.0), p("a", "2024-06-01", 1.0),
                     p("b", "2024-05-19", 8.0, "2024-05-22", stated=False)])
    a = segs[("a", "input", "CNY", False)]
    assert [(s.start, s.end, s.point.per_million) for s in a] == [
        (dt.date(2024, 5, 1), dt.date(2024, 6, 1), 4.0), (dt.date(2024, 6, 1), None, 1.0)]
    assert len(a[1].sources) == 2                       # one price, two mentions: one segment
    assert segs[("b", "input", "CNY", False)][0].end == dt.date(2024, 5, 22)


def test_plot_draws_the_top_models_and_keeps_the_rest_a_click_away() -> None:
    points = [PricePoint(f"模型{i:02d}", dt.date(2024, 5, 1 + i % 20), 1.0 + i, "CNY", "input", "t",
                         f"厂商{i % 4}", None, "2024-05-01", 40 - i) for i in range(30)]
    fig, shown, total = price_figure(points, "t", top=5)
    assert (shown, total) == (5, 30)
    visible = {t.meta for t in fig.data if t.visible is True}
    assert visible == {f"模型{i:02d}" for i in range(5)}            # the most mentioned
    assert all(t.visible == "legendonly" for t in fig.data if t.meta not in visible)
    buttons = fig.layout.updatemenus[0].buttons
    assert buttons[1].label == "all 30 models" and buttons[1].args[0]["visible"] == [True] * 30
    assert {t.legendgroup for t in fig.data} == {f"厂商{i}" for i in range(4)}    # grouped by maker
    assert len({t.line.color for t in fig.data}) == 4                              # a colour per maker


@needs_chromium
def test_plot_seed_chart_spans_days_with_a_currency_in_every_legend_entry(browser: Chromium, seed_store: Path,
                                                                          tmp_path: Path) -> None:
    chart = open_chart(browser, api.plot_prices(tmp_path / "prices.html", store=seed_store).path)
    assert chart["days"] >= 1, chart["days"]                 # the seed's prices all date from one day
    entries = [text for text in chart["legend"] if " · " in text]     # the others: makers' group titles
    assert len(entries) == len(chart["traces"]) == 8 and all(text.endswith(" · CNY") for text in entries), entries
    assert {"科大讯飞", "百度", "腾讯云", "字节跳动"} <= set(chart["legend"])
    by_name = {t["name"].split(" · ")[0]: t for t in chart["traces"] if " · free · " not in t["name"]}
    # two models at one price are two lines, each hovering with its own name
    assert by_name["讯飞星火Max"]["y"][0] != by_name["讯飞星火Pro"]["y"][0]
    assert "讯飞星火Max" in by_name["讯飞星火Max"]["text"][0] and "21 CNY" in by_name["讯飞星火Max"]["text"][0]
    # 混元-lite's old price ends where it ended, the day it became free
    old = by_name["混元-lite"]
    assert old["x"][-1].startswith("2024-05-22") and old["x"][0] < "2024-05-22"
    free = [t for t in chart["traces"] if " · free · " in t["name"]]
    assert len(free) == 4 and len({t["y"][0] for t in free}) == 4    # free tiers one row each, none hidden
    assert len({t["yaxis"] for t in free}) == 1 and free[0]["yaxis"] != old["yaxis"]
    assert all(u.startswith(("file:", "data:")) for u in browser.requests()), browser.requests()


@needs_chromium
def test_plot_no_prices_match_is_a_page_that_says_so(browser: Chromium, seed_store: Path, tmp_path: Path) -> None:
    for options, asked in (({"currency": "usd"}, "--currency USD"), ({"models": ["nosuch"]}, "--models nosuch")):
        chart = api.plot_prices(tmp_path / "none.html", store=seed_store, **options)
        assert chart.matched == 0
        browser.open(chart.path)
        text = browser.wait_for("document.body && document.body.innerText", timeout=20)
        assert text.startswith("No prices match") and asked in text and "CNY" in text, text
    cli = subprocess.run([sys.executable, "-m", "kg.cli", "--store", str(seed_store), "plot", "prices",
                          "--currency", "USD", "-o", str(tmp_path / "cli.html")], capture_output=True, text=True)
    assert cli.returncode == 1 and cli.stderr.startswith("kg: no prices match --currency USD"), cli.stderr
    assert "No prices match" in (tmp_path / "cli.html").read_text("utf-8")


@needs_chromium
def test_plot_untrusted_titles_are_text_in_hover_labels(browser: Chromium, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.md").write_text(ARTICLE, "utf-8")
    (tmp_path / "a" / "h.md").write_text(HOSTILE, "utf-8")
    assert api.build([tmp_path / "a"], store=tmp_path / "s").ok
    chart = open_chart(browser, api.plot_prices(tmp_path / "h.html", store=tmp_path / "s").path)
    pro = [i for i, t in enumerate(chart["traces"]) if t["name"].startswith("Cedar-3-Pro")]
    assert pro
    texts = chart["traces"][pro[0]]["text"]
    point = next(i for i, t in enumerate(texts) if "&lt;img src=x onerror=" in t)    # escaped for plotly
    shown = browser.eval(f"""(() => {{ const gd = document.querySelector('.js-plotly-plot');
        Plotly.Fx.hover(gd, [{{curveNumber: {pro[0]}, pointNumber: {point}}}]);
        return [...document.querySelectorAll('.hovertext')].map(h => h.textContent).join(' '); }})()""")
    assert "<img src=x onerror=" in shown and "<b>粗</b>" in shown, shown          # shown as text
    assert browser.eval("window.__pwned") is None
    assert browser.eval("document.querySelectorAll('img, b').length") == 0


def test_plot_a_price_known_by_its_end_joins_the_same_price_with_a_start() -> None:
    def p(day: str, per: float, until: str | None = None, stated: bool = True) -> PricePoint:
        return PricePoint("a", dt.date.fromisoformat(day), per, "CNY", "input", "t", "M",
                          dt.date.fromisoformat(until) if until else None, day, 1, stated)

    # article 1: cut from 4 to 1 on 1 June; article 2: cut from 1 to 0.5 on 3 June
    segs = segments([p("2024-05-29", 4.0, "2024-06-01", stated=False), p("2024-06-01", 1.0),
                     p("2024-05-31", 1.0, "2024-06-03", stated=False), p("2024-06-03", 0.5)])
    assert [(s.start.day, s.end.day if s.end else None, s.point.per_million)
            for s in segs[("a", "input", "CNY", False)]] == [(29, 1, 4.0), (1, 3, 1.0), (3, None, 0.5)]
