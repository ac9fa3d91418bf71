"""English prices and price changes: registered for ``lang="en"`` articles (see kg/extractors/base.py).

Same records as the Chinese extractor (``Price``/``PriceChange``, per million
tokens, ISO currency, input/output, cache hit/miss, free, valid_from). Parsing
is pure string work in ``prices_quotes`` (amounts and token units),
``prices_changes`` (cuts and rises) and ``prices_tables`` (Markdown price tables);
this module decides which model each fact belongs to:

* a model named right after the prices with "for" ("$2.19 per million output
  tokens for R1");
* else the nearest model before them in the sentence, with the models listed
  with it ("Mini and the smaller Nano"), skipping models named as a point
  of comparison ("which outperforms X");
* else, when the sentence says "it", "its" or "the model", the model the
  sentences before in the paragraph were about.
"""

from __future__ import annotations

from ...records import Extraction, Mention, Price, PriceChange
from ..base import Context, Sentence, extractor
from .prices_changes import Change, find_changes, is_new_price, price_moves
from .prices_quotes import Quote, find_quotes, listed_groups
from .prices_rules import RULES, clause_after, clause_before, last_in, rx, words
from .prices_tables import table_prices

R = RULES
OWNER_AFTER = rx(r"^(?:[^,;:]*?)\b" + words(R.owner_after) + r"\s+(?:the\s+|its\s+|[\w.-]+'s\s+)?$")
ANAPHOR = rx(words(R.anaphor_pronouns) + "|" + words(R.anaphor_determiners) + r"\s+(?:[\w-]+\s+){0,2}?"
             + words(R.anaphor_nouns))
# en-price-kind-subject: "Input is 2 yuan per million…", "output stayed at $8…": a kind of tokens as the subject of
# a sentence that names no model speaks of the model the paragraph is about
KIND_SUBJECT = rx(r"^\s*(?:(?:the|its|and|but)\s+)?(?:" + words(R.cache_words) + r"\s+)?" + words(R.kind_words)
                  + r"(?:\s+(?:price|prices|rate|rates|tokens))?\s+(?:is|are|was|were|costs?|stays?|stayed|remains?"
                  + r"|remained|sits?|sat|runs?|ran)\b")
# "the $3 and $15 of Claude Sonnet 4": amounts already given to the model after "of"; a price in a later clause
# is another model's
REFERENCE_OF = rx(r"(?:[$€£¥]\s?[\d.,]+|\d[\d.,]*\s*(?:" + words(R.currency_words) + r"))\s+of\s+(?:the\s+)?$")
COMPARED = rx(words(R.comparison_markers) + r"(?:[^,;:]{0,40})$")
OWNER = r"(?:the\s+|[\w.-]+'s\s+)?"
LIST_GAP = rx(r"^\s*(?:,\s*)?(?:and|or|&|/)\s*" + OWNER + r"(?:[a-z-]+\s+){0,2}$|^\s*,\s*" + OWNER + "$")
OTHERS = rx(words(R.others))
COSTS = rx(words(R.costs))
PRICE_WORDS = rx(words(R.price_words))
FREE = rx(words(R.free))
NOT_FREE_BEFORE = rx(words(R.not_free_before) + r"\s+(?:[\w-]+\s+){0,2}$")
NOT_FREE_AFTER = rx(r"\s*(?:" + words(R.not_free_after) + ")")
KIND_TABLE, CACHE_TABLE = R.kind_words, R.cache_words
ONE_OF_BOTH = rx(words(R.kind_words) + r"\s+(?:and|or|/|&)\s+(?:" + words(R.kind_words) + r")?\s*$")

# ------------------------------------------------------------------ attribution


def models_of(sent: Sentence) -> list[Mention]:
    return [m for m in sent.mentions if m.type == "Model"]


def compared(sent: Sentence, m: Mention) -> bool:
    """"…, which outperforms X": X is named as a point of comparison."""
    return COMPARED.search(clause_before(sent.text, m.start - sent.start)) is not None


def coordinated(sent: Sentence, last: Mention) -> list[Mention]:
    """``last`` and the models listed right before it ("Mini and the smaller Nano")."""
    chain = [last]
    for m in reversed([m for m in models_of(sent) if m.end <= last.start]):
        if not LIST_GAP.match(sent.text[m.end - sent.start:chain[0].start - sent.start]):
            break
        chain.insert(0, m)
    return chain


