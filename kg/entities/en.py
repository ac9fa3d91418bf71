"""English entity mentions: catalogue names, then name patterns (kg/rules/en/entities.yaml).

Nothing is kept between texts.
"""

from __future__ import annotations

from ..catalogue import Catalogue
from ..records import Mention
from .base import KnownNames
from .finder import Found


class EnglishEntityFinder:
    """Finds entity mentions in English text."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.known = KnownNames(catalogue)

    def find(self, text: str) -> Found:
        mentions = [Mention(text[c.start:c.end], c.type, c.start, c.end, c.key, c.source)
                    for c in self.known.candidates(text)]
        return Found(mentions, {})
