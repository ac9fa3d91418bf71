"""Names the text ties to an organisation or model in brackets (kg/entities/aliases.py), and organisation
names the finder reads from the verb or noun before them, on sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.entities.finder import EntityFinder
from kg.resolve import resolve


@pytest.fixture(scope="module")
def finder() -> EntityFinder:
    return EntityFinder()


def names(finder: EntityFinder, text: str) -> set[tuple[str, str]]:
    return {(m.type, text[m.start:m.end]) for m in finder.find(text).mentions}


def keys(extract_text, text: str) -> dict[str, str]:  # noqa: ANN001
    r = resolve(extract_text(text))
    return {m.text: r.key(m) for m in r.extraction.mentions}


def test_entities_aliases_short_name_in_brackets_is_one_entity_with_the_full_name(extract_text) -> None:  # noqa: ANN001
    text = "公司把团队注入新设立的苍梧明枢智能科技有限公司（下称“苍梧明枢”）。苍梧明枢将独立融资。"
    k = keys(extract_text, text)
    assert k["苍梧明枢智能科技有限公司"] == k["苍梧明枢"]
    assert sum(1 for m in extract_text(text).mentions if m.text == "苍梧明枢") == 2     # counted where it recurs


def test_entities_aliases_full_name_in_brackets_after_the_short_one(extract_text) -> None:  # noqa: ANN001
    k = keys(extract_text, "据悉，栎川（全称“栎川数智科技有限公司”）今天宣布降价。")
    assert k["栎川"] == k["栎川数智科技有限公司"]
    # the words before the short name are not part of it: only what the full name starts with
    assert "据悉，栎川" not in k and "悉，栎川" not in k


def test_entities_aliases_traditional_corner_quotes_and_models(finder: EntityFinder, extract_text) -> None:  # noqa: ANN001
    k = keys(extract_text, "槿岚科技有限公司（下稱「槿岚」）今日發表新模型。")
    assert k["槿岚科技有限公司"] == k["槿岚"]
    assert ("Model", "霁川") in names(finder, "霁川-3（下称“霁川”）今天上线，霁川的价格不变。")


def test_entities_aliases_a_bracket_without_an_intro_word_gives_no_alias(finder: EntityFinder) -> None:
    found = names(finder, "栎川数智科技有限公司（杭州）今天宣布降价。")
    assert not any(name == "杭州" for _, name in found)


def test_entities_aliases_org_after_a_verb_of_founding_or_buying_and_de(finder: EntityFinder) -> None:
    assert ("Organization", "苇石智能") in names(finder, "他创办的苇石智能已经是赛道上的头部公司。")
    assert ("Organization", "苍梧明枢智能科技有限公司") in names(finder, "注入新设立的苍梧明枢智能科技有限公司，负责研发。")
    # 的 alone is no such cue: a possessive before a common word ending in a suffix names nothing
    assert names(finder, "他们的人工智能已经用在客服上。") == set()


def test_entities_aliases_org_after_a_company_noun(finder: EntityFinder) -> None:
    assert ("Organization", "泓屿集团") in names(finder, "柘衡科技是港股上市公司泓屿集团旗下的AI公司。")
    found = names(finder, "泓屿集团旗下全资附属公司泓屿云算（深圳）有限公司推出新模型。")
    assert ("Organization", "泓屿云算（深圳）有限公司") in found
    assert ("Organization", "全资附属公司") not in found          # a kind of company, not a name


def test_entities_aliases_weak_suffix_before_a_stake_or_a_post(finder: EntityFinder) -> None:
    assert ("Organization", "芷曜智能") in names(finder, "公司以现金3亿元收购芷曜智能51%股权。")
    assert ("Organization", "芷曜智能") in names(finder, "陶某加入创业公司芷曜智能任CTO。")
    # a common word before the weak suffix stays no name, whatever follows
    assert names(finder, "人工智能51%的预算都花在算力上。") == set()


def test_entities_aliases_model_after_its_makers_brand_is_kept_whole(finder: EntityFinder, extract_text) -> None:  # noqa: ANN001
    text = "栎桥智能目前对外提供三款模型。栎桥Chat-Pro的输入价格为4元/百万tokens，栎桥Coder-32B免费。"
    found = names(finder, text)
    assert {("Model", "栎桥Chat-Pro"), ("Model", "栎桥Coder-32B")} <= found
    assert ("Model", "Chat-Pro") not in found
    released = {(r.subject.text, r.object.text) for r in extract_text(text).relations if r.kind == "released"}
    assert ("栎桥智能", "栎桥Chat-Pro") in released
    # the maker's whole name, or a catalogue organisation, beside a model is no brand of it
    found = names(finder, "百度ERNIE-4降价。栎桥智能目前提供模型。栎桥智能Astra-2也降价。")
    assert {("Model", "ERNIE-4"), ("Model", "Astra-2")} <= found
