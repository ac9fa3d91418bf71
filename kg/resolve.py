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
from dataclasses import dataclass
from functools import lru_cache

from .catalogue import load_catalogue, norm_name
from .lang.zh import leading_place
from .records import Entity, EntityType, Extraction, Mention, ResolvedArticle
from .rules import load_rules
from .text.patterns import alternation


@dataclass(frozen=True)
class ResolveRules:
    """``kg/rules/<lang>/resolve.yaml``: the words entity resolution reads."""

    legal_suffixes: tuple[str, ...]     # dropped from an organisation's key (有限公司, 集团)
    alias_intros: tuple[str, ...]       # introduce an alias in brackets (简称, 英文名)
    generic_name_words: tuple[str, ...]  # between a name and its legal form (科技, 控股)
    group_words: tuple[str, ...]        # make a name a group's (集团, 控股)


def rules() -> ResolveRules:
    return load_rules("zh", "resolve", ResolveRules)


@lru_cache(maxsize=1)
def legal_suffix() -> re.Pattern[str]:
    """A legal-form suffix at the end of a name: 有限公司, 集团."""
    return re.compile("(?:" + alternation(rules().legal_suffixes) + ")$")


@lru_cache(maxsize=1)
def org_suffixes() -> re.Pattern[str]:
    """One or more organisation suffixes from the lexicon (科技, 智能集团…)."""
    from .lang.zh import lexicon

    return re.compile("(?:" + alternation(lexicon().org_suffixes) + ")+")


@lru_cache(maxsize=1)
def alias_paren() -> re.Pattern[str]:
    """What stands between a name and its alias in brackets: （, （简称“, (英文名, （下稱「."""
    return re.compile(r"^\s*[（(]\s*(?:" + alternation(rules().alias_intros) + r")?\s*[“\"「『]?\s*$")


def name_key(type_: EntityType, name: str) -> str:
    """The key of a name the catalogue does not know."""
    n = norm_name(name)
    if type_ == "Organization":
        stripped = legal_suffix().sub("", n)
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
        if a.type == b.type and alias_paren().match(text[a.end:b.start]) and text[b.end:b.end + 2].lstrip("”\"」』")[:1] in "）)":
            ka, kb = base_key(a), base_key(b)
            # the catalogue's key wins, else the longer name's (豆包pro-32k（Doubao-pro-32k）)
            winner = max((ka, len(a.text)), (kb, len(b.text)), key=lambda k: (k[0][1], k[1]))[0]
            for m in (a, b):
                alias_of[(m.type, norm_name(m.text))] = winner

    # a unit the article tells is a subsidiary (全资子公司北京岚序科技有限公司) is no other name of its parent
    children = {norm_name(r.subject.text) for r in extraction.relations if r.kind == "subsidiaryOf"}
    for m, target in [*_legal_names(mentions, base_key, children), *_same_article_variants(mentions, base_key)]:
        target_key = alias_of.get((target.type, norm_name(target.text))) or base_key(target)
        alias_of.setdefault((m.type, norm_name(m.text)), target_key)

    entities: dict[str, Entity] = {}
    entity_of: dict[tuple[int, int, str], str] = {}
    surface: dict[str, set[str]] = {}
    article = extraction.article

    def written(m: Mention) -> str:
        return article.written(m.start, m.end) if text[m.start:m.end] == m.text else m.text

    for m in mentions:
        key, known = alias_of.get((m.type, norm_name(m.text))) or base_key(m)
        full = f"{m.type}/{key}"
        entity_of[(m.start, m.end, m.type)] = full
        # a Traditional article's names as written (鄧穎詩), and as read (邓颖诗) so both find the entity
        surface.setdefault(full, set()).update({m.text, written(m)})
        if full not in entities:
            label = cat.entries[key].label if known and key in cat.entries else written(m)
            entities[full] = Entity(full, m.type, label, frozenset(), known)
    for full, names in surface.items():
        e = entities[full]
        entities[full] = Entity(e.key, e.type, e.label, frozenset(names - {e.label}), e.from_catalogue)
    return ResolvedArticle(extraction, entities, entity_of)


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    from .lang.zh import lexicon

    return frozenset(norm_name(p) for p in lexicon().places)


