"""The Chinese entity finder (kg/entities/) on sentences written for these tests: references to an
organisation named before, organisation names that are clauses, and people found by their context."""

from __future__ import annotations

import pytest

from kg.entities.finder import EntityFinder
from kg.records import Mention


@pytest.fixture(scope="module")
def finder() -> EntityFinder:
    return EntityFinder()


def mentions(finder: EntityFinder, text: str) -> list[Mention]:
    return finder.find(text).mentions


def names(finder: EntityFinder, text: str) -> set[tuple[str, str]]:
    return {(m.type, text[m.start:m.end]) for m in mentions(finder, text)}


def test_entities_zh_bare_group_word_refers_to_the_group_named_before(finder: EntityFinder) -> None:
    text = "岚山集团去年重组了业务。集团旗下的岚山云负责算力，由集团全额出资。"
    refs = [m for m in mentions(finder, text) if m.source == "org-reference"]
    assert [text[m.start:m.end] for m in refs] == ["集团", "集团"]
    assert all(m.text == "岚山集团" and m.type == "Organization" for m in refs)


def test_entities_zh_describing_group_word_is_no_reference(finder: EntityFinder) -> None:
    # 民营集团 is a kind of group; with no group named before, a bare 集团 refers to nothing
    assert not [m for m in mentions(finder, "松岩科技是一家民营集团的子公司。") if m.source == "org-reference"]
    assert not [m for m in mentions(finder, "集团旗下的松岩云上线了。") if m.source == "org-reference"]


def test_entities_zh_company_pronoun_refers_to_the_last_organisation(finder: EntityFinder) -> None:
    text = "上月，澄岭科技完成了新一轮融资。这家公司的创始人兼CEO乔望川表示，将扩招。"
    refs = [m for m in mentions(finder, text) if m.source == "org-reference"]
    assert [(text[m.start:m.end], m.text) for m in refs] == [("这家公司", "澄岭科技")]


def test_entities_zh_references_and_clauses_are_not_organisation_names(finder: EntityFinder) -> None:
    got = names(finder, "汀兰集团宣布，将业务并入由母公司汀兰集团持有的全资子公司。韩遥现任公司CTO。"
                        "汀兰集团另持有初创公司雾川科技约12%股权，不参与经营。")
    orgs = {n for t, n in got if t == "Organization"}
    assert "汀兰集团" in orgs and "雾川科技" in orgs
    assert not {"母公司汀兰集团", "由集团", "韩遥现任公司", "雾川科技约"} & orgs


def test_entities_zh_department_is_not_an_organisation(finder: EntityFinder) -> None:
    got = names(finder, "原负责岚山集团云业务的副总裁柴若溪已离任。")
    assert ("Organization", "云业务") not in got


def test_entities_zh_person_before_a_dated_career_verb(finder: EntityFinder) -> None:
    got = names(finder, "另一位高管是蒲青禾。蒲青禾2021年加入澄岭科技，负责推理优化。")
    assert ("Person", "蒲青禾") in got


def test_entities_zh_person_in_apposition_with_a_title(finder: EntityFinder) -> None:
    got = names(finder, "人才也在流动。祁望舒，澄岭科技原首席科学家，已于上月离职。")
    assert ("Person", "祁望舒") in got


def test_entities_zh_cantonese_surname_after_a_title(finder: EntityFinder) -> None:
    got = names(finder, "澄岭科技首席技术官区慕言调任子公司总裁。")
    assert ("Person", "区慕言") in got


def test_entities_zh_named_company_after_ming_wei(finder: EntityFinder) -> None:
    got = names(finder, "他创办了一家名为霁序科技的新公司。")
    assert ("Organization", "霁序科技") in got


def test_entities_zh_brand_with_latin_variant_after_a_model_head(finder: EntityFinder) -> None:
    # a model head, a new Chinese brand and a capitalised Latin variant (a word, a letter+number, a size)
    text = "栖川智能推出代码模型栖川Coder，又把推理模型砚池R2和轻量模型川流Lite-16K降价。"
    found = names(finder, text)
    assert {("Model", "栖川Coder"), ("Model", "砚池R2"), ("Model", "川流Lite-16K")} <= found
    # not a brand: a common word before hardware or a term
    assert not [n for t, n in names(finder, "大模型训练GPU集群紧张，模型推理API调用量上涨。") if t == "Model"]


