"""Amounts of money in an English sentence and their token units (pure string work, no models).

"$2.50 per million input tokens", "$0.40/M tokens", "$0.002 per 1,000 tokens",
"2 yuan per million tokens", "RMB 0.8", "$1.10 per million tokens of input and
$4.40 of output", "$3 and $15 per million input and output tokens". Every amount
is read; one with a token ``unit`` is a price per tokens. Large sums ("$40
billion") are marked ``scaled``, amounts per something else ("$20 a month",
"$0.04 per image") ``other_unit``, conversions ("2 yuan ($0.28)") ``conversion``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from ...text.numbers import plain, ratio
from ...text.patterns import alternation
from .prices_rules import RULES, clause_before, lookup, rx, words

R = RULES
NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
SIGNS = r"(?:(?<![A-Za-z])(?:" + "|".join(re.escape(s) for s in sorted(R.currency_signs, key=len, reverse=True)) + "))"
SCALE = r"(?:\s*" + words(R.scale_words) + ")"
MONEY = rx(r"(?P<sign>" + SIGNS + r")\s?(?P<num>" + NUM + r")(?![\d,]*\.\d)(?P<scale>" + SCALE + r")?"
           r"|(?<![\w.$])(?P<num2>" + NUM + r")(?P<scale2>" + SCALE + r")?\s*(?P<word>"
           + words(R.currency_words) + ")")
KIND = words(R.kind_words)
BOTH_KINDS = r"(?P<tkind>" + KIND + r"(?:\s*(?:,|and|or|/|&)\s*" + KIND + r")*)"
MUL = r"(?:(?<![A-Za-z])(?:" + alternation(R.token_multipliers) + r")(?![A-Za-z]))"
PER = r"(?:" + words(R.per_words) + r"|/)"
UNIT = rx(r"\s*" + PER + r"\s*(?P<tcount>" + NUM + r"|" + words(R.number_words) + r")?\s*(?P<tmul>"
          + MUL + r")?\s*" + BOTH_KINDS + r"?\s*(?P<cached>" + words(R.cache_words) + r")?\s*"
          r"(?P<tok>" + words(R.token_words) + r")?(?:\s+of\s+(?P<kind2>" + KIND + r"))?")
# "$20 a month", "$0.04 per image": a unit of something else right after the amount
OTHER_UNIT = rx(r"\s*" + PER + r"\s*(?P<w>[A-Za-z]+)")
FREE_FOLLOWER = rx(r"\s*(?:$|[^\w\s]|" + words(R.unit_free_followers) + ")")
# "$4.40 of output", "$2.50 input", "$0.30 for cached input", "$0.028 per million for cache hits"
# "$3 in, $15 out, per million tokens": "in"/"out" only right before a list break or a unit
SHORT_KIND = r"(?P<short>" + words(R.short_kind_words) + r")(?=\s*(?:[,;.]|$|" + words(["and", "per"]) + r"|/))"
QUALIFIER = rx(r"\s*(?:(?:of|for|on)\s+(?:" + words(R.qualifier_articles) + r"\s+)?)?\s*(?P<cache>"
               + words(R.cache_words) + r")?\s*(?:(?P<kind>" + KIND + r")|" + SHORT_KIND + r")?")
UNIT_AFTER_COMMA = re.compile(r"\s*,(?=\s*(?:per|/))")
TOKENS = rx(words(R.token_words))
TOKEN_KINDS = rx(words(list(R.kind_words) + list(R.cache_words)))
# a unit that scopes a sentence rather than one amount: "Per million input and output tokens, this month: …"
FLOATING = rx(PER + r"\s*(?P<tcount>" + NUM + r")?\s*(?P<tmul>" + MUL + r")\s*"
              + BOTH_KINDS + r"?\s*" + words(R.token_words))
GAP_WORD = rx(r"[^\w\s]+|" + words(R.shared_gap_words))
PAREN = re.compile(r"\([^()]*\)")
JOINER = rx(r"\s*(?:" + "|".join(re.escape(j) if not j.isalpha() else words([j])
                                    for j in sorted(R.amount_joiners, key=len, reverse=True)) + r")\s*")
CONVERSION_GAP = rx(r"\s*(?:\(\s*|,\s*)(?:" + words(R.conversion_words) + r"\s*)?$")
PRICE_CUE = rx(words(R.price_cues))


@dataclass(frozen=True)
class TokenUnit:
    tokens: int                           # the number of tokens the amount pays for
    kinds: tuple[str, ...] = ()           # kinds named in the unit: ("input",), ("input", "output")


@dataclass(frozen=True)
class Quote:
    """An amount of money in a sentence; a price once it has a token ``unit``."""

    start: int
    end: int
    amount: Decimal
    currency: str
    unit: TokenUnit | None = None
    kind: str | None = None               # "$4.40 of output"
    cache: str | None = None
    scaled: bool = False                  # "$40 billion"
    other_unit: bool = False              # "$20 a month"
    conversion: bool = False              # "($0.14)" after a CNY price
    scoped: bool = False                  # the unit was read from elsewhere in the sentence

    @property
    def per_million(self) -> Decimal | None:
        if self.unit is None:
            return None
        return plain(self.amount * Decimal(1_000_000) / Decimal(self.unit.tokens))

    @property
    def kinds(self) -> tuple[str, ...]:
        return self.unit.kinds if self.unit else ()


def number(text: str) -> Decimal | None:
    value = lookup({k: str(v) for k, v in R.number_words.items()}, text)
    try:
        return Decimal(value if value is not None else text.replace(",", ""))
    except InvalidOperation:
        return None


def kinds_of(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(k for m in rx(words(R.kind_words)).finditer(text) if (k := lookup(R.kind_words, m.group(0))))


def read_unit(text: str, pos: int) -> tuple[TokenUnit, int] | None:
    """The token unit right after an amount ending at ``pos``, and where it ends."""
    m = UNIT.match(text, pos)
    if not m or not (m.group("tmul") or m.group("tok")):
        return None
    if not m.group("tok"):                # "per million" with "tokens" left out: only in a sentence about tokens
        # (or about a kind of tokens: "Input is 2 yuan per million on a cache miss")
        if not (TOKENS.search(text) or TOKEN_KINDS.search(text)) or not FREE_FOLLOWER.match(text, m.end()):
            return None
    count = number(m.group("tcount")) if m.group("tcount") else Decimal(1)
    mul = lookup({k: str(v) for k, v in R.token_multipliers.items()}, m.group("tmul") or "") or "1"
    if count is None:
        return None
    tokens = count * Decimal(mul)
    if tokens < 1 or tokens != tokens.to_integral_value() or tokens > 10**12:
        return None
    kinds = kinds_of(m.group("tkind")) or kinds_of(m.group("kind2"))
    if m.group("cached") and not kinds:
        kinds = ("input",)
    return TokenUnit(int(tokens), kinds), m.end()


def read_money(m: re.Match[str]) -> tuple[Decimal, str] | None:
    if m.group("sign"):
        code = lookup(R.currency_signs, m.group("sign"))
        value, factor = number(m.group("num")), Decimal(1)
    else:
        word = lookup({k: f"{v.code} {v.factor}" for k, v in R.currency_words.items()}, m.group("word"))
        if word is None:
            return None
        code, f = word.split()
        value, factor = number(m.group("num2")), ratio(f)
    if value is None or code is None:
        return None
    return value * factor, code


def find_quotes(text: str) -> list[Quote]:
    """Every amount of money in ``text`` with its token unit, if it has one."""
    quotes: list[Quote] = []
    for m in MONEY.finditer(text):
        money = read_money(m)
        if money is None:
            continue
        amount, code = money
        end = m.end()
        scaled = bool(m.group("scale") or m.group("scale2"))
        unit = None if scaled else read_unit(text, end)
        kind = cache = None
        if unit:
            end = unit[1]
        q = None if scaled else QUALIFIER.match(text, end)
        if q and (q.group("kind") or q.group("cache") or q.group("short")):
            kind = lookup(R.kind_words, q.group("kind") or "") or lookup(R.short_kind_words, q.group("short") or "")
            cache = lookup(R.cache_words, q.group("cache") or "")
            if cache and not kind:
                kind = "input"
            end = q.end()
            if unit is None:              # "$10 output per million tokens", "$15 out, per million tokens"
                comma = UNIT_AFTER_COMMA.match(text, end)
                unit = read_unit(text, comma.end() if comma else end)
                end = unit[1] if unit else end
        other = unit is None and not scaled and OTHER_UNIT.match(text, m.end()) is not None \
            and read_unit(text, m.end()) is None
        quotes.append(Quote(m.start(), end, amount, code, unit[0] if unit else None, kind, cache,
                            scaled=scaled, other_unit=other))
    quotes = mark_conversions(text, quotes)
    # amounts listed with a unit take it before a unit floating earlier in the sentence can scope them
    return carry_units(text, scope_units(text, share_units(text, quotes)))


def mark_conversions(text: str, quotes: list[Quote]) -> list[Quote]:
    """"2 yuan per million tokens ($0.28)", "…, or about $0.14": the second amount restates the first."""
    out = list(quotes)
    for i in range(1, len(out)):
        prev, q = out[i - 1], out[i]
        if q.currency != prev.currency and CONVERSION_GAP.search(text[prev.end:q.start]):
            out[i] = replace(q, conversion=True)
    return out


def gap_shares(text: str) -> bool:
    """True if ``text`` (between two amounts) holds only words that let them share one token unit."""
    text = PAREN.sub(" ", text)
    pos, n = 0, 0
    for m in GAP_WORD.finditer(text):
        if text[pos:m.start()].strip():
            return False
        pos, n = m.end(), n + (m.group(0)[0].isalnum())
    return not text[pos:].strip() and n <= R.shared_gap_max_words


def share_units(text: str, quotes: list[Quote]) -> list[Quote]:
    """Amounts without a unit take the unit of a neighbour they are listed with: "$3 and $15 per million
    tokens" (right to left), "$1.10 per million tokens of input and $4.40 of output" (left to right)."""
    qs = [q for q in quotes if not q.conversion and not q.scaled and not q.other_unit]
    for order in (range(len(qs) - 2, -1, -1), range(1, len(qs))):
        for i in order:
            j = i + 1 if order.step == -1 else i - 1
            here, there = qs[i], qs[j]
            if here.unit is not None or there.unit is None or here.currency != there.currency:
                continue
            gap = text[here.end:there.start] if j > i else text[there.end:here.start]
            if gap_shares(gap):
                # the neighbour's kind too ("from $3 to $1.20 per million output tokens"); an amount's own
                # kind ("$4.40 of output") wins later
                qs[i] = replace(here, unit=there.unit)
    done = {(q.start, q.end): q for q in qs}
    return [done.get((q.start, q.end), q) for q in quotes]


