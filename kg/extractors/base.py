"""What every extractor reads and how it is registered: the ``Context`` of one article and the
``@extractor(name)`` registry. Extractors import this module, never ``kg.extract`` (which runs them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar, cast

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from ..docext import doc_text
from ..lang import pipeline_lang
from ..records import Article, Evidence, Extraction, Mention
from ..text.dates import date_in

ExtractorFn = Callable[["Context", Extraction], None]
EXTRACTORS: dict[str, dict[str, ExtractorFn]] = {}     # language -> name -> extractor, in order


def extractor(name: str, lang: str = "zh") -> Callable[[ExtractorFn], ExtractorFn]:
    """Register an extractor for a language's articles under ``name``; it appends facts to the
    ``Extraction`` it is given. Extractors run in the order they were registered."""

    def register(fn: ExtractorFn) -> ExtractorFn:
        EXTRACTORS.setdefault(lang, {})[name] = fn
        return fn

    return register


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    mentions: tuple[Mention, ...]
    # the types of the mentions: a rule that reads a person skips a sentence naming none
    types: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "types", frozenset(m.type for m in self.mentions))

    def local(self, m: Mention) -> tuple[int, int]:
        """A mention's offsets relative to the sentence."""
        return m.start - self.start, m.end - self.start


T = TypeVar("T")



class Context:
    """What every extractor reads: the article, its sentences and mentions, and small helpers."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.article: Article = doc._.article
        self.lang = pipeline_lang(self.article.lang)
        self.text = doc_text(doc)
        self.mentions: list[Mention] = list(doc._.mentions or [])
        self._shared: dict[str, Any] = {}

    def shared(self, name: str, compute: Callable[[], T]) -> T:
        """What one extractor computes and another reads too (the money amounts of every sentence):
        computed once per article."""
        if name not in self._shared:
            self._shared[name] = compute()
        return cast(T, self._shared[name])

    @cached_property
    def title(self) -> str:
        """The article's title in the script its text is read in: a Traditional article's text is converted
        to Simplified, so its title is too, or names in the title would not match names in the text."""
        from ..read import to_simplified

        title = self.article.title or ""
        return (to_simplified(title, self.article.lang) or title) if self.article.original else title

    @cached_property
    def sentences(self) -> list[Sentence]:
        import bisect

        # sentence starts read as arrays: iterating doc.sents builds a Python object per token
        cols = self.doc.to_array([IDX, SENT_START]).astype("int64") if len(self.doc) else None
        if cols is None:
            return []
        starts: list[int] = cols[cols[:, 1] == 1, 0].tolist()
        ends = starts[1:] + [len(self.text)]
        # trailing whitespace belongs to no sentence
        ends = [s + len(self.text[s:e].rstrip()) for s, e in zip(starts, ends)]
        mention_starts = [m.start for m in self.mentions]
        out = []
        for s, e in zip(starts, ends):
            lo = bisect.bisect_left(mention_starts, s)
            hi = bisect.bisect_left(mention_starts, e)
            ms = tuple(m for m in self.mentions[lo:hi] if m.end <= e)
            out.append(Sentence(s, e, self.text[s:e], ms))
        return out

    @cached_property
    def token_starts(self) -> frozenset[int]:
        """Character offsets where a token starts (and the text end): word boundaries for rules."""
        return frozenset(self.doc.to_array([IDX]).tolist()) | {len(self.text)}

    def sentence_index(self, sent: Sentence) -> int:
        """The index of one of the article's sentences (``sentences.index``, by its start)."""
        i = self._sentence_starts.get(sent.start)
        return i if i is not None and self.sentences[i] == sent else self.sentences.index(sent)

    @cached_property
    def _sentence_starts(self) -> dict[int, int]:
        return {s.start: i for i, s in enumerate(self.sentences)}

    def evidence(self, sent: Sentence, rule: str) -> Evidence:
        """Evidence quotes the article as written: a converted (Traditional) text's original, same offsets."""
        text = self.article.written(sent.start, sent.end)
        return Evidence(self.article.id, text.strip(), sent.start, sent.end, rule)

    def date_in(self, text: str) -> dt.date | None:
        """The first date in ``text``; a date without a year takes the article's year."""
        return date_in(text, self.lang, self.article.date.year if self.article.date else None)
