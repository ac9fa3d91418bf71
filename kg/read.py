"""Stage 1: read articles from disk into ``Article`` records.

Accepts Markdown, plain text and HTML, with optional YAML front matter
(title, source, date, url, lang, id), in UTF-8 (with or without BOM), UTF-16,
UTF-32 (with BOM), GB18030/GBK or Big5. Traditional Chinese is converted to
Simplified character by character for matching (``Article.text``), so offsets
stay aligned with the original, which is kept (``Article.original``) and
quoted as evidence. Files over ``MAX_BYTES`` (5 MB) are refused.

Anything a user can get wrong raises ``KGError`` with a one-line message
naming the file; nothing else escapes for bad input.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import Errors, KGError
from .lang import detect as detect_lang
from .records import Article

ARTICLE_SUFFIXES = {".md", ".markdown", ".txt", ".text", ".html", ".htm"}
HTML_SUFFIXES = {".html", ".htm"}
MAX_BYTES = 5 * 1024 * 1024
# the YAML between the --- lines is optional ("---\n---\n" is empty front matter), tried last, so that
# an empty block does not swallow the article up to a later --- rule
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?:(.*?)\r?\n)??---[ \t]*(?:\r?\n|\Z)", re.S)
FRONT_MATTER_OPENS = re.compile(r"\A---[ \t]*(?:\r?\n|\Z)")
HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
TRADITIONAL_LANGS = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")
SIMPLIFIED_LANGS = ("zh-hans", "zh-cn", "zh-sg", "zh-my")


# ------------------------------------------------------------------ finding files

def find_articles(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files and folders into article files, in a stable order.

    Folders recurse, following symbolic links to folders but never into a folder twice (a
    symlink loop ends the walk). A file reached twice is yielded once. Entries with an article
    suffix that cannot be followed (broken or looping links) are yielded all the same, so that
    ``read_article`` reports them as failures instead of dropping them silently.
    """
    for raw in paths:
        path = Path(raw)
        if not _lexists(path):
            raise KGError(Errors.E001, path=path)
        if _is_dir(path):
            yield from _walk(path, set(), set())
        else:
            yield path


def _lexists(path: Path) -> bool:
    try:
        path.lstat()
        return True
    except (OSError, ValueError):
        return False


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def _walk(folder: Path, dirs: set[tuple[int, int]], files: set[tuple[int, int]]) -> Iterator[Path]:
    try:
        st = folder.stat()
        key = (st.st_dev, st.st_ino)
        if key in dirs:
            return
        dirs.add(key)
        entries = sorted(folder.iterdir())
    except OSError:
        return  # an unreadable sub-folder holds nothing we can read
    for entry in entries:
        if _is_dir(entry):
            yield from _walk(entry, dirs, files)
            continue
        if entry.suffix.lower() not in ARTICLE_SUFFIXES:
            continue
        try:
            st = entry.stat()
        except OSError:
            yield entry   # broken or looping link: read_article says which
            continue
        if stat.S_ISREG(st.st_mode) and (st.st_dev, st.st_ino) not in files:
            files.add((st.st_dev, st.st_ino))
            yield entry


# ------------------------------------------------------------------ decoding

def _control_share(text: str) -> float:
    """Share of characters that no text contains: C0/C1 controls (bar whitespace), unassigned, private use."""
    if not text:
        return 0.0
    sample = text[:20000]
    bad = sum(1 for ch in sample
              if ch not in "\t\n\r\f\v\x85" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))
    return bad / len(sample)


def _common_share(text: str, encoding: str, first: int, last: int) -> float:
    """Share of CJK characters that are frequent ones in ``encoding`` (lead byte in first..last)."""
    cjk = [ch for ch in text[:20000] if "\u4e00" <= ch <= "\u9fff"]
    if not cjk:
        return 0.0
    hits = 0
    for ch in cjk:
        try:
            lead = ch.encode(encoding)[0]
        except UnicodeEncodeError:
            continue
        hits += first <= lead <= last
    return hits / len(cjk)


def _legacy_chinese(data: bytes) -> str | None:
    """GB18030 (GBK, GB2312) or Big5: when both decode, the one whose characters are the common ones wins."""
    found: dict[str, str] = {}
    for enc in ("gb18030", "cp950"):
        try:
            found[enc] = data.decode(enc)
        except UnicodeDecodeError:
            continue
    if len(found) == 2:      # a wrong guess tends to land on private-use or unassigned code points
        found = {enc: text for enc, text in found.items() if not _control_share(text)} or found
    if len(found) == 2:
        gb = _common_share(found["gb18030"], "gb2312", 0xB0, 0xD7)    # GB2312 level 1: the 3755 common hanzi
        big5 = _common_share(found["cp950"], "cp950", 0xA4, 0xC6)      # Big5 level 1: the 5401 common hanzi
        return found["cp950"] if big5 > gb + 0.2 else found["gb18030"]
    return next(iter(found.values()), None)


