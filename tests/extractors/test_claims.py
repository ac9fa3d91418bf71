"""Claims (Person --argues--> statement) on sentences and an article written for the tests.

All people and companies here are invented.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.extractors import claims_rules
from kg.extractors.claims_patterns import ClaimRules, claim_rules
from kg.extractors.claims_units import quote_mask
from kg.extractors.claims_units import units as cut_units
from kg.pipeline import process
from kg.read import read_article
from kg.records import Article, Extraction
from kg.rules import from_mapping

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


# ------------------------------------- quotes placed around a speaker with no speech verb

INTRO = "澄川科技CEO陆思源出席了发布会。"


@pytest.mark.parametrize("text", [
    "“推理的瓶颈在内存，不在算力。”在杭州的实验室里，澄川科技CEO陆思源开门见山。",
    "“推理的瓶颈在内存，不在算力。”在杭州的实验室里，澄川科技CEO陆思源开门见山地说。",
    "“推理的瓶颈在内存，不在算力。”采访刚开始，澄川科技CEO陆思源就直奔主题。",
])
def test_claims_quote_before_speaker_after_a_setting(extract_text: Extract, text: str) -> None:
    assert pairs(extract_text(text)) == [("陆思源", "推理的瓶颈在内存，不在算力")]


def test_claims_quote_after_a_sentence_about_the_person(extract_text: Extract) -> None:
    x = extract_text(INTRO + "被问到融资进展时，陆思源显得很轻松。“钱不是问题，难的是找到对的人。”")
    assert pairs(x) == [("陆思源", "钱不是问题，难的是找到对的人")]


@pytest.mark.parametrize("text", [
    INTRO + "“我们不着急。”他顿了顿，“慢一点反而更稳。”",
    INTRO + "“我们不着急。”陆思源笑了笑，“慢一点反而更稳。”",
    INTRO + "“我们不着急。”他说，“慢一点反而更稳。”",
])
def test_claims_quote_split_around_the_speaker(extract_text: Extract, text: str) -> None:
    assert pairs(extract_text(text)) == [("陆思源", "我们不着急。慢一点反而更稳")]


@pytest.mark.parametrize("text", [
    INTRO + "对此，陆思源并不讳言：“开源模型会吃掉一半的市场。”",
    INTRO + "对于外界的质疑，陆思源的回应很简短：“开源模型会吃掉一半的市场。”",
    INTRO + "陆思源的看法是:“开源模型会吃掉一半的市场。”",
    INTRO + '陆思源的回答是:"开源模型会吃掉一半的市场."',
    INTRO + "他的解释很直接：“开源模型会吃掉一半的市场。”",
])
def test_claims_person_predicate_colon_quote(extract_text: Extract, text: str) -> None:
    assert pairs(extract_text(text)) == [("陆思源", "开源模型会吃掉一半的市场")]


@pytest.mark.parametrize(("text", "said"), [
    ("澄川科技CEO陆思源早在两年前就把推理芯片称作AI时代的“印钞机”。", "推理芯片称作AI时代的“印钞机”"),
    ("澄川科技CEO陆思源在演讲中形容这一轮降价是“一场没有硝烟的战争”。", "这一轮降价是“一场没有硝烟的战争”"),
    ("澄川科技CEO陆思源把大模型比喻为“新时代的电网”。", "大模型比喻为“新时代的电网”"),
    ("澄川科技CEO陆思源随后在直播中罕见松口，承认团队“低估了开源的速度”。", "团队“低估了开源的速度”"),
    ("澄川科技CEO陆思源承认，团队低估了开源的速度。", "团队低估了开源的速度"),
])
def test_claims_reporting_verbs_with_a_quote_object(extract_text: Extract, text: str, said: str) -> None:
    assert pairs(extract_text(text)) == [("陆思源", said)]


@pytest.mark.parametrize("text", [
    INTRO + "记者问陆思源：“你们会继续降价吗？”",                  # the person is asked, not speaking
    INTRO + "陆思源拒绝回答：“这个问题要问董事会。”",
    INTRO + "陆思源的公司口号是：“让推理像水电一样便宜。”",          # the company's words
    INTRO + "陆思源被业内称为“价格屠夫”。",                        # said about the person
    INTRO + "“百模大战”陆思源早有预料。",                           # a quoted term, not a statement
    INTRO + "澄川科技发布了新模型。“这是我们最好的模型。”",          # a sentence about a company
    INTRO + "一位投资人透露，公司在融资。他的看法是：“估值已经很高了。”",   # 他: the unnamed investor
    INTRO + "记者和陆思源聊了两个小时。“那是一段很难的日子。”",      # the person is not the subject
    "“推理不是泡沫。”这番话让在场的澄川科技CEO陆思源陷入沉思。",   # said to the person
    INTRO + "陆思源身后的大屏幕上写着：“让推理像水电一样便宜。”",     # a screen's words
])
def test_claims_no_claim_without_a_speaking_person(extract_text: Extract, text: str) -> None:
    assert extract_text(text).claims == []


def test_claims_quote_after_subject_only_right_after_it(extract_text: Extract) -> None:
    x = extract_text(INTRO + "陆思源显得很平静。澄川科技去年收入翻倍。“这是市场给的答案。”")
    assert x.claims == []


def test_claims_units_cut_at_sentence_ends_outside_quotes() -> None:
    def units(text: str) -> list[str]:
        return [text[s:e] for s, e in cut_units(text, 0, len(text))]

    # without quotation marks (the fast path) and with them, the same cuts
    assert units("甲说。乙！）丙？？丁") == ["甲说。", "乙！）", "丙？？", "丁"]
    assert units("甲说：“好。很好。”乙！丙") == ["甲说：“好。很好。”乙！", "丙"]     # not cut inside quotes
    assert units("甲说。  ") == ["甲说。"]
    assert quote_mask("甲说。", 0, 3) == [False] * 3
    assert quote_mask("甲“好”乙", 0, 5) == [False, True, True, True, False]


def test_claims_rules_file_is_typed_and_complete() -> None:
    rules = claim_rules()
    assert isinstance(rules, ClaimRules)
    assert "称" in rules.verb_endings and "这位" in rules.demonstratives
    assert all(isinstance(w, str) and w for w in rules.person_nouns)
    # a word list written as one word is refused, naming the file and the key
    data = {f.name: getattr(rules, f.name) for f in dataclasses.fields(ClaimRules)}
    data = {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()} | {"joiners": "并"}
    with pytest.raises(KGError, match=r"claims\.yaml: key joiners: must be a list"):
        from_mapping(Path("kg/rules/zh/claims.yaml"), data, ClaimRules)


def test_claims_rule_names_are_the_evidence_rules(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明表示，推理价格还会继续下降。他还认为，明年会有更多应用公司盈利。")
    assert [c.evidence.rule for c in x.claims] == ["speaker-verb", "pronoun-speaker"]


def test_claims_an_attribution_rule_can_be_switched_off(extract_text: Extract,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    text = "星河智算CEO韩立明表示，推理价格还会继续下降。他还认为，明年会有更多应用公司盈利。"
    rules = tuple(r for r in claims_rules.ATTRIBUTION_RULES if r is not claims_rules.pronoun_speaker)
    monkeypatch.setattr(claims_rules, "ATTRIBUTION_RULES", rules)
    assert [c.evidence.rule for c in extract_text(text).claims] == ["speaker-verb"]


def test_claims_what_a_persons_words_are_called_then_a_colon_without_quotes(extract_text) -> None:  # noqa: ANN001
    x = extract_text("谈到明年,蓝湾科技CEO周启明的看法很直接:价格战会在两年内结束。他的团队:二十个人。")
    assert [(c.speaker.text, c.text) for c in x.claims] == [("周启明", "价格战会在两年内结束")]
    assert "周启明的" not in {m.text for m in x.mentions}


def test_claims_an_addressee_named_after_tell_is_not_part_of_the_claim(extract_text) -> None:  # noqa: ANN001
    x = extract_text("蓝湾科技合伙人王若萌告诉36氪,大厂今年给核心人才开出的薪酬普遍上浮了三成。")
    assert [(c.speaker.text, c.text) for c in x.claims] == [("王若萌", "大厂今年给核心人才开出的薪酬普遍上浮了三成")]


def _interview(title: str, text: str) -> Extraction:
    return process(Article(id="qa", text=text, content_hash=str(hash(text)), title=title,
                           date=dt.date(2025, 4, 2)))


def test_claims_answers_belong_to_the_interviewee_the_title_names() -> None:
    text = ("岭渡科技创始人俞青禾很少露面。\n\n问：你们为什么不跟风降价？\n\n"
            "答：价格只是结果，真正该比的是每一次调用解决了多少问题。\n\n问：听说有人认为你们太保守？\n\n"
            "答：保守的是节奏，不是判断，我们会在成本降下来之后再让利。")
    x = _interview("对话岭渡科技俞青禾：价格只是结果", text)
    said = said_by(x, "俞青禾")
    assert any("真正该比的是每一次调用解决了多少问题" in s for s in said)
    assert any("保守的是节奏" in s for s in said)
    assert not [c for c in x.claims if "跟风降价" in c.text or "太保守" in c.text]     # questions are nobody's
    # without an interview title the answers have no speaker
    assert not _interview("岭渡科技的一年", text).claims


def test_claims_answers_that_narrate_facts_are_no_claims() -> None:
    text = ("问：先说说你的经历？\n\n俞青禾：我2016年从复旦毕业，去了一家芯片公司做编译器。\n\n"
            "问：团队多大？\n\n俞青禾：八十人左右，一半做研究。\n\n问：新模型怎么收费？\n\n"
            "俞青禾：每百万tokens输入2元、输出8元。\n\n问：2026年会怎样？\n\n"
            "俞青禾：2026年推理会比训练更花钱，谁先把推理做便宜谁就赢。")
    said = said_by(_interview("专访俞青禾：推理会比训练更花钱", text), "俞青禾")
    assert said and all("推理会比训练更花钱" in s for s in said)     # a future year still argues


def test_claims_answer_split_at_a_stance_and_facts_after_assent_are_no_claim(extract_text: Extract) -> None:
    x = extract_text("记者：你们在补贴吗？\n\n韩屿：没有补贴。我们的毛利还是正的，靠的是自研推理引擎。"
                     "在我看来，价格战拼到最后拼的是效率。\n\n记者：你的履历呢？\n\n"
                     "韩屿：对。2012年毕业后我先去了北辰科技，在那里待了五年。\n\n记者：新模型多少钱？\n\n"
                     "韩屿：松衡-3的定价是每百万tokens输入2元、输出8元。")
    said = said_by(x, "韩屿")
    assert said == ["没有补贴。我们的毛利还是正的，靠的是自研推理引擎", "在我看来，价格战拼到最后拼的是效率"]


def test_claims_quote_joined_to_a_chain_about_a_person(extract_text: Extract) -> None:
    x = extract_text("原总裁韩屹卸任并离开公司，他随后在微博确认，已加盟北辰智算，并称“算力会像水一样被重新定价”。"
                     "原副总裁苏禾离职，公司随后确认，已引入北辰智算，并称“合作会继续”。")
    assert pairs(x) == [("韩屹", "算力会像水一样被重新定价")]


def test_claims_a_quoted_sentence_opening_a_narrating_unit_continues_the_speaker(extract_text: Extract) -> None:
    x = extract_text("松衡科技创始人韩屿当晚回应称，涨价是一个诚实的决定。“有人把价格压到成本线以下，这种做法撑不了太久。”"
                     "公开资料显示，该公司去年完成融资。\n\n白溪智能表示，将跟进降价。“我们不会亏本卖。”公开资料显示，白溪智能成立于2020年。")
    assert said_by(x, "韩屿") == ["涨价是一个诚实的决定", "有人把价格压到成本线以下，这种做法撑不了太久"]
    assert len(x.claims) == 2              # a company's statement is continued by nobody


# ---------------------------------------------------------------- transcripts with speaker labels

TRANSCRIPT = ("本期节目由主持人柏清远主持，请来了两位嘉宾。\n\n"
              "**柏清远：** 两位先介绍一下自己吧。\n\n"
              "**蒋牧之：** 大家好，我是蒋牧之，在一家做推理芯片的公司当CTO。\n\n"
              "**司马岚：** 司马岚，早年做过十年数据库，现在在投资机构看硬科技。\n\n"
              "**柏清远：** 所以你的意思是，芯片的价格还会涨？\n\n"
              "**蒋牧之：** 我是说，推理芯片的毛利会被云厂商一点点吃掉。\n\n"
              "**司马岚：** 不是，我想说的是——\n\n"
              "**司马岚：** 我们去年投的三家都在做边缘推理。但我想强调一点：边缘推理的窗口期只有两年。\n")


def test_claims_transcript_bold_speaker_labels(extract_text: Extract) -> None:
    x = extract_text(TRANSCRIPT)
    assert said_by(x, "蒋牧之") == ["我是说，推理芯片的毛利会被云厂商一点点吃掉"]
    assert any("窗口期只有两年" in s for s in said_by(x, "司马岚"))


def test_claims_transcript_host_introductions_and_cut_off_lines_are_no_claims(extract_text: Extract) -> None:
    x = extract_text(TRANSCRIPT)
    assert not said_by(x, "柏清远")
    assert not any("大家好" in s or "早年做过" in s or s.endswith("——") or "我想说的是" in s for s in pairs_text(x))


def pairs_text(x: Extraction) -> list[str]:
    return [c.text for c in x.claims]


def test_claims_traditional_interview_title_names_the_interviewee(tmp_path: Path) -> None:
    path = tmp_path / "hk.md"
    path.write_text("---\ntitle: 專訪嶺渡科技俞青禾：價格只是結果\ndate: 2025-04-02\n---\n\n"
                    "嶺渡科技創辦人俞青禾很少露面。\n\n問：你們為甚麼不跟風減價？\n\n"
                    "答：價格只是結果，真正該比的是每一次調用解決了多少問題。\n", encoding="utf-8")
    said = [c.text for c in process(read_article(path)).claims]
    assert any("真正該比的是每一次調用解決了多少問題" in s for s in said)


def test_claims_view_told_with_a_copula_and_a_comma(extract_text: Extract) -> None:
    x = extract_text("汀岚资本合伙人钮若溪也来了。钮若溪的判断是，小模型的价格还会再降一半。"
                     "他的观点是，开源社区才是真正的护城河。")
    assert pairs(x) == [("钮若溪", "小模型的价格还会再降一半"), ("钮若溪", "开源社区才是真正的护城河")]


def test_claims_bold_section_heading_is_no_claim(extract_text: Extract) -> None:
    x = extract_text("**韩立明：“便宜”不再是卖点**\n\n星河智算CEO韩立明第一个发言。她认为，企业更在乎稳定性。")
    assert pairs(x) == [("韩立明", "企业更在乎稳定性")]


def test_claims_panel_one_word_each_is_nobody_elses(extract_text: Extract) -> None:
    x = extract_text("最后，主持人请嘉宾各用一个词预测明年。韩立明说“开源”，苏晓婷说“出清”，钮若溪则说“算力”。")
    assert pairs(x) == []


@pytest.mark.parametrize("connective", ["不过", "但", "然而", "此外", "据"])
def test_claims_pronoun_after_a_connective(extract_text: Extract, connective: str) -> None:
    x = extract_text(f"星河智算CEO韩立明表示，推理价格还会继续下降。{connective}他介绍，长文本仍是团队的短板。")
    assert ("韩立明", "长文本仍是团队的短板") in pairs(x)


def test_claims_opinion_verbs_without_quotes(extract_text: Extract) -> None:
    x = extract_text("蓝鲸数据CEO苏晓婷出席了论坛。她觉得这个问题没有错，只是不该只问创业者。"
                     "她又指，公司无意和大厂比拼参数规模。")
    assert said_by(x, "苏晓婷") == ["这个问题没有错，只是不该只问创业者", "公司无意和大厂比拼参数规模"]


def test_claims_opinion_verb_inside_a_word_is_no_speech(extract_text: Extract) -> None:
    x = extract_text("蓝鲸数据CEO苏晓婷出席了论坛。她指着屏幕上的曲线笑了。这里指的是推理成本。")
    assert x.claims == []


def test_claims_pronoun_after_an_indefinite_person_is_not_the_named_one(extract_text: Extract) -> None:
    x = extract_text("华岳证券首席分析师钱明远认为，阶梯计价会让成本上升。"
                     "一家游戏公司的技术负责人给记者算了一笔账：每月账单不到三千元。不过他也提醒，免费额度更像获客手段。")
    assert said_by(x, "钱明远") == ["阶梯计价会让成本上升"]


def test_claims_department_head_and_a_rare_surname_speak(extract_text: Extract) -> None:
    x = extract_text("耀川证券研究部主管温柏远认为，拆分有助市场看清业务价值。厍立言也表示，拆分对股东是一件好事。")
    assert ("温柏远", "拆分有助市场看清业务价值") in pairs(x)
    assert ("厍立言", "拆分对股东是一件好事") in pairs(x)


def test_claims_verb_opening_the_clause_after_the_speakers_own(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明出席了论坛。至于外界说的价格战，他并不认同，称公司从来没有亏本卖过一次推理。"
                     "蓝鲸数据CEO苏晓婷摇了摇头，表示：长文本的成本还要再降一半。")
    assert ("韩立明", "公司从来没有亏本卖过一次推理") in pairs(x)
    assert ("苏晓婷", "长文本的成本还要再降一半") in pairs(x)


def test_claims_a_naming_verb_after_a_clause_is_no_speech(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明今天发布了新模型，称为星河二号。")
    assert x.claims == []


def test_claims_a_quoted_sentence_opening_a_unit_with_a_later_speaker_continues_the_last(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明出席了论坛。在韩立明看来，开源是一种更快的分发方式。"
                     "“开发者肯把模型下载到本地，这比任何发布会都更有说服力。”但他也承认，最强的版本会留在云上。")
    assert said_by(x, "韩立明") == ["开源是一种更快的分发方式", "开发者肯把模型下载到本地，这比任何发布会都更有说服力",
                                   "最强的版本会留在云上"]


def test_claims_three_views_in_one_sentence(extract_text: Extract) -> None:
    x = extract_text("星河智算CEO韩立明、蓝鲸数据CEO苏晓婷和澄湖资本合伙人顾明远出席了论坛。"
                     "韩立明判断，推理价格明年还会减半；苏晓婷则担心，继续降价会把资本挤出这个行业；"
                     "顾明远的判断更偏技术面——只要芯片继续进步，价格就没有底。")
    assert said_by(x, "韩立明") == ["推理价格明年还会减半"]
    assert said_by(x, "苏晓婷") == ["继续降价会把资本挤出这个行业"]
    assert said_by(x, "顾明远") == ["只要芯片继续进步，价格就没有底"]


def test_claims_the_source_a_speaker_cites(extract_text: Extract) -> None:
    x = extract_text("澄湖研究院首席分析师顾明远出席了论坛。她援引该机构的调研称，一季度企业调用量同比增长超过八倍。")
    assert said_by(x, "顾明远") == ["一季度企业调用量同比增长超过八倍"]


def test_claims_the_one_warned_is_no_part_of_the_warning(extract_text: Extract) -> None:
    x = extract_text("澄明智能联合创始人兼CTO谯远舟出席了论坛。他同时提醒开发者，新版本对显存的要求比参数量看上去更高。")
    assert said_by(x, "谯远舟") == ["新版本对显存的要求比参数量看上去更高"]


def test_claims_what_the_words_are_about_before_a_speech_noun(extract_text: Extract) -> None:
    x = extract_text("澄明智能CEO谯远舟宣布下调价格。谯远舟对此的解释是，集群利用率提高了一倍，成本随之下降。")
    assert said_by(x, "谯远舟") == ["集群利用率提高了一倍，成本随之下降"]


def test_claims_a_promise_is_a_statement_but_a_company_promising_is_no_claim(extract_text: Extract) -> None:
    x = extract_text("澄明智能CEO谯远舟出席了论坛。他同时承诺，明年之内不会上调已公布模型的价格。"
                     "澄明智能与岚峰数据签约，岚峰数据承诺采购一百台服务器。")
    assert said_by(x, "谯远舟") == ["明年之内不会上调已公布模型的价格"]
    assert len(x.claims) == 1


def test_claims_an_opinion_pieces_first_person_stance_is_the_writers(extract_text: Extract) -> None:
    x = extract_text("*作者顾明川为澄观研究院首席研究员。本文仅代表作者个人观点。*\n\n"
                     "据澄观研究院统计，均价下降了九成。我的判断是，降价已经进入尾声。服务会成为新的战场。\n\n"
                     "峰图科技CTO钟明远说，他们明年还会降价。但我认为这并不可信。\n\n"
                     "我相信，峰图科技CTO钟明远仍会坚持降价。\n\n"
                     "均价还会继续下降，这是常识。")
    said = {c.text for c in x.claims if c.speaker.text == "顾明川"}
    # from the stance to the end of its paragraph, one claim a sentence; the words told before are another's
    assert said == {"我的判断是，降价已经进入尾声", "服务会成为新的战场", "我认为这并不可信"}
    assert {c.text for c in x.claims if c.speaker.text == "钟明远"} == {"他们明年还会降价"}
    # with no author's note, 我认为 has no speaker to give it to
    x = extract_text("据澄观研究院统计，均价下降了九成。我的判断是，降价已经进入尾声。")
    assert not x.claims


def test_claims_a_forecast_is_a_statement_but_a_companys_is_no_claim(extract_text: Extract) -> None:
    x = extract_text("峰图证券首席分析师钟明远认为，降价还会继续。他还预计，到明年底价格还会再降一个数量级。")
    assert ("钟明远", "到明年底价格还会再降一个数量级") in {(c.speaker.text, c.text) for c in x.claims}
    assert not extract_text("峰图科技预计全年营收增长三成。全年预计亏损收窄。").claims


def test_claims_a_verb_and_how_it_was_said_before_a_colon(extract_text: Extract) -> None:
    x = extract_text("峰图证券首席分析师钟明远认为，降价还会继续。对于离职，钟明远本人说得很简单：年轻人更适合冲锋，我想休息一下。")
    assert ("钟明远", "年轻人更适合冲锋，我想休息一下") in {(c.speaker.text, c.text) for c in x.claims}
    # 得 after a verb that is no speech verb tells nothing said
    x = extract_text("峰图证券首席分析师钟明远认为，降价还会继续。钟明远跑得很快：每天十公里。")
    assert [c.text for c in x.claims] == ["降价还会继续"]


def test_claims_a_commentator_told_by_who_they_are(extract_text: Extract) -> None:
    x = extract_text("峰图电讯昨日公布新价格。科技评论员钟明远认为，峰图电讯的定价在本地属中低水平。")
    assert {(c.speaker.text, c.text) for c in x.claims} == {("钟明远", "峰图电讯的定价在本地属中低水平")}
    # a word of who they are, not a post: no employer
    assert not [r for r in x.relations if r.kind in ("worksFor", "formerlyWorkedFor")]
