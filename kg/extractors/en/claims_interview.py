"""English claims: interviews printed as questions and answers.

Two layouts: labelled (``Q: …`` / ``A: …``, ``Question:`` / ``Answer:``, in bold or not) and bold
questions (a paragraph that is all bold, ends with a question mark and speaks to the reader's
guest: "**What are you building next?**") each followed by the answer as plain text. An answer
carries no attribution: it belongs to the interviewee, the person the intro names most (ties: the
one named last). A labelled answer is the interviewee's whatever it says; an unlabelled paragraph
after a question is read as an answer unless it has an attribution of its own (then the
interview is over); a paragraph opening with a person's name and a colon ("Li: …") is that
person's answer. A heading (an all-bold or ``#`` paragraph that is not a question) ends
the interview. The questions themselves are nobody's claim. Words: kg/rules/en/claims.yaml.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from ...records import Mention
from ...text.patterns import alternation
from .claims_rules import Ref, claim_rules

QUESTION, ANSWER, HEADING = "question", "answer", "heading"
MARKUP = "*_#> \t"


@dataclass(frozen=True)
class InterviewPatterns:
    question_label: re.Pattern[str]
    answer_label: re.Pattern[str]
    to_guest: re.Pattern[str]


@cache
def interview_patterns() -> InterviewPatterns:
    r = claim_rules()

    def label(words: tuple[str, ...]) -> re.Pattern[str]:
        # "Q:", "**Q:**", "Question.", "A —": the label, its mark and the markup around them
        return re.compile(rf"^[*_\s]*(?:{alternation(words)})[*_]*\s*(?:[:.]|[—–-](?=\s))[*_]*\s*")

    return InterviewPatterns(
        question_label=label(r.question_labels),
        answer_label=label(r.answer_labels),
        to_guest=re.compile(rf"\b(?:{alternation(r.guest_words)})\b", re.I),
    )


def layout(par: str) -> tuple[str | None, int]:
    """What a paragraph is in an interview (question | answer | heading | None), and where its
    text starts once a label (A:) is cut off."""
    pats = interview_patterns()
    if pats.question_label.match(par):
        return QUESTION, len(par)
    answer = pats.answer_label.match(par)
    if answer:
        return ANSWER, answer.end()
    body = par.strip()
    bold = body.startswith(("**", "__")) and body.endswith(("**", "__")) and len(body) > 4
    if bold and body.strip("*_ ").endswith("?") and pats.to_guest.search(body):
        return QUESTION, len(par)
    if bold or body.startswith("#"):
        return HEADING, 0
    return None, 0


def interviewee(refs: list[Ref], text: str, before: int) -> Mention | None:
    """The person the intro names most (outside quotes is not asked: a guest is named, not quoted),
    ties going to the one named last."""
    named = [r.person for r in refs if r.end <= before]
    if not named:
        return None
    counts = Counter(_key(p) for p in named)
    last = {_key(p): i for i, p in enumerate(named)}
    best = max(counts, key=lambda k: (counts[k], last[k]))
    return next(p for p in named if _key(p) == best)


def _key(p: Mention) -> str:
    return p.key or p.text


def name_label(text: str, start: int, end: int, refs: list[Ref]) -> tuple[Mention, int] | None:
    """A paragraph opening with a person's name and a colon ("**Li:** We will …"): the person, and
    where the answer starts."""
    lead = len(text[start:end]) - len(text[start:end].lstrip(MARKUP))
    ref = next((r for r in refs if r.start == start + lead), None)
    if ref is None:
        return None
    label = re.match(r"[*_]*\s*:[*_]*\s*", text[ref.end:end])
    return (ref.person, ref.end + label.end()) if label else None


def answer_text(text: str, start: int, end: int) -> str:
    """An answer's words without the markup around them."""
    return text[start:end].strip(MARKUP)
