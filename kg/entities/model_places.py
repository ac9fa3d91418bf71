"""The new Chinese families with a hyphenated variant (天穹-lite, 岩思4-Pro, ``ModelPatterns.han_variants``):
where they can start, found without trying the pattern at every place of the text (what it finds is its
own: ``kg.text.places.finditer_at``), and the shortest form of each family."""

from __future__ import annotations

import re

HYPHEN_RUN = re.compile(r"[\d.]*-")
FAMILY_LENGTHS = (2, 6)         # of the family's Chinese name before its version and hyphen


def hyphen_places(text: str) -> list[int]:
    """Where a new family with a hyphenated variant (天穹-lite, 岩思4-Pro) can start: two to six characters
    before a hyphen or the digits before it
    (``FAMILY_LENGTHS``). Its pattern, tried at every place, costs more."""
    places: set[int] = set()
    for m in HYPHEN_RUN.finditer(text):
        places.update(range(max(0, m.start() - FAMILY_LENGTHS[1]), m.end() - 1 - FAMILY_LENGTHS[0] + 1))
    return sorted(places)


def shortest_families(found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Each family cut to the shortest form the article uses for it: beside 星海-2 elsewhere, 旗舰星海-1-Pro
    and 折后星海-2-Max (a word of the sentence glued to the name) are 星海-1-Pro and 星海-2-Max."""
    families = {family for family, _, _ in found}
    out = []
    for family, stem, end in found:
        shorter = [f for f in families if len(f) >= 2 and f != family and family.endswith(f)]
        out.append((min(shorter, key=len) if shorter else family, stem, end))
    return out


def told_as_model(text: str, start: int, end: int, heads: tuple[str, ...]) -> bool:
    """推理模型青垣-R, 青垣-R大模型: a model head right before or after the name says it is one (what a variant of a
    single letter needs, which alone could be anything: 沪深-A股)."""
    return text[:start].endswith(heads) or text[end:].startswith(heads)
