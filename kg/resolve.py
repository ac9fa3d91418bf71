"""Stage 4: resolve mentions to entities with stable keys.

A mention's key is, in order: its catalogue id (catalogue names and the human
alias file); the key of a name the article itself introduces as an alias
("深度求索（DeepSeek）"); otherwise its normalised name (NFKC, case-folded, no
spaces, hyphens or dots; 公司/集团 suffixes dropped for organisations). Keys
never depend on order or counters, so a rebuild gives the same IRIs and the
same entity in two articles is one node.
"""

from __future__ import annotations

import re

from .catalogue import load_catalogue, norm_name
from .records import Entity, EntityType, Extraction, Mention, ResolvedArticle

ORG_SUFFIX = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|公司|集团)$")
ALIAS_PAREN = re.compile(r"^\s*[（(]\s*$")


def name_key(type_: EntityType, name: str) -> str:
    """The key of a name the catalogue does not know."""
    n = norm_name(name)
    if type_ == "Organization":
        stripped = ORG_SUFFIX.sub("", n)
        if len(stripped) >= 2:
            n = stripped
    return n


def resolve(extraction: Extraction) -> ResolvedArticle:
    """Map every mention of an extraction to an ``Entity``."""
    cat = load_catalogue()
    text = extraction.article.text
    mentions = sorted(set(extraction.mentions) | _fact_mentions(extraction), key=lambda m: (m.start, m.end))

    def base_key(m: Mention) -> tuple[str, bool]:
        if m.key:                   # a catalogue id, or a key the analyser derived (family variants)
            return m.key, m.key in cat.entries
        entry = cat.lookup(m.type, m.text)
        if entry:
            return entry.key, True
        return name_key(m.type, m.text), False

    # names the article introduces as aliases: 深度求索（DeepSeek）
    alias_of: dict[tuple[EntityType, str], tuple[str, bool]] = {}
    for a, b in zip(mentions, mentions[1:]):
        if a.type == b.type and ALIAS_PAREN.match(text[a.end:b.start]) and text[b.end:b.end + 1] in "）)":
            ka, kb = base_key(a), base_key(b)
            # the catalogue's key wins, else the longer name's (豆包pro-32k（Doubao-pro-32k）)
            winner = max((ka, len(a.text)), (kb, len(b.text)), key=lambda k: (k[0][1], k[1]))[0]
            for m in (a, b):
                alias_of[(m.type, norm_name(m.text))] = winner

    entities: dict[str, Entity] = {}
    entity_of: dict[tuple[int, int, str], str] = {}
    surface: dict[str, set[str]] = {}
    for m in mentions:
        key, known = alias_of.get((m.type, norm_name(m.text))) or base_key(m)
        full = f"{m.type}/{key}"
        entity_of[(m.start, m.end, m.type)] = full
        surface.setdefault(full, set()).add(m.text)
        if full not in entities:
            label = cat.entries[key].label if known and key in cat.entries else m.text
            entities[full] = Entity(full, m.type, label, frozenset(), known)
    for full, names in surface.items():
        e = entities[full]
        entities[full] = Entity(e.key, e.type, e.label, frozenset(names - {e.label}), e.from_catalogue)
    return ResolvedArticle(extraction, entities, entity_of)


def _fact_mentions(x: Extraction) -> set[Mention]:
    """Mentions that facts refer to (a coordinated model may exist only there)."""
    out: set[Mention] = set()
    for r in x.relations:
        out |= {r.subject, r.object}
    out |= {p.model for p in x.prices} | {c.model for c in x.changes} | {c.speaker for c in x.claims}
    return out
