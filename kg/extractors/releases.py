"""What the release rules of one article share (``relations_released``): the releases found so far, one
releaser per model mention, and what the rules look up in the article again and again (its organisations'
offsets, brands and Latin names, its heading lines, its sentences' starts), each found once.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from ..records import Extraction, Mention, Relation
from .base import Context, Sentence
from .model_makers import brands_of, latin_names

# a heading line: "**X：…**" or "## X：…" (the organisation right after the marks labels the section)
HEADING = re.compile(r"\s*(?:\*\*|#{1,4}\s*)")


class Releases:
    """What the release rules of one article share: the facts so far, one releaser per model mention."""

    def __init__(self, ctx: Context, out: Extraction) -> None:
        self.ctx, self.out = ctx, out
        self.seen: set[tuple[int, int]] = set()
        self.released: set[int] = set()         # the models of ``seen``
        self.article_orgs = [m for m in ctx.mentions if m.type == "Organization"]
        self.org_starts = [m.start for m in self.article_orgs]

    def add(self, org: Mention, model: Mention, sent: Sentence, rule: str) -> None:
        if self.has(model):
            return      # one releaser per model mention (and a pair seen has its model released)
        self.seen.add((org.start, model.start))
        self.released.add(model.start)
        self.out.relations.append(Relation("released", org, model, self.ctx.evidence(sent, rule),
                                           date=self.ctx.date_in(sent.text)))

    @cached_property
    def headings(self) -> list[tuple[int, int]]:
        """(start, end of the markup) of each line of the article that opens as a heading (**, ##), in order."""
        out, start = [], 0
        for line in self.ctx.text.split("\n"):
            heading = HEADING.match(line)
            if heading:
                out.append((start, start + heading.end()))
            start += len(line) + 1
        return out

    @cached_property
    def brands(self) -> frozenset[str]:
        return brands_of(self.article_orgs)

    @cached_property
    def latin(self) -> frozenset[str]:
        return latin_names(self.article_orgs)

    @cached_property
    def heading_starts(self) -> list[int]:
        return [s for s, _ in self.headings]

    def has(self, model: Mention) -> bool:
        return model.start in self.released

    def sentence_of(self, m: Mention) -> Sentence:
        sents = self.ctx.sentences      # in text order, apart: the last one starting at or before the mention
        i = bisect.bisect_right(self.sentence_starts, m.start) - 1
        return sents[i] if i >= 0 and m.start < sents[i].end else next(x for x in sents if x.start <= m.start < x.end)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [x.start for x in self.ctx.sentences]
