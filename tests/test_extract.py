"""The extraction context every extractor reads."""

from __future__ import annotations

from pathlib import Path

from kg.analyse import analyse
from kg.extractors.base import Context
from tests.conftest import make_article


def test_extract_shared_is_computed_once_per_article() -> None:
    ctx = Context(analyse(make_article("星图智能发布了Nova-2-Pro。")))
    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        return [len(calls)]

    first = ctx.shared("numbers", compute)
    assert ctx.shared("numbers", compute) is first and calls == [1]
    other = Context(analyse(make_article("星图智能发布了Nova-2-Pro。")))
    assert other.shared("numbers", compute) == [2]         # a new article computes its own


def test_extract_claims_quote_a_traditional_article_as_written(tmp_path: Path) -> None:
    from kg.pipeline import process
    from kg.read import read_article

    text = "---\nid: tw\nlang: zh\n---\n青嶺科技執行長吳思遠表示:「開源模型會讓價格繼續下降,這對客戶是好事。」\n"
    (tmp_path / "tw.md").write_text(text, "utf-8")
    x = process(read_article(tmp_path / "tw.md"))
    assert [c.text for c in x.claims] == ["開源模型會讓價格繼續下降,這對客戶是好事"]
