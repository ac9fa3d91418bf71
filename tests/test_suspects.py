"""kg entities --suspects proposes likely duplicates; aliases.yaml makes a merge stick."""

from __future__ import annotations

from pathlib import Path

from kg import api
from kg.suspects import one_edit_apart

TEXT = ("---\nid: s\n---\n澜舟星图发布了Aurora-2-Pro。澜舟星图科技的Aurora-2-Pro已经上线。"
        "Aurora-2-Prro的价格为1元/百万tokens。\n")
# a typo in another article: within one article, resolution already merges one-letter typos
OTHER = "---\nid: t\n---\n澜舟星图发布了Aurora-2-Prro。\n"


def test_suspects_edit_distance() -> None:
    assert one_edit_apart("openai", "openal")
    assert not one_edit_apart("openai", "openai")
    assert not one_edit_apart("glm4", "glm4air")


def test_suspects_lists_near_duplicates_but_not_variants(tmp_path: Path) -> None:
    (tmp_path / "s.md").write_text(TEXT + "Aurora-2-Pro-32k也发布了。", "utf-8")
    (tmp_path / "t.md").write_text(OTHER, "utf-8")
    api.build([tmp_path / "s.md", tmp_path / "t.md"], store=tmp_path / "store")
    pairs = {frozenset((s.a.label, s.b.label)) for s in api.entities(store=tmp_path / "store", suspects=True)}
    assert frozenset(("Aurora-2-Pro", "Aurora-2-Prro")) in pairs
    assert not any("Aurora-2-Pro-32k" in p for p in pairs)


def test_suspects_alias_file_makes_the_merge_stick(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    (tmp_path / "s.md").write_text(TEXT, "utf-8")
    (tmp_path / "t.md").write_text(OTHER, "utf-8")
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("models:\n  aurora-2-pro: [Aurora-2-Pro, Aurora-2-Prro]\n", "utf-8")
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "KG_ALIASES": str(aliases), "KG_STORE": str(tmp_path / "store")}
    for args in (["build", str(tmp_path / "s.md"), str(tmp_path / "t.md")], ["entities", "--suspects"]):
        r = subprocess.run([sys.executable, "-m", "kg.cli", *args], env=env, cwd=root, capture_output=True,
                           text=True, timeout=300)
        assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("0 suspect pair")
    q = subprocess.run([sys.executable, "-m", "kg.cli", "query", "-f", "csv",
                        "SELECT DISTINCT ?m WHERE { ?m kg:pricedAt ?p }"], env=env, cwd=root,
                       capture_output=True, text=True, timeout=300)
    assert q.stdout.split() == ["m", "https://w3id.org/aikg/id/model/aurora-2-pro"]
