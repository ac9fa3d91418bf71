"""The kg command end to end, as a user runs it (a real process, a real store on disk)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.cli import main

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


def test_cli_query_refuses_service_without_the_flag(built: Path) -> None:
    from tests.listener import Listener

    with Listener() as listener:
        r = kg("query", f"SELECT * WHERE {{ ?x kg:released ?y SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
               store=built)
    assert r.returncode == 1
    assert r.stderr.startswith("kg: E034") and "--allow-service" in r.stderr
    assert listener.received == []


def test_cli_query_allow_service_reaches_out_and_fails_in_one_line(built: Path) -> None:
    from tests.listener import Listener

    with Listener() as listener:        # accepts, reads the request, hangs up: not a SPARQL answer
        r = kg("query", "--allow-service",
               f"SELECT * WHERE {{ ?x kg:released ?y SERVICE <{listener.url}> {{ ?s ?p ?o }} }}", store=built)
    assert listener.received and listener.received[0].startswith(b"POST /sparql")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith("kg: E030") and "SERVICE could not be reached" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("query", "code", "words"), [
    ("SELEC ?x WHERE { ?x ?p ?o }", "E030", "expected SELECT, CONSTRUCT, ASK or DESCRIBE at line 1, column 1"),
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "E033", "read-only; use kg add / kg remove"),
    ("DELETE WHERE { ?s ?p ?o }", "E033", "read-only"),
    ("relaesed", "E031", "unknown saved query or file: relaesed"),
])
def test_cli_query_text_errors_say_what_is_wrong(built: Path, query: str, code: str, words: str) -> None:
    r = kg("query", query, store=built)
    assert r.returncode == 1
    assert r.stderr.startswith(f"kg: {code}") and words in r.stderr


def test_cli_query_parameters_are_checked(built: Path) -> None:
    no_eq = kg("query", "people", "-p", "person", store=built)
    assert no_eq.returncode == 1 and no_eq.stderr.startswith("kg: E035")
    assert "'person'" in no_eq.stderr and "parameters: person" in no_eq.stderr
    unknown = kg("query", "people", "-p", "nosuch=1", store=built)
    assert unknown.returncode == 1 and unknown.stderr.startswith("kg: E036")
    assert "'nosuch'" in unknown.stderr and "parameters: person" in unknown.stderr
    ad_hoc = kg("query", "SELECT ?m WHERE { ?o kg:released ?m }", "-p", "o=x", "-p", "x=1", store=built)
    assert ad_hoc.stderr.startswith("kg: E036") and "its parameters: m, o" in ad_hoc.stderr
    good = kg("query", "-f", "csv", "people", "-p", "person=nobody-at-all", store=built)
    assert good.returncode == 0 and good.stdout.splitlines()[0].startswith("person")


# ------------------------------------------------------------------ in-process: kg.cli.main

def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_store_before_or_after_the_command(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (("--store", str(built), "stats"), ("stats", "--store", str(built)),
                 ("--store", str(tmp_path / "other"), "stats", "--store", str(built))):   # the later one wins
        code, out, err = run_main(capsys, *argv)
        assert (code, err) == (0, ""), argv
        assert out.startswith("articles: 1\n"), argv


@pytest.mark.parametrize("command", [
    ("stats",), ("export", "-f", "nq"), ("view",), ("entities",), ("entities", "--suspects"), ("validate",),
    ("query", "released"), ("remove", "some-article"), ("plot", "prices"), ("push", "--endpoint", "http://127.0.0.1:9/x"),
])
def test_cli_reading_a_missing_store_is_an_error(command: tuple[str, ...], tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)                 # view and plot would write under out/ here
    typo = tmp_path / "typo"
    for argv in (("--store", str(typo), *command), (*command, "--store", str(typo))):
        code, out, err = run_main(capsys, *argv)
        assert code == 1, argv
        assert err == f"kg: E051: no store at {typo}; kg build creates one\n", argv
        assert out == ""
    assert not typo.exists() and not (tmp_path / "out").exists()


def test_cli_build_with_store_after_the_command_creates_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "new" / "store"
    code, _, err = run_main(capsys, "build", "-q", str(SEED), "--store", str(store))
    assert code == 0, err
    code, out, _ = run_main(capsys, "stats", "--store", str(store))
    assert code == 0 and out.startswith("articles: 1\n")


def test_cli_export_format_names_in_any_case(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for name in ("nq", "NQ", "Nq"):
        out = tmp_path / f"{name}.out"
        code, _, err = run_main(capsys, "export", "-f", name, "-o", str(out), "--store", str(built))
        assert code == 0, err
        outputs.append(out.read_bytes())
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]
    code, _, err = run_main(capsys, "export", "-f", "nquads", "--store", str(built))
    assert code == 1
    assert err == "kg: E040: unknown export format 'nquads'; choose one of: gexf, graphml, jsonld, nq, nt, trig, ttl\n"


def test_cli_entity_classes_in_any_case(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, people, _ = run_main(capsys, "entities", "--type", "Person", "--store", str(built))
    assert code == 0 and "李开复" in people
    assert all(line.startswith("Person ") for line in people.splitlines())
    for spelling in ("person", "PERSON", " person "):
        assert run_main(capsys, "entities", "--type", spelling, "--store", str(built)) == (0, people, "")
    code, both, _ = run_main(capsys, "entities", "--type", "MODEL", "--type", "person", "--store", str(built))
    assert code == 0 and {line.split()[0] for line in both.splitlines()} == {"Model", "Person"}

    html = tmp_path / "people.html"
    code, _, err = run_main(capsys, "view", "--type", "person", "-o", str(html), "--store", str(built))
    assert code == 0, err
    assert "李开复" in html.read_text("utf-8") and "DeepSeek-V2" not in html.read_text("utf-8")

    for argv in (("entities", "--type", "persons"), ("view", "--type", "persons", "-o", str(tmp_path / "x.html"))):
        code, out, err = run_main(capsys, *argv, "--store", str(built))
        assert code == 1
        assert err == "kg: E042: unknown entity class 'persons'; choose one of: Organization, Person, Model\n"
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("name", ["prices.png", "prices.svg", "prices.pdf", "prices.PNG", "prices"])
def test_cli_plot_refuses_non_html_before_any_work(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / name
    # a missing store too: the output is checked first, so no E051 and no store work
    code, _, err = run_main(capsys, "plot", "prices", "-o", str(out), "--store", str(tmp_path / "no-store"))
    assert code == 1
    assert err == f"kg: E043: {out}: only .html is supported for charts; give -o a file ending in .html\n"
    assert not out.exists()


def test_cli_focused_view_does_not_overwrite_the_full_view(built: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_main(capsys, "view", "--store", str(built))
    assert (code, err) == (0, "wrote out/graph.html\n")
    full = (tmp_path / "out" / "graph.html").read_bytes()
    code, _, err = run_main(capsys, "view", "--focus", "DeepSeek", "--depth", "1", "--store", str(built))
    assert (code, err) == (0, "wrote out/graph-deepseek.html\n")
    assert (tmp_path / "out" / "graph.html").read_bytes() == full
    focused = (tmp_path / "out" / "graph-deepseek.html").read_text("utf-8")
    assert "DeepSeek" in focused and focused.encode() != full
    mine = tmp_path / "mine.html"         # an explicit -o goes where it says
    code, _, err = run_main(capsys, "view", "--focus", "DeepSeek", "-o", str(mine), "--store", str(built))
    assert (code, err) == (0, f"wrote {mine}\n") and mine.exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["graph-deepseek.html", "graph.html"]


@pytest.mark.parametrize(("argv", "words"), [
    (["biuld"], "kg: E090: kg: argument command: invalid choice: 'biuld'"),
    (["query", "-f", "xml", "released"], "kg: E090: kg query: argument --format/-f: invalid choice: 'xml'"),
    (["serve", "--port", "99999"], "kg: E090: kg serve: argument --port: port 99999 is not between 1 and 65535"),
    (["serve", "--timeout", "0"], "kg: E090: kg serve: argument --timeout: 0 is not a positive number"),
    (["query"], "kg: E090: kg query: give a query"),
])
def test_cli_usage_mistakes_are_one_coded_line(argv: list[str], words: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from kg.cli import main

    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(words) and err.count("\n") == 1 and "--help lists the options" in err