def decode(data: bytes, path: Path, declared: str | None = None) -> str:
    """Decode bytes: a BOM wins, then a declared charset (HTML), UTF-8, UTF-16 without BOM, GB18030, Big5."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                raise KGError(Errors.E009, path=path) from None
    text: str | None
    if declared:
        try:
            text = data.decode(declared)
            if not _control_share(text):
                return text
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None and b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
    if text is None and b"\x00" not in data[:4096]:
        text = _legacy_chinese(data)
    if text is None:
        binary = b"\x00" in data[:4096] or _mostly_binary(data)
        raise KGError(Errors.E003 if binary else Errors.E009, path=path)
    if _control_share(text) > 0.01:
        raise KGError(Errors.E003, path=path)
    return text


def _mostly_binary(data: bytes) -> bool:
    sample = data[:4096]
    return sum(1 for b in sample if b < 0x20 and b not in b"\t\n\r\f\x1b") > len(sample) * 0.01


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: ASCII characters leave NUL bytes on one side of each pair."""
    sample = data[:4096]
    if len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    enc = "utf-16-le" if odd > 4 * max(even, 1) else "utf-16-be" if even > 4 * max(odd, 1) else None
    if enc is None:
        return None
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        return None


# ------------------------------------------------------------------ Traditional Chinese

@lru_cache(maxsize=1)
def _t2s():  # noqa: ANN202
    try:
        import opencc
    except ImportError:   # pragma: no cover  (a dependency; without it, Traditional text is matched as is)
        return None
    return opencc.OpenCC("t2s")


_T2S_CHARS: dict[str, str] = {}      # hanzi -> its Simplified form, as opencc converts it alone


def to_simplified(text: str, lang: str = "") -> str | None:
    """Simplified Chinese for a Traditional text, converted character by character (so every offset
    maps 1:1 to the original); ``None`` when the text is not Traditional Chinese.

    ``lang`` decides when given (zh-Hant/zh-TW/zh-HK convert, zh-Hans/zh-CN do not); otherwise a
    text converts when at least 5% of its hanzi (and three or more) are Traditional forms.
    """
    lang = lang.lower().replace("_", "-")
    if lang.startswith(SIMPLIFIED_LANGS) or not re.search(r"[\u3400-\u9fff\uf900-\ufaff]", text):
        return None
    conv = _t2s()
    if conv is None:
        return None
    table: dict[str, str] = {}
    for ch in set(text):
        if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
            out = _T2S_CHARS.get(ch)
            if out is None:
                out = _T2S_CHARS[ch] = conv.convert(ch)
            if len(out) == 1 and out != ch:
                table[ch] = out
    if not table:
        return None
    if not lang.startswith(TRADITIONAL_LANGS):
        hanzi = sum(1 for ch in text if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")
        changed = sum(1 for ch in text if ch in table)
        if changed < 3 or changed < 0.05 * hanzi:
            return None
    return text.translate(str.maketrans(dict(table)))  # type: ignore[arg-type]


# ------------------------------------------------------------------ HTML, ids, dates

def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line; scripts, styles and comments dropped."""
    return _html(html)[1]


def _html(html: str) -> tuple[str, str]:
    """(title, visible text) of an HTML page."""
    from bs4 import BeautifulSoup
    from bs4.element import Comment

    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup(["script", "style", "noscript", "template", "head", "svg", "iframe", "object"]):
        tag.decompose()
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    lines = (line.strip() for line in soup.get_text("\n").splitlines())
    return title, "\n".join(line for line in lines if line)


def slug(name: str) -> str:
    """A path-independent article id from a file stem: NFKC, lower case, safe characters only."""
    s = unicodedata.normalize("NFKC", name).strip().lower()
    s = re.sub(r"[^\w.-]+", "-", s).strip("-.")
    return s[:200] or "article"


DATE_TEXT = re.compile(r"\s*(\d{4})[-/.年](\d{1,2})(?:月|[-/.月](\d{1,2})日?"
                       r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?\s*")


def parse_date(value: object, path: Path) -> dt.date | None:
    """A front-matter date: a YAML date, ``YYYY-MM-DD`` (also / . 年月日, time ignored) or ``YYYY-MM``.

    Returns ``None`` when absent; anything else that is not a calendar date raises ``KGError`` (E007).
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    m = DATE_TEXT.fullmatch(text) if len(text) <= 100 else None
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3] or 1))
        except ValueError:
            pass
    shown = text if len(text) <= 60 else text[:57] + "..."
    raise KGError(Errors.E007, path=path, value=shown)


