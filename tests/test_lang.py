"""Which pipeline reads an article: its language tag, else the text's share of CJK characters."""

from __future__ import annotations

import pytest

from kg.lang import detect, pipeline_lang


@pytest.mark.parametrize(("text", "lang"), [
    ("OpenAI released o3-mini on Friday and cut the price of o1-mini by 63%.", "en"),
    ("Alibaba (阿里巴巴) said its Qwen models are used by 90,000 companies, according to the filing.", "en"),
    ("百度发布文心大模型4.0，API价格为每百万tokens 0.8元。", "zh"),
    ("DeepSeek-V2 API的价格为每百万tokens输入1元、输出2元（GPT-4 Turbo的近百分之一）。", "zh"),
    ("科技CEO张三表示，“<img src=x onerror=alert(1)>”。", "zh"),
    ("2024-05-20 12:00 GPT-4o", "en"),
])
def test_lang_detect_by_cjk_share(text: str, lang: str) -> None:
    assert detect(text) == lang


@pytest.mark.parametrize(("tag", "lang"), [
    ("zh", "zh"), ("zh-Hant", "zh"), ("ZH_tw", "zh"), ("en", "en"), ("en-GB", "en"), ("fr", "zh"), ("", "zh"),
])
def test_lang_pipeline_for_a_tag(tag: str, lang: str) -> None:
    assert pipeline_lang(tag) == lang
