"""Prices and price changes of models.

A price is an amount of money per a number of tokens ("0.0008元/千tokens",
"每百万tokens输入1元", "10美元/百万tokens"), normalised to ``per_million``
tokens in the stated currency. The work is split in two:

* **parsing** (``find_quotes``, pure string work, no models): every amount of
  money in a sentence that has a token unit, either its own ("/千tokens") or
  one it shares with neighbours in a list ("12元、24元和60元/百万tokens",
  "每百万tokens输入1元、输出2元", "从5元/百万tokens下调至1元");
* **attribution** (the extractors): which model(s) a quote belongs to, and
  which quotes are not the model's own price (conversions "约合1.1元",
  comparisons "比行业平均的…", costs "推理成本…").

A quote belongs to the last model named before it in the sentence together
with the models coordinated with it ("Pro和星火Max的API价格" → both); with
"分别" and as many amounts as models they pair up in order. A sentence with no
model but "该模型…" continues the last model of its paragraph.

Price changes are percentages ("降价97%", "降幅90%"), multiples ("下降5倍" =
a fifth of the old price, −80 %), fractions ("降至原来的十分之一", −90 %),
"腰斩" / "减半" (−50 %) and discounts ("打三折", −70 %). A cut is negative.
Comparisons with other models or the industry ("比GPT-3.5 Turbo便宜60%")
are not changes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from ..records import Extraction, Mention, Price, PriceChange
from ..rules import load_rules
from ..text.normalise import ascii_digits_and_stops
from ..text.numbers import CN_NUM, NUMERALS, cn_number, number, plain, ratio
from ..text.patterns import alternation
from .base import Context, Sentence, extractor
from .gates import words_re

# ---------------------------------------------------------------- the rules' data


@dataclass(frozen=True)
class CurrencyUnit:
    code: str                           # ISO 4217
    factor: str                         # to the main unit, a decimal ("0.01" for 分)


@dataclass(frozen=True)
class SharedUnitGap:
    joiners: tuple[str, ...]
    pronouns: tuple[str, ...]
    parts: tuple[str, ...]
    price_nouns: tuple[str, ...]
    adverbs: tuple[str, ...]
    copulas: tuple[str, ...]


@dataclass(frozen=True)
class Discount:
    before: str                         # 打三折
    after: str
    digits: str
    decimal_digits: str


@dataclass(frozen=True)
class PriceRules:
    """``kg/rules/<lang>/prices.yaml``: the words the price and price-change rules are built from."""

    currency_units: dict[str, CurrencyUnit]
    sign_with_unit: tuple[str, ...]
    named_currency_units: tuple[str, ...]
    currency_signs: dict[str, str]
    not_after_currency: tuple[str, ...]
    fractions: dict[str, str]
    fraction_of: str
    token_multipliers: dict[str, int]
    token_words: tuple[str, ...]
    per_words: tuple[str, ...]
    spoken_per: tuple[str, ...]
    stated_unit_before: tuple[str, ...]
    stated_unit_after: tuple[str, ...]
    unit_first: tuple[str, ...]
    unit_kinds: tuple[str, ...]
    unit_counters: tuple[str, ...]
    kind_words: dict[str, str]
    cache_words: dict[str, str]
    both_kinds_first: tuple[str, ...]
    both_kinds_joiners: tuple[str, ...]
    to_new_neutral: tuple[str, ...]
    to_new_cut: tuple[str, ...]
    to_new_rise: tuple[str, ...]
    from_words: tuple[str, ...]
    possessive: tuple[str, ...]
    perfective: tuple[str, ...]
    shared_unit_gap: SharedUnitGap
    amount_joiners: tuple[str, ...]
    model_joiners: tuple[str, ...]
    price_cues: tuple[str, ...]
    other_things: tuple[str, ...]
    conversions: tuple[str, ...]
    others: tuple[str, ...]
    costs: tuple[str, ...]
    price_words: tuple[str, ...]
    anaphors: tuple[str, ...]
    anaphor_pronouns: tuple[str, ...]
    anaphor_price_chars: tuple[str, ...]
    pricing_openers: tuple[str, ...]
    move_openers: tuple[str, ...]
    move_subjects: tuple[str, ...]
    matched_verbs: tuple[str, ...]
    question_marks: tuple[str, ...]
    parallel_words: tuple[str, ...]
    free: tuple[str, ...]
    not_free_before: tuple[str, ...]
    not_free_after: tuple[str, ...]
    free_adverbs: tuple[str, ...]
    free_as_new: tuple[str, ...]
    cut_words: tuple[str, ...]
    rise_words: tuple[str, ...]
    change_fillers: tuple[str, ...]
    times: tuple[str, ...]
    tenths: str
    tenth_digits: str
    old_price: tuple[str, ...]
    fraction_verbs: tuple[str, ...]
    fraction_hedges: tuple[str, ...]
    halving: tuple[str, ...]
    halving_verbs: tuple[str, ...]
    half: tuple[str, ...]
    discount: Discount
    comparisons: tuple[str, ...]
    own_earlier: tuple[str, ...]
    not_price_subjects: tuple[str, ...]


def any_of(words: Sequence[str]) -> str:
    """A non-capturing group of the words, longest first."""
    return "(?:" + alternation(words) + ")"


RULES = load_rules("zh", "prices", PriceRules)
CURRENCY_UNITS: dict[str, tuple[str, Decimal]] = {
    w: (u.code, ratio(u.factor)) for w, u in RULES.currency_units.items()}
CURRENCY_SIGNS = RULES.currency_signs
NOT_AFTER_CURRENCY = "(?!" + alternation(RULES.not_after_currency) + ")"
TOKEN_MULTIPLIERS = RULES.token_multipliers
TOKEN_WORDS = any_of(RULES.token_words)
CHINESE_FRACTIONS: dict[str, Decimal] = {w: ratio(v) for w, v in RULES.fractions.items()}
KIND_WORDS = RULES.kind_words
CACHE_WORDS = RULES.cache_words
TO_NEW_WORDS = [*RULES.to_new_neutral, *RULES.to_new_cut, *RULES.to_new_rise]
RISE_TO_WORDS = list(RULES.to_new_rise)
OF = any_of(RULES.possessive)
PER_FIRST = any_of(RULES.unit_first)        # 每百万tokens: the unit before the amount
SLASH = "/"

# ------------------------------------------------------------------- patterns


TO_NEW = any_of(TO_NEW_WORDS)

NUM = r"(?:\d+(?:\.\d+)?|\.\d+|" + CN_NUM + ")"
TOKEN_UNIT = (r"(?P<tcount>\d+(?:\.\d+)?)?\s*"
              r"(?P<tmul>" + alternation(TOKEN_MULTIPLIERS) + r")?"
              r"\s*(?:" + alternation(RULES.unit_counters) + r"\s*)?(?P<tkind>" + alternation(RULES.unit_kinds)
              + r")?\s*" + TOKEN_WORDS)
# money: an optional sign, a number, a currency word (a sign or a word is required, checked in code)
MONEY = re.compile(r"(?P<sign>" + alternation(list(CURRENCY_SIGNS)) + r")?\s*(?P<num>" + NUM + r")\s*"
                   r"(?P<cur>(?:" + alternation(list(CURRENCY_UNITS)) + r")" + NOT_AFTER_CURRENCY + r")?")
# what a quote holds (an amount without a sign or a currency word is no quote)
MONEY_WORD = words_re((*CURRENCY_SIGNS, *CURRENCY_UNITS))
# the token unit right after an amount: 元/千tokens, 元每百万tokens, 美元/1M tokens
UNIT_AFTER = re.compile(r"\s*(?:" + alternation([SLASH, *RULES.per_words, *RULES.spoken_per]) + r")\s*" + TOKEN_UNIT)
# a token unit stated once for the prices that follow: 以下报价均按每百万tokens计
STATED_UNIT = re.compile(any_of(RULES.stated_unit_before) + r"\s*" + PER_FIRST + r"?\s*" + TOKEN_UNIT + r"\s*"
                         + any_of(RULES.stated_unit_after))
# the token unit before an amount in the same clause: 每百万tokens输入1元, 每千tokens的价格为0.008元
UNIT_BEFORE = re.compile(PER_FIRST + r"\s*" + TOKEN_UNIT + r"[^\d，,。；;！？]{0,12}$")
# what may stand between two amounts that share one token unit:
# "、" "和" (lists), "、输出" (每百万tokens输入1元、输出2元), "下调至" (从5元/百万tokens下调至1元)
_G = RULES.shared_unit_gap
SHARED_UNIT_GAP = re.compile(
    r"^\s*" + any_of(_G.joiners) + r"?\s*" + any_of(_G.pronouns) + "?"
    + any_of(list(KIND_WORDS) + list(CACHE_WORDS)) + "?" + any_of(_G.parts) + "?" + OF + "?"
    + any_of(_G.price_nouns) + "?" + any_of(_G.adverbs) + "?" + any_of([*_G.copulas, *TO_NEW_WORDS]) + r"?\s*$")

# between an amount in a named currency (新台币40元) and a bare 元 of the same run: 降至, 、, 和, 输出
# (or another clause of the same sentence about prices: "…新台币72元；B则是输入4元、输出16元")
NAMED_CURRENCY_GAP = re.compile(r"[^，,。；;\d]{0,8}$|[^。！？!?]{0,30}?" + any_of(list(RULES.kind_words)) + r"$")
# a qualifier in brackets right after an amount: 1元（缓存命中）、4元（缓存未命中）
QUALIFIER_AFTER = re.compile(r"\s*[（(](?P<q>[^（）()\d]{1,16})[）)]")
# a unit of something other than tokens right after an amount: 0.1元/张, 99元每月
OTHER_UNIT_AFTER = re.compile(r"\s*(?:" + "|".join(
    [re.escape(SLASH)] + [re.escape(w) + (r"\b" if w.isascii() else "") for w in RULES.per_words]) + ")")
# words in a clause that make an amount without a unit the price of tokens, given a token unit
# named earlier in the sentence: 每百万tokens输入4元，输出价格从16元降至6元
PRICE_CUE = re.compile(alternation(list(KIND_WORDS) + list(CACHE_WORDS) + TO_NEW_WORDS + list(RULES.price_cues)))
# ... but not when the clause prices something else: 月费99元, 每次调用0.1元, 会员价
OTHER_THING = re.compile(alternation(RULES.other_things))
# how far back the "…$" patterns below look: enough for their longest match, and no quadratic scans
WINDOW = 40
# a longer run without a clause break is not a clause a reader would take a kind or cache word from
MAX_CLAUSE = 200
# "从A调整为B": A is the old price, B the new one (the unit may come first: 从每千tokens 0.01元)
OLD_BEFORE = re.compile(any_of(RULES.from_words) + r"\s*(?:" + PER_FIRST + r"\s*" + TOKEN_UNIT + r"\s*)?$")
# the old amount of a change, before its new-price verb: 由20元降到6元 (the cue follows the amount)
NEW_AFTER = re.compile(r"\s*" + TO_NEW)
NEW_BEFORE = re.compile(TO_NEW + r"\s*(?:" + PER_FIRST + r"\s*" + TOKEN_UNIT + r"\s*)?$")
# a conversion of a price stated before: 约合1.1元/百万tokens
CONVERSION_BEFORE = re.compile(any_of(RULES.conversions) + r"[^，,。；;\d]{0,4}$")
# the price of someone else, between the model and the amount: 比行业平均的0.12元/千tokens低
OTHERS_BETWEEN = re.compile(alternation(RULES.others))
# a cost, not a price: 推理成本约为0.5元/百万tokens
COST_WORDS = re.compile(alternation(RULES.costs))
PRICE_WORDS = re.compile(alternation(RULES.price_words))
# "该模型的输出价格则为…": a sentence that continues the model named before it
PRICING_OPENER = re.compile(r"^[^，,。；;：:]{0,4}?" + any_of(RULES.pricing_openers)
                            # or the move of a price: "从5元/百万tokens降至1元。"
                            + r"|^\s*" + any_of(RULES.move_subjects) + "?" + any_of(RULES.move_openers)
                            + r"\s*(?:" + PER_FIRST + r"\s*" + TOKEN_UNIT + r"\s*)?\d")
# a model a sentence measures another against: "X，性能逼近Y、Z等模型，价格…" (Y and Z are not priced)
MATCHED = re.compile(any_of(RULES.matched_verbs) + r"[^，,。；;：:]*$")
# between a model and its prices told in parallel with the list before: B则为…
PARALLEL = re.compile(r"\s*" + any_of(RULES.parallel_words) + r"\s*")
# the start of a clause, up to a model: "根据公告，" before it, or nothing
CLAUSE_OPENING = re.compile(r"(?:^|[，,：:])\s*$")
# "某某：" opening an answer: a short speaker label and a colon
SPEAKER_LABEL = re.compile(r"^\s*[^，,。；;：:\s]{1,8}[：:]")
ANAPHOR = re.compile(alternation(RULES.anaphors) + "|" + any_of(RULES.anaphor_pronouns)
                     + r"(?=[^，,。；;]{0,8}" + any_of(RULES.anaphor_price_chars) + ")")

FREE = re.compile(alternation(RULES.free))
NOT_FREE_BEFORE = re.compile(any_of(RULES.not_free_before) + r"[^，,。；;]{0,2}$")
NOT_FREE_AFTER = re.compile(r"^" + OF + r"?(?:" + alternation(RULES.not_free_after) + r"|\d)")
FREE_ADVERBS = any_of(RULES.free_adverbs)
FREE_AS_NEW = re.compile(TO_NEW + FREE_ADVERBS + "?$")

# ------------------------------------------------------------ price changes

CUT_WORDS = list(RULES.cut_words)
RISE_WORDS = list(RULES.rise_words)
# 降幅达到97%, 降低了50%, 下调约30% ("至"/"到" are not here: "降至30%" is the new level, not the change)
CHANGE_FILLER = r"(?:" + alternation(RULES.change_fillers) + r"|\s)*"
PERCENT = r"(?P<pct>\d+(?:\.\d+)?)\s*[%％]|" + re.escape(NUMERALS.percent) + "(?P<cnpct>" + CN_NUM + ")"
# 四成: forty per cent
TENTHS = rf"(?P<tenths>[{re.escape(RULES.tenth_digits)}]|\d)" + re.escape(RULES.tenths)
CHANGE_PERCENT = re.compile(
    r"(?P<verb>" + alternation(CUT_WORDS + RISE_WORDS) + ")" + CHANGE_FILLER + "(?:" + PERCENT + "|" + TENTHS + ")")
# the further figures of a list after a change, hedged or not: 降幅分别为60%和50%, 分别为50%和约33%
MORE_PERCENT = re.compile(r"\s*" + any_of(RULES.amount_joiners) + r"\s*" + any_of(RULES.fraction_hedges)
                          + r"?(?P<pct>\d+(?:\.\d+)?)\s*[%％]")
CHANGE_TIMES = re.compile(
    any_of(CUT_WORDS) + CHANGE_FILLER + r"(?P<n>\d+(?:\.\d+)?|" + CN_NUM + r")\s*" + any_of(RULES.times))
OLD_PRICE = any_of(RULES.old_price)
_D = RULES.discount
# 三折 / 3.5折 / 七五折 (7.5): tenths of the old price to pay
DISCOUNT_TENTHS = (rf"(?P<n>\d(?:\.\d)?|[{re.escape(_D.digits)}](?:{re.escape(NUMERALS.decimal_point)}?"
                   rf"[{re.escape(_D.decimal_digits)}])?)" + re.escape(_D.after))
# 六分之一 (any "N分之M" in Chinese numerals), 一半, 1/6
FRACTION = (r"(?P<den>" + CN_NUM + ")" + re.escape(RULES.fraction_of) + "(?P<nom>" + CN_NUM + ")"
            r"|(?P<frac>" + alternation(list(CHINESE_FRACTIONS)) + r")|(?P<a>\d+)\s*/\s*(?P<b>\d+)")
CHANGE_FRACTION = re.compile(
    any_of(RULES.fraction_verbs) + OLD_PRICE + OF + any_of(RULES.fraction_hedges) + "?"
    "(?:" + FRACTION + "|" + PERCENT + "|" + DISCOUNT_TENTHS + "|" + TENTHS + ")")     # 降至原价的三折 / 四成
# cut *by* a fraction (降了三分之一, 下降了约一半): the share taken off, not the share left
CHANGE_FRACTION_BY = re.compile("(?:" + alternation(CUT_WORDS) + ")" + CHANGE_FILLER + "(?:" + FRACTION + ")")
CHANGE_HALF = re.compile(alternation(RULES.halving) + "|" + any_of(RULES.halving_verbs) + any_of(RULES.perfective)
                         + "?" + any_of(RULES.half))
CHANGE_DISCOUNT = re.compile(re.escape(_D.before) + any_of(RULES.perfective) + "?" + DISCOUNT_TENTHS)   # 打了三折
# what every match of a change pattern opens with (a sentence without one states no change)
CHANGE_WORD = words_re((*CUT_WORDS, *RISE_WORDS, *RULES.fraction_verbs, *RULES.halving, *RULES.halving_verbs, _D.before))
# a comparison, not a change: 比行业便宜99%, 较GPT-4降低90% (but 较此前下降50% is a change)
COMPARISON_BEFORE = re.compile(
    any_of(RULES.comparisons) + "(?!" + OLD_PRICE + "|" + alternation(RULES.own_earlier) + r")[^，,。；;]{0,14}$")
# a change of something that is not a price: 推理成本下降90%, KV缓存减少93.3%
NOT_PRICE_SUBJECT = re.compile(alternation(RULES.not_price_subjects))


# -------------------------------------------------------------------- parsing

@dataclass(frozen=True)
class TokenUnit:
    tokens: int                  # the number of tokens the amount pays for
    kind: str | None             # "每百万输入tokens" names the kind in the unit


def token_unit(m: re.Match[str]) -> TokenUnit | None:
    count = number(m.group("tcount")) if m.group("tcount") else Decimal(1)
    tokens = count * (TOKEN_MULTIPLIERS[m.group("tmul")] if m.group("tmul") else 1) if count is not None else None
    if tokens is None or tokens < 1 or tokens != tokens.to_integral_value() or tokens > 10**12:
        return None
    return TokenUnit(int(tokens), KIND_WORDS.get(m.group("tkind") or ""))


@dataclass(frozen=True)
class Quote:
    """An amount of money in a sentence; a price once it has a token ``unit``."""

    start: int                   # offsets in the sentence
    end: int
    amount: Decimal              # in the main unit of ``currency`` (0.8厘 → 0.0008 CNY)
    currency: str
    unit: TokenUnit | None = None
    scoped: bool = False         # the unit came first ("每百万tokens输入1元"): it scopes what follows
    kind: str | None = None      # from a qualifier in brackets after the amount: 4元（缓存未命中）
    cache: str | None = None
    carried: bool = False        # the unit came from the sentence before
    named: bool = False          # 新台币40元: a currency's name set the currency of 元 (the next 元 shares it)

    @property
    def per_million(self) -> Decimal | None:
        if self.unit is None:
            return None
        return plain(self.amount * Decimal(1_000_000) / Decimal(self.unit.tokens))


def find_quotes(text: str, carried: Quote | None = None, stated: TokenUnit | None = None) -> list[Quote]:
    """Every amount of money in ``text`` with its token unit, if it has one (pure string work).

    Offsets are those of ``text``; full-width digits are read like ASCII ones.
    ``carried``: a quote of the sentence before whose "每百万tokens" may
    still scope this sentence's amounts ("…每百万tokens输入2元。输出价格为8元。").
    ``stated``: the token unit the article stated once for its prices ("均按每百万tokens计").
    """
    text = ascii_digits_and_stops(text)                    # one character for one: offsets do not move
    if MONEY_WORD.search(text) is None:
        return []                             # no sign and no currency word: no amount of money
    quotes: list[Quote] = []
    for m in MONEY.finditer(text):
        if not (m.group("sign") or m.group("cur")):
            continue                          # a bare number
        if m.group("sign") and m.group("cur") and m.group("cur") not in RULES.sign_with_unit:
            continue                          # "$3美分": confused, skip it
        value = number(m.group("num"))
        if value is None or value < 0:
            continue
        if m.group("cur"):
            code, factor = CURRENCY_UNITS[m.group("cur")]
            if m.group("sign"):
                code = CURRENCY_SIGNS[m.group("sign")]
        else:
            code, factor = CURRENCY_SIGNS[m.group("sign")], Decimal(1)
        if not m.group("sign") and quotes and quotes[-1].named and code == "CNY" \
                and NAMED_CURRENCY_GAP.match(text, quotes[-1].end, m.start()):
            code = quotes[-1].currency        # 由新台币40元降至20元: 20元 is in new Taiwan dollars too
        unit = None
        after = UNIT_AFTER.match(text, m.end())
        end = m.end()
        scoped = False
        if after:
            unit, end = token_unit(after), after.end()
        else:
            clause_start = max(text.rfind(c, 0, m.start()) for c in "，,。；;") + 1
            before = UNIT_BEFORE.search(text, clause_start, m.start())
            if before:
                unit, scoped = token_unit(before), True
        kind = cache = None
        qualifier = QUALIFIER_AFTER.match(text, end)
        if qualifier:
            words = qualifier.group("q")
            kind, cache = last_word(words, KIND_WORDS), last_word(words, CACHE_WORDS)
        if qualifier and (kind or cache):
            end = qualifier.end()             # 1元（缓存命中）、4元: the list goes on after the bracket
        named = code != "CNY" and m.group("cur") in RULES.named_currency_units if m.group("sign") else False
        named = named or (bool(quotes) and quotes[-1].named and code == quotes[-1].currency and not m.group("sign"))
        quotes.append(Quote(m.start(), end, value * factor, code, unit, scoped, kind, cache, named=named))
    return carry_units(text, share_units(text, quotes), carried, stated)


def carry_units(text: str, quotes: list[Quote], carried: Quote | None,
                stated: TokenUnit | None = None) -> list[Quote]:
    """Give an amount without a unit the token unit named earlier in the sentence (or by ``carried``).

    "输入价格为每百万tokens 4元，输出价格从16元降至6元": 16元 and 6元 are per
    million tokens too. Only in a clause about a price (价格, 输出, 降至 …),
    not about anything else (月费, 每次调用), and in the same currency. With
    none, the unit ``stated`` for the article's prices, in any currency.
    """
    last = carried if carried is not None and carried.scoped else None
    out = []
    for q in quotes:
        if q.unit is not None:
            last = q
            out.append(q)
            continue
        same = last is not None and last.unit is not None and q.currency == last.currency
        if (same or stated is not None) and _price_clause(text, q):
            if same and last is not None and last.unit is not None:
                q = replace(q, unit=replace(last.unit, kind=None), carried=last is carried)
            else:
                q = replace(q, unit=stated)
        out.append(q)
    return out


def _price_clause(text: str, q: Quote) -> bool:
    """Is ``q`` in a clause about a price (价格, 输出, 降至 …), not about anything else (月费, 每次调用)?"""
    clause = clause_before(text, q.start)
    cued = PRICE_CUE.search(clause) is not None or NEW_AFTER.match(text, q.end) is not None
    return cued and not OTHER_THING.search(clause) \
        and not OTHER_UNIT_AFTER.match(text, q.end)


def share_units(text: str, quotes: list[Quote]) -> list[Quote]:
    """Give amounts without a unit the unit of a neighbour they are listed with.

    Right to left first ("12元、24元和60元/百万tokens"), then left to right
    ("每百万tokens输入1元、输出2元", "从5元/百万tokens下调至1元").
    """
    quotes = list(quotes)
    for order in (range(len(quotes) - 2, -1, -1), range(1, len(quotes))):
        for i in order:
            j = i + 1 if order.step == -1 else i - 1
            here, there = quotes[i], quotes[j]
            if here.unit is not None or there.unit is None:
                continue
            gap = text[here.end:there.start] if j > i else text[there.end:here.start]
            if SHARED_UNIT_GAP.match(gap):
                quotes[i] = replace(here, unit=there.unit, scoped=there.scoped)
    return quotes


# 输入和输出价格均为…: the first kind word and a joiner before the last kind word name both kinds
BOTH_KINDS = re.compile(any_of(RULES.both_kinds_first) + any_of(RULES.both_kinds_joiners) + "?$")


def last_word(text: str, table: dict[str, str]) -> str | None:
    """The value of the last word of ``table`` in ``text`` (输入/输出, 命中/未命中)."""
    found = list(re.finditer(alternation(list(table)), text))
    if not found:
        return None
    last = found[-1]
    if table is KIND_WORDS and BOTH_KINDS.search(text[:last.start()]):
        return None                           # 输入和输出价格均为…: both kinds
    return table[last.group(0)]


def clause_before(text: str, pos: int, stops: str = "，,；;。") -> str:
    """The text from the last clause break before ``pos`` (at most ``MAX_CLAUSE`` characters) to ``pos``."""
    start = max(0, pos - MAX_CLAUSE)
    return text[max(start, *(text.rfind(c, start, pos) + 1 for c in stops)):pos]


# ---------------------------------------------------------------- attribution

LIST_GAP = re.compile(r"\s*" + any_of(RULES.model_joiners) + r"\s*")
# "腾讯云的混元-lite、科大讯飞的讯飞星火Lite": a list word, then the owner of the next model
OWNER_GAP = re.compile(LIST_GAP.pattern + r"(?P<owner>[^，,。；;：:、]{1,16}?)" + OF + r"\s*")


def coordinated(models: Sequence[Mention], last: Mention, text: str, base: int,
                orgs: Sequence[Mention] = ()) -> list[Mention]:
    """``last`` and the models listed right before it: "ERNIE Speed、ERNIE Lite", "星火Pro/Max",
    "A公司的X、B公司的Y" (``orgs``: the organisations named in the sentence)."""
    chain = [last]
    for m in reversed([m for m in models if m.end <= last.start]):
        gap = text[m.end - base:chain[0].start - base]
        if not LIST_GAP.fullmatch(gap):
            owner = OWNER_GAP.fullmatch(gap)
            start = m.end + owner.start("owner") if owner else -1
            if not owner or not any(o.start == start and o.end == m.end + owner.end("owner") for o in orgs):
                break
        chain.insert(0, m)
    return chain


def models_before(ctx: Context, index: int, pos: int) -> list[Mention]:
    """The model(s) a fact at ``pos`` of sentence ``index`` is about, or [] if none."""
    sent = ctx.sentences[index]
    models = [m for m in sent.mentions if m.type == "Model"]
    before = [m for m in models if m.end - sent.start <= pos]
    measured = [m for m in before if not MATCHED.search(ctx.text, sent.start, m.start)]
    if measured and len(measured) < len(before):
        before = measured           # the models it is measured against are named after it, in their own clause
    if before:
        orgs = [m for m in sent.mentions if m.type == "Organization"]
        return coordinated(models, before[-1], sent.text, sent.start, orgs)
    if not ANAPHOR.search(sent.text, 0, pos):
        return _priced_after_launch(ctx, index) or _answered_question(ctx, index)
    # 该模型…: the last model named earlier in the same paragraph
    for prev in reversed(ctx.sentences[max(0, index - 4):index]):
        if "\n" in ctx.text[prev.start:sent.start]:
            break
        named = [m for m in prev.mentions if m.type == "Model"]
        if named:
            return [named[-1]]
    return []


def _priced_after_launch(ctx: Context, index: int) -> list[Mention]:
    """"…发布推理模型X。国内定价为：…": a sentence opening with its pricing prices the one model the sentence
    right before (in the same paragraph) names."""
    sent = ctx.sentences[index]
    if index == 0 or not PRICING_OPENER.match(sent.text):
        return []
    prev, named = _launch_sentence(ctx, index)
    if prev is None or not named:
        return []
    if len({m.text for m in named}) == 1:
        return [named[-1]]
    # 根据公告，X以Y为基座…。定价方面，…: several models, the first the subject of its clause
    first = named[0]
    return [first] if CLAUSE_OPENING.search(ctx.text, prev.start, first.start) else []


def _launch_sentence(ctx: Context, index: int) -> tuple[Sentence | None, list[Mention]]:
    """The sentence before ``index`` in its paragraph that names a model of its own, and those models: a
    sentence naming only models its model is measured against ("该模型…已接近Y。") is read past."""
    for back in range(index - 1, max(-1, index - 4), -1):
        prev = ctx.sentences[back]
        if "\n" in ctx.text[prev.start:ctx.sentences[back + 1].start]:
            break
        named = [m for m in prev.mentions if m.type == "Model"]
        own = [m for m in named if not MATCHED.search(ctx.text, prev.start, m.start)]
        if own:
            return prev, own
        if not named:
            break
    return None, []


def _answered_question(ctx: Context, index: int) -> list[Mention]:
    """"问：这次岫澜2降价，现在是什么价位？" / "某某：输入每百万tokens 1元…": an answer opened by its speaker
    prices the one model the question right before it names."""
    sent = ctx.sentences[index]
    if index == 0 or not SPEAKER_LABEL.match(sent.text):
        return []
    prev = ctx.sentences[index - 1]
    named = {m.text: m for m in prev.mentions if m.type == "Model"}
    if not prev.text.rstrip().rstrip("*").endswith(tuple(RULES.question_marks)) or len(named) != 1:
        return []
    return list(named.values())


# 输入降为新台币18元 / 输出6元: an amount right after the kind of tokens it prices (and a verb of change)
KIND_AMOUNT = re.compile(any_of(list(RULES.kind_words)) + r"(?:" + any_of(RULES.fraction_verbs) + r")?\s*$")


def _kind_amounts(text: str, quotes: list[Quote], faded: Quote) -> bool:
    """Whether a sentence's amounts go on in the unit of the paragraph before: none has a unit of its own,
    each is in that paragraph's currency and follows the kind of tokens it prices (an interview's next
    answer: "…输入每百万tokens新台币24元。" ¶ "…打七五折，输入降为新台币18元、输出降为新台币72元。")."""
    return bool(quotes) and all(q.unit is None and q.currency == faded.currency
                                and KIND_AMOUNT.search(text, max(0, q.start - 12), q.start) for q in quotes)


def is_own_price(text: str, q: Quote, model_end: int | None) -> bool:
    """False for conversions, other parties' prices and costs (``model_end``: offset in ``text``)."""
    clause = clause_before(text, q.start)
    if CONVERSION_BEFORE.search(clause):
        return False
    between = text[model_end:q.start] if model_end is not None and model_end <= q.start else clause
    between = between[-30:]
    if OTHERS_BETWEEN.search(between):
        return False
    return not (COST_WORDS.search(clause) and not PRICE_WORDS.search(clause))


