"""Stage 2: analyse an article with spaCy: tokens, sentences and entity mentions.

The article's language (``Article.lang``: front matter, else detected, see ``kg.lang``) picks
the pipeline: ``kg/lang/zh_nlp.py`` for Chinese, ``kg/lang/en_nlp.py`` for English. Every
pipeline leaves the same things on the ``Doc`` (``kg.docext``): sentence starts, the mentions
(``doc._.mentions``, also as the span group ``doc.spans["kg"]``), the article.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from .lang import en_nlp, pipeline_lang, zh_nlp
from .records import Article

PIPELINES: dict[str, Callable[[], Language]] = {"zh": zh_nlp.make_nlp, "en": en_nlp.make_nlp}


@cache
def load_nlp(lang: str = "zh") -> Language:
    """The pipeline for a language (``zh``, ``en``), built once per process."""
    return PIPELINES[lang]()


def analyse(article: Article) -> Doc:
    """Run the article's language's pipeline over its body; the ``Article`` rides along on ``doc._.article``."""
    doc = load_nlp(pipeline_lang(article.lang))(article.text)
    doc._.article = article
    return doc
