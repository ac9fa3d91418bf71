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
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..entities.persons import AUTHOR_NOTE
from ..records import Claim, Extraction, Mention
from .base import Context, Sentence, extractor
from .claims_patterns import Patterns, patterns
from .claims_records import Attribution, Unit, is_subject
from .claims_rules import attributions, description, silent
from .claims_units import (
    CLOSE_Q,
    COLON,
    COMMA,
    MIN_LETTERS,
    OPEN_Q,
    SEMICOLON,
    curly_quotes_and_stops,
    leading_quote,
    letters,
    only_quote,
    paragraphs,
    quote_mask,
    split_trailing_quote,
    statements,
    strip_quotes,
    units,
)

__all__ = ["answer_speaker", "claims", "curly_quotes_and_stops"]

# The rules whose speaker is the person last mentioned (他, 这位…, a quote's subject)
LAST_PERSON_RULES = ("pronoun-speaker", "in-view-pronoun", "colon-quote", "quote-object", "quote-around",
                     "quote-around-split")


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


# ---------------------------------------------------------------- the reader

@extractor("claims")
def claims(ctx: Context, out: Extraction) -> None:
    pats = patterns()
    persons = [m for m in ctx.mentions if m.type == "Person"]
    starts = [m.start for m in persons]         # in text order: a unit's persons are a slice
    state = State()
    text = curly_quotes_and_stops(ctx.text)
    for p_index, (p_start, p_end) in enumerate(paragraphs(text)):
        state.paragraph = p_index
        if _read_answer(ctx, text, pats, persons, state, p_start, p_end, out):
            continue
        for start, end in units(text, p_start, p_end):
            unit_persons = [m for m in persons[bisect_left(starts, start):bisect_right(starts, end)] if m.end <= end]
            if silent(pats, text, start, end, unit_persons):
                _read_silent_unit(pats, text, state, start, end)
                continue
            unit = Unit(text, start, end, unit_persons, quote_mask(text, start, end), ctx.token_starts, pats)
            _read_unit(ctx, unit, state, out)
    _author_stances(ctx, text, pats, persons, out)


def _read_silent_unit(pats: Patterns, text: str, state: State, start: int, end: int) -> None:
    """``_read_unit`` of a unit in which no one speaks (``claims_rules.silent``), without building it: it has no
    person, no attribution and no quote, so it only tells that no one is the unit's subject and, if it names an
    unnamed person (一位…的负责人), that a later 他 is not the person named before."""
    if next(pats.indefinite_persons_in(text, start, end), None) is not None:
        state.last_person = None
    state.subject, state.subject_paragraph = None, state.paragraph


def _read_answer(ctx: Context, text: str, pats: Patterns, persons: list[Mention], state: State,
                 start: int, end: int, out: Extraction) -> bool:
    """An interview answer: a paragraph "(星河智算CEO)韩某：…" is what the person says, and "答：…" what
    the interviewee the title names says; an answer that narrates facts is no claim."""
    m = pats.colon_speaker.match(text, start, end)
    person = m and next((p for p in persons if p.start >= start and p.end == m.end("who")), None)
    rule = "speaker-colon"
    if not m or person is None:
        m = pats.answer_marker.match(text, start, end)
        person, rule = (_interviewee(ctx, pats, persons) if m else None), "answer-interviewee"
    if not m or person is None:
        return False
    state.persons.append(person)
    said_at = pats.label_close.match(text, m.end(), end)
    said_start = said_at.end() if said_at else m.end()
    answer = text[said_start:end]
    if _heading(text[start:end], said_at):
        state.last_person = person      # **韩某：价格不是卖点**: a section heading sums up; what follows tells
        return True
    if not (_introduces(pats, answer, person) or _hosts(ctx, pats, person)):
        # an answer that narrates facts is no claim, but a stance it then takes is
        parts = pats.stance.split(answer)
        for part in parts[1:] if _narrates(ctx, pats, answer.lstrip()) else parts:
            for chunk in statements(part):
                if not pats.cut_off.search(chunk):
                    _add(ctx, out, person, chunk, start, end, rule)
    state.last_person = state.speaker = person
    state.speaker_paragraph = state.paragraph
    return True


def _author_stances(ctx: Context, text: str, pats: Patterns, persons: list[Mention], out: Extraction) -> None:
    """An opinion piece whose author's note names the writer (*作者顾某为澄观研究院首席研究员…*): where the writer
    takes a stance in the first person (我的判断是，… / 但我认为…), each sentence from the stance to the end of
    the paragraph is a claim of the writer's, unless those sentences name someone else (whose words they tell)."""
    author = next((p for p in persons if p.source == AUTHOR_NOTE), None)
    if author is None:
        return
    for p_start, p_end in paragraphs(text):
        m = pats.author_stance.search(text, p_start, p_end)
        if m is None:
            continue
        said = [(s, e) for s, e in units(text, p_start, p_end) if e > m.start("stance")]
        if any(said[0][0] <= p.start < p_end and p.text != author.text for p in persons):
            continue
        for start, end in said:
            for chunk in statements(text[max(start, m.start("stance")):end]):
                _add(ctx, out, author, chunk, start, end, "author-stance")


