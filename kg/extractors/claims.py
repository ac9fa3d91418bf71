"""Claims: statements a named person is reported to have made.

The extractor reads an article paragraph by paragraph and cuts each paragraph
into *units*: sentences whose ends are looked for outside quotation marks, so
that a quote of several sentences (“A。B。”梁某说。) stays one unit. In each
unit it looks for *attributions*, places where someone is said to speak:

* a person followed by a speech verb, with an optional short phrase between
  them: 张三表示， / 张三在会上直言， / 张三谈及价格战时表示：
* a pronoun at the start of a clause (他还认为，/ 对于…，她回应称：) and
  "这位…创始人": the person last mentioned (or last described so);
* 在X看来 / 在他看来;
* a joined second statement of the same speaker: …，并认为… / …，同时指出…;
* a quote placed before its speaker: “…”张三说。

What an attribution's speaker says runs from the verb to the next attribution
or the end of the unit. A unit that is nothing but a quote continues the
speaker of the claim just before it (same or previous paragraph).

Speakers that are not a named person — companies (该公司称, DeepSeek称) and
unnamed people (有行业人士指出, 一位开发者表示, 记者注意到) — give no claim;
they also end the current speaker, so a later bare quote is not given to the
wrong person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..analyse import alternation, lexicon
from ..extract import Context, Sentence, extractor
from ..records import Claim, Extraction, Mention

# One claim is one statement: the scorer (and a reader) wants at most ~300
# letters and digits. Longer statements are cut at sentence or clause ends.
MAX_LETTERS = 280
MIN_LETTERS = 6

COMMA = ",，"
COLON = ":："
CLAUSE_BREAK = COMMA + COLON + ";；"
SENT_END = "。！？!?"
OPEN_Q, CLOSE_Q = "“", "”"

# Between a speaker and the verb: at most this many characters, no punctuation.
MAX_GAP = 30

# Phrases that may sit between a speaker and the verb without changing who
# speaks: where and when (在会后的媒体沟通会上, 接受…专访时, 谈及价格战时).
GAP_SETTINGS = re.compile(
    r"在[^在]{0,24}(?:上|中|时|后|前|里|期间|之际)"
    r"|接受[^接]{0,24}?(?:采访|专访|访谈)时?"
    r"|(?:谈及|谈到|提及|说起|面对|针对|对于|关于|被问及|在被问到)[^时]{0,16}?时")

# A gap ending in a negation means the person did *not* say it (拒绝透露).
NEGATED_GAP = re.compile(r"(?:没有|没|未|不|拒绝|不愿|不愿意|并未|尚未|无法|不便|不肯)$")

# Addressees that may follow the verb: 告诉《某报》记者，
ADDRESSEE = r"(?:《[^》]{1,16}》)?(?:记者|媒体|笔者)?"

# After a verb with no punctuation, these show the word is not a speech verb
# here (介绍了产品, 说明, 称为, 表示感谢 is rare enough to ignore).
NOT_SPEECH_NEXT = tuple("了的着过为明法")

PRONOUN = r"(?:他|她)(?![们人])"            # not 他们 (a group) or 他人 (others)
# Adverbs between a speaker and the verb when no comma follows it: 张某则认为价格…
ADVERBS = ["还", "也", "则", "更", "就", "又", "亦", "曾", "同时", "进一步", "明确", "直接", "公开", "此前",
           "随后", "当时", "罕见地", "特别", "一再", "多次", "反复", "坦率地"]
# Words that may join a second statement to the first: …，并认为… / …，同时指出…
JOINERS = r"(?:并|还|也|同时|此外|另外|并且|进而|更|又)+"
# Nouns that describe a person in "这位…创始人表示" besides the lexicon's titles.
PERSON_NOUNS = ["专家", "学者", "企业家", "老板", "掌门人", "高管", "创业者", "工程师", "投资人"]
# "据介绍"/"据悉": the reporter's sourcing, not a change of who is talking about whom.
REPORTER_SOURCING = re.compile(r"^(?:据|记者|笔者|本报)")
# Words that make an unnamed subject a person (有行业人士指出): a later 他 refers to them.
UNNAMED_PERSON = re.compile(r"(?:人士|人|者|专家|员工|高管|负责人|发言人|分析师|网友|用户|记者|投资人)$")


@dataclass(frozen=True)
class Attribution:
    """A place in a unit where someone is said to speak."""

    start: int                     # article offset where the attribution begins
    content_start: int             # where what is said begins (after the verb)
    speaker: Mention | None        # None: a company or an unnamed speaker
    rule: str
    subject: str = ""              # the subject's text when there is no person
    also: tuple[Mention, ...] = ()  # 韩某和苏某均表示: more people saying the same


@dataclass
class State:
    """What the reader remembers between units."""

    paragraph: int = 0
    last_person: Mention | None = None           # for 他/她
    speaker: Mention | None = None               # whose quote a bare quote continues
    speaker_paragraph: int = -10
    persons: list[Mention] = field(default_factory=list)  # every person so far, for 这位…创始人


# ----------------------------------------------------------------- patterns

class Patterns:
    """Regexes built once from the lexicon's word lists."""

    def __init__(self) -> None:
        lx = lexicon()
        verbs = alternation(lx["speech_verbs"])
        self.verb = re.compile(f"(?:{verbs})(?:称|道|说)?{ADDRESSEE}")
        adverbs = alternation(ADVERBS)
        self.adverbs_verb = re.compile(f"(?:{adverbs})*(?:{verbs})(?:称|道|说)?")
        # a clause starts after punctuation, a closing quote or a line break
        clause_start = f"(?:^|(?<=[{CLAUSE_BREAK}{SENT_END}{CLOSE_Q}\\n]))\\s*"
        self.pronoun = re.compile(clause_start + PRONOUN)
        nouns = alternation(lx["titles"] + PERSON_NOUNS)
        phrase = f"[^{CLAUSE_BREAK}{SENT_END}“”]"        # characters of one clause
        self.this_person = re.compile(
            clause_start + f"(?:这位|该位|这名)(?P<desc>{phrase}{{0,20}}?)(?P<noun>{nouns})")
        self.in_view = re.compile(f"在(?P<who>{phrase}{{1,20}}?)(?:也|则|还|更)?看来[{COMMA}]?")
        self.joined = re.compile(f"[{COMMA};；](?P<joiner>{JOINERS})(?P<verb>{verbs})(?:称|道|说)?")
        # an interview answer: the speaker's name (after a short description) and a colon
        self.colon_speaker = re.compile(f"\\s*(?P<who>{phrase}{{2,24}}?)[{COLON}]")
        self.bare = re.compile(clause_start + f"(?P<subj>{phrase}{{1,20}}?)"
                               f"(?:{verbs})(?:称|道|说)?{ADDRESSEE}(?=[{COMMA}{COLON}“])")


