"""Price changes stated in an English sentence (pure string work, no models). A cut is negative.

"cut the price of X by 63%" (−63), "was slashed by 80%", "a 50% price cut",
"halved" (−50), "by two-thirds" (−66.7), "to a tenth of its launch price" (−90),
"now costs a third of what it did at launch" (−66.7),
"doubled" (+100), "raised … by 25%" (+25), "from $10 to $2.50" (−75, from the
two prices). Comparisons with other models ("63% cheaper than o1-mini", "a
third of what X cost") and changes of other things ("revenue rose 13%",
"inference costs fell by 80%") are not changes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from ...text.numbers import ratio
from .prices_quotes import Quote
from .prices_rules import RULES, clause_after, clause_before, lookup, rx, words

R = RULES
FRACTIONS = {k: float(ratio(v)) for k, v in R.fractions.items()}
PERCENT = r"(?P<pct>\d+(?:\.\d+)?)\s*(?:" + "|".join(
    re.escape(w) if not w[0].isalpha() else r"\b" + re.escape(w) + r"\b" for w in R.percent_words) + ")"
HEDGE = r"(?:" + words(R.change_hedges) + r"\s*)?"
FRAC = r"(?P<frac>" + words(R.fractions) + r")"
AMOUNT = r"(?:(?:by\s+)?" + HEDGE + PERCENT + r"|by\s+" + HEDGE + FRAC + r")"
GAP = r"(?:[^,;:.]|\.(?=\d))"          # within a clause; "3.5" is no full stop
CUT, RISE = words(R.cut_verbs), words(R.rise_verbs)
WEAK_CUT, WEAK_RISE = words(R.weak_cut_verbs), words(R.weak_rise_verbs)
# verb … by N% / by two-thirds: the object ("the price of its o1-mini") may stand between
VERB_BY = rx(r"(?P<verb>" + CUT + "|" + RISE + "|" + WEAK_CUT + "|" + WEAK_RISE + r")(?P<obj>(?:" + GAP + r"|,){0,80}?)\s" + AMOUNT)
# "a 63% price cut", "a price cut of 63%"
NOUN_AFTER = rx(r"\b" + PERCENT + r"\s+(?:price\s+)?(?P<noun>" + words(R.cut_nouns + R.rise_nouns) + ")")
NOUN_BEFORE = rx(r"\bprice\s+(?P<noun>" + words(R.cut_nouns + R.rise_nouns) + r")\s+of\s+" + HEDGE + PERCENT)
# "to a tenth of its launch price", "a fifth of their previous price"
SHARE_OF_OLD = rx(r"(?P<frac>" + words(R.fractions) + r"|(?P<pct>\d+(?:\.\d+)?)\s*%)\s+of\s+"
                  + words(R.own_earlier_owners) + r"\s+(?:" + words(R.earlier_adjectives) + r"\s+)?"
                  + words(R.earlier_nouns))
# "now costs one-third of what it did at launch": a price word in the clause before
SHARE_OF_WHAT = rx(r"(?P<frac>" + words(R.fractions) + r"|(?P<pct>\d+(?:\.\d+)?)\s*%)\s+of\s+"
                   + words(R.earlier_what) + r"\s+" + words(R.earlier_subjects) + r"\s+" + words(R.earlier_verbs))
# "…, down 75% from 12 yuan": a direction, a share, and an earlier amount of money
SIGN = r"(?:" + "|".join(re.escape(s) for s in sorted(R.currency_signs, key=len, reverse=True)) + ")"
DIRECTION_FROM = rx(r"\b(?P<dir>" + words(R.change_directions) + r")\s+" + HEDGE + PERCENT + r"\s+from\s+"
                    r"(?:" + SIGN + r"\s?\d|\d[\d,.]*\s*" + words(R.currency_words) + ")")
PRICE_VERB = rx(words(R.price_words))
HALVED = rx(words(R.halving))
MULTIPLIED = rx(r"(?P<verb>" + words(R.multiplying) + ")")
FOLD = rx(r"(?P<verb>" + CUT + "|" + RISE + r")" + GAP + r"{0,60}?\b(?P<fold>" + words(R.fold_words) + ")")
COMPARISON_AFTER = rx(r"^\s*(?:" + words(R.comparison_after) + ")")
NOT_PRICE_SUBJECT = rx(words(R.not_price_subjects))
PRICE_WORDS = rx(words(R.change_price_words))
IS_CUT, IS_RISE = rx(CUT + "|" + WEAK_CUT), rx(RISE + "|" + WEAK_RISE)
IS_WEAK = rx(r"^(?:" + WEAK_CUT + "|" + WEAK_RISE + ")$")


@dataclass(frozen=True)
class Change:
    start: int                # where the statement starts (its verb)
    end: int                  # where its amount ends
    percent: float
    rule: str


def _sign(verb: str) -> int:
    return 1 if IS_RISE.fullmatch(verb) and not IS_CUT.fullmatch(verb) else -1


def _amount(m: re.Match[str]) -> float | None:
    if m.group("pct"):
        return float(m.group("pct"))
    frac = lookup({k: str(v) for k, v in FRACTIONS.items()}, m.group("frac") or "")
    return float(frac) * 100 if frac is not None else None


def by_amount(text: str) -> list[Change]:
    out = []
    for m in VERB_BY.finditer(text):
        value = _amount(m)
        if value is None:
            continue
        if IS_WEAK.match(m.group("verb")) and not PRICE_WORDS.search(clause_before(text, m.end())):
            continue                          # "shares fell 15%": only a price falls
        out.append(Change(m.start(), m.end(), _sign(m.group("verb")) * value, "en-price-change-by"))
    return out


def by_noun(text: str) -> list[Change]:
    out = []
    for pattern in (NOUN_AFTER, NOUN_BEFORE):
        for m in pattern.finditer(text):
            sign = 1 if rx(words(R.rise_nouns)).fullmatch(m.group("noun")) else -1
            out.append(Change(m.start(), m.end(), sign * float(m.group("pct")), "en-price-change-noun"))
    return out


def share_of_old(text: str) -> list[Change]:
    out = []
    for m in SHARE_OF_OLD.finditer(text):
        share = _amount(m)
        if share is not None and 0 <= share < 100:
            out.append(Change(m.start(), m.end(), -(100 - share), "en-price-change-share"))
    return out


def share_of_what(text: str) -> list[Change]:
    """"now costs one-third of what it did at launch": a share of the model's own earlier price."""
    out = []
    for m in SHARE_OF_WHAT.finditer(text):
        share = _amount(m)
        if share is not None and 0 <= share < 100 and PRICE_VERB.search(clause_before(text, m.start())):
            out.append(Change(m.start(), m.end(), -(100 - share), "en-price-change-share-of-what"))
    return out


