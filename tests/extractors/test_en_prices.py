"""English prices and price changes (kg/extractors/en/prices*.py), on sentences written for these tests."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from kg.extractors.en.prices_changes import find_changes
from kg.extractors.en.prices_quotes import find_quotes
from kg.pipeline import process
from kg.records import Extraction
from tests.conftest import make_article


def run(text: str, date: str = "2025-03-01") -> Extraction:
    return process(dataclasses.replace(make_article(text, date), lang="en"))


def prices(text: str) -> set[tuple[str, Decimal | None, str | None, str | None]]:
    return {(p.model.text, p.per_million, p.currency, p.token_kind) for p in run(text).prices if not p.is_free}


def changes(text: str) -> set[tuple[str, float]]:
    return {(c.model.text, c.percent) for c in run(text).changes}


# ------------------------------------------------------------------ reading amounts (pure string work)


@pytest.mark.parametrize(("text", "per_million", "currency"), [
    ("It costs $2.50 per million input tokens.", "2.5", "USD"),
    ("It costs $10 per 1M output tokens.", "10", "USD"),
    ("It costs $0.40/M tokens.", "0.4", "USD"),
    ("It costs $0.002 per 1,000 tokens.", "2", "USD"),
    ("It costs $0.003 per 1K tokens.", "3", "USD"),
    ("It costs 2 yuan per million tokens.", "2", "CNY"),
    ("It costs RMB 0.8 per million tokens.", "0.8", "CNY"),
    ("It costs ¥1 per million tokens.", "1", "CNY"),
    ("It costs 0.0008 yuan per thousand input tokens.", "0.8", "CNY"),
])
def test_en_prices_quote_units_normalised_per_million(text: str, per_million: str, currency: str) -> None:
    q = find_quotes(text)[0]
    assert (q.per_million, q.currency) == (Decimal(per_million), currency)


def test_en_prices_quote_large_sums_and_other_units_are_not_token_prices() -> None:
    text = ("The lab raised $2 billion at a $30 billion valuation; a Pro plan costs $20 a month, "
            "images cost $0.04 per image and GPUs rent for $2 an hour.")
    assert all(q.unit is None for q in find_quotes(text))


def test_en_prices_quote_conversion_in_brackets_is_marked() -> None:
    quotes = find_quotes("It costs 1 yuan per million tokens ($0.14).")
    assert [q.conversion for q in quotes] == [False, True]


def test_en_prices_quote_shared_unit_and_kind_after_amount() -> None:
    quotes = find_quotes("It costs $1.20 per million tokens of input and $4.80 of output.")
    assert [(q.per_million, q.kind or q.kinds[0]) for q in quotes] == [(Decimal("1.2"), "input"),
                                                                      (Decimal("4.8"), "output")]


# ------------------------------------------------------------------ prices in the pipeline


def test_en_prices_input_and_output_for_model_named_after() -> None:
    found = prices("Developers pay $0.30 per million input tokens and $1.20 per million output tokens for GPT-4o.")
    assert found == {("GPT-4o", Decimal("0.3"), "USD", "input"), ("GPT-4o", Decimal("1.2"), "USD", "output")}


def test_en_prices_respectively_pairs_kinds_in_order() -> None:
    found = prices("GPT-4o is priced at $3 and $12 per million input and output tokens, respectively.")
    assert found == {("GPT-4o", Decimal("3"), "USD", "input"), ("GPT-4o", Decimal("12"), "USD", "output")}


def test_en_prices_cached_input_is_a_cache_hit() -> None:
    ex = run("GPT-4o costs $4 per million input tokens, and cached input costs $1 per million tokens.")
    cached = [p for p in ex.prices if p.per_million == Decimal("1")]
    assert [(p.cache, p.token_kind) for p in cached] == [("hit", "input")]


def test_en_prices_the_model_refers_to_the_last_model() -> None:
    found = prices("OpenAI updated GPT-4o mini on Tuesday. The model now costs $0.12 per million input tokens.")
    assert found == {("GPT-4o mini", Decimal("0.12"), "USD", "input")}


def test_en_prices_cny_with_dollar_conversion_is_one_price() -> None:
    found = prices("ByteDance charges 0.6 yuan per million input tokens ($0.08) for Doubao.")
    assert found == {("Doubao", Decimal("0.6"), "CNY", "input")}


def test_en_prices_distractors_are_not_prices() -> None:
    text = ("OpenAI raised $6.6 billion for GPT-4o, and a ChatGPT Plus subscription costs $20 a month. "
            "Training GPT-4o cost more than $100 million.")
    assert prices(text) == set()


def test_en_prices_without_a_model_are_dropped() -> None:
    assert prices("Analysts said prices below $0.10 per million tokens only pay off at scale.") == set()


def test_en_prices_free_of_charge_from_a_date() -> None:
    ex = run("Baidu said ERNIE Bot would become free of charge from March 16.")
    assert [(p.model.text, p.is_free, p.valid_from) for p in ex.prices] == [("ERNIE Bot", True, dt.date(2025, 3, 16))]


def test_en_prices_free_to_download_is_not_a_price() -> None:
    assert run("Llama is free to download.").prices == []


def test_en_prices_markdown_table_rows() -> None:
    text = ("Prices at a glance.\n\n| Model | Input ($/1M tokens) | Cached input | Output ($/1M tokens) |\n"
            "|---|---|---|---|\n| GPT-4o | 2.00 | 0.50 | 8.00 |\n")
    found = {(p.per_million, p.token_kind, p.cache) for p in run(text).prices}
    assert found == {(Decimal("2"), "input", None), (Decimal("0.5"), "input", "hit"), (Decimal("8"), "output", None)}


def test_en_prices_old_price_of_a_move_ends() -> None:
    ex = run("On March 3, OpenAI cut GPT-4o from $8 to $4 per million output tokens.")
    by_value = {p.per_million: p for p in ex.prices}
    assert by_value[Decimal("8")].valid_until == dt.date(2025, 3, 3)
    assert by_value[Decimal("4")].valid_from == dt.date(2025, 3, 3)


# ------------------------------------------------------------------ price changes


@pytest.mark.parametrize(("text", "percent"), [
    ("OpenAI cut the price of GPT-4o by 40%.", -40.0),
    ("OpenAI halved the price of GPT-4o.", -50.0),
    ("OpenAI slashed the price of GPT-4o by two-thirds.", -66.7),
    ("GPT-4o is now priced at a tenth of its launch price.", -90.0),
    ("OpenAI cut GPT-4o to a fifth of its previous price.", -80.0),
    ("OpenAI raised the price of GPT-4o by 25%.", 25.0),
    ("OpenAI doubled the output price of GPT-4o.", 100.0),
    ("OpenAI cut GPT-4o from $12 to $3 per million output tokens.", -75.0),
    ("OpenAI announced a 30% price cut for GPT-4o.", -30.0),
    ("GPT-4o now costs one-third of what it did at launch.", -66.7),
    ("After the cut, GPT-4o is priced at a quarter of what it was in March.", -75.0),
])
def test_en_prices_changes_stated_ways(text: str, percent: float) -> None:
    assert changes(text) == {("GPT-4o", percent)}


def test_en_prices_changes_comparisons_are_not_changes() -> None:
    text = ("OpenAI said GPT-4o mini is 60% cheaper than GPT-4o. It costs half of what GPT-4o costs, "
            "and a hundredth of GPT-4o's price.")
    assert changes(text) == set()


def test_en_prices_changes_share_of_what_another_model_costs_is_a_comparison() -> None:
    assert changes("GPT-4o mini costs a third of what GPT-4o costs.") == set()
    assert changes("GPT-4o now answers half of what it did last year in under a second.") == set()


def test_en_prices_changes_of_other_things_are_not_price_changes() -> None:
    assert find_changes("Revenue rose 13% and the shares jumped 15%.") == []
    assert changes("Baidu's Robin Li said the cost of inference for ERNIE Bot was falling by 90%.") == set()


def test_en_prices_changes_move_and_percent_counted_once() -> None:
    assert changes("OpenAI cut the price of GPT-4o by 75%, from $12 to $3 per million output tokens.") == {
        ("GPT-4o", -75.0)}


# ------------------------------------------------------------------ round 3


def test_en_prices_in_and_out_with_a_unit_after_a_comma() -> None:
    got = prices("- **Pellet-7 Flash** (Brambleworth): $2 in, $9 out, per million tokens.")
    assert got == {("Pellet-7 Flash", Decimal("2"), "USD", "input"), ("Pellet-7 Flash", Decimal("9"), "USD", "output")}


def test_en_prices_listed_unit_wins_over_a_unit_floating_earlier() -> None:
    got = prices("Brio-4 Mini is billed per 1K tokens, which comes to $0.40 in and $1.60 out per million.")
    assert got == {("Brio-4 Mini", Decimal("0.4"), "USD", "input"), ("Brio-4 Mini", Decimal("1.6"), "USD", "output")}


def test_en_prices_yuan_per_thousand_tokens() -> None:
    assert prices("Brio-4 Mini costs 0.004 yuan per 1,000 input tokens.") == {
        ("Brio-4 Mini", Decimal("4"), "CNY", "input")}


def test_en_prices_kind_subject_takes_the_paragraph_model_and_cache_rates() -> None:
    x = run("Brio-4 Mini now costs 5 yuan per million output tokens. "
            "Input is 1 yuan per million on a cache miss and 0.1 yuan on a cache hit.")
    got = {(p.model.text, p.per_million, p.token_kind, p.cache) for p in x.prices}
    assert ("Brio-4 Mini", Decimal("1"), "input", "miss") in got
    assert ("Brio-4 Mini", Decimal("0.1"), "input", "hit") in got


def test_en_prices_reference_model_after_of_keeps_the_subject() -> None:
    x = run("Tamsin-5 kept the $4 and $12 of Tamsin-4, and reading from the prompt cache costs $0.40 per million tokens.")
    got = {(p.model.text, p.per_million, p.cache) for p in x.prices}
    assert ("Tamsin-5", Decimal("0.4"), "hit") in got
    assert not any(m == "Tamsin-4" and a == Decimal("0.4") for m, a, _ in got)


def test_en_prices_now_free_after_a_stated_price() -> None:
    x = run("Corvo-2 Lite, which cost 0.5 yuan per million tokens until May, is now free through the API.")
    assert any(p.is_free and p.model.text == "Corvo-2 Lite" for p in x.prices)
    assert ("Corvo-2 Lite", Decimal("0.5"), "CNY", None) in prices(
        "Corvo-2 Lite, which cost 0.5 yuan per million tokens until May, is now free through the API.")


def test_en_prices_change_down_from_an_earlier_amount() -> None:
    assert changes("Corvo-3 output costs 4 yuan per million tokens, down 60% from 10 yuan.") == {("Corvo-3", -60.0)}
    assert changes("Acme's revenue was $3 billion, up 20% from a year earlier.") == set()


def test_en_prices_batch_discount_is_not_a_change() -> None:
    assert changes("The Batch API knocks another 50% off for Brio-4 Mini if you can wait a day.") == set()