# ---------------------------------------------------------------- the reader

@lru_cache(maxsize=1)
def patterns() -> Patterns:
    return Patterns()


@extractor("claims")
def claims(ctx: Context, out: Extraction) -> None:
    pats = patterns()
    persons = [m for m in ctx.mentions if m.type == "Person"]
    state = State()
    for p_index, (p_start, p_end) in enumerate(_paragraphs(ctx.text)):
        state.paragraph = p_index
        if _read_answer(ctx, pats, persons, state, p_start, p_end, out):
            continue
        for start, end in _units(ctx.text, p_start, p_end):
            _read_unit(ctx, pats, persons, state, start, end, out)


def _read_answer(ctx: Context, pats: Patterns, persons: list[Mention], state: State,
                 start: int, end: int, out: Extraction) -> bool:
    """An interview answer: a paragraph "(星河智算CEO)韩某：…" is what the person says."""
    m = pats.colon_speaker.match(ctx.text, start, end)
    person = m and next((p for p in persons if p.start >= start and p.end == m.end("who")), None)
    if not m or person is None:
        return False
    state.persons.append(person)
    for chunk in _clip(_strip_quotes(ctx.text[m.end():end])):
        if _letters(chunk) >= MIN_LETTERS:
            _add(ctx, out, person, chunk, start, end, "speaker-colon")
    state.last_person = state.speaker = person
    state.speaker_paragraph = state.paragraph
    return True


