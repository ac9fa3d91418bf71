"""Stage 3: extract facts from an analysed ``Doc`` into an ``Extraction``.

Extractors are registered by name and language (``@extractor("prices", lang="en")``) and each reads
the same ``Context``: the article, its sentences, its mentions. Adding a fact
kind means adding a module under ``kg/extractors/``, not editing an if-chain.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from . import extractors  # noqa: F401  (registers the built-in extractors)
from .extractors.base import EXTRACTORS, Context
from .lang import pipeline_lang
from .records import Claim, Extraction


def extract(doc: Doc) -> Extraction:
    """Run the extractors registered for the article's language over the analysed article."""
    ctx = Context(doc)
    result = Extraction(article=ctx.article, mentions=list(ctx.mentions))
    for fn in EXTRACTORS.get(pipeline_lang(ctx.article.lang), {}).values():
        fn(ctx, result)
    result.claims = [as_written(result, c) for c in result.claims]
    return result


def as_written(x: Extraction, claim: Claim) -> Claim:
    """A claim quotes the article as written: the rules read a converted (Traditional → Simplified) text,
    and the conversion maps character to character, so the sentence tells how each character was written."""
    a, ev = x.article, claim.evidence
    if not a.original or a.original == a.text:
        return claim
    at = a.text.find(claim.text, ev.start, ev.end)
    if at >= 0:
        return replace(claim, text=a.written(at, at + len(claim.text)))
    # a claim put together from pieces: each character as the sentence writes it
    written = dict(zip(a.text[ev.start:ev.end], a.written(ev.start, ev.end), strict=True))
    return replace(claim, text="".join(written.get(ch, ch) for ch in claim.text))
