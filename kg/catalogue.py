"""The curated entity catalogue (``ontology/catalogue.yaml``) and the human alias file.

The catalogue is data: well-known organisations, models and people with their
aliases. ``aliases.yaml`` is where a human merges entities the pipeline split
("these two names are one entity"); both feed entity resolution.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import Errors, KGError
from .namespace import ALIASES_FILE, CATALOGUE_FILE
from .records import EntityType

SECTIONS: dict[str, EntityType] = {"organizations": "Organization", "models": "Model", "persons": "Person"}


@dataclass(frozen=True)
class Entry:
    key: str
    type: EntityType
    names: tuple[str, ...]
    parent: str | None = None
    maker: str | None = None
    wikidata: str | None = None     # the Wikidata item (Q…), only where the team confirmed it

    @property
    def label(self) -> str:
        return self.names[0]


@lru_cache(maxsize=65536)
def norm_name(name: str) -> str:
    """The form two names must share to be the same name: NFKC, case-folded, no spaces, hyphens or dots."""
    s = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\s\-_.·・]", "", s)


@dataclass(frozen=True)
class Catalogue:
    entries: dict[str, Entry]
    by_name: dict[tuple[EntityType, str], str]          # (type, normalised name) -> key

    def lookup(self, type_: EntityType, name: str) -> Entry | None:
        key = self.by_name.get((type_, norm_name(name)))
        return self.entries[key] if key else None

    def names(self) -> list[tuple[str, Entry]]:
        return [(n, e) for e in self.entries.values() for n in e.names]


def _load_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise KGError(Errors.E060, reason=f"{path}: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise KGError(Errors.E060, reason=f"{path}: expected a mapping")
    return data


WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")


def _wikidata(path: Path, key: str, value: object) -> str | None:
    """A catalogue entry's Wikidata item id (``Q2283``), checked: a malformed one is E061, not a bad link."""
    if value is None:
        return None
    if not isinstance(value, str) or not WIKIDATA_ID.fullmatch(value):
        raise KGError(Errors.E061, path=path, key=key, problem=f"wikidata {value!r} is not an item id like Q2283")
    return value


def aliases_path() -> Path:
    """The human alias file: ``$KG_ALIASES`` if set, else ``ontology/aliases.yaml``."""
    return Path(os.environ.get("KG_ALIASES") or ALIASES_FILE)


@lru_cache(maxsize=4)
def load_catalogue(path: Path = CATALOGUE_FILE, aliases: Path | None = None) -> Catalogue:
    """Load the catalogue, with the human alias file's extra names merged in."""
    aliases = aliases or aliases_path()
    data = _load_yaml(path)
    extra = _load_yaml(aliases) if aliases.exists() else {}
    entries: dict[str, Entry] = {}
    for section, type_ in SECTIONS.items():
        for key, item in (data.get(section) or {}).items():
            names = list(item["names"])
            for more in (extra.get(section) or {}).get(key, []) or []:
                if more not in names:
                    names.append(more)
            entries[str(key)] = Entry(str(key), type_, tuple(names), item.get("parent"), item.get("maker"),
                                      _wikidata(path, f"{section}.{key}", item.get("wikidata")))
    # aliases.yaml may also define entities the catalogue lacks (merges of two found names)
    for section, type_ in SECTIONS.items():
        for key, names in (extra.get(section) or {}).items():
            if str(key) not in entries and names:
                entries[str(key)] = Entry(str(key), type_, tuple(names))
    by_name: dict[tuple[EntityType, str], str] = {}
    for e in entries.values():
        for n in e.names:
            by_name.setdefault((e.type, norm_name(n)), e.key)
    return Catalogue(entries, by_name)
