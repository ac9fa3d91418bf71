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

from ..lang.zh import lexicon
from ..records import Claim, Extraction, Mention
from ..text.patterns import alternation
from .base import Context, Sentence, extractor

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

# A clause of where, when or about what, between a quote and its speaker: “…”在上海的发布会后台，张某…
SETTING_CLAUSE = re.compile(r"(?:在|当|于|面对|对此|对于|关于|针对|谈到|谈及|说到|提到|随后|此时|这时|彼时|"
                            r"会上|会后|采访中|说完|话音刚落|接受)[^，,]{0,22}|对此|随后|说完|最后"
                            r"|[^，,]{1,16}(?:时|后|前|里|中|上|开始|之初|之际|期间|结束)")
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
# Verbs whose object holds a quote when a person is their subject: 张某把算力称作“新电力”,
# 张某…，承认公司“走了弯路”.
QUOTE_OBJECT_VERBS = ["称作", "称为", "称之为", "称其为", "承认", "形容", "形容为", "形容成", "比喻为",
                      "比喻成", "比作", "喻为", "定义为", "概括为", "总结为", "归结为", "视为", "看作",
                      "看成"]
# What a person's words are called: 张某的解释很直接：“…” / 张某的回答是：“…”
SPEECH_NOUNS = ["解释", "回答", "回应", "答复", "看法", "说法", "观点", "答案", "判断", "态度", "评价",
                "总结", "结论", "理由", "原话", "表态", "逻辑", "思路", "建议", "意见", "立场"]
# A person right after these is an object, not the one who speaks: 记者问张某：/ 向张某提问
OBJECT_BEFORE = re.compile(r"(?:对|向|和|与|跟|同|被|把|给|让|为|替|问|请|邀请|采访|询问|及|、"
                           r"|称赞|批评|反驳|回应|质疑)$")
# ... or anywhere in the words between a quote and a person: “…”这番话让在场的张某陷入沉思。
OBJECT_MARKER = re.compile(r"让|使|令|被|把|对|向|给|问|听|和|与|跟")
# A predicate before "：“…”" that does not report the person's words
NOT_SAYING = re.compile(r"拒绝|不愿|不肯|不便|未予|无可奉告|被|问道|提问|询问|发问")
# Adverbs that may start a clause whose subject is the person of the clause before: …，承认…
CLAUSE_ADVERBS = r"(?:也|还|并|则|更|又|亦|同时|随后|直接|公开|坦率地|罕见地|坦言|最终|甚至)*"
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
    content_end: int | None = None  # where what is said ends, when not at the next attribution
    spans: tuple[tuple[int, int], ...] = ()  # quotes said, when not after the attribution: “…”他笑了笑，“…”


@dataclass
class State:
    """What the reader remembers between units."""

    paragraph: int = 0
    last_person: Mention | None = None           # for 他/她
    speaker: Mention | None = None               # whose quote a bare quote continues
    speaker_paragraph: int = -10
    persons: list[Mention] = field(default_factory=list)  # every person so far, for 这位…创始人
    subject: Mention | None = None               # the person the unit just read was about (张某显得很平静。)
    subject_paragraph: int = -10


# ----------------------------------------------------------------- patterns

