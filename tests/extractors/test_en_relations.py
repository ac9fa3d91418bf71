"""English relations (kg/extractors/en/relations*.py) on small English sentences written for these tests,
with catalogue names (OpenAI, Baidu, Robin Li, GPT-4o …) so that the mentions do not depend on the
entity patterns."""

from __future__ import annotations

import dataclasses

from kg.pipeline import process
from kg.records import Extraction
from tests.conftest import make_article


def run(text: str) -> Extraction:
    return process(dataclasses.replace(make_article(text), lang="en"))


def facts(text: str, kind: str) -> set[tuple[str, str]]:
    return {(r.subject.text, r.object.text) for r in run(text).relations if r.kind == kind}


def roles(text: str) -> set[tuple[str, str, str, str | None]]:
    return {(r.kind, r.subject.text, r.object.text, r.role) for r in run(text).relations
            if r.kind in ("worksFor", "formerlyWorkedFor")}


# ------------------------------------------------------------------ released

def test_relations_released_possessive() -> None:
    assert ("Anthropic", "GPT-4o") not in facts("Anthropic's Claude is slower than GPT-4o, testers found.", "released")
    assert ("Anthropic", "Claude") in facts("Anthropic's Claude is slower than GPT-4o, testers found.", "released")


def test_relations_released_catalogue_maker_named_elsewhere() -> None:
    text = "Moonshot AI raised money in May. Users of Kimi doubled, the report said."
    assert facts(text, "released") == {("Moonshot AI", "Kimi")}


def test_relations_released_catalogue_maker_needs_the_maker_in_the_article() -> None:
    assert facts("Kimi is popular with students, a survey found.", "released") == set()


def test_relations_released_comparison_is_no_release() -> None:
    text = "Baidu said its chatbot outperforms GPT-4o on Chinese tests."
    assert ("Baidu", "GPT-4o") not in facts(text, "released")


def test_relations_released_by_maker_after_the_model() -> None:
    text = "Sora, developed by OpenAI and Nvidia, impressed film makers."
    assert facts(text, "released") >= {("OpenAI", "Sora"), ("Nvidia", "Sora")}


def test_relations_released_verb_and_coordinated_models() -> None:
    text = "OpenAI on Monday rolled out GPT-4o and GPT-4o mini to all users."
    assert facts(text, "released") == {("OpenAI", "GPT-4o"), ("OpenAI", "GPT-4o mini")}


# ------------------------------------------------------------------ subsidiaryOf

def test_relations_subsidiary_possessive_and_owned() -> None:
    assert facts("Google's DeepMind hired more staff.", "subsidiaryOf") == {("DeepMind", "Google")}
    assert facts("ByteDance-owned Volcano Engine cut prices.", "subsidiaryOf") == {("Volcano Engine", "ByteDance")}


def test_relations_subsidiary_unit_of_and_acquired() -> None:
    assert facts("Volcano Engine, the cloud unit of ByteDance, grew fast.", "subsidiaryOf") == \
        {("Volcano Engine", "ByteDance")}
    assert facts("Alibaba acquired Moonshot AI last year.", "subsidiaryOf") == {("Moonshot AI", "Alibaba")}


def test_relations_subsidiary_investment_is_no_ownership() -> None:
    for text in ("Microsoft-backed OpenAI cut prices.", "Amazon invested in Anthropic in 2023.",
                 "Google holds a stake in Anthropic.", "Alibaba led the round in Moonshot AI.",
                 "Microsoft, OpenAI's biggest investor, said little.", "Amazon's Anthropic stake grew."):
        assert facts(text, "subsidiaryOf") == set(), text


def test_relations_subsidiary_majority_stake() -> None:
    assert facts("Alibaba holds a 60% stake in Moonshot AI.", "subsidiaryOf") == {("Moonshot AI", "Alibaba")}
    assert facts("Alibaba holds a 36% stake in Moonshot AI.", "subsidiaryOf") == set()


# ------------------------------------------------------------------ worksFor, formerlyWorkedFor

def test_relations_roles_title_before_name() -> None:
    assert ("worksFor", "Robin Li", "Baidu", "CEO") in roles("Baidu CEO Robin Li spoke on Monday.")
    assert ("worksFor", "Robin Li", "Baidu", "chief executive") in \
        roles("Baidu's chief executive, Robin Li, spoke on Monday.")


def test_relations_roles_apposition_after_name() -> None:
    assert ("worksFor", "Robin Li", "Baidu", "chief executive") in \
        roles("Robin Li, chief executive of Baidu, said demand was strong.")
    assert ("worksFor", "Liang Wenfeng", "DeepSeek", "co-founder") in \
        roles("Liang Wenfeng, co-founder of DeepSeek, rarely speaks.")


def test_relations_roles_former_title() -> None:
    found = roles("Former OpenAI CTO Yang Zhilin gave a talk. Sam Altman, a former Google engineer, listened.")
    assert ("formerlyWorkedFor", "Yang Zhilin", "OpenAI", "CTO") in found
    assert ("formerlyWorkedFor", "Sam Altman", "Google", "engineer") in found


def test_relations_roles_joined_as_and_left() -> None:
    found = roles("Yangqing Jia left Alibaba in 2023 and joined Nvidia as a vice president.")
    assert ("formerlyWorkedFor", "Yangqing Jia", "Alibaba", None) in found
    assert ("worksFor", "Yangqing Jia", "Nvidia", "vice president") in found


def test_relations_roles_who_previously_and_spent_years() -> None:
    found = roles("Kai-Fu Lee, who spent four years at Google, now runs Sinovation Ventures.")
    assert ("formerlyWorkedFor", "Kai-Fu Lee", "Google", None) in found
    assert ("worksFor", "Kai-Fu Lee", "Sinovation Ventures", None) in found


def test_relations_roles_before_joining() -> None:
    found = roles("Before joining Moonshot AI, Yang Zhilin was a researcher at Google.")
    assert ("worksFor", "Yang Zhilin", "Moonshot AI", None) in found
    assert ("formerlyWorkedFor", "Yang Zhilin", "Google", "researcher") in found


def test_relations_roles_founded_by() -> None:
    assert ("worksFor", "Liang Wenfeng", "DeepSeek", "founder") in \
        roles("DeepSeek, founded by Liang Wenfeng in 2023, surprised investors.")


def test_relations_roles_implicit_employer() -> None:
    text = "Baidu reported results on Tuesday. Chief executive Robin Li said the cloud grew."
    assert ("worksFor", "Robin Li", "Baidu", "Chief executive") in roles(text)


def test_relations_roles_outside_title_takes_no_topic() -> None:
    assert roles("Baidu reported results. Analyst Sam Altman was unimpressed.") == set()


def test_relations_roles_analyst_at() -> None:
    assert ("worksFor", "Sam Altman", "Kearney", "analyst") in \
        roles("Sam Altman, an analyst at Kearney, was unimpressed by Baidu.")
