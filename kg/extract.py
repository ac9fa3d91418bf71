"""Stage 3: extract facts from an analysed ``Doc`` into an ``Extraction``.

Extractors are registered by name and language (``@extractor("prices", lang="en")``) and each reads
the same ``Context``: the article, its sentences, its mentions. Adding a fact
kind means adding a module under ``kg/extractors/``, not editing an if-chain.
"""

from __future__ import annotations

from spacy.tokens import Doc

from . import extractors  # noqa: F401  (registers the built-in extractors)
from .extractors.base import EXTRACTORS, Context
from .lang import pipeline_lang
from .records import Extraction


def extract(doc: Doc) -> Extraction:
    """Run the extractors registered for the article's language over the analysed article."""
    ctx = Context(doc)
    result = Extraction(article=ctx.article, mentions=list(ctx.mentions))
    for fn in EXTRACTORS.get(pipeline_lang(ctx.article.lang), {}).values():
        fn(ctx, result)
    return result