def _heading(line: str, label: re.Match[str] | None) -> bool:
    """A bold line (**韩某：“便宜”不再是卖点**) whose marks close at its end, not right after the colon as a
    transcript's speaker label does (**韩某：**…): a section heading, not the person's words."""
    line = line.strip()
    closed_label = label is not None and label.group(0).strip() != ""
    return not closed_label and line.startswith(HEADING_MARKS) and line.endswith(HEADING_MARKS)


# the markup of a bold line
HEADING_MARKS = ("**", "__")


def _introduces(pats: Patterns, answer: str, person: Mention) -> bool:
    """大家好，我是韩某… / 韩某，星河智算合伙人…: a speaker introducing themselves says nothing yet."""
    intro = pats.self_introduction.match(answer)
    return answer.startswith(person.text) or (intro is not None and person.text in answer[:intro.end() + 12])


def _hosts(ctx: Context, pats: Patterns, person: Mention) -> bool:
    """Is ``person`` the host the article names (主持人韩某)? Their lines ask and paraphrase."""
    titles = pats.rules.host_titles
    return any(m.text == person.text and ctx.text[:m.start].endswith(titles) for m in ctx.mentions)


def answer_speaker(ctx: Context, start: int) -> Mention | None:
    """The interviewee, when the paragraph starting at ``start`` is an answer ("答：…"): the 我 of the answer."""
    pats = patterns()
    if not pats.answer_marker.match(ctx.text, start):
        return None
    return _interviewee(ctx, pats, [m for m in ctx.mentions if m.type == "Person"])


def _interviewee(ctx: Context, pats: Patterns, persons: list[Mention]) -> Mention | None:
    """The person an interview's title names after its interview word (对话星河智算韩某：…), as found in the text."""
    m = pats.title_interviewee.search(ctx.title)
    return next((p for p in persons if m.group("who").endswith(p.text)), None) if m else None


def _narrates(ctx: Context, pats: Patterns, answer: str) -> bool:
    """An answer opening with a year before the article's, a head count or a price list tells facts."""
    year = pats.narration_year.match(answer)
    if year and ctx.article.date and int(year.group(1)) < ctx.article.date.year:
        return True
    return pats.narration.match(answer) is not None


def _read_unit(ctx: Context, u: Unit, state: State, out: Extraction) -> None:
    found = attributions(u)
    # walk the unit in order: person mentions move "the last person", attributions speak
    events: list[tuple[int, int, Mention | Attribution | None]] = \
        [(m.start, 0, m) for m in u.persons] + [(a.start, 1, a) for a in found]
    # 一家…的技术负责人…: an unnamed person takes over; a later 他 is not the person named before
    events += [(m.start(), 0, None) for m in u.pats.indefinite_persons_in(u.text, u.start, u.end)
               if not any(m.start() <= p.start < m.end() for p in u.persons)]
    # “…。”但她也承认，…: a whole quoted sentence opening the unit, before anyone is said to speak in it,
    # continues the speaker before it
    lead = leading_quote(u.text[u.start:u.end])
    if lead and found and not any(a.spans for a in found) \
            and min(a.start for a in found) >= u.text.find(lead, u.start) + len(lead):
        _continue_quote(ctx, u, state, lead, out)
    said_any = False
    for _, _, ev in sorted(events, key=lambda e: (e[0], e[1], e[2] is None)):
        if ev is None:
            state.last_person = None
            continue
        if isinstance(ev, Mention):
            state.last_person = ev
            state.persons.append(ev)
            continue
        said_any = _speak(ctx, u, state, ev, found, out) or said_any

    before = state.subject if state.subject_paragraph == state.paragraph else None
    state.subject = None if found else _unit_subject(u)
    state.subject_paragraph = state.paragraph
    if not (said_any or found):
        _read_bare_quote(ctx, u, state, before, out)


def _speak(ctx: Context, u: Unit, state: State, ev: Attribution, found: list[Attribution],
           out: Extraction) -> bool:
    """What an attribution's speaker says, added as claims; did they say anything?"""
    speaker = _speaker_of(ev, state, u)
    later = [a.start for a in found if a.start > ev.start]
    content_end = ev.content_end if ev.content_end is not None else min(later) if later else u.end
    pats = u.pats
    if speaker is None:
        # a company or an unnamed person speaks: nobody's quote continues past this
        state.speaker = None
        if not pats.reporter_sourcing.match(ev.subject) and pats.unnamed_person.search(ev.subject):
            state.last_person = None
        return False
    said_any = False
    for said in _statements(u.text, ev, u.start, content_end):
        for who in (*ev.also, speaker):
            _add(ctx, out, who, said, u.start, u.end, ev.rule)
        said_any = True
    state.speaker, state.speaker_paragraph = speaker, state.paragraph
    state.last_person = speaker
    return said_any


