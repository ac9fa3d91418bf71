"""worksFor and formerlyWorkedFor told as careers, on sentences written for the tests."""

from __future__ import annotations

from dataclasses import replace

from kg.pipeline import process
from kg.read import read_article
from tests.conftest import make_article


def rels(x, kind: str) -> set[tuple[str, str]]:  # noqa: ANN001
    return {(r.subject.text, r.object.text) for r in x.relations if r.kind == kind}


def test_relations_careers_interview_answer_is_the_interviewee_the_title_names() -> None:
    text = ("岑川智能成立于2021年，首席技术官钟清远上周接受了本刊专访。\n\n问：你是怎么开始做语音的？\n\n"
            "答：博士毕业后我在澜屿研究院做了五年语音识别。2019年我离开研究院，后来加入岑川智能。\n\n"
            "问：下一步呢？\n\n答：我们不打价格战，语音模型的毛利必须是正的。")
    article = replace(make_article(text), title="深度访谈｜岑川智能首席技术官钟清远：语音模型的毛利必须是正的")
    x = process(article)
    assert ("钟清远", "澜屿研究院") in rels(x, "formerlyWorkedFor")
    assert ("钟清远", "澜屿研究院") not in rels(x, "worksFor")
    assert any(c.speaker.text == "钟清远" and "毛利" in c.text for c in x.claims)


def test_relations_careers_title_after_a_reference_to_the_company(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岑川智能发布了新模型。岑川智能上月完成融资。\n\n"
                     "这家成立不到两年的公司，首席科学家顾子骞很少接受采访。")
    assert ("顾子骞", "岑川智能") in rels(x, "worksFor")