def test_entities_zh_latin_model_keeps_its_version_after_a_suffix_word(finder: EntityFinder) -> None:
    assert ("Model", "Corvid Flash 3") in names(finder, "初创公司Corvid Labs把Corvid Flash 3的价格下调一半。")
    # a count after the suffix word is no version
    assert ("Model", "Corvid Pro 3") not in names(finder, "Corvid Pro 3款套餐已上线。")


def test_entities_zh_brand_of_a_new_model_names_its_maker(finder: EntityFinder) -> None:
    # the brand before a new model's Latin variant is an organisation where it stands alone before a
    # verb an organisation takes, or with a (weak) organisation suffix
    text = "4月，砚池宣布旗下砚池-Max模型免费开放。川流网络则把长文本模型川流Long-64K降价。"
    found = names(finder, text)
    assert {("Organization", "砚池"), ("Organization", "川流网络")} <= found
    assert ("Model", "砚池-Max") in found
    # a catalogue family with a variant is no new brand
    assert ("Organization", "混元") not in names(finder, "腾讯宣布混元-lite免费，混元宣布的消息很快传开。")


def test_entities_zh_name_ends_before_a_career_verb_or_a_dated_preposition(finder: EntityFinder) -> None:
    # a two-character given name loses its last character when that starts a career verb (调任) or is
    # a preposition before a date (于2021年)
    assert ("Person", "贺岚") in names(finder, "该职位由松岩数科原CEO贺岚调任接替。")
    assert ("Person", "韦川") in names(finder, "资料显示，韦川于2021年加入松岩科技。")
    assert ("Person", "韦川明") in names(finder, "资料显示，韦川明2021年加入松岩科技。")


def test_entities_zh_person_before_a_move_or_a_career_told_of_them(finder: EntityFinder) -> None:
    # a dated move away (2021年底从…离职), a career noun (的履历) or a title switch (转任) after a name
    assert ("Person", "滕望川") in names(finder, "滕望川2021年底从松岩科技离职，自立门户。")
    assert ("Person", "祁若水") in names(finder, "祁若水的履历横跨三家公司。")
    found = names(finder, "原首席技术官闵一舟转任首席科学家。")
    assert ("Person", "闵一舟") in found and ("Person", "闵一舟转") not in found
    # a common word before 从 is no name
    assert not [n for t, n in names(finder, "总体从去年开始放缓。") if t == "Person"]


def test_entities_zh_stem_of_an_organisation_with_another_suffix(finder: EntityFinder) -> None:
    found = names(finder, "澄岚集团今年把业务分拆为独立运营的澄岚云，澄岚云将单独融资。")
    assert ("Organization", "澄岚云") in found
    # no stem from a name that is only a suffix-less common word
    assert not [n for t, n in names(finder, "公司集团化运营，公司云业务增长。") if t == "Organization"]


def test_entities_zh_people_by_rarer_surnames_and_relative_clauses(finder: EntityFinder) -> None:
    found = names(finder, "星桥智能创始人兼CEO郁南山在发布会上发言。")
    assert ("Person", "郁南山") in found
    assert ("Person", "闻人舟") in names(finder, "闻人舟：我们今年不会降价。")
    found = names(finder, "现任云帆科技CTO的蒋晴川告诉记者，团队很早就押注对话系统。")
    assert ("Person", "蒋晴川") in found
    found = names(finder, "次年，他与曾任云帆科技产品副总裁的苗东共同创办星桥智能。")
    assert ("Person", "苗东") in found
    assert ("Person", "唐远山") in names(finder, "唐远山曾先后在海岳科技、云帆科技任职。")


def test_entities_zh_moving_to_the_company_is_no_name(finder: EntityFinder) -> None:
    found = names(finder, "星桥智能发布公告，唐远山将卸任首席执行官，转任公司首席科学家。")
    assert not any(name.startswith("转任") for _, name in found)
    assert ("Organization", "海岳科技") in names(finder, "2016年转投海岳科技任研究总监。")


def test_entities_zh_org_after_passive_and_before_an_agency_verb(finder: EntityFinder) -> None:
    found = {n for _, n in names(finder, "去年被澄屿集团全资收购。港澳市场由集团的香港子公司澄屿国际代理，以港元计价。")}
    assert "澄屿集团" in found
    assert "澄屿国际" in found and "澄屿国际代理" not in found


def test_entities_zh_preposition_and_common_word_before_a_title_is_no_organisation(finder: EntityFinder) -> None:
    found = names(finder, "栖桐科技宣布，其职务由产品副总裁戚沐阳接任。")
    assert ("Organization", "由产品") not in found and ("Person", "戚沐阳") in found