def _read_bare_quote(ctx: Context, u: Unit, state: State, before: Mention | None, out: Extraction) -> None:
    """A unit that is only a quote, with no attribution: whose is it?"""
    text, start, end = u.text, u.start, u.end
    # 张某显得很平静。“…”: a unit that is only a quote, after one about a person, is theirs
    if before is not None and state.last_person is before and only_quote(text[start:end]):
        said = strip_quotes(text[start:end])
        if said:
            _add(ctx, out, before, said, start, end, "quote-after-subject")
            state.speaker, state.speaker_paragraph = before, state.paragraph
            return
    # a unit that is only a quote (or opens with a whole quoted sentence) continues the speaker just before it
    _continue_quote(ctx, u, state, text[start:end] if only_quote(text[start:end]) else leading_quote(text[start:end]),
                    out)


def _continue_quote(ctx: Context, u: Unit, state: State, quote: str | None, out: Extraction) -> None:
    """A quote with no speaker of its own, right after the speaker's words: theirs."""
    last = state.last_person
    if (state.speaker is not None and state.paragraph - state.speaker_paragraph <= 1 and quote
            and last is not None and (last is state.speaker or last.text == state.speaker.text)):
        said = strip_quotes(quote)
        if said:
            _add(ctx, out, state.speaker, said, u.start, u.end, "continued-quote")
            state.speaker_paragraph = state.paragraph


def _unit_subject(u: Unit) -> Mention | None:
    """The one person a unit is about, as the subject of a clause (面对…的提问，张某显得很平静。)."""
    outside = [p for p in u.persons if u.outside(p.start)]
    if not outside or len({p.text for p in outside}) > 1:
        return None
    p = outside[0]
    if u.text.startswith(u.pats.rules.possessive, p.end) or not is_subject(u.pats, u.text, p.start):
        return None
    return p


def _speaker_of(a: Attribution, state: State, u: Unit) -> Mention | None:
    """The person an attribution refers to, or None."""
    text = u.text
    if a.speaker is not None:
        return a.speaker
    if a.rule in LAST_PERSON_RULES:
        return state.last_person
    if a.rule == "joined":
        if state.speaker is state.last_person:
            return state.speaker
        return _chain_subject(a, state, u)
    if a.rule == "described-speaker":
        # 这位…创始人: the last person introduced with that title, else the last person
        for p in reversed(state.persons):
            if a.subject in description(text, p):
                return p
        return state.last_person
    return None


def _chain_subject(a: Attribution, state: State, u: Unit) -> Mention | None:
    """韩某卸任，他随后确认，已加盟X，并称“…”: a quote joined to a chain of clauses whose subject is the person
    the unit names (the name or 他/她 opening a clause, then clauses that go on without a subject)."""
    last, text, rules = state.last_person, u.text, u.pats.rules
    at = a.content_start + 1 if text[a.content_start:a.content_start + 1] in COLON else a.content_start
    if last is None or last.start < u.start or not text.startswith(OPEN_Q, at):
        return None
    for clause in reversed(re.split(f"[{COMMA}{SEMICOLON}]", text[last.start:a.start])[:-1]):
        clause = clause.strip()
        if clause.startswith((last.text, *rules.pronouns)):
            return last
        if not clause.startswith(rules.chain_openers):
            return None
    return None


# ------------------------------------------------------------ what is said

def _statements(text: str, a: Attribution, unit_start: int, content_end: int) -> Iterator[str]:
    """What the attribution's speaker says, one statement at a time."""
    if a.spans:
        # “…”他笑了笑，“…”: the quotes around the speaker are one statement
        yield from statements("".join(text[s + 1:e - 1] for s, e in a.spans))
        return
    said = text[a.content_start:content_end]
    # 甲说“开源”，乙说“出清”: a word quoted after the verb is the speaker's own, too short to tell; the quote
    # before the speaker is another's
    if letters(said) < MIN_LETTERS and not said.strip().lstrip(COMMA + COLON).strip().startswith(OPEN_Q):
        said = _quote_before(text[unit_start:a.start], said)
    said = said.strip().lstrip(COMMA + COLON).strip()
    for part in split_trailing_quote(said):
        yield from statements(part)


def _quote_before(before: str, said: str) -> str:
    """“…”张三说。: the quote before the speaker, if there is one, else ``said``."""
    before = before.rstrip().rstrip(COMMA)
    lead = before.lstrip()
    close = lead.find(CLOSE_Q)
    if before.endswith(CLOSE_Q):
        opening = before.find(OPEN_Q)
        return before[opening:] if opening >= 0 else before
    if lead.startswith(OPEN_Q) and close > 0 and len(lead) - close <= 40 \
            and OPEN_Q not in lead[close + 1:] and CLOSE_Q not in lead[close + 1:]:
        # “…”在北京的办公室里，张三开门见山地说。: a setting between the quote and the speaker
        return lead[:close + 1]
    return said


def _add(ctx: Context, out: Extraction, speaker: Mention, said: str, start: int, end: int, rule: str) -> None:
    sent = Sentence(start, end, ctx.text[start:end], ())
    out.claims.append(Claim(speaker, said, ctx.evidence(sent, rule), date=ctx.date_in(sent.text)))
