"""Cheap checks that skip a sentence a rule cannot match in, so its patterns never scan it.

A rule whose pattern needs one of a few literal words (由, 一职) cannot match a sentence without one; a rule
that reads a person or an organisation of the sentence finds nothing in a sentence that names none. The
check is a substring test or a look at the sentence's mentions, far cheaper than a pattern that opens with a
long alternation of titles and is tried at every character. A gate says no only where the rule would find
nothing, so what the rules find is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import wraps
from typing import TypeVar

from .base import Sentence

C = TypeVar("C")
E = TypeVar("E")


def has_any(text: str, words: tuple[str, ...]) -> bool:
    """Does ``text`` hold one of ``words``?"""
    return any(w in text for w in words)


def names(sent: Sentence, *kinds: str) -> bool:
    """Does the sentence name a mention of each of ``kinds`` (Person, Organization, Model)?"""
    types = {m.type for m in sent.mentions}
    return all(k in types for k in kinds)


def gated(rule: Callable[[C, Sentence], list[E]], words: tuple[str, ...] = (), kinds: tuple[str, ...] = ()
          ) -> Callable[[C, Sentence], list[E]]:
    """``rule``, run only on a sentence that holds one of ``words`` (if given) and names each of ``kinds``;
    on any other sentence it finds nothing, and so does the gate."""

    @wraps(rule)
    def run(c: C, sent: Sentence) -> list[E]:
        if (words and not has_any(sent.text, words)) or (kinds and not names(sent, *kinds)):
            return []
        return rule(c, sent)

    return run


def finditer_if(pattern: re.Pattern[str], text: str, start: int, end: int,
                needs: tuple[str, ...] | re.Pattern[str]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, start, end)``, skipped when [start, end) holds none of the words ``needs`` (or no
    match of the pattern ``needs``) that every match of ``pattern`` holds. A pattern opening with a lookbehind
    (a clause start) is tried at every character; a word test or a pattern with a literal first character
    skims the span."""
    if isinstance(needs, tuple):
        span = text[start:end]
        if not any(w in span for w in needs):
            return iter(())
    elif needs.search(text, start, end) is None:
        return iter(())
    return pattern.finditer(text, start, end)