def scope_units(text: str, quotes: list[Quote]) -> list[Quote]:
    """"Per million input and output tokens, this month: GPT-5, $1.25 and $10; …": a unit attached to no
    amount scopes the amounts after it in the sentence."""
    taken = [(q.start, q.end) for q in quotes]
    for m in FLOATING.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        count = number(m.group("tcount")) if m.group("tcount") else Decimal(1)
        mul = Decimal(lookup({k: str(v) for k, v in R.token_multipliers.items()}, m.group("tmul")) or "1")
        if count is None:
            continue
        unit = TokenUnit(int(count * mul), kinds_of(m.group("tkind")))
        quotes = [replace(q, unit=unit, scoped=True)
                  if q.unit is None and not (q.scaled or q.other_unit or q.conversion) and q.start > m.end()
                  else q for q in quotes]
    return quotes


def carry_units(text: str, quotes: list[Quote]) -> list[Quote]:
    """"…from $0.15 to $0.30 per million tokens, and set its output price at $2.50": an amount without a
    unit in a clause about a price takes the unit named earlier in the sentence (same currency)."""
    last: Quote | None = None
    out = []
    for q in quotes:
        if q.unit is not None:
            last = q
        elif last is not None and last.unit is not None and q.currency == last.currency \
                and not (q.scaled or q.other_unit or q.conversion) \
                and PRICE_CUE.search(clause_before(text, q.start)):
            q = replace(q, unit=TokenUnit(last.unit.tokens), scoped=True)
        out.append(q)
    return out


def listed_groups(text: str, quotes: list[Quote]) -> list[list[Quote]]:
    """Quotes in runs joined only by list words: "$3 and $15 per million…" is one run."""
    groups: list[list[Quote]] = []
    for q in quotes:
        if groups and JOINER.fullmatch(text, groups[-1][-1].end, q.start):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups
