"""Names the text gives an entity in brackets: "松岩明枢智能科技有限公司（下称“松岩明枢”）",
"岚石（全称岚石智能科技有限公司）". The name in the bracket is a mention of the same type as the one
before it, wherever else it occurs; resolve (``kg.resolve``) makes the two one entity."""

from __future__ import annotations

import re
from functools import cache

from ..resolve import rules as resolve_rules
from ..text.patterns import alternation
from .base import Candidate
from .words import HAN

OPEN_QUOTES, CLOSE_QUOTES = "“\"「『", "”\"」』"


@cache
def alias_bracket() -> re.Pattern[str]:
    """A bracket right after a name, an intro word, and the alias: quoted, or alone up to the bracket's end."""
    intro = f"(?:{alternation(resolve_rules().alias_intros)})"
    return re.compile(rf"\s*[（(]\s*{intro}\s*(?:[{OPEN_QUOTES}](?P<quoted>[^{CLOSE_QUOTES}（）()，,。；;]{{2,24}})"
                      rf"[{CLOSE_QUOTES}]|(?P<bare>[^{OPEN_QUOTES}（）()，,。；;]{{2,24}})(?=[）)]))")


@cache
def bracket_before() -> re.Pattern[str]:
    """The name before a bracket that gives a found name as its alias: 岚石（全称…."""
    intro = f"(?:{alternation(resolve_rules().alias_intros)})"
    return re.compile(rf"(?P<short>[{HAN}A-Za-z0-9]{{2,8}})\s*[（(]\s*{intro}\s*[{OPEN_QUOTES}]?\s*$")


def stated_aliases(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """The aliases the brackets after organisations and models give them, and the short names before a
    bracket that gives the full name (the full name starts with the short one: nothing else ties them)."""
    out = []
    for c in candidates:
        if c.type == "Person":
            continue
        m = alias_bracket().match(text, c.end)
        if m:
            group = "quoted" if m.group("quoted") else "bare"
            out.append(Candidate(m.start(group), m.end(group), c.type, 2, None, "stated-alias"))
        lo = max(0, c.start - 24)
        # (no bracket before the name, no alias: the search is skipped)
        before = bracket_before().search(text, lo, c.start) \
            if text.find("（", lo, c.start) >= 0 or text.find("(", lo, c.start) >= 0 else None
        if before:
            full, run = text[c.start:c.end], before.group("short")
            short = next((run[i:] for i in range(len(run) - 1) if full.startswith(run[i:])), None)
            if short:
                end = before.end("short")
                out.append(Candidate(end - len(short), end, c.type, 2, None, "stated-alias"))
    return out
