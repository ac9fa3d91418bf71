"""Who a career event is told of (Chinese): the person before it, the one a relative clause leads to, the
subject a pronoun or an interview's 我 stands for."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang.zh import title_chain_pattern
from ..records import Mention
from .base import Context, Sentence
from .claims import answer_speaker
from .relations import (
    BY_AGENT,
    CLAUSE_BREAK,
    FIRST_PERSON,
    HE_SHE,
    IS_PREDICATE,
    OBJECT_BEFORE_TITLE,
    OBJECT_MARKERS,
    PREDICATE_NOUN,
    RELATIVE_TITLE,
    R,
    any_of,
)


@lru_cache(maxsize=1)
def title_chain() -> re.Pattern[str]:
    """A chain of titles that ends where the text searched ends (right before a person's name)."""
    # 负责人之一萧某, 首席科学家为蒯某
    return re.compile(title_chain_pattern() + "(?:" + any_of(R.title_group_tail) + "|" + any_of(R.title_copulas)
                      + r")?\s?$")


class Career:
    """What the career rules of one article share: its persons, and who left which organisation."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.persons = [m for m in ctx.mentions if m.type == "Person"]
        self.left: set[tuple[str, str]] = set()

    def subject(self, sent: Sentence, pos: int) -> Mention | None:
        """The person an event at ``pos`` is told of: the nearest one before in the sentence, the one a
        relative clause leads to, or the last person named when the clause starts with 他/她."""
        text = self.ctx.text
        relative = self.relative_person(sent, pos)
        if relative is not None:
            return relative         # 与曾任ORG副总裁的苗某: the title is the person's after it, not the subject's
        # 曾在Google从事语音研究的Meera Kapoor, 从阿里云跳槽而来的北屿云总裁罗某: a relative clause before its
        # person, whoever was named before it
        described = self.described_after(sent, pos)
        if described is not None or self.by_agent(sent, pos):
            return described        # 职务由此前在商汤担任副院长的某某接任: the agent of 由, not who was before
        here = [p for p in sent.mentions if p.type == "Person" and p.end <= pos]
        if here:
            return self.predicate_subject(here) or here[-1]
        if HE_SHE.search(text[sent.start:pos]):
            # the last person named as a subject: not one spoken to or reported to (向周某汇报)
            earlier = [p for p in self.persons if p.end <= sent.start
                       and not text[max(0, p.start - 8):p.start].endswith(OBJECT_MARKERS)
                       and not OBJECT_BEFORE_TITLE.search(text[max(0, p.start - 12):p.start])]
            # in an interview answer the interviewee is 我: 他/她 is someone else, named in the answer
            start = text.rfind("\n", 0, sent.start) + 1
            answering = answer_speaker(self.ctx, start)
            if answering is not None:
                earlier = [p for p in earlier if p.start >= start and p.text != answering.text]
            return earlier[-1] if earlier else None
        if FIRST_PERSON.search(text[sent.start:pos]):
            return self.speaker(sent)
        return None

    def speaker(self, sent: Sentence) -> Mention | None:
        """The person whose name and a colon open the paragraph of ``sent`` (an interview answer)."""
        start = self.ctx.text.rfind("\n", 0, sent.start) + 1
        return next((p for p in self.persons if p.start == start
                     and self.ctx.text[p.end:p.end + 1] in R.speaker_marks), None) or answer_speaker(self.ctx, start)

    def described_after(self, sent: Sentence, pos: int) -> Mention | None:
        """The person a relative clause from ``pos`` leads to: "…的" right before the name, or before an
        organisation and a title before it."""
        text = self.ctx.text
        after = next((p for p in sent.mentions if p.type == "Person" and p.start > pos), None)
        if after is None or CLAUSE_BREAK.search(text[pos:after.start]):
            return None
        of = text.rfind(R.of[0], pos, after.start)
        if of < 0:
            return None
        between = [m for m in sent.mentions if of < m.start and m.end <= after.start]
        tail = text[between[-1].end if between else of + 1:after.start]
        if any(m.type != "Organization" for m in between) or len(between) > 1:
            return None
        return after if not tail or title_chain().fullmatch(tail) else None

    def by_agent(self, sent: Sentence, pos: int) -> bool:
        """The organisation at ``pos`` is told in the agent of 由 of its clause."""
        text = self.ctx.text
        start = max([sent.start] + [m.end() for m in CLAUSE_BREAK.finditer(text, sent.start, pos)])
        return bool(BY_AGENT.search(text, start, pos))

    def predicate_subject(self, here: list[Mention]) -> Mention | None:
        """The subject when the person nearest before is named in its predicate: "韩某是邵某读博时的师妹，
        先后在…" tells of 韩某."""
        text, last = self.ctx.text, here[-1]
        if len(here) > 1 and IS_PREDICATE.match(text[here[-2].end:last.start]) \
                and PREDICATE_NOUN.match(text, last.end):
            return here[-2]
        return None

    def relative_person(self, sent: Sentence, pos: int) -> Mention | None:
        """The person a relative clause on the organisation at ``pos`` describes: 现任岚舟科技CTO的蒋某."""
        org = next((o for o in sent.mentions if o.start == pos and o.type == "Organization"), None)
        after = [p for p in sent.mentions if p.type == "Person" and org is not None and p.start > org.end]
        if org is None or not after or any(org.end <= m.start < after[0].start for m in sent.mentions):
            return None
        return after[0] if RELATIVE_TITLE.match(self.ctx.text[org.end:after[0].start]) else None
