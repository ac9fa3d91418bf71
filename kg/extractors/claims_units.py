"""Claims: the text the reader walks, and the tidying of what is said.

Paragraphs are cut into *units*, sentences whose ends are looked for outside quotation marks
(“A。B。”梁某说。 stays one unit); a statement is tidied (quote marks, end punctuation) and
clipped to a length a reader (and the scorer) wants.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# One claim is one statement: the scorer (and a reader) wants at most ~300
# letters and digits. Longer statements are cut at sentence or clause ends.
MAX_LETTERS = 280
MIN_LETTERS = 6

COMMA = ",，"
COLON = ":："
SEMICOLON = ";；"
CLAUSE_BREAK = COMMA + COLON + SEMICOLON
SENT_END = "。！？!?"
OPEN_Q, CLOSE_Q = "“", "”"
CORNER_QUOTES = str.maketrans("「」", OPEN_Q + CLOSE_Q)
ELLIPSIS = "…"
FULL_STOP = "。"
# closing marks that stay with the sentence end before them
CLOSERS = "’」』)）"
# where a clause starts after: punctuation, quote marks, a line break
CLAUSE_MARKS = CLAUSE_BREAK + SENT_END + OPEN_Q + CLOSE_Q + "\n"


def curly_quotes_and_stops(text: str) -> str:
    """Full-width forms of the marks the reader looks for, offsets unchanged.

    「」 become “”. Straight quotes (an even number of them in a paragraph) open and close in
    turn: "集团给的是时间." → “集团给的是时间。”; a half-width full stop ends a
    sentence when a Chinese character, a quote mark or the line end follows
    (not in 1.5, GPT-4.5 or "Mr. Smith").
    """
    # corner brackets (Traditional script, and some Simplified outlets) quote as curly quotes do
    # (translate looks every character up in a dict: only a text with a corner bracket needs it)
    text = text.translate(CORNER_QUOTES) if "「" in text or "」" in text else text
    if '"' not in text and "." not in text:
        return text
    chars = list(text)
    for m in re.finditer(r"[^\n]+", text):
        quotes = [i for i in range(m.start(), m.end()) if text[i] == '"'] if '"' in m.group() else []
        if quotes and len(quotes) % 2 == 0:
            for n, i in enumerate(quotes):
                chars[i] = OPEN_Q if n % 2 == 0 else CLOSE_Q
    for m in re.finditer(r"(?<![.])\.(?=\s*(?:$|[\u4e00-\u9fff“”\"]))(?!\.)", text, re.M):
        chars[m.start()] = FULL_STOP
    return "".join(chars)


def clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts."""
    # the marks near ``pos`` first: a mark missing from the text sends rfind back to its start
    near = max(0, pos - CLAUSE_LOOKBACK)
    found = max(text.rfind(ch, near, pos) for ch in CLAUSE_MARKS)
    return (found if found >= 0 or near == 0 else max(text.rfind(ch, 0, near) for ch in CLAUSE_MARKS)) + 1


CLAUSE_LOOKBACK = 64


# ------------------------------------------------------- paragraphs and units

def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line."""
    for m in re.finditer(r"[^\n]+", text):
        if m.group(0).strip():
            yield m.start(), m.end()


def units(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentences of a paragraph, cut only at sentence ends outside quotation marks."""
    if OPEN_Q not in text[start:end]:
        yield from _units_unquoted(text, start, end)
        return
    in_quote = False
    unit_start = start
    i = start
    while i < end:
        ch = text[i]
        if ch == OPEN_Q:
            # a “ at the very end of a paragraph is a mistyped closing mark
            in_quote = not (in_quote and not text[i + 1:end].strip())
        elif ch == CLOSE_Q:
            in_quote = False
        elif ch in SENT_END and not in_quote:
            j = i + 1
            while j < end and text[j] in SENT_END + CLOSE_Q + CLOSERS:
                j += 1
            yield unit_start, j
            unit_start, i = j, j
            continue
        i += 1
    if text[unit_start:end].strip():
        yield unit_start, end


_UNIT_END = re.compile(f"[{SENT_END}][{SENT_END}{CLOSE_Q}{CLOSERS}]*")


