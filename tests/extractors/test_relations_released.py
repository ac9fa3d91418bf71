"""released: who made a model, on sentences written for the tests."""

from __future__ import annotations


def released(x) -> set[tuple[str, str]]:  # noqa: ANN001
    return {(r.subject.text, r.object.text) for r in x.relations if r.kind == "released"}


def test_relations_released_model_glossed_in_brackets(extract_text) -> None:  # noqa: ANN001
    x = extract_text("6月3日，岚声科技举办开发者大会，正式发布新一代听澜2系列大模型（Tinglan-2）。")
    assert ("岚声科技", "Tinglan-2") in released(x)


def test_relations_released_its_model_opening_a_sentence(extract_text) -> None:  # noqa: ANN001
    x = extract_text("北辰智能的动作晚了一周。其旗舰模型Polaris-Max的输入价格从每百万tokens 10元降至4元。")
    assert ("北辰智能", "Polaris-Max") in released(x)


def test_relations_released_announcers_model_under_it(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澄溪智算日前宣布，自下月起，旗下轻量模型Brook-Lite的调用价格下调一半。")
    assert ("澄溪智算", "Brook-Lite") in released(x)


def test_relations_released_model_named_after_a_four_character_brand(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澄溪智算是鹭岛集团旗下的全资子公司，今年初推出了面向医院的行业模型澄溪-Med。")
    assert ("澄溪智算", "澄溪-Med") in released(x)
    assert ("鹭岛集团", "澄溪-Med") not in released(x)
