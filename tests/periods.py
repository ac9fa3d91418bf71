"""Articles for the price-period tests: one model's price reported by several articles, changed, and changed back."""

from __future__ import annotations

from pathlib import Path

from kg import api

# (id, date, price in CNY per million tokens): 2 twice (one day apart, and twice on one day), then 1, then 2 again
REPORTS = [("period-a", "2024-06-03", 2), ("period-b", "2024-06-05", 2), ("period-c", "2024-06-05", 2),
           ("period-d", "2024-06-12", 1), ("period-e", "2024-06-20", 2)]


def article(article_id: str, date: str, price: int) -> str:
    month, day = int(date[5:7]), int(date[8:])
    return f"""---
id: {article_id}
title: 砚池价格
source: 测试周报
date: {date}
lang: zh
---

{month}月{day}日,DeepSeek宣布,DeepSeek-V2的API调用价格为每百万tokens {price}元。
"""


def build_period_store(folder: Path) -> Path:
    """Write the articles under ``folder`` and build a store of them; returns the store."""
    articles = folder / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    for article_id, date, price in REPORTS:
        (articles / f"{article_id}.md").write_text(article(article_id, date, price), encoding="utf-8")
    store = folder / "store"
    summary = api.build([articles], store=store, jobs=1)
    assert summary.ok and len(summary.added) == len(REPORTS), summary.failed
    return store
