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
LATIN = re.compile(r"[A-Za-z]")
CJK_SHARE = 0.2                 # Chinese news quotes many Latin names; English news few Chinese ones


def detect(text: str) -> str:
    """``zh`` when CJK characters make up at least a fifth of the letters, else ``en``."""
    sample = text[:20_000]
    han = len(CJK.findall(sample))
    latin = len(LATIN.findall(sample))
    return "zh" if han and han >= CJK_SHARE * (han + latin) else "en"


def pipeline_lang(tag: str) -> str:
    """The pipeline for a language tag: its primary subtag if there is one for it, else the default."""
    primary = tag.strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in LANGUAGES else LANGUAGES[0]