def test_entities_zh_org_after_a_verb_ending_in_yu(finder: EntityFinder) -> None:
    found = {n for _, n in names(finder, "他早年任职于澜屿科技，后来就职于青岑数据。")}
    assert {"澜屿科技", "青岑数据"} <= found
    assert not {"于澜屿科技", "于青岑数据"} & found


def test_entities_zh_graded_engineering_title_before_a_person(finder: EntityFinder) -> None:
    found = names(finder, "前澜屿科技资深算法专家卓望川昨日加盟青岑数据。")
    assert ("Person", "卓望川") in found and ("Organization", "澜屿科技") in found


def test_entities_zh_ba_after_a_two_character_name_is_not_part_of_it(finder: EntityFinder) -> None:
    found = names(finder, "青岑数据CEO卓望把样机推到桌边。")
    assert ("Person", "卓望") in found and ("Person", "卓望把") not in found


def test_entities_zh_people_by_a_tie_a_title_of_address_or_an_official_title(finder: EntityFinder) -> None:
    found = names(finder, "她的白板上留着她和丈夫韩越手写的排班表。据悉，这次合作由其老友钟一凡牵线。"
                          "去年我跟沈川老师聊过。原某局副局长苗若岚加盟星衡科技。产品副总卓思彤则表示，价格还会降。")
    assert {("Person", "韩越"), ("Person", "钟一凡"), ("Person", "沈川"), ("Person", "苗若岚"),
            ("Person", "卓思彤")} <= found
    assert ("Person", "韩越手") not in found


def test_entities_zh_names_after_brackets_and_markup_and_traditional_cloud_suffix(finder: EntityFinder) -> None:
    found = names(finder, "【快讯】苇渡集团发布年报。**松衡云端**松衡云端宣布降价。")
    assert {("Organization", "苇渡集团"), ("Organization", "松衡云端")} <= found
    assert ("Organization", "松衡云") not in found


def test_entities_zh_descriptions_verbs_and_comparisons_are_no_organisations(finder: EntityFinder) -> None:
    found = names(finder, "由澄江资本领投，一家港资集团跟投。此次估值较白溪科技上一轮高三成。"
                          "下一阶段大模型竞争更激烈。IDC中国研究经理苏禾认为价格还会降。")
    orgs = {n for t, n in found if t == "Organization"}
    assert "白溪科技" in orgs and "澄江资本" in orgs
    assert not orgs & {"港资集团", "跟投", "估值较白溪科技", "IDC中国研究"}
    assert ("Model", "一阶段") not in found


def test_entities_zh_a_place_and_a_descriptor_describe_and_swallowed_verbs_are_trimmed(finder: EntityFinder) -> None:
    found = names(finder, "北京大模型公司松衡科技发布新模型。杭州AI初创公司栖桐科技宣布降价。"
                          "本轮投资方包括青岚资本。松衡集团此次入股栖木数据。中国投资有限责任公司发布年报。")
    orgs = {n for t, n in found if t == "Organization"}
    assert {"松衡科技", "栖桐科技", "青岚资本", "栖木数据", "中国投资有限责任公司"} <= orgs
    assert not orgs & {"北京大模型公司", "杭州AI初创公司", "方包括青岚资本", "此入股栖木数据"}


def test_entities_zh_whole_registered_name_and_announcer(finder: EntityFinder) -> None:
    found = names(finder, "云帆股份公告，公司全资子公司青岚数字人工智能科技有限公司已完成登记。")
    assert ("Organization", "青岚数字人工智能科技有限公司") in found     # longer than a suffix rule's name
    assert ("Organization", "云帆股份") in found                         # only a company announces


def test_entities_zh_transcript_speaker_labels_are_persons(finder: EntityFinder) -> None:
    found = names(finder, "**柏清远：** 今天聊算力。\n\n**司马岚**：我先说两句。\n")
    assert {("Person", "柏清远"), ("Person", "司马岚")} <= found


def test_entities_zh_less_common_and_compound_surnames(finder: EntityFinder) -> None:
    found = names(finder, "汀兰智能首席技术官萧砚秋表示，研究员贝亦川和夏侯明远也参与了研发。")
    assert {("Person", "萧砚秋"), ("Person", "贝亦川")} <= found


