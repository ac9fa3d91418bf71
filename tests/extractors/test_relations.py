"""released, subsidiaryOf, worksFor and formerlyWorkedFor on articles written for the tests."""

from __future__ import annotations


def rels(x, kind: str) -> set[tuple[str, str]]:  # noqa: ANN001
    return {(r.subject.text, r.object.text) for r in x.relations if r.kind == kind}


def test_relations_released_by_verb_and_apposition(extract_text) -> None:  # noqa: ANN001
    x = extract_text("3月10日,星澜科技发布了Lumen-2-Pro和Lumen-2-Lite。青松智能的Orca-7B也已上线。")
    released = rels(x, "released")
    assert ("星澜科技", "Lumen-2-Pro") in released
    assert ("星澜科技", "Lumen-2-Lite") in released     # coordinated models share the releaser
    assert ("青松智能", "Orca-7B") in released
    dated = [r for r in x.relations if r.kind == "released" and r.object.text == "Lumen-2-Pro"]
    assert dated[0].date is not None and dated[0].date.isoformat() == "2024-03-10"


def test_relations_released_not_for_comparisons(extract_text) -> None:  # noqa: ANN001
    x = extract_text("星澜科技称其Lumen-2-Pro比GPT-4o更便宜。")
    assert ("星澜科技", "GPT-4o") not in rels(x, "released")


def test_relations_subsidiary_from_qixia_and_incubation(extract_text) -> None:  # noqa: ANN001
    x = extract_text("青松科技旗下的白鹭实验室发布新模型。灵犀智能由北辰资本孵化。")
    subs = rels(x, "subsidiaryOf")
    assert ("白鹭实验室", "青松科技") in subs
    assert ("灵犀智能", "北辰资本") in subs


def test_relations_works_for_with_titles_and_former_roles(extract_text) -> None:  # noqa: ANN001
    x = extract_text("前字节跳动副总裁、现任青松科技首席科学家赵明轩指出,成本在下降。"
                     "北辰资本合伙人林嘉欣认为,价格战会持续。")
    assert ("赵明轩", "字节跳动") in rels(x, "formerlyWorkedFor")
    assert ("赵明轩", "青松科技") in rels(x, "worksFor")
    assert ("林嘉欣", "北辰资本") in rels(x, "worksFor")
    roles = {r.object.text: r.role for r in x.relations if r.subject.text == "赵明轩"}
    assert roles["青松科技"] == "首席科学家"


def test_relations_two_employers_in_one_title_chain(extract_text) -> None:  # noqa: ANN001
    x = extract_text("创新工场董事长、青松科技CEO陈思远表示,不会降价。")
    works = rels(x, "worksFor")
    assert ("陈思远", "创新工场") in works
    assert ("陈思远", "青松科技") in works


def test_relations_founder_from_creation_verb(extract_text) -> None:  # noqa: ANN001
    x = extract_text("星澜科技创始人韩若冰表示,明年还会降价。2019年,韩若冰与同学共同创立星澜科技。")
    assert ("韩若冰", "星澜科技") in rels(x, "worksFor")


def test_relations_release_verb_with_subject_earlier_in_sentence(extract_text) -> None:  # noqa: ANN001
    x = extract_text("雪松科技在深圳召开发布会，正式推出新一代旗舰模型Cedar-3-Pro。这是该公司继去年发布Cedar-2之后的更新。")
    released = rels(x, "released")
    assert ("雪松科技", "Cedar-3-Pro") in released
    assert ("雪松科技", "Cedar-2") in released


def test_relations_subsidiary_forms(extract_text) -> None:  # noqa: ANN001
    x = extract_text("松果智能是松果集团今年成立的AI子公司。松果智能旗下还孵化了一家语音公司青鸟声学。"
                     "雪豹矩阵也是由量化私募北极星资本孵化的。")
    subs = rels(x, "subsidiaryOf")
    assert ("松果智能", "松果集团") in subs
    assert ("青鸟声学", "松果智能") in subs
    assert ("雪豹矩阵", "北极星资本") in subs


def test_relations_joining_and_leaving(extract_text) -> None:  # noqa: ANN001
    x = extract_text("星澜科技CEO陈思远表示,欢迎新同事。前北辰万象CTO韩若冰已于近日加盟星澜科技，担任首席科学家。"
                     "韩若冰2016年加入百度，去年从百度离职。司徒明，曾任青松研究院研究员，还曾在腾讯云短暂任职。")
    assert ("韩若冰", "星澜科技") in rels(x, "worksFor")
    roles = {(r.subject.text, r.object.text): r.role for r in x.relations}
    assert roles[("韩若冰", "星澜科技")] == "首席科学家"
    former = rels(x, "formerlyWorkedFor")
    assert ("韩若冰", "百度") in former and ("韩若冰", "百度") not in rels(x, "worksFor")
    assert ("韩若冰", "北辰万象") in former


def test_relations_founded_by_after_the_organisation(extract_text) -> None:  # noqa: ANN001
    x = extract_text("星澜科技CTO黎晓棠表示,会继续投入。一家语音公司青鸟声学，由前星澜科技语音负责人黎晓棠创办，主打语音模型。")
    assert ("黎晓棠", "青鸟声学") in rels(x, "worksFor")


def test_relations_article_family_and_same_family_makers(extract_text) -> None:  # noqa: ANN001
    x = extract_text("“青岚”是松果智能自研的大模型家族，目前提供青岚Pro与青岚-mini两个版本。"
                     "雪松科技此前推出了Cedar-3，新发布的Cedar-4-Air则面向国内。")
    released = rels(x, "released")
    assert ("松果智能", "青岚Pro") in released and ("松果智能", "青岚-mini") in released
    assert ("雪松科技", "Cedar-4-Air") in released


def test_relations_bracketed_maker_and_its_model(extract_text) -> None:  # noqa: ANN001
    x = extract_text("Tundra 3.5 Lite（雪豹实验室）：输入1元/百万tokens。北辰科技宣布跟进，将其主力模型Vega-2的价格下调。"
                     "DeepSeek的价格为GPT-4-Turbo的近百分之一。")
    released = rels(x, "released")
    assert ("雪豹实验室", "Tundra 3.5 Lite") in released
    assert ("北辰科技", "Vega-2") in released
    assert ("DeepSeek", "GPT-4-Turbo") not in released


