"""The writer side of a build (kg.ingest): results in any order, from any source, make the same store;
a failed article is one line and leaves nothing behind (a real store on disk, real analysis)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import api
from kg.ingest import BuildSummary, StoreSink, consume, decide, plan
from kg.pipeline import work_file
from kg.store import open_writer

ARTICLES = {
    "ingest-a.md": "---\nid: ingest-a\ndate: 2024-07-01\n---\n月之暗面于7月1日发布了Kimi-k1模型。\n",
    "ingest-b.md": "---\nid: ingest-b\ndate: 2024-07-02\nlang: en\n---\nCohere released Command R+ on July 2, 2024.\n",
    "ingest-c.md": "---\nid: ingest-c\ndate: 2024-07-03\n---\n零一万物发布了Yi-Large模型，输入价格为每百万tokens 20元。\n",
}


def write(folder: Path) -> list[Path]:
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(folder.iterdir())


def article_quads(store: Path) -> list[bytes]:
    """The store's quads in article graphs, sorted (the catalogue graph is api.build's, not ingest's)."""
    return sorted(q for q in api.export("nq", store=store).splitlines() if b"/graph/ingest-" in q.rsplit(b" ", 2)[1])


def test_ingest_results_in_any_order_make_the_same_store(tmp_path: Path) -> None:
    files = write(tmp_path / "articles")
    assert api.build([tmp_path / "articles"], store=tmp_path / "built", jobs=1).ok
    summary = BuildSummary()
    with open_writer(tmp_path / "store") as st:
        todo = plan(st, files, summary, print)
        results = [(t, work_file(str(t.path))) for t in todo]
        consume(reversed(results), len(todo), StoreSink(st), summary, print)     # the last to finish first
    assert sorted(summary.added) == ["ingest-a", "ingest-b", "ingest-c"] and summary.ok
    assert article_quads(tmp_path / "store") == article_quads(tmp_path / "built")
    with open_writer(tmp_path / "store") as st:
        again = BuildSummary()
        assert plan(st, files, again, print) == [] and len(again.unchanged) == 3
        assert decide(st, "ingest-a", "another hash") is True and decide(st, "ingest-z", "x") is False


def test_ingest_a_failed_article_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    files = write(tmp_path / "articles")
    lines: list[str] = []
    summary = BuildSummary()
    with open_writer(tmp_path / "store") as st:
        todo = plan(st, files, summary, lines.append)
        results = [(t, work_file(str(t.path)) if t.article_id != "ingest-b"
                    else (str(t.path), None, f"E077: {t.path}: the cluster could not analyse the article (lost)"))
                   for t in todo]
        consume(iter(results), len(todo), StoreSink(st), summary, lines.append)
    assert summary.failed == [f"E077: {tmp_path / 'articles' / 'ingest-b.md'}: the cluster could not analyse "
                              "the article (lost)"]
    assert summary.failed[0] in lines and sorted(summary.added) == ["ingest-a", "ingest-c"]
    graphs = {q.rsplit(b" ", 2)[1] for q in article_quads(tmp_path / "store")}
    assert graphs == {b"<https://w3id.org/aikg/graph/ingest-a>", b"<https://w3id.org/aikg/graph/ingest-c>"}


def test_ingest_a_large_bulk_load_compacts_the_store_and_a_small_one_does_not(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from kg import ingest
    from kg.store import Store

    compacted: list[Path] = []
    compact = Store.compact

    def counted(self: Store) -> None:          # the real compaction, counted
        compacted.append(self.path)
        compact(self)

    monkeypatch.setattr(Store, "compact", counted)
    monkeypatch.setattr(ingest, "COMPACT_AFTER", 3)
    write(tmp_path / "articles")
    assert api.build([tmp_path / "articles"], store=tmp_path / "store", jobs=1).ok
    assert compacted == [tmp_path / "store"]
    assert len(article_quads(tmp_path / "store")) > 0          # and the compacted store reads as before
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "d.md").write_text("---\nid: ingest-d\n---\n智谱发布了GLM-5模型。\n", encoding="utf-8")
    assert api.build([tmp_path / "more"], store=tmp_path / "store", jobs=1).ok
    assert compacted == [tmp_path / "store"]                   # one new article: no compaction
