"""subsidiaryOf (kg/extractors/relations_subsidiary.py) told in more ways, on sentences written for these tests:
a unit named after 旗下 and its kind, a child described before its copula, a holder of the company it made,
a passive 控股, 全资持股 after a clause, a filing's 公告, a list of units, a bare 集团 as the article's own."""

from __future__ import annotations


def subs(x) -> set[tuple[str, str]]:  # noqa: ANN001
    return {(r.subject.text, r.object.text) for r in x.relations if r.kind == "subsidiaryOf"}


def test_relations_subsidiary_unit_named_after_qixia_and_its_kind(extract_text) -> None:  # noqa: ANN001
    assert ("柘岩深维", "柘岩集团") in subs(extract_text("9月9日，柘岩集团旗下AI实验室柘岩深维正式发布新模型Orin-4。"))
    assert ("海澜", "华拓") in subs(extract_text("华拓旗下的芯片设计公司海澜，专做推理芯片。"))
    # what follows the unit's kind must read as a name, not a clause
    assert subs(extract_text("华拓旗下的芯片设计公司海澜找到我。")) == set()


def test_relations_subsidiary_child_described_before_the_copula(extract_text) -> None:  # noqa: ANN001
    x = extract_text("芷曜智能成立于2023年，是上市公司星汀控股旗下的人工智能子公司。")
    assert ("芷曜智能", "星汀控股") in subs(x)
    x = extract_text("原告上海书岑信息技术有限公司是阅岑集团旗下公司，负责运营书岑文学网。")
    assert ("上海书岑信息技术有限公司", "阅岑集团") in subs(x)
    # another clause before the copula is not the child's description
    x = extract_text("芷曜智能与岚汀科技合作多年，是星汀控股旗下子公司的供应商。")
    assert ("岚汀科技", "星汀控股") not in subs(x)


def test_relations_subsidiary_holder_of_the_company_it_made(extract_text) -> None:  # noqa: ANN001
    x = extract_text("衡岑集团以物流起家，2023年组建衡岑深维科技并持有其100%股权。")
    assert subs(x) == {("衡岑深维科技", "衡岑集团")}
    # 其 after a clause with no verb of making is the organisation named before, as ever
    assert subs(extract_text("砾汀智能完成分拆，但砾汀集团仍持有其约55%的股份。")) == {("砾汀智能", "砾汀集团")}


def test_relations_subsidiary_passive_control_and_wholly_held_after_a_clause(extract_text) -> None:  # noqa: ANN001
    assert ("潮岑云", "澄汀数据") in subs(extract_text("今年潮岑云被澄汀数据控股后他才跳过去。"))
    x = extract_text("恒岑智算科技有限公司已于9月26日成立，注册资本5亿元，由恒岑集团全资持股。")
    assert ("恒岑智算科技有限公司", "恒岑集团") in subs(x)


def test_relations_subsidiary_filing_and_registered_names(extract_text) -> None:  # noqa: ANN001
    assert ("凯汀数智", "凯汀传媒") in subs(extract_text("凯汀传媒公告，全资子公司凯汀数智将模型价格下调。"))
    x = extract_text("此外，元岑智算已在上海设立全资子公司元岑（上海）智能科技有限公司，负责华东交付。")
    assert ("元岑（上海）智能科技有限公司", "元岑智算") in subs(x)


def test_relations_subsidiary_units_listed_after_another_unit(extract_text) -> None:  # noqa: ANN001
    x = extract_text("集团架构上，澄汀智能主要通过全资附属公司北京澄汀科技有限公司运营，旗下另有澄汀智能（香港）有限公司"
                     "及深圳澄汀数据服务有限公司两家全资附属公司。")
    assert subs(x) == {("北京澄汀科技有限公司", "澄汀智能"), ("澄汀智能（香港）有限公司", "澄汀智能"),
                       ("深圳澄汀数据服务有限公司", "澄汀智能")}


def test_relations_subsidiary_bare_group_is_the_articles_own_organisation(extract_text) -> None:  # noqa: ANN001
    x = extract_text("鲸汀科技发出内部邮件。鲸汀科技称：原本隶属于集团云业务子公司鲸汀云的实验室被拆出。")
    assert subs(x) == {("鲸汀云", "鲸汀科技")}
    # named once, the organisation may be anyone's: the bare 集团 refers to none
    x = extract_text("鲸汀科技发出内部邮件：原本隶属于集团云业务子公司鲸汀云的实验室被拆出。")
    assert not any(parent == "鲸汀科技" for _, parent in subs(x))


