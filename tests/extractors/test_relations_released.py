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


def test_relations_released_our_own_model_is_the_articles_organisation(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岑川智能的推理云上线一年。岑川智能CEO钟清远说：“云上跑的有阿里巴巴的Qwen3，也有我们自己训练的"
                     "小模型岑微-8B。”岑川智能今年还将扩容。")
    assert ("岑川智能", "岑微-8B") in released(x)
    assert ("阿里巴巴", "岑微-8B") not in released(x)


def test_relations_released_list_item_labelled_with_its_maker(extract_text) -> None:  # noqa: ANN001
    x = extract_text("本周新品一览：\n\n- **澜屿科技**：语音合成模型Lanyu-Voice-2，按字符计费。澜屿科技CEO梁书远表示看好语音。\n"
                     "- **青枫云**：上架了开源模型Lanyu-Voice-1，供企业调用。青枫云总裁钟清远表示欢迎。\n")
    assert ("澜屿科技", "Lanyu-Voice-2") in released(x)
    assert ("青枫云", "Lanyu-Voice-1") not in released(x)


def test_relations_released_sentence_opening_with_a_release(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岑川智能CEO钟清远表示看好语音。岑川智能现在的旗舰模型是岑川-3。2024年开源的Cenlux-7B，累计下载量已超过百万次。")
    assert ("岑川智能", "Cenlux-7B") in released(x)


def test_relations_released_maker_named_only_in_the_models_name(extract_text) -> None:  # noqa: ANN001
    x = extract_text("各家价格对比如下。DeepSeek-V9目前的输入价格为2元/百万tokens。")
    assert ("DeepSeek", "DeepSeek-V9") in released(x)


def test_relations_released_described_reference_opening_the_sentence(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岑川实验室首席科学家钟清远同时是浙江大学教授。这家由浙江大学牵头组建的研究机构今年开源了Cenlux-9B。")
    assert ("岑川实验室", "Cenlux-9B") in released(x)
    assert ("浙江大学", "Cenlux-9B") not in released(x)


def test_relations_released_yardstick_named_after_its_maker_is_no_release(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岑川智能CEO钟清远表示，Cenlux-9在数学评测上的成绩均高于DeepSeek-V9。")
    assert not any(m == "DeepSeek-V9" for _, m in released(x))


def test_relations_released_long_description_and_fabiao_before_the_model(extract_text) -> None:  # noqa: ANN001
    x = extract_text("同日，岑衡智能发布了成立后的首个大模型系列“衍澜-1”。")
    assert ("岑衡智能", "衍澜-1") in {(r.subject.text, r.object.text) for r in x.relations if r.kind == "released"}
    x = extract_text("澜岫科技14日在台北发表第三代中文大型语言模型「Tarn 3」。")
    assert ("澜岫科技", "Tarn 3") in {(r.subject.text, r.object.text) for r in x.relations if r.kind == "released"}


def test_relations_released_by_the_organisation_labelling_a_section(extract_text) -> None:  # noqa: ANN001
    text = ("**岑岫科技：国内降价**\n\n国内版岫澜-Pro 3.0的输入价格从8元/百万tokens降到2元/百万tokens。"
            "作为参照，澜舟科技的Vela-2价格不变。\n\n**分析师怎么看**\n\nQorin-5被多位分析师点名。")
    rel = {(r.subject.text, r.object.text) for r in extract_text(text).relations if r.kind == "released"}
    assert ("岑岫科技", "岫澜-Pro 3.0") in rel
    assert ("澜舟科技", "Vela-2") in rel                # named with its own maker
    assert not {r for r in rel if r[1] == "Qorin-5"}     # a heading without an organisation ends the section
    # a long description that names another model is that model's: the catalogue's maker stays
    x = extract_text("百度智能云则直接官宣文心大模型两大主力模型ERNIE Speed免费。")
    assert not [r for r in x.relations if r.kind == "released" and r.evidence.rule == "org-verb-model"]


def test_relations_released_sizes_of_a_family_named_in_quotes_and_latin(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岚序科技今日正式推出新一代大模型家族“青枢5”（QingShu-5）。"
                     "该系列按参数规模分为青枢5-Max、青枢5-Lite和青枢5-Nano三款。")
    assert {("岚序科技", m) for m in ("青枢5-Max", "青枢5-Lite", "青枢5-Nano")} <= released(x)


def test_relations_released_a_comparative_before_a_model_is_no_maker(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澄岫科技今天发布澄玉-3。更小的澄玉-3 Mini对个人开发者免费。")
    assert ("澄岫科技", "澄玉-3 Mini") in released(x)
    assert not {r for r in released(x) if r[0] == "更小"}


def test_relations_released_live_on_its_own_open_platform(extract_text) -> None:  # noqa: ANN001
    text = ("**14:00** 发布会开始。岚岫智能科技有限公司创始人兼CEO滕一鸣登台。\n\n"
            "**14:12** 重头戏来了：新一代旗舰模型澄玉-3正式发布，即日起在岚岫开放平台上线，同时上架阿里云百炼平台。"
            "更小的澄玉-3 Mini免费。")
    rel = released(extract_text(text))
    assert {("岚岫智能科技有限公司", "澄玉-3"), ("岚岫智能科技有限公司", "澄玉-3 Mini")} <= rel
    assert not {r for r in rel if r[0] == "阿里云"}      # the cloud that lists it makes nothing


def test_relations_released_a_clause_under_the_subject(extract_text) -> None:  # noqa: ANN001
    x = extract_text("两家公司都很年轻。岚序智能主攻多模态模型，旗下青枢-7系列今年初上线。")
    assert ("岚序智能", "青枢-7") in released(x)
    # two organisations: whose 旗下 is not said
    x = extract_text("岚序智能投资了澄川科技，旗下澄枢-2也接入了平台。")
    assert not {r for r in released(x) if r[1] == "澄枢-2"}
    x = extract_text("岚序智能主攻多模态模型，旗下青枢-7系列今年初上线；澄川科技则以语音见长。")
    assert ("岚序智能", "青枢-7") in released(x)


def test_relations_released_a_user_of_a_model_and_a_title_after_the_brand(extract_text) -> None:  # noqa: ANN001
    x = extract_text("在线教育公司杭州岑页网络科技有限公司（岑页网络）是文心API的长期用户。岚石科技是澄玉-3的开发者。")
    assert not {r for r in released(x) if r[1] == "文心"}
    assert ("岚石科技", "澄玉-3") in released(x)
    x = extract_text("26日，深圳智岑星海科技有限公司（智岑星海）开源代码模型星海Coder-34B。智岑星海CTO阚力说，竞争很激烈。")
    assert {m for _, m in released(x)} == {"星海Coder-34B"}      # 星海CTO is a title, no model
