"""Shards (kg extract → kg load): the same graphs as kg build, the same replace/unchanged logic, and a bad
shard refused whole without damage to the store (a real store on disk; analysis in this process)."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg import api
from kg.shards import SUFFIX

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "shard-one.md": "---\nid: shard-one\ntitle: 发布\ndate: 2024-06-03\n---\n"
                    "智谱AI于6月3日发布了GLM-4-Air模型，输入价格为每百万tokens 1元。\n",
    "shard-two.md": "---\nid: shard-two\ntitle: Launch\ndate: 2024-06-04\nlang: en\n---\n"
                    "Mistral AI released Codestral on June 4, 2024. Arthur Mensch is the CEO of Mistral AI.\n",
}


def write_articles(folder: Path, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text + extra, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, bytes]:
    """(articles, shards, N-Quads export of a store built from the articles)."""
    tmp = tmp_path_factory.mktemp("shards")
    articles = write_articles(tmp / "articles")
    built = api.build([articles], store=tmp / "built", jobs=1)
    assert built.ok and len(built.added) == 2
    summary = api.extract([articles], tmp / "out", jobs=1)
    assert summary.ok and sorted(summary.added) == ["shard-one", "shard-two"]
    return articles, tmp / "out", nquads(tmp / "built")


def nquads(store: Path) -> bytes:
    """The store's N-Quads export with its lines sorted (the order of quads can depend on how they were loaded)."""
    return b"\n".join(sorted(api.export("nq", store=store).splitlines()))


def test_shards_load_equals_build_and_replaces_changed(extracted: tuple[Path, Path, bytes], tmp_path: Path) -> None:
    articles, shards, built = extracted
    with gzip.open(shards / f"part-00000{SUFFIX}") as f:
        graphs = {line.rsplit(b" ", 2)[1] for line in f.read().splitlines()}
    assert len(graphs) == 2 and all(g.startswith(b"<") for g in graphs)      # one named graph per article
    store = tmp_path / "store"
    first = api.load([shards], store=store)
    assert first.ok and len(first.added) == 2 and first.triples > 20
    assert nquads(store) == built
    assert len(api.load([shards], store=store).unchanged) == 2
    changed = api.extract([write_articles(tmp_path / "v2", extra="\n百川智能发布了Baichuan-4模型。\n")],
                          tmp_path / "v2-shards", jobs=1)
    second = api.load([tmp_path / "v2-shards"], store=store)
    assert changed.ok and second.ok and sorted(second.replaced) == ["shard-one", "shard-two"]
    assert "Baichuan-4" in api.export("nq", store=store).decode()


def bad_shards(good: bytes) -> dict[str, bytes]:
    text = gzip.decompress(good)
    lines = text.splitlines(keepends=True)
    one = lines[0].rsplit(b" ", 2)[1]
    return {
        "not-gzip": b"just text\n",
        "truncated": good[: len(good) // 2],
        "not-nquads": gzip.compress(text + b"<a> <b> this is not RDF .\n"),
        "default-graph": gzip.compress(text + b"<http://x.org/a> <http://x.org/b> <http://x.org/c> .\n"),
        "not-an-article": gzip.compress(b"".join(line.replace(one, b"<https://example.org/elsewhere>")
                                                 for line in lines)),
    }


def test_shards_bad_shard_is_one_line_and_loads_nothing(extracted: tuple[Path, Path, bytes], tmp_path: Path) -> None:
    _, shards, built = extracted
    store = tmp_path / "store"
    assert api.load([shards], store=store).ok
    good = (shards / f"part-00000{SUFFIX}").read_bytes()
    for name, data in bad_shards(good).items():
        bad = tmp_path / name / f"part-00000{SUFFIX}"
        bad.parent.mkdir()
        bad.write_bytes(data)
        r = subprocess.run([sys.executable, "-m", "kg.cli", "--store", str(store), "load", str(bad.parent)],
                           capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert r.returncode == 1, name
        errors = [line for line in r.stderr.splitlines() if line.startswith("E0")]
        assert len(errors) == 1 and errors[0].startswith(f"E078: {bad}: not a kg shard ("), (name, r.stderr)
        assert "Traceback" not in r.stderr
        assert nquads(store) == built, name        # nothing of the bad shard got in


def test_shards_same_article_in_two_shards_is_refused(extracted: tuple[Path, Path, bytes], tmp_path: Path) -> None:
    _, shards, built = extracted
    copy = tmp_path / "copy" / f"part-00001{SUFFIX}"
    copy.parent.mkdir()
    copy.write_bytes((shards / f"part-00000{SUFFIX}").read_bytes())
    store = tmp_path / "store"
    summary = api.load([shards, copy], store=store)
    assert len(summary.added) == 2 and len(summary.failed) == 1
    assert summary.failed[0].startswith(f"E078: {copy}: not a kg shard (article ") and "is also in" in summary.failed[0]
    assert nquads(store) == built


def test_shards_extract_refuses_a_folder_with_shards(extracted: tuple[Path, Path, bytes], tmp_path: Path) -> None:
    articles, shards, _ = extracted
    before = sorted(p.name for p in shards.iterdir())
    r = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(articles), "-o", str(shards)],
                       capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 1 and r.stderr == f"kg: E079: {shards}: holds shards already; give -o a new or empty folder\n"
    assert sorted(p.name for p in shards.iterdir()) == before
    empty = tmp_path / "empty"
    empty.mkdir()
    summary = api.load([empty], store=tmp_path / "store")
    assert summary.failed == [f"E079: {empty}: no shards (*{SUFFIX}) in the folder"]