def test_relations_subsidiary_listed_units_closed_by_a_count(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澜岑集团宣布组织调整，涉及集团总部以及澜岑云、澜岑智能和澜岑研究院三家主要子公司。")
    assert {("澜岑云", "澜岑集团"), ("澜岑智能", "澜岑集团"), ("澜岑研究院", "澜岑集团")} <= subs(x)
    # a list closed by a count of something else is no list of subsidiaries
    x = extract_text("澜岑集团宣布与澜汀云、岑汀智能两家公司合作。")
    assert ("澜汀云", "澜岑集团") not in subs(x)


def test_relations_subsidiary_qixia_opening_a_clause_and_an_incubator_with_its_short_name(extract_text) -> None:  # noqa: ANN001,E501
    x = extract_text("岑峰国际控股有限公司（「岑峰国际」）昨晚发出公告，旗下间接全资附属公司岑峰智算科技有限公司已推出新模型。")
    assert ("岑峰智算科技有限公司", "岑峰国际") in subs(x)
    x = extract_text("澄鸾智能由A股公司深圳岑远电子股份有限公司（岑远电子）于2022年孵化并控股。")
    assert ("澄鸾智能", "深圳岑远电子股份有限公司") in subs(x)


def test_relations_subsidiary_child_named_in_full_then_a_comma_and_its_parent(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澜汀云计算有限公司，是澜汀集团的全资子公司。")
    assert subs(x) == {("澜汀云计算有限公司", "澜汀集团")}


def test_relations_subsidiary_unit_bearing_the_name_of_the_company_of_the_sentence_before(extract_text) -> None:  # noqa: ANN001
    x = extract_text("松岩科技的模型业务主要由两家子公司承担。全资子公司杭州松岩数智科技有限公司负责训练平台。")
    assert ("杭州松岩数智科技有限公司", "松岩科技") in subs(x)
    y = extract_text("松岩科技的模型业务发展很快。全资子公司上海岭语智能科技有限公司负责企业客户。")
    assert ("上海岭语智能科技有限公司", "松岩科技") not in subs(y)


def test_relations_subsidiary_company_becomes_another_s_subsidiary(extract_text) -> None:  # noqa: ANN001
    # a purchase: the buyer announces (a time of day before 公告 is not part of its name), the bought one becomes its child
    x = extract_text("柘衡办公晚间公告，拟以约2.6亿元现金收购成都澈岫数据科技有限公司100%股权。交易完成后，澈岫数据将成为柘衡办公的全资子公司。")
    assert ("澈岫数据", "柘衡办公") in subs(x)
    assert "柘衡办公晚间" not in {m.text for m in x.mentions}
    # a sale closed: an adverb before 成为, and a parent found by its suffix after it
    assert subs(extract_text("截至公告日，澈岫云链正式成为禾屿科技的控股子公司。")) == {("澈岫云链", "禾屿科技")}
    # becoming a customer is no subsidiary
    assert subs(extract_text("澈岫数据已成为禾屿科技的重要客户。")) == set()


def test_relations_subsidiary_filing_copula_wei(extract_text) -> None:  # noqa: ANN001
    x = extract_text("注：澈岫智能为港股上市公司禾屿控股的控股子公司。")
    assert subs(x) == {("澈岫智能", "禾屿控股")}
    # 为 meaning "for" is no copula of a subsidiary
    assert subs(extract_text("澈岫智能为禾屿控股提供算力服务。")) == set()


def test_relations_subsidiary_restructuring_moves_and_sales(extract_text) -> None:  # noqa: ANN001
    # a stake moved inside a group: the receiver is the new parent
    x = extract_text("禾屿数科同时将所持北京禾屿数据服务有限公司100%股权无偿划转至澈岫智能。")
    assert subs(x) == {("北京禾屿数据服务有限公司", "澈岫智能")}
    # a minority sold makes no subsidiary, and a seller whose sold unit goes unnamed is not the one sold
    assert subs(extract_text("禾屿数科将所持澈岫数据科技有限公司30%股权转让给岚汀智能科技有限公司。")) == set()
    assert subs(extract_text("禾屿数科将澈岫数据出售给岚汀智能科技有限公司。")) == set()


def test_relations_subsidiary_sibling_unit_is_no_parent(extract_text) -> None:  # noqa: ANN001
    # two units of one group listed in a filing: the second is the group's, not the first one's (same first two characters)
    x = extract_text("松岭数科发布公告：出售控股子公司杭州松岭云链信息技术有限公司（下称“松岭云链”）60%股权，"
                     "将全资子公司南京松岭模型技术有限公司（下称“松岭模型”）更名为南京澄渊智能科技有限公司。")
    assert ("南京松岭模型技术有限公司", "松岭数科") in subs(x)
    assert not {p for c, p in subs(x) if c == "南京松岭模型技术有限公司"} - {"松岭数科"}


def test_relations_subsidiary_moved_unit_leaves_its_old_owner(extract_text) -> None:  # noqa: ANN001
    x = extract_text("与此同时，岚汀科技2023年收购的语音AI公司澄屿网络，将整体划转至松衡数据科技有限公司名下。")
    assert subs(x) == {("澄屿网络", "松衡数据科技有限公司")}
    # without the move the buyer is the parent
    assert subs(extract_text("岚汀科技2023年收购的语音AI公司澄屿网络，今年发布了新模型。")) == {("澄屿网络", "岚汀科技")}


def test_relations_subsidiary_parent_named_at_the_front(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岚峰公司表示，岚峰将加大投入。此前，岚峰人工智能研究院已发布新论文，岚峰云也宣布降价，"
                     "岚峰推理云则主要跑开源模型。")
    # a unit noun or a bare 云 after the parent's name; a longer name before 云 reads as a product
    assert subs(x) == {("岚峰人工智能研究院", "岚峰"), ("岚峰云", "岚峰")}
    # the parent must be named on its own: a unit's name alone says nothing of whose it is
    assert subs(extract_text("此前，岚峰人工智能研究院已发布新论文。")) == set()
    # a suffix right after the parent's name makes a longer parent (岚峰云's lab), not 岚峰's
    assert subs(extract_text("岚峰公司表示，岚峰将加大投入。此前，岚峰云图灵实验室已发布新论文。")) == set()


def test_relations_subsidiary_spin_off_belongs_to_the_group(extract_text) -> None:  # noqa: ANN001
    x = extract_text("松衡集团今日召开董事会，通过将旗下松衡研究院分拆，以20亿元资本额成立全资子公司「澄屿智能股份有限公司」。")
    assert subs(x) == {("澄屿智能股份有限公司", "松衡集团")}


def test_relations_subsidiary_own_unit_bears_the_name_of_a_parent_named_sentences_before(extract_text) -> None:  # noqa: ANN001,E501
    x = extract_text("沐岑智能今日宣布完成8亿元融资。公司还在成都设立了全资子公司成都沐岑数据服务有限公司，负责数据标注。")
    assert subs(x) == {("成都沐岑数据服务有限公司", "沐岑智能")}
    # an interviewee's 我们: the parent is the organisation the article named, its name borne by the unit
    x = extract_text("砚岑科技创始人接受了采访。我们在深圳设了一家全资子公司砚岑律科（深圳）信息技术有限公司，专做合同审查。")
    assert subs(x) == {("砚岑律科（深圳）信息技术有限公司", "砚岑科技")}
    # a sibling unit told before as a child bears the same name: the group is the parent, not the sibling
    x = extract_text("沐汀集团宣布，将集团实验室与旗下云计算子公司沐汀云的模型业务合并，成立独立运营的全资子公司"
                     "沐汀智元科技有限公司。")
    assert ("沐汀智元科技有限公司", "沐汀集团") in subs(x) and ("沐汀智元科技有限公司", "沐汀云") not in subs(x)
    # a unit whose name bears no organisation's name named before belongs to none
    assert subs(extract_text("沐岑智能今日宣布融资。公司设立了全资子公司成都青禾数据有限公司。")) == set()


def test_relations_subsidiary_stake_pronouns_adverbs_and_incubation_told_with_a_copula(extract_text) -> None:  # noqa: ANN001,E501
    x = extract_text("泓岑云计算有限公司（泓岑云）是泓岑集团旗下公司。另外，去年收购的苏州簇岑算力有限公司（簇岑算力）"
                     "目前由泓岑云持股72%。")
    # the registered name or its alias in brackets (one entity once resolved)
    assert {("苏州簇岑算力有限公司", "泓岑云"), ("簇岑算力", "泓岑云")} & subs(x)
    # 它 is the organisation that opens the clause, not the group inside its description
    x = extract_text("泓岑集团旗下的泓岑云计算有限公司（泓岑云）发布财报。澜岑科技是集团2022年孵化的团队，目前泓岑云持有它58%的股权。")
    assert ("澜岑科技", "泓岑集团") in subs(x) and ("泓岑集团", "泓岑云") not in subs(x)
    assert ("澜岑科技", "泓岑集团") in subs(extract_text("澜岑科技成立三年，目前泓岑集团持有它58%的股权。"))
    # a minority stake makes no subsidiary
    assert subs(extract_text("澜岑科技成立三年，目前泓岑集团持有它18%的股权。")) == set()


def test_relations_subsidiary_the_latter_and_its_child_named_after_the_holder(extract_text) -> None:  # noqa: ANN001
    x = extract_text("檀岑智能成立于2022年，今年初获禾岑控股集团注资并由后者控股。")
    assert subs(x) == {("檀岑智能", "禾岑控股集团")}    # the group word is part of the name
    x = extract_text("岫岑科技股份有限公司成立于2021年，禾岑电子目前持股51%，岫岑科技为其控股子公司。")
    assert ("岫岑科技", "禾岑电子") in subs(x)
    # 其 after the child's own full name is not the child: the buyer is left unnamed
    x = extract_text("公司去年收购杭州聆岑科技有限公司70%股权，聆岑科技自此成为其非全资附属公司。")
    assert subs(x) == set()


def test_relations_subsidiary_holder_after_a_comma_and_a_passive_after_a_comma(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澜湾数码集团有限公司（澜湾数码）公布重组。新公司包括：湾岑科技有限公司（湾岑科技），集团持股70%，"
                     "余下30%由管理层持有。")
    assert ("湾岑科技", "澜湾数码集团有限公司") in subs(x)
    # a minority holder after the comma is no parent
    x = extract_text("澜湾数码集团有限公司（澜湾数码）公布重组。新公司包括：湾岑科技有限公司（湾岑科技），集团持股30%。")
    assert subs(x) == set()
    x = extract_text("他说，青岑去年投资的法律AI公司律岑智能，今年7月已被星岑科技全资收购。")
    assert ("律岑智能", "星岑科技") in subs(x)


def test_relations_subsidiary_it_is_a_subsidiary_and_contributions_and_transfers(extract_text) -> None:  # noqa: ANN001
    x = extract_text("去年公司还把墨岑科技收了进来，现在它是澄岑智能的全资子公司。")
    assert ("墨岑科技", "澄岑智能") in subs(x)
    # 它 described as anything but a subsidiary says nothing
    assert subs(extract_text("墨岑科技发布了新模型，它是澄岑智能的客户。")) == set()
    x = extract_text("鼎岑科技将与岚岑智能合资成立元岑智能，鼎岑科技出资占51%、岚岑智能占49%。")
    assert subs(x) == {("元岑智能", "鼎岑科技")}
    x = extract_text("原隶属集团科技发展部的恒岑人工智能研究院，将整体转拨至恒岑智算旗下。")
    assert subs(x) == {("恒岑人工智能研究院", "恒岑智算")}


def test_relations_subsidiary_bought_at_a_price_and_a_holder_after_an_alias(extract_text) -> None:  # noqa: ANN001
    x = extract_text("四年后，岚湾智能被澄铠集团以约9亿元收购，成为后者的全资子公司。")
    assert ("岚湾智能", "澄铠集团") in subs(x)
    x = extract_text("该事业部将整体分拆，成立澄犀智能科技（上海）有限公司（简称“澄犀智能”），岑曜集团持股60%。")
    assert ("澄犀智能", "岑曜集团") in subs(x)
    # a minority holder after the alias is no parent
    x = extract_text("该事业部将整体分拆，成立澄犀智能科技（上海）有限公司（简称“澄犀智能”），岑曜集团持股40%。")
    assert subs(x) == set()


def test_relations_subsidiary_a_group_named_with_its_business_word(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岚澜模力（苏州）人工智能有限公司近日成立，由岚澜科技集团全资持股。")
    assert subs(x) == {("岚澜模力（苏州）人工智能有限公司", "岚澜科技集团")}
    x = extract_text("岑湾电讯有限公司是岑湾控股集团旗下全资附属公司。")
    assert subs(x) == {("岑湾电讯有限公司", "岑湾控股集团")}
    x = extract_text("股权层面，岑衡集团持有墨岑数据科技有限公司51%的股份。")
    assert subs(x) == {("墨岑数据科技有限公司", "岑衡集团")}


def test_relations_subsidiary_a_controlling_shareholder_and_a_registered_child_after_a_description(
        extract_text) -> None:  # noqa: ANN001
    x = extract_text("从股权结构看，岚衡科技的控股股东为岚衡控股集团有限公司，持股比例为38.42%。"
                     "岚衡控股集团有限公司旗下另有一家从事数据中心业务的浙江岚衡云谷数据有限公司。")
    got = {(r.subject.text, r.object.text) for r in x.relations if r.kind == "subsidiaryOf"}
    assert ("岚衡科技", "岚衡控股集团有限公司") in got
    assert ("浙江岚衡云谷数据有限公司", "岚衡控股集团有限公司") in got
    assert not [r for r in extract_text("澄湖资本是岚衡科技的股东之一。").relations if r.kind == "subsidiaryOf"]