class Patterns:
    """Regexes built once from the lexicon's word lists."""

    def __init__(self) -> None:
        lx = lexicon()
        verbs = alternation(lx.speech_verbs)
        self.verb = re.compile(f"(?:{verbs})(?:称|道|说)?{ADDRESSEE}")
        adverbs = alternation(ADVERBS)
        self.adverbs_verb = re.compile(f"(?:{adverbs})*(?:{verbs})(?:称|道|说)?")
        # a clause starts after punctuation, a closing quote or a line break
        clause_start = f"(?:^|(?<=[{CLAUSE_BREAK}{SENT_END}{CLOSE_Q}\\n]))\\s*"
        self.pronoun = re.compile(clause_start + PRONOUN)
        nouns = alternation(lx.titles + tuple(PERSON_NOUNS))
        phrase = f"[^{CLAUSE_BREAK}{SENT_END}“”]"        # characters of one clause
        self.this_person = re.compile(
            clause_start + f"(?:这位|该位|这名)(?P<desc>{phrase}{{0,20}}?)(?P<noun>{nouns})")
        self.in_view = re.compile(f"在(?P<who>{phrase}{{1,20}}?)(?:也|则|还|更)?看来[{COMMA}]?")
        self.joined = re.compile(f"[{COMMA};；](?P<joiner>{JOINERS})(?P<verb>{verbs})(?:称|道|说)?")
        # an interview answer: the speaker's name (after a short description) and a colon
        self.colon_speaker = re.compile(f"\\s*(?P<who>{phrase}{{2,24}}?)[{COLON}]")
        self.bare = re.compile(clause_start + f"(?P<subj>{phrase}{{1,20}}?)"
                               f"(?:{verbs})(?:称|道|说)?{ADDRESSEE}(?=[{COMMA}{COLON}“])")
        # a predicate, a colon and a quote: 并不避讳：“ / 的解释很直接：“ / 的回答是:“
        self.colon_quote = re.compile(f"(?P<gap>{phrase}{{0,16}}?)[{COLON}]\\s*{OPEN_Q}")
        self.speech_noun = re.compile(f"的(?:{alternation(SPEECH_NOUNS)})")
        self.verbs = re.compile(verbs)
        self.quote_object = re.compile(alternation(QUOTE_OBJECT_VERBS))
        self.clause_adverbs = re.compile(CLAUSE_ADVERBS + "$")


# ---------------------------------------------------------------- the reader

@lru_cache(maxsize=1)
def patterns() -> Patterns:
    return Patterns()


@extractor("claims")
def claims(ctx: Context, out: Extraction) -> None:
    pats = patterns()
    persons = [m for m in ctx.mentions if m.type == "Person"]
    state = State()
    text = normalise(ctx.text)
    for p_index, (p_start, p_end) in enumerate(_paragraphs(text)):
        state.paragraph = p_index
        if _read_answer(ctx, text, pats, persons, state, p_start, p_end, out):
            continue
        for start, end in _units(text, p_start, p_end):
            _read_unit(ctx, text, pats, persons, state, start, end, out)


def normalise(text: str) -> str:
    """Full-width forms of the marks the reader looks for, offsets unchanged.

    Straight quotes (an even number of them in a paragraph) open and close in
    turn: "集团给的是时间." → “集团给的是时间。”; a half-width full stop ends a
    sentence when a Chinese character, a quote mark or the line end follows
    (not in 1.5, GPT-4.5 or "Mr. Smith").
    """
    if '"' not in text and "." not in text:
        return text
    chars = list(text)
    for m in re.finditer(r"[^\n]+", text):
        quotes = [i for i in range(m.start(), m.end()) if text[i] == '"'] if '"' in m.group() else []
        if quotes and len(quotes) % 2 == 0:
            for n, i in enumerate(quotes):
                chars[i] = OPEN_Q if n % 2 == 0 else CLOSE_Q
    for m in re.finditer(r"(?<![.])\.(?=\s*(?:$|[\u4e00-\u9fff“”\"]))(?!\.)", text, re.M):
        chars[m.start()] = "。"
    return "".join(chars)


def _read_answer(ctx: Context, text: str, pats: Patterns, persons: list[Mention], state: State,
                 start: int, end: int, out: Extraction) -> bool:
    """An interview answer: a paragraph "(星河智算CEO)韩某：…" is what the person says."""
    m = pats.colon_speaker.match(text, start, end)
    person = m and next((p for p in persons if p.start >= start and p.end == m.end("who")), None)
    if not m or person is None:
        return False
    state.persons.append(person)
    for chunk in _clip(_strip_quotes(text[m.end():end])):
        if _letters(chunk) >= MIN_LETTERS:
            _add(ctx, out, person, chunk, start, end, "speaker-colon")
    state.last_person = state.speaker = person
    state.speaker_paragraph = state.paragraph
    return True


