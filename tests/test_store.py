"""The store: each triple once (kg.layout), every change journaled (kg.journal), old stores upgraded."""

from __future__ import annotations

from pathlib import Path

from kg import api
from kg.store import open_store, open_writer

A = "---\nid: a\ndate: 2024-05-06\n---\n星澜科技发布了Lumen-2-Pro，输入价格为每百万tokens 2元。\n"
B = ("---\nid: b\ndate: 2024-05-08\n---\n星澜科技发布了Lumen-2-Pro,青松科技发布了Orca-7B。"
     "Lumen-2-Pro的输入价格为每百万tokens 2元，青松科技CEO林秋白表示价格还会降。\n")


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


def raw(store: Path) -> set[str]:
    import pyoxigraph as ox

    return {str(q) for q in ox.Store.read_only(str(store)).quads_for_pattern(None, None, None, None)}


def test_store_add_then_remove_gives_the_store_before(tmp_path: Path) -> None:
    """Add a, add b, remove b: the very quads of a store that only ever had a (b shares a's release)."""
    (tmp_path / "a.md").write_text(A, "utf-8")
    (tmp_path / "b.md").write_text(B, "utf-8")
    api.build([tmp_path / "a.md"], store=tmp_path / "only-a")
    api.build([tmp_path / "a.md"], store=tmp_path / "s")
    api.build([tmp_path / "b.md"], store=tmp_path / "s")
    assert raw(tmp_path / "s") != raw(tmp_path / "only-a")
    api.remove("b", store=tmp_path / "s")
    assert raw(tmp_path / "s") == raw(tmp_path / "only-a")