def _read_unit(ctx: Context, pats: Patterns, persons: list[Mention], state: State,
               start: int, end: int, out: Extraction) -> None:
    text = ctx.text
    quoted = _quote_mask(text, start, end)
    unit_persons = [m for m in persons if start <= m.start and m.end <= end]
    attributions = _attributions(ctx, pats, unit_persons, quoted, start, end)

    # walk the unit in order: person mentions move "the last person", attributions speak
    events: list[tuple[int, int, Mention | Attribution]] = \
        [(m.start, 0, m) for m in unit_persons] + [(a.start, 1, a) for a in attributions]
    said_any = False
    for _, _, ev in sorted(events, key=lambda e: (e[0], e[1])):
        if isinstance(ev, Mention):
            state.last_person = ev
            state.persons.append(ev)
            continue
        speaker = _speaker_of(ev, pats, state, text)
        later = [a.start for a in attributions if a.start > ev.start]
        content_end = min(later) if later else end
        if speaker is None:
            # a company or an unnamed person speaks: nobody's quote continues past this
            state.speaker = None
            if not REPORTER_SOURCING.match(ev.subject) and UNNAMED_PERSON.search(ev.subject):
                state.last_person = None
            continue
        for said in _statements(text, ev, start, content_end, quoted):
            for who in (*ev.also, speaker):
                _add(ctx, out, who, said, start, end, ev.rule)
            said_any = True
        state.speaker, state.speaker_paragraph = speaker, state.paragraph
        state.last_person = speaker

    if said_any or attributions:
        return
    # a unit that is only a quote continues the speaker just before it
    if (state.speaker is not None and state.paragraph - state.speaker_paragraph <= 1
            and state.last_person is state.speaker and _only_quote(text[start:end])):
        said = _strip_quotes(text[start:end])
        if said:
            _add(ctx, out, state.speaker, said, start, end, "continued-quote")
            state.speaker_paragraph = state.paragraph


def _attributions(ctx: Context, pats: Patterns, persons: list[Mention], quoted: list[bool],
                  start: int, end: int) -> list[Attribution]:
    """Every place in the unit [start, end) where someone is said to speak, outside quotes."""
    text = ctx.text
    found: list[Attribution] = []
    bounds = ctx.token_starts

    def outside(pos: int) -> bool:
        return not quoted[pos - start]

    # 1. 张三(在会上)表示， / 张三和李四均表示，
    for i, p in enumerate(persons):
        if outside(p.start):
            verb_end = _speech_after(text, p.end, end, pats, persons, bounds)
            if verb_end is not None:
                also = _co_speakers(text, p, persons[:i])
                found.append(Attribution(p.start, verb_end, p, "speaker-verb", also=also))
    # 2. 他(还)认为， / 这位…创始人表示，
    for m in pats.pronoun.finditer(text, start, end):
        if outside(m.end() - 1):
            verb_end = _speech_after(text, m.end(), end, pats, persons, bounds)
            if verb_end is not None:
                found.append(Attribution(m.end() - 1, verb_end, None, "pronoun-speaker", subject="他"))
    for m in pats.this_person.finditer(text, start, end):
        if outside(m.start("noun")):
            verb_end = _speech_after(text, m.end(), end, pats, persons, bounds)
            if verb_end is not None:
                found.append(Attribution(m.start("noun") - len(m.group("desc")) - 2, verb_end, None,
                                         "described-speaker", subject=m.group("noun")))
    # 3. 在张三看来， / 在他看来，
    for m in pats.in_view.finditer(text, start, end):
        if not outside(m.start()):
            continue
        who = m.group("who")
        # 在(星河智算CEO)韩某看来: the phrase ends with the person's name
        person = next((p for p in persons if m.start("who") <= p.start and p.end == m.end("who")), None)
        if person is not None:
            found.append(Attribution(m.start(), m.end(), person, "in-view"))
        elif re.fullmatch(PRONOUN, who):
            found.append(Attribution(m.start(), m.end(), None, "in-view-pronoun", subject="他"))
    # 4. …，并认为… (same speaker as the attribution before it)
    for m in pats.joined.finditer(text, start, end):
        if outside(m.start()) and not text.startswith(NOT_SPEECH_NEXT, m.end()) and m.end() in bounds:
            found.append(Attribution(m.start() + 1, m.end(), None, "joined", subject="+"))
    found = _drop_overlaps(found)
    # 5. 该公司称， / 有行业人士指出， : a speaker who is not a named person
    taken = [(a.start, a.content_start) for a in found]
    first_named = min((a.start for a in found), default=end)
    for m in pats.bare.finditer(text, start, end):
        subj = m.group("subj").strip()
        if m.start("subj") >= first_named or not outside(m.start("subj")):
            continue        # inside what a named person says, or inside a quote
        if any(s <= m.start("subj") < e or m.start("subj") <= s < m.end() for s, e in taken):
            continue
        if any(m.start("subj") <= p.start < m.end() for p in persons):
            continue
        found.append(Attribution(m.start("subj"), m.end(), None, "unnamed", subject=subj))
    return sorted(found, key=lambda a: a.start)