def _read_unit(ctx: Context, text: str, pats: Patterns, persons: list[Mention], state: State,
               start: int, end: int, out: Extraction) -> None:
    quoted = _quote_mask(text, start, end)
    unit_persons = [m for m in persons if start <= m.start and m.end <= end]
    attributions = _attributions(ctx, text, pats, unit_persons, quoted, start, end)

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
        content_end = ev.content_end if ev.content_end is not None else min(later) if later else end
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

    before = state.subject if state.subject_paragraph == state.paragraph else None
    state.subject = None if attributions else _unit_subject(text, unit_persons, quoted, start, end)
    state.subject_paragraph = state.paragraph
    if said_any or attributions:
        return
    # 张某显得很平静。“…”: a unit that is only a quote, after one about a person, is theirs
    if before is not None and state.last_person is before and _only_quote(text[start:end]):
        said = _strip_quotes(text[start:end])
        if said:
            _add(ctx, out, before, said, start, end, "quote-after-subject")
            state.speaker, state.speaker_paragraph = before, state.paragraph
            return
    # a unit that is only a quote continues the speaker just before it
    if (state.speaker is not None and state.paragraph - state.speaker_paragraph <= 1
            and state.last_person is state.speaker and _only_quote(text[start:end])):
        said = _strip_quotes(text[start:end])
        if said:
            _add(ctx, out, state.speaker, said, start, end, "continued-quote")
            state.speaker_paragraph = state.paragraph


def _unit_subject(text: str, persons: list[Mention], quoted: list[bool], start: int,
                  end: int) -> Mention | None:
    """The one person a unit is about, as the subject of a clause (面对…的提问，张某显得很平静。)."""
    outside = [p for p in persons if not quoted[p.start - start]]
    if not outside or len({p.text for p in outside}) > 1:
        return None
    p = outside[0]
    if text.startswith("的", p.end) or not _is_subject(text, p.start):
        return None
    return p


def _attributions(ctx: Context, text: str, pats: Patterns, persons: list[Mention], quoted: list[bool],
                  start: int, end: int) -> list[Attribution]:
    """Every place in the unit [start, end) where someone is said to speak, outside quotes."""
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
    # 5. 张某并不避讳：“…” / 张某的解释很直接：“…” / 他的回答是：“…” (any predicate, a colon, a quote)
    subjects: list[tuple[int, int, Mention | None]] = \
        [(p.start, p.end, p) for p in persons if outside(p.start) and _is_subject(text, p.start)]
    subjects += [(m.end() - 1, m.end(), None) for m in pats.pronoun.finditer(text, start, end)
                 if outside(m.end() - 1)]
    for s_start, s_end, who in subjects:
        colon = _colon_quote(text, s_end, end, pats, persons)
        if colon is not None:
            found.append(Attribution(s_start, colon[0], who, "colon-quote", subject="他",
                                     content_end=colon[1]))
        # 6. 张某把长文本称作“…” / 张某随后松口，承认公司“…”
        obj = _quote_object(text, s_end, end, pats, persons, bounds)
        if obj is not None:
            found.append(Attribution(s_start, obj[0], who, "quote-object", subject="他", content_end=obj[1]))
    # 7. “…”（在…里，）张某开门见山。 / “…”他笑了笑，“…”
    around = _quote_around(text, start, end, pats, persons)
    if around is not None:
        found.append(around)
    found = _drop_overlaps(found)
    # 8. 该公司称， / 有行业人士指出， : a speaker who is not a named person
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
    rank = {"quote-around-split": -1, "speaker-verb": 0, "in-view": 0, "described-speaker": 1,
            "pronoun-speaker": 1, "in-view-pronoun": 1, "colon-quote": 1, "quote-object": 1, "joined": 2,
            "quote-around": 2}
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
    straight = pats.adverbs_verb.match(clause)
    if straight and not clause.startswith(NOT_SPEECH_NEXT, straight.end()) and pos + straight.end() in bounds:
        return pos + straight.end()
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
    if a.rule in ("pronoun-speaker", "in-view-pronoun", "colon-quote", "quote-object", "quote-around",
                  "quote-around-split"):
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


