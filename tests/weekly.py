"""A store for the analyst's-week tests: the seed article (May 2024) and two short June articles of our own
in which DeepSeek-V2 gets a price and then a cut (the second with markup in its title, to check escaping)."""

from __future__ import annotations

from pathlib import Path

from kg import api

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "price-war-2024-05.md"

JUNE = {
    "june-a.md": """---
id: test-price-june-a
title: 深度求索公布新价格
source: 测试日报
date: 2024-06-03
lang: zh
---

6月3日,DeepSeek宣布,DeepSeek-V2的API调用价格为每百万tokens 2元。
""",
    "june-b.md": """---
id: test-price-june-b
title: "<script>alert(1)</script> 价格再降"
source: 测试日报
date: 2024-06-12
lang: zh
---

6月12日,DeepSeek宣布,DeepSeek-V2的API调用价格下调至每百万tokens 1元,降幅50%。
""",
}


def build_weekly_store(folder: Path) -> Path:
    """Write the June articles under ``folder`` and build a store of them and the seed; returns the store."""
    articles = folder / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    for name, text in JUNE.items():
        (articles / name).write_text(text, encoding="utf-8")
    store = folder / "store"
    summary = api.build([SEED, articles], store=store, jobs=1)
    assert summary.ok and len(summary.added) == 3, summary.failed
    return store
