"""Languages: which pipeline reads an article.

An article's ``lang`` (front matter, else detected from its text) names a language tag such as
``zh``, ``zh-Hant`` or ``en-GB``; its primary subtag picks the pipeline. Each language is a module
here (``kg/lang/zh.py``, ``kg/lang/en.py``) with its rule files in ``kg/rules/<lang>/``: adding
a third is a new module, a new folder of rules and a line in ``LANGUAGES``.
"""

from __future__ import annotations

import re

LANGUAGES = ("zh", "en")        # the pipelines there are; the first is the default
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z]+")
# Chinese news has 8-100 CJK characters per Latin word (model names, CEO, API), English news none
# or a quoted name or two: half a character per word separates them with room on both sides.
CJK_PER_LATIN_WORD = 0.5


def detect(text: str) -> str:
    """``zh`` when the text has at least half a CJK character per Latin word, else ``en``."""
    sample = text[:20_000]
    han = len(CJK.findall(sample))
    return "zh" if han and han >= CJK_PER_LATIN_WORD * len(LATIN_WORD.findall(sample)) else "en"


def pipeline_lang(tag: str) -> str:
    """The pipeline for a language tag: its primary subtag if there is one for it, else the default."""
    primary = tag.strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in LANGUAGES else LANGUAGES[0]