def sentence_quotes(ctx: Context) -> list[tuple[int, Sentence, list[Quote]]]:
    """(index, sentence, quotes with a token unit) of every sentence (prices and changes read them).

    A "每百万tokens" of the sentence before in the same paragraph still scopes
    amounts without a unit ("…每百万tokens输入2元。输出价格为8元。").
    """
    return ctx.shared("sentence_quotes", lambda: list(_sentence_quotes(ctx)))


def _sentence_quotes(ctx: Context) -> Iterator[tuple[int, Sentence, list[Quote]]]:
    carried: Quote | None = None
    faded: Quote | None = None                # the carried unit of the paragraph before (see _kind_amounts)
    stated: TokenUnit | None = None           # "以下价格均按每百万tokens计": for the rest of the article
    for index, sent in enumerate(ctx.sentences):
        if index and "\n" in ctx.text[ctx.sentences[index - 1].start:sent.start]:
            faded, carried = carried or faded, None
        said = STATED_UNIT.search(ascii_digits_and_stops(sent.text))
        stated = token_unit(said) if said else stated
        quotes = find_quotes(sent.text, carried, stated)
        if faded is not None and _kind_amounts(sent.text, quotes, faded):
            quotes = find_quotes(sent.text, faded, stated)
        with_unit = [q for q in quotes if q.unit is not None]
        if with_unit or (carried is not None and any(q.currency == carried.currency for q in quotes)):
            # the last amount, or the last one whose "每百万tokens" scoped the amounts after it
            carried = next((q for q in reversed(with_unit) if q.scoped), with_unit[-1]) if with_unit else None
        # else the unit goes on past a sentence with no money of its currency ("…新台币18元。以汇率换算约合
        # 0.6美元。输入价格由新台币20元降为12元": still per million tokens)
        yield index, sent, with_unit


