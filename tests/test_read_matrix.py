"""The bad-input matrix: every kind of file a user may hand ``kg build``, and what becomes of it.

Each row is either processed or skipped with one line naming the file and the reason; the rest of
the batch is still processed, the summary counts the failures and the exit status is 1 when any
file failed. The command itself runs in a child process (``python -m kg.cli``), as a user runs it.
"""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.pipeline import process
from kg.read import MAX_BYTES, decode, find_articles, read_article, to_simplified
from tests.test_crash import kg

BODY = "星澜科技发布了大模型Lumen-2-Pro，输入价格为每百万tokens 2元。"
TRAD = "星瀾科技發佈了大模型Lumen-2-Pro，輸入價格為每百萬tokens 2元。"
RANDOM = random.Random(7)
NOISE = bytes(RANDOM.randrange(256) for _ in range(3000))


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    f = folder / name
    f.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return f


# name → (bytes, None when processed, else the error code); the CLI test builds them as one batch
MATRIX: dict[str, tuple[bytes, str | None]] = {
    "utf8.md": (BODY.encode("utf-8"), None),
    "utf8-bom.md": (BODY.encode("utf-8-sig"), None),
    "gb18030.txt": (BODY.encode("gb18030"), None),
    "gbk.txt": (BODY.encode("gbk"), None),
    "utf16.txt": (BODY.encode("utf-16"), None),
    "utf16-be-bom.txt": (b"\xfe\xff" + BODY.encode("utf-16-be"), None),
    "utf16-le-nobom.txt": (BODY.encode("utf-16-le"), None),
    "utf32.txt": (BODY.encode("utf-32"), None),
    "big5.txt": (TRAD.encode("big5"), None),
    "traditional.md": (TRAD.encode("utf-8"), None),
    "page.html": ((f"<!doctype html><html><head><title>页面标题</title><style>p{{color:red}}</style>"
                   f"<script>alert('x')</script></head><body><!-- 注释 --><p>{BODY}</p>"
                   f"<noscript>请启用脚本</noscript></body></html>").encode(), None),
    "page-gbk.htm": (f'<html><head><meta charset="gbk"></head><body><p>{BODY}</p>'.encode("gbk"), None),
    "crlf.md": (f"---\r\ntitle: 标题\r\ndate: 2024-05-06\r\n---\r\n{BODY}\r\n".encode(), None),
    "empty.md": (b"", "E004"),
    "whitespace.md": (b" \n\t\n\xe3\x80\x80\n", "E004"),
    "empty-body.md": (b"---\ntitle: only front matter\n---\n\n", "E004"),
    "empty-page.html": (b"<html><body><script>var a=1</script></body></html>", "E004"),
    "binary-nul.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + NOISE, "E003"),
    "binary-noise.md": (NOISE.replace(b"\x00", b"\x01"), "E003"),
    "undecodable.txt": (BODY.encode("utf-8")[:-1] + b"\x80\xff\xfe", "E009"),
    "bad-yaml.md": (f"---\ntitle: [unclosed\n---\n{BODY}".encode(), "E005"),
    "list-front-matter.md": (f"---\n- a\n- b\n---\n{BODY}".encode(), "E006"),
    "scalar-front-matter.md": (f"---\njust a string\n---\n{BODY}".encode(), "E006"),
    "date-words.md": (f"---\ndate: 去年春天\n---\n{BODY}".encode(), "E007"),
    "date-impossible.md": (f"---\ndate: 2024-02-30\n---\n{BODY}".encode(), "E007"),
    "date-number.md": (f"---\ndate: 20240506\n---\n{BODY}".encode(), "E007"),
    "date-list.md": (f"---\ndate: [2024, 5, 6]\n---\n{BODY}".encode(), "E007"),
    "dup-a.md": (f"---\nid: same-id\n---\n{BODY}".encode(), None),
    "dup-b.md": (f"---\nid: same-id\n---\n{BODY}再说一遍。".encode(), "E010"),
}


