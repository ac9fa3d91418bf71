"""Dates written in a sentence: 2024年5月21日 / 5月21日, January 31, 2025 / Jan. 31 / 31 January."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from functools import cache

ZH_DATE = re.compile(r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?")


@cache
def en_date() -> re.Pattern[str]:
    from ..lang.en import lexicon

    month = "|".join(sorted(lexicon().months, key=len, reverse=True))
    return re.compile(rf"\b(?:(?P<m1>{month})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{{4}}))?"
                      rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{month})\.?(?:,?\s+(?P<y2>\d{{4}}))?\b"
                      rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})\b)", re.I)


def _zh(text: str) -> Iterator[tuple[int | None, int, int]]:
    for m in ZH_DATE.finditer(text):
        if m.group("d"):
            yield (int(m.group("y")) if m.group("y") else None), int(m.group("m")), int(m.group("d"))


def _en(text: str) -> Iterator[tuple[int | None, int, int]]:
    from ..lang.en import lexicon

    months = lexicon().months
    for m in en_date().finditer(text):
        if m["y3"]:
            yield int(m["y3"]), int(m["m3"]), int(m["d3"])
            continue
        name, day, year = (m["m1"], m["d1"], m["y1"]) if m["m1"] else (m["m2"], m["d2"], m["y2"])
        yield (int(year) if year else None), months[name.lower()], int(day)


Reader = Callable[[str], Iterator[tuple[int | None, int, int]]]
# each language's reader, and a character every date it reads contains (None: no such cue), so
# the many sentences without one skip the reader
READERS: dict[str, tuple[str | None, Reader]] = {"zh": ("月", _zh), "en": (None, _en)}


def date_in(text: str, lang: str, default_year: int | None) -> dt.date | None:
    """The first calendar date in ``text``; one without a year takes ``default_year`` (the article's)."""
    cue, reader = READERS[lang]
    if cue is not None and cue not in text:
        return None
    for year, month, day in reader(text):
        year = year or default_year
        if year is None:
            return None
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None
