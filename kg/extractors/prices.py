"""Prices and price changes of models.

A price is an amount in a currency unit per a number of tokens
("0.0008元/千tokens", "每百万tokens输入1元", "10美元/百万tokens"), normalised to
``per_million`` tokens in the stated currency. It belongs to the nearest model
named before it in the same sentence. "免费" makes a free price; comparisons
with other models or the industry ("比行业便宜99%", "为GPT-4-Turbo的近百分之一")
are not prices of the model.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..extract import Context, Sentence, extractor
from ..records import Extraction, Mention, Price, PriceChange

# currency unit -> (ISO 4217 code, factor to the main unit)
CURRENCY_UNITS: dict[str, tuple[str, Decimal]] = {
    "元": ("CNY", Decimal(1)), "块钱": ("CNY", Decimal(1)), "块": ("CNY", Decimal(1)), "人民币": ("CNY", Decimal(1)),
    "角": ("CNY", Decimal("0.1")), "分": ("CNY", Decimal("0.01")), "分钱": ("CNY", Decimal("0.01")),
    "厘": ("CNY", Decimal("0.001")),
    "美元": ("USD", Decimal(1)), "美分": ("USD", Decimal("0.01")), "欧元": ("EUR", Decimal(1)),
    "日元": ("JPY", Decimal(1)), "港元": ("HKD", Decimal(1)), "英镑": ("GBP", Decimal(1)),
}
TOKEN_UNITS: dict[str, int] = {"": 1, "个": 1, "一": 1, "千": 1000, "1000": 1000, "1k": 1000, "K": 1000, "k": 1000,
                               "万": 10_000, "百万": 1_000_000, "1M": 1_000_000, "M": 1_000_000,
                               "1000000": 1_000_000, "一百万": 1_000_000, "千万": 10_000_000, "亿": 100_000_000}
NUM = r"(?P<num>\d+(?:\.\d+)?)"
CUR = "(?P<cur>" + "|".join(sorted(map(re.escape, CURRENCY_UNITS), key=len, reverse=True)) + ")"
TOK = r"(?P<tok>百万|一百万|千万|千|万|亿|1000000|1000|1[kKM]|[kKM])?\s*(?:个)?\s*(?:tokens?|Tokens?|TOKENS?)"
# 0.0008元/千tokens ; 10美元/百万tokens ; 12元、24元和60元/百万tokens (last amount carries the unit)
AMOUNT_PER = re.compile(NUM + r"\s*" + CUR + r"\s*(?:/|每)\s*" + TOK)
# 每百万tokens输入1元、输出2元
PER_AMOUNT = re.compile(r"每\s*" + TOK + r"\s*(?P<kind>输入|输出)?\s*(?:价格)?(?:为|仅为|仅)?\s*" + NUM + r"\s*" + CUR)
FOLLOW_AMOUNT = re.compile(r"^\s*[、,，]\s*(?P<kind>输入|输出)\s*" + NUM + r"\s*" + CUR)
LIST_AMOUNT = re.compile(NUM + r"\s*" + CUR + r"\s*(?:、|和|及|与|,|，)\s*")
FREE = re.compile(r"免费|归零|零元|0元")
COMPARISON_BEFORE = re.compile(r"(?:比|较|相当于|约合|合|是|为)[^，,。；;]{0,20}?(?:的)?$")
COMPARISON_AFTER = re.compile(r"^(?:的\d|的近|的约|的百分之|倍)")
NOT_PRICE_AFTER = re.compile(r"^\s*(?:文本|图片|张|的(?:成本|费用|收入))")

CHANGE_PERCENT = re.compile(r"(?:降价|直降|降幅(?:为|达)?|下降|下调|降低|便宜|打折|上涨|涨价|提价|上调|涨幅(?:为|达)?)\s*"
                            r"(?P<pct>\d+(?:\.\d+)?)\s*%")
CHANGE_TIMES = re.compile(r"(?:下降|降低|降价|便宜)\s*(?P<n>\d+(?:\.\d+)?)\s*倍")
CHINESE_FRACTIONS = {"二分之一": 2, "三分之一": 3, "四分之一": 4, "五分之一": 5, "十分之一": 10, "百分之一": 100,
                     "一半": 2, "千分之一": 1000}
CHANGE_FRACTION = re.compile(r"(?:降至|降为|降到|下降到|下降至|只有|仅为)(?:原来|原价|此前|之前)的(?P<frac>"
                             + "|".join(CHINESE_FRACTIONS) + ")")
HALVED = re.compile(r"腰斩")
COMPARATIVE_CHANGE = re.compile(r"比[^，,。；;]{0,12}$")


def model_before(sent: Sentence, pos: int, models: list[Mention]) -> Mention | None:
    before = [m for m in models if m.end <= pos]
    return before[-1] if before else None


def token_kind(text: str) -> str | None:
    if "输入" in text:
        return "input"
    if "输出" in text:
        return "output"
    return None


def cache_status(text: str) -> str | None:
    if "未命中" in text:
        return "miss"
    if "命中" in text:
        return "hit"
    return None


def make_price(amount_text: str, cur: str, tok: str | None) -> tuple[Decimal, str, int, Decimal] | None:
    try:
        amount = Decimal(amount_text)
    except InvalidOperation:
        return None
    code, factor = CURRENCY_UNITS[cur]
    unit = TOKEN_UNITS.get(tok or "", None)
    if unit is None or amount < 0:
        return None
    main = amount * factor
    per_million = (main * Decimal(1_000_000) / Decimal(unit)).normalize()
    return main, code, unit, per_million


@extractor("prices")
def prices(ctx: Context, out: Extraction) -> None:
    for sent in ctx.sentences:
        models = [m for m in sent.mentions if m.type == "Model"]
        if not models:
            continue
        text, base = sent.text, sent.start
        found: list[tuple[int, int, Decimal, str, int, Decimal, str | None]] = []
        for m in AMOUNT_PER.finditer(text):
            made = make_price(m.group("num"), m.group("cur"), m.group("tok"))
            if made:
                found.append((m.start(), m.end(), *made, None))
                # 12元、24元和60元/百万tokens: earlier amounts share this unit
                j = m.start()
                while True:
                    lm = None
                    for cand in LIST_AMOUNT.finditer(text, max(0, j - 20), j):
                        if cand.end() == j:
                            lm = cand
                    if not lm:
                        break
                    made2 = make_price(lm.group("num"), lm.group("cur"), m.group("tok"))
                    if made2:
                        found.append((lm.start(), lm.end(), *made2, None))
                    j = lm.start()
        for m in PER_AMOUNT.finditer(text):
            made = make_price(m.group("num"), m.group("cur"), m.group("tok"))
            if made:
                found.append((m.start(), m.end(), *made, "input" if m.group("kind") == "输入" else
                              "output" if m.group("kind") == "输出" else None))
                f = FOLLOW_AMOUNT.match(text[m.end():])
                if f:
                    made2 = make_price(f.group("num"), f.group("cur"), m.group("tok"))
                    if made2:
                        kind = "input" if f.group("kind") == "输入" else "output"
                        found.append((m.end() + f.start(), m.end() + f.end(), *made2, kind))
        found.sort(key=lambda f: f[0])
        for start, end, amount, code, unit, per_million, kind in found:
            if COMPARISON_BEFORE.search(text[max(0, start - 24):start]) and "约合" in text[max(0, start - 6):start]:
                continue
            if NOT_PRICE_AFTER.match(text[end:]):
                continue
            model = model_before(sent, base + start, models)
            if model is None:
                continue
            clause_start = max(text.rfind(c, 0, start) for c in "，,；;") + 1
            context = text[clause_start:start]
            old_new = text[max(0, start - 3):start]
            valid_from = valid_until = None
            when = ctx.date_in(text)
            if old_new.endswith("从"):
                valid_until = when
            elif re.search(r"(?:降至|调整为|下调至|下调到|降到|降为|上调至)$", old_new):
                valid_from = when
            out.prices.append(Price(
                model=model, evidence=ctx.evidence(sent, "amount-per-tokens"), currency=code, amount=amount,
                unit_tokens=unit, per_million=per_million, token_kind=kind or token_kind(context),
                cache=cache_status(context), valid_from=valid_from, valid_until=valid_until))
        # free tiers: 全面免费, 免费开放
        for m in FREE.finditer(text):
            clause_start = max(text.rfind(c, 0, m.start()) for c in "。；;") + 1
            in_clause = [x for x in models if clause_start <= x.start - base < m.start()]
            if not in_clause or re.search(r"不|并非|而非|未", text[max(0, m.start() - 3):m.start()]):
                continue
            # every model named in the clause before the word shares it (ERNIE Speed和ERNIE Lite免费)
            for model in in_clause[-3:]:
                out.prices.append(Price(model=model, evidence=ctx.evidence(sent, "free"), is_free=True,
                                        currency=None, valid_from=ctx.date_in(text)))


@extractor("priceChanges")
def price_changes(ctx: Context, out: Extraction) -> None:
    for sent in ctx.sentences:
        models = [m for m in sent.mentions if m.type == "Model"]
        if not models:
            continue
        text, base = sent.text, sent.start
        changes: list[tuple[int, float]] = []
        for m in CHANGE_PERCENT.finditer(text):
            if COMPARATIVE_CHANGE.search(text[:m.start()]) or "便宜" in m.group(0):
                continue        # 比行业便宜99%: a comparison, not a change
            pct = float(m.group("pct"))
            sign = 1 if re.match(r"上涨|涨价|提价|上调|涨幅", m.group(0)) else -1
            changes.append((m.start(), sign * pct))
        for m in CHANGE_TIMES.finditer(text):
            n = float(m.group("n"))
            if n > 1:
                changes.append((m.start(), -round((1 - 1 / n) * 100, 2)))
        for m in CHANGE_FRACTION.finditer(text):
            changes.append((m.start(), -round((1 - 1 / CHINESE_FRACTIONS[m.group("frac")]) * 100, 2)))
        for m in HALVED.finditer(text):
            changes.append((m.start(), -50.0))
        for pos, pct in changes:
            model = model_before(sent, base + pos, models)
            if model is None:
                continue
            clause_start = max(text.rfind(c, 0, pos) for c in "。；;") + 1
            out.changes.append(PriceChange(model=model, percent=pct, evidence=ctx.evidence(sent, "price-change"),
                                           date=ctx.date_in(text), token_kind=token_kind(text[clause_start:pos])))
