"""Property-based tests (hypothesis) on the parsers and the whole pipeline, and hostile article text.

No exception escapes, no negative or infinite price is stored, evidence offsets stay inside the
text; SPARQL- and shell-looking text is data, never code. Example counts are kept modest for CI.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KGError
from kg.pipeline import process
from kg.read import parse_date
from kg.resolve import resolve
from kg.to_rdf import to_graph
from tests.conftest import make_article
from tests.test_crash import kg

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIPELINE = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = ["元", "美元", "人民币", "美分", "每百万tokens", "/千tokens", "/万tokens", "百万", "千", "万", "亿",
         "tokens", "token", "输入", "输出", "免费", "降价", "下降", "降至", "%", "％", "折", "价格", "为",
         "从",
         "调整为", "低至", "年", "月", "日", "号", "发布", "表示", "认为", "：", "“", "”", "，", "。", "；",
         "DeepSeek", "DeepSeek-V2", "GPT-4-Turbo", "豆包大模型", "百度", "阿里云", "混元-lite", "Qwen-Long",
         "首席执行官", "创始人", "旗下", "子公司", "-", ".", "0", "0.0008", "1e309", "-5", "999999999999",
         "\n", " ", "\u3000", "（", "）", "$", "¥", "￥", "NaN", "inf", "Infinity",
         # the English pipeline's words
         " per million ", " input ", " output ", " tokens", " cut the price of ", " by ", " to ", " from ",
         " said", " told Reuters that ", " released ", "'s ", ", chief executive of ", "former ", " yuan",
         "Sam Altman", "OpenAI", "o3-mini", " halved", " a tenth of", "\"", ", ", ". ", "Jan. 31, 2025"]
CHARS = st.characters(codec="utf-8", exclude_categories=("Cs",))
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
DIGITS = st.sampled_from("0123456789０１２３４５６７８９.,")
TOKENS = st.one_of(st.sampled_from(WORDS), st.text(CJK, max_size=4), st.text(DIGITS, min_size=1, max_size=8),
                   st.integers(-10**12, 10**12).map(str), st.text(CHARS, max_size=3))
TEXTS = st.lists(TOKENS, min_size=1, max_size=60).map("".join)


# ------------------------------------------------------------------ dates

@FAST
@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.booleans(), st.dates(), st.datetimes(),
                 st.lists(st.integers(), max_size=3),
                 st.from_regex(r"\d{4}[-/.年]\d{1,2}([-/.月]\d{1,2}日?)?", fullmatch=True)))
def test_parse_date_returns_a_date_or_a_one_line_error(value: object) -> None:
    try:
        out = parse_date(value, Path("x.md"))
    except KGError as exc:
        assert exc.code == "E007" and "\n" not in str(exc)
        return
    assert out is None or isinstance(out, dt.date)


@FAST
@given(TEXTS, st.one_of(st.none(), st.dates()), st.sampled_from(["zh", "en"]))
def test_date_in_never_raises(text: str, published: dt.date | None, lang: str) -> None:
    from kg.text.dates import date_in

    out = date_in(text, lang, published.year if published else None)
    assert out is None or isinstance(out, dt.date)


# ------------------------------------------------------------------ the pipeline

def _finite_non_negative(value: Decimal | float | None) -> bool:
    return value is None or (math.isfinite(float(value)) and value >= 0 and not Decimal(str(value)).is_nan())


@PIPELINE
@given(TEXTS, st.one_of(st.none(), st.sampled_from(["2024-05-20", "1999-12-31", "2030-02-28"])),
       st.sampled_from(["zh", "en"]))
def test_pipeline_on_random_text(text: str, date: str | None, lang: str) -> None:
    import dataclasses

    article = dataclasses.replace(make_article(text, date=date), lang=lang)
    ex = process(article)
    for p in ex.prices:
        assert _finite_non_negative(p.per_million) and _finite_non_negative(p.amount), p
        assert p.unit_tokens is None or p.unit_tokens > 0, p
    for c in ex.changes:
        assert math.isfinite(c.percent), c
    evidence = ([p.evidence for p in ex.prices] + [c.evidence for c in ex.changes]
                + [r.evidence for r in ex.relations] + [c.evidence for c in ex.claims])
    for ev in evidence:
        assert 0 <= ev.start <= ev.end <= len(text), ev
        assert ev.sentence in text
    for m in ex.mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text, m
    to_graph(resolve(ex))      # and it becomes RDF without error


# ------------------------------------------------------------------ hostile text is data

PAYLOADS = [
    'x" } ; DROP ALL ; INSERT DATA { <a> <b> "c',
    "'; DELETE WHERE { ?s ?p ?o } #",
    "$(rm -rf /) `id` && echo pwned > /tmp/kg-pwned; | cat /etc/passwd",
    "<script>alert(1)</script> \\\" \\n ${HOME} %s {0}",
]


def test_sparql_and_shell_payloads_build_and_come_back_verbatim(tmp_path: Path) -> None:
    title = PAYLOADS[0] + " " + PAYLOADS[2]
    quote = PAYLOADS[1] + PAYLOADS[3]
    f = tmp_path / "hostile.md"
    f.write_text(f"---\nid: hostile\ntitle: {json.dumps(title)}\n---\n\n"
                 f"星澜科技发布了大模型Lumen-9-Pro，输入价格为每百万tokens 3元。\n"
                 f"星澜科技首席执行官王明表示：“{quote}”\n", "utf-8")
    store = tmp_path / "store"
    r = kg("build", str(f), store=store)
    assert r.returncode == 0 and "1 added" in r.stderr, r.stderr
    assert not Path("/tmp/kg-pwned").exists()

    got = kg("query", "--format", "json", "SELECT ?t WHERE { ?a kg:title ?t }", store=store)
    assert [b["t"]["value"] for b in json.loads(got.stdout)["results"]["bindings"]] == [title]
    # bound as a parameter, the payload matches itself exactly and breaks nothing
    for value, pattern in ((title, "?a kg:title ?v"), (title, "?a kg:title ?v . FILTER(?v = ?v)")):
        ask = kg("query", "-p", f"v={value}", f"ASK {{ {pattern} }}", store=store)
        assert ask.returncode == 0 and ask.stdout.strip() == "true", ask.stderr
    sentences = kg("query", "--format", "json", "SELECT DISTINCT ?s WHERE { ?e kg:sentence ?s }", store=store)
    found = [b["s"]["value"] for b in json.loads(sentences.stdout)["results"]["bindings"]]
    assert any(quote in s for s in found), found
    assert kg("stats", store=store).returncode == 0