def _units_unquoted(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``units`` of a paragraph without an opening quotation mark, which is most of them."""
    unit_start = start
    for m in _UNIT_END.finditer(text, start, end):
        yield unit_start, m.end()
        unit_start = m.end()
    if text[unit_start:end].strip():
        yield unit_start, end


def quote_mask(text: str, start: int, end: int) -> list[bool]:
    """For each character of [start, end): is it inside quotation marks?"""
    if OPEN_Q not in text[start:end] and CLOSE_Q not in text[start:end]:
        return [False] * (end - start)
    mask = []
    in_quote = False
    for i in range(start, end):
        ch = text[i]
        if ch == OPEN_Q:
            in_quote = not (in_quote and not text[i + 1:end].strip())
            mask.append(True)
            continue
        if ch == CLOSE_Q:
            mask.append(True)
            in_quote = False
            continue
        mask.append(in_quote)
    return mask


# ------------------------------------------------------------ what is said

TRAILING_QUOTE = re.compile(f"^(?P<para>.*[^{COMMA}{COLON}])[{COMMA}{COLON}]\\s*"
                            f"{OPEN_Q}(?P<quote>[^{OPEN_Q}{CLOSE_Q}]+){CLOSE_Q}[{SENT_END}]?$")


def split_trailing_quote(said: str) -> list[str]:
    """"公司不打算降价，“降价是双输”。" is two statements: a paraphrase, then the words quoted."""
    m = TRAILING_QUOTE.match(said)
    if m and letters(m.group("para")) >= MIN_LETTERS and letters(m.group("quote")) >= MIN_LETTERS \
            and m.group("para").count(OPEN_Q) == m.group("para").count(CLOSE_Q):
        return [m.group("para"), m.group("quote")]
    return [said]


def strip_quotes(said: str) -> str:
    """Tidy a statement: no quote marks around a single quote, no punctuation at its ends.

    “我们不亏本。”。 → 我们不亏本
    """
    ends = COMMA + COLON + SEMICOLON + FULL_STOP       # 甲判断，…；乙则担心，…: the semicolon before the next speaker
    s = said.strip().strip(ends).strip()
    if s.startswith(OPEN_Q) and CLOSE_Q not in s[:-1]:
        # one quote, perhaps closed with a mistyped “ or left open
        s = s[1:].rstrip(OPEN_Q + CLOSE_Q)
    return s.strip().strip(ends).strip()


def leading_quote(unit: str) -> str | None:
    """“…做不长久。”公开资料显示，…: a unit opening with a whole quoted sentence, then narration; the quote."""
    s = unit.lstrip()
    close = s.find(CLOSE_Q)
    if not s.startswith(OPEN_Q) or close < 2 or s[close - 1] not in SENT_END or OPEN_Q in s[1:close]:
        return None
    return s[:close + 1]


def only_quote(unit: str) -> bool:
    """Is the unit nothing but quotation(s): “…。”“…。”"""
    s = unit.strip()
    if not s.startswith(OPEN_Q):
        return False
    outside = re.sub(f"{OPEN_Q}[^{CLOSE_Q}]*(?:{CLOSE_Q}|$)", "", s)
    return letters(outside) == 0


def clip(said: str) -> list[str]:
    """Cut a statement longer than MAX_LETTERS at sentence ends, else at clause ends."""
    if letters(said) <= MAX_LETTERS:
        return [said]
    for breaks in (SENT_END, SEMICOLON, COMMA):
        pieces = re.findall(f"[^{breaks}]+[{breaks}]*", said)
        chunks: list[str] = []
        for piece in pieces:
            if chunks and letters(chunks[-1] + piece) <= MAX_LETTERS:
                chunks[-1] += piece
            else:
                chunks.append(piece)
        if all(letters(c) <= MAX_LETTERS for c in chunks):
            return [c.strip() for c in chunks]
    return [said[:MAX_LETTERS]]


def statements(said: str) -> Iterator[str]:
    """``said`` tidied and clipped, without the pieces too short to be a statement."""
    for chunk in clip(strip_quotes(said)):
        if letters(chunk) >= MIN_LETTERS:
            yield chunk


def letters(s: str) -> int:
    return sum(ch.isalnum() for ch in s)
