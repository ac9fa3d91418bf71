"""What the pipeline leaves on a spaCy ``Doc`` for the later stages: the extensions, set up once."""

from __future__ import annotations

from spacy.tokens import Doc

if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=None)
if not Doc.has_extension("families"):
    Doc.set_extension("families", default=None)   # model families the article introduces -> offset
if not Doc.has_extension("article"):
    Doc.set_extension("article", default=None)
if not Doc.has_extension("source_text"):
    Doc.set_extension("source_text", default=None)   # the text as tokenised (see doc_text)


def doc_text(doc: Doc) -> str:
    """The doc's text. Our tokenizer keeps it: ``Doc.text`` re-joins every token on each call."""
    text = doc._.source_text
    return text if text is not None else doc.text