def test_entities_zh_person_after_a_shared_title_and_in_asides(finder: EntityFinder) -> None:
    found = names(finder, "文｜揭晴川（澄波证券首席分析师）\n\n汀兰智能技术负责人之一荀远舟离职。"
                          "副市长濮明川介绍，园区已建成。\n\n（记者：蔚小满）")
    assert {("Person", "揭晴川"), ("Person", "荀远舟"), ("Person", "濮明川"), ("Person", "蔚小满")} <= found


def test_entities_zh_names_told_by_their_bearer_a_tie_or_an_agent(finder: EntityFinder) -> None:
    found = names(finder, "我叫蔚一帆,在知澜科技工作。我的老领导荀望川现在在青崖科技。总经理由祁望舟兼任。"
                          "独立开发者郦晓川此前在美团工作。")
    assert {("Person", "蔚一帆"), ("Person", "荀望川"), ("Person", "祁望舟"), ("Person", "郦晓川")} <= found


def test_entities_zh_no_person_from_a_joined_title_or_a_word_before_a_verb(finder: EntityFinder) -> None:
    found = {n for t, n in names(finder, "汀兰智能首席执行官和首席科学家都换了人。严格说这不算降价。"
                                          "汀兰智能总裁鲁星辰对财经记者解释，成本很高。") if t == "Person"}
    assert found == {"鲁星辰"}


def test_entities_zh_a_word_of_who_someone_is_is_no_given_name(finder: EntityFinder) -> None:
    assert not [n for t, n in names(finder, "一位独立开发者向记者表示，价格不是关键。") if t == "Person"]