# ------------------------------------------------------------------ kg.read, row by row

@pytest.mark.parametrize("name", [n for n, (_, c) in MATRIX.items() if not c and not n.startswith("dup")])
def test_processed(tmp_path: Path, name: str) -> None:
    a = read_article(_write(tmp_path, name, MATRIX[name][0]))
    assert a.text == BODY, a.text
    if name in ("traditional.md", "big5.txt"):
        assert a.original == TRAD and len(a.original) == len(a.text)
    else:
        assert a.original == ""
    if name.startswith("page"):
        assert [w for w in ("alert", "color", "注释", "请启用") if w in a.text] == []
    if name == "page.html":
        assert a.title == "页面标题"
    if name == "crlf.md":
        assert (a.title, str(a.date)) == ("标题", "2024-05-06")


@pytest.mark.parametrize("name", [n for n, (_, code) in MATRIX.items() if code and code != "E010"])
def test_skipped_with_one_line_naming_the_file(tmp_path: Path, name: str) -> None:
    f = _write(tmp_path, name, MATRIX[name][0])
    with pytest.raises(KGError) as info:
        read_article(f)
    msg = str(info.value)
    assert info.value.code == MATRIX[name][1], msg
    assert msg.startswith(f"{info.value.code}: {f}: ") and "\n" not in msg


