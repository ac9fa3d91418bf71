"""English claims: the attribution rules, each a small named function in the ordered ``ATTRIBUTION_RULES``.

An *attribution* is a place in a unit (a sentence) where someone is said to speak: its words
[start, end), the speaker (a named person, a pronoun the reader resolves, or a company / an
unnamed source / something else, which give no claim), and the spans of what is said. Each rule
reads one ``Unit``; places two rules both claim are settled by ``drop_overlaps``. Leave a rule out
of the list to switch it off. Word lists: kg/rules/en/claims.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from ...lang.en import lexicon
from ...records import Mention
from ...rules import load_rules
from ...text.patterns import alternation
from .claims_text import CLOSE_Q, COMMA, MIN_LETTERS, OPEN_Q, letters


@dataclass(frozen=True)
class ClaimRules:
    """``kg/rules/en/claims.yaml``."""

    speech_verbs: tuple[str, ...]
    noun_determiners: tuple[str, ...]
    object_verbs: tuple[str, ...]
    pronouns: tuple[str, ...]
    relative_pronouns: tuple[str, ...]
    clause_openers: tuple[str, ...]
    conjunctions: tuple[str, ...]
    adverbs: tuple[str, ...]
    negations: tuple[str, ...]
    setting_words: tuple[str, ...]
    quantity_leads: tuple[str, ...]
    time_leads: tuple[str, ...]
    time_words: tuple[str, ...]
    intro_words: tuple[str, ...]
    company_words: tuple[str, ...]
    unnamed_sources: tuple[str, ...]
    describing_words: tuple[str, ...]
    speech_nouns: tuple[str, ...]
    according_to: tuple[str, ...]
    in_view_before: tuple[str, ...]
    in_view_after: tuple[str, ...]
    in_view_pronouns: tuple[str, ...]
    question_labels: tuple[str, ...]
    answer_labels: tuple[str, ...]
    guest_words: tuple[str, ...]
    advocate_words: tuple[str, ...]
    passive_auxiliaries: tuple[str, ...]


def claim_rules() -> ClaimRules:
    return load_rules("en", "claims", ClaimRules)


def _words(words: Iterable[str]) -> str:
    return rf"\b(?:{alternation(words)})\b"


@dataclass(frozen=True)
class Patterns:
    rules: ClaimRules
    verb: re.Pattern[str]
    noun_use: re.Pattern[str]         # a determiner just before a verb makes it a noun: "a say"
    object_verb: re.Pattern[str]
    adverbs_end: re.Pattern[str]      # adverbs (and auxiliaries) closing a subject: "he also"
    negation_end: re.Pattern[str]     # a negation closing it: "declined to"
    setting: re.Pattern[str]          # a phrase opening with a setting word
    time: re.Pattern[str]             # a time phrase: last week, on Friday, in January
    intro: re.Pattern[str]
    company: re.Pattern[str]
    unnamed: re.Pattern[str]
    title: re.Pattern[str]
    describing: re.Pattern[str]
    opener: re.Pattern[str]
    conjunction: re.Pattern[str]
    preposition_end: re.Pattern[str]  # a word before a name that makes it an object: "founded by"
    according: re.Pattern[str]
    in_view_pronoun: re.Pattern[str]
    advocate: re.Pattern[str]         # "…, a lawyer who represents X, said": speaks for a client
    passive: re.Pattern[str]          # "was announced": no one speaks


@cache
def patterns() -> Patterns:
    r = claim_rules()
    i = re.I
    return Patterns(
        rules=r,
        verb=re.compile(_words(r.speech_verbs)),
        noun_use=re.compile(rf"{_words(r.noun_determiners)}\s+$", i),
        object_verb=re.compile(rf"(?:{alternation(r.object_verbs)})$"),
        adverbs_end=re.compile(rf"(?:\s+(?:{alternation(r.adverbs)}))+\s*$", i),
        negation_end=re.compile(rf"{_words(r.negations)}(?:\s+\w+)?\s*$", i),
        setting=re.compile(rf"\s*(?!{_words(r.quantity_leads)})(?:{_words(r.setting_words)}|$)", i),
        time=re.compile(rf"\s*(?:(?:{alternation(r.time_leads)})\s+)?(?:the\s+)?"
                        rf"(?:{alternation((*r.time_words, *lexicon().months))})\b\.?"
                        rf"(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?\b", i),
        intro=re.compile(rf"\s*(?:{_words(r.intro_words)})", i),
        company=re.compile(_words(r.company_words), i),
        unnamed=re.compile(_words(r.unnamed_sources), i),
        title=re.compile(_words(lexicon().titles), i),
        describing=re.compile(rf"(?:\s*(?:{_words(r.describing_words)}))+\s*$", i),
        opener=re.compile(rf"\s*(?:{_words(r.clause_openers)})", i),
        conjunction=re.compile(rf"(?:{_words(r.conjunctions)})\s+", i),
        preposition_end=re.compile(r"\b(?:by|of|at|from|with|for|to|on|in|about|than|like|and|or|hired|"
                                   r"named|appointed)\s+(?:\S+\s+){0,3}$", i),
        according=re.compile(_words(r.according_to), i),
        in_view_pronoun=re.compile(rf"\b(?:{alternation(r.in_view_before)})\s+(?:{alternation(r.in_view_pronouns)})"
                                   rf"\s*,", i),
        advocate=re.compile(_words(r.advocate_words), i),
        passive=re.compile(rf"{_words(r.passive_auxiliaries)}\s+$", i),
    )


# ------------------------------------------------------------------ records

@dataclass(frozen=True)
class Ref:
    """A person named in a unit: a mention, or a surname standing for one named earlier."""

    start: int
    end: int
    person: Mention


@dataclass(frozen=True)
class Speaker:
    """Who an attribution's subject is: kind person | pronoun | company | unnamed | other."""

    kind: str
    person: Mention | None = None