def test_entities_zh_person_after_a_title_and_a_copula(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澄岭智能的首席科学家为蒯立川，产品负责人是笪一舟。")
    assert {m.text for m in x.mentions if m.type == "Person"} == {"蒯立川", "笪一舟"}


def test_entities_zh_latin_name_with_a_whole_number_version(finder: EntityFinder) -> None:
    assert ("Model", "Vexa-Coder 3") in names(finder, "澜舟科技宣布，旗下编程模型Vexa-Coder 3即日起降价。")
    text = "岚岫发布大型语言模型「Tarn 2」以及轻量版「Tarn 2 Mini」，此前推出的Tarn 1同步降价。"
    assert {("Model", "Tarn 2"), ("Model", "Tarn 2 Mini"), ("Model", "Tarn 1")} <= names(finder, text)
    # a plain word and a number is no model without a model-like name, head or sibling
    assert not [n for t, n in names(finder, "排名Top 3的公司都在Windows 11上测试。") if t == "Model"]


def test_entities_zh_listing_and_alias_words_start_no_organisation(finder: EntityFinder) -> None:
    found = names(finder, "澄鸾智能由A股公司深圳岑远电子股份有限公司于2022年孵化。")
    assert ("Organization", "A股公司") not in found
    assert ("Organization", "深圳岑远电子股份有限公司") in found
    assert ("Organization", "澜汀云全称澜汀云计算有限公司") not in names(finder, "澜汀云全称澜汀云计算有限公司，是澜汀集团的子公司。")


def test_entities_zh_a_variant_word_hyphened_to_a_letter_version_is_part_of_the_name(finder: EntityFinder) -> None:
    got = names(finder, "雾岭科技的旗舰模型Vanta V4之外，高速版Vanta V4-Turbo和轻量版Vanta V4-Mini同日上线。")
    assert {("Model", "Vanta V4"), ("Model", "Vanta V4-Turbo"), ("Model", "Vanta V4-Mini")} <= got


def test_entities_zh_a_new_model_after_its_makers_stem_carries_the_stem(finder: EntityFinder) -> None:
    got = names(finder, "杭州澜舟智能科技有限公司（下称“澜舟智能”）开源了澜舟Q-5，旗舰版澜舟Q-5 Pro只提供API。")
    assert {("Model", "澜舟Q-5"), ("Model", "澜舟Q-5 Pro")} <= got
    assert not {n for t, n in got if t == "Model" and n.startswith("Q-5")}


def test_entities_zh_a_known_maker_before_a_model_stays_apart(finder: EntityFinder) -> None:
    got = names(finder, "澜舟智能发布新模型。百度ERNIE-Q9同日上线。")
    assert ("Model", "百度ERNIE-Q9") not in got


def test_entities_zh_a_spaced_variant_word_ends_a_catalogue_familys_version(finder: EntityFinder) -> None:
    got = names(finder, "火山引擎把豆包2.7 Lite的价格下调了一半。")
    assert ("Model", "豆包2.7 Lite") in got
    assert ("Model", "豆包2.7") not in got


def test_entities_zh_a_word_glued_before_a_new_family_is_cut_to_the_form_the_article_uses(finder: EntityFinder) -> None:
    got = names(finder, "岭川科技发布了澄渊-5模型。上一代旗舰澄渊-4-Pro输出更贵，活动期内澄渊-5-Max限时五折。")
    assert {("Model", "澄渊-5"), ("Model", "澄渊-4-Pro"), ("Model", "澄渊-5-Max")} <= got
    assert not {n for t, n in got if t == "Model" and n.startswith(("旗舰", "期内", "内澄"))}

def test_entities_zh_rare_and_compound_surnames_start_a_name(finder: EntityFinder) -> None:
    # 钭, 乜, 仝 (single) and 乐正, 鲜于 (compound): rare surnames, found like any other before a career verb or title
    text = "澜汐智能原CTO钭明远已于5月离职。乐正清的履历几乎是行业的缩影。峰图智能CEO仝一舟表示看好语音。"
    found = names(finder, text)
    assert {("Person", "钭明远"), ("Person", "乐正清"), ("Person", "仝一舟")} <= found
    assert ("Person", "鲜于子墨") in names(finder, "鲜于子墨是澜汐智能的联合创始人，创业前在百度工作了五年。")


def test_entities_zh_speech_verb_is_no_name_of_a_rare_surname(finder: EntityFinder) -> None:
    # 谈 is a surname too rare beside the verb (谈及, 谈到) to start a name found by its context
    found = names(finder, "谈及离开大厂的原因，峰图智能CEO陈思远表示看好语音。")
    assert not any(t.startswith("谈") for _, t in found)


def test_entities_zh_name_ends_before_a_preposition(finder: EntityFinder) -> None:
    # 俞明 + 给记者: 给 follows a name, it does not end one
    found = names(finder, "峰图智能技术负责人俞明给记者算了一笔账。")
    assert ("Person", "俞明") in found and ("Person", "俞明给") not in found


def test_entities_zh_spokesperson_is_a_title(finder: EntityFinder) -> None:
    found = names(finder, "澜汐智能发言人邝明哲在发布会上说，价格不会再降。")
    assert {("Person", "邝明哲"), ("Organization", "澜汐智能")} <= found


def test_entities_zh_cofounders_joined_by_yu(finder: EntityFinder) -> None:
    # 岑明树与钟清远一起创办了…: 与 joins two founders before the verb, 一起 stands between
    found = names(finder, "岑明树与钟清远一起创办了峰图智能。")
    assert {("Person", "岑明树"), ("Person", "钟清远")} <= found


def test_entities_zh_hong_kong_titles_end_at_the_title(finder: EntityFinder) -> None:
    # 联合创办人兼营运总监: titles of Hong Kong usage, not an organisation (营运) before a name
    found = names(finder, "峰图科技发布了新模型。联合创办人兼营运总监岑明芝则曾在汇丰任职八年。")
    assert ("Person", "岑明芝") in found and ("Organization", "营运") not in found


def test_entities_zh_a_backer_after_huo_and_a_name_after_a_kind_of_group(finder: EntityFinder) -> None:
    found = names(finder, "檀岑智能今年初获禾岑控股注资。")
    assert ("Organization", "禾岑控股") in found and not any("初获" in n for _, n in found)
    found = names(finder, "本地资讯科技集团澜湾数码集团有限公司今日公布业绩。")
    assert ("Organization", "澜湾数码集团有限公司") in found
    # 接手 (take over) is a verb, not the start of a group's name
    assert not any(n.startswith("接手") for _, n in names(finder, "新公司名为岑算，接手集团位于东区的数据中心。"))


def test_entities_zh_bare_group_word_refers_to_a_groups_registered_name(finder: EntityFinder) -> None:
    text = "澜湾数码集团有限公司公布重组。新公司中，集团持股70%。"
    refs = [m for m in mentions(finder, text) if m.source == "org-reference"]
    assert [(text[m.start:m.end], m.text) for m in refs] == [("集团", "澜湾数码集团有限公司")]


def test_entities_zh_a_weak_suffix_name_described_as_a_company_by_a_copula(finder: EntityFinder) -> None:
    found = names(finder, "岑矶智能是游戏公司星岑互娱2024年分拆出来的AI公司。")
    assert {("Organization", "岑矶智能"), ("Organization", "星岑互娱")} <= found
    # a common word before the suffix is no name, whatever the copula says
    assert names(finder, "人工智能是很多公司今年最大的投入。") == set()


def test_entities_zh_a_kind_of_enterprise_before_a_name(finder: EntityFinder) -> None:
    assert ("Organization", "华岑集团") in names(finder, "星垣智能由家电企业华岑集团于2024年孵化。")


def test_entities_zh_a_unit_named_by_its_stem_and_a_field(finder: EntityFinder) -> None:
    found = names(finder, "恒岑智算今日成立。原隶属集团的恒岑人工智能研究院将并入恒岑智算。")
    assert ("Organization", "恒岑人工智能研究院") in found
    # the field and unit word alone name no organisation
    assert names(finder, "人工智能研究院今年招了很多人。") == set()
    # 把 ends what stands before a name (把墨岑科技收了进来)
    assert ("Organization", "墨岑科技") in names(finder, "去年公司还把墨岑科技收了进来。")


def test_entities_zh_rare_surnames_start_a_name(finder: EntityFinder) -> None:
    # 庹, 眭, 羿: rare surnames, found in the same contexts as common ones
    found = names(finder, "峰岑证券首席分析师眭明川认为，降价还会继续。副总裁羿书岚随后发言。庹一凡表示看好语音。")
    assert {("Person", "眭明川"), ("Person", "羿书岚"), ("Person", "庹一凡")} <= found


def test_entities_zh_an_authors_note_names_the_writer(finder: EntityFinder) -> None:
    text = "*作者顾明川为澄观研究院首席研究员，此前在华泰证券从事行业研究。*"
    assert ("Person", "顾明川") in names(finder, text)
    assert [m.source for m in mentions(finder, text) if m.type == "Person"] == ["author-note-person"]
    # 作者 before a copula and no name: nobody
    assert not [m for m in mentions(finder, "作者是谁并不重要，作者为此道歉。") if m.type == "Person"]


def test_entities_zh_a_name_after_a_done_verb_of_buying(finder: EntityFinder) -> None:
    found = names(finder, "岑川科技去年收购了杭州映岑信息科技有限公司，又投资了澜石数据。")
    assert {("Organization", "杭州映岑信息科技有限公司"), ("Organization", "澜石数据")} <= found


def test_entities_zh_a_company_doing_something_to_its_model(finder: EntityFinder) -> None:
    assert ("Organization", "岚序智能") in names(finder, "两家公司都很年轻。岚序智能主攻多模态模型。")
    assert ("Organization", "青岑智能") in names(finder, "上个月，创业公司青岑智能把推理模型的价格打了五折。")


def test_entities_zh_an_owner_after_becomes(finder: EntityFinder) -> None:
    assert ("Organization", "澄川科技") in names(finder, "此后岑微语音成为澄川科技旗下的全资子公司。")


def test_entities_zh_a_registered_name_without_its_city_names_it_again(finder: EntityFinder) -> None:
    found = names(finder, "2024年3月，杭州岑微澜序科技有限公司成立。与许多创业公司不同，岑微澜序没有去追参数规模。")
    assert {("Organization", "杭州岑微澜序科技有限公司"), ("Organization", "岑微澜序")} <= found


def test_entities_zh_a_model_naming_a_class_of_models_is_no_mention(finder: EntityFinder) -> None:
    got = names(finder, "岭川科技发布了Vanta-3级的主力模型澄渊-5。Vanta-3的价格更高。")
    assert ("Model", "澄渊-5") in got
    found = [m for m in mentions(finder, "岭川科技发布了Vanta-3级的主力模型澄渊-5。Vanta-3的价格更高。")
             if m.text == "Vanta-3"]
    assert [m.start for m in found] == [25]


def test_entities_zh_one_letter_variant_where_the_text_calls_it_a_model(finder: EntityFinder) -> None:
    """A new family's variant of a single letter (澄川-R) is a model where a model head stands beside it; the
    same shape elsewhere (a market's share class, a grade) is not."""
    assert ("Model", "澄川-R") in names(finder, "澄川智能今天发布了推理模型澄川-R，此前澄川-2已经开源。")
    assert ("Model", "澄川-V") in names(finder, "澄川智能推出澄川-V大模型。")
    found = names(finder, "沪深-A股今天大涨，澄川智能的评级为澄川-B。")
    assert not any(kind == "Model" for kind, _ in found)