def _co_speakers(text: str, speaker: Mention, before: list[Mention]) -> tuple[Mention, ...]:
    """The people joined to a speaker by 和/与/、/及: 韩某和星河智算CEO苏某均表示."""
    joined: list[Mention] = []
    nxt = speaker
    for p in reversed(before):
        between = text[p.end:nxt.start]
        if not between or between[0] not in "和与、及" or re.search(f"[{CLAUSE_BREAK}{SENT_END}“”]", between):
            break
        joined.insert(0, p)
        nxt = p
    return tuple(joined)


def _drop_overlaps(found: list[Attribution]) -> list[Attribution]:
    """Keep one attribution per place: a named speaker wins over a pronoun or joiner."""
    rank = {"speaker-verb": 0, "in-view": 0, "described-speaker": 1, "pronoun-speaker": 1,
            "in-view-pronoun": 1, "joined": 2}
    kept: list[Attribution] = []
    for a in sorted(found, key=lambda a: (rank[a.rule], a.start)):
        if all(a.content_start <= k.start or a.start >= k.content_start for k in kept):
            kept.append(a)
    return sorted(kept, key=lambda a: a.start)


def _speech_after(text: str, pos: int, end: int, pats: Patterns, persons: list[Mention],
                  bounds: frozenset[int]) -> int | None:
    """If a speech verb follows ``pos`` in the same clause, the offset just after it.

    ``bounds`` are the offsets where jieba starts a word: a verb that runs on
    into the next word (称赞, 说服) is not a speech verb.
    """
    clause_end = pos
    while clause_end < end and clause_end - pos <= MAX_GAP + 8 and text[clause_end] not in \
            CLAUSE_BREAK + SENT_END + OPEN_Q + CLOSE_Q + "\n":
        clause_end += 1
    clause = text[pos:clause_end]
    # a verb that ends the clause: "在会上表示，" "谈及价格战时表示：" "说。"
    for m in reversed(list(pats.verb.finditer(clause))):
        if m.end() == len(clause) and _gap_ok(clause[:m.start()], pos, persons):
            return pos + m.end()
    # a verb straight after the name, the statement following without a comma: "张某认为价格…"
    m = pats.adverbs_verb.match(clause)
    if m and not clause.startswith(NOT_SPEECH_NEXT, m.end()) and pos + m.end() in bounds:
        return pos + m.end()
    return None


def _gap_ok(gap: str, pos: int, persons: list[Mention]) -> bool:
    """May ``gap`` stand between a speaker and the verb without another subject taking over?"""
    if len(gap) > MAX_GAP or NEGATED_GAP.search(gap):
        return False
    if any(pos <= p.start < pos + len(gap) for p in persons):
        return False                        # 张三和李四表示: the nearer name speaks
    rest = GAP_SETTINGS.sub("", gap)
    # 张三创办的公司称 / 张三身边的人透露: a new head noun after 的 is the speaker
    return not re.search(r"的.", rest)


def _speaker_of(a: Attribution, pats: Patterns, state: State, text: str) -> Mention | None:
    """The person an attribution refers to, or None."""
    if a.speaker is not None:
        return a.speaker
    if a.rule in ("pronoun-speaker", "in-view-pronoun"):
        return state.last_person
    if a.rule == "joined":
        return state.speaker if state.speaker is state.last_person else None
    if a.rule == "described-speaker":
        # 这位…创始人: the last person introduced with that title, else the last person
        for p in reversed(state.persons):
            if a.subject in _description(text, p):
                return p
        return state.last_person
    return None


def _description(text: str, p: Mention) -> str:
    """The words before a person's name in its clause: 星河智算创始人 in "星河智算创始人韩某"."""
    clause_start = max(text.rfind(ch, 0, p.start) for ch in CLAUSE_BREAK + SENT_END + OPEN_Q + CLOSE_Q + "\n")
    return text[clause_start + 1:p.start]


