"""Entity mentions: catalogue names, new names found by patterns, sentence splitting."""

from __future__ import annotations

import re

import pytest
import spacy

from kg.analyse import analyse
from kg.entities.rules import entity_rules
from kg.entities.words import segmenter
from kg.lang.zh_nlp import words_and_spaces
from kg.text.patterns import lookbehind_any
from tests.conftest import make_article


def mentions(text: str) -> dict[str, str]:
    doc = analyse(make_article(text))
    return {m.text: m.type for m in doc._.mentions}


def test_analyse_catalogue_names_and_typo_alias() -> None:
    found = mentions("阿里云和百度智能云相继降价,包括OpenAl在内的厂商都感到压力。")
    assert found["阿里云"] == "Organization"
    assert found["百度智能云"] == "Organization"
    assert found["OpenAl"] == "Organization"


def test_analyse_new_latin_model_names_without_catalogue() -> None:
    found = mentions("星澜科技推出了Lumen-2-Flash与Orca-pro-64k,还有Zeta 3 Turbo。")
    assert found.get("Lumen-2-Flash") == "Model"
    assert found.get("Orca-pro-64k") == "Model"


def test_analyse_hardware_and_acronyms_are_not_models() -> None:
    found = mentions("公司购入1万张A100 GPU和一批H100芯片,采用MoE架构,API调用量大增。")
    assert not any(t == "Model" for t in found.values()), found


def test_analyse_family_variants_and_coordinated_forms() -> None:
    found = mentions("讯飞星火Pro/Max价格下调,混元-turbo也跟进。")
    assert found.get("讯飞星火Pro") == "Model"
    assert found.get("讯飞星火Max") == "Model"
    assert found.get("混元-turbo") == "Model"


def test_analyse_person_after_title_and_org_before_title() -> None:
    found = mentions("澜舟引擎联合创始人周若溪表示,成本会继续下降。")
    assert found.get("周若溪") == "Person"
    assert found.get("澜舟引擎") == "Organization"


def test_analyse_person_name_length_from_following_word() -> None:
    found = mentions("极光云CEO黄立负责这项业务,黄立评论认为价格战不可持续。")
    assert found.get("黄立") == "Person"
    assert "黄立负" not in found and "黄立评" not in found


def test_analyse_person_before_speech_verb() -> None:
    found = mentions("对此,韩若冰认为,降价会延续到明年。")
    assert found.get("韩若冰") == "Person"


def test_analyse_org_by_suffix_but_not_common_words() -> None:
    found = mentions("青松科技旗下的白鹭实验室发布新模型,但不少创业公司仍在观望。")
    assert found.get("白鹭实验室") == "Organization"
    assert not any("创业公司" in name for name in found)


def test_analyse_sentences_split_on_mixed_punctuation_and_headings() -> None:
    doc = analyse(make_article("▍价格战来了\n谁会赢?没人知道。他说:“先活下来!”然后离开了。"))
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "▍价格战来了"
    assert "谁会赢?" in sents
    assert any(s.startswith("他说") and s.endswith("”") for s in sents)


def test_analyse_spaced_versions_and_glued_digits() -> None:
    found = mentions("Zephyr 2.5 Turbo和Corvid4都降价了。")
    assert found.get("Zephyr 2.5 Turbo") == "Model"
    assert found.get("Corvid4") == "Model"


def test_analyse_new_chinese_family_with_hyphen_variant() -> None:
    found = mentions("公司推出天穹-lite,长文本的灵犀-pro-32k也上线了,腾讯-2024年报不算。")
    assert found.get("天穹-lite") == "Model"
    assert found.get("灵犀-pro-32k") == "Model"
    assert not any("2024" in name for name in found)


def test_analyse_two_people_joined_in_one_title_chain() -> None:
    found = mentions("星河智算CEO韩立明和蓝鲸数据CTO苏晓婷均表示,价格会降。")
    assert found.get("韩立明") == "Person" and found.get("苏晓婷") == "Person"


def test_analyse_bare_names_in_view_and_interview_lines() -> None:
    assert mentions("在苏晓婷看来,这是好事。").get("苏晓婷") == "Person"
    assert mentions("记者:会降价吗?\n韩立明:不会。").get("韩立明") == "Person"


def test_analyse_long_text_sentences_stay_linear() -> None:
    doc = analyse(make_article("模型降价," * 6000 + "完。"))
    assert len(list(doc.sents)) == 1


def test_analyse_versioned_latin_names_and_short_reasoning_models() -> None:
    found = mentions("Orca 2.1 70B和Nimbus k2.5上线,OpenAI的o5与o6-mini也在列,H1和Q3只是时间。")
    assert found.get("Orca 2.1 70B") == "Model"
    assert found.get("Nimbus k2.5") == "Model"
    assert found.get("o5") == "Model" and found.get("o6-mini") == "Model"
    assert "H1" not in found and "Q3" not in found


def test_analyse_new_organisations_from_context() -> None:
    found = mentions("成立两年的大模型创业公司松果智脑在深圳发布新品。雪豹矩阵的Tundra-2随后降价。"
                     "国内厂商同样没有闲着,公司之间几进几出。")
    assert found.get("松果智脑") == "Organization"
    assert found.get("雪豹矩阵") == "Organization"
    assert not any(n in found for n in ("没有闲着", "几进几出", "同样没有闲着"))