def test_store_keeps_each_triple_once_and_an_articles_shared_statements_in_its_graph(tmp_path: Path) -> None:
    import pyoxigraph as ox

    from kg.layout import triple_owner

    (tmp_path / "b.md").write_text(B, "utf-8")
    api.build([tmp_path / "b.md"], store=tmp_path / "s")
    db = ox.Store.read_only(str(tmp_path / "s"))
    named = [q for q in db.quads_for_pattern(None, None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph)]
    default = list(db.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert named and all(triple_owner(q) is None for q in named)       # entity statements only
    assert {q.triple for q in named} <= {q.triple for q in default}
    assert len(default) == len({q.triple for q in default} | {q.triple for q in named})
    in_b = [q for q in named if q.graph_name.value.endswith("/graph/b")]
    assert in_b and len(in_b) < len(open_store(tmp_path / "s").graph_triples(in_b[0].graph_name.value)) / 2


def test_store_exports_each_article_as_the_pipeline_wrote_it(tmp_path: Path) -> None:
    """An article's graph in the store (export, push) is exactly the N-Triples the pipeline made for it."""
    import pyoxigraph as ox

    from kg.pipeline import article_ntriples
    from kg.read import read_article
    from kg.to_rdf import graph_iri

    (tmp_path / "a.md").write_text(A, "utf-8")
    (tmp_path / "b.md").write_text(B, "utf-8")
    api.build([tmp_path / "a.md", tmp_path / "b.md"], store=tmp_path / "s")
    st = open_store(tmp_path / "s")
    for name in ("a", "b"):
        memory = ox.Store()         # the pipeline's triples as a store gives them back ("2.0" is the decimal 2)
        memory.load(article_ntriples(read_article(tmp_path / f"{name}.md")), format=ox.RdfFormat.N_TRIPLES)
        wrote = {q.triple for q in memory.quads_for_pattern(None, None, None, None)}
        assert set(st.graph_triples(str(graph_iri(name)))) == wrote
        assert {q.triple for q in st.quads() if q.graph_name.value == str(graph_iri(name))} == wrote


def test_store_change_left_half_made_is_finished_by_the_next_writer(tmp_path: Path) -> None:
    """A writer killed in the middle of a replacement (its journal written, the old version retracted, the
    new one half loaded) leaves a store the next writer finishes: the same quads as making it whole."""
    from kg import journal, layout
    from kg.pipeline import article_ntriples
    from kg.read import read_article
    from kg.to_rdf import graph_iri

    (tmp_path / "a.md").write_text(A, "utf-8")
    (tmp_path / "b.md").write_text(B, "utf-8")
    api.build([tmp_path / "a.md", tmp_path / "b.md"], store=tmp_path / "s")
    (tmp_path / "b2.md").write_text(B.replace("Orca-7B", "Orca-8B"), "utf-8")
    new = article_ntriples(read_article(tmp_path / "b2.md"))
    api.build([tmp_path / "a.md"], store=tmp_path / "ref")
    api.build([tmp_path / "b2.md"], store=tmp_path / "ref")
    graph = str(graph_iri("b"))
    with open_writer(tmp_path / "s") as st:
        steps = [*st._retraction(graph), journal.Step("add", graph, new)]
        journal.write(st.path, steps)
        journal.apply(st.ox, steps[:1])
        half = layout.stored_form(graph, new).splitlines(keepends=True)
        st.ox.load(b"".join(half[: len(half) // 2]), format=ox_nquads())
        st.ox.flush()
        st.ox = _Killed(st.ox)      # the writer dies here: nothing after this line reaches the store
    assert raw(tmp_path / "s") != raw(tmp_path / "ref")
    with open_writer(tmp_path / "s"):
        pass
    assert not (tmp_path / "s" / journal.NAME).exists()
    assert raw(tmp_path / "s") == raw(tmp_path / "ref")


def ox_nquads():  # noqa: ANN201
    import pyoxigraph as ox

    return ox.RdfFormat.N_QUADS


class _Killed:
    """A database whose writer died: closing it flushes nothing more, and the journal stays."""

    def __init__(self, db: object) -> None:
        self.db = db

    def flush(self) -> None:
        pass

    def backup(self, target: str) -> None:
        self.db.backup(target)  # type: ignore[attr-defined]


def test_store_written_in_the_old_layout_is_upgraded_by_the_next_writer(tmp_path: Path) -> None:
    """A store from before kg.layout (each article's triples in its graph and again in the merged graph)
    becomes, when a writer first opens it, the store a build makes today."""
    import pyoxigraph as ox

    (tmp_path / "a.md").write_text(A, "utf-8")
    (tmp_path / "b.md").write_text(B, "utf-8")
    api.build([tmp_path / "a.md", tmp_path / "b.md"], store=tmp_path / "ref")
    old = ox.Store(str(tmp_path / "old"))
    ref = open_store(tmp_path / "ref")
    for q in ref.quads():      # the old layout: the whole graphs, and every triple again in the default graph
        old.add(q)
        old.add(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()))
    old.flush()
    del old
    assert open_store(tmp_path / "old").written_before_layout()
    with open_writer(tmp_path / "old"):
        pass
    assert raw(tmp_path / "old") == raw(tmp_path / "ref")


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


def test_store_interrupted_bulk_load_is_finished_by_the_next_writer(tmp_path: Path) -> None:
    """New articles are bulk-loaded together under a journal: a load that did not finish is made whole
    by the next writer, and the rest of the store stays."""
    from kg import journal, layout
    from kg.pipeline import article_ntriples
    from kg.read import read_article
    from kg.to_rdf import graph_iri

    (tmp_path / "a.md").write_text(A, "utf-8")
    (tmp_path / "b.md").write_text(B, "utf-8")
    api.build([tmp_path / "a.md", tmp_path / "b.md"], store=tmp_path / "ref")
    api.build([tmp_path / "a.md"], store=tmp_path / "s")
    nt = article_ntriples(read_article(tmp_path / "b.md"))
    with open_writer(tmp_path / "s") as st:        # as if killed while loading b: a third of it in
        journal.write(st.path, [journal.Step("add", str(graph_iri("b")), nt)])
        part = layout.stored_form(str(graph_iri("b")), nt).splitlines(keepends=True)
        st.ox.bulk_load(b"".join(part[: len(part) // 3]), format=ox_nquads())
        st.ox = _Killed(st.ox)
    with open_writer(tmp_path / "s"):
        pass
    assert not (tmp_path / "s" / journal.NAME).exists()
    assert set(open_store(tmp_path / "s").articles()) == {"a", "b"}
    assert raw(tmp_path / "s") == raw(tmp_path / "ref")
    summary = api.build([tmp_path / "a.md", tmp_path / "b.md"], store=tmp_path / "s")
    assert summary.unchanged == ["a", "b"]


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


def test_store_old_layout_with_only_the_catalogue_is_upgraded_too(tmp_path: Path) -> None:
    import pyoxigraph as ox

    api.build([], store=tmp_path / "ref")                       # the catalogue alone
    old = ox.Store(str(tmp_path / "old"))
    for q in open_store(tmp_path / "ref").quads():
        old.add(q)
        old.add(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()))
    old.flush()
    del old
    assert open_store(tmp_path / "old").written_before_layout()
    assert not open_store(tmp_path / "ref").written_before_layout()
    with open_writer(tmp_path / "old"):
        pass
    assert raw(tmp_path / "old") == raw(tmp_path / "ref")
