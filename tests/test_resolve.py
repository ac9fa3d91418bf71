"""Entity resolution inside an article: aliases it introduces, typos, family names."""

from __future__ import annotations

from kg.resolve import resolve


def keys(extract_text, text: str) -> dict[str, str]:  # noqa: ANN001
    r = resolve(extract_text(text))
    return {m.text: r.key(m) for m in r.extraction.mentions}


def test_resolve_parenthesised_alias_is_one_entity(extract_text) -> None:  # noqa: ANN001
    k = keys(extract_text, "星澜科技推出Lumen-2-Pro。深度求索（DeepSeek）也推出了新模型。")
    assert k["深度求索"] == k["DeepSeek"] == "Organization/deepseek"


def test_resolve_one_letter_typo_joins_the_common_spelling(extract_text) -> None:  # noqa: ANN001
    k = keys(extract_text, "雪松科技发布了Orca-Coder。雪松科技表示Orca-Coder免费。Orca-Codr的输出价格为2元/百万tokens。"
             "GLM-3和GLM-4是两个模型。")
    assert k["Orca-Codr"] == k["Orca-Coder"]
    assert k["GLM-3"] != k["GLM-4"]


def test_resolve_family_name_alone_is_the_same_person(extract_text) -> None:  # noqa: ANN001
    k = keys(extract_text, "雪松科技首席科学家Anna Berg表示,价格会降。Berg认为,多模态更重要。")
    assert k["Berg"] == k["Anna Berg"]


def test_resolve_keys_are_stable_and_catalogue_first(extract_text) -> None:  # noqa: ANN001
    a = keys(extract_text, "阿里云智能集团发布了Qwen-Long。")
    b = keys(extract_text, "阿里云也发布了Qwen-Long。")
    assert a["阿里云智能集团"] == b["阿里云"] == "Organization/alibaba-cloud"
    assert a["Qwen-Long"] == b["Qwen-Long"] == "Model/qwenlong"


def test_resolve_legal_suffix_comes_from_the_rules() -> None:
    from kg.resolve import name_key, rules

    assert "有限公司" in rules().legal_suffixes
    assert name_key("Organization", "星澜科技有限公司") == name_key("Organization", "星澜科技")


def test_resolve_a_traditional_articles_names_are_written_as_written(tmp_path) -> None:  # noqa: ANN001
    from kg.pipeline import process
    from kg.read import read_article
    from kg.resolve import resolve

    (tmp_path / "tw.md").write_text("---\nid: tw\nlang: zh\n---\n澄嶼數據營運總監鄧穎詩表示,價格還會再降。\n", "utf-8")
    r = resolve(process(read_article(tmp_path / "tw.md")))
    person = next(e for e in r.entities.values() if e.type == "Person")
    assert person.label == "鄧穎詩" and "邓颖诗" in person.aliases
    assert person.key == "Person/邓颖诗"           # keyed as read: one node with the same person in Simplified


def test_resolve_a_place_before_a_name_the_article_uses_alone_is_that_organisation(extract_text) -> None:  # noqa: ANN001
    r = resolve(extract_text("台湾苇渡集团今天发布财报。苇渡集团董事长表示，明年继续投资。"))
    keys = {r.key(m) for m in r.extraction.mentions if m.text in ("台湾苇渡集团", "苇渡集团")}
    assert len(keys) == 1


def test_resolve_short_name_joins_the_registered_name_with_its_core(extract_text) -> None:  # noqa: ANN001
    k = keys(extract_text, "岚序智能的工商注册名为上海岚序智能科技有限公司。岚序成立于2022年。"
             "澄湾集团的注册名为澄湾科技集团有限公司。")
    assert k["岚序智能"] == k["上海岚序智能科技有限公司"] == k["岚序"]
    assert k["澄湾集团"] == k["澄湾科技集团有限公司"]


def test_resolve_group_and_company_with_one_core_stay_two(extract_text) -> None:  # noqa: ANN001
    k = keys(extract_text, "松岑集团旗下的北京松岑科技有限公司今天成立。")
    assert k["松岑集团"] != k["北京松岑科技有限公司"]
    # two registered names with one core (two cities): the short name joins neither
    k = keys(extract_text, "岑屿智能在北京岑屿科技有限公司和杭州岑屿科技有限公司之间调整了业务。")
    assert k["岑屿智能"] not in {k["北京岑屿科技有限公司"], k["杭州岑屿科技有限公司"]}


def test_resolve_a_registered_subsidiary_is_not_its_parents_name(extract_text) -> None:  # noqa: ANN001
    k = keys(extract_text, "岑屿智能成立于2021年。今年岑屿智能在北京设立了全资子公司北京岑屿信息技术有限公司。")
    assert k["岑屿智能"] != k["北京岑屿信息技术有限公司"]
