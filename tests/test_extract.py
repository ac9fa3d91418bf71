"""The extraction context every extractor reads."""

from __future__ import annotations

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