@extractor("prices")
def prices(ctx: Context, out: Extraction) -> None:
    before: list[Mention] = []                # the owners of the last price of the sentence before
    for index, sent, quotes in sentence_quotes(ctx):
        text = sent.text
        when = ctx.date_in(text) if quotes else None     # (read only for a price, and most sentences have none)
        last_owners, before = before, []
        listed: list[str | None] = []         # the kinds of the sentence's last group of prices
        for group in listed_groups(text, quotes):
            owners = models_before(ctx, index, group[0].start)
            if not owners and group[0].carried:
                owners = last_owners          # "…每百万tokens输入2元。输出价格为8元。": the same model
            if not owners:
                continue
            before = owners
            local_end = owners[-1].end - sent.start if owners[-1].start >= sent.start else None
            pairs = respectively(text, group, owners, local_end)
            pairs = _parallel_kinds(text, pairs, listed, local_end)
            listed = [k for _, _, k in pairs]
            for q, model, kind in pairs:
                if not is_own_price(text, q, local_end):
                    continue
                clause = clause_before(text, q.start)
                old = OLD_BEFORE.search(text, max(0, q.start - WINDOW), q.start) is not None
                new = NEW_BEFORE.search(text, max(0, q.start - WINDOW), q.start) is not None
                amount = q.amount
                cache = q.cache or last_word(clause, CACHE_WORDS)
                out.prices.append(Price(
                    model=model, evidence=ctx.evidence(sent, "amount-per-tokens"),
                    currency=q.currency, amount=plain(amount), unit_tokens=q.unit.tokens if q.unit else None,
                    per_million=q.per_million, is_free=amount == 0,
                    # a cache hit or miss is of input tokens: "缓存命中的部分按0.3元算" after "输入1.2元"
                    token_kind=(kind or (q.unit.kind if q.unit else None) or q.kind
                                or last_word(clause, KIND_WORDS) or ("input" if cache else None)),
                    cache=cache,
                    valid_from=when if new else None,
                    # the old price of "从A调整为B" ended by the time of the article at the latest
                    valid_until=(when or ctx.article.date) if old else None))
        free_tiers(ctx, index, out)


