"""kg plot prices: the price-per-million-tokens chart, self-contained."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg import api
from kg.errors import KGError
from kg.plot import price_points

ARTICLE = ("---\nid: p\ndate: 2024-06-01\ntitle: 价格测试\n---\n"
           "6月1日，雪松科技将Cedar-3-Pro的输入价格从每百万tokens 4元下调至1元，Cedar-3-Lite全面免费。"
           "Orca-2的输入价格为2美元/百万tokens。\n")


def test_plot_prices_points_and_self_contained_page(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text(ARTICLE, "utf-8")
    api.build([tmp_path / "p.md"], store=tmp_path / "s")
    from kg.store import open_store

    points = price_points(open_store(tmp_path / "s"), currency="CNY")
    cedar = [(p.day, p.per_million) for p in points if p.model == "Cedar-3-Pro"]
    assert (dt.date(2024, 6, 1), 1.0) in cedar and any(v == 4.0 for _, v in cedar)
    assert any(p.model == "Cedar-3-Lite" and p.per_million is None for p in points)
    assert not any(p.model == "Orca-2" for p in points)          # USD, filtered out
    page = api.plot_prices(tmp_path / "prices.html", store=tmp_path / "s", currency="CNY").read_text("utf-8")
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
    page = api.plot_prices(tmp_path / "Prices.HTML", store=tmp_path / "s", currency="cny")    # any case
    assert "Cedar-3-Pro" in page.read_text("utf-8") and "Orca-2" not in page.read_text("utf-8")