def test_over_the_size_limit(tmp_path: Path) -> None:
    f = tmp_path / "huge.md"
    with open(f, "wb") as fh:          # sparse: no 5 MB written
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(KGError, match=r"E008: .*huge\.md: file is larger than the 5 MB limit"):
        read_article(f)
    f.write_bytes(b"a" * 100 + BODY.encode())
    assert read_article(f).text.endswith(BODY)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(KGError, match=r"^E001: .*nope\.md: no such file or directory$"):
        read_article(tmp_path / "nope.md")
    with pytest.raises(KGError, match="E001"):
        list(find_articles([tmp_path / "nope"]))


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = _write(tmp_path, "secret.md", BODY)
    f.chmod(0)
    try:
        if os.geteuid() == 0:   # root reads anything: make open() fail the way it does for a user
            real_open = open

            def denied(path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
                if str(path) == str(f):
                    raise PermissionError(13, "Permission denied", str(path))
                return real_open(path, *args, **kwargs)

            monkeypatch.setattr("builtins.open", denied)
        with pytest.raises(KGError, match=r"^E002: .*secret\.md: cannot read file \(Permission denied\)$"):
            read_article(f)
    finally:
        monkeypatch.undo()
        f.chmod(0o644)


def test_folder_with_symlink_loops_is_walked_once(tmp_path: Path) -> None:
    d = tmp_path / "corpus"
    (d / "sub").mkdir(parents=True)
    _write(d, "a.md", BODY)
    _write(d / "sub", "b.md", BODY)
    (d / "sub" / "up").symlink_to("..")                 # loop: sub/up → corpus
    (d / "self").symlink_to(d)                           # loop: self → corpus
    (d / "alias.md").symlink_to(d / "a.md")              # the same file twice
    (d / "loop.md").symlink_to("loop.md")                # a link to itself
    (d / "dangling.md").symlink_to("gone.md")
    found = [p.relative_to(d).as_posix() for p in find_articles([d])]
    assert sorted(found) == ["a.md", "dangling.md", "loop.md", "sub/b.md"]
    with pytest.raises(KGError, match=r"E002: .*loop\.md: cannot read file \(Too many levels of symbolic"):
        read_article(d / "loop.md")
    with pytest.raises(KGError, match=r"E002: .*dangling\.md: cannot read file \(broken symbolic link\)"):
        read_article(d / "dangling.md")


def test_hostile_file_name_stays_on_one_line(tmp_path: Path) -> None:
    f = _write(tmp_path, "bad\nE000: forged.md", b"")
    with pytest.raises(KGError) as info:
        read_article(f)
    assert "\n" not in str(info.value) and "bad\\nE000" in str(info.value)


# ------------------------------------------------------------------ Traditional Chinese

def test_traditional_is_matched_simplified_and_quoted_as_written(tmp_path: Path) -> None:
    text = ("騰訊雲宣佈，混元-lite模型價格從0.008元/千tokens調整為全面免費。\n"
            "百度發佈了文心大模型ERNIE Speed。")
    f = _write(tmp_path, "zh-tw.md", f"---\ndate: 2024-05-22\n---\n{text}")
    a = read_article(f)
    assert a.original == text and len(a.text) == len(text)
    assert "腾讯云" in a.text and "发布" in a.text
    ex = process(a)
    evidence = [p.evidence for p in ex.prices] + [r.evidence for r in ex.relations]
    assert evidence, "the converted text should yield facts"
    for ev in evidence:
        assert a.original[ev.start:ev.end].strip() == ev.sentence   # quoted as written, offsets aligned
        assert 0 <= ev.start <= ev.end <= len(a.text)
    assert any("騰訊雲" in ev.sentence for ev in evidence)


def test_simplified_is_never_converted() -> None:
    seed = (Path(__file__).resolve().parent.parent / "corpus" / "price-war-2024-05.md").read_text("utf-8")
    assert to_simplified(seed) is None
    assert to_simplified(TRAD, lang="zh-Hans") is None
    assert to_simplified("乾隆", lang="zh-Hant") == "干隆"     # the user says so: convert even a short text
    assert to_simplified("Hello, world") is None


def test_decode_prefers_the_declared_or_the_likely_encoding(tmp_path: Path) -> None:
    assert decode("大模型价格战".encode("gbk"), tmp_path) == "大模型价格战"
    assert decode("大模型價格戰".encode("big5"), tmp_path) == "大模型價格戰"
    assert decode(BODY.encode("gbk"), tmp_path, declared="no-such-codec") == BODY


# ------------------------------------------------------------------ the whole batch, through the CLI

def test_cli_batch_reports_each_bad_file_and_processes_the_rest(tmp_path: Path) -> None:
    d = tmp_path / "batch"
    d.mkdir()
    for name, (data, _) in MATRIX.items():
        _write(d, name, data)
    with open(d / "huge.md", "wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    (d / "loop").mkdir()
    (d / "loop" / "again").symlink_to("..")
    (d / "self-link.md").symlink_to("self-link.md")
    expected = {n: code for n, (_, code) in MATRIX.items()} | {"huge.md": "E008", "self-link.md": "E002"}
    missing = tmp_path / "no-such-folder"

    r = kg("build", str(d), str(missing), store=tmp_path / "store", timeout=300)
    lines = r.stderr.splitlines()
    assert "Traceback" not in r.stderr
    assert r.returncode == 1
    assert any(line.startswith("E001") and str(missing) in line for line in lines)
    for name, code in expected.items():
        named = [line for line in lines if re.match(rf"E\d+: {re.escape(str(d / name))}: ", line)]
        if code is None:
            assert not named, named
        else:
            assert len(named) == 1 and named[0].startswith(f"{code}: {d / name}: "), (name, named)
    ok = sum(code is None for code in expected.values())
    failed = sum(code is not None for code in expected.values()) + 1
    assert lines[-1].startswith(f"build: {ok} added, 0 replaced, 0 unchanged, {failed} failed")

    stats = kg("stats", store=tmp_path / "store")
    assert stats.returncode == 0 and f"articles: {ok}" in stats.stdout

    good = tmp_path / "good"
    good.mkdir()
    _write(good, "one.md", BODY)
    r = kg("build", str(good), store=tmp_path / "store2")
    assert r.returncode == 0 and " 0 failed" in r.stderr.splitlines()[-1]