AMOUNT_LIST_GAP = re.compile(r"\s*" + any_of(RULES.amount_joiners) + r"\s*")


def listed_groups(text: str, quotes: list[Quote]) -> list[list[Quote]]:
    """Quotes in runs joined only by list words: "12元、24元和60元/百万tokens" is one run."""
    groups: list[list[Quote]] = []
    for q in quotes:
        if groups and AMOUNT_LIST_GAP.fullmatch(text, groups[-1][-1].end, q.start):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups


def respectively(text: str, group: list[Quote], owners: list[Mention],
                 model_end: int | None) -> list[tuple[Quote, Mention, str | None]]:
    """Pair a list of quotes in order with as many models, or with as many kinds named before it.

    "A、B和C的价格分别为12元、24元和60元/百万tokens" → one each;
    "输入、输出价格分别为1元/百万tokens和2元/百万tokens" → input, output.
    Otherwise every model gets every quote ("Pro和Max的价格低至…").
    """
    after_model = model_end is not None and model_end <= group[0].start
    # with the model in a sentence before, the kinds are named in the group's own clause
    lead = text[model_end:group[0].start] if after_model \
        else clause_before(text, group[0].start, "。；;") if model_end is None else ""
    if len(group) > 1:
        kinds = [KIND_WORDS[k] for k in re.findall(alternation(list(KIND_WORDS)), lead)]
        if len(kinds) == len(group) and len(owners) == 1:
            return [(q, owners[0], k) for q, k in zip(group, kinds, strict=True)]
        if len(owners) == len(group):
            return [(q, m, None) for q, m in zip(group, owners, strict=True)]
        if len(kinds) == len(group):
            return [(q, m, k) for q, k in zip(group, kinds, strict=True) for m in owners]
    return [(q, m, None) for q in group for m in owners]


