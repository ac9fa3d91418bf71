"""English claims: statements a named person is reported to have made.

The reader walks an article paragraph by paragraph, each cut into *units* (sentences whose
ends are looked for outside quotation marks, kg/extractors/en/claims_text.py). In each unit the
rules of kg/extractors/en/claims_rules.py find *attributions*: “…,” Altman said. / “…,” said
Sam Altman, … / “A,” he said, “B.” / Altman told Reuters that … / X argued that “…” /
According to X, … / In X's view, … / X answered …: “…”.

People are the article's Person mentions, and a surname (or a Chinese family name) standing
alone for a person named earlier (Raman → Priya Raman). A pronoun speaker (he, she) is the person
last named outside quotes, or the speaker of the claim before. A unit that is only a quote
continues the speaker just before it: in the same paragraph it joins their claim (one
statement, while short), in the next paragraph it is a claim of its own.

Companies (the company said, OpenAI said), unnamed people (people familiar with the matter,
a spokesperson, analysts) and anything else that is not a named person give no claim; they
end the current speaker, and an unnamed person also ends "the last person named".
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ...records import Claim, Evidence, Extraction, Mention
from ..base import Context, Sentence, extractor
from .claims_interview import ANSWER, HEADING, QUESTION, answer_text, interviewee, layout, name_label
from .claims_rules import Attribution, Ref, Unit, attributions, patterns
from .claims_text import (
    CLOSE_Q,
    MAX_LETTERS,
    OPEN_Q,
    curly_quotes,
    join,
    letters,
    paragraphs,
    quote_mask,
    statements,
    strip_quotes,
    units,
)

__all__ = ["claims"]

CONTINUED = "en-continued-quote"
RUNS_ON = "en-quote-runs-on"          # a quote over paragraphs, attributed only in the last one
ANSWERED = "en-interview-answer"
# a capitalised word that may be a surname (letters, an inner apostrophe or hyphen)
NAME_WORD = re.compile(r"\b[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)?\b")


@dataclass
class State:
    """What the reader remembers between units."""

    paragraph: int = 0
    last_person: Mention | None = None     # for he / she
    speaker: Mention | None = None         # whose quote a bare quote continues
    speaker_paragraph: int = -10
    claim_at: int = -1                     # index in out.claims of the speaker's last claim …
    claim_paragraph: int = -10             # … and its paragraph
    pending: list[tuple[str, int, int]] = dataclasses.field(default_factory=list)  # a quote not yet attributed …
    pending_paragraph: int = -10                                                     # … last continued here
    guest: Mention | None = None           # who answers an interview's questions
    in_interview: bool = False


@extractor("claims", lang="en")
def claims(ctx: Context, out: Extraction) -> None:
    pats = patterns()
    text = curly_quotes(ctx.text)
    persons = sorted((m for m in ctx.mentions if m.type == "Person"), key=lambda m: m.start)
    orgs = [m for m in ctx.mentions if m.type == "Organization"]
    refs = person_refs(text, persons, ctx.mentions)
    state = State()
    for p_index, (p_start, p_end) in enumerate(paragraphs(text)):
        state.paragraph = p_index
        par_units = [Unit(text, start, end, [r for r in refs if start <= r.start and r.end <= end],
                          [o for o in orgs if start <= o.start and o.end <= end], quote_mask(text, start, end), pats)
                     for start, end in units(text, p_start, p_end)]
        if _interview(ctx, text, (p_start, p_end), par_units, refs, state, out):
            continue
        if not text[p_start:p_end].lstrip().startswith(OPEN_Q):
            state.pending = []
        for unit in par_units:
            _read_unit(ctx, unit, state, out)


def person_refs(text: str, persons: list[Mention], mentions: list[Mention]) -> list[Ref]:
    """Every Person mention, and every capitalised word (or one-word unknown Organization mention)
    standing alone for a person named earlier by its first or last word (Raman for Priya Raman,
    Zhou for Zhou Jingren)."""
    def named_before(word: str, pos: int) -> Mention | None:
        earlier = [p for p in persons if p.end <= pos and len(p.text.split()) > 1
                   and word in (p.text.split()[0], p.text.split()[-1])]
        return earlier[-1] if earlier else None

    refs = []
    for p in persons:
        full = named_before(p.text, p.start) if len(p.text.split()) == 1 else None
        refs.append(Ref(p.start, p.end, full if full is not None and p.key in (None, full.key) else p))
    if not persons:
        return refs
    for o in mentions:          # a lone surname the finder took for a company: "…, Raman insists."
        full = named_before(o.text, o.start) if o.type == "Organization" and o.key is None else None
        if full is not None and " " not in o.text:
            refs.append(Ref(o.start, o.end, full))
    taken = [(m.start, m.end) for m in mentions]
    for w in NAME_WORD.finditer(text, persons[0].end):
        word = w.group(0)
        if not word[0].isupper() or any(s < w.end() and w.start() < e for s, e in taken):
            continue
        full = named_before(word, w.start())
        if full is not None:
            refs.append(Ref(w.start(), w.end(), full))
    return sorted(refs, key=lambda r: r.start)


def _interview(ctx: Context, text: str, par: tuple[int, int], par_units: list[Unit], refs: list[Ref],
               state: State, out: Extraction) -> bool:
    """Questions and answers (kg/extractors/en/claims_interview.py): True when the paragraph is read."""
    p_start, p_end = par
    kind, body = layout(text[p_start:p_end])
    if kind == QUESTION:
        state.guest = state.guest or interviewee(refs, text, p_start)
        state.in_interview, state.speaker, state.pending = True, None, []
        return True
    named = name_label(text, p_start, p_end, refs)
    if named is not None and state.in_interview:
        kind, body = ANSWER, named[1] - p_start      # "Li: We will …": a transcript names who answers
    if not state.in_interview or kind == HEADING or (kind != ANSWER and any(
            a.speaker.kind in ("person", "pronoun") for u in par_units for a in attributions(u))):
        state.in_interview = False
        return False
    guest = named[0] if named is not None else state.guest
    if guest is not None:
        for statement in statements(answer_text(text, p_start + body, p_end)):
            _add(ctx, out, guest, statement, p_start, p_end, ANSWERED)
    return True


def _read_unit(ctx: Context, u: Unit, state: State, out: Extraction) -> None:
    found = attributions(u)
    events: list[tuple[int, int, Ref | Attribution]] = \
        [(r.start, 0, r) for r in u.refs if u.outside(r.start)] + [(a.start, 1, a) for a in found]
    for _, _, ev in sorted(events, key=lambda e: (e[0], e[1])):
        if isinstance(ev, Ref):
            state.last_person = ev.person
        else:
            _speak(ctx, u, state, ev, out)
    if not found:
        _read_bare_quote(ctx, u, state, out)


def _speak(ctx: Context, u: Unit, state: State, a: Attribution, out: Extraction) -> None:
    kind = a.speaker.kind
    speaker = a.speaker.person if kind == "person" else state.last_person if kind == "pronoun" else None
    if speaker is None:
        # a company, an unnamed person, something else: nobody's quote continues past this
        state.speaker, state.pending = None, []
        if kind == "unnamed":
            state.last_person = None
        return
    said = join([strip_quotes(u.text[s:e]) for s, e in a.spans])
    if state.pending and state.pending_paragraph == state.paragraph - 1:
        for pending, start, end in state.pending:         # “A … ¶ “B,” she said.: A is hers too
            for statement in statements(pending):
                _add(ctx, out, speaker, statement, start, end, RUNS_ON)
    state.pending = []
    first = len(out.claims)
    for statement in statements(said):
        _add(ctx, out, speaker, statement, u.start, u.end, a.rule)
    state.speaker = state.last_person = speaker
    state.speaker_paragraph = state.paragraph
    if len(out.claims) > first:
        state.claim_at, state.claim_paragraph = len(out.claims) - 1, state.paragraph


def _read_bare_quote(ctx: Context, u: Unit, state: State, out: Extraction) -> None:
    """A unit that is only a quote continues the speaker just before it."""
    body = u.text[u.start:u.end].strip()
    inner = body.rstrip(".!?")
    closed = inner.endswith(CLOSE_Q)       # not closed: the quote runs on into the next paragraph
    if not body.startswith(OPEN_Q) or OPEN_Q in body[1:] or CLOSE_Q in (inner[:-1] if closed else inner):
        return
    said = strip_quotes(body)
    if state.speaker is None or state.paragraph - state.speaker_paragraph > 1 or state.last_person is not state.speaker:
        if not closed:
            state.pending.append((said, u.start, u.end))
            state.pending_paragraph = state.paragraph
        return
    if state.claim_paragraph == state.paragraph and state.claim_at >= 0 and \
            out.claims[state.claim_at].speaker is state.speaker and \
            letters(out.claims[state.claim_at].text) + letters(said) <= MAX_LETTERS:
        _join(ctx, out, state.claim_at, said, u.end)
    else:
        first = len(out.claims)
        for statement in statements(said):
            _add(ctx, out, state.speaker, statement, u.start, u.end, CONTINUED)
        if len(out.claims) > first:
            state.claim_at, state.claim_paragraph = len(out.claims) - 1, state.paragraph
    state.speaker_paragraph = state.paragraph


def _join(ctx: Context, out: Extraction, index: int, said: str, end: int) -> None:
    """“A,” X said. “B.” in one paragraph: one statement, its evidence the two sentences."""
    claim = out.claims[index]
    ev = claim.evidence
    sent = Sentence(ev.start, end, ctx.text[ev.start:end], ())
    evidence: Evidence = ctx.evidence(sent, ev.rule)
    out.claims[index] = dataclasses.replace(claim, text=join([claim.text, said]), evidence=evidence)


def _add(ctx: Context, out: Extraction, speaker: Mention, said: str, start: int, end: int, rule: str) -> None:
    sent = Sentence(start, end, ctx.text[start:end], ())
    out.claims.append(Claim(speaker, said, ctx.evidence(sent, rule), date=ctx.date_in(sent.text)))