def _clause_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in CLAUSE_BREAK + SENT_END + OPEN_Q + CLOSE_Q + "\n") + 1


def _is_subject(text: str, pos: int) -> bool:
    """Is the person at ``pos`` the subject of its clause, not an object (记者问张某, 向张某提问)?"""
    before = text[_clause_start(text, pos):pos]
    return len(before) <= 30 and not OBJECT_BEFORE.search(before)


def _colon_quote(text: str, pos: int, end: int, pats: Patterns,
                 persons: list[Mention]) -> tuple[int, int] | None:
    """After a subject at ``pos``: a short predicate, a colon and a quote → (content start, end)."""
    m = pats.colon_quote.match(text, pos, end)
    if m is None:
        return None
    gap = m.group("gap")
    if NOT_SAYING.search(gap) or any(pos <= p.start < m.end("gap") for p in persons):
        return None
    # 张某的解释：/ 张某的团队：— after 的, only a word for what was said keeps the person speaking
    if re.search(r"的.", pats.speech_noun.sub("", gap, count=1)):
        return None
    if gap.startswith("的") and not pats.speech_noun.match(gap):
        return None
    close = text.find(CLOSE_Q, m.end(), end)
    return m.end("gap") + 1, (close + 1 if close >= 0 else end)


def _quote_object(text: str, pos: int, end: int, pats: Patterns, persons: list[Mention],
                  bounds: frozenset[int]) -> tuple[int, int] | None:
    """A verb with a quote in its object after a subject at ``pos`` → (content start, end).

    张某早在去年就把长文本称作通往AGI的“登月第一步” / 张某随后松口，承认公司“站在了错误的一边”.
    The verb is in the subject's clause, or starts the next one (no new subject).
    """
    limit = min(end, pos + 80)
    for v in pats.quote_object.finditer(text, pos, limit):
        if v.start() not in bounds:
            continue
        lead = text[pos:v.start()]
        if re.search(f"[{SENT_END}{OPEN_Q}{CLOSE_Q}\n]", lead) \
                or any(pos <= p.start < v.start() for p in persons):
            return None
        clauses = re.split(f"[{CLAUSE_BREAK}]", lead)
        if len(clauses) > 2 or (len(clauses) == 2 and not pats.clause_adverbs.search(clauses[1])):
            return None
        own = clauses[0]
        subject_part = own.split("把")[0]
        if "被" in own or len(own) > MAX_GAP or re.search(r"的.", GAP_SETTINGS.sub("", subject_part)) \
                or re.search(PRONOUN, own):
            return None
        after = text[v.end():limit]
        q = re.match(f"[^{CLAUSE_BREAK}{SENT_END}{OPEN_Q}{CLOSE_Q}]{{0,30}}{OPEN_Q}", after)
        if q is None:
            return None
        close = text.find(CLOSE_Q, v.end() + q.end(), end)
        if close < 0:
            return None
        content_start = pos + own.index("把") + 1 if "把" in own and len(clauses) == 1 else v.end()
        return content_start, close + 1
    return None