def _parallel_kinds(text: str, pairs: list[tuple[Quote, Mention, str | None]], listed: list[str | None],
                    model_end: int | None) -> list[tuple[Quote, Mention, str | None]]:
    """"A的输入、输出价格分别为2元和8元；B则为0.5元和2元": a list of as many prices told in parallel (则为) with
    the list before it has that list's kinds, in order."""
    if len(pairs) != len(listed) or any(k for _, _, k in pairs) or not all(listed) or model_end is None:
        return pairs
    if not PARALLEL.fullmatch(text, model_end, pairs[0][0].start):
        return pairs
    return [(q, m, k) for (q, m, _), k in zip(pairs, listed, strict=True)]


def free_tiers(ctx: Context, index: int, out: Extraction) -> None:
    """"ERNIE Speed、ERNIE Lite全面免费", "混元-lite从0.008元/千tokens调整为全面免费"."""
    sent = ctx.sentences[index]
    text = sent.text
    done: set[tuple[int, int]] = set()
    for m in FREE.finditer(text):
        negated = NOT_FREE_BEFORE.search(text, max(0, m.start() - WINDOW), m.start())
        if negated or NOT_FREE_AFTER.match(text[m.end():]):
            continue
        owners = models_before(ctx, index, m.start())
        if not owners:
            continue
        if owners[-1].start >= sent.start:
            between = text[owners[-1].end - sent.start:m.start()]
            if OTHERS_BETWEEN.search(between) or re.search(r"[。；;]", between):
                continue
        new = FREE_AS_NEW.search(text, max(0, m.start() - WINDOW), m.start()) is not None
        for model in owners:
            if (model.start, model.end) in done:
                continue                      # "免费开放…直接归零": one free price per model and sentence
            done.add((model.start, model.end))
            out.prices.append(Price(model=model, evidence=ctx.evidence(sent, "free"), is_free=True,
                                    currency=None, valid_from=ctx.date_in(text) if new else None))


