"""HTML pages from Jinja2 templates shipped in ``kg/templates`` (the digest, entity pages).

Autoescaping is on for every template: article text, names and claims are untrusted and
reach the page only as escaped text; links are made only from our own IRIs and http(s) URLs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from . import namespace as ns


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("kg", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["entity_path"] = entity_path
    env.filters["safe_url"] = safe_url
    return env


def render(template: str, **context: Any) -> str:
    return str(_environment().get_template(template).render(**context))


def entity_path(iri: str) -> str:
    """The path ``kg serve`` answers an entity IRI at (``/id/…``); empty for IRIs that are not ours."""
    return iri[len(str(ns.BASE)) - 1:] if iri.startswith(str(ns.ID)) else ""


def safe_url(url: object) -> str:
    """An http(s) URL fit for an href, else empty (no javascript:, no data:)."""
    u = str(url or "").strip()
    return u if re.match(r"https?://[^\s<>\"']+$", u, re.I) else ""