def test_relations_subsidiary_nouns_and_majority_stakes(extract_text) -> None:  # noqa: ANN001
    x = extract_text("霁月智能的新加坡子公司霁月国际负责海外。星衍数据还持有医疗AI公司康衍医疗62%的股权，"
                     "并持有青鸟声学15%的股份。")
    subs = rels(x, "subsidiaryOf")
    assert ("霁月国际", "霁月智能") in subs
    assert ("康衍医疗", "星衍数据") in subs
    assert ("青鸟声学", "星衍数据") not in subs


def test_relations_title_without_organisation_takes_the_topic(extract_text) -> None:  # noqa: ANN001
    x = extract_text("雪松科技由北极星资本孵化。公开资料显示，创始人韩若冰1985年出生于广东。")
    assert ("韩若冰", "雪松科技") in rels(x, "worksFor")


def test_relations_short_names_titles_taken_and_its_founder(extract_text) -> None:  # noqa: ANN001
    x = extract_text("2023年，韩若冰和陈思远联手创办松果智能。陈思远出任CTO，她此前是阿里云的高级算法专家。"
                     "松果的主力产品是青岚大模型。雪松科技此前开源的Cedar-13B颇有名气，其创始人左文斌目前仍担任总经理。")
    works = rels(x, "worksFor")
    assert ("韩若冰", "松果智能") in works and ("陈思远", "松果智能") in works
    assert ("左文斌", "雪松科技") in works
    # 松果 is the article's short form of 松果智能: one entity
    from kg.resolve import resolve

    r = resolve(x)
    keys = {m.text: r.key(m) for m in x.mentions}
    assert keys["松果"] == keys["松果智能"]


def test_relations_listed_public_parent_and_department_after_suffix(extract_text) -> None:  # noqa: ANN001
    x = extract_text("北辰数智是深交所上市公司北辰信息的控股子公司。东岳证券计算机行业首席分析师卢晓晨认为，价格已到底。")
    assert ("北辰数智", "北辰信息") in rels(x, "subsidiaryOf")
    assert ("卢晓晨", "东岳证券") in rels(x, "worksFor")


def test_relations_acquisitions_and_majority_holders(extract_text) -> None:  # noqa: ANN001
    x = extract_text("雪松控股已完成对大模型公司青鸟智能100%股权的收购。雪松控股以9.6亿元收购数森科技51%的股权。"
                     "雪松控股又以2亿元参股芯片设计公司芯途科技，持股15%。算力港科技由云启集团持股70%。")
    subs = rels(x, "subsidiaryOf")
    assert ("青鸟智能", "雪松控股") in subs and ("数森科技", "雪松控股") in subs
    assert ("算力港科技", "云启集团") in subs
    assert not any(child == "芯途科技" for child, _ in subs)


def test_relations_past_roles_and_dated_career_moves(extract_text) -> None:  # noqa: ANN001
    x = extract_text("雪松科技CEO陈思远表示,好。陈思远出任CTO，她此前是阿里云的高级算法专家。"
                     "2013年，韩若冰加入微软亚洲研究院，做了四年研究员。2019年，韩若冰加入百度。")
    former = rels(x, "formerlyWorkedFor")
    assert ("陈思远", "阿里云") in former
    assert ("韩若冰", "微软亚洲研究院") in former
    assert ("韩若冰", "百度") in rels(x, "worksFor")


def test_relations_rules_are_ordered_named_functions() -> None:
    from kg.extractors import relations, relations_careers, relations_released, relations_subsidiary

    names = [f.__name__ for f in relations_released.SENTENCE_RELEASE_RULES + relations_released.ARTICLE_RELEASE_RULES]
    assert names[0] == "maker_in_model_name" and names[-1] == "same_family"
    assert [f.__name__ for f in relations_subsidiary.SUBSIDIARY_RULES][:2] == ["parent_qixia_child", "incubated_by"]
    assert [f.__name__ for f in relations_careers.ORG_CAREER_RULES][:3] == ["came_from", "listed_workplaces", "left_org"]
    assert "加盟" in relations.R.join_verbs and relations.ROLES.founder == "创始人"


def test_relations_release_lists_versioned_new_families(extract_text) -> None:  # noqa: ANN001
    x = extract_text("青岚数科昨日发布观潮3系列模型,包括旗舰版观潮3-Ultra、标准版观潮3-Core和推理模型观潮-R2。"
                     "业内预计性能提升10-100倍。")
    models = {m.text for m in x.mentions if m.type == "Model"}
    assert {"观潮3-Ultra", "观潮3-Core", "观潮-R2"} <= models
    assert not any("提升" in m for m in models)          # a range of numbers is not a model
    assert {("青岚数科", m) for m in ("观潮3-Ultra", "观潮3-Core", "观潮-R2")} <= rels(x, "released")


def test_relations_a_dated_join_is_older_than_the_news(extract_text) -> None:  # noqa: ANN001
    x = extract_text("前星澜科技产品总监柯明远加盟青松智能。柯明远2015年加入星澜科技,负责搜索产品。"
                     "据悉,柯明远已于本月离职,加盟青松智能,出任首席产品官。"
                     "另据报道,韦礼已加盟蓝湾科技,出任CTO;加入蓝湾科技之前,他曾在灰雀科技任研究员。")
    assert ("柯明远", "星澜科技") in rels(x, "formerlyWorkedFor")
    assert ("柯明远", "星澜科技") not in rels(x, "worksFor")
    assert ("柯明远", "青松智能") in rels(x, "worksFor")
    assert ("韦礼", "蓝湾科技") in rels(x, "worksFor")         # "before joining" is not a second join
    assert ("韦礼", "灰雀科技") in rels(x, "formerlyWorkedFor")


def test_relations_hong_kong_and_taiwan_titles_are_titles_not_organisations(extract_text) -> None:  # noqa: ANN001
    x = extract_text("海澄科技创办人兼行政总裁罗文朗表示,会继续降价。澜屿数据执行长蔡以宁也出席了活动。")
    assert ("罗文朗", "海澄科技") in rels(x, "worksFor") and ("蔡以宁", "澜屿数据") in rels(x, "worksFor")
    assert {m.text for m in x.mentions if m.type == "Organization"} == {"海澄科技", "澜屿数据"}