# ------------------------------------------------------------- price changes

def percent_value(m: re.Match[str]) -> float | None:
    if "tenths" in m.re.groupindex and m.group("tenths"):
        tenths = number(m.group("tenths"))
        return float(tenths) * 10 if tenths is not None else None
    if m.group("pct"):
        value = number(m.group("pct"))
    else:
        value = number(m.group("cnpct"))
    return float(value) if value is not None else None


def discount_tenths(figure: str) -> Decimal | None:
    """The tenths a discount names: 3, 3.5, 三, 三点五, and 七五 (two digits in a row: 7.5)."""
    if len(figure) == 2 and all(ch in _D.digits + _D.decimal_digits for ch in figure):
        whole, tenth = number(figure[0]), number(figure[1])
        return whole + tenth / 10 if whole is not None and tenth is not None else None
    return number(figure)


def fraction_share(m: re.Match[str]) -> float | None:
    """The share a ``FRACTION`` names (六分之一, 一半, 1/6); None when the match holds another figure."""
    if m.group("den"):
        den, nom = cn_number(m.group("den")), cn_number(m.group("nom"))
        return float(nom / den) if den and nom is not None else math.inf
    if m.group("frac"):
        return float(CHINESE_FRACTIONS[m.group("frac")])
    if m.group("a"):
        b = int(m.group("b"))
        return int(m.group("a")) / b if b else math.inf
    return None


