"""Prices in Markdown tables of Chinese articles: a header names each column's token kind and cache, the unit
is in a header cell or in a line just above the table, a row names a model.

    岩思4系列价格一览(单位:元/百万tokens)

    | 模型 | 输入(缓存命中) | 输入(缓存未命中) | 输出 |
    |---|---|---|---|
    | 岩思4-Pro | 1 | 4 | 16 |

A line above may name the token unit alone ("均为每百万tokens") when the cells carry their own currency, one
amount or more in each, with the cache before it: "缓存命中¥1($0.14)/未命中¥4($0.55)" (CNY and USD both).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..records import Evidence, Extraction, Mention, Price
from ..text.numbers import number, plain
from ..text.patterns import alternation
from ..text.tables import cells, tables
from .base import Context, extractor
from .prices import (
    CACHE_WORDS,
    CURRENCY_UNITS,
    FREE,
    KIND_WORDS,
    NUM,
    PER_FIRST,
    TOKEN_UNIT,
    find_quotes,
    last_word,
    token_unit,
)

# 元/百万tokens, 美元/1M tokens: a currency, a slash and a token unit
UNIT = re.compile(r"(?P<cur>" + alternation(list(CURRENCY_UNITS)) + r")\s*/\s*" + TOKEN_UNIT)
# a cell's amount: a number first (a note may follow: "10(缓存命中2.5)")
# 每百万tokens: a token unit without a currency, for cells that carry their own (¥1 / $0.14)
TOKENS_ONLY = re.compile(PER_FIRST + r"\s*" + TOKEN_UNIT)
AMOUNT = re.compile(r"^\s*(?P<num>" + NUM + r")(?![\d.%])")
LINES_ABOVE = 2             # how far above the table a "单位：元/百万tokens" line may stand


@dataclass(frozen=True)
class Column:
    kind: str | None
    cache: str | None


@dataclass(frozen=True)
class Unit:
    currency: str | None     # None: each cell names its currency with a sign
    factor: Decimal          # of the currency word to its main unit (分 → 0.01)
    tokens: int


def unit_in(text: str) -> Unit | None:
    m = UNIT.search(text)
    tu = token_unit(m) if m else None
    if m is None or tu is None:
        bare = TOKENS_ONLY.search(text)
        tu = token_unit(bare) if bare else None
        return Unit(None, Decimal(1), tu.tokens) if tu else None
    code, factor = CURRENCY_UNITS[m.group("cur")]
    return Unit(code, factor, tu.tokens)


def table_unit(text: str, start: int, header: str) -> Unit | None:
    """The unit a header cell names, else the one a line just above the table names."""
    above = text[:start].rstrip("\n").split("\n")[-LINES_ABOVE:]
    return unit_in(header) or next((u for u in map(unit_in, reversed(above)) if u), None)


@extractor("priceTables")
def price_tables(ctx: Context, out: Extraction) -> None:
    starts = [s.start for s in ctx.sentences]
    for run in tables(ctx.text):
        head = cells(run[0][1], run[0][0])
        unit = table_unit(ctx.text, run[0][0], run[0][1])
        columns = [Column(last_word(c, KIND_WORDS), last_word(c, CACHE_WORDS)) for _, c in head]
        priced = [i for i, c in enumerate(columns) if c.kind or c.cache]
        if unit is None or not priced:
            continue
        for start, line in run[2:]:
            row = cells(line, start)
            model = row_model(ctx.mentions, [cell for i, cell in enumerate(row) if i not in priced])
            index = max(0, sum(1 for s in starts if s <= start) - 1)
            if model is None or not ctx.sentences:
                continue
            evidence = ctx.evidence(ctx.sentences[index], "price-table")
            for i in (i for i in priced if i < len(row)):
                _add_cell(out, model, evidence, row[i][1], columns[i], unit)


def row_model(mentions: list[Mention], named: list[tuple[int, str]]) -> Mention | None:
    """The model a row names: the first model in the cells that hold no price (| 厂商 | 模型 | 输入 | …: the
    maker may come first)."""
    for start, cell in named:
        found = next((m for m in mentions if m.type == "Model" and start <= m.start < start + len(cell)), None)
        if found:
            return found
    return None


def _add_cell(out: Extraction, model: Mention, evidence: Evidence, cell: str, col: Column, unit: Unit) -> None:
    amount = AMOUNT.match(cell)
    value = number(amount.group("num")) if amount else None
    if value is None and FREE.search(cell):
        if any(p.is_free and p.model == model for p in out.prices):
            return          # the row's 免费 was read already (by the sentence rules or an earlier column)
        out.prices.append(Price(model=model, evidence=evidence, is_free=True, token_kind=col.kind, cache=col.cache))
        return
    # amounts with their own currency (¥1, 0.15美元) come before the table's: a column in 元 may hold a row in 美元
    own = [q for q in find_quotes(cell) if q.unit is None or q.unit.tokens == unit.tokens]
    if amount and value is not None and unit.currency and not any(q.start <= amount.start("num") < q.end for q in own):
        _add_price(out, model, evidence, value * unit.factor, unit.currency, unit.tokens, col.kind, col.cache)
    for q in own:
        cache = last_word(cell[:q.start], CACHE_WORDS) or col.cache
        _add_price(out, model, evidence, q.amount, q.currency, unit.tokens, col.kind, cache)


def _add_price(out: Extraction, model: Mention, evidence: Evidence, main: Decimal, currency: str, tokens: int,
               kind: str | None, cache: str | None) -> None:
    out.prices.append(Price(
        model=model, evidence=evidence, currency=currency, amount=plain(main), unit_tokens=tokens,
        per_million=plain(main * Decimal(1_000_000) / tokens), is_free=main == 0, token_kind=kind, cache=cache))
