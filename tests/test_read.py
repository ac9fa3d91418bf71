"""Reading articles: front matter, encodings, HTML, bad input as one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import KGError
from kg.read import find_articles, read_article

BODY = "星澜科技发布了Lumen-2-Pro。"


def test_read_front_matter_and_slug_id(tmp_path: Path) -> None:
    f = tmp_path / "My Article.md"
    f.write_text(f"---\ntitle: 标题\nsource: 测试\ndate: 2024-05-06\nurl: https://e.x/a\n---\n\n{BODY}\n", "utf-8")
    a = read_article(f)
    assert (a.id, a.title, a.source, a.date.isoformat(), a.url) == ("my-article", "标题", "测试", "2024-05-06",
                                                                     "https://e.x/a")
    assert a.text == BODY


def test_read_front_matter_id_wins_over_file_name(tmp_path: Path) -> None:
    f = tmp_path / "x.md"
    f.write_text(f"---\nid: stable-id\n---\n{BODY}", "utf-8")
    assert read_article(f).id == "stable-id"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_read_encodings(tmp_path: Path, encoding: str) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(BODY.encode(encoding))
    assert read_article(f).text == BODY


def test_read_html_drops_scripts_and_styles(tmp_path: Path) -> None:
    f = tmp_path / "a.html"
    f.write_text(f"<html><head><style>p{{}}</style></head><body><script>alert(1)</script><p>{BODY}</p></body></html>",
                 "utf-8")
    text = read_article(f).text
    assert BODY in text and "alert" not in text


@pytest.mark.parametrize(("content", "code"), [
    (b"", "E004"),
    (b"   \n\n ", "E004"),
    (b"\x00\x01\x02binary\x00", "E003"),
    ("---\n: [unclosed\n---\n正文".encode(), "E005"),
    ("---\n- a\n- b\n---\n正文".encode(), "E006"),
    ("---\ndate: 去年春天\n---\n正文".encode(), "E007"),
    ("---\ntitle: 标题\n正文".encode(), "E011"),
])
def test_read_bad_input_is_one_line_error_naming_the_file(tmp_path: Path, content: bytes, code: str) -> None:
    f = tmp_path / "bad.md"
    f.write_bytes(content)
    with pytest.raises(KGError) as info:
        read_article(f)
    assert info.value.code == code
    assert str(f) in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("content", [
    "---\ntitle: 标题\ndate: 2024-05-06\n\n正文",
    "\ufeff---\r\ntitle: 标题\r\n正文\r\n",          # BOM and CRLF
    "--- \n正文",
    "---",
])
def test_read_unclosed_front_matter_names_file_and_line(tmp_path: Path, content: str) -> None:
    f = tmp_path / "open.md"
    f.write_text(content, "utf-8")
    with pytest.raises(KGError) as info:
        read_article(f)
    assert info.value.code == "E011"
    assert str(info.value).startswith(f"E011: {f}:1: front matter opened with --- is never closed")


def test_read_empty_front_matter_and_later_rule(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text(f"---\n---\n{BODY}", "utf-8")
    a = read_article(empty)
    assert (a.title, a.text) == (BODY, BODY)
    ruled = tmp_path / "ruled.md"
    ruled.write_text(f"---\ntitle: 标题\n---\n{BODY}\n\n---\n\n后记", "utf-8")
    b = read_article(ruled)
    assert (b.title, b.text) == ("标题", f"{BODY}\n\n---\n\n后记")


def test_read_missing_path(tmp_path: Path) -> None:
    with pytest.raises(KGError, match="no such file"):
        list(find_articles([tmp_path / "nope"]))


def test_read_folder_recurses_and_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(BODY, "utf-8")
    (tmp_path / "a.txt").write_text(BODY, "utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert [p.name for p in find_articles([tmp_path])] == ["a.txt", "b.md"]
