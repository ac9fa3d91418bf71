"""Where the model patterns' matches can start, found without trying the patterns at every place of the
text (what they find is theirs: ``kg.text.patterns.finditer_at``); the shortest form of the new Chinese
families with a hyphenated variant."""

from __future__ import annotations

import re
from collections.abc import Iterable

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


class StartPlaces:
    """The text's start, the places of a character (an opening quote) and those after a character of a
    class or after a word: where a family's introduction (“云岫”是…, 墨衡系列的…, 代码模型栖川Coder, 推出了潮岫3.5（…）)
    can start. Its six branches, tried at every place, cost more than finding these."""

    def __init__(self, at: str, after_chars: str, after_words: Iterable[str]) -> None:
        self.at, self.after, self.words = at, re.compile(f"[{after_chars}]"), tuple(set(after_words))

    def __call__(self, text: str) -> list[int]:
        places = {0}
        places.update(m.end() for m in self.after.finditer(text))
        places.update(m.start() for m in re.finditer(re.escape(self.at), text))
        for w in self.words:
            at = text.find(w)
            while at >= 0:
                places.add(at + len(w))
                at = text.find(w, at + 1)
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