def owner_after(sent: Sentence, end: int) -> list[Mention]:
    """"… $2.19 per million output tokens for R1": a model right after the prices with "for"."""
    for m in models_of(sent):
        if m.start - sent.start >= end:
            between = sent.text[end:m.start - sent.start]
            return [m] if OWNER_AFTER.match(between) and ";" not in between else []
    return []


def owners_before(sent: Sentence, pos: int) -> list[Mention]:
    """The nearest model before ``pos``; one named as a point of comparison only if a clause break follows it
    ("80% cheaper than X, its larger model, which lists at $10")."""
    def fits(m: Mention) -> bool:
        broken = any(c in sent.text[m.end - sent.start:pos] for c in ",;")
        if broken and REFERENCE_OF.search(sent.text, 0, m.start - sent.start):
            return False
        return not compared(sent, m) or broken
    before = [m for m in models_of(sent) if m.end - sent.start <= pos and fits(m)]
    return coordinated(sent, before[-1]) if before else []


def referent(ctx: Context, index: int) -> list[Mention]:
    """The model the sentences before (same paragraph) were about: for "it", "its", "the model"."""
    sent = ctx.sentences[index]
    for prev in reversed(ctx.sentences[max(0, index - 3):index]):
        if "\n" in ctx.text[prev.end:sent.start]:
            break
        named = [m for m in models_of(prev) if not compared(prev, m)]
        if named:
            return [named[-1]]
        sent = prev
    return []


def owners(ctx: Context, index: int, start: int, end: int) -> list[Mention]:
    """The model(s) a fact at [start, end) of sentence ``index`` is about, or []."""
    sent = ctx.sentences[index]
    found = owner_after(sent, end) or owners_before(sent, start)
    if not found and (ANAPHOR.search(sent.text) or KIND_SUBJECT.search(clause_before(sent.text, start))):
        found = referent(ctx, index)
    return found


def is_own_price(text: str, q: Quote, was: bool = False) -> bool:
    """False for conversions, other parties' prices ("instead of $3") and costs ("to serve"); ``was``: the
    old price of a move ("to $2.50, down from $5")."""
    if q.conversion:
        return False
    if was:
        return True
    clause = clause_before(text, q.start)
    if OTHERS.search(clause[-20:]):
        return False
    return not (COSTS.search(clause + clause_after(text, q.end)) and not PRICE_WORDS.search(clause))


# ------------------------------------------------------------------ prices


def kinds_for(text: str, group: list[Quote], models: list[Mention]) -> list[str | None]:
    """Each quote's token kind: its own ("$4.40 of output"), its unit's, a pairing in order with "input and
    output" named before ("$3 and $15 per million input and output tokens"), or the clause's last kind word."""
    both = next((q.kinds for q in group if len(q.kinds) > 1), ())
    out: list[str | None] = []
    for i, q in enumerate(group):
        if q.kind:
            out.append(q.kind)
        elif len(q.kinds) == 1:
            out.append(q.kinds[0])
        elif both and len(both) == len(group):
            out.append(both[i])
        else:
            clause = clause_before(text, q.start)
            out.append(None if ONE_OF_BOTH.search(clause) else last_in(clause, KIND_TABLE))
    return out


def price_records(ctx: Context, index: int, quotes: list[Quote], out: Extraction) -> None:
    sent = ctx.sentences[index]
    text, when = sent.text, ctx.date_in(sent.text)
    old = {(m.old.start, m.old.end) for m in price_moves(text, quotes)}
    own = [q for q in quotes if q.unit is not None and is_own_price(text, q, (q.start, q.end) in old)]
    for group in listed_groups(text, own):
        models = owners(ctx, index, group[0].start, group[-1].end)
        if not models:
            continue
        pairs = list(zip(group, models, strict=True)) if 1 < len(models) == len(group) \
            else [(q, m) for q in group for m in models]
        kinds = dict(zip([id(q) for q in group], kinds_for(text, group, models), strict=True))
        for q, model in pairs:
            cache = q.cache or last_in(clause_before(text, q.start) + clause_after(text, q.end)[:30], CACHE_TABLE)
            was = (q.start, q.end) in old
            out.prices.append(Price(
                model=model, evidence=ctx.evidence(sent, "en-price-per-tokens"), currency=q.currency,
                amount=q.amount, unit_tokens=q.unit.tokens if q.unit else None, per_million=q.per_million,
                is_free=q.amount == 0, token_kind=kinds[id(q)] or ("input" if cache else None), cache=cache,
                valid_from=when if not was and is_new_price(text, q) else None,
                valid_until=(when or ctx.article.date) if was else None))


