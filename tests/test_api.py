"""The article lifecycle through the library API: build, rebuild, replace, remove."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import api
from kg.errors import KGError
from kg.store import open_store

A = "---\nid: a\ndate: 2024-05-06\n---\n星澜科技发布了Lumen-2-Pro,阿里云也推出了Qwen-Long。星澜科技CEO陈思远表示,价格还会下降。\n"
B = "---\nid: b\ndate: 2024-05-07\n---\n阿里云智能集团宣布Qwen-Long降价97%。青松科技发布Orca-7B。\n"


def quads(store: Path) -> set[str]:
    return {str(q) for q in open_store(store).quads()}


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    f = folder / name
    f.write_text(text, "utf-8")
    return f


def test_api_build_twice_leaves_store_unchanged(tmp_path: Path, store_dir: Path) -> None:
    write(tmp_path / "in", "a.md", A)
    first = api.build([tmp_path / "in"], store=store_dir)
    snapshot = quads(store_dir)
    second = api.build([tmp_path / "in"], store=store_dir)
    assert first.added == ["a"] and second.unchanged == ["a"] and not second.added
    assert quads(store_dir) == snapshot


def test_api_changed_article_is_replaced(tmp_path: Path, store_dir: Path) -> None:
    f = write(tmp_path / "in", "a.md", A)
    api.build([f], store=store_dir)
    f.write_text(A.replace("Lumen-2-Pro", "Lumen-3-Max"), "utf-8")
    summary = api.build([f], store=store_dir)
    assert summary.replaced == ["a"]
    text = "\n".join(quads(store_dir))
    assert "Lumen-3-Max" in text and "Lumen-2-Pro" not in text


def test_api_add_then_remove_equals_never_added(tmp_path: Path, store_dir: Path) -> None:
    a, b = write(tmp_path, "a.md", A), write(tmp_path, "b.md", B)
    api.add([a], store=store_dir)
    only_a = quads(store_dir)
    api.add([b], store=store_dir)
    assert quads(store_dir) != only_a
    api.remove("b", store=store_dir)
    assert quads(store_dir) == only_a


def test_api_same_entity_in_two_articles_is_one_node(tmp_path: Path, store_dir: Path) -> None:
    api.build([write(tmp_path, "a.md", A), write(tmp_path, "b.md", B)], store=store_dir)
    rows = list(api.query("SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?e kg:mentionedIn ?a ; rdfs:label ?l } "
                          "GROUP BY ?e HAVING (COUNT(DISTINCT ?a) > 1)", store=store_dir))
    labels = {r["e"].value for r in rows}
    # 阿里云 and 阿里云智能集团 are one catalogue entity; Qwen-Long is named in both articles
    assert any(iri.endswith("/alibaba-cloud") for iri in labels)
    assert any(iri.endswith("/qwenlong") for iri in labels)


def test_api_rebuild_from_scratch_gives_identical_iris(tmp_path: Path) -> None:
    f = write(tmp_path, "a.md", A)
    api.build([f], store=tmp_path / "s1")
    api.build([f], store=tmp_path / "s2")
    assert quads(tmp_path / "s1") == quads(tmp_path / "s2")


def test_api_bad_file_is_reported_and_others_still_built(tmp_path: Path, store_dir: Path) -> None:
    write(tmp_path / "in", "a.md", A)
    write(tmp_path / "in", "empty.md", "")
    summary = api.build([tmp_path / "in"], store=store_dir)
    assert summary.added == ["a"]
    assert len(summary.failed) == 1 and "empty.md" in summary.failed[0]


def test_api_remove_unknown_article(store_dir: Path, tmp_path: Path) -> None:
    api.build([write(tmp_path, "a.md", A)], store=store_dir)
    with pytest.raises(KGError, match="no article"):
        api.remove("nope", store=store_dir)


def test_api_second_writer_is_refused(tmp_path: Path, store_dir: Path) -> None:
    from kg.store import open_writer

    with open_writer(store_dir):
        import subprocess
        import sys

        code = ("import sys; from kg import api; from kg.errors import KGError\n"
                "try:\n  api.build([sys.argv[1]], store=sys.argv[2])\n"
                "except KGError as e:\n  print(e); sys.exit(3)\n")
        r = subprocess.run([sys.executable, "-c", code, str(write(tmp_path, "a.md", A)), str(store_dir)],
                           capture_output=True, text=True, timeout=120)
    assert r.returncode == 3
    assert "being written by process" in r.stdout


def test_api_stats_counts_entities_and_facts(tmp_path: Path, store_dir: Path) -> None:
    api.build([write(tmp_path, "a.md", A)], store=store_dir)
    s = api.stats(store=store_dir)
    assert s["articles"] == 1
    assert s["entities"]["Model"] >= 2  # type: ignore[index]
    assert s["facts"]["released"] >= 2  # type: ignore[index]
    assert s["facts"]["argues"] >= 1  # type: ignore[index]


def test_api_one_node_for_an_entity_named_in_two_languages(tmp_path: Path) -> None:
    from kg import api

    (tmp_path / "en.md").write_text("---\nid: lang-en\nlang: en\ndate: 2025-02-01\n---\n"
                                    "Alibaba released a new model. Liang Wenfeng, founder of DeepSeek, "
                                    "said prices would keep falling.\n", encoding="utf-8")
    (tmp_path / "zh.md").write_text("---\nid: lang-zh\ndate: 2025-02-01\n---\n"
                                    "阿里巴巴发布了新模型。梁文锋表示，价格还会下降。\n", encoding="utf-8")
    store = tmp_path / "store"
    assert api.build([tmp_path / "en.md", tmp_path / "zh.md"], store=store).ok
    rows = api.query("SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?e kg:mentionedIn ?a } GROUP BY ?e "
                     "HAVING (COUNT(DISTINCT ?a) = 2)", store=store)
    both = {r["e"].value.rsplit("/", 1)[-1] for r in rows}
    assert {"alibaba", "liang-wenfeng"} <= both
    labels = {(r["l"].value, r["l"].language) for r in api.query(
        "SELECT ?l WHERE { ?e skos:prefLabel ?l } ", store=store,
        params={"e": "<https://w3id.org/aikg/id/organization/alibaba>"})}
    assert ("阿里巴巴", "zh") in labels and ("Alibaba", "en") in labels


def test_api_build_of_only_wrong_paths_makes_no_store(tmp_path: Path) -> None:
    """A mistyped path is one error and leaves no new store behind (an existing store is still opened:
    a build of an empty folder loads the catalogue into it)."""
    store = tmp_path / "store"
    summary = api.build([tmp_path / "no-such-file.md"], store=store)
    assert summary.failed and not summary.added and not store.exists()
    loaded = api.load([tmp_path / "no-shards-here"], store=store)
    assert loaded.failed and not store.exists()
    (tmp_path / "a.md").write_text("---\nid: a\n---\n星澜科技发布了Lumen-2-Pro。\n", "utf-8")
    assert api.build([tmp_path / "a.md"], store=store).added == ["a"]
    again = api.build([tmp_path / "no-such-file.md"], store=store)      # a store there: built on as before
    assert again.failed and len(open_store(store).articles()) == 1