def test_relations_careers_leaving_a_unit_of_the_organisation(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岑川智能CEO钟清远表示看好语音。该公司CTO梁书远刚从澜屿科技的产品部离职。")
    assert ("梁书远", "澜屿科技") in rels(x, "formerlyWorkedFor")


def test_relations_careers_colleague_back_then_worked_there(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岑川智能联合创始人兼CTO梁书远是她在澜屿科技时的同事。")
    assert ("梁书远", "澜屿科技") in rels(x, "formerlyWorkedFor")
    assert ("梁书远", "岑川智能") in rels(x, "worksFor")


def test_relations_careers_a_join_told_as_over(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岑川智能首席执行官钟清远表示看好语音。他去年一度加入初创公司澜屿科技担任运营总监，任期不足一年。")
    assert ("钟清远", "澜屿科技") in rels(x, "formerlyWorkedFor")
    assert ("钟清远", "岑川智能") in rels(x, "worksFor")


def test_relations_careers_founding_a_described_company(extract_text) -> None:  # noqa: ANN001
    x = extract_text("青枫智能前副总裁钟清远已注册成立了一家专注于语音交互的新公司岚声科技，并担任CEO。")
    assert ("钟清远", "岚声科技") in rels(x, "worksFor")


def test_relations_careers_title_with_its_field_leaves_the_organisation_its_name(extract_text) -> None:  # noqa: ANN001
    x = extract_text("青枫智能技术副总裁、大模型负责人宁书远已于上月离职。")
    assert ("宁书远", "青枫智能") in rels(x, "formerlyWorkedFor")
    assert not {o for _, o in rels(x, "formerlyWorkedFor")} & {"青枫智能技术", "大模型"}


def test_relations_careers_a_dated_join_later_dates_the_undated_one(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岑川智能CEO钟清远的履历很完整。他博士毕业后加入澜屿科技，从事语音研究；"
                     "2019年转投青枫智能，任研究总监；2022年创办岑川智能。")
    assert ("钟清远", "澜屿科技") in rels(x, "formerlyWorkedFor")
    assert ("钟清远", "澜屿科技") not in rels(x, "worksFor")


def test_relations_careers_our_title_is_at_the_speakers_company(extract_text) -> None:  # noqa: ANN001
    text = ("岑川智能发布了新模型。岑川智能创始人钟清远接受了采访。\n\n"
            "钟清远：在澜屿科技我学会了做研究。我们的联合创始人兼CTO梁书远，就是我在澜屿科技时的同事。")
    x = extract_text(text)
    assert ("梁书远", "岑川智能") in rels(x, "worksFor")
    assert ("梁书远", "澜屿科技") not in rels(x, "worksFor")


def test_relations_careers_pronoun_after_a_time_word(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岑川智能CEO钟清远在杭州讲起创业的缘由。那时他刚从澜屿科技离职，手里只有一个想法。")
    assert ("钟清远", "澜屿科技") in rels(x, "formerlyWorkedFor")


def test_relations_careers_person_in_the_predicate_is_not_the_subject(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岑川智能CEO钟清远表示看好语音。另一位创始人梁书远是钟清远在浙大读书时的同学，先后在澜屿科技和青枫智能做研究。")
    assert ("梁书远", "澜屿科技") in rels(x, "formerlyWorkedFor")
    assert ("钟清远", "澜屿科技") not in rels(x, "formerlyWorkedFor")


def test_relations_careers_relative_clause_before_a_titled_person(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岑川智能CEO钟清远致辞后，去年从澜屿科技跳槽而来的岑川智能总裁梁书远介绍了新产品。")
    assert ("梁书远", "澜屿科技") in rels(x, "formerlyWorkedFor")
    assert ("钟清远", "澜屿科技") not in rels(x, "formerlyWorkedFor")


def test_relations_careers_came_from_elsewhere_to_join(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岑川智能CEO钟清远表示看好语音。首席技术官梁书远2021年从澜屿科技加盟岑川智能。")
    assert ("梁书远", "澜屿科技") in rels(x, "formerlyWorkedFor")
    assert ("梁书远", "岑川智能") in rels(x, "worksFor")


def test_relations_careers_agent_of_a_post_is_not_the_person_before(extract_text) -> None:  # noqa: ANN001
    x = extract_text("青枫智能宣布人事调整，总裁一职由原副总裁钟清远出任；首席科学家则由此前在澜屿科技担任研究院院长的"
                     "一位学者担任。")
    assert ("钟清远", "澜屿科技") not in rels(x, "formerlyWorkedFor")


def test_relations_careers_comes_from_with_a_title(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岑川智能近日公布管理团队。研发副总经理梁书远则来自澜屿科技，过去负责推理框架。")
    assert ("梁书远", "澜屿科技") in rels(x, "formerlyWorkedFor")


def test_relations_careers_tenure_without_a_particle_before_a_move(extract_text) -> None:  # noqa: ANN001
    x = extract_text("青枫集团CEO梁书远表示看好语音，并提到首席技术官钟清远的贡献。钟清远现已加入百度，负责推理平台。"
                     "钟清远在青枫集团任职九年，主导了第一代模型。")
    assert ("钟清远", "青枫集团") in rels(x, "formerlyWorkedFor")
    assert ("钟清远", "百度") in rels(x, "worksFor")


def test_relations_careers_leaving_a_unit_leaves_the_organisation_joined(extract_text) -> None:  # noqa: ANN001
    x = extract_text("原青枫智能云副总经理钟清远已于近日离职，正式出任岑川智能首席技术官。钟清远2016年加入青枫智能。")
    assert ("钟清远", "青枫智能") in rels(x, "formerlyWorkedFor")
    assert ("钟清远", "青枫智能") not in rels(x, "worksFor")


def test_relations_careers_interview_in_traditional_script(tmp_path) -> None:  # noqa: ANN001
    body = ("岑川半導體的創辦人兼行政總裁鍾清遠接受了訪問。\n\n問：你是怎樣入行的？\n\n"
            "答：大學畢業之後，2001年我加入英特爾做電路設計。2010年我和同學一起創辦了岑川半導體。\n\n"
            "問：團隊呢？\n\n答：我和梁書遠一起做晶片。她之前在英偉達做了十年架構師。\n")
    path = tmp_path / "interview.md"
    path.write_text("---\ntitle: 專訪岑川半導體鍾清遠：從設計到量產\ndate: 2025-10-20\nlang: zh-Hant\n---\n\n" + body,
                    encoding="utf-8")
    x = process(read_article(path))
    former = rels(x, "formerlyWorkedFor")
    assert ("钟清远", "英特尔") in former          # 我 of the answer: the interviewee the title names
    assert ("钟清远", "英伟达") not in former      # 她 in an answer is not the interviewee


def test_relations_careers_joining_told_as_entering(extract_text) -> None:  # noqa: ANN001
    x = extract_text("钟清远：2012年博士毕业我就进了百度，前后待了六年。2019年我加入了腾讯。")
    assert ("钟清远", "百度") in rels(x, "formerlyWorkedFor")
    assert ("钟清远", "腾讯") in rels(x, "worksFor")


def test_relations_careers_counsel_works_for_the_firm_not_the_client(extract_text) -> None:  # noqa: ANN001
    x = extract_text("庭审持续了六个小时。百度的代理律师、青石律师事务所律师梁书远在庭后接受了采访。")
    assert ("梁书远", "青石律师事务所") in rels(x, "worksFor")
    assert ("梁书远", "百度") not in rels(x, "worksFor")


def test_relations_careers_years_at_an_organisation_before_founding(extract_text) -> None:  # noqa: ANN001
    x = extract_text("青枫智能创始人钟清远今天退休。再往前，是他在微软亚洲研究院的八年。2015年他创办了青枫智能。")
    assert ("钟清远", "微软亚洲研究院") in rels(x, "formerlyWorkedFor")


def test_relations_careers_comes_from_a_glossed_name(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岑川智能近日公布管理团队。研发副总经理梁书远则来自某芯片巨头（NVIDIA），过去负责推理框架。")
    assert ("梁书远", "NVIDIA") in rels(x, "formerlyWorkedFor")


def test_relations_careers_stepping_down_to_another_role_at_the_company(extract_text) -> None:  # noqa: ANN001
    x = extract_text("青枫智能创始人钟清远当天正式卸任公司首席执行官，转任董事会特别顾问。")
    assert ("钟清远", "青枫智能") in rels(x, "formerlyWorkedFor")
    assert ("钟清远", "青枫智能") in rels(x, "worksFor")


def test_relations_careers_return_to_the_organisation_left(extract_text) -> None:  # noqa: ANN001
    x = extract_text("青枫集团CEO梁书远宣布了任命，涉及前副总裁钟清远。"
                     "曾在青枫集团工作六年、2021年离职创业的钟清远回归，出任智能驾驶事业部总裁。")
    assert ("钟清远", "青枫集团") in rels(x, "formerlyWorkedFor")
    assert ("钟清远", "青枫集团") in rels(x, "worksFor")


def test_relations_careers_post_taken_by_the_agent_of_by(extract_text) -> None:  # noqa: ANN001
    x = extract_text("栖峦集团宣布重组。栖峦灵图总经理由原澄波科技副总经理祁望舟出任；栖峦灵图首席科学家则由"
                     "此前在汀兰智能担任研究院副院长的濮季川担任。")
    assert {("祁望舟", "栖峦灵图"), ("濮季川", "栖峦灵图")} <= rels(x, "worksFor")
    assert ("祁望舟", "澄波科技") in rels(x, "formerlyWorkedFor")
    assert ("祁望舟", "澄波科技") not in rels(x, "worksFor")


def test_relations_careers_title_shared_with_others_then_a_move(extract_text) -> None:  # noqa: ANN001
    x = extract_text("年中，汀兰智能大模型技术负责人之一萧砚秋离职，加入创业公司岳屿科技任CTO。")
    assert ("萧砚秋", "汀兰智能") in rels(x, "formerlyWorkedFor")
    assert ("萧砚秋", "汀兰智能") not in rels(x, "worksFor")


def test_relations_careers_title_in_an_aside_after_the_name(extract_text) -> None:  # noqa: ANN001
    x = extract_text("文｜贝若溪（澄波证券计算机行业首席分析师）\n\n今年的价格战仍在继续。\n\n"
                     "主持人揭小满（前澄波科技首席分析师）请来两位嘉宾。")
    assert ("贝若溪", "澄波证券") in rels(x, "worksFor")
    assert ("揭小满", "澄波科技") in rels(x, "formerlyWorkedFor")
    assert ("揭小满", "澄波科技") not in rels(x, "worksFor")


def test_relations_careers_interviewee_introduces_themselves(extract_text) -> None:  # noqa: ANN001
    x = extract_text("**葛书言:** 大家好,我是葛书言,澜河智能的联合创始人兼CEO。\n\n"
                     "**蔚一帆:** 我叫蔚一帆,在知澜科技当技术负责人,团队十来个人。我的老同事荀望川现在在青崖科技负责推理平台。")
    works = rels(x, "worksFor")
    assert {("葛书言", "澜河智能"), ("蔚一帆", "知澜科技"), ("荀望川", "青崖科技")} <= works


def test_relations_careers_a_now_verb_needs_a_verb_of_working(extract_text) -> None:  # noqa: ANN001
    # 现在在青崖科技的发布会上: a place the person is at, not an employer
    x = extract_text("我叫蔚一帆,现在在青崖科技的发布会上。")
    assert ("蔚一帆", "青崖科技") not in rels(x, "worksFor")


def test_relations_careers_a_byline_founds_nothing(extract_text) -> None:  # noqa: ANN001
    x = extract_text("【记者濮雅筑/台北报导】澄波半导体今日宣布与海外伙伴合资成立汀兰智算。")
    assert not {r for r in x.relations if r.subject.text == "濮雅筑"}


def test_relations_careers_stepping_down_from_a_title_there(extract_text) -> None:  # noqa: ANN001
    x = extract_text("根据内部信，现任澄岭云总裁蒯一鸣将出任集团首席技术官，同时卸任澄岭云总裁。"
                     "此番回任，她同时不再担任澄岭智能CEO。")
    assert ("蒯一鸣", "澄岭云") in rels(x, "formerlyWorkedFor")
    assert ("蒯一鸣", "澄岭云") not in rels(x, "worksFor")


def test_relations_careers_stepping_down_then_keeping_another_title(extract_text) -> None:  # noqa: ANN001
    x = extract_text("汀岚科技董事长钟一舟表示看好语音。钟一舟上月卸任汀岚科技总裁，继续担任董事长。")
    assert ("钟一舟", "汀岚科技") in rels(x, "worksFor")


def test_relations_careers_retiring_leaves_the_title(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澄岭集团副总裁仉明远因年龄原因退休，其职务由集团首席财务官嵇书宁兼任。")
    assert ("仉明远", "澄岭集团") in rels(x, "formerlyWorkedFor")


def test_relations_careers_a_stay_before_joining_ends_at_the_name(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岚桥智能首席科学家练书言是他读博时的同门，加入岚桥智能之前一直在汀兰研究院。"
                     "练书言此前在青崖科技参与语音模型的训练。")
    former = rels(x, "formerlyWorkedFor")
    assert {("练书言", "汀兰研究院"), ("练书言", "青崖科技")} <= former


def test_relations_careers_title_in_an_interview_answer_is_at_the_interviewees_company() -> None:
    text = ("岑川智能成立于2022年，团队约百人。岑川智能上月完成融资。\n\n问：团队怎么搭起来的？\n\n"
            "蔚一帆：CTO笪书远是我在澜屿科技时的同事。首席科学家仉立川是我的师兄，加入岑川之前一直在汀兰研究院。")
    article = replace(make_article(text), title="对话岑川智能蔚一帆：先把卡用满")
    x = process(article)
    works = rels(x, "worksFor")
    assert ("笪书远", "岑川智能") in works
    assert ("笪书远", "澜屿科技") not in works
    assert ("仉立川", "汀兰研究院") in rels(x, "formerlyWorkedFor")


def test_relations_careers_titles_of_a_team_feature_are_at_its_company(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岚桥智能今年发布了两个模型。岚桥智能的员工分成两拨。\n\n"
                     "公司CTO蒯文澜则来自英伟达。\n\n负责产品和销售的副总裁钮书晴是最晚到的一位。\n\n"
                     "团队也有变动。公司原COO笪蓓今年3月卸任，随后加盟智谱。")
    works = rels(x, "worksFor")
    assert {("蒯文澜", "岚桥智能"), ("钮书晴", "岚桥智能")} <= works
    assert ("笪蓓", "岚桥智能") in rels(x, "formerlyWorkedFor")
    assert ("笪蓓", "岚桥智能") not in works


def test_relations_careers_company_in_a_flash_item_is_the_items_company(extract_text) -> None:  # noqa: ANN001
    x = extract_text("汀岚科技发布新模型，输入价格下调五成。同时，上一代模型停止服务。公司董事长嵇明川称效果更好。\n\n"
                     "澄岭智能今日发布新品。澄岭智能称销量翻倍。")
    assert ("嵇明川", "汀岚科技") in rels(x, "worksFor")
    assert ("嵇明川", "澄岭智能") not in rels(x, "worksFor")


def test_relations_careers_a_founder_before_a_semicolon_founds_nothing_after(extract_text) -> None:  # noqa: ANN001
    x = extract_text("钟书言早年在阿里云任职，2020年加入澄岭云担任副总裁；2023年澄岭云将模型业务分拆，"
                     "成立北京澄岭智能科技有限公司。")
    assert ("钟书言", "北京澄岭智能科技有限公司") not in rels(x, "worksFor")


def test_relations_careers_listed_guests_each_at_their_own_organisation(extract_text) -> None:  # noqa: ANN001
    x = extract_text("圆桌请来三位嘉宾：汀岚智能创始人兼CEO钟一舟、澄岭云副总裁覃书言、青崖资本合伙人岑若溪。")
    assert rels(x, "worksFor") == {("钟一舟", "汀岚智能"), ("覃书言", "澄岭云"), ("岑若溪", "青崖资本")}


def test_relations_careers_title_then_a_copula_then_the_person(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澄岭智能的首席科学家为蒯立川，他曾在汀岚科技参与语音模型的研发。")
    assert ("蒯立川", "澄岭智能") in rels(x, "worksFor")
    assert ("蒯立川", "汀岚科技") in rels(x, "formerlyWorkedFor")


def test_relations_careers_stepping_down_then_taking_a_title_elsewhere(extract_text) -> None:  # noqa: ANN001
    x = extract_text("人事方面，澄岭集团原CTO钟一舟卸任集团职务，出任汀岚科技CEO。")
    assert ("钟一舟", "汀岚科技") in rels(x, "worksFor")
    assert ("钟一舟", "澄岭集团") in rels(x, "formerlyWorkedFor")


def test_relations_careers_heading_a_line_of_business_at_a_past_employer(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岚声科技总经理顾子岚此前在星河科技华东分公司分管政企业务。")
    assert ("顾子岚", "星河科技") in rels(x, "formerlyWorkedFor")
    assert ("顾子岚", "岚声科技") in rels(x, "worksFor")


def test_relations_careers_a_clause_run_into_a_name_is_no_employer(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岚声科技完成融资。几个月后拉上前星河科技研究总监戴默一起创业。"
                     "澄湖集团公告，董事长顾远舟辞职，总经理宁书远接任。")
    employers = {o for kind in ("worksFor", "formerlyWorkedFor") for _, o in rels(x, kind)}
    assert not any("拉上" in o or "辞职" in o or o.startswith("月后") for o in employers)


def test_relations_careers_an_organisation_in_a_quote_is_not_the_employer(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岚声科技发布了三季度财报。对于“会不会被星河科技拖入价格战”的提问，首席技术官戴知远回应称，降价靠的是效率。")
    assert ("戴知远", "岚声科技") in rels(x, "worksFor")
    assert ("戴知远", "星河科技") not in rels(x, "worksFor")


def test_relations_careers_a_title_taken_after_and_and_already(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岚声科技创始人郑知远将留任公司CEO，并已出任澄湖集团副总裁，分管AI业务。")
    assert {("郑知远", "岚声科技"), ("郑知远", "澄湖集团")} <= rels(x, "worksFor")


def test_relations_careers_an_engineer_with_a_field_and_a_few_years_back(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澄江云的推理优化工程师欧阳知远被台下问到涨价的事，也没回避。他前几年在星河科技做推理框架，今年才跳过去。")
    assert ("欧阳知远", "澄江云") in rels(x, "worksFor")
    assert ("欧阳知远", "星河科技") in rels(x, "formerlyWorkedFor")


def test_relations_careers_person_listed_after_a_titled_one_shares_the_organisation(extract_text) -> None:  # noqa: ANN001
    x = extract_text("出席发布会的有澜汐云总裁鲍明远、首席财务官苏晓清、首席技术官阙立言。")
    works = rels(x, "worksFor")
    assert {("苏晓清", "澜汐云"), ("阙立言", "澜汐云")} <= {(p, o.removeprefix("有")) for p, o in works}
    # each with an organisation of their own keeps it
    x = extract_text("峰图智能CEO鲍明远、澜汐云CTO苏晓清出席了活动。")
    assert {("鲍明远", "峰图智能"), ("苏晓清", "澜汐云")} == rels(x, "worksFor")


def test_relations_careers_titles_after_a_colon_and_semicolons_are_at_the_company(extract_text) -> None:  # noqa: ANN001
    x = extract_text("峰图智能的创始团队都出自大厂：创始人兼CEO冼明远此前在字节跳动工作六年；"
                     "联合创始人兼CTO欧阳清早年在谷歌研究院从事研究。")
    assert {("冼明远", "峰图智能"), ("欧阳清", "峰图智能")} <= rels(x, "worksFor")
    # not when the first name is someone's employer by the title after it: that clause is about another company
    x = extract_text("峰图智算总经理陈明吟则来自华硕；产品副总蔡明恩先前任职于百度。")
    assert ("蔡明恩", "峰图智算") not in rels(x, "worksFor")


def test_relations_careers_a_leave_to_come_keeps_the_title(extract_text) -> None:  # noqa: ANN001
    x = extract_text("峰图集团今日宣布重组。峰图集团行政总裁麦明欣将于年底退休并卸任。")
    assert ("麦明欣", "峰图集团") in rels(x, "worksFor")
    x = extract_text("峰图集团今日宣布重组。峰图集团行政总裁麦明欣已于上月退休。")
    assert ("麦明欣", "峰图集团") in rels(x, "formerlyWorkedFor")


def test_relations_careers_successor_told_by_a_title_of_their_own(extract_text) -> None:  # noqa: ANN001
    x = extract_text("峰图集团行政总裁麦明欣将于年底卸任，由现任财务总裁司徒明谦接替。")
    assert ("司徒明谦", "峰图集团") in rels(x, "worksFor")


def test_relations_careers_cofounders_joined_by_yu_and_yiqi(extract_text) -> None:  # noqa: ANN001
    x = extract_text("峰图智能发布了新模型。岑明树与钟清远一起创办了峰图智能。")
    assert {("岑明树", "峰图智能"), ("钟清远", "峰图智能")} <= rels(x, "worksFor")


def test_relations_careers_person_is_the_organisation_s_title(extract_text) -> None:  # noqa: ANN001
    x = extract_text("鲜于子墨是澜汐智能的联合创始人，创业前在百度工作了五年。")
    assert ("鲜于子墨", "澜汐智能") in rels(x, "worksFor")
    assert ("鲜于子墨", "百度") in rels(x, "formerlyWorkedFor")


def test_relations_careers_title_taken_in_the_next_clause_after_stepping_down(extract_text) -> None:  # noqa: ANN001
    x = extract_text("澜汐智能发布了新模型。峰图集团副总裁宓明禾卸任副总裁职务，转而出任澜汐智能董事长。")
    assert ("宓明禾", "澜汐智能") in rels(x, "worksFor")
    assert ("宓明禾", "峰图集团") in rels(x, "formerlyWorkedFor")


def test_relations_careers_second_title_taken_after_a_title_kept_elsewhere(extract_text) -> None:  # noqa: ANN001
    x = extract_text("峰图智能宣布收购澜汐科技。澜汐科技创始人佴明峰留任澜汐科技总经理，同时出任峰图智能副总裁。")
    assert {("佴明峰", "澜汐科技"), ("佴明峰", "峰图智能")} <= rels(x, "worksFor")
    # a clause of someone else's before the second organisation: no title of the person's there
    x = extract_text("峰图智能CEO佴明峰表示，澜汐科技总经理已离职，同时出任峰图智能副总裁的是另一位高管。")
    assert rels(x, "worksFor") == {("佴明峰", "峰图智能")}


def test_relations_careers_team_told_sentence_by_sentence_is_at_one_company(extract_text) -> None:  # noqa: ANN001
    x = extract_text("峰图智能发布了新模型。创始人兼CEO闫明姝在字节跳动工作了五年，2023年离职。"
                     "联合创始人兼CTO亓官明来自商汤科技。另一位联合创始人戴明岚分管商业化。")
    assert {("闫明姝", "峰图智能"), ("亓官明", "峰图智能"), ("戴明岚", "峰图智能")} <= rels(x, "worksFor")
    assert not {("亓官明", "字节跳动"), ("戴明岚", "字节跳动")} & rels(x, "worksFor")


def test_relations_careers_team_told_clause_by_clause_is_at_one_company(extract_text) -> None:  # noqa: ANN001
    x = extract_text("峰图智能发布了新模型。公司三位创始人均出自大厂：创始人兼CEO冼明然此前在字节跳动工作六年；"
                     "联合创始人兼CTO欧阳明早年在谷歌研究院从事研究，2019年加入百度；另一位联合创始人、COO蔺明曾任美团高级总监。")
    assert {("冼明然", "峰图智能"), ("欧阳明", "峰图智能"), ("蔺明", "峰图智能")} <= rels(x, "worksFor")
    assert ("欧阳明", "百度") in rels(x, "formerlyWorkedFor")
    assert not {o for _, o in rels(x, "worksFor")} & {"字节跳动", "百度", "美团"}


def test_relations_careers_earlier_role_told_after_a_comma_and_a_pronoun(extract_text) -> None:  # noqa: ANN001
    x = extract_text("峰图智能CTO童一舟在腾讯工作近六年；更早之前，他是华为诺亚方舟实验室的研究员。")
    assert ("童一舟", "华为诺亚方舟实验室") in rels(x, "formerlyWorkedFor")
    assert ("童一舟", "峰图智能") in rels(x, "worksFor")


def test_relations_careers_title_after_a_founding_told_the_sentence_before(extract_text) -> None:  # noqa: ANN001
    x = extract_text("峰图科技发布了新模型。麦明霖曾任香港中文大学助理教授，其后加入商汤科技，2023年离开商汤后创办澜汐科技。"
                     "联合创办人兼营运总监岑明芝则曾在汇丰任职八年。")
    assert ("岑明芝", "澜汐科技") in rels(x, "worksFor")
    assert ("岑明芝", "香港中文大学") not in rels(x, "worksFor")
    # 离开商汤: the short name of the company joined before, so that join is over
    assert ("麦明霖", "商汤科技") in rels(x, "formerlyWorkedFor")
    assert ("麦明霖", "商汤科技") not in rels(x, "worksFor")


def test_relations_careers_joined_from_an_organisation_with_you(extract_text) -> None:  # noqa: ANN001
    # 由腾讯加盟…: 由 tells where the person came from, like 从
    x = extract_text("峰图智能CTO谭明轩于2023年由腾讯加盟峰图智能。")
    assert ("谭明轩", "腾讯") in rels(x, "formerlyWorkedFor")
    assert ("谭明轩", "峰图智能") in rels(x, "worksFor")
    # 由 before an investor and no verb of joining: no career
    x = extract_text("峰图智能CTO谭明轩表示，本轮融资由腾讯领投。")
    assert ("谭明轩", "腾讯") not in rels(x, "formerlyWorkedFor")


def test_relations_careers_a_post_held_until_a_later_leaving_is_over(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岚舟科技CEO钟明远表示看好语音。三年后，岚舟科技被峰图集团收购，钟明远随之出任峰图集团首席技术官，"
                     "直至2021年底卸任。")
    assert ("钟明远", "峰图集团") in rels(x, "formerlyWorkedFor")
    assert ("钟明远", "峰图集团") not in rels(x, "worksFor")
    x = extract_text("钟明远2016年加入峰图集团任首席技术官，直到2021年初离任。")
    assert ("钟明远", "峰图集团") in rels(x, "formerlyWorkedFor")
    # a post held up to now is not over
    x = extract_text("钟明远现任峰图集团首席技术官，直至今年仍负责研发。")
    assert ("钟明远", "峰图集团") in rels(x, "worksFor")
    assert ("钟明远", "峰图集团") not in rels(x, "formerlyWorkedFor")


def test_relations_careers_the_writer_an_authors_note_describes(extract_text) -> None:  # noqa: ANN001
    x = extract_text("*作者顾明川为澄观研究院首席研究员，此前在华泰证券从事计算机行业研究。*\n\n"
                     "据澄观研究院统计，均价下降了九成。")
    assert ("顾明川", "澄观研究院") in rels(x, "worksFor")
    assert ("顾明川", "华泰证券") in rels(x, "formerlyWorkedFor")


def test_relations_careers_a_title_after_an_owner_of_the_company_is_at_the_company(extract_text) -> None:  # noqa: ANN001
    # 腾讯仍是其第一大股东: 腾讯 owns the company 其 stands for; the title after it is at that company
    x = extract_text("峰图科技成立于2023年，前身是腾讯内部的一个项目组。腾讯目前仍是其第一大股东，持股约28%。"
                     "创始人兼CEO钟明远曾任腾讯的AI技术负责人。")
    assert ("钟明远", "峰图科技") in rels(x, "worksFor")
    assert ("钟明远", "腾讯") in rels(x, "formerlyWorkedFor")
    assert ("钟明远", "腾讯") not in rels(x, "worksFor")


def test_relations_careers_a_title_held_before_founding_is_former(extract_text) -> None:  # noqa: ANN001
    for said in ("创业前是", "创业之前是"):
        x = extract_text(f"峰图科技创始人钟明远发布了新模型。钟明远{said}腾讯的研究总监。")
        assert ("钟明远", "腾讯") in rels(x, "formerlyWorkedFor")
        assert ("钟明远", "腾讯") not in rels(x, "worksFor")


def test_relations_careers_a_companys_legal_representative_is_one_of_its_officers(extract_text) -> None:  # noqa: ANN001
    x = extract_text("峰图科技董事长钟明远表示看好语音。峰图云的执行董事兼法定代表人为顾明川，他此前是腾讯云的架构总监。")
    assert ("顾明川", "峰图云") in rels(x, "worksFor")
    assert ("顾明川", "腾讯云") in rels(x, "formerlyWorkedFor")
    assert ("钟明远", "腾讯云") not in rels(x, "formerlyWorkedFor")
    # the title ends what stands before an organisation's name: 法定代表人为峰图科技 is no name
    x = extract_text("峰图云注册资本1亿元，由峰图科技全资持股。法定代表人为峰图科技副总裁顾明川。")
    assert rels(x, "worksFor") == {("顾明川", "峰图科技")}


def test_relations_careers_the_verb_taking_a_title_is_not_in_the_role(extract_text) -> None:  # noqa: ANN001
    x = extract_text("岑川智能CTO梁书远此前曾在澜屿科技担任首席架构师，后加入岑川智能。")
    roles = {r.role for r in x.relations if r.kind == "formerlyWorkedFor" and r.object.text == "澜屿科技"}
    assert "原首席架构师" in roles
    assert not any("担任" in (role or "") for role in roles)
