"""The stages composed: read → analyse → extract → resolve → RDF, for one article.

``kg build`` (in its worker processes), ``kg add`` and the warm background worker all call
these functions, so every path through the tool runs the same stages in the same order.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from . import namespace as ns
from .catalogue import aliases_path
from .errors import Errors, KGError
from .read import read_article
from .records import Article, Extraction


def process(article: Article) -> Extraction:
    """Stages 2–3 for one article: analyse and extract."""
    from .analyse import analyse
    from .extract import extract

    return extract(analyse(article))


def article_ntriples(article: Article) -> bytes:
    """Stages 2–5 for one article: its named graph as N-Triples (what a build worker returns)."""
    from .resolve import resolve
    from .to_rdf import to_ntriples

    return to_ntriples(resolve(process(article)))


def work_file(path: str, data: bytes | None = None) -> tuple[str, bytes | None, str | None]:
    """Worker: read and process one file (its bytes ``data`` when they came with the task, as on a cluster
    worker); errors come back as one-line messages, never raise."""
    try:
        article = read_article(path, data)
    except KGError as exc:
        return path, None, str(exc)
    return work_article(article)


def work_article(article: Article) -> tuple[str, bytes | None, str | None]:
    """Stages 2–5 of an article read already (by a build worker, or the warm worker for ``kg add``)."""
    path = article.path
    try:
        return path, article_ntriples(article), None
    except KGError as exc:
        return path, None, str(exc)
    except Exception as exc:  # noqa: BLE001  (a bug on one article must not stop the batch)
        return path, None, Errors.E099.format(path=path, reason=f"{type(exc).__name__}: {exc}")


@lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """What the analysis depends on: the package's code and rules, the catalogue and the alias file.

    Paths are taken relative to the package, so that the same kg installed anywhere (another machine,
    another folder) has the same fingerprint, and any edit to code, rules or catalogue changes it.
    Cached: a process keeps the rules it loaded first.
    """
    h = hashlib.sha256()
    package = Path(__file__).parent
    files = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".yaml", ".tsv") and p.is_file())
    for name, p in [*((str(p.relative_to(package)), p) for p in files),
                    ("catalogue", ns.CATALOGUE_FILE), ("aliases", aliases_path())]:
        h.update(name.encode() + b"\0")
        if p.exists():
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:16]


def warm_up() -> None:
    from .analyse import PIPELINES, load_nlp

    for lang in PIPELINES:
        load_nlp(lang)