# ------------------------------------------------------------ what is said

def _statements(text: str, a: Attribution, unit_start: int, content_end: int,
                quoted: list[bool]) -> Iterator[str]:
    """What the attribution's speaker says, one statement at a time."""
    said = text[a.content_start:content_end]
    if _letters(said) < MIN_LETTERS:
        # “…”张三说。: the quote before the speaker
        before = text[unit_start:a.start].rstrip().rstrip(COMMA)
        if before.endswith(CLOSE_Q):
            opening = before.find(OPEN_Q)
            said = before[opening:] if opening >= 0 else before
    said = said.strip().lstrip(COMMA + COLON).strip()
    for part in _split_trailing_quote(said):
        for chunk in _clip(_strip_quotes(part)):
            if _letters(chunk) >= MIN_LETTERS:
                yield chunk


TRAILING_QUOTE = re.compile(f"^(?P<para>.*[^{COMMA}{COLON}])[{COMMA}{COLON}]\\s*"
                            f"{OPEN_Q}(?P<quote>[^{OPEN_Q}{CLOSE_Q}]+){CLOSE_Q}[{SENT_END}]?$")


def _split_trailing_quote(said: str) -> list[str]:
    """"公司不打算降价，“降价是双输”。" is two statements: a paraphrase, then the words quoted."""
    m = TRAILING_QUOTE.match(said)
    if m and _letters(m.group("para")) >= MIN_LETTERS and _letters(m.group("quote")) >= MIN_LETTERS \
            and m.group("para").count(OPEN_Q) == m.group("para").count(CLOSE_Q):
        return [m.group("para"), m.group("quote")]
    return [said]


def _strip_quotes(said: str) -> str:
    """Tidy a statement: no quote marks around a single quote, no punctuation at its ends.

    “我们不亏本。”。 → 我们不亏本
    """
    s = said.strip().strip(COMMA + COLON + "。").strip()
    if s.startswith(OPEN_Q) and CLOSE_Q not in s[:-1]:
        # one quote, perhaps closed with a mistyped “ or left open
        s = s[1:].rstrip(OPEN_Q + CLOSE_Q)
    return s.strip().strip(COMMA + COLON + "。").strip()


def _only_quote(unit: str) -> bool:
    """Is the unit nothing but quotation(s): “…。”“…。”"""
    s = unit.strip()
    if not s.startswith(OPEN_Q):
        return False
    outside = re.sub(f"{OPEN_Q}[^{CLOSE_Q}]*(?:{CLOSE_Q}|$)", "", s)
    return _letters(outside) == 0


def _clip(said: str) -> list[str]:
    """Cut a statement longer than MAX_LETTERS at sentence ends, else at clause ends."""
    if _letters(said) <= MAX_LETTERS:
        return [said]
    for breaks in (SENT_END, "；;", COMMA):
        pieces = re.findall(f"[^{breaks}]+[{breaks}]*", said)
        chunks: list[str] = []
        for piece in pieces:
            if chunks and _letters(chunks[-1] + piece) <= MAX_LETTERS:
                chunks[-1] += piece
            else:
                chunks.append(piece)
        if all(_letters(c) <= MAX_LETTERS for c in chunks):
            return [c.strip() for c in chunks]
    return [said[:MAX_LETTERS]]


def _letters(s: str) -> int:
    return sum(ch.isalnum() for ch in s)


def _add(ctx: Context, out: Extraction, speaker: Mention, said: str, start: int, end: int, rule: str) -> None:
    sent = Sentence(start, end, ctx.text[start:end], ())
    out.claims.append(Claim(speaker, said, ctx.evidence(sent, rule), date=ctx.date_in(sent.text)))


# ------------------------------------------------------- paragraphs and units

def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line."""
    for m in re.finditer(r"[^\n]+", text):
        if m.group(0).strip():
            yield m.start(), m.end()


def _units(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentences of a paragraph, cut only at sentence ends outside quotation marks."""
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
            while j < end and text[j] in SENT_END + CLOSE_Q + "’」』)）":
                j += 1
            yield unit_start, j
            unit_start, i = j, j
            continue
        i += 1
    if text[unit_start:end].strip():
        yield unit_start, end


def _quote_mask(text: str, start: int, end: int) -> list[bool]:
    """For each character of [start, end): is it inside quotation marks?"""
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