def test_relations_generation_words_and_capital_series_versions_name_models(extract_text) -> None:  # noqa: ANN001
    x = extract_text("星澜科技旗下Orion K3的输入价格为每百万tokens 2元。上一代星河-Turbo-1.0同步降价。")
    models = {m.text for m in x.mentions if m.type == "Model"}
    assert {"Orion K3", "星河-Turbo-1.0"} <= models
    assert ("星澜科技", "Orion K3") in rels(x, "released")


def test_relations_a_model_head_introduces_a_versioned_family(extract_text) -> None:  # noqa: ANN001
    x = extract_text("2023年,澄岭科技推出第一代模型青穹1.0。青穹2.0上线后,推理模型青穹-Reason也开放了测试。"
                     "公司营收同比增长3.5倍。")
    models = {m.text for m in x.mentions if m.type == "Model"}
    assert {"青穹1.0", "青穹2.0", "青穹-Reason"} <= models
    assert {("澄岭科技", m) for m in ("青穹1.0", "青穹2.0", "青穹-Reason")} <= rels(x, "released")


def test_relations_past_employment_told_before_a_founding_or_a_move(extract_text) -> None:  # noqa: ANN001
    x = extract_text("云岭科技CEO罗家明创业前任职商汤科技研究总监。澄言科技CTO苏咏琳更早前曾任职汇丰银行。"
                     "澄言科技首席科学家方启航早年在英伟达做了三年工程师,后来在谷歌工作了四年。")
    former = rels(x, "formerlyWorkedFor")
    assert {("罗家明", "商汤科技"), ("苏咏琳", "汇丰银行"), ("方启航", "英伟达"), ("方启航", "谷歌")} <= former
    assert ("罗家明", "云岭科技") in rels(x, "worksFor")


def test_relations_a_title_being_left_and_a_former_title_beat_a_join(extract_text) -> None:  # noqa: ANN001
    x = extract_text("云岭科技首席技术官邓文谦已于本月离职,将加盟腾讯,出任多模态负责人。"
                     "原青松智能资深研究员叶南星已于近日加盟澄言科技。叶南星2021年加入青松智能,参与模型训练。")
    assert {("邓文谦", "云岭科技"), ("叶南星", "青松智能")} <= rels(x, "formerlyWorkedFor")
    assert not {("邓文谦", "云岭科技"), ("叶南星", "青松智能")} & rels(x, "worksFor")
    assert ("邓文谦", "腾讯") in rels(x, "worksFor")