def multiples(text: str) -> list[Change]:
    out = [Change(m.start(), m.end(), -50.0, "en-price-change-halved") for m in HALVED.finditer(text)]
    for m in MULTIPLIED.finditer(text):
        value = lookup({k: str(v) for k, v in R.multiplying.items()}, m.group("verb"))
        if value is not None:
            out.append(Change(m.start(), m.end(), float(value), "en-price-change-multiple"))
    for m in FOLD.finditer(text):
        n = lookup({k: str(v) for k, v in R.fold_words.items()}, m.group("fold"))
        if n is not None:
            k = float(n)
            pct = (k - 1) * 100 if _sign(m.group("verb")) > 0 else -(1 - 1 / k) * 100
            out.append(Change(m.start(), m.end(), pct, "en-price-change-fold"))
    return out


def direction_from(text: str) -> list[Change]:
    """"3 yuan per million tokens, down 75% from 12 yuan": a stated change from an earlier price."""
    out = []
    for m in DIRECTION_FROM.finditer(text):
        sign = int(lookup({k: str(v) for k, v in R.change_directions.items()}, m.group("dir")) or "-1")
        out.append(Change(m.start(), m.start("pct") + len(m.group("pct")), sign * float(m.group("pct")),
                          "en-price-change-direction-from"))
    return out


CHANGE_RULES: list[Callable[[str], list[Change]]] = [by_amount, by_noun, share_of_old, share_of_what, multiples,
                                                     direction_from]


def find_changes(text: str) -> list[Change]:
    """Each stated price change in ``text`` (not comparisons, not changes of other things)."""
    out = []
    for rule in CHANGE_RULES:
        for c in rule(text):
            if not math.isfinite(c.percent) or c.percent == 0 or c.percent < -100 or c.percent > 1000:
                continue
            if COMPARISON_AFTER.match(text[c.end:]):
                continue                      # "63% cheaper than o1-mini"
            clause = clause_before(text, c.start) + text[c.start:c.end]
            if NOT_PRICE_SUBJECT.search(clause) and not PRICE_WORDS.search(clause):
                continue                      # "revenue rose 13%"
            out.append(Change(c.start, c.end, round(c.percent, 1), c.rule))
    return sorted(out, key=lambda c: c.start)


FROM = rx(words(R.from_words) + r"\s*$")
TO_GAP = rx(r"^(?:\s*\([^()]*\))?\s*,?\s*" + words(R.to_words) + r"\s*$")
OLD_AFTER = rx(r"^\s*,?\s*" + words(R.old_after_words) + r"\s*$")


@dataclass(frozen=True)
class Move:
    old: Quote
    new: Quote
    percent: float


def price_moves(text: str, quotes: list[Quote]) -> list[Move]:
    """"from $10 to $2.50" and "to $2.50, down from $10": the old and new price and the change between."""
    qs = [q for q in quotes if q.unit is not None and not q.conversion]
    out = []
    for a, b in zip(qs, qs[1:]):
        if a.currency != b.currency or not a.per_million or b.per_million is None:
            continue
        gap = text[a.end:b.start]
        if FROM.search(text, max(0, a.start - 12), a.start) and TO_GAP.match(gap):
            old, new = a, b
        elif OLD_AFTER.match(gap) and not FROM.search(text, max(0, a.start - 12), a.start):
            if not b.per_million:
                continue
            old, new = b, a
        else:
            continue
        assert old.per_million and new.per_million is not None
        pct = float((new.per_million / old.per_million - 1) * 100)
        if pct != 0 and pct <= 1000:
            out.append(Move(old, new, round(pct, 1)))
    return out


def is_new_price(text: str, q: Quote) -> bool:
    """"… to $2.50", "now costs $1": a price that starts with a change stated in the sentence."""
    before = clause_before(text, q.start)
    return bool(rx(r"(?:" + words(R.new_words) + r")\s*$").search(before)) and not clause_after(text, q.end) \
        .lstrip().lower().startswith("from")