def _one_edit(x: str, y: str) -> bool:
    if len(x) == len(y):
        return sum(a != b for a, b in zip(x, y)) == 1
    short, long_ = sorted((x, y), key=len)
    return len(long_) - len(short) == 1 and any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _same_article_variants(mentions: list[Mention], base_key) -> list[tuple[Mention, Mention]]:  # noqa: ANN001
    """Names in one article that denote an entity named more fully or more often there.

    "Whitmore" after "Daniel Whitmore"; a one-letter typo (鸿涂智能 beside 鸿途智能, HT-Codr beside
    HT-Coder) when neither is in the catalogue and the names differ in a letter, not a number.
    """
    out = []
    counts: dict[tuple[EntityType, str], int] = {}
    first: dict[tuple[EntityType, str], Mention] = {}
    for m in mentions:
        k = (m.type, norm_name(m.text))
        counts[k] = counts.get(k, 0) + 1
        first.setdefault(k, m)
    names = list(first)
    for (t, n) in names:
        m = first[(t, n)]
        if base_key(m)[1]:
            continue
        if t == "Person" and re.fullmatch(r"[a-z]+", n):
            full = next((first[k] for k in names if k[0] == t and k[1] != n and k[1].endswith(n)
                         and re.fullmatch(r"[A-Za-z][A-Za-z ·・]+", first[k].text)), None)
            if full is not None:
                out.append((m, full))
                continue
        if t == "Organization" and re.fullmatch(r"[\u4e00-\u9fff]+", m.text):
            # 言川 beside 言川智能: the article's short form of a name with an organisation suffix
            longer = [first[k] for k in names if k[0] == t and k[1] != n and k[1].startswith(n)
                      and org_suffixes().fullmatch(k[1][len(n):])]
            if len(longer) == 1:
                out.append((m, longer[0]))
                continue
            # 台湾苇渡集团 beside 苇渡集团: a place before a name the article also uses alone
            bare = next((first[k] for k in names if k[0] == t and k[1] != n and n.endswith(k[1])
                         and len(k[1]) >= 3 and n[:-len(k[1])] in _places()), None)
            if bare is not None:
                out.append((m, bare))
                continue
        if t == "Model" and re.fullmatch(r"[A-Za-z]{1,3}\d[A-Za-z0-9.]*", m.text):
            # X4 after Nimbus X4: the last word of a spaced model name, standing for it
            full = next((first[k] for k in names if k[0] == t and first[k].text.endswith(" " + m.text)), None)
            if full is not None:
                out.append((m, full))
                continue
        if len(n) < 4:
            continue
        for k in names:
            other = first[k]
            if k == (t, n) or k[0] != t or base_key(other)[1] or not _one_edit(n, k[1]):
                continue
            if re.search(r"\d", "".join(set(n) ^ set(k[1]))):
                continue        # GLM-3 and GLM-4 are two models
            # the rarer (or later) spelling joins the more common (or earlier) one
            if (counts[k], -other.start) > (counts[(t, n)], -m.start):
                out.append((m, other))
                break
    return out


@lru_cache(maxsize=1)
def _generic_tail() -> re.Pattern[str]:
    return re.compile("(?:" + alternation(rules().generic_name_words) + ")+$")


def _name_core(n: str) -> str:
    """A normalised organisation name without its city (上海…, …（苏州）), legal form and generic words."""
    n = re.sub(r"[（(]([^）)]{2,4})[）)]", lambda m: "" if m.group(1) in _places() else m.group(0), n)
    place = leading_place(n)
    n = n[len(place):] if len(n) > len(place) + 1 else n
    while (legal := legal_suffix().search(n)) and legal.start() >= 2:
        n = n[:legal.start()]
    tail = _generic_tail().search(n)
    return n[:tail.start()] if tail and tail.start() >= 2 else n


def _legal_names(mentions: list[Mention], base_key, children: set[str]) -> list[tuple[Mention, Mention]]:  # noqa: ANN001
    """Short names that denote the one registered name (…有限公司) of the article with the same core: 岚川智能
    and 岚川 beside 北京岚川智能科技有限公司, 岚川集团 beside 岚川科技集团有限公司. A group's short name only
    joins a group's legal name and back (星岚集团 and 北京星岚科技有限公司 are parent and child), and two
    registered names with one core (two cities) leave the short one alone; a subsidiary is no other name."""
    first: dict[str, Mention] = {}
    for m in mentions:
        if m.type == "Organization" and re.search(r"[\u4e00-\u9fff]", m.text) and not base_key(m)[1]:
            first.setdefault(norm_name(m.text), m)
    legal = [(n, _name_core(n)) for n in first if n.endswith("有限公司") and n not in children]
    out = []
    for n, m in first.items():
        if n.endswith("有限公司"):
            continue
        core = _name_core(n)
        # a bare core beside a group's short name and a company's (星岚集团, 星岚科技) names neither for sure
        shorts = {_is_group(o) for o in first if o != n and not o.endswith("有限公司") and _name_core(o) == core}
        same = [ln for ln, lc in legal if lc == core and len(core) >= 2
                and (_is_group(n) == _is_group(ln) or n == core and shorts <= {_is_group(ln)})]
        if len(same) == 1:
            out.append((m, first[same[0]]))
    return out


def _is_group(n: str) -> bool:
    return any(w in n for w in rules().group_words)


def _fact_mentions(x: Extraction) -> set[Mention]:
    """Mentions that facts refer to (a coordinated model may exist only there)."""
    out: set[Mention] = set()
    for r in x.relations:
        out |= {r.subject, r.object}
    out |= {p.model for p in x.prices} | {c.model for c in x.changes} | {c.speaker for c in x.claims}
    return out