OTHER = Speaker("other")


@dataclass(frozen=True)
class Attribution:
    start: int                                 # the attribution's own words: [start, end)
    end: int
    speaker: Speaker
    rule: str
    spans: tuple[tuple[int, int], ...] = ()    # what is said
    open_end: bool = False                     # the last span runs on to the next attribution


@dataclass(frozen=True)
class Unit:
    text: str
    start: int
    end: int
    refs: list[Ref]                  # people named in the unit, in order
    orgs: list[Mention]              # organisations named in the unit
    quoted: list[bool]
    pats: Patterns

    def outside(self, pos: int) -> bool:
        return not self.quoted[pos - self.start]


Rule = Callable[[Unit], Iterable[Attribution]]


# ------------------------------------------------------------------ who is the subject

def classify(u: Unit, start: int, end: int) -> Speaker:
    """What the phrase [start, end) names as a speaker."""
    pats, seg = u.pats, u.text[start:end]
    words = seg.strip().lower()
    if not words:
        return OTHER
    if words in u.pats.rules.pronouns:
        return Speaker("pronoun")
    if pats.opener.match(seg) or words.split()[0] in pats.rules.relative_pronouns:
        return Speaker("clause")
    for ref in u.refs:
        if start <= ref.start and ref.end <= end and not pats.preposition_end.search(u.text[start:ref.start]):
            after = u.text[ref.end:end]
            if re.match(r"['’]s\b", after) and not re.match(rf"['’]s\s+(?:{alternation(pats.rules.speech_nouns)})\b",
                                                             after, re.I):
                continue           # Altman's company: the company speaks
            return Speaker("person", ref.person)
    if pats.unnamed.search(seg):
        return Speaker("unnamed")
    if pats.company.search(seg) or any(start <= o.start and o.end <= end for o in u.orgs):
        if not _possessive_org_title(u, start, end):
            return Speaker("company")
    if pats.title.search(seg) or pats.describing.fullmatch(seg) or pats.intro.match(seg):
        return Speaker("describing")
    return OTHER


def _possessive_org_title(u: Unit, start: int, end: int) -> bool:
    """Lanting AI's head of research / Alibaba Cloud's CTO: a title, not the company."""
    seg = u.text[start:end]
    return bool(re.search(r"['’]s\s", seg)) and bool(u.pats.title.search(seg)) and not u.pats.company.search(
        re.sub(r"^.*['’]s\s", "", seg))


