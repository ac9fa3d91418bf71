"""Cheap checks that skip a sentence a rule cannot match in, so its patterns never scan it.

A rule whose pattern needs one of a few literal words (由, 一职) cannot match a sentence without one; a rule
that reads a person or an organisation of the sentence finds nothing in a sentence that names none. The
check is a scan for a few literal words (a pattern with a set of first characters, which skims the text) or
a look at the sentence's mentions, far cheaper than a pattern that opens with a long alternation of titles
or a lookbehind and is tried at every character. A gate says no only where the rule would find nothing, so
what the rules find is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache, wraps
from typing import TypeVar

from .base import Sentence

C = TypeVar("C")
E = TypeVar("E")


@lru_cache(maxsize=256)
def words_re(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds any of ``words`` (only whether one is there: the order does not matter)."""
    return re.compile("|".join(re.escape(w) for w in words))


def gated(rule: Callable[[C, Sentence], list[E]], words: tuple[str, ...] = (), kinds: tuple[str, ...] = ()
          ) -> Callable[[C, Sentence], list[E]]:
    """``rule``, run only on a sentence that holds one of ``words`` (if given) and names each of ``kinds``;
    on any other sentence it finds nothing, and so does the gate."""
    needs = words_re(words) if words else None
    types = frozenset(kinds)

    @wraps(rule)
    def run(c: C, sent: Sentence) -> list[E]:
        # (the mentions first: a set comparison costs less than a scan)
        if not types <= sent.types or (needs is not None and needs.search(sent.text) is None):
            return []
        return rule(c, sent)

    return run


def finditer_if(pattern: re.Pattern[str], text: str, start: int, end: int,
                needs: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, start, end)``, skipped when [start, end) holds no match of ``needs`` (a word
    every match of ``pattern`` holds, see ``words_re``)."""
    if needs.search(text, start, end) is None:
        return iter(())
    return pattern.finditer(text, start, end)