@pytest.mark.parametrize(("text", "org"), [
    ("觅川栖鹭旗下的大模型团队发布了新品。", "觅川栖鹭"),          # X旗下
    ("灵犀万象由远山资本孵化，专注于端侧模型。", "灵犀万象"),      # X由…孵化
    ("据悉，青岫曜石是北辰集团的子公司。", "青岫曜石"),            # X是…子公司
])
def test_analyse_new_organisations_named_by_what_they_belong_to(text: str, org: str) -> None:
    assert mentions(text).get(org) == "Organization"


def test_analyse_organisation_names_cleaned_of_context_words() -> None:
    found = mentions("本轮由远山资本领投,老股东云杉创投跟投。清华大学计算机系副教授宁远舟表示,好。"
                     "司徒嘉曾任微软亚洲研究院主管研究员。")
    assert found.get("远山资本") == "Organization" and found.get("云杉创投") == "Organization"
    assert found.get("清华大学") == "Organization" and "清华大学计算机系" not in found
    assert found.get("微软亚洲研究院") == "Organization"


def test_analyse_compound_surname_and_latin_person() -> None:
    found = mentions("澜舟星图CTO欧阳晨在会上发言。鸿途智能首席科学家Daniel Whitmore表示,Whitmore认为多模态是关键。")
    assert found.get("欧阳晨") == "Person"
    assert found.get("Daniel Whitmore") == "Person" and found.get("Whitmore") == "Person"


def test_analyse_lookbehind_any_is_true_right_after_each_word() -> None:
    words = [w for w in entity_rules().org_left_words if len(w) > 1] + ["由", "与"]
    text = "甲".join(words) + "甲由乙与"
    expected = {i + len(w) for w in words for i in range(len(text)) if text.startswith(w, i)}
    found = {m.start() for m in re.finditer(f"(?:{lookbehind_any(words)})", text)}
    assert found == expected
    assert not re.search(lookbehind_any(["旗下的"]), "旗下")       # a longer word needs all of it


@pytest.mark.parametrize("text", ["星图智能发布了Nova-2-Pro。", "a b", "a  b", "  开头和结尾  ", "x\n\n y", " ", "价格 \t 0.5 元"])
def test_analyse_words_and_spaces_as_spacy_aligns_them(text: str) -> None:
    words = [w for w in segmenter().cut(text) if w]
    assert words_and_spaces(words, text) == spacy.util.get_words_and_spaces(words, text)


def test_analyse_entity_finder_keeps_nothing_between_texts() -> None:
    from kg.entities.finder import EntityFinder

    finder = EntityFinder()
    first = finder.find("“云岫”是衡岫智能自研的大模型家族,云岫Pro随后上线。")
    second = finder.find("星澜科技推出了Lumen-2-Flash。")
    assert "云岫" in first.families and second.families == {}
    assert not hasattr(finder, "families")
    assert finder.find("“云岫”是衡岫智能自研的大模型家族,云岫Pro随后上线。") == first


def test_analyse_entity_rules_are_typed_data() -> None:
    from kg.entities.rules import ContextCue

    rules = entity_rules()
    assert "旗下" in rules.org_left_words and "智能" in rules.weak_org_suffixes
    assert all(isinstance(cue, ContextCue) for cue in rules.org_context_cues.values())
    assert rules.org_context_cues["subsidiary"].applies_to("甲是乙的子公司")
    assert not rules.org_context_cues["subsidiary"].applies_to("甲是乙")


def test_analyse_malformed_entity_rules_are_refused() -> None:
    import yaml

    from kg.entities.rules import EntityRules
    from kg.errors import KGError
    from kg.rules import from_mapping, rules_path

    path = rules_path("zh", "entities")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert from_mapping(path, data, EntityRules) == entity_rules()
    with pytest.raises(KGError, match="entities.yaml.*career_verbs"):
        from_mapping(path, {**data, "career_verbs": "出任"}, EntityRules)
    cues = {"incubated": {"pattern": "由", "needs": "由"}}
    with pytest.raises(KGError, match="needs"):
        from_mapping(path, {**data, "org_context_cues": cues}, EntityRules)


def test_analyse_each_entity_source_is_a_component_and_the_chooser_picks() -> None:
    from kg.analyse import load_nlp
    from kg.entities.sources import SOURCES

    nlp = load_nlp("zh")
    assert [n for n in nlp.pipe_names if n in SOURCES] == list(SOURCES)
    assert nlp.pipe_names[-1] == "kg_mentions"
    text = "星澜科技CEO陈思远表示,Lumen-2-Pro下周上线。"
    doc = nlp(text)
    assert {(m.text, m.type) for m in doc._.mentions} == {
        ("星澜科技", "Organization"), ("陈思远", "Person"), ("Lumen-2-Pro", "Model")}
    assert len(doc.spans["kg_candidates"]) >= len(doc._.mentions) and doc._.found is None
    with nlp.select_pipes(disable=["kg_person_names"]):
        without = nlp(text)
    assert "陈思远" not in {m.text for m in without._.mentions}
