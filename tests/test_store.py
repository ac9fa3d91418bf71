"""The store: named graphs per article, and the merged default graph derived from them."""

from __future__ import annotations

from pathlib import Path

from kg import api
from kg.store import Store, open_store, open_writer

A = "---\nid: a\n---\n星澜科技发布了Lumen-2-Pro。\n"
B = "---\nid: b\n---\n星澜科技发布了Lumen-2-Pro,青松科技发布了Orca-7B。\n"


def released(store: Path) -> set[tuple[str, str]]:
    q = "SELECT ?o ?m WHERE { ?x kg:released ?y . ?x rdfs:label ?o . ?y rdfs:label ?m }"
    rows = list(open_store(store).query(q))
    assert len(rows) == len({(r["o"].value, r["m"].value) for r in rows}), "merged graph repeats rows"
    return {(r["o"].value, r["m"].value) for r in rows}


def test_store_merged_graph_holds_each_fact_once_and_follows_removals(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(A, "utf-8")
    (tmp_path / "b.md").write_text(B, "utf-8")
    api.build([tmp_path / "a.md", tmp_path / "b.md"], store=tmp_path / "s")
    assert released(tmp_path / "s") == {("星澜科技", "Lumen-2-Pro"), ("青松科技", "Orca-7B")}
    api.remove("b", store=tmp_path / "s")
    # stated by a as well: stays; stated only by b: gone
    assert released(tmp_path / "s") == {("星澜科技", "Lumen-2-Pro")}
    api.remove("a", store=tmp_path / "s")
    assert released(tmp_path / "s") == set()


def test_store_interrupted_merge_is_repaired_by_the_next_writer(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text(B, "utf-8")
    api.build([tmp_path / "b.md"], store=tmp_path / "s")
    with open_writer(tmp_path / "s") as st:
        import pyoxigraph as ox

        st.ox.clear_graph(ox.DefaultGraph())          # as if a crash lost the merged graph's update
        (st.path / Store.MERGING).touch()
    assert released(tmp_path / "s") == set()
    with open_writer(tmp_path / "s"):
        pass
    assert released(tmp_path / "s") == {("星澜科技", "Lumen-2-Pro"), ("青松科技", "Orca-7B")}
    assert not (tmp_path / "s" / Store.MERGING).exists()


def test_store_readers_open_the_writers_last_snapshot(tmp_path: Path) -> None:
    """A reader never opens the database a writer may be writing: it opens the snapshot left for it."""
    from kg.store import _snapshots_dir

    (tmp_path / "a.md").write_text(A, "utf-8")
    api.build([tmp_path / "a.md"], store=tmp_path / "s")
    snaps = sorted(_snapshots_dir(tmp_path / "s").iterdir())
    assert snaps and (snaps[-1] / ".complete").exists()
    with open_writer(tmp_path / "s") as st:      # a writer at work: readers still answer, from the snapshot
        st.remove_graph("https://w3id.org/aikg/graph/a")
        assert released(tmp_path / "s") == {("星澜科技", "Lumen-2-Pro")}
    assert released(tmp_path / "s") == set()     # the writer's own snapshot, once it is done


def test_store_interrupted_bulk_load_is_undone_by_the_next_writer(tmp_path: Path) -> None:
    """New articles are bulk-loaded together, under a journal: a load that did not finish is removed
    whole (the next build adds those articles again), and the rest of the store stays."""
    from kg.to_rdf import graph_iri

    (tmp_path / "a.md").write_text(A, "utf-8")
    (tmp_path / "b.md").write_text(B, "utf-8")
    api.build([tmp_path / "a.md", tmp_path / "b.md"], store=tmp_path / "s")
    b_graph = str(graph_iri("b"))
    (tmp_path / "s" / Store.LOADING).write_text(b_graph + "\n", "utf-8")   # as if killed while loading b
    with open_writer(tmp_path / "s"):
        pass
    assert not (tmp_path / "s" / Store.LOADING).exists()
    assert set(open_store(tmp_path / "s").articles()) == {"a"}
    assert released(tmp_path / "s") == {("星澜科技", "Lumen-2-Pro")}    # merged graph follows
    summary = api.build([tmp_path / "a.md", tmp_path / "b.md"], store=tmp_path / "s")
    assert (summary.added, summary.unchanged) == (["b"], ["a"])
    assert released(tmp_path / "s") == {("星澜科技", "Lumen-2-Pro"), ("青松科技", "Orca-7B")}


def test_store_bulk_loaded_build_equals_one_article_at_a_time(tmp_path: Path) -> None:
    """Loading new articles in one batch gives the same store as one transaction per article."""
    from kg.pipeline import article_ntriples
    from kg.read import read_article
    from kg.to_rdf import graph_iri

    files = []
    for i, text in enumerate((A, B, A.replace("id: a", "id: c").replace("Lumen-2-Pro", "Lumen-3"))):
        files.append(tmp_path / f"{i}.md")
        files[-1].write_text(text, "utf-8")
    api.build(files, store=tmp_path / "batch")
    api.build([], store=tmp_path / "single")                    # the catalogue graph
    with open_writer(tmp_path / "single") as st:
        for f in files:
            article = read_article(f)
            st.replace_graph_data(str(graph_iri(article.id)), article_ntriples(article))

    def quads(store: Path) -> set[str]:
        import pyoxigraph as ox

        return {str(q) for q in ox.Store.read_only(str(store)).quads_for_pattern(None, None, None, None)}

    assert quads(tmp_path / "batch") == quads(tmp_path / "single")