def free_prices(ctx: Context, index: int, out: Extraction) -> None:
    """"o3-mini is free of charge", "Both Flash and Flash-Lite can be used free of charge", "…would be free
    from April 1" (valid_from); not "not free", not "free to download"."""
    sent = ctx.sentences[index]
    text = sent.text
    done: set[tuple[int, int]] = set()
    for m in FREE.finditer(text):
        if NOT_FREE_BEFORE.search(text, 0, m.start()) or NOT_FREE_AFTER.match(text, m.end()):
            continue
        models = owners_before(sent, m.start()) or (referent(ctx, index) if ANAPHOR.search(text) else [])
        for model in models:
            if (model.start, model.end) in done:
                continue
            done.add((model.start, model.end))
            out.prices.append(Price(model=model, evidence=ctx.evidence(sent, "en-price-free"), is_free=True,
                                    valid_from=ctx.date_in(text[m.end():])))


def sentence_quotes(ctx: Context) -> list[list[Quote]]:
    return ctx.shared("en_sentence_quotes", lambda: [find_quotes(s.text) for s in ctx.sentences])


@extractor("prices", lang="en")
def prices(ctx: Context, out: Extraction) -> None:
    for index, quotes in enumerate(sentence_quotes(ctx)):
        if quotes:
            price_records(ctx, index, quotes, out)
        free_prices(ctx, index, out)
    table_prices(ctx, out)


# ------------------------------------------------------------------ price changes

PRICE_OF = rx(r"^[^,;:]{0,30}?\b(?:price|prices|rate|rates|pricing)\s+of\s+(?:the\s+|its\s+|[\w.-]+'s\s+)?$")


def change_owners(ctx: Context, index: int, c: Change) -> list[Mention]:
    """"cut the price of X by 63%" (X inside), "halved the price of X" (X right after), "X was cut by 50%"."""
    sent = ctx.sentences[index]
    inside = [m for m in models_of(sent) if c.start <= m.start - sent.start and m.end - sent.start <= c.end]
    if inside:
        return coordinated(sent, inside[-1])
    after = [m for m in models_of(sent) if m.start - sent.start >= c.end]
    if after and PRICE_OF.match(sent.text[c.end:after[0].start - sent.start]):
        return [after[0]]
    return owners(ctx, index, c.start, c.end)


def change_records(ctx: Context, index: int, quotes: list[Quote]) -> list[PriceChange]:
    sent = ctx.sentences[index]
    text, when = sent.text, ctx.date_in(sent.text)
    found: list[PriceChange] = []
    for c in find_changes(text):
        kind = last_in(clause_before(text, c.end), KIND_TABLE)
        for model in change_owners(ctx, index, c):
            found.append(PriceChange(model, c.percent, ctx.evidence(sent, c.rule), when, kind))
    for move in price_moves(text, quotes):
        kind = move.old.kind or (move.old.kinds[0] if len(move.old.kinds) == 1 else None) \
            or (move.new.kinds[0] if len(move.new.kinds) == 1 else None)
        for model in owners(ctx, index, move.old.start, move.new.end):
            found.append(PriceChange(model, move.percent, ctx.evidence(sent, "en-price-change-from-to"), when, kind))
    return found


@extractor("priceChanges", lang="en")
def price_changes(ctx: Context, out: Extraction) -> None:
    for index, quotes in enumerate(sentence_quotes(ctx)):
        seen: set[tuple[int, int, float]] = set()
        for ch in change_records(ctx, index, quotes):
            key = (ch.model.start, ch.model.end, ch.percent)
            if key not in seen:               # "cut by 80%, from $10 to $2": one change
                seen.add(key)
                out.changes.append(ch)

