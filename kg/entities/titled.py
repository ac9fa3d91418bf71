"""The people named after a job title (联合创始人周若溪, 董事长兼CEO李明): the pattern both the person and the
organisation sources read (the organisation before the title chain, those inside it)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang.zh import lexicon, title_chain_pattern, title_starts
from ..text.patterns import alternation
from ..text.places import finditer_at
from .rules import entity_rules
from .words import HAN


@lru_cache(maxsize=1)
def surname_pattern() -> str:
    lx = lexicon()
    return f"(?:{alternation(lx.compound_surnames)}|[{lx.surnames}])"


@lru_cache(maxsize=1)
def person_after_title() -> re.Pattern[str]:
    """A title chain and the Chinese name after it: 联合创始人周若溪, 董事长兼CEO李明."""
    tail = alternation(entity_rules().title_group_tail)      # 技术负责人之一詹某
    return re.compile(f"(?P<title>{title_chain_pattern()})(?:{tail})?\\s?(?P<name>{surname_pattern()}[{HAN}]{{1,2}})")


def titled_persons(text: str, starts: list[int] | None = None) -> list[re.Match[str]]:
    """The matches of ``person_after_title``, tried only where a title starts (``starts``, if found already)."""
    return list(finditer_at(person_after_title(), text, title_starts(text) if starts is None else starts))
