"""worksFor and formerlyWorkedFor told as careers, on sentences written for the tests."""

from __future__ import annotations

from dataclasses import replace

from kg.pipeline import process
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
