"""Stage 1: read articles from disk into ``Article`` records.

Accepts Markdown, plain text and HTML, with optional YAML front matter
(title, source, date, url, lang, id). Anything a user can get wrong raises
``KGError`` with a one-line message naming the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from .errors import Errors, KGError
from .records import Article

ARTICLE_SUFFIXES = {".md", ".markdown", ".txt", ".text", ".html", ".htm"}
MAX_BYTES = 5 * 1024 * 1024
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def find_articles(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and folders into article files, in a stable order; folders recurse."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise KGError(Errors.E001, path=path)
        if path.is_dir():
            seen: set[Path] = set()
            for f in sorted(path.rglob("*")):
                real = f.resolve()
                if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES and real not in seen:
                    seen.add(real)
                    yield f
        else:
            yield path


def decode(data: bytes, path: Path) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 (with BOM) or GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise KGError(Errors.E003, path=path)
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise KGError(Errors.E009, path=path)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line; scripts and styles dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    lines = (line.strip() for line in soup.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line)


def slug(name: str) -> str:
    """A path-independent article id from a file stem: NFKC, lower case, safe characters only."""
    s = unicodedata.normalize("NFKC", name).strip().lower()
    s = re.sub(r"[^\w.-]+", "-", s).strip("-.")
    return s or "article"


def parse_date(value: object, path: Path) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = re.fullmatch(r"\s*(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?\s*", str(value))
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3] or 1))
        except ValueError:
            pass
    raise KGError(Errors.E007, path=path, value=str(value))


def read_article(path: str | Path) -> Article:
    """Read one article file into an ``Article``; raises ``KGError`` on bad input."""
    path = Path(path)
    if not path.exists():
        raise KGError(Errors.E001, path=path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise KGError(Errors.E008, path=path, limit=MAX_BYTES // (1024 * 1024))
        data = path.read_bytes()
    except OSError as exc:
        raise KGError(Errors.E002, path=path, reason=exc.strerror or exc) from None
    text = decode(data, path).replace("\r\n", "\n").replace("\r", "\n")

    meta: dict = {}
    m = FRONT_MATTER.match(text)
    if m:
        try:
            loaded = yaml.safe_load(m.group(1))
        except yaml.YAMLError as exc:
            reason = str(exc).splitlines()[0]
            raise KGError(Errors.E005, path=path, reason=reason) from None
        if loaded is not None and not isinstance(loaded, dict):
            raise KGError(Errors.E006, path=path)
        meta = loaded or {}
        text = text[m.end():]
    if path.suffix.lower() in {".html", ".htm"} or re.match(r"\s*<(!doctype|html)", text, re.I):
        text = html_to_text(text)
    body = text.strip("\n")
    if not body.strip():
        raise KGError(Errors.E004, path=path)

    title = str(meta.get("title") or "")
    if not title:
        first = body.lstrip().splitlines()[0]
        title = first.lstrip("# ").strip()[:200]
    return Article(
        id=slug(str(meta.get("id") or path.stem)),
        text=body,
        content_hash=hashlib.sha256(data).hexdigest(),
        path=str(path),
        title=title,
        source=str(meta.get("source") or ""),
        date=parse_date(meta.get("date"), path),
        url=str(meta.get("url") or ""),
        lang=str(meta.get("lang") or "zh"),
    )
