"""Small typed records that the pipeline stages hand to one another.

read → ``Article``; analyse + extract → ``Extraction`` (mentions and facts with
``Evidence``); resolve → ``ResolvedArticle`` (the same facts pointing at
``Entity`` records with stable keys).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

EntityType = Literal["Organization", "Person", "Model"]
RelationKind = Literal["released", "subsidiaryOf", "worksFor", "formerlyWorkedFor"]


@dataclass(frozen=True)
class Article:
    """One article as read from disk: metadata from front matter, body text."""

    id: str
    text: str
    content_hash: str
    path: str = ""
    title: str = ""
    source: str = ""
    date: date | None = None
    url: str = ""
    lang: str = "zh"
    original: str = ""       # the text as written when ``text`` was converted (Traditional → Simplified, 1:1)

    def written(self, start: int, end: int) -> str:
        """The text between two offsets as the article writes it: the rules read ``text``, converted character
        for character from ``original`` when that was Traditional, so the same offsets slice the original."""
        if self.original and len(self.original) == len(self.text):
            return self.original[start:end]
        return self.text[start:end]


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the sentence and its character offsets in the article body."""

    article_id: str
    sentence: str
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class Mention:
    """A name found in the text. ``key`` is the catalogue id when the catalogue knows it."""

    text: str
    type: EntityType
    start: int
    end: int
    key: str | None = None
    source: str = "pattern"


@dataclass(frozen=True)
class Relation:
    kind: RelationKind
    subject: Mention
    object: Mention
    evidence: Evidence
    role: str | None = None
    date: date | None = None


@dataclass(frozen=True)
class Price:
    """A stated price, normalised to ``per_million`` tokens in ``currency``."""

    model: Mention
    evidence: Evidence
    currency: str | None = None
    amount: Decimal | None = None
    unit_tokens: int | None = None
    per_million: Decimal | None = None
    is_free: bool = False
    token_kind: str | None = None        # "input" | "output" | None
    cache: str | None = None             # "hit" | "miss" | None
    valid_from: date | None = None
    valid_until: date | None = None


@dataclass(frozen=True)
class PriceChange:
    model: Mention
    percent: float
    evidence: Evidence
    date: date | None = None
    token_kind: str | None = None


@dataclass(frozen=True)
class Claim:
    speaker: Mention
    text: str
    evidence: Evidence
    date: date | None = None


@dataclass
class Extraction:
    """Everything read out of one article, before entity resolution."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    prices: list[Price] = field(default_factory=list)
    changes: list[PriceChange] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass(frozen=True)
class Entity:
    """One real-world entity: ``key`` is stable across rebuilds and articles."""

    key: str
    type: EntityType
    label: str
    aliases: frozenset[str] = frozenset()
    from_catalogue: bool = False


@dataclass
class ResolvedArticle:
    """An extraction whose mentions are mapped to entities (by mention position)."""

    extraction: Extraction
    entities: dict[str, Entity]                       # key -> entity mentioned in the article
    entity_of: dict[tuple[int, int, str], str]        # (start, end, type) of a mention -> key

    def key(self, m: Mention) -> str:
        return self.entity_of[(m.start, m.end, m.type)]