def segments(u: Unit, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut at commas (outside quotes)."""
    out, s = [], start
    for i in range(start, end):
        if u.text[i] == COMMA and u.outside(i):
            out.append((s, i))
            s = i + 1
    out.append((s, end))
    return out


def subject_before(u: Unit, left: int, verb: int) -> tuple[int, Speaker] | None:
    """The subject of a verb at ``verb``, read back to ``left``: (where it starts, who); None when
    the verb is negated (declined to say)."""
    pats = u.pats
    span_end = verb
    adv = pats.adverbs_end.search(u.text, left, span_end)
    if adv:
        span_end = adv.start()
    if pats.negation_end.search(u.text, left, span_end):
        return None
    segs = segments(u, left, span_end)
    last_s, last_e = segs[-1]
    if u.text[last_s:last_e].strip():
        s = _skip_space(u.text, last_s, last_e)
        conj = pats.conjunction.match(u.text, s, last_e)
        who = classify(u, conj.end() if conj else s, last_e)
        if who.kind == "clause" and u.text[s:last_e].split()[0].lower() in pats.rules.relative_pronouns:
            return s, _antecedent(u, s)
        return s, (OTHER if who.kind in ("clause", "describing") else who)
    head: Speaker | None = None
    head_start = _skip_space(u.text, segs[0][0], segs[0][1])
    for s, e in segs[:-1]:
        if not u.text[s:e].strip():
            continue
        who = classify(u, s, e)
        if who.kind in ("person", "pronoun"):
            if who.kind == "person" and pats.advocate.search(u.text, e, span_end):
                who = Speaker("unnamed")    # en-claim-advocate: a lawyer or spokesperson speaks for a client
            return (head_start if head else _skip_space(u.text, s, e)), who
        if who.kind in ("company", "unnamed", "other") and head is None:
            head = who
            head_start = _skip_space(u.text, s, e)
    return head_start, head or OTHER


def _antecedent(u: Unit, rel_start: int) -> Speaker:
    """"Lample, who said": the person named just before the comma."""
    before = u.text[:rel_start].rstrip()
    if not before.endswith(COMMA):
        return OTHER
    stop = len(before) - 1
    ref = next((r for r in u.refs if u.text[r.end:stop].strip() == ""), None)
    return Speaker("person", ref.person) if ref else OTHER


def _skip_space(text: str, s: int, e: int) -> int:
    while s < e and text[s].isspace():
        s += 1
    return s


# ------------------------------------------------------------------ what follows the verb

# a character of the phrase after a verb: no clause mark, except the comma of a date (Jan. 31, 2025)
GAP_CHAR = r"[^,;:“”\n]|,(?=\s*\d{4}\b)"


@dataclass(frozen=True)
class After:
    kind: str          # that | colon | direct | setting
    content: int       # where what is said starts (that, colon, direct)
    end: int           # where the attribution's words end


def after_verb(u: Unit, verb_start: int, verb_end: int) -> After:
    text, pats, end = u.text, u.pats, u.end
    pos = verb_end
    if pats.object_verb.search(text[verb_start:verb_end]):
        obj = re.match(r"\s+(?:(?:the|a|an|its|his|her|their)\s+)?(?:[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*|[a-z]+)",
                       text[pos:end])
        if obj:
            pos += obj.end()
    gap = re.match(rf"(?P<gap>(?:{GAP_CHAR}){{0,80}}?)\s*\bthat\b", text[pos:end])
    if gap and (not gap.group("gap").strip() or pats.setting.match(gap.group("gap"))) and u.outside(pos + gap.end() - 1):
        return After("that", pos + gap.end(), pos + gap.end())
    colon = re.match(rf"(?P<gap>(?:{GAP_CHAR}){{0,80}}?)\s*:", text[pos:end])
    if colon and (not colon.group("gap").strip() or pats.setting.match(colon.group("gap"))):
        return After("colon", pos + colon.end(), pos + colon.end())
    time = pats.time.match(text, pos, end)
    if time and text[time.end():end].strip(" .!?") and not pats.setting.match(text, time.end(), end):
        pos = time.end()            # said last week the company would …: what is said follows
        return After("direct", pos, pos)
    clause = re.match(rf"(?:{GAP_CHAR})*", text[pos:end])
    assert clause is not None
    phrase = clause.group(0)
    if not phrase.strip(" .!?") or pats.setting.match(phrase) or re.fullmatch(r"\s*[.!?]*\s*", phrase):
        return After("setting", pos, pos + len(phrase.rstrip(" .!?")))
    if pos > verb_end and not phrase.strip():
        return After("setting", pos, pos)
    return After("direct", pos, pos)


# ------------------------------------------------------------------ the rules

def _verb_sites(u: Unit) -> Iterator[tuple[re.Match[str], int]]:
    """Speech verbs outside quotes, with the left bound of their subject."""
    for v in u.pats.verb.finditer(u.text, u.start, u.end):
        if not u.outside(v.start()) or u.pats.noun_use.search(u.text, max(u.start, v.start() - 12), v.start()):
            continue
        if u.pats.passive.search(u.text, max(u.start, v.start() - 8), v.start()):
            continue                                 # en-claim-passive: "after the deal was announced"
        left = u.start
        for i in range(v.start() - 1, u.start - 1, -1):
            if u.text[i] == CLOSE_Q or (u.text[i] in ";:(" and u.outside(i)):
                left = i + 1
                break
        yield v, left


def said_after(u: Unit) -> Iterator[Attribution]:
    """“…,” Altman said. / “…,” said Sam Altman. / “A,” he said, “B.” / …, he said, and …"""
    for v, left in _verb_sites(u):
        inverted = not u.text[left:v.start()].strip(" ,")
        if inverted:
            if left == u.start:
                continue
            seg_end = next((e for s, e in segments(u, v.end(), u.end)), u.end)
            who = classify(u, _skip_space(u.text, v.end(), seg_end), seg_end)
            who = OTHER if who.kind in ("clause", "describing") else who
            start, words_end = v.start(), _sentence_tail(u, seg_end)
        else:
            found = subject_before(u, left, v.start())
            if found is None:
                continue
            start, who = found
            after = after_verb(u, v.start(), v.end())
            if after.kind != "setting" and not (after.kind == "direct" and _quote_before(u, start)):
                continue
            words_end = after.end if after.kind == "setting" else _sentence_tail(u, after.end)
        before = (u.start, start)
        rest = re.match(r"\s*,\s*", u.text[words_end:u.end])
        spans = [before]
        if rest and letters(u.text[words_end:u.end]) >= MIN_LETTERS:
            spans.append((words_end + rest.end(), u.end))
        quoted = u.text[u.start:start].strip().startswith(OPEN_Q)
        yield Attribution(start, words_end, who, "en-quote-said" if quoted else "en-said-after", tuple(spans))


def _quote_before(u: Unit, subject: int) -> bool:
    """Does a quote end just before the subject (“…,” Altman told the FT in …)?"""
    return bool(re.search(rf"[,!?.…—-]{CLOSE_Q}\s*$", u.text[u.start:subject]))


def _sentence_tail(u: Unit, pos: int) -> int:
    """After an inverted "said X": X's appositive runs to the sentence end or a new quote."""
    q = u.text.find(f"{COMMA} {OPEN_Q}", pos, u.end)
    return q if q >= 0 else u.end


def said_before(u: Unit) -> Iterator[Attribution]:
    """Altman said: “…” / Altman told Reuters that … / X argued this month that “…” / she said prices…"""
    for v, left in _verb_sites(u):
        if not u.text[left:v.start()].strip(" ,"):
            continue
        found = subject_before(u, left, v.start())
        if found is None:
            continue
        start, who = found
        after = after_verb(u, v.start(), v.end())
        if after.kind == "setting" or (after.kind == "direct" and _quote_before(u, start)):
            continue
        name = {"that": "en-said-that", "colon": "en-said-colon", "direct": "en-said"}[after.kind]
        yield Attribution(start, after.content, who, name, ((after.content, u.end),), open_end=True)


def according_to(u: Unit) -> Iterator[Attribution]:
    """According to X, … / …, according to X, who …"""
    for m in u.pats.according.finditer(u.text, u.start, u.end):
        if not u.outside(m.start()):
            continue
        seg_end = next((e for s, e in segments(u, m.end(), u.end)), u.end)
        who = classify(u, _skip_space(u.text, m.end(), seg_end), seg_end)
        who = OTHER if who.kind in ("clause", "describing") else who
        before = u.text[u.start:m.start()]
        if letters(before) >= MIN_LETTERS:
            yield Attribution(m.start(), seg_end, who, "en-according-to", ((u.start, m.start()),))
        elif seg_end < u.end:
            yield Attribution(m.start(), seg_end + 1, who, "en-according-to", ((seg_end + 1, u.end),),
                              open_end=True)


def in_view(u: Unit) -> Iterator[Attribution]:
    """In Xu's view, … / In his view, …"""
    r = u.pats.rules
    for ref in u.refs:
        lead = re.search(rf"\b(?:{alternation(r.in_view_before)})\s+$", u.text[max(u.start, ref.start - 8):ref.start], re.I)
        tail = next((t for t in r.in_view_after if u.text.startswith(t, ref.end)), None)
        if lead and tail and u.text.startswith(COMMA, ref.end + len(tail)):
            start = ref.start - len(lead.group(0))
            end = ref.end + len(tail) + 1
            yield Attribution(start, end, Speaker("person", ref.person), "en-in-view", ((end, u.end),), True)
    for m in u.pats.in_view_pronoun.finditer(u.text, u.start, u.end):
        yield Attribution(m.start(), m.end(), Speaker("pronoun"), "en-in-view", ((m.end(), u.end),), True)


def colon_quote(u: Unit) -> Iterator[Attribution]:
    """Altman answered … with a message to staff: “…” (a named subject, any short predicate, a quote)."""
    for m in re.finditer(rf":\s*{OPEN_Q}", u.text[u.start:u.end]):
        colon = u.start + m.start()
        if not u.outside(colon):
            continue
        left = max(u.start, u.text.rfind(CLOSE_Q, u.start, colon) + 1)
        s, e = segments(u, left, colon)[0] if left < colon else (left, left)
        ref = next((r for r in u.refs if s <= r.start < e), None)
        if ref is None or len(u.text[s:ref.start].split()) > 5 or colon - s > 160:
            continue
        who = classify(u, s, e)
        if who.kind != "person":
            continue
        close = u.text.find(CLOSE_Q, colon, u.end)
        q = u.start + m.end() - 1
        yield Attribution(s, q, who, "en-colon-quote", ((q, close + 1 if close >= 0 else u.end),))


ATTRIBUTION_RULES: tuple[Rule, ...] = (said_after, said_before, according_to, in_view, colon_quote)

# Which attribution keeps a place two rules claim: the lower rank.
RANK = {"en-quote-said": 0, "en-said-after": 0, "en-said-that": 0, "en-said-colon": 0, "en-said": 1,
        "en-according-to": 1, "en-in-view": 1, "en-colon-quote": 2}


def drop_overlaps(found: list[Attribution]) -> list[Attribution]:
    kept: list[Attribution] = []
    for a in sorted(found, key=lambda a: (RANK[a.rule], a.start)):
        if all(a.end <= k.start or a.start >= k.end for k in kept):
            kept.append(a)
    return sorted(kept, key=lambda a: a.start)


def attributions(u: Unit, rules: Iterable[Rule] | None = None) -> list[Attribution]:
    """Every attribution in the unit, in text order; what each says stops at its neighbours."""
    chosen = ATTRIBUTION_RULES if rules is None else rules
    found = drop_overlaps([a for rule in chosen for a in rule(u)])
    out = []
    for i, a in enumerate(found):
        prev_end = found[i - 1].end if i else u.start
        next_start = found[i + 1].start if i + 1 < len(found) else u.end
        spans = tuple((max(s, prev_end) if s < a.start else s, min(e, next_start) if s >= a.end else e)
                      for s, e in a.spans)
        out.append(replace(a, spans=tuple((s, e) for s, e in spans if s < e)))
    return out