def find_changes(text: str) -> list[tuple[int, float]]:
    """(offset, percent) of each stated price change in ``text``; a cut is negative (pure string work)."""
    if CHANGE_WORD.search(text) is None:
        return []                             # none of the words each change pattern opens with
    text = ascii_digits_and_stops(text)
    found: list[tuple[int, float]] = []
    for m in CHANGE_PERCENT.finditer(text):
        pct = percent_value(m)
        if pct is None:
            continue
        sign = 1 if m.group("verb") in RISE_WORDS else -1
        found.append((m.start(), sign * pct))
        more = m.end()
        while (listed := MORE_PERCENT.match(text, more)) is not None:   # 降幅分别为60%和50%
            found.append((listed.start("pct"), sign * float(listed.group("pct"))))
            more = listed.end()
    for m in CHANGE_TIMES.finditer(text):
        n = number(m.group("n"))
        if n is not None and n > 1:
            found.append((m.start(), -(1 - 1 / float(n)) * 100))       # 下降5倍: a fifth of the old price
    for m in CHANGE_FRACTION.finditer(text):
        share = fraction_share(m)
        if share is None and m.group("n"):
            tenths = discount_tenths(m.group("n"))
            share = float(tenths) / 10 if tenths is not None else math.inf
        elif share is None:
            pct = percent_value(m)      # 20 %, or 四成 (40)
            share = pct / 100 if pct is not None else math.inf
        if 0 <= share < 1:                                              # "降至": a smaller share only
            found.append((m.start(), -(1 - share) * 100))
    for m in CHANGE_FRACTION_BY.finditer(text):
        share = fraction_share(m)
        if m.group("frac") in RULES.half:
            continue            # 下降了一半: CHANGE_HALF reads it
        if share is not None and 0 < share < 1:
            found.append((m.start(), -share * 100))
    for m in CHANGE_HALF.finditer(text):
        found.append((m.start(), -50.0))
    for m in CHANGE_DISCOUNT.finditer(text):
        n = discount_tenths(m.group("n"))
        if n is not None:
            found.append((m.start(), -(1 - float(n) / 10) * 100))     # 打三折: pay 30 %
    out = []
    for pos, pct in found:
        if not math.isfinite(pct) or pct == 0 or pct < -100 or pct > 1000:
            continue
        if COMPARISON_BEFORE.search(text, max(0, pos - WINDOW), pos):
            continue                                                   # 比行业便宜99%
        clause = clause_before(text, pos)
        if NOT_PRICE_SUBJECT.search(clause) and not PRICE_WORDS.search(clause):
            continue                                                   # 推理成本下降90%
        out.append((pos, round(pct, 2)))
    return sorted(out)