# ------------------------------------------------------------------ reading

def read_article(path: str | Path, data: bytes | None = None) -> Article:
    """Read one article file into an ``Article``; raises ``KGError`` on bad input. ``data``: the file's
    bytes, read already (``read_bytes``; on a cluster worker, sent with the task)."""
    path = Path(path)
    data = read_bytes(path) if data is None else data
    declared = None
    if path.suffix.lower() in HTML_SUFFIXES:
        charset = HTML_CHARSET.search(data[:4096])
        declared = charset.group(1).decode("ascii", "replace") if charset else None
    text = decode(data, path, declared).replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")

    meta: dict = {}
    m = FRONT_MATTER.match(text)
    if m:
        try:
            loaded = yaml.load(m.group(1) or "", Loader=_FrontMatterLoader)  # noqa: S506  (a SafeLoader)
        except yaml.YAMLError as exc:
            reason = (str(exc).splitlines() or ["?"])[0]
            raise KGError(Errors.E005, path=path, reason=reason) from None
        except (ValueError, TypeError, OverflowError, RecursionError) as exc:   # e.g. a date out of range
            raise KGError(Errors.E005, path=path, reason=f"{type(exc).__name__}: {exc}") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise KGError(Errors.E006, path=path)
        meta = {str(k): v for k, v in (loaded or {}).items()}
        text = text[m.end():]
    elif FRONT_MATTER_OPENS.match(text):     # the YAML would be read as the body and "---" as the title
        raise KGError(Errors.E011, path=path, line=1)       # the opening --- is the file's first line
    html_title = ""
    if path.suffix.lower() in HTML_SUFFIXES or re.match(r"\s*<(!doctype html|html[\s>])", text, re.I):
        html_title, text = _html(text)
    body = text.strip("\n")
    if not body.strip():
        raise KGError(Errors.E004, path=path)

    lang = _meta_str(meta, "lang") or detect_lang(body)
    simplified = to_simplified(body, lang)
    title = _meta_str(meta, "title") or html_title
    if not title:
        first = body.lstrip().splitlines()[0]
        title = first.lstrip("# ").strip()[:200]
    return Article(
        id=slug(_meta_str(meta, "id") or path.stem),
        text=simplified if simplified is not None else body,
        content_hash=hashlib.sha256(data).hexdigest(),
        path=str(path),
        title=title,
        source=_meta_str(meta, "source"),
        date=parse_date(meta.get("date"), path),
        url=_meta_str(meta, "url"),
        lang=lang,
        original=body if simplified is not None else "",
    )


class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML's safe loader (libyaml's parser when PyYAML has it: 10× faster), except that a date-like
    value that is no calendar date (2024-02-30) stays a string, so that it is reported as a bad date
    (E007) rather than as bad YAML."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)  # type: ignore[arg-type]


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _meta_str(meta: dict, key: str) -> str:
    value = meta.get(key)
    return "" if value is None else str(value).strip()


def read_bytes(path: Path) -> bytes:
    """The bytes of a file, or a one-line error: missing, broken link, folder, too large, unreadable."""
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ENOENT and not _lexists(path):
            raise KGError(Errors.E001, path=path) from None
        reason = "broken symbolic link" if exc.errno == errno.ENOENT else (exc.strerror or str(exc))
        raise KGError(Errors.E002, path=path, reason=reason) from None
    except ValueError as exc:     # e.g. a NUL byte in the path
        raise KGError(Errors.E002, path=path, reason=str(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise KGError(Errors.E002, path=path, reason="is a folder")
    if not stat.S_ISREG(st.st_mode):
        raise KGError(Errors.E002, path=path, reason="not a regular file")
    if st.st_size > MAX_BYTES:
        raise KGError(Errors.E008, path=path, limit=MAX_BYTES // (1024 * 1024))
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise KGError(Errors.E002, path=path, reason=exc.strerror or exc) from None
    if len(data) > MAX_BYTES:      # grew since stat
        raise KGError(Errors.E008, path=path, limit=MAX_BYTES // (1024 * 1024))
    return data


