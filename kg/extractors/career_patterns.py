"""The patterns of the career rules (``relations_careers``) that are built from the title lexicon: compiled once,
on first use (the lexicon's titles make them long)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang.zh import title_chain_pattern, title_pattern
from .relations import COMMA, OF, R, any_of


@lru_cache(maxsize=1)
def post_by() -> re.Pattern[str]:
    return re.compile("(?P<role>" + title_chain_pattern() + ")" + any_of(R.post_words) + f"?[{COMMA}]?\\s*"
                      + any_of(R.agent_adverbs) + "?" + any_of(R.by))


@lru_cache(maxsize=1)
def agent_verb() -> re.Pattern[str]:
    return re.compile(r"[^，,。；;]{0,2}?" + any_of(R.successor_verbs + R.appoint_as[1:]))


@lru_cache(maxsize=1)
def post_word() -> re.Pattern[str]:
    return re.compile("(?P<role>" + title_chain_pattern() + ")?" + any_of(R.post_words))


@lru_cache(maxsize=1)
def successor_by() -> re.Pattern[str]:
    return re.compile(any_of(R.successor_by) + any_of(R.successor_now) + "?(?P<role>" + title_chain_pattern() + r")\s?")


@lru_cache(maxsize=1)
def successor_verb() -> re.Pattern[str]:
    return re.compile(any_of(R.successor_verbs))


@lru_cache(maxsize=1)
def qualified_title() -> re.Pattern[str]:
    # the verb that takes the title (在X担任首席架构师) is not part of the role
    return re.compile(OF + "?(?:" + any_of(R.take_verbs) + ")?(" + r"[^，,。；;：:“”\s]{0,10}?"
                      + title_pattern() + ")")


@lru_cache(maxsize=1)
def title_first() -> re.Pattern[str]:
    return re.compile(title_chain_pattern())


@lru_cache(maxsize=1)
def apposed_title() -> re.Pattern[str]:
    return re.compile(OF + "?(?P<mark>" + any_of(R.apposition_marks) + ")?(?P<role>" + title_chain_pattern()
                      + ")(?=[，,。；;])")


@lru_cache(maxsize=1)
def company_title() -> re.Pattern[str]:
    return re.compile(any_of(R.company_verbs) + any_of(R.perfective) + "?" + any_of(R.company)
                      + "(?P<role>" + title_chain_pattern() + ")")


@lru_cache(maxsize=1)
def appoint_before() -> re.Pattern[str]:
    return re.compile(any_of(R.appoint_verbs) + "$")


@lru_cache(maxsize=1)
def appoint_title() -> re.Pattern[str]:
    return re.compile(any_of(R.appoint_as) + "(?P<role>" + title_chain_pattern() + ")")


@lru_cache(maxsize=1)
def took_title() -> re.Pattern[str]:
    back = "(?P<back>" + any_of(R.return_verbs) + f"[{COMMA}])?"
    unit = r"(?:[^，,。；;]{0,6}?" + any_of(R.unit_words) + ")?"     # 大模型事业部总裁: the unit it heads
    return re.compile(back + any_of(R.took_adverbs) + "?" + any_of(R.took_verbs) + "(?P<role>" + unit
                      + title_chain_pattern() + ")")


@lru_cache(maxsize=1)
def kept_title() -> re.Pattern[str]:
    qualifier = r"[^，,。；;]{0,6}?"        # 公司首席执行官, 董事会特别顾问: whose title it is
    return re.compile(r"[^，,。；;]{0,4}?" + any_of(R.kept_left_verbs) + qualifier + title_chain_pattern() + any_of(R.post_words) + "?"
                      + any_of(R.kept_after) + f"?[{COMMA}]\\s*" + any_of(R.kept_adverbs) + "?" + any_of(R.kept_verbs)
                      + "(?P<role>" + qualifier + title_chain_pattern() + ")")