@extractor("priceChanges")
def price_changes(ctx: Context, out: Extraction) -> None:
    before: list[Mention] = []                # the owners of the last price of the sentence before
    for index, sent, quotes in sentence_quotes(ctx):
        last_owners = before
        before = []
        if quotes:
            last = quotes[-1]
            before = models_before(ctx, index, last.start) or (last_owners if last.carried else [])
        stated = find_changes(sent.text)
        when = ctx.date_in(sent.text) if quotes or stated else None     # (a change needs a figure or a price)
        stated_models = [(pos, {(m.start, m.end) for m in models_before(ctx, index, pos)})
                         for pos, _ in stated]
        for pos, pct in stated:
            for model in models_before(ctx, index, pos):
                kind = last_word(clause_before(sent.text, pos, "。；;"), KIND_WORDS)
                out.changes.append(PriceChange(
                    model=model, percent=pct, evidence=ctx.evidence(sent, "price-change"),
                    date=when, token_kind=kind))
        moves = price_moves(sent.text, quotes)
        for i, (old, _, pct) in enumerate(moves):
            owners = models_before(ctx, index, old.start) or (last_owners if old.carried else [])
            local_end = owners[-1].end - sent.start if owners and owners[-1].start >= sent.start else None
            if not owners or not is_own_price(sent.text, old, local_end):
                continue
            # a change also stated in words ("从A降至B，降幅60%") is not counted twice
            lo = moves[i - 1][1] if i else 0
            hi = moves[i + 1][0].start if i + 1 < len(moves) else len(sent.text)
            said = {(m.start, m.end) for m in owners}
            if any(lo <= pos < hi and models & said for pos, models in stated_models):
                continue
            kind = (old.unit.kind if old.unit else None) or old.kind \
                or last_word(clause_before(sent.text, old.start, "。；;"), KIND_WORDS)
            for model in owners:
                out.changes.append(PriceChange(
                    model=model, percent=pct, evidence=ctx.evidence(sent, "price-change-from-to"),
                    date=when, token_kind=kind))


# "从A降至B" / "从A调整为免费": the gap between the old price and the new one
MOVE_GAP = re.compile(r"[^，,。；;：:“”]{0,6}?(?P<verb>" + TO_NEW + r")\s*(?:" + PER_FIRST + r"\s*" + TOKEN_UNIT
                      + r"\s*)?")
MOVE_TO_FREE = re.compile(r"[^，,。；;：:“”]{0,6}?(?P<verb>" + TO_NEW + r")" + FREE_ADVERBS + "?"
                          + any_of(RULES.free_as_new))
RISE_TO = re.compile(alternation(RISE_TO_WORDS))


def price_moves(text: str, quotes: list[Quote]) -> list[tuple[Quote, int, float]]:
    """(old quote, end of the new price, percent) of each "从A降至B" with both prices (pure string work).

    The percent is computed from the two prices per million tokens: 16元 → 6元
    is −62.5. A rise verb with a lower price (or a cut verb with a higher
    one) is not read; "调整为" takes its sign from the prices.
    """
    text = ascii_digits_and_stops(text)
    moves: list[tuple[Quote, int, float]] = []
    for i, old in enumerate(quotes):
        if not OLD_BEFORE.search(text, max(0, old.start - WINDOW), old.start) or not old.per_million:
            continue
        nxt = quotes[i + 1] if i + 1 < len(quotes) else None
        gap = MOVE_GAP.fullmatch(text, old.end, nxt.start) if nxt is not None else None
        if gap and nxt is not None and nxt.currency == old.currency and nxt.per_million is not None:
            new_value, verb, end = nxt.per_million, gap.group("verb"), nxt.end
        else:
            free = MOVE_TO_FREE.match(text, old.end)
            if not free:
                continue
            new_value, verb, end = Decimal(0), free.group("verb"), free.end()
        pct = float((new_value / old.per_million - 1) * 100)
        rise = RISE_TO.fullmatch(verb) is not None
        cut = not rise and verb not in RULES.to_new_neutral
        if pct == 0 or (rise and pct < 0) or (cut and pct > 0) or pct > 1000:
            continue
        moves.append((old, end, round(pct, 1)))
    return moves
