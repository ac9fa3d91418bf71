"""Claims: the attribution rules, each a small named function in the ordered ``ATTRIBUTION_RULES``.

An *attribution* is a place in a unit where someone is said to speak. Each rule reads one
``Unit`` and yields the attributions it finds, named by the rule (the evidence's ``rule``); the
places two rules both claim are settled by ``drop_overlaps``, and ``unnamed_speakers`` runs last,
on what is left. Leave a rule out of the list to switch it off.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from ..records import Mention
from .claims_patterns import Patterns
from .claims_records import Attribution, Unit
from .claims_units import (
    CLAUSE_BREAK,
    CLAUSE_MARKS,
    CLOSE_Q,
    COLON,
    COMMA,
    ELLIPSIS,
    OPEN_Q,
    SENT_END,
    clause_start,
)

# Between a speaker and the verb: at most this many characters, no punctuation.
MAX_GAP = 30
# the subject an attribution without a person carries: a pronoun's, resolved by the reader
PRONOUN_SUBJECT = "他"
JOINED_SUBJECT = "+"


Rule = Callable[[Unit], Iterable[Attribution]]


# ------------------------------------------------------------------ the rules

def speaker_verb(u: Unit) -> Iterator[Attribution]:
    """张三(在会上)表示， / 张三和李四均表示，"""
    for i, p in enumerate(u.persons):
        if u.outside(p.start):
            verb_end = _speech_after(u, p.end)
            if verb_end is not None:
                also = _co_speakers(u, p, u.persons[:i])
                yield Attribution(p.start, verb_end, p, "speaker-verb", also=also)


def pronoun_speaker(u: Unit) -> Iterator[Attribution]:
    """他(还)认为，"""
    for m in u.pats.pronouns_in(u.text, u.start, u.end):
        if u.outside(m.end() - 1):
            verb_end = _speech_after(u, m.end())
            if verb_end is not None:
                yield Attribution(m.end() - 1, verb_end, None, "pronoun-speaker", subject=PRONOUN_SUBJECT)


def described_speaker(u: Unit) -> Iterator[Attribution]:
    """这位…创始人表示，"""
    for m in u.pats.these_persons_in(u.text, u.start, u.end):
        if u.outside(m.start("noun")):
            verb_end = _speech_after(u, m.end())
            if verb_end is not None:
                yield Attribution(m.start("noun") - len(m.group("desc")) - 2, verb_end, None,
                                  "described-speaker", subject=m.group("noun"))


def in_view(u: Unit) -> Iterator[Attribution]:
    """在张三看来， / 在他看来，"""
    for m in u.pats.in_views_in(u.text, u.start, u.end):
        if not u.outside(m.start()):
            continue
        # 在(星河智算CEO)韩某看来: the phrase ends with the person's name
        person = next((p for p in u.persons if m.start("who") <= p.start and p.end == m.end("who")), None)
        if person is not None:
            yield Attribution(m.start(), m.end(), person, "in-view")
        elif u.pats.pronoun_word.fullmatch(m.group("who")):
            yield Attribution(m.start(), m.end(), None, "in-view-pronoun", subject=PRONOUN_SUBJECT)


def joined(u: Unit) -> Iterator[Attribution]:
    """…，并认为… (same speaker as the attribution before it)"""
    not_next = u.pats.rules.not_speech_next
    for m in u.pats.joined.finditer(u.text, u.start, u.end):
        if u.outside(m.start()) and not u.text.startswith(not_next, m.end()) and m.end() in u.bounds:
            yield Attribution(m.start() + 1, m.end(), None, "joined", subject=JOINED_SUBJECT)


def colon_quote(u: Unit) -> Iterator[Attribution]:
    """张某并不避讳：“…” / 张某的解释很直接：“…” / 他的回答是：“…” (any predicate, a colon, a quote)"""
    return _quote_after_subject(u, _colon_quote, "colon-quote")


def quote_object(u: Unit) -> Iterator[Attribution]:
    """张某把长文本称作“…” / 张某随后松口，承认公司“…”"""
    return _quote_after_subject(u, _quote_object, "quote-object")


def _quote_after_subject(u: Unit, find: Callable[[Unit, int], tuple[int, int] | None],
                         rule: str) -> Iterator[Attribution]:
    """An attribution for each subject after which ``find`` sees a quote (its start and end)."""
    for s_start, s_end, who in u.subjects:
        found = find(u, s_end)
        if found is not None:
            yield Attribution(s_start, found[0], who, rule, subject=PRONOUN_SUBJECT, content_end=found[1])


def quote_around(u: Unit) -> Iterator[Attribution]:
    """“…”（在…里，）张某开门见山。 / “…”他笑了笑，“…”"""
    found = _quote_around(u)
    if found is not None:
        yield found


ATTRIBUTION_RULES: tuple[Rule, ...] = (speaker_verb, pronoun_speaker, described_speaker, in_view, joined,
                                       colon_quote, quote_object, quote_around)
# the rules known to find nothing in a unit that Patterns.silent tells is silent (see attributions)
QUIET_RULES = ATTRIBUTION_RULES


def unnamed_speakers(u: Unit, found: list[Attribution]) -> Iterator[Attribution]:
    """该公司称， / 有行业人士指出， : a speaker who is not a named person (after ``found``'s)."""
    taken = [(a.start, a.content_start) for a in found]
    first_named = min((a.start for a in found), default=u.end)
    for m in u.pats.bare_in(u.text, u.start, u.end):
        subj = m.group("subj").strip()
        if m.start("subj") >= first_named or not u.outside(m.start("subj")):
            continue        # inside what a named person says, or inside a quote
        if any(s <= m.start("subj") < e or m.start("subj") <= s < m.end() for s, e in taken):
            continue
        if any(m.start("subj") <= p.start < m.end() for p in u.persons):
            continue
        yield Attribution(m.start("subj"), m.end(), None, "unnamed", subject=subj)


def attributions(u: Unit, rules: Iterable[Rule] | None = None) -> list[Attribution]:
    """Every place in the unit where someone is said to speak, outside quotes, in text order.

    ``rules``: the rules to run, in order (default: the module's ``ATTRIBUTION_RULES``, read at
    each call, so a test or a figure-counting run may switch one off).
    """
    chosen = ATTRIBUTION_RULES if rules is None else rules
    if silent(u.pats, u.text, u.start, u.end, u.persons, chosen):
        return []
    found = drop_overlaps([a for rule in chosen for a in rule(u)])
    return sorted(found + list(unnamed_speakers(u, found)), key=lambda a: a.start)


def silent(pats: Patterns, text: str, start: int, end: int, persons: list[Mention],
           rules: Iterable[Rule] | None = None) -> bool:
    """Does no attribution rule (of ``rules``, default the module's ``ATTRIBUTION_RULES`` as it stands) find
    anything in [start, end)? So when it names no person and holds no pronoun, 这位, 看来, speech verb nor
    quote: nor does an unnamed speaker's rule."""
    chosen = ATTRIBUTION_RULES if rules is None else rules
    return not persons and pats.silent(text, start, end) and (chosen is QUIET_RULES or set(chosen) <= set(QUIET_RULES))


# Which attribution keeps a place two rules claim: the lower rank (a named speaker over a pronoun).
RANK = {"quote-around-split": -1, "speaker-verb": 0, "in-view": 0, "described-speaker": 1,
        "pronoun-speaker": 1, "in-view-pronoun": 1, "colon-quote": 1, "quote-object": 1, "joined": 2,
        "quote-around": 2}


def drop_overlaps(found: list[Attribution]) -> list[Attribution]:
    """Keep one attribution per place: a named speaker wins over a pronoun or joiner."""
    kept: list[Attribution] = []
    for a in sorted(found, key=lambda a: (RANK[a.rule], a.start)):
        if all(a.content_start <= k.start or a.start >= k.content_start for k in kept):
            kept.append(a)
    return sorted(kept, key=lambda a: a.start)


# ---------------------------------------------------------------- helpers

def _co_speakers(u: Unit, speaker: Mention, before: list[Mention]) -> tuple[Mention, ...]:
    """The people joined to a speaker by 和/与/、/及: 韩某和星河智算CEO苏某均表示."""
    joiners = u.pats.rules.co_speaker_joiners
    joined: list[Mention] = []
    nxt = speaker
    for p in reversed(before):
        between = u.text[p.end:nxt.start]
        if not between.startswith(joiners) or re.search(f"[{CLAUSE_BREAK}{SENT_END}“”]", between):
            break
        joined.insert(0, p)
        nxt = p
    return tuple(joined)


def _speech_after(u: Unit, pos: int) -> int | None:
    """If a speech verb follows ``pos`` in the same clause, the offset just after it.

    ``u.bounds`` are the offsets where jieba starts a word: a verb that runs on
    into the next word (称赞, 说服) is not a speech verb.
    """
    text, end, pats = u.text, u.end, u.pats
    clause_end = pos
    while clause_end < end and clause_end - pos <= MAX_GAP + 8 and text[clause_end] not in CLAUSE_MARKS:
        clause_end += 1
    clause = text[pos:clause_end]
    # a verb that ends the clause: "在会上表示，" "谈及价格战时表示：" "说。"
    for m in reversed(list(pats.verb.finditer(clause))):
        if m.end() == len(clause) and _gap_ok(pats, clause[:m.start()], pos, u.persons):
            return pos + m.end()
    # a verb straight after the name, the statement following without a comma: "张某认为价格…"
    straight = pats.adverbs_verb.match(clause)
    if straight and not clause.startswith(pats.rules.not_speech_next, straight.end()) \
            and pos + straight.end() in u.bounds:
        return pos + straight.end()
    # a short clause of the speaker's, then the verb opening the next: 他并不认同，称… / 张某摇了摇头，表示…
    nxt = pats.next_clause_verb.match(text, clause_end, end)
    if nxt and len(clause) <= NEXT_CLAUSE_GAP and _gap_ok(pats, clause, pos, u.persons) \
            and not clause.startswith(pats.rules.not_speech_next):
        return nxt.end()
    return None


# the longest clause of the speaker's own before a verb opening the next clause (他并不认同，称…)
NEXT_CLAUSE_GAP = 12


def _gap_ok(pats: Patterns, gap: str, pos: int, persons: list[Mention]) -> bool:
    """May ``gap`` stand between a speaker and the verb without another subject taking over?"""
    if len(gap) > MAX_GAP or pats.negated_gap.search(gap):
        return False
    if any(pos <= p.start < pos + len(gap) for p in persons):
        return False                        # 张三和李四表示: the nearer name speaks
    rest = pats.gap_settings.sub("", gap)
    # 张三创办的公司称 / 张三身边的人透露: a new head noun after 的 is the speaker
    return not pats.possessed.search(rest)


def _colon_quote(u: Unit, pos: int) -> tuple[int, int] | None:
    """After a subject at ``pos``: a short predicate, a colon and a quote → (content start, end); or
    what the subject's words are called, a colon and the words without quotes (傅某的判断很明确：…)."""
    text, end, pats = u.text, u.end, u.pats
    m = pats.colon_quote.match(text, pos, end)
    if m is None:
        # (or a verb and how it was said: 张某说得很直白：…)
        words = pats.colon_words.match(text, pos, end) or pats.manner_colon.match(text, pos, end)
        if words is None or any(pos <= p.start < words.end() for p in u.persons):
            return None
        stop = next((i for i in range(words.end(), end) if text[i] in SENT_END), end)
        return words.end(), stop
    gap = m.group("gap")
    if pats.not_saying.search(gap) or any(pos <= p.start < m.end("gap") for p in u.persons):
        return None
    # 张某的解释：/ 张某的团队：— after 的, only a word for what was said keeps the person speaking
    if pats.possessed.search(pats.speech_noun.sub("", gap, count=1)):
        return None
    if gap.startswith(pats.rules.possessive) and not pats.speech_noun.match(gap):
        return None
    close = text.find(CLOSE_Q, m.end(), end)
    return m.end("gap") + 1, (close + 1 if close >= 0 else end)


def _quote_object(u: Unit, pos: int) -> tuple[int, int] | None:
    """A verb with a quote in its object after a subject at ``pos`` → (content start, end).

    张某早在去年就把长文本称作通往AGI的“登月第一步” / 张某随后松口，承认公司“站在了错误的一边”.
    The verb is in the subject's clause, or starts the next one (no new subject).
    """
    text, pats = u.text, u.pats
    limit = min(u.end, pos + 80)
    for v in pats.quote_object.finditer(text, pos, limit):
        if v.start() not in u.bounds:
            continue
        lead = text[pos:v.start()]
        own = _own_clause(u, pos, v.start(), lead)
        if own is None:
            return None
        after = text[v.end():limit]
        q = re.match(f"[^{CLAUSE_BREAK}{SENT_END}{OPEN_Q}{CLOSE_Q}]{{0,30}}{OPEN_Q}", after)
        if q is None:
            return None
        close = text.find(CLOSE_Q, v.end() + q.end(), u.end)
        if close < 0:
            return None
        first = pats.rules.object_first
        content_start = pos + own.index(first) + 1 if first in own and lead == own else v.end()
        return content_start, close + 1
    return None


def _own_clause(u: Unit, pos: int, verb: int, lead: str) -> str | None:
    """The subject's own words before a quote-object verb at ``verb``, or None when another
    subject may be the verb's (a new sentence, a person, 被, a pronoun, a second clause…)."""
    pats, rules = u.pats, u.pats.rules
    if re.search(f"[{SENT_END}{OPEN_Q}{CLOSE_Q}\n]", lead) or any(pos <= p.start < verb for p in u.persons):
        return None
    clauses = re.split(f"[{CLAUSE_BREAK}]", lead)
    if len(clauses) > 2 or (len(clauses) == 2 and not pats.clause_adverbs.search(clauses[1])):
        return None
    own = clauses[0]
    subject_part = own.split(rules.object_first)[0]
    if rules.passive in own or len(own) > MAX_GAP or pats.possessed.search(pats.gap_settings.sub("", subject_part)) \
            or pats.pronoun_word.search(own):
        return None
    return own


def _quote_around(u: Unit) -> Attribution | None:
    """A unit that opens with a quote, then its speaker with a short predicate and no speech verb needed.

    “…。”在北京的办公室里，张某开门见山。 → the quote;
    “…。”他笑了笑，“…。” → both quotes, one statement.
    """
    text, start, end = u.text, u.start, u.end
    i = start + len(text[start:end]) - len(text[start:end].lstrip())
    if i >= end or text[i] != OPEN_Q:
        return None
    c1 = text.find(CLOSE_Q, i + 1, end)
    if c1 < 0 or text[c1 - 1] not in SENT_END + COMMA + ELLIPSIS or OPEN_Q in text[i + 1:c1]:
        return None
    subj = _subject_after_quote(u, c1 + 1)
    if subj is None:
        return None
    k = _predicate_end(u, subj)
    if k is None:
        return None
    tail = text[k:end]
    if re.fullmatch(f"[{SENT_END}]+\\s*", tail):
        return Attribution(subj[0], k, subj[2], "quote-around", subject=PRONOUN_SUBJECT, content_end=k,
                           spans=((i, c1 + 1),))
    m = re.match(f"[{COMMA}{COLON}]\\s*{OPEN_Q}", tail)
    if m is None:
        return None
    q2 = k + m.end() - 1
    c2 = text.find(CLOSE_Q, q2 + 1, end)
    if c2 < 0 or not re.fullmatch(f"[{SENT_END}]*\\s*", text[c2 + 1:end]):
        return None
    return Attribution(subj[0], k, subj[2], "quote-around-split", subject=PRONOUN_SUBJECT, content_end=k,
                       spans=((i, c1 + 1), (q2, c2 + 1)))


def _subject_after_quote(u: Unit, j: int) -> tuple[int, int, Mention | None] | None:
    """The subject after a quote ending at ``j``: the first person, or 他/她 starting a clause,
    with only settings (在北京的办公室里，) between, and not an object (这番话让张某…)."""
    text, pats = u.text, u.pats
    subj: tuple[int, int, Mention | None] | None = None
    p = next((p for p in u.persons if p.start >= j), None)
    pron = pats.pronoun.search(text, j, u.end)
    if pron is not None and (p is None or pron.end() - 1 < p.start):
        subj = (pron.end() - 1, pron.end(), None)
    elif p is not None:
        subj = (p.start, p.end, p)
    if subj is None:
        return None
    pre = text[j:subj[0]]
    if len(pre) > 40 or re.search(f"[{OPEN_Q}{CLOSE_Q}{SENT_END}\n]", pre):
        return None
    *settings, last = re.split(f"[{COMMA}]", pre)
    if any(not (pats.setting_clause.fullmatch(s.strip()) or pats.gap_settings.fullmatch(s.strip()))
           for s in settings) \
            or len(last) > 20 or pats.object_before.search(last) or pats.object_marker.search(last):
        return None
    return subj


def _predicate_end(u: Unit, subj: tuple[int, int, Mention | None]) -> int | None:
    """Where the short predicate after the subject (开门见山, 笑了笑) ends, if it is the subject's."""
    pred = re.match(f"[^{CLAUSE_BREAK}{SENT_END}{OPEN_Q}{CLOSE_Q}\n]{{0,12}}", u.text[subj[1]:u.end])
    assert pred is not None
    k = subj[1] + pred.end()
    if pred.group(0).startswith(u.pats.rules.possessive) or any(subj[1] <= q.start < k for q in u.persons):
        return None
    return k


def description(text: str, p: Mention) -> str:
    """The words before a person's name in its clause: 星河智算创始人 in "星河智算创始人韩某"."""
    return text[clause_start(text, p.start):p.start]
