"""English claims: the text the reader walks, and the tidying of what is said.

Straight double quotes are turned into curly ones (offsets unchanged) so that a quote's start
and end are told apart; paragraphs are cut into *units*, sentences whose ends are looked for
outside quotation marks (“A. B,” she said. stays one unit) or just before a closing mark
(… the bill.” Raman … starts a new one); a statement is clipped to a length a reader (and the
scorer) wants.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...lang.en_nlp import sentence_end

# One claim is one statement: at most ~280 letters and digits; longer ones are cut at sentence ends.
MAX_LETTERS = 280
MIN_LETTERS = 6

OPEN_Q, CLOSE_Q = "“", "”"
STRAIGHT_Q = '"'
COMMA, COLON, SEMICOLON = ",", ":", ";"
SENT_PUNCT = ".!?"
# a sentence closing a bold (or italic) run: "**Is the price war over?** Li said …"
BOLD_END = re.compile(r"[.!?][”’\"')]*[*_]{1,2}(?=\s)")
# what may be left around a statement once it is cut out of its sentence
TRIM = " \t\n,;:—–-"


def letters(s: str) -> int:
    return sum(ch.isalnum() for ch in s)


def curly_quotes(text: str) -> str:
    """Straight double quotes as curly ones, opening and closing in turn within a paragraph."""
    if STRAIGHT_Q not in text:
        return text
    chars = list(text)
    for m in re.finditer(r"[^\n]+", text):
        quotes = [i for i in range(m.start(), m.end()) if text[i] == STRAIGHT_Q]
        if len(quotes) % 2:
            # an odd count: a quote running on into the next paragraph opens last
            quotes = quotes if text[quotes[-1] + 1:m.end()].strip() else quotes[:-1]
        for n, i in enumerate(quotes):
            chars[i] = OPEN_Q if n % 2 == 0 else CLOSE_Q
    return "".join(chars)


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line."""
    for m in re.finditer(r"[^\n]+", text):
        if m.group(0).strip():
            yield m.start(), m.end()


def quote_mask(text: str, start: int, end: int) -> list[bool]:
    """Per character of [start, end): inside quotation marks (the marks included)?"""
    mask = [False] * (end - start)
    inside = False
    for i in range(start, end):
        ch = text[i]
        if ch == OPEN_Q:
            inside = True
        mask[i - start] = inside
        if ch == CLOSE_Q:
            inside = False
    return mask


def units(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentences of a paragraph: ends outside quotes, or a full stop just before a closing mark
    followed by a new sentence (… the bill.” Raman laughed.), or a sentence closing a bold run."""
    mask = quote_mask(text, start, end)
    unit_start = start
    stops = sorted({m.end() for m in sentence_end().finditer(text, start, end)}
                   | {m.end() for m in BOLD_END.finditer(text, start, end)})
    for stop in stops:
        if stop >= end or not text[unit_start:stop].strip():
            continue
        last = stop - 1
        inside = mask[last - start] and text[last] != CLOSE_Q
        if inside:
            continue
        if text[last] == CLOSE_Q and not _new_sentence(text, stop, end):
            continue
        yield unit_start, stop
        unit_start = stop
    if text[unit_start:end].strip():
        yield unit_start, end


def _new_sentence(text: str, pos: int, end: int) -> bool:
    rest = text[pos:end].lstrip()
    return bool(rest) and (rest[0].isupper() or rest[0] == OPEN_Q)


def join(parts: list[str]) -> str:
    """Parts of one statement (a quote split around its attribution) as one text."""
    out = ""
    for part in (p.strip(TRIM) for p in parts):
        if not part:
            continue
        if out and out[-1] not in SENT_PUNCT:
            out += "." if part[0].isupper() and not part.startswith("I ") else ","
        out = f"{out} {part}" if out else part
    return out


def strip_quotes(said: str) -> str:
    """A statement without the quote marks around it or around its parts."""
    said = said.strip(TRIM)
    return said.replace(OPEN_Q, "").replace(CLOSE_Q, "").strip(TRIM)


def statements(said: str) -> Iterator[str]:
    """``said`` as one statement, or cut at sentence ends into pieces of at most MAX_LETTERS."""
    said = strip_quotes(said)
    if letters(said) < MIN_LETTERS:
        return
    if letters(said) <= MAX_LETTERS:
        yield said
        return
    for piece in _packed(re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“])", said)):
        yield from _clipped(piece)


def _clipped(piece: str) -> Iterator[str]:
    """A sentence longer than MAX_LETTERS, cut at clause ends (commas, semicolons)."""
    if letters(piece) <= MAX_LETTERS:
        yield piece
        return
    parts = [part.strip(TRIM) for part in _packed(re.split(r"(?<=[,;])\s+", piece))]
    if parts:       # a clause too long on its own is left whole, except at the end, where it is capped
        parts[-1] = parts[-1][:MAX_LETTERS * 2]
    yield from parts


def _packed(parts: list[str]) -> Iterator[str]:
    """Consecutive ``parts`` joined into runs of at most MAX_LETTERS letters (a longer part alone);
    a last run too short to say anything is dropped."""
    run = ""
    for part in parts:
        if run and letters(run) + letters(part) > MAX_LETTERS:
            yield run
            run = ""
        run = f"{run} {part}".strip()
    if letters(run) >= MIN_LETTERS:
        yield run