def _quote_around(text: str, start: int, end: int, pats: Patterns,
                  persons: list[Mention]) -> Attribution | None:
    """A unit that opens with a quote, then its speaker with a short predicate and no speech verb needed.

    “…。”在北京的办公室里，张某开门见山。 → the quote;
    “…。”他笑了笑，“…。” → both quotes, one statement.
    """
    i = start + len(text[start:end]) - len(text[start:end].lstrip())
    if i >= end or text[i] != OPEN_Q:
        return None
    c1 = text.find(CLOSE_Q, i + 1, end)
    if c1 < 0 or text[c1 - 1] not in SENT_END + COMMA + "…" or OPEN_Q in text[i + 1:c1]:
        return None
    j = c1 + 1
    # the subject: the first person after the quote, or 他/她 starting a clause
    subj: tuple[int, int, Mention | None] | None = None
    p = next((p for p in persons if p.start >= j), None)
    pron = pats.pronoun.search(text, j, end)
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
    if any(not (SETTING_CLAUSE.fullmatch(s.strip()) or GAP_SETTINGS.fullmatch(s.strip())) for s in settings) \
            or len(last) > 20 or OBJECT_BEFORE.search(last) or OBJECT_MARKER.search(last):
        return None
    pred = re.match(f"[^{CLAUSE_BREAK}{SENT_END}{OPEN_Q}{CLOSE_Q}\n]{{0,12}}", text[subj[1]:end])
    assert pred is not None
    k = subj[1] + pred.end()
    if pred.group(0).startswith("的") or any(subj[1] <= q.start < k for q in persons):
        return None
    tail = text[k:end]
    if re.fullmatch(f"[{SENT_END}]+\\s*", tail):
        return Attribution(subj[0], k, subj[2], "quote-around", subject="他", content_end=k,
                           spans=((i, c1 + 1),))
    m = re.match(f"[{COMMA}{COLON}]\\s*{OPEN_Q}", tail)
    if m is None:
        return None
    q2 = k + m.end() - 1
    c2 = text.find(CLOSE_Q, q2 + 1, end)
    if c2 < 0 or not re.fullmatch(f"[{SENT_END}]*\\s*", text[c2 + 1:end]):
        return None
    return Attribution(subj[0], k, subj[2], "quote-around-split", subject="他", content_end=k,
                       spans=((i, c1 + 1), (q2, c2 + 1)))


def _description(text: str, p: Mention) -> str:
    """The words before a person's name in its clause: 星河智算创始人 in "星河智算创始人韩某"."""
    clause_start = max(text.rfind(ch, 0, p.start) for ch in CLAUSE_BREAK + SENT_END + OPEN_Q + CLOSE_Q + "\n")
    return text[clause_start + 1:p.start]


# ------------------------------------------------------------ what is said

def _statements(text: str, a: Attribution, unit_start: int, content_end: int,
                quoted: list[bool]) -> Iterator[str]:
    """What the attribution's speaker says, one statement at a time."""
    if a.spans:
        # “…”他笑了笑，“…”: the quotes around the speaker are one statement
        said = "".join(text[s + 1:e - 1] for s, e in a.spans)
        for chunk in _clip(_strip_quotes(said)):
            if _letters(chunk) >= MIN_LETTERS:
                yield chunk
        return
    said = text[a.content_start:content_end]
    if _letters(said) < MIN_LETTERS:
        # “…”张三说。: the quote before the speaker
        before = text[unit_start:a.start].rstrip().rstrip(COMMA)
        lead = before.lstrip()
        close = lead.find(CLOSE_Q)
        if before.endswith(CLOSE_Q):
            opening = before.find(OPEN_Q)
            said = before[opening:] if opening >= 0 else before
        elif lead.startswith(OPEN_Q) and close > 0 and len(lead) - close <= 40 \
                and not re.search(f"[{OPEN_Q}{CLOSE_Q}]", lead[close + 1:]):
            # “…”在北京的办公室里，张三开门见山地说。: a setting between the quote and the speaker
            said = lead[:close + 1]
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
            while j < end and text[j] in SENT_END + CLOSE_Q + "’」』)）":
                j += 1
            yield unit_start, j
            unit_start, i = j, j
            continue
        i += 1
    if text[unit_start:end].strip():
        yield unit_start, end


_UNIT_END = re.compile(f"[{SENT_END}][{SENT_END}{CLOSE_Q}’」』)）]*")


def _units_unquoted(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``_units`` of a paragraph without an opening quotation mark, which is most of them."""
    unit_start = start
    for m in _UNIT_END.finditer(text, start, end):
        yield unit_start, m.end()
        unit_start = m.end()
    if text[unit_start:end].strip():
        yield unit_start, end


def _quote_mask(text: str, start: int, end: int) -> list[bool]:
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