def test_relations_units_listed_after_the_subjects_qixia(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岚峰是江苏一家以纺织起家的民营集团,旗下有岚峰科技、岚峰物流两块业务。")
    assert {("岚峰科技", "岚峰"), ("岚峰物流", "岚峰")} <= rels(x, "subsidiaryOf")
    assert {m.text for m in x.mentions if m.type == "Organization"} >= {"岚峰科技", "岚峰物流"}


def test_relations_size_words_after_a_space_and_quoted_versioned_names(extract_text) -> None:  # noqa: ANN001
    x = extract_text("墨川科技发布了新一代基座模型栖霞-3。同年9月发布栖霞-2.5。栖霞-3 Pro的输入价格为每百万tokens 4元。"
                     "澄海数据发布新一代语音大模型「潮音2」,潮音2 Lite同步上线。")
    models = {m.text for m in x.mentions if m.type == "Model"}
    assert {"栖霞-3", "栖霞-2.5", "栖霞-3 Pro", "潮音2", "潮音2 Lite"} <= models
    assert not any(m.startswith("月") for m in models)
    assert ("栖霞-3 Pro", 4) in {(p.model.text, p.per_million) for p in x.prices}


def test_relations_an_experience_told_with_guo_is_over(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澄言科技首席科学家韦思成曾任职百度。更早之前,他还在商汤科技做过两年研究总监。")
    assert ("韦思成", "商汤科技") in rels(x, "formerlyWorkedFor")
    assert ("韦思成", "澄言科技") in rels(x, "worksFor")


def test_relations_versions_after_a_variant_word_and_hyphenated_size_words(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澄溪智能发布了第三代基座模型澄溪-Pro 3和轻量版澄溪-Flash 3。星澜科技推出Lumen 2.5 Flash-Lite。"
                     "灵犀-Pro 3款模型同时上线。")
    models = {m.text for m in x.mentions if m.type == "Model"}
    assert {"澄溪-Pro 3", "澄溪-Flash 3", "Lumen 2.5 Flash-Lite", "灵犀-Pro"} <= models
    assert ("澄溪智能", "澄溪-Flash 3") in rels(x, "released")


def test_relations_appointments_described_people_and_qualified_past_titles(extract_text) -> None:  # noqa: ANN001
    x = extract_text("星澜科技宣布,任命韦嘉言为公司首席技术官。"
                     "曾任青松科技搜索产品负责人的柯雨桐,今年3月跳槽至蓝湾科技,出任产品总监。"
                     "蓝湾科技CEO顾远舟曾任微软全球副总裁。")
    assert {("韦嘉言", "星澜科技"), ("柯雨桐", "蓝湾科技"), ("顾远舟", "蓝湾科技")} <= rels(x, "worksFor")
    assert {("柯雨桐", "青松科技"), ("顾远舟", "微软")} <= rels(x, "formerlyWorkedFor")


def test_relations_a_model_head_before_a_family_with_a_word_and_a_version(extract_text) -> None:  # noqa: ANN001
    x = extract_text("墨川科技今日发布推理模型墨川-Sage 2。栖霞数据旗下代码模型栖霞Coder 3同步降价。模型权重以Apache 2.0协议开源。")
    models = {m.text for m in x.mentions if m.type == "Model"}
    assert {"墨川-Sage 2", "栖霞Coder 3"} <= models and not any("权重" in m for m in models)
    assert {("墨川科技", "墨川-Sage 2"), ("栖霞数据", "栖霞Coder 3")} <= rels(x, "released")


def test_relations_latin_catalogue_families_with_a_spaced_version(extract_text) -> None:  # noqa: ANN001
    x = extract_text("xAI推出Grok 5,Meta发布了Llama 6 Scout和Llama 6 Atlas。主打低成本的Grok 5 mini同步上线。")
    models = {m.text for m in x.mentions if m.type == "Model"}
    assert {"Grok 5", "Llama 6 Scout", "Llama 6 Atlas", "Grok 5 mini"} <= models
    assert {("xAI", "Grok 5"), ("Meta", "Llama 6 Scout")} <= rels(x, "released")
    assert not any(m.text.startswith("主打") for m in x.mentions)


def test_relations_junk_names_a_pronoun_or_a_verb_glued_on(extract_text) -> None:  # noqa: ANN001
    x = extract_text("这家公司如今的形态,是它由集团拆分而来的结果。墨言科技CTO方屹留任,并兼管研究院。")
    names = {m.text for m in x.mentions}
    assert "它由集团" not in names and "方屹留" not in names
    assert ("方屹", "墨言科技") in rels(x, "worksFor")


def test_relations_a_title_after_the_sentences_organisation_subject(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澄岭智能成立于2022年5月,创始人兼CEO罗若川曾任百度首席架构师。它由集团 CTO 韩笙分管。")
    assert ("罗若川", "澄岭智能") in rels(x, "worksFor") and ("罗若川", "百度") in rels(x, "formerlyWorkedFor")
    assert not any(m.text.startswith("它") for m in x.mentions)


def test_relations_leaving_before_an_organisation_and_a_former_title_in_a_chain(extract_text) -> None:  # noqa: ANN001
    x = extract_text("墨川智能创始人顾知远2016年加入百度。离开百度后,这位前研究员又在字节跳动待了一年半。"
                     "澄岭共同创办人暨前技术长韦家豪已于去年底离职。")
    former = rels(x, "formerlyWorkedFor")
    assert {("顾知远", "百度"), ("顾知远", "字节跳动"), ("韦家豪", "澄岭")} <= former
    assert ("顾知远", "墨川智能") in rels(x, "worksFor")


def test_relations_a_catalogue_lab_after_ren_is_the_lab(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澄岭科技CTO韦嘉言此前任微软亚洲研究院首席研究员。")
    assert ("韦嘉言", "微软亚洲研究院") in rels(x, "formerlyWorkedFor")
    lab = next(m for m in x.mentions if m.text == "微软亚洲研究院")
    assert lab.key == "msra"


def test_relations_a_described_join_a_tenure_before_a_move_and_a_charge_held(extract_text) -> None:  # noqa: ANN001
    x = extract_text("原青松科技平台负责人韦慕川已于近期离职,加盟大模型创业公司澄石智能,出任CTO。"
                     "韦慕川在字节跳动工作了近六年。澄石智能COO柯一鸣曾执掌百度智能云的平台业务。"
                     "蓝湾科技CFO顾远在腾讯工作了三年。")
    assert ("韦慕川", "澄石智能") in rels(x, "worksFor")
    assert {("韦慕川", "字节跳动"), ("柯一鸣", "百度智能云")} <= rels(x, "formerlyWorkedFor")
    assert ("顾远", "腾讯") in rels(x, "formerlyWorkedFor")     # a tenure beside a current title elsewhere


def test_relations_he_is_the_last_subject_not_the_one_reported_to(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澄石智能CTO韦慕川今年4月回到青松科技,向青松科技CEO顾远舟汇报。他曾在白杉科技任研究员。")
    assert ("韦慕川", "青松科技") in rels(x, "worksFor")
    assert ("韦慕川", "白杉科技") in rels(x, "formerlyWorkedFor")
    assert ("顾远舟", "白杉科技") not in rels(x, "formerlyWorkedFor")


def test_relations_a_bare_title_opening_a_paragraph_and_an_origin(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澄石智能今日发布首个推理模型。澄石智能成立于去年。\n\n"
                     "CEO韦慕川是三位创始人中最为外界熟悉的一位。他在字节跳动待了五年。\n\n"
                     "首席科学家顾以宁则是百度出身,曾参与文心一言的研发。")
    assert ("韦慕川", "澄石智能") in rels(x, "worksFor")
    assert {("韦慕川", "字节跳动"), ("顾以宁", "百度")} <= rels(x, "formerlyWorkedFor")


def test_relations_an_organisation_appoints_a_person_to_a_title(extract_text) -> None:  # noqa: ANN001
    x = extract_text("青松科技近日任命罗安然为首席财务官(CFO)。")
    assert [(r.subject.text, r.object.text, r.role) for r in x.relations if r.kind == "worksFor"] == [
        ("罗安然", "青松科技", "首席财务官")]


def test_relations_group_word_is_the_group_for_subsidiaries_and_titles(extract_text) -> None:  # noqa: ANN001
    x = extract_text("汀兰集团今年重组了业务。集团旗下的汀兰云已于去年独立运营。集团主席葛慕川表示，不会出售。")
    assert ("汀兰云", "汀兰集团") in rels(x, "subsidiaryOf")
    assert ("葛慕川", "汀兰集团") in rels(x, "worksFor")


def test_relations_apposed_title_current_and_former(extract_text) -> None:  # noqa: ANN001
    x = extract_text("人才也在流动。祁望舒，澄岭科技原首席科学家，已转投百度。主角是蒲青禾，霁序智能前技术骨干。"
                     "蒲青禾2023年加入霁序智能，负责长文本。")
    former = rels(x, "formerlyWorkedFor")
    assert ("祁望舒", "澄岭科技") in former
    assert ("蒲青禾", "霁序智能") in former
    assert not {("祁望舒", "澄岭科技"), ("蒲青禾", "霁序智能")} & rels(x, "worksFor")   # the join is history


def test_relations_transfer_with_title_after_the_organisation(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澄岭科技首席技术官区慕言调任霁序科技行政总裁。")
    roles = {(r.subject.text, r.object.text): r.role for r in x.relations if r.kind == "worksFor"}
    assert roles.get(("区慕言", "霁序科技")) == "行政总裁"


def test_relations_dated_join_is_history_beside_a_current_title(extract_text) -> None:  # noqa: ANN001
    x = extract_text("霁序智能宣布，蒲青禾正式加盟，出任公司首席商务官。蒲青禾2019年转投百度，负责云业务。")
    assert ("蒲青禾", "霁序智能") in rels(x, "worksFor")
    assert ("蒲青禾", "百度") in rels(x, "formerlyWorkedFor")
    assert ("蒲青禾", "百度") not in rels(x, "worksFor")


def test_relations_subsidiary_founded_with_a_date_and_held_after_a_clause(extract_text) -> None:  # noqa: ANN001
    x = extract_text("汀兰研究院由汀兰集团于2021年成立。汀兰云成立于2018年，由汀兰集团100%持股。"
                     "新成立的子公司澄江智算有限公司（下称「澄江智算」），由母公司汀兰集团持有100%股权。")
    subs = rels(x, "subsidiaryOf")
    assert {("汀兰研究院", "汀兰集团"), ("汀兰云", "汀兰集团"), ("澄江智算", "汀兰集团")} <= subs


def test_relations_subsidiary_majority_of_its_but_not_a_minority(extract_text) -> None:  # noqa: ANN001
    x = extract_text("雾川科技完成分拆，独立运营，但汀兰集团仍持有其约58%的股份。"
                     "霁序科技完成融资，汀兰集团持有其约12%的股份。")
    subs = rels(x, "subsidiaryOf")
    assert ("雾川科技", "汀兰集团") in subs
    assert ("霁序科技", "汀兰集团") not in subs


def test_relations_subsidiary_registered_name_and_unit_named_after_its_owner(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澄江科技近日成立全资子公司澄江算力（苏州）有限公司。客户包括百度旗下的百度医疗。")
    subs = rels(x, "subsidiaryOf")
    assert ("澄江算力（苏州）有限公司", "澄江科技") in subs
    assert ("百度医疗", "百度") in subs


def test_relations_title_at_the_company_of_the_sentence_before(extract_text) -> None:  # noqa: ANN001
    x = extract_text("霁序智能8月3日发布公告，由蒲青禾接任首席执行官。创始人祁望舒将继续担任公司董事长。")
    assert ("祁望舒", "霁序智能") in rels(x, "worksFor")


def test_relations_title_left_when_the_person_leaves_or_is_transferred(extract_text) -> None:  # noqa: ANN001
    x = extract_text("原负责汀兰集团云业务的副总裁柴若溪已于上月离任。汀兰集团首席技术官区慕言调任霁序科技总裁。")
    former = rels(x, "formerlyWorkedFor")
    assert ("柴若溪", "汀兰集团") in former and ("区慕言", "汀兰集团") in former
    assert ("区慕言", "霁序科技") in rels(x, "worksFor")


def test_relations_released_by_the_brand_in_the_model_name(extract_text) -> None:  # noqa: ANN001
    # the maker's brand starts the model's name; the maker is named in another sentence, and another
    # organisation stands nearer
    x = extract_text("澜汀科技在3月降价。随后，砚池智能也跟进。这家公司把通用模型澜汀X2-Turbo的价格下调一半。"
                     "川流网络则让其长文本模型川流Long-64K直降3元。")
    released = rels(x, "released")
    assert ("澜汀科技", "澜汀X2-Turbo") in released
    assert ("砚池智能", "澜汀X2-Turbo") not in released
    assert ("川流网络", "川流Long-64K") in released


def test_relations_brand_family_is_not_credited_to_another_brands_maker(extract_text) -> None:  # noqa: ANN001
    x = extract_text("以澄川的旗舰模型澄川-Max为例，其输入价格为2元/百万tokens；墨衡智能的墨衡-Ultra则贵得多。")
    released = rels(x, "released")
    assert ("墨衡智能", "墨衡-Ultra") in released
    assert ("墨衡智能", "澄川-Max") not in released
    # a brand whose maker is never named is left without one, not given the article's main organisation
    y = extract_text("雪岭科技今年很忙，雪岭科技的营收翻番。另据消息，轻量模型松涛Lite-8K已上线。")
    assert not [o for o, m in rels(y, "released") if m == "松涛Lite-8K"]


def test_relations_acquired_company_becomes_a_subsidiary(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岚屹集团拟以现金收购松寻智能全部股权，交易完成后，松寻智能将成为岚屹集团的全资子公司。"
                     "岚屹集团去年还领投了栖序科技的B轮融资，并以1亿元入股砺芯微电子，持股比例约为4%。")
    subs = rels(x, "subsidiaryOf")
    assert ("松寻智能", "岚屹集团") in subs
    assert ("栖序科技", "岚屹集团") not in subs and ("砺芯微电子", "岚屹集团") not in subs


def test_relations_joint_venture_belongs_to_its_majority_partner(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岚屹集团与中国移动合资成立岚移算力科技有限公司，其中岚屹集团持股55%，中国移动持股45%。"
                     "墨川科技与青衡资本合资设立墨衡数据，双方各持股50%。")
    subs = rels(x, "subsidiaryOf")
    assert {p for c, p in subs if c.startswith("岚移算力")} == {"岚屹集团"}     # not the 45% partner
    assert not [c for c, _ in subs if c == "墨衡数据"]      # no majority, no parent


def test_relations_spun_off_unit_named_after_its_parent_stays_a_subsidiary(extract_text) -> None:  # noqa: ANN001
    # 岚屹云 is found from the stem of 岚屹集团 with another organisation suffix
    x = extract_text("岚屹集团计划将云业务分拆为独立运营的岚屹云。分拆完成后，岚屹集团将持有岚屹云约65%的股份。")
    assert ("岚屹云", "岚屹集团") in rels(x, "subsidiaryOf")


def test_relations_careers_listed_workplaces_are_all_former(extract_text) -> None:  # noqa: ANN001
    x = extract_text("唐远山曾先后在微软亚洲研究院、海岳科技、云帆科技任职，去年创办星桥智能。")
    former = rels(x, "formerlyWorkedFor")
    assert {("唐远山", "微软亚洲研究院"), ("唐远山", "海岳科技"), ("唐远山", "云帆科技")} <= former
    assert not any(o in {"海岳科技", "云帆科技"} for _, o in rels(x, "worksFor"))
    # without a verb of working after the list it is not a career
    y = extract_text("唐远山曾先后在微软亚洲研究院、海岳科技、云帆科技的发布会上发言。")
    assert not rels(y, "formerlyWorkedFor")


def test_relations_careers_relative_clause_titles(extract_text) -> None:  # noqa: ANN001
    x = extract_text("曾任海岳科技副总裁、现任云帆科技CTO的蒋晴川告诉记者，团队很早就押注对话系统。"
                     "唐远山表示，创业并不容易。2021年，唐远山离开云帆科技，次年与曾任云帆科技产品副总裁的苗东共同创办星桥智能。")
    assert ("蒋晴川", "云帆科技") in rels(x, "worksFor")
    assert ("蒋晴川", "海岳科技") in rels(x, "formerlyWorkedFor")
    # the relative clause's title is 苗东's, not the sentence subject's
    roles = {(r.subject.text, r.object.text): r.role for r in x.relations if r.kind == "formerlyWorkedFor"}
    assert roles[("苗东", "云帆科技")] == "原产品副总裁"
    assert roles[("唐远山", "云帆科技")] == "原任职"


def test_relations_careers_closed_years_and_left_org_make_titles_former(extract_text) -> None:  # noqa: ANN001
    x = extract_text("2015年至2019年，唐远山担任云帆科技首席科学家。"
                     "2018年，韦林出任海岳科技总裁。2022年，韦林从海岳科技离职。"
                     "2023年至今，苗东担任星桥科技首席科学家。", date="2025-03-01")
    former = rels(x, "formerlyWorkedFor")
    assert ("唐远山", "云帆科技") in former and ("韦林", "海岳科技") in former
    assert not {("唐远山", "云帆科技"), ("韦林", "海岳科技")} & rels(x, "worksFor")
    assert ("苗东", "星桥科技") in rels(x, "worksFor")       # a span still open is current


def test_relations_careers_left_without_naming_the_organisation(extract_text) -> None:  # noqa: ANN001
    x = extract_text("宋知行2012年加入微软亚洲研究院担任研究员，2016年转投海岳科技任研究总监，两年后离开创业。")
    former = rels(x, "formerlyWorkedFor")
    assert {("宋知行", "微软亚洲研究院"), ("宋知行", "海岳科技")} <= former
    assert not rels(x, "worksFor") & {("宋知行", "海岳科技"), ("宋知行", "微软亚洲研究院")}
    y = extract_text("宋知行2016年转投海岳科技任研究总监，至今已有五年。")
    assert ("宋知行", "海岳科技") in rels(y, "worksFor")


def test_relations_careers_founders_with_time_and_place(extract_text) -> None:  # noqa: ANN001
    x = extract_text("唐远山表示，要做好产品。宋知行认为，要控制成本。云梯科技，由唐远山与宋知行于2020年在苏州共同创立。")
    assert {("唐远山", "云梯科技"), ("宋知行", "云梯科技")} <= rels(x, "worksFor")


def test_relations_careers_title_moved_to_at_the_company(extract_text) -> None:  # noqa: ANN001
    x = extract_text("星桥智能发布公告，联合创始人唐远山将卸任首席执行官，转任公司首席科学家。")
    assert ("唐远山", "星桥智能") in rels(x, "worksFor")
    assert not any(m.text.startswith("转任") for m in x.mentions)


def test_relations_subsidiary_set_up_after_an_announcement(extract_text) -> None:  # noqa: ANN001
    # the comma after 公告称 does not end the announcer's clause; a comma after anything else does
    x = extract_text("澄岭控股公告称，拟出资5亿元设立全资子公司澄岭算力科技有限公司，专注算力租赁。"
                     "砚台资本投资了多家企业，其中包括子公司砚屿数据。")
    subs = rels(x, "subsidiaryOf")
    assert ("澄岭算力科技有限公司", "澄岭控股") in subs     # the legal form belongs to the name
    assert ("砚屿数据", "砚台资本") not in subs


def test_relations_subsidiary_passive_acquisition_with_the_child_left_unsaid(extract_text) -> None:  # noqa: ANN001
    # an answer that leaves the acquired company unsaid: the question before names it
    x = extract_text("**问：汀月科技现在怎么样？**\n\n韦照临：2023年被屿川集团全资收购，我已经不参与了。")
    assert ("汀月科技", "屿川集团") in rels(x, "subsidiaryOf")
    # with two organisations named before, the child is not guessed
    y = extract_text("汀月科技和栖禾数据都做语音。去年被屿川集团收购，团队保留。")
    assert not [c for c, p in rels(y, "subsidiaryOf") if p == "屿川集团"]


def test_relations_careers_successor_takes_the_post(extract_text) -> None:  # noqa: ANN001
    x = extract_text("栖桐科技宣布，CTO庞书远将离职，CTO一职由现任副总裁戚沐阳接任。"
                     "岭澈数据公告称，首席财务官周绮岚已辞职，其职务由副总裁陆以宁兼任。")
    works = {(r.subject.text, r.object.text, r.role) for r in x.relations if r.kind == "worksFor"}
    assert ("戚沐阳", "栖桐科技", "CTO") in works
    assert ("陆以宁", "岭澈数据") in rels(x, "worksFor")
    # a post given up, with nobody named to take it, makes no successor
    y = extract_text("栖桐科技宣布，CTO一职由董事会另行物色人选。")
    assert not rels(y, "worksFor")


def test_relations_careers_list_after_a_past_verb_is_all_former(extract_text) -> None:  # noqa: ANN001
    x = extract_text("云帆科技首席架构师卓望川昨日加盟星桥智能。卓望川是业内少见的全栈研究者，"
                     "曾先后任职于海岳科技、白杉数据和云帆科技，去年开始筹备创业。")
    former = rels(x, "formerlyWorkedFor")
    assert {("卓望川", "海岳科技"), ("卓望川", "白杉数据"), ("卓望川", "云帆科技")} <= former
    # without a past adverb the verb tells where the person works now
    y = extract_text("云帆科技首席架构师卓望川表示，他任职于海岳科技、白杉数据的合资项目。")
    assert not rels(y, "formerlyWorkedFor")


def test_relations_careers_former_mark_before_the_apposed_organisation(extract_text) -> None:  # noqa: ANN001
    x = extract_text("新加盟的莫青岑将接手该团队。莫青岑，原海岳科技副总裁，曾负责海岳科技的数据平台。")
    assert ("莫青岑", "海岳科技") in rels(x, "formerlyWorkedFor")
    assert ("莫青岑", "海岳科技") not in rels(x, "worksFor")
    y = extract_text("新加盟的莫青岑将接手该团队。莫青岑，海岳科技副总裁，负责数据平台。")
    assert ("莫青岑", "海岳科技") in rels(y, "worksFor")
    assert not rels(y, "formerlyWorkedFor")


def test_relations_careers_title_kept_after_stepping_down_is_current(extract_text) -> None:  # noqa: ANN001
    x = extract_text("10月8日，岑川智能宣布，公司创始人祁望远卸任CEO一职，继续担任董事长，专注于融资。")
    kept = [r for r in x.relations if r.kind == "worksFor" and r.subject.text == "祁望远"]
    assert ("祁望远", "岑川智能") in rels(x, "worksFor") and any(r.role == "董事长" for r in kept)
    assert ("祁望远", "岑川智能") not in rels(x, "formerlyWorkedFor")
    # stepping down with nothing kept tells no current title
    y = extract_text("10月8日，岑川智能宣布，祁望远卸任CEO一职，专注于融资。")
    assert not [r for r in y.relations if r.subject.text == "祁望远" and r.kind == "worksFor"]


def test_relations_former_graded_engineering_title(extract_text) -> None:  # noqa: ANN001
    x = extract_text("青岑数据确认，前澜屿科技资深算法专家卓望川已于近日加入公司。")
    assert ("卓望川", "澜屿科技") in rels(x, "formerlyWorkedFor")
    assert ("卓望川", "澜屿科技") not in rels(x, "worksFor")


def test_relations_careers_title_held_before_leaving_is_former(extract_text) -> None:  # noqa: ANN001
    x = extract_text("栾若川的履历并不复杂。他2017年加入澜屿科技，离职前担任澜屿科技推荐算法总监。"
                     "去年5月，他与一位老同学共同创办了岑川智能。岑川智能发布了首个模型。")
    assert ("栾若川", "澜屿科技") in rels(x, "formerlyWorkedFor")
    assert ("栾若川", "澜屿科技") not in rels(x, "worksFor")
    assert ("栾若川", "岑川智能") in rels(x, "worksFor")     # the founder told as 他


def test_relations_careers_founder_told_as_pronoun_needs_a_person(extract_text) -> None:  # noqa: ANN001
    x = extract_text("2022年，他们合伙创办了岑川智能。")
    assert not rels(x, "worksFor")


def test_relations_careers_return_after_leaving_is_current(extract_text) -> None:  # noqa: ANN001
    x = extract_text("戚望舒2021年从青岑数据离职，此后做了两年咨询。今年3月，她重返青岑数据，出任首席运营官。")
    assert ("戚望舒", "青岑数据") in rels(x, "worksFor")
    # a plain join after leaving stays over: the leaving wins
    y = extract_text("戚望舒2021年从青岑数据离职。今年3月，她加入青岑数据的对手澜屿科技。")
    assert ("戚望舒", "青岑数据") not in rels(y, "worksFor")


def test_relations_careers_moved_to_another_title_stays_current(extract_text) -> None:  # noqa: ANN001
    x = extract_text("青岑数据宣布，任命苗一舟为首席技术官，原首席技术官晏知秋转任首席科学家。")
    assert ("晏知秋", "青岑数据") in rels(x, "worksFor")
    assert "晏知秋转" not in {m.text for m in x.mentions}


def test_relations_careers_first_person_in_an_interview_answer(extract_text) -> None:  # noqa: ANN001
    text = ("记者：您的经历？\n\n"
            "钟清和：我2015年加入澜屿科技，做了六年推荐算法。2021年初我离开澜屿，创办了岑川智能。岑川智能发布了模型。\n\n"
            "记者：为什么我离开的时候没人挽留？")
    x = extract_text(text)
    assert ("钟清和", "澜屿") in rels(x, "formerlyWorkedFor")
    assert ("钟清和", "岑川智能") in rels(x, "worksFor")
    # 我 in a paragraph no speaker opens is nobody known
    y = extract_text("我2021年初离开澜屿科技，创办了岑川智能。")
    assert not rels(y, "formerlyWorkedFor") and not rels(y, "worksFor")


def test_relations_careers_unit_under_a_parent(extract_text) -> None:  # noqa: ANN001
    x = extract_text("祁若水的履历横跨三家公司。她早年在松岩集团旗下的松岩研究院从事语音识别研究，后来创办了岑川智能。"
                     "岑川智能发布了模型。")
    assert ("祁若水", "松岩研究院") in rels(x, "formerlyWorkedFor")
    assert ("祁若水", "松岩集团") not in rels(x, "formerlyWorkedFor") | rels(x, "worksFor")   # the unit, not both
    assert ("松岩研究院", "松岩集团") in rels(x, "subsidiaryOf")


def test_relations_subsidiary_unit_bearing_the_parents_name(extract_text) -> None:  # noqa: ANN001
    units = "岑川的业务分为两块：{}岑川智能负责模型研发；{}岑川云负责销售算力。"
    subs = rels(extract_text(units.format("全资子公司", "智算事业部")), "subsidiaryOf")
    assert ("岑川智能", "岑川") in subs and ("岑川云", "岑川") in subs
    # a name shared without a unit noun before it tells nothing
    assert not rels(extract_text(units.format("", "")), "subsidiaryOf")


def test_relations_released_family_maker_is_the_stated_releaser(extract_text) -> None:  # noqa: ANN001
    x = extract_text("发布会当天，衡岫智能推出新一代旗舰模型岫光-3，并通过衡岫云对外开放API。"
                     "与此同时，上一代模型岫光-2 Turbo的价格下调50%。")
    released = rels(x, "released")
    assert ("衡岫智能", "岫光-2 Turbo") in released
    assert ("衡岫云", "岫光-2 Turbo") not in released      # the channel it is sold through is no maker


def test_relations_released_announcers_own_flagship(extract_text) -> None:  # noqa: ANN001
    x = extract_text("创业公司砺岩智能宣布，自下月起，旗舰模型Quarry-Pro的API价格统一打五折。")
    assert ("砺岩智能", "Quarry-Pro") in rels(x, "released")
    # another organisation named before the model: whose flagship it is is not said
    y = extract_text("创业公司砺岩智能宣布，已接入松岩科技的旗舰模型Quarry-Pro。")
    assert ("砺岩智能", "Quarry-Pro") not in rels(y, "released")
    # no announcement by the organisation: nothing
    z = extract_text("砺岩智能的客户说，旗舰模型Quarry-Pro更便宜。")
    assert ("砺岩智能", "Quarry-Pro") not in rels(z, "released")


def test_relations_subsidiary_after_a_heading_a_quoted_child_and_a_holder_clause(extract_text) -> None:  # noqa: ANN001
    x = extract_text("**【松衡云并购案】**松衡集团旗下算力公司松衡云宣布完成交割。"
                     "苇渡科技也宣布，已在宁波设立全资子公司「苇渡数联」。"
                     "其二是松衡云全资控股的松衡智算科技，负责机房运营。")
    subs = rels(x, "subsidiaryOf")
    assert {("松衡云", "松衡集团"), ("苇渡数联", "苇渡科技"), ("松衡智算科技", "松衡云")} <= subs
    assert not any(child.endswith("全资控股") or parent.endswith("全资控股") for child, parent in subs)


def test_relations_subsidiary_told_by_pointing_back_or_by_zuowei(extract_text) -> None:  # noqa: ANN001
    x = extract_text("本周调价最猛的是澄屿科技。这家上市公司松衡集团的全资子公司昨天宣布，旗舰模型打五折。"
                     "作为苇渡集团旗下的算力平台，苇渡云过去一年收入翻倍。")
    subs = rels(x, "subsidiaryOf")
    assert {("澄屿科技", "松衡集团"), ("苇渡云", "苇渡集团")} <= subs


def test_relations_subsidiary_field_word_descriptions_and_ventures_in_quotes(extract_text) -> None:  # noqa: ANN001
    x = extract_text("白溪集团旗下人工智能公司白溪智联昨天发布新模型。"
                     "青梧数智将与苇渡集团旗下的苇渡云端合资成立「梧渡智能」，青梧数智持股55%，苇渡云端持股45%。")
    subs = rels(x, "subsidiaryOf")
    assert {("白溪智联", "白溪集团"), ("苇渡云端", "苇渡集团"), ("梧渡智能", "青梧数智")} <= subs
    assert ("梧渡智能", "苇渡云端") not in subs            # the minority partner owns no venture
    assert "人工智能公司" not in {m.text for m in x.mentions}


def test_relations_released_not_by_the_agent_of_a_description(extract_text) -> None:  # noqa: ANN001
    x = extract_text("这家由北京大学参与发起的研究机构去年开源了Orin-7B。由松衡科技研发的模型Orin-9B已上线。")
    got = rels(x, "released")
    assert ("北京大学", "Orin-7B") not in got
    assert ("松衡科技", "Orin-9B") in got


def test_relations_subsidiary_passive_acquisition_wholly_held_and_tenths(extract_text) -> None:  # noqa: ANN001
    x = extract_text("知澜科技去年被阿里云收购。苇渡数智由松衡控股有限公司全资控股。"
                     "青梧智能由上市公司港晋集团持有约六成股权。白溪智能由港晋集团持有约三成股权。"
                     "栖木科技被澄江集团收购了15%的股权。")
    subs = rels(x, "subsidiaryOf")
    assert {("知澜科技", "阿里云"), ("苇渡数智", "松衡控股有限公司"), ("青梧智能", "港晋集团")} <= subs
    assert not {("白溪智能", "港晋集团"), ("栖木科技", "澄江集团")} & subs


def test_relations_a_legal_form_stays_with_the_name_and_its_short_form_is_found(extract_text) -> None:  # noqa: ANN001
    x = extract_text("白溪集团公告称，已设立全资子公司白溪算力科技有限公司（简称“白溪算力”），"
                     "白溪集团董事长苏禾兼任白溪算力董事长。")
    assert ("白溪算力科技有限公司", "白溪集团") in rels(x, "subsidiaryOf")
    assert ("苏禾", "白溪算力") in rels(x, "worksFor")


def test_relations_subsidiary_of_the_company_itself(extract_text) -> None:  # noqa: ANN001
    x = extract_text("云帆科技公告，公司全资子公司云帆智算科技有限公司已完成登记。"
                     "青松集团副总裁、其控股子公司青松数据科技有限公司董事长韩立明出席。"
                     "白鹭科技拟收购蓝湖数据100%股权，交易完成后蓝湖数据将成为公司全资子公司。")
    subs = rels(x, "subsidiaryOf")
    assert ("云帆智算科技有限公司", "云帆科技") in subs
    assert any(c.startswith("青松数据") and p == "青松集团" for c, p in subs)
    assert ("蓝湖数据", "白鹭科技") in subs


def test_relations_subsidiary_of_the_company_not_across_a_heading(extract_text) -> None:  # noqa: ANN001
    x = extract_text("【云帆信息：控股子公司与星澜科技签署协议】电，公司控股子公司云帆数据科技有限公司将与其合作。")
    assert not {p for p in rels(x, "subsidiaryOf") if p[1] == "星澜科技"}


def test_relations_subsidiary_traditional_associated_company(extract_text) -> None:  # noqa: ANN001
    # (a Traditional article is read converted: 全資附屬公司 → 全资附属公司)
    x = extract_text("澄岚智能今日在港交所上市。集团架构上，澄岚智能主要透过全资附属公司北京澄岚科技有限公司营运。")
    assert any(child.endswith("澄岚科技有限公司") or child == "澄岚科技" for child, parent in rels(x, "subsidiaryOf")
               if parent == "澄岚智能")
