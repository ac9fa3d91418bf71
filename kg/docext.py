"""What the pipeline leaves on a spaCy ``Doc`` for the later stages: the extensions, set up once."""

from __future__ import annotations

from typing import Any, Protocol

from spacy.tokens import Doc

if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=None)
if not Doc.has_extension("families"):
    Doc.set_extension("families", default=None)   # model families the article introduces -> offset
if not Doc.has_extension("article"):
    Doc.set_extension("article", default=None)
if not Doc.has_extension("found"):
    Doc.set_extension("found", default=None)   # candidates the entity sources found, until the choice
if not Doc.has_extension("source_text"):
    Doc.set_extension("source_text", default=None)   # the text as tokenised (see doc_text)


def doc_text(doc: Doc) -> str:
    """The doc's text. Our tokenizer keeps it: ``Doc.text`` re-joins every token on each call."""
    text = doc._.source_text
    return text if text is not None else doc.text


def set_mentions(doc: Doc, mentions: list) -> None:
    """The mentions as the later stages read them (``doc._.mentions``) and as spaCy's span group
    ``doc.spans["kg"]`` (token-aligned, so a mention inside a token is widened to it there)."""
    doc._.mentions = mentions
    spans = [doc.char_span(m.start, m.end, label=m.type, alignment_mode="expand") for m in mentions]
    doc.spans["kg"] = [s for s in spans if s is not None]


class Finder(Protocol):
    """A language's entity finder: the mentions of a text, and the model families it introduces."""

    def find(self, text: str) -> Any: ...  # a kg.entities.finder.Chosen


class MentionsComponent:
    """The pipeline component every language uses: runs its finder, and puts the mentions on
    ``doc._.mentions`` and ``doc.spans["kg"]`` and the model families on ``doc._.families``."""

    def __init__(self, finder: Finder) -> None:
        self.finder = finder

    def __call__(self, doc: Doc) -> Doc:
        found = self.finder.find(doc_text(doc))
        set_mentions(doc, found.mentions)
        doc._.families = dict(found.families)
        return doc
