"""Prices and price changes (kg/extractors/prices.py).

Every sentence here is written for the tests, with invented model names, so
that the rules are checked on wording they were not tuned on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extractors.prices import find_changes, find_quotes, price_moves
from kg.records import Extraction, Price

Extract = Callable[..., Extraction]


def prices_of(ex: Extraction, model: str) -> list[Price]:
    return [p for p in ex.prices if p.model.text == model]


def per_million(ex: Extraction, model: str) -> set[tuple[Decimal, str]]:
    return {(p.per_million, p.currency) for p in prices_of(ex, model) if p.per_million is not None}


def kinds(ex: Extraction) -> set[tuple[str | None, Decimal | None]]:
    return {(p.token_kind, p.per_million) for p in ex.prices}


def changes_of(ex: Extraction) -> set[tuple[str, float]]:
    return {(c.model.text, c.percent) for c in ex.changes}


# ------------------------------------------------------------ units and currencies

@pytest.mark.parametrize(("text", "value", "currency"), [
    ("Zeta-pro-8k的价格为0.004元/千tokens。", "4", "CNY"),
    ("Zeta-pro-8k的价格为0.05元/万tokens。", "5", "CNY"),
    ("Zeta-pro-8k的价格为3元/百万tokens。", "3", "CNY"),
    ("Zeta-pro-8k的价格为90元/亿tokens。", "0.9", "CNY"),
    ("Zeta-pro-8k的价格为2元/1K tokens。", "2000", "CNY"),
    ("Zeta-pro-8k的价格为0.7美元/1M tokens。", "0.7", "USD"),
    ("Zeta-pro-8k的价格为每百万tokens 6元。", "6", "CNY"),
    ("Zeta-pro-8k每1000 tokens收费0.002元。", "2", "CNY"),
    ("Zeta-pro-8k的价格为1.5元/100万tokens。", "1.5", "CNY"),
])
def test_prices_token_units_normalise_to_per_million(extract_text: Extract, text: str, value: str,
                                                      currency: str) -> None:
    assert per_million(extract_text(text), "Zeta-pro-8k") == {(Decimal(value), currency)}


@pytest.mark.parametrize(("text", "value", "currency"), [
    ("Orion-X2的价格为3角/千tokens。", "300", "CNY"),
    ("Orion-X2的价格为2分/千tokens。", "20", "CNY"),
    ("Orion-X2的价格低至0.6厘/千tokens。", "0.6", "CNY"),
    ("Orion-X2的价格为两元/百万tokens。", "2", "CNY"),
    ("Orion-X2的价格为1.5美分/千tokens。", "15", "USD"),
    ("Orion-X2的价格为4欧元/百万tokens。", "4", "EUR"),
    ("Orion-X2的价格为$0.25/1M tokens。", "0.25", "USD"),
    ("Orion-X2的价格为０.８元/百万tokens。", "0.8", "CNY"),      # full-width digits
])
def test_prices_currency_units_and_iso_codes(extract_text: Extract, text: str, value: str,
                                             currency: str) -> None:
    assert per_million(extract_text(text), "Orion-X2") == {(Decimal(value), currency)}


def test_prices_per_million_is_plain_decimal(extract_text: Extract) -> None:
    (price,) = extract_text("Orion-X3的价格为0.1元/千tokens。").prices
    assert str(price.per_million) == "100"
    assert price.amount == Decimal("0.1") and price.unit_tokens == 1000


# ------------------------------------------------------------ kinds and cache

def test_prices_input_and_output_in_separate_clauses(extract_text: Extract) -> None:
    ex = extract_text("Lyra-3的输入价格为0.002元/千tokens，输出价格为0.006元/千tokens。")
    assert kinds(ex) == {("input", Decimal(2)), ("output", Decimal(6))}


def test_prices_input_output_after_per_unit(extract_text: Extract) -> None:
    ex = extract_text("Lyra-4的定价为每百万tokens输入3元、输出9元。")
    assert kinds(ex) == {("input", Decimal(3)), ("output", Decimal(9))}


def test_prices_input_output_respectively(extract_text: Extract) -> None:
    ex = extract_text("Lyra-5的输入、输出价格分别为4元/百万tokens和16元/百万tokens。")
    assert kinds(ex) == {("input", Decimal(4)), ("output", Decimal(16))}


def test_prices_both_kinds_is_no_kind(extract_text: Extract) -> None:
    ex = extract_text("Lyra-6输入和输出价格均为2元/百万tokens。")
    assert [(p.token_kind, p.per_million) for p in ex.prices] == [(None, Decimal(2))]


def test_prices_bare_amount_after_kind_shares_the_unit(extract_text: Extract) -> None:
    ex = extract_text("Lyra-7的输入价格为每百万tokens 1元，输出价格为4元。")
    assert kinds(ex) == {("input", Decimal(1)), ("output", Decimal(4))}


def test_prices_cache_hit_and_miss(extract_text: Extract) -> None:
    ex = extract_text("Lyra-8的缓存未命中输入价格为2元/百万tokens，缓存命中输入价格为0.2元/百万tokens。")
    assert {(p.cache, p.token_kind, p.per_million) for p in ex.prices} == {
        ("miss", "input", Decimal(2)), ("hit", "input", Decimal("0.2"))}


# ------------------------------------------------------------------- free

def test_prices_free_for_every_listed_model(extract_text: Extract) -> None:
    ex = extract_text("云厂商宣布旗舰系列两款轻量模型Pi-2 Mini、Pi-2 Nano全面免费。")
    assert {p.model.text for p in ex.prices if p.is_free} == {"Pi-2 Mini", "Pi-2 Nano"}
    assert all(p.per_million is None and p.currency is None for p in ex.prices)


def test_prices_free_once_per_model_and_sentence(extract_text: Extract) -> None:
    ex = extract_text("Pi-3 Lite的API免费开放，价格直接归零。")
    assert [p.model.text for p in ex.prices if p.is_free] == ["Pi-3 Lite"]


@pytest.mark.parametrize("text", [
    "Pi-4 Pro不再免费。",
    "新用户可获得Pi-4 Pro的500万免费tokens。",
    "Pi-4 Pro提供免费额度。",
    "Pi-4 Pro的价格为1元/百万tokens，而竞品已经免费。",
    "Pi-4 Pro的价格为20元/百万tokens，并未跟进降价。",       # 20元 is not "0元"
])
def test_prices_not_free(extract_text: Extract, text: str) -> None:
    assert not [p for p in extract_text(text).prices if p.is_free]


def test_prices_zero_amount_is_free(extract_text: Extract) -> None:
    (price,) = extract_text("Pi-5 Pro的价格为0元/百万tokens。").prices
    assert price.is_free and price.per_million == 0


# ------------------------------------------------------------- old and new

def test_prices_from_old_to_new_gives_both_with_dates(extract_text: Extract) -> None:
    ex = extract_text("6月3日，Vega-9将价格从3角/千tokens调整为1元/百万tokens。")
    by_value = {p.per_million: p for p in ex.prices}
    assert set(by_value) == {Decimal(300), Decimal(1)}
    old, new = by_value[Decimal(300)], by_value[Decimal(1)]
    assert (old.valid_from, old.valid_until) == (None, dt.date(2024, 6, 3))
    assert (new.valid_from, new.valid_until) == (dt.date(2024, 6, 3), None)


def test_prices_new_price_without_unit_shares_the_old_unit(extract_text: Extract) -> None:
    ex = extract_text("Vega-10的调用价格从8元/百万tokens下调至2元。")
    assert per_million(ex, "Vega-10") == {(Decimal(8), "CNY"), (Decimal(2), "CNY")}


def test_prices_old_price_ends_by_the_article_date_without_a_stated_date(extract_text: Extract) -> None:
    ex = extract_text("Vega-11的价格从每千tokens 0.01元降至每千tokens 0.001元。", date="2024-07-01")
    old = next(p for p in ex.prices if p.per_million == 10)
    assert old.valid_until == dt.date(2024, 7, 1)


def test_prices_from_old_to_free(extract_text: Extract) -> None:
    ex = extract_text("5月30日，Vega-12从0.006元/千tokens调整为全面免费。")
    free = [p for p in ex.prices if p.is_free]
    assert len(free) == 1 and free[0].valid_from == dt.date(2024, 5, 30)
    assert per_million(ex, "Vega-12") == {(Decimal(6), "CNY")}


# ------------------------------------------------------------ which model

def test_prices_shared_by_coordinated_models(extract_text: Extract) -> None:
    ex = extract_text("Atlas-Pro和Atlas-Max的API价格低至0.3元/万tokens。")
    assert per_million(ex, "Atlas-Pro") == per_million(ex, "Atlas-Max") == {(Decimal(30), "CNY")}


def test_prices_list_of_amounts_respectively(extract_text: Extract) -> None:
    ex = extract_text("Nova-2-8k、Nova-2-32k、Nova-2-128k三档模型，价格分别为10元、20元和50元/百万tokens。")
    assert per_million(ex, "Nova-2-8k") == {(Decimal(10), "CNY")}
    assert per_million(ex, "Nova-2-32k") == {(Decimal(20), "CNY")}
    assert per_million(ex, "Nova-2-128k") == {(Decimal(50), "CNY")}


def test_prices_two_models_two_clauses(extract_text: Extract) -> None:
    ex = extract_text("Rigel-1的价格为2元/百万tokens，Rigel-2为每百万tokens 5元。")
    assert per_million(ex, "Rigel-1") == {(Decimal(2), "CNY")}
    assert per_million(ex, "Rigel-2") == {(Decimal(5), "CNY")}


def test_prices_this_model_continues_the_paragraph(extract_text: Extract) -> None:
    ex = extract_text("Deneb-4正式发布。该模型的输出价格为0.003元/千tokens。")
    assert [(p.model.text, p.token_kind, p.per_million) for p in ex.prices] == [
        ("Deneb-4", "output", Decimal(3))]


def test_prices_this_model_does_not_cross_a_paragraph(extract_text: Extract) -> None:
    assert extract_text("Deneb-5正式发布。\n\n该模型的价格为3元/百万tokens。").prices == []


def test_prices_without_a_model_are_dropped(extract_text: Extract) -> None:
    assert extract_text("市面上同规格模型的定价一般为0.1元/千tokens。").prices == []


# ---------------------------------------------------------- not the model's price

@pytest.mark.parametrize("text", [
    "Omega-2总参数2360亿，每个token激活210亿参数。",
    "Omega-2的训练用了1万张GPU，公司估值200亿美元。",
    "使用Omega-2每日的输入成本仅约80元。",
    "按此计算，1元钱可买到Omega-2的125万tokens。",
    "Omega-2的训练成本约为600万美元。",
    "Omega-2的推理成本降至0.5元/百万tokens。",
    "Omega-2的定价比行业平均的0.1元/千tokens低得多。",
    "Omega-2发布后，市面上同规格模型的定价一般为0.1元/千tokens。",
])
def test_prices_numbers_that_are_not_prices(extract_text: Extract, text: str) -> None:
    assert extract_text(text).prices == []


def test_prices_comparison_with_another_model_is_not_its_price(extract_text: Extract) -> None:
    ex = extract_text("Omega-3的价格为0.3元/百万tokens，约为GPT-4-Turbo的近百分之一。")
    assert {p.model.text for p in ex.prices} == {"Omega-3"}
    assert ex.changes == []


def test_prices_conversion_is_not_added(extract_text: Extract) -> None:
    ex = extract_text("Omega-4的价格为2美元/百万tokens，按汇率折算，约合14.5元/百万tokens。")
    assert per_million(ex, "Omega-4") == {(Decimal(2), "USD")}


# ------------------------------------------------------------- price changes

@pytest.mark.parametrize(("text", "percent"), [
    ("Sigma-2的API价格降价80%。", -80.0),
    ("Sigma-2的输入价格直降97%。", -97.0),
    ("Sigma-2的价格降幅90%。", -90.0),
    ("Sigma-2降价幅度达到75%。", -75.0),
    ("Sigma-2的调用价格下降5倍。", -80.0),
    ("Sigma-2的价格降至原来的十分之一。", -90.0),
    ("Sigma-2的价格降至原来的1/4。", -75.0),
    ("Sigma-2的价格腰斩。", -50.0),
    ("Sigma-2打八折。", -20.0),
    ("Sigma-2的价格较此前下降40%。", -40.0),
    ("Sigma-2涨价20%。", 20.0),
    ("Sigma-2的价格也调降四成。", -40.0),
    ("Sigma-2的输出价格下调两成。", -20.0),
    ("Sigma-2的价格调涨3成。", 30.0),
    ("Sigma-2的价格降至原价的三折。", -70.0),
    ("Sigma-2的价格降至原来的7.5折。", -25.0),
])
def test_prices_change_percent(extract_text: Extract, text: str, percent: float) -> None:
    assert changes_of(extract_text(text)) == {("Sigma-2", percent)}


@pytest.mark.parametrize("text", [
    "Sigma-3比Sigma-1便宜60%以上。",
    "Sigma-3的价格比行业便宜99%。",
    "Sigma-3的价格比GPT-4降低90%。",
    "Sigma-3的推理成本下降90%。",
    "Sigma-3的KV缓存较上一代减少了93.3%。",
    "Sigma-3的价格降至原来的3/2。",
    "Sigma-3的训练成本下降三成。",
])
def test_prices_change_comparisons_and_costs_are_not_changes(extract_text: Extract, text: str) -> None:
    assert extract_text(text).changes == []


def test_prices_change_kind_and_coordinated_models(extract_text: Extract) -> None:
    ex = extract_text("Tau-8与Tau-9的输出价格降价50%。")
    assert {(c.model.text, c.percent, c.token_kind) for c in ex.changes} == {
        ("Tau-8", -50.0, "output"), ("Tau-9", -50.0, "output")}


# ------------------------------------- units named once, qualifiers, full-width text

def facts(ex: Extraction, model: str) -> set[tuple[str | None, str | None, Decimal | None]]:
    return {(p.token_kind, p.cache, p.per_million) for p in prices_of(ex, model)}


@pytest.mark.parametrize("text", [
    "Nova-Q7的输入价格为每百万tokens 3元，输出价格从12元降至9元。",
    "Nova-Q7的输入价格为每百万tokens 3元，输出价格从12元降至9元.",
    "Nova-Q7的输入价格为3元/百万tokens；输出价格从12元下调到9元。",
    "Nova-Q7每百万tokens输入3元。输出价格从12元降至9元。",          # the unit of the sentence before
])
def test_prices_unit_named_once_scopes_later_clauses(extract_text: Extract, text: str) -> None:
    assert facts(extract_text(text), "Nova-Q7") == {
        ("input", None, Decimal(3)), ("output", None, Decimal(12)), ("output", None, Decimal(9))}


@pytest.mark.parametrize("text", [
    "Nova-Q7的价格为每百万tokens 3元，会员月费为49元。",
    "Nova-Q7的价格为每百万tokens 3元，图片生成价格为0.2元/张。",
    "Nova-Q7的价格为每百万tokens 3元，约合0.4美元。",
    "Nova-Q7的价格为每百万tokens 3元，单卡服务器报价为20万元。",
    "Nova-Q7的价格为每百万tokens 3元，推理成本约为1元。",
])
def test_prices_unit_named_once_does_not_scope_other_amounts(extract_text: Extract, text: str) -> None:
    assert per_million(extract_text(text), "Nova-Q7") == {(Decimal(3), "CNY")}


@pytest.mark.parametrize("text", [
    "Nova-Q7的定价为每百万tokens输入0.5元（缓存命中）、2元（缓存未命中），输出8元。",
    "Nova-Q7的定价为每百万tokens输入0.5元(命中缓存)、2元(未命中缓存),输出8元.",
    "Nova-Q7的API价格为：每百万tokens输入0.5元（缓存命中）、2元（缓存未命中）；输出8元。",
])
def test_prices_bracketed_cache_qualifiers(extract_text: Extract, text: str) -> None:
    assert facts(extract_text(text), "Nova-Q7") == {
        ("input", "hit", Decimal("0.5")), ("input", "miss", Decimal(2)), ("output", None, Decimal(8))}


def test_prices_bracketed_kind_qualifiers(extract_text: Extract) -> None:
    ex = extract_text("Nova-Q7的价格为1元/百万tokens（输入）、4元/百万tokens（输出）。")
    assert facts(ex, "Nova-Q7") == {("input", None, Decimal(1)), ("output", None, Decimal(4))}


def test_prices_half_width_comma_list_after_full_width_text(extract_text: Extract) -> None:
    ex = extract_text("星河智算已发布Nova-Q7和Nova-Coder，其中Nova-Q7的API价格为每百万tokens输入3元,输出9元.")
    assert facts(ex, "Nova-Q7") == {("input", None, Decimal(3)), ("output", None, Decimal(9))}
    assert prices_of(ex, "Nova-Coder") == []


def test_prices_free_list_with_owners(extract_text: Extract) -> None:
    ex = extract_text("星河智算的Nova-Q7、蓝鲸科技的Whale-2也都免费开放。")
    assert {p.model.text for p in ex.prices if p.is_free} == {"Nova-Q7", "Whale-2"}


# ------------------------------------------------ changes computed from two prices

@pytest.mark.parametrize(("text", "percent"), [
    ("Nova-Q7的价格从每百万tokens 12元降至9元。", -25.0),
    ("Nova-Q7的输出价格从16元/百万tokens下调至6元/百万tokens。", -62.5),
    ("Nova-Q7的价格从0.02元/千tokens下调到0.005元/千tokens。", -75.0),
    ("Nova-Q7的价格从3元/百万tokens调低至1元/百万tokens。", -66.7),
    ("Nova-Q7的价格从8元/百万tokens上调至10元/百万tokens。", 25.0),
    ("Nova-Q7的价格从5元/百万tokens调整为免费。", -100.0),
    ("Nova-Q7的输入价格为每百万tokens 3元，输出价格从12元降至9元。", -25.0),
])
def test_prices_change_from_old_and_new_price(extract_text: Extract, text: str, percent: float) -> None:
    assert changes_of(extract_text(text)) == {("Nova-Q7", percent)}


def test_prices_change_from_prices_kind(extract_text: Extract) -> None:
    ex = extract_text("Nova-Q7的输入价格从每百万tokens 4元降至1元，输出价格从16元降至6元。")
    assert {(c.percent, c.token_kind) for c in ex.changes} == {(-75.0, "input"), (-62.5, "output")}


@pytest.mark.parametrize("text", [
    "Nova-Q7的价格从12元/百万tokens降至3元/百万tokens，降幅75%。",      # stated too: counted once
    "Nova-Q7宣布降价75%，价格从12元/百万tokens降至3元/百万tokens。",
])
def test_prices_change_stated_and_computed_counted_once(extract_text: Extract, text: str) -> None:
    assert [(c.model.text, c.percent) for c in extract_text(text).changes] == [("Nova-Q7", -75.0)]


@pytest.mark.parametrize("text", [
    "Nova-Q7的价格为3元/百万tokens，比Whale-2的12元/百万tokens降低了不少。",   # a comparison
    "Nova-Q7的价格从3元/百万tokens降至9元/百万tokens。",                      # a cut that rises: misread
    "Nova-Q7的价格从3元/百万tokens调整为3元/百万tokens。",                    # no change
    "Nova-Q7的推理成本从12元/百万tokens降至3元/百万tokens。",                 # a cost
])
def test_prices_change_not_computed(extract_text: Extract, text: str) -> None:
    assert extract_text(text).changes == []


def test_prices_price_moves_parsing() -> None:
    text = "价格从每百万tokens 10元降至4元，后又从4元/百万tokens调整为免费"
    moves = price_moves(text, [q for q in find_quotes(text) if q.unit is not None])
    assert [pct for _, _, pct in moves] == [-60.0, -100.0]


# ------------------------------------------------------------- parsing safety

# text drawn from what prices are written with, so that random strings often come near a price
PRICE_ALPHABET = st.sampled_from(list("0123456789.%/$¥ 元角分厘美欧块钱毛每千万百亿十两一三tokens"
                                      "输入出命中未缓存从调整为降至原来的倍分之一腰斩打折比便宜免费约合、和，,。；")
                                 + ["百万", "tokens", "Tokens", "1M", "K", "降价", "降幅", "下降", "Zeta-9"])
price_like_text = st.lists(PRICE_ALPHABET, max_size=60).map("".join)


def assert_sane(quotes_text: str) -> None:
    for q in find_quotes(quotes_text):
        assert q.amount >= 0 and q.amount.is_finite()
        pm = q.per_million
        assert pm is None or (pm >= 0 and pm.is_finite())
    for _, pct in find_changes(quotes_text):
        assert -100 <= pct <= 1000 and pct == pct


@given(st.one_of(price_like_text, st.text(max_size=80)))
@settings(max_examples=400, deadline=None)
def test_prices_parsing_never_raises_nor_goes_negative(text: str) -> None:
    assert_sane(text)


@given(st.integers(min_value=0, max_value=10**60), st.sampled_from(["元", "分", "厘", "美元", "角"]),
       st.sampled_from(["千", "万", "百万", "亿", "1M ", "", "0", "999999999999999"]))
@settings(max_examples=200, deadline=None)
def test_prices_parsing_huge_and_zero_numbers(n: int, cur: str, unit: str) -> None:
    assert_sane(f"价格为{n}{cur}/{unit}tokens，降价{n}%，下降{n}倍")


@given(price_like_text)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_prices_extractor_never_raises_nor_goes_negative(extract_text: Extract, text: str) -> None:
    ex = extract_text("Zeta-9的" + text)
    for p in ex.prices:
        assert p.per_million is None or (p.per_million >= 0 and p.per_million.is_finite())
    for c in ex.changes:
        assert -100 <= c.percent <= 1000


def test_prices_rules_are_data_and_a_malformed_file_is_refused() -> None:
    from pathlib import Path

    import pytest
    import yaml

    from kg.errors import KGError
    from kg.extractors.prices import RULES, PriceRules
    from kg.rules import from_mapping, rules_path

    assert "降价" in RULES.cut_words and RULES.currency_units["分"].factor == "0.01"
    data = yaml.safe_load(rules_path("zh", "prices").read_text(encoding="utf-8"))
    assert from_mapping(Path("prices.yaml"), data, PriceRules) == RULES
    with pytest.raises(KGError, match="cut_words"):
        from_mapping(Path("prices.yaml"), {**data, "cut_words": "降价"}, PriceRules)


def test_prices_a_change_stated_for_both_prices_or_as_a_running_total(extract_text: Extract) -> None:
    x = extract_text("Orca-7B的输入价格由3元降至1元,输出价格由9元降至3元,降幅均为67%。"
                     "与去年相比,Lumen-2-Pro的价格累计降幅已超过90%。")
    assert sorted((c.model.text, c.percent) for c in x.changes) == [("Lumen-2-Pro", -90.0), ("Orca-7B", -67.0)]


def test_prices_any_chinese_fraction_of_the_old_price_is_a_cut(extract_text: Extract) -> None:
    x = extract_text("Orca-7B的价格由12元/百万tokens降至2元/百万tokens,降至原来的六分之一。")
    assert [(c.model.text, round(c.percent, 1)) for c in x.changes] == [("Orca-7B", -83.3)]


def test_prices_a_markdown_price_table_with_its_unit_above(extract_text: Extract) -> None:
    x = extract_text("星澜科技发布Lumen-3系列。\n\n价格一览(单位:元/百万tokens)\n\n"
                     "| 模型 | 输入(缓存命中) | 输入(缓存未命中) | 输出 | 免费额度 |\n|---|---|---|---|---|\n"
                     "| Lumen-3-Pro | 0.5 | 2 | 8(限时) | 无 |\n| Lumen-3-Mini | 免费 | 免费 | 免费 | 不限量 |\n")
    got = {(p.model.text, p.per_million, p.currency, p.token_kind, p.cache, p.is_free) for p in x.prices}
    assert ("Lumen-3-Pro", 0.5, "CNY", "input", "hit", False) in got
    assert ("Lumen-3-Pro", 2, "CNY", "input", "miss", False) in got
    assert ("Lumen-3-Pro", 8, "CNY", "output", None, False) in got
    assert [p.model.text for p in x.prices if p.is_free] == ["Lumen-3-Mini"]     # one free tier, not one a column
    assert len(x.prices) == 4


def test_prices_sentence_opening_with_its_pricing_prices_the_model_launched_before(extract_text: Extract) -> None:
    ex = extract_text("雾川科技昨日发布推理模型雾川-R3。国内定价为：输入3元/百万tokens，输出12元/百万tokens。")
    assert {(p.per_million, p.token_kind) for p in prices_of(ex, "雾川-R3")} == {(Decimal("3"), "input"),
                                                                                (Decimal("12"), "output")}


def test_prices_pricing_opener_after_two_models_prices_neither(extract_text: Extract) -> None:
    ex = extract_text("雾川科技发布雾川-R3和雾川-V2。定价为：输入3元/百万tokens。")
    assert not ex.prices


def test_prices_respectively_after_a_model_keeps_the_units_listed_before(extract_text: Extract) -> None:
    x = extract_text("海外方面，Nova-5的输入价格为1.25美元/百万tokens、输出10美元/百万tokens，"
                     "Nova-5 Lite分别为0.25美元和2美元。")
    assert per_million(x, "Nova-5 Lite") == {(Decimal("0.25"), "USD"), (Decimal("2"), "USD")}


def test_prices_a_spaced_models_last_word_alone_is_that_model(extract_text: Extract) -> None:
    from kg.resolve import resolve

    x = extract_text("松衡科技发布新一代基座模型Nimbus X4。API方面，X4每百万tokens输入4元、输出16元。")
    assert per_million(x, "X4") == {(Decimal("4"), "CNY"), (Decimal("16"), "CNY")}
    r = resolve(x)
    assert len({r.key(m) for m in x.mentions if m.text in ("Nimbus X4", "X4")}) == 1


# ------------------------------------------------------------ a unit stated once, spoken units

def test_prices_stated_unit_prices_later_bare_amounts(extract_text: Extract) -> None:
    ex = extract_text("下文价格均按每百万tokens计，不含折扣。\n\nVega-7：输入1.5元，输出6元。\n\n"
                      "Vega-8的输入价格由3元降至2元。")
    assert kinds(ex) >= {("input", Decimal("1.5")), ("output", Decimal(6)), ("input", Decimal(2))}
    assert per_million(ex, "Vega-8") >= {(Decimal(2), "CNY")}


def test_prices_stated_unit_leaves_other_things_unpriced(extract_text: Extract) -> None:
    ex = extract_text("以下均以每百万tokens计。Vega-9的输入价格为2元，Vega-9的包月套餐每月99元。")
    assert per_million(ex, "Vega-9") == {(Decimal(2), "CNY")}


def test_prices_without_stated_unit_bare_amounts_are_no_prices(extract_text: Extract) -> None:
    assert not extract_text("Vega-10：输入1.5元，输出6元。").prices


def test_prices_spoken_unit_and_dollar_slang(extract_text: Extract) -> None:
    ex = extract_text("Vega-11现在输入两块钱一百万token，输出六块。")
    assert kinds(ex) == {("input", Decimal(2)), ("output", Decimal(6))}
    ex = extract_text("本文价格均按每百万tokens计。Vega-12输入2刀、输出10刀。")
    assert per_million(ex, "Vega-12") == {(Decimal(2), "USD"), (Decimal(10), "USD")}


def test_prices_spoken_changes_in_tenths_and_cut_to_a_fraction(extract_text: Extract) -> None:
    assert changes_of(extract_text("Vega-13的输入从五块降到三块，降了四成。")) == {("Vega-13", -40.0)}
    assert changes_of(extract_text("Vega-14的托管价今年涨了两成。")) == {("Vega-14", 20.0)}
    assert changes_of(extract_text("Vega-15的输出价格直接砍到原来的四分之一。")) == {("Vega-15", -75.0)}


def test_prices_told_in_parallel_take_the_kinds_of_the_list_before(extract_text: Extract) -> None:
    ex = extract_text("Tarn-Pro的输入、输出价格分别为3元/百万tokens和9元/百万tokens；Tarn-Air则为0.6元和2.4元。")
    got = {(p.model.text, p.per_million, p.token_kind) for p in ex.prices}
    assert {("Tarn-Air", Decimal("0.6"), "input"), ("Tarn-Air", Decimal("2.4"), "output")} <= got


def test_prices_an_answer_prices_the_model_its_question_names(extract_text: Extract) -> None:
    text = "问：这次Vexa-3降价，现在是什么价位？\n\n某某：输入每百万tokens 1.5元，缓存命中的部分按0.5元算；输出从原来的9元降到6元。"
    got = {(p.per_million, p.token_kind, p.cache) for p in prices_of(extract_text(text), "Vexa-3")}
    assert {(Decimal("1.5"), "input", None), (Decimal("0.5"), "input", "hit"), (Decimal("6"), "output", None)} <= got
    # an answer after a statement (no question) prices nothing
    text = "这次Vexa-3降价了。\n\n某某：输入每百万tokens 1.5元。"
    assert not extract_text(text).prices


def test_prices_pricing_opener_after_a_sentence_whose_subject_is_the_model(extract_text: Extract) -> None:
    text = "根据公告，Vexa-2以Qorin-3为基座续训。定价方面，每百万tokens输入收费0.6港元、输出2.4港元。"
    assert per_million(extract_text(text), "Vexa-2") == {(Decimal("0.6"), "HKD"), (Decimal("2.4"), "HKD")}


def test_prices_bare_yuan_after_a_named_currency_shares_it(extract_text: Extract) -> None:
    ex = extract_text("前一代Tarn-2即日起降价五成，输入价格由每百万tokens新台币40元降至20元。")
    assert per_million(ex, "Tarn-2") == {(Decimal("40"), "TWD"), (Decimal("20"), "TWD")}
    assert changes_of(ex) == {("Tarn-2", -50.0)}


def test_prices_a_table_whose_cells_carry_two_currencies_and_the_cache(extract_text: Extract) -> None:
    x = extract_text("岚川科技发布Tarn-4系列。以下价格均为每百万tokens:\n\n"
                     "| 模型 | 输入 | 输出 |\n|---|---|---|\n"
                     "| Tarn-4-Pro | ¥1.2($0.17) | ¥4.8($0.66) |\n"
                     "| Tarn-4-Air | 缓存命中¥0.1($0.01)/未命中¥0.6($0.08) | ¥2.4($0.33) |\n")
    got = {(p.model.text, p.per_million, p.currency, p.token_kind, p.cache) for p in x.prices}
    assert got == {("Tarn-4-Pro", Decimal("1.2"), "CNY", "input", None),
                   ("Tarn-4-Pro", Decimal("0.17"), "USD", "input", None),
                   ("Tarn-4-Pro", Decimal("4.8"), "CNY", "output", None),
                   ("Tarn-4-Pro", Decimal("0.66"), "USD", "output", None),
                   ("Tarn-4-Air", Decimal("0.1"), "CNY", "input", "hit"),
                   ("Tarn-4-Air", Decimal("0.01"), "USD", "input", "hit"),
                   ("Tarn-4-Air", Decimal("0.6"), "CNY", "input", "miss"),
                   ("Tarn-4-Air", Decimal("0.08"), "USD", "input", "miss"),
                   ("Tarn-4-Air", Decimal("2.4"), "CNY", "output", None),
                   ("Tarn-4-Air", Decimal("0.33"), "USD", "output", None)}


def test_prices_a_table_with_a_bare_token_unit_and_bare_numbers_prices_nothing(extract_text: Extract) -> None:
    x = extract_text("岚川科技发布Tarn-4系列。以下价格均为每百万tokens:\n\n"
                     "| 模型 | 输入 | 输出 |\n|---|---|---|\n| Tarn-4-Pro | 1.2 | 4.8 |\n")
    assert not [p for p in x.prices if p.currency is None]


def test_prices_a_discount_with_a_perfective_is_a_cut(extract_text: Extract) -> None:
    x = extract_text("Orca-8的输出价格则直接打了六折。")
    assert ("Orca-8", -40.0) in changes_of(x)


def test_prices_a_cut_to_tenths_of_the_old_price(extract_text: Extract) -> None:
    x = extract_text("岚川科技把Orca-7 3.2的价格降到原价的三成。")
    assert changes_of(x) == {("Orca-7 3.2", -70.0)}


def test_prices_a_list_of_cuts_told_respectively(extract_text: Extract) -> None:
    x = extract_text("Orca-6的输入、输出价格分别降至每千tokens 0.6厘和3厘，降幅分别为70%和40%。")
    assert changes_of(x) == {("Orca-6", -70.0), ("Orca-6", -40.0)}


def test_prices_an_old_price_before_a_cut_verb_is_a_price(extract_text: Extract) -> None:
    x = extract_text("Orca-8的输入价格由6元/百万tokens降至3元，输出价格则直接打了五折，由24元降到12元。")
    assert per_million(x, "Orca-8") == {(Decimal(v), "CNY") for v in ("6", "3", "24", "12")}
    assert changes_of(x) == {("Orca-8", -50.0)}


def test_prices_bare_yuan_after_a_named_currency_price_keeps_that_currency(extract_text: Extract) -> None:
    x = extract_text("Orca-4的输入价格为每百万tokens新台币15元，输出为新台币60元；Orca-3则是输入3元、输出12元。")
    assert per_million(x, "Orca-3") == {(Decimal("3"), "TWD"), (Decimal("12"), "TWD")}


def test_prices_a_unit_goes_on_past_a_sentence_without_its_currency(extract_text: Extract) -> None:
    x = extract_text("Orca-4的输入价格为每百万tokens新台币15元。按汇率约合0.5美元。"
                     "上一代Orca-2的输入价格由新台币25元降为10元。")
    assert per_million(x, "Orca-2") == {(Decimal("25"), "TWD"), (Decimal("10"), "TWD")}


def test_prices_a_unit_stops_at_a_sentence_with_money_of_its_currency(extract_text: Extract) -> None:
    x = extract_text("Orca-4的输入价格为每百万tokens 15元。会员月费为99元。Orca-2的输入价格由25元降为10元。")
    assert not prices_of(x, "Orca-2")


def test_prices_a_hedged_figure_later_in_a_list_of_cuts(extract_text: Extract) -> None:
    x = extract_text("Orca-6的输入价格从4美元降到2美元，输出价格从12美元降至8美元，降幅分别为50%和约33%。")
    assert changes_of(x) == {("Orca-6", -50.0), ("Orca-6", -33.0)}


def test_prices_a_cut_by_a_fraction_is_the_share_taken_off(extract_text: Extract) -> None:
    x = extract_text("Orca-6的输出价格从12元/百万tokens下调到了8元，降了三分之一。")
    assert changes_of(x) == {("Orca-6", -33.33)}
    assert changes_of(extract_text("Orca-7的价格降至原来的三分之一。")) == {("Orca-7", -66.67)}
    halved = extract_text("Orca-8的价格下降了一半。")
    assert [c.percent for c in halved.changes] == [-50.0]


def test_prices_a_table_with_the_maker_first_and_a_row_in_its_own_currency(extract_text: Extract) -> None:
    x = extract_text("本刊把各家价格统一换算为“元/百万tokens”。\n\n"
                     "| 厂商 | 模型 | 输入 | 输出 |\n|---|---|---|---|\n"
                     "| 岚川科技 | Tarn-4-Pro | 1.2(约0.17美元) | 4.8 |\n"
                     "| 雾岭科技 | Vanta-2 | 0.15美元 | 0.6美元 |\n")
    got = {(p.model.text, p.per_million, p.currency, p.token_kind) for p in x.prices}
    assert got == {("Tarn-4-Pro", Decimal("1.2"), "CNY", "input"), ("Tarn-4-Pro", Decimal("0.17"), "USD", "input"),
                   ("Tarn-4-Pro", Decimal("4.8"), "CNY", "output"),
                   ("Vanta-2", Decimal("0.15"), "USD", "input"), ("Vanta-2", Decimal("0.6"), "USD", "output")}


def test_prices_a_sentence_opening_with_a_price_move_prices_the_model_before(extract_text: Extract) -> None:
    x = extract_text("岚川科技宣布将其Orca-3 Turbo模型的调用价格下调80%。从5元/百万 tokens降至1元/百万 tokens。")
    assert per_million(x, "Orca-3 Turbo") == {(Decimal("5"), "CNY"), (Decimal("1"), "CNY")}


def test_prices_the_models_a_sentence_measures_against_are_not_priced(extract_text: Extract) -> None:
    x = extract_text("岚川科技推出 Orca-2 模型，性能逼近 Vanta-4、Tarn-2 等闭源模型，但 API 价格每百万 tokens 输入 1 元、输出 2 元。")
    assert {p.model.text for p in x.prices} == {"Orca-2"}
    y = extract_text("Vanta-4的输入价格为每百万tokens 3元，对标Tarn-2。")
    assert {p.model.text for p in y.prices} == {"Vanta-4"}


def test_prices_an_answer_after_a_bold_question_prices_the_model_it_names(extract_text: Extract) -> None:
    x = extract_text("**问：中档的Orca-4-Plus怎么定？**\n\n韩立明：Plus不分档，输入每千tokens 0.0008元，输出每千tokens 0.002元。")
    assert per_million(x, "Orca-4-Plus") == {(Decimal("0.8"), "CNY"), (Decimal("2"), "CNY")}


def test_prices_a_discount_of_two_digits_and_a_new_paragraph_in_the_unit_before(extract_text: Extract) -> None:
    x = extract_text("Orca-3-70B现在输入每百万token新台币24元、输出新台币96元。\n\n**问：明年呢？**\n\n"
                     "答：Orca-3-70B从1月1日起打七五折，输入降为新台币18元、输出降为新台币72元。")
    assert changes_of(x) == {("Orca-3-70B", -25.0)}
    assert per_million(x, "Orca-3-70B") == {(Decimal(v), "TWD") for v in ("24", "96", "18", "72")}
    y = extract_text("Orca-3-70B现在输入每百万token新台币24元。\n\n公司今年营收新台币18亿元，员工120人。")
    assert per_million(y, "Orca-3-70B") == {(Decimal("24"), "TWD")}


def test_prices_what_a_second_model_also_costs_and_a_cut_to_a_low_share(extract_text: Extract) -> None:
    x = extract_text("Vanta-4的输入、输出价格分别为每百万tokens 2.5美元和10美元，即便是主打性价比的Vanta-4-mini，"
                     "也要1.1美元和4.4美元。")
    assert per_million(x, "Vanta-4-mini") == {(Decimal("1.1"), "USD"), (Decimal("4.4"), "USD")}
    y = extract_text("夜间时段Orca-3的调用价格降至原价的50%，Orca-4更是低至原价的25%。")
    assert changes_of(y) == {("Orca-3", -50.0), ("Orca-4", -75.0)}


def test_prices_a_pricing_sentence_reads_past_a_sentence_naming_only_a_rival(extract_text: Extract) -> None:
    x = extract_text("岚川智能开源了推理模型Orca-R2。该模型总参数320亿，官方称其评测成绩已接近Vanta-R1。"
                     "API定价为每百万tokens输入2元、输出8元。")
    assert {p.model.text for p in x.prices} == {"Orca-R2"}


def test_prices_a_move_told_after_its_kind_and_a_cut_against_the_launch_price(extract_text: Extract) -> None:
    x = extract_text("岚川智能宣布调整Orca-K2的API价格。输入价格由每百万tokens 4元降至2元，降幅50%。")
    assert per_million(x, "Orca-K2") == {(Decimal("4"), "CNY"), (Decimal("2"), "CNY")}
    assert changes_of(x) == {("Orca-K2", -50.0)}
    y = extract_text("Orca-2的API目前每百万tokens输入收1港元、输出收4港元，较首发时下调了三成。")
    assert changes_of(y) == {("Orca-2", -30.0)}
    assert changes_of(extract_text("Orca-2的价格比Vanta-2低三成。")) == set()
