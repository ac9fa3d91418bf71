"""Prices in Markdown tables: a header names the columns' token kind, cache and unit, a row a model.

    | Model  | Input ($/1M tokens) | Cached input | Output ($/1M tokens) |
    |--------|---------------------|--------------|----------------------|
    | GPT-4o | 2.50                | 1.25         | 10.00                |

A column without its own unit or currency takes the table's (the first a header names).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...records import Extraction, Price
from ...text.numbers import plain
from ...text.tables import cells, tables
from ..base import Context
from .prices_quotes import MUL, NUM, SIGNS, kinds_of, number
from .prices_rules import RULES, last_in, lookup, rx, words

R = RULES
HEADER_UNIT = rx(r"(?P<tcount>" + NUM + r")?\s*(?P<tmul>" + MUL + r")\s*" + words(R.token_words) + "?")
HEADER_CURRENCY = rx(r"(?P<sign>" + SIGNS + r")|(?P<word>" + words(R.currency_words) + ")")
CELL_AMOUNT = rx(r"^\s*(?P<sign>" + SIGNS + r")?\s*(?P<num>" + NUM + r")\s*$")


@dataclass(frozen=True)
class Column:
    kind: str | None
    cache: str | None
    tokens: int | None
    currency: str | None


def column(cell: str) -> Column:
    unit = HEADER_UNIT.search(cell)
    tokens = None
    if unit:
        count = number(unit.group("tcount")) if unit.group("tcount") else Decimal(1)
        mul = lookup({k: str(v) for k, v in R.token_multipliers.items()}, unit.group("tmul"))
        tokens = int(count * Decimal(mul)) if count is not None and mul else None
    cur = HEADER_CURRENCY.search(cell)
    code = None
    if cur:
        code = lookup(R.currency_signs, cur.group("sign")) if cur.group("sign") else \
            lookup({k: v.code for k, v in R.currency_words.items()}, cur.group("word"))
    kinds = kinds_of(cell)
    cache = last_in(cell, R.cache_words)
    return Column(kinds[0] if len(kinds) == 1 else ("input" if cache else None), cache, tokens, code)


def table_prices(ctx: Context, out: Extraction) -> None:
    starts = [s.start for s in ctx.sentences]
    for run in tables(ctx.text):
        header = [column(c) for _, c in cells(run[0][1], run[0][0])]
        tokens = next((c.tokens for c in header if c.tokens), None)
        currency = next((c.currency for c in header if c.currency), None)
        priced = [i for i, c in enumerate(header) if c.kind or c.cache or c.tokens]
        if tokens is None or currency is None or not priced:
            continue
        for start, line in run[2:]:
            row = cells(line, start)
            models = [m for m in ctx.mentions if m.type == "Model" and start <= m.start < start + len(line)]
            if not models:
                continue
            index = max(0, sum(1 for s in starts if s <= start) - 1)
            sent = ctx.sentences[index] if ctx.sentences else None
            for i in priced:
                if i >= len(row) or sent is None:
                    continue
                cell = CELL_AMOUNT.match(row[i][1])
                value = number(cell.group("num")) if cell else None
                if value is None:
                    continue
                col = header[i]
                per = col.tokens or tokens
                out.prices.append(Price(
                    model=models[0], evidence=ctx.evidence(sent, "en-price-table"), currency=col.currency or currency,
                    amount=plain(value), unit_tokens=per, per_million=plain(value * Decimal(1_000_000) / per),
                    is_free=value == 0, token_kind=col.kind, cache=col.cache))
