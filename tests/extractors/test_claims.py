"""Claims (Person --argues--> statement) on sentences and an article written for the tests.

All people and companies here are invented.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.api import process
from kg.read import read_article
from kg.records import Extraction

FIXTURES = Path(__file__).parent.parent / "fixtures"

Extract = Callable[..., Extraction]


def pairs(x: Extraction) -> list[tuple[str, str]]:
    return [(c.speaker.text, c.text) for c in x.claims]


def said_by(x: Extraction, speaker: str) -> list[str]:
    return [c.text for c in x.claims if c.speaker.text == speaker]


def letters(s: str) -> int:
    return sum(ch.isalnum() for ch in s)


VERBS = ["表示", "认为", "指出", "称", "坦言", "直言", "说", "透露", "强调", "在朋友圈写道", "回应称",
         "告诉记者"]


@pytest.mark.parametrize("verb", VERBS)
def test_claims_speech_verb_families(extract_text: Extract, verb: str) -> None:
    x = extract_text(f"星河智算CEO韩立明{verb}，算力价格明年还会继续下降。")
    assert pairs(x) == [("韩立明", "算力价格明年还会继续下降")]


def test_claims_verb_after_a_setting_phrase(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明在会后的媒体沟通会上表示，推理价格还有一半的下降空间。"
                     "蓝鲸数据CEO苏晓婷谈及价格战时称，低价不是长久之计。")
    assert ("韩立明", "推理价格还有一半的下降空间") in pairs(x)
    assert ("苏晓婷", "低价不是长久之计") in pairs(x)        # not "价格战时称，…"


def test_claims_verb_without_comma(extract_text: Extract) -> None:
    x = extract_text("蓝鲸数据CEO苏晓婷则认为价格已经接近成本线。")
    assert pairs(x) == [("苏晓婷", "价格已经接近成本线")]


def test_claims_quote_after_speaker(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明表示：“我们不会为了份额而亏本卖模型。”")
    assert pairs(x) == [("韩立明", "我们不会为了份额而亏本卖模型")]


def test_claims_quote_before_speaker_keeps_the_whole_quote(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明出席了发布会。\n\n"
                     "“我们每个季度都在重写推理框架。只有把成本打下来，应用才会爆发。”韩立明在发布会上说。")
    assert pairs(x) == [("韩立明", "我们每个季度都在重写推理框架。只有把成本打下来，应用才会爆发")]


def test_claims_pronoun_continues_last_person(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明表示，推理价格还会继续下降。\n\n"
                     "他还认为，明年会有更多应用公司盈利。\n\n"
                     "对于外界“亏本换份额”的质疑，他回应称：“我们的毛利率一直是正的。”")
    assert said_by(x, "韩立明") == ["推理价格还会继续下降", "明年会有更多应用公司盈利",
                                   "我们的毛利率一直是正的"]


def test_claims_pronoun_follows_the_nearest_person(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明表示，推理价格还会继续下降。蓝鲸数据CEO苏晓婷也出席了论坛。"
                     "她认为，私有化部署的需求正在上升。")
    assert ("苏晓婷", "私有化部署的需求正在上升") in pairs(x)
    assert ("韩立明", "私有化部署的需求正在上升") not in pairs(x)


def test_claims_pronoun_plural_is_not_a_person(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明出席了论坛。他们认为，推理价格还会继续下降。")
    assert x.claims == []


def test_claims_continued_quote_paragraph(extract_text: Extract) -> None:
    x = extract_text("蓝鲸数据CEO苏晓婷认为，价格已经接近成本线。\n\n"
                     "“客户真正付费的是结果，不是tokens。我们宁可少接单，也不做赔本生意。”")
    assert said_by(x, "苏晓婷") == ["价格已经接近成本线",
                                   "客户真正付费的是结果，不是tokens。我们宁可少接单，也不做赔本生意"]


def test_claims_continued_quote_in_the_same_paragraph(extract_text: Extract) -> None:
    x = extract_text("在蓝鲸数据CEO苏晓婷看来，价格已经接近成本线。“继续降价只会让行业失血。”")
    assert said_by(x, "苏晓婷") == ["价格已经接近成本线", "继续降价只会让行业失血"]


def test_claims_bare_quote_without_a_recent_speaker_is_dropped(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明表示，推理价格还会继续下降。\n\n"
                     "有行业人士指出，中小厂商很难跟上。\n\n"
                     "“降价只是第一步，后面还有服务之争。”")
    assert pairs(x) == [("韩立明", "推理价格还会继续下降")]


def test_claims_in_view_of_named_person_and_pronoun(extract_text: Extract) -> None:
    x = extract_text("在星河智算CEO韩立明看来，真正的壁垒是工程能力。蓝鲸数据CEO苏晓婷出席了会议。"
                     "在她看来，价格战会在明年结束。")
    assert pairs(x) == [("韩立明", "真正的壁垒是工程能力"), ("苏晓婷", "价格战会在明年结束")]


def test_claims_unnamed_speakers_give_no_claim(extract_text: Extract) -> None:
    x = extract_text("有行业人士指出，中小厂商很难跟上这样的降价节奏。"
                     "一位开发者向记者表示，他更关心接口是否稳定。"
                     "记者注意到，多数厂商只对轻量模型免费。"
                     "有接近星河智算的人士对记者表示，公司暂无融资计划。")
    assert x.claims == []


def test_claims_company_statements_give_no_claim(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明出席了发布会。\n\n"
                     "星河智算称，新引擎可将推理成本降低六成。该公司表示，价格将于下月生效。\n\n"
                     "“这是行业最低价。”")
    assert x.claims == []         # the bare quote follows the company, not 韩立明


def test_claims_not_for_a_group_around_the_person(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明创办的公司称，新引擎可将推理成本降低六成。"
                     "蓝鲸数据CEO苏晓婷拒绝透露具体的融资金额。")
    assert x.claims == []


def test_claims_word_that_starts_with_a_speech_verb_is_not_one(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明称赞了团队的工程能力。星河智算CEO韩立明说明了这次降价的原因。")
    assert x.claims == []


def test_claims_estimate_is_a_statement(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明曾用公开数据做过一次测算，明年推理成本会再降一半。")
    assert pairs(x) == [("韩立明", "明年推理成本会再降一半")]


def test_claims_coordinated_speakers_both_speak(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明出席了会议。蓝鲸数据CEO苏晓婷也在场。"
                     "韩立明与苏晓婷均表示，价格战会持续。")
    assert pairs(x) == [("韩立明", "价格战会持续"), ("苏晓婷", "价格战会持续")]


def test_claims_interview_answer_after_name_and_colon(extract_text: Extract) -> None:
    x = extract_text("问：你们会跟进降价吗？\n"
                     "星河智算CEO韩立明：不会。我们的价格已经接近成本，再降就是亏本。")
    assert pairs(x) == [("韩立明", "不会。我们的价格已经接近成本，再降就是亏本")]


def test_claims_one_claim_per_statement(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明表示，推理价格还会继续下降。"
                     "蓝鲸数据CEO苏晓婷则认为，价格已经接近成本线。")
    assert pairs(x) == [("韩立明", "推理价格还会继续下降"), ("苏晓婷", "价格已经接近成本线")]


def test_claims_joined_second_statement_is_split(extract_text: Extract) -> None:
    x = extract_text("蓝鲸数据CEO苏晓婷表示，继续降价的空间有限，并认为公司会把重心放在私有化部署上。")
    assert said_by(x, "苏晓婷") == ["继续降价的空间有限", "公司会把重心放在私有化部署上"]


def test_claims_paraphrase_then_quote_are_two_statements(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明表示，推理价格明年还会继续下降，“价格战远没有结束”。")
    assert said_by(x, "韩立明") == ["推理价格明年还会继续下降", "价格战远没有结束"]


def test_claims_quote_inside_a_statement_stays_with_it(extract_text: Extract) -> None:
    x = extract_text("韩立明直言，“羊毛出在猪身上”在企业市场行不通。")
    assert pairs(x) == [("韩立明", "“羊毛出在猪身上”在企业市场行不通")]


def test_claims_described_person_refers_back(extract_text: Extract) -> None:
    x = extract_text("星河智算创始人韩立明出席了会议。蓝鲸数据CEO苏晓婷也在场。\n\n"
                     "这位很少接受采访的创始人表示，团队今年不会融资。")
    assert pairs(x) == [("韩立明", "团队今年不会融资")]


def test_claims_long_statement_is_cut_to_one_statement(extract_text: Extract) -> None:
    sentence = "推理成本的下降来自算子融合、量化压缩和批处理调度的共同作用"
    x = extract_text("星河智算CEO韩立明表示：“" + "。".join([sentence] * 12) + "。”")
    assert x.claims
    assert all(letters(c.text) <= 300 for c in x.claims)
    assert all(c.speaker.text == "韩立明" for c in x.claims)


def test_claims_on_an_article_file() -> None:
    article = read_article(FIXTURES / "claims_inference_talk.md")
    x = process(article)
    got = {(c.speaker.text, re.sub(r"[^\w]", "", c.text)[:12]) for c in x.claims}
    assert got == {
        ("韩立明", "推理价格明年还会继续下降"),
        ("韩立明", "价格战远没有结束"),
        ("韩立明", "真正的壁垒是工程能力而不"),
        ("韩立明", "我们每个季度都在重写推理"),
        ("韩立明", "我们的毛利率一直是正的"),
        ("苏晓婷", "价格已经接近成本线继续降"),
        ("苏晓婷", "公司会把重心放在私有化部"),
        ("苏晓婷", "客户真正付费的是结果不是"),
        ("苏晓婷", "公司今年的收入已经翻倍"),
    }
    assert all(c.evidence.rule for c in x.claims)
    assert {c.date.isoformat() for c in x.claims if c.date} <= {"2024-09-10"}
