"""Who a model's name says made it (Chinese): the catalogue family it starts with, the organisation whose Latin
name or Chinese brand it opens with, and the organisations related to a maker in the catalogue.

The release rules (``relations_released``) read these; what they share with the other relation rules (the word
lists, ``org_suffix``) is in ``relations``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..catalogue import Entry, load_catalogue, norm_name
from ..records import Mention
from .relations import HAN_CHAR, R, any_of, org_suffix


@lru_cache(maxsize=1)
def _family_prefixes() -> dict[str, list[tuple[str, Entry]]]:
    """Normalised names of model families with a known maker, longest first, by their first character: a
    name is tried on the prefixes that start as it does, not on the whole catalogue."""
    out = [(norm_name(alias), e) for alias, e in load_catalogue().names() if e.type == "Model" and e.maker]
    by_first: dict[str, list[tuple[str, Entry]]] = {}
    for p in sorted((p for p in out if len(p[0]) >= 2), key=lambda p: -len(p[0])):
        by_first.setdefault(p[0][0], []).append(p)
    return by_first


def family_of(model: Mention) -> Entry | None:
    """The catalogue family a model belongs to: itself, or the family its name starts with (Qwen2.5-Max)."""
    cat = load_catalogue()
    if model.key in cat.entries:
        return cat.entries[model.key]
    name = norm_name(model.text)
    return next((e for prefix, e in _family_prefixes().get(name[:1], ()) if name.startswith(prefix)), None)


def org_named_in(model: Mention, orgs: list[Mention], latin: frozenset[str] | None = None) -> str | None:
    """The organisation whose name a model's name starts with (DeepSeek-Coder-V2 → DeepSeek), if named
    (``latin``: ``latin_names(orgs)``, when the caller keeps it)."""
    name = norm_name(model.text)
    known = latin_names(orgs) if latin is None else latin
    if not known or not any(name[:k] in known for k in range(3, len(name))):
        return None         # (most models start with no organisation's name: the prefixes are looked up first)
    for org in orgs:
        n = _latin_name(org.text) if org.key else None
        if n and name.startswith(n) and name != n:
            return org.key
    return None


def latin_names(orgs: list[Mention]) -> frozenset[str]:
    """The Latin names of the organisations with a catalogue key: what ``org_named_in`` tries."""
    return frozenset(n for o in orgs if o.key and (n := _latin_name(o.text)))


@lru_cache(maxsize=4096)
def _latin_name(name: str) -> str | None:
    n = norm_name(name)
    return n if len(n) >= 3 and re.fullmatch(r"[a-z0-9]+", n) else None


@lru_cache(maxsize=8192)
def _brands(name: str) -> frozenset[str]:
    """The names a brand may go by in its models' names: 霭川科技 → 霭川, 澹言AI → 澹言, 曦石计算 → 曦石.
    Cached: asked for every organisation of an article against every new model (16 % of the analysis)."""
    han = re.match(HAN_CHAR + "+", name)
    short = {han.group(0)[:2]} if han and len(han.group(0)) == 4 else set()
    return frozenset({name, org_suffix().sub("", name), re.sub(any_of(R.brand_trailers) + "$", "", name).strip()}
                     | short)


def brand_named_in(model: Mention, orgs: list[Mention], brands: frozenset[str] | None = None) -> Mention | None:
    """The organisation whose Chinese brand a new model's name starts with: 霭川Coder → 霭川科技 (or 霭川),
    the brand followed by a Latin variant, a hyphen or a version. The longest brand wins. (``brands``:
    ``brands_of(orgs)``, when the caller keeps it.)"""
    # most models are named after no brand: the name's prefixes are looked up before the mentions are walked
    name, known = model.text, brands_of(orgs) if brands is None else brands
    if not known or not any(name[:k] in known and _VARIANT_START.match(name[k]) for k in range(2, len(name))):
        return None
    best: Mention | None = None
    for org in orgs:
        for brand in _brands(org.text):
            if _brand_fits(model.text, brand) and (best is None or len(brand) > len(org_suffix().sub("", best.text))):
                best = org
    return best


def brands_of(orgs: list[Mention]) -> frozenset[str]:
    """The brands of the organisations' names that a model's name may start with (two characters or more,
    Chinese): what ``brand_named_in`` tries."""
    return frozenset(b for name in {o.text for o in orgs} for b in _brands(name) if len(b) >= 2 and re.search(HAN_CHAR, b))


_VARIANT_START = re.compile(r"[-A-Za-z0-9Ω]")


def _brand_fits(name: str, brand: str) -> bool:
    """Does a model's name start with the (Chinese) brand, a Latin variant, a hyphen or a version after it?"""
    return len(brand) >= 2 and name.startswith(brand) and len(name) > len(brand) \
        and _VARIANT_START.match(name[len(brand)]) is not None and re.search(HAN_CHAR, brand) is not None


def related_orgs(key: str) -> set[str]:
    """An organisation and its catalogue parent and children: 阿里云 ~ 阿里巴巴."""
    cat = load_catalogue()
    out = {key}
    entry = cat.entries.get(key)
    if entry and entry.parent:
        out.add(entry.parent)
    out |= {e.key for e in cat.entries.values() if e.parent == key}
    return out
