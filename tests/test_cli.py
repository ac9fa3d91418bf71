"""The kg command end to end, as a user runs it (a real process, a real store on disk)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "price-war-2024-05.md"


def kg(*args: str, store: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_STORE": str(store)}
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, env=env,
                          input=stdin, timeout=300, cwd=ROOT)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "store"
    r = kg("build", str(SEED), store=store)
    assert r.returncode == 0, r.stderr
    return store


def test_cli_query_released_lists_company_model_pairs(built: Path) -> None:
    r = kg("query", "--format", "json", "SELECT ?o ?m WHERE { ?x kg:released ?y . ?x rdfs:label ?o . ?y rdfs:label ?m }",
           store=built)
    assert r.returncode == 0, r.stderr
    pairs = {(b["o"]["value"], b["m"]["value"]) for b in json.loads(r.stdout)["results"]["bindings"]}
    assert len(pairs) >= 5
    assert ("DeepSeek", "DeepSeek-V2") in pairs


def test_cli_saved_query_table_and_csv(built: Path) -> None:
    table = kg("query", "released", store=built)
    assert table.returncode == 0 and "DeepSeek-V2" in table.stdout and "rows)" in table.stdout
    csv = kg("query", "prices", "--format", "csv", store=built)
    assert csv.stdout.splitlines()[0].startswith("model,perMillion")
    listing = kg("query", "--list", store=built)
    assert "released" in listing.stdout and "claims" in listing.stdout


def test_cli_query_params_are_bound_not_spliced(built: Path) -> None:
    q = "SELECT ?m WHERE { ?o rdfs:label ?name ; kg:released ?x . ?x rdfs:label ?m }"
    ok = kg("query", "--format", "csv", "-p", "name=DeepSeek", q, store=built)
    assert "DeepSeek-V2" in ok.stdout
    hostile = kg("query", "--format", "csv", "-p", 'name=x" } ?a ?b ?c { "', q, store=built)
    assert hostile.returncode == 0 and hostile.stdout.strip() == "m"


def test_cli_query_from_stdin_and_syntax_error(built: Path) -> None:
    r = kg("query", "-", store=built, stdin="ASK { ?s kg:released ?o }")
    assert r.stdout.strip() == "true"
    bad = kg("query", "SELECT ?x WHERE { ?x kg:released }", store=built)
    assert bad.returncode == 1
    assert bad.stderr.startswith("kg: E030") and len(bad.stderr.strip().splitlines()) == 1


def test_cli_export_formats_parse(built: Path, tmp_path: Path) -> None:
    for fmt, parse_as in (("nq", "nquads"), ("trig", "trig"), ("ttl", "turtle"), ("jsonld", "json-ld")):
        out = tmp_path / f"g.{fmt}"
        r = kg("export", "--format", fmt, "-o", str(out), store=built)
        assert r.returncode == 0, r.stderr
        ds = Dataset()
        ds.parse(out, format=parse_as)
        assert len(ds) > 0 or sum(1 for _ in ds.quads()) > 0
    graphml = tmp_path / "g.graphml"
    assert kg("export", "-f", "graphml", "-o", str(graphml), store=built).returncode == 0
    assert "DeepSeek" in graphml.read_text("utf-8")


def test_cli_build_twice_changes_nothing(built: Path) -> None:
    before = kg("export", "--format", "nq", store=built).stdout
    r = kg("build", str(SEED), store=built)
    assert "1 unchanged" in r.stderr
    assert kg("export", "--format", "nq", store=built).stdout == before


def test_cli_bad_input_one_line_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\ndate: not-a-date\n---\n正文", "utf-8")
    r = kg("add", str(bad), str(tmp_path / "missing.md"), store=tmp_path / "store")
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert any("bad.md" in line and "not a date" in line for line in r.stderr.splitlines())
    assert any("missing.md" in line for line in r.stderr.splitlines())


def test_cli_view_writes_self_contained_html(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    r = kg("view", "-o", str(out), store=built)
    assert r.returncode == 0, r.stderr
    page = out.read_text("utf-8")
    assert "vis-network" in page or "vis.Network" in page
    assert "https://cdn" not in page and 'src="http' not in page
