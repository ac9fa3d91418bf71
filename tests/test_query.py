"""Saved queries, safe parameters and output formats of ``kg query`` on a store built from the corpus."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph

from kg import api
from kg.cli import main
from kg.query import PAGE_ROWS, bind, query_params, run_query, saved_queries, width
from kg.store import open_store
from tests.rows import sorted_rows

ROOT = Path(__file__).resolve().parent.parent
NAMES = {"released", "prices", "cheapest", "price-cuts", "claims", "people", "mentions", "entities"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("query") / "store"
    summary = api.build([ROOT / "corpus", ROOT / "tests" / "fixtures" / "unseen-startup.md"], store=path)
    assert summary.ok, summary.failed
    return path


def rows(store: Path, name: str, /, **params: str) -> list[dict[str, str]]:
    res = run_query(open_store(store), saved_queries()[name][1], params)
    names = [v.value for v in res.variables]
    return [{n: (s[n].value if s[n] is not None else "") for n in names} for s in res]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_query_library_has_each_saved_query_with_a_doc_line() -> None:
    saved = saved_queries()
    assert NAMES <= set(saved)
    for name, (doc, text) in saved.items():
        assert doc and not doc.startswith("@"), name
        assert "DISTINCT" in text.upper() or "GROUP BY" in text.upper(), f"{name} must de-duplicate"


def test_query_list_prints_one_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", "--list")
    assert code == 0
    lines = out.strip().splitlines()
    assert {ln.split()[0] for ln in lines} == set(saved_queries())
    assert any(ln.startswith("cheapest") and "cheapest models" in ln for ln in lines)


def test_query_released_gives_maker_model_and_date(store: Path) -> None:
    got = rows(store, "released")
    assert {"org": "DeepSeek", "model": "DeepSeek-V2", "date": "2024-05-06"} in got
    assert len(got) == len({(r["org"], r["model"]) for r in got}), "one row per (org, model)"
    only = rows(store, "released", org="DeepSeek")
    assert {"org": "DeepSeek", "model": "DeepSeek-V2", "date": "2024-05-06"} in only
    assert {r["org"] for r in only} == {"DeepSeek"} and len(only) < len(got)


def test_query_prices_history_is_ordered_by_date(store: Path) -> None:
    got = rows(store, "prices", model="混元-lite")
    assert [(r["perMillion"], r["free"], r["until"], r["from"]) for r in got] == [
        ("8", "false", "2024-05-22", ""), ("", "true", "", "2024-05-22")]


def test_query_cheapest_depends_on_the_day(store: Path) -> None:
    before = rows(store, "cheapest", day="2024-05-01")
    assert before == [{"model": "混元-lite", "perMillion": "8", "currency": "CNY"}]
    after = rows(store, "cheapest", day="2024-05-23")
    assert {"model": "混元-lite", "perMillion": "0", "currency": "CNY"} in after
    prices = [float(r["perMillion"]) for r in after]
    assert prices == sorted(prices)
    assert rows(store, "cheapest", currency="USD", day="2024-05-01") == []


def test_query_price_cuts_ranked_largest_first(store: Path) -> None:
    got = rows(store, "price-cuts")
    cut = {"model": "Qwen-Long", "makers": "阿里云", "percent": "-97", "kind": "", "first": "2024-05-22",
           "last": "2024-05-22", "sources": "1"}
    assert cut in got
    assert [float(r["percent"]) for r in got] == sorted(float(r["percent"]) for r in got)


def test_query_people_current_and_former_employers(store: Path) -> None:
    got = {r["person"]: r for r in rows(store, "people")}
    assert got["贾扬清"]["formerly"] == "阿里巴巴 (原副总裁)"
    assert "Lepton AI" in got["贾扬清"]["worksFor"]
    assert got["刘伟光"]["worksFor"] == "阿里云 (资深副总裁、公共云事业部总裁)"
    assert got["刘伟光"]["formerly"] == ""


def test_query_claims_with_organisation(store: Path) -> None:
    got = rows(store, "claims", person="李开复")
    assert got and all(r["orgs"] in {"创新工场, 零一万物", "零一万物, 创新工场"} for r in got)


def test_query_articles_by_name_or_alias(store: Path) -> None:
    got = rows(store, "articles", name="DeepSeek")
    assert [(r["entity"], r["article"]) for r in got] == [("DeepSeek", "price-war-2024-05")]
    everything = rows(store, "articles")
    assert {r["article"] for r in everything} == {"price-war-2024-05", "unseen-startup"}


def test_query_mentions_counts_articles_with_first_and_last(store: Path) -> None:
    got = rows(store, "mentions", name="DeepSeek")
    assert [(r["entity"], r["articles"], r["first"], r["last"]) for r in got] == [
        ("DeepSeek", "1", "2024-05-22", "2024-05-22")]
    listing = rows(store, "mentions")
    counts = [int(r["articles"]) for r in listing]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2


def test_query_entities_counted_once_per_article(store: Path) -> None:
    got = rows(store, "entities")
    counts = [int(r["articles"]) for r in got]
    assert counts == sorted(counts, reverse=True) and max(counts) <= 2
    assert got[0]["entity"] == "字节跳动" and got[0]["articles"] == "2"


def test_query_param_values_cannot_change_the_query(store: Path) -> None:
    evil = 'DeepSeek" } } ; DROP ALL ; SELECT * WHERE { ?s ?p "'
    assert rows(store, "mentions", name=evil) == []
    # the value is one literal: it matches a label that is exactly that string, and nothing else
    import pyoxigraph as ox

    mem = ox.Store()
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    mem.add(ox.Quad(ox.NamedNode("http://x/evil"), label, ox.Literal(evil)))
    mem.add(ox.Quad(ox.NamedNode("http://x/good"), label, ox.Literal("DeepSeek")))
    text = bind("SELECT ?s WHERE { ?s rdfs:label ?name }", {"name": evil})
    found = [r["s"].value for r in mem.query(text, prefixes={"rdfs": "http://www.w3.org/2000/01/rdf-schema#"})]
    assert found == ["http://x/evil"]


def test_query_param_declarations_and_defaults() -> None:
    params = query_params(saved_queries()["cheapest"][1])
    assert params["currency"][0] == "CNY" and params["day"][0] is None


def test_query_syntax_error_is_one_line_with_position(store: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(capsys, "--store", str(store), "query", "SELECT ?x WHERE {\n  ?x ?y }", "-p", "x=1")
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "line 2, column 10" in err, err
    # with a parameter on the same line, the position is still that of the text as written
    code, out, err = run(capsys, "--store", str(store), "query", "SELECT ?x WHERE { ?x ?y }", "-p", "x=1")
    assert code == 1 and "line 1, column 26" in err, err


def test_query_table_aligns_cjk_as_two_columns(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", str(store), "query", "released")
    assert code == 0
    lines = out.splitlines()
    header, rule = lines[0], lines[1]
    col = header.index("model")
    assert rule[col - 2:col] == "  "
    for line in lines[2:-1]:
        # the model column starts at the same display column on every row
        org = line.split("  ")[0]
        assert width(line[:len(org)]) <= col
        prefix = line[:line.index(line[len(org):].lstrip()[0], len(org))]
        assert width(prefix) == col, line
    assert lines[-1].endswith("rows)")


def test_query_csv_tsv_json_are_sparql_results(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--store", str(store), "query", "released", "-f", "csv")
    table = list(csv.reader(io.StringIO(out)))
    assert table[0] == ["org", "model", "date"] and ["DeepSeek", "DeepSeek-V2", "2024-05-06"] in table
    _, out, _ = run(capsys, "--store", str(store), "query", "released", "-f", "tsv")
    assert out.splitlines()[0] == "?org\t?model\t?date"
    _, out, _ = run(capsys, "--store", str(store), "query", "released", "-f", "json")
    doc = json.loads(out)
    assert doc["head"]["vars"] == ["org", "model", "date"]
    first = doc["results"]["bindings"][0]
    assert first["org"]["type"] == "literal"


def test_query_construct_prints_turtle(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", str(store), "query",
                       "CONSTRUCT { ?o kg:released ?m } WHERE { ?o kg:released ?m }")
    assert code == 0 and "@prefix kg:" in out
    g = Graph().parse(data=out, format="turtle")
    expected = {(r["o"].value, r["m"].value) for r in open_store(store).query(
        "SELECT DISTINCT ?o ?m WHERE { ?o kg:released ?m }")}
    assert {(str(s), str(o)) for s, _, o in g} == expected


def test_query_ask_prints_boolean(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--store", str(store), "query", "ASK { ?o kg:released ?m }")
    assert out.strip() == "true"


def test_query_parameter_matches_a_tagged_name_and_a_plain_value() -> None:
    import pyoxigraph as ox

    from kg.query import bind

    st = ox.Store()
    ex = "http://example.org/"
    st.add(ox.Quad(ox.NamedNode(ex + "a"), ox.NamedNode(ex + "label"), ox.Literal("李开复", language="zh")))
    st.add(ox.Quad(ox.NamedNode(ex + "a"), ox.NamedNode(ex + "currency"), ox.Literal("CNY")))
    q = f"SELECT ?s WHERE {{ ?s <{ex}label> ?name ; <{ex}currency> ?cur }}"
    rows = list(st.query(bind(q, {"name": "李开复", "cur": "CNY"})))
    assert [r["s"].value for r in rows] == [ex + "a"]
    assert list(st.query(bind(q, {"name": "李开", "cur": "CNY"}))) == []
    # a value still cannot change the query's structure
    assert list(st.query(bind(q, {"name": '"} ?s ?p ?o {"', "cur": "CNY"}))) == []


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))[1:]


def test_query_pages_put_together_are_the_whole_listing(capsys: pytest.CaptureFixture[str], store: Path) -> None:
    _, whole, _ = run(capsys, "--store", str(store), "query", "entities", "-f", "csv")
    everything = csv_rows(whole)
    assert len(everything) > 7
    pages = []
    for offset in range(0, len(everything), 3):
        code, out, _ = run(capsys, "--store", str(store), "query", "entities", "-f", "csv",
                           "--limit", "3", "--offset", str(offset))
        assert code == 0
        pages.append(csv_rows(out))
    assert all(len(p) == 3 for p in pages[:-1])
    assert [row for p in pages for row in p] == everything


def test_query_page_stays_inside_the_querys_own_limit(store: Path) -> None:
    sparql = "SELECT ?e WHERE { ?e kg:mentionedIn ?a } ORDER BY ?e ?a OFFSET 1 LIMIT 5  # five"
    own = [s["e"].value for s in api.query(sparql, store=store)]
    assert len(own) == 5
    assert [s["e"].value for s in api.query(sparql, store=store, limit=10, offset=3)] == own[3:]
    assert [s["e"].value for s in api.query(sparql, store=store, limit=1, offset=1)] == own[1:2]
    assert list(api.query(sparql, store=store, offset=7)) == []


def test_query_table_on_a_terminal_shows_a_page_and_what_remains(store: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    total = len(list(api.query(saved_queries()["entities"][1], store=store)))
    primary, secondary = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    proc = subprocess.run([sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())", "--store", str(store), "query", "entities", "--limit", "4",
                           "--offset", "2"], stdout=secondary, stderr=subprocess.PIPE, env=env, timeout=120)
    os.close(secondary)
    text = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        text += chunk
    os.close(primary)
    assert proc.returncode == 0, proc.stderr
    lines = text.decode().splitlines()
    assert lines[0].split() == ["entity", "type", "articles"]
    assert len(lines) == 2 + 4 + 1
    assert lines[-1] == f"(4 of {total - 2} rows shown, {total - 6} more: --offset 6 for the next page, " \
                        "-f csv|tsv|json for all)"


def test_query_piped_table_and_formats_give_every_row(capsys: pytest.CaptureFixture[str], store: Path) -> None:
    total = len(list(api.query(saved_queries()["entities"][1], store=store)))
    assert total > PAGE_ROWS         # more than a terminal page: piped, nothing is cut
    _, out, _ = run(capsys, "--store", str(store), "query", "entities")
    assert out.strip().endswith(f"({total} rows)")
    _, out, _ = run(capsys, "--store", str(store), "query", "entities", "-f", "json")
    assert len(json.loads(out)["results"]["bindings"]) == total


def test_query_negative_offset_is_refused(capsys: pytest.CaptureFixture[str], store: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--store", str(store), "query", "entities", "--offset", "-1"])
    assert exc.value.code != 0
    assert "0 or more" in capsys.readouterr().err
    with pytest.raises(Exception, match="E044|limit and offset"):
        api.query("SELECT * WHERE { ?s ?p ?o }", store=store, limit=-1)


REPORTS_SPARQL = """SELECT ?model ?kind ?cache ?currency ?perMillion ?free ?d ?a ?until WHERE {
  ?m rdfs:label ?model ; kg:pricedAt ?p . ?p kg:isFree ?free ; kg:evidence ?ev . ?ev kg:fromArticle ?a .
  OPTIONAL { ?a kg:published ?d }
  OPTIONAL { ?p kg:perMillionTokens ?perMillion } OPTIONAL { ?p kg:tokenKind ?kind }
  OPTIONAL { ?p kg:cacheStatus ?cache } OPTIONAL { ?p kg:currency ?currency }
  OPTIONAL { ?p kg:validUntil ?until } }"""
_HISTORY = ("model", "kind", "cache", "currency", "perMillion", "free", "first", "last", "sources", "until")


def reference_periods(store: Path) -> list[tuple[str, ...]]:
    """Price periods computed here from every report's evidence, the plain way: the reports of each model,
    kind, cache status, currency and price, from the first to the last, and the articles giving them."""
    from collections import defaultdict

    def text(t: object) -> str:
        return "" if t is None else t.value  # type: ignore[attr-defined]

    reports: dict[tuple[str, ...], list[tuple[str, str, str]]] = defaultdict(list)
    for s in api.query(REPORTS_SPARQL, store=store):
        key = tuple(text(s[n]) for n in ("model", "kind", "cache", "currency", "perMillion", "free"))
        reports[key].append((text(s["d"]), text(s["a"]), text(s["until"])))
    out = []
    for key, found in reports.items():
        dates = sorted(d for d, _, _ in found if d)
        out.append((*key, dates[0] if dates else "", dates[-1] if dates else "", str(len({a for _, a, _ in found})),
                    max(u for *_, u in found)))
    return sorted(out)


def history(store: Path, **params: str) -> list[tuple[str, ...]]:
    """The price-history rows on the reference's columns (``_HISTORY``), without the price point."""
    return sorted(tuple(r[n] for n in _HISTORY) for r in rows(store, "price-history", **params))


def test_query_price_history_is_one_period_per_price(tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.periods import build_period_store

    store = build_period_store(tmp_path_factory.mktemp("periods"))
    got = history(store)
    # four articles report 2 (two of them on one day), one reports 1 in between: two rows, not five
    assert [(r[4], r[6], r[7], r[8]) for r in sorted(got, key=lambda r: r[6])] == [
        ("2", "2024-06-03", "2024-06-20", "4"), ("1", "2024-06-12", "2024-06-12", "1")]
    assert got == reference_periods(store)
    assert history(store, model="DeepSeek-V2") == got and history(store, model="GPT-4") == []
    for row in rows(store, "price-history"):     # the period's point leads to the evidence of every report
        reports = api.query(f"SELECT ?s WHERE {{ <{row['point']}> kg:reportedBy ?ev . ?ev kg:sentence ?s }}",
                            store=store)
        sentences = [s["s"].value for s in reports]
        assert len(sentences) >= int(row["sources"]) and all("DeepSeek-V2" in s for s in sentences)


def test_query_price_history_equals_the_reference_on_the_corpus(store: Path) -> None:
    got = history(store)
    assert got and got == reference_periods(store)
    assert len(got) == len({r[:6] + r[6:8] for r in got})


def test_query_page_of_a_construct_and_an_ask(store: Path) -> None:
    construct = "CONSTRUCT { ?o kg:released ?m } WHERE { ?o kg:released ?m }"
    assert len(list(api.query(construct, store=store))) > 3
    assert len(list(api.query(construct, store=store, limit=2, offset=1))) == 2
    assert bool(api.query("ASK { ?o kg:released ?m }", store=store, limit=1, offset=5))    # no page to take


# ------------------------------------------------------------------ the writer's fact nodes against the evidence

REFERENCES = ROOT / "tests" / "reference_queries"       # the same queries, read from every evidence node


def reference_cases(store: Path) -> list[tuple[str, dict[str, str]]]:
    """Each query with a fact-node reference: its listing, and its one-entity form for every entity it names."""
    cases: list[tuple[str, dict[str, str]]] = []
    for ref in sorted(REFERENCES.glob("*.rq")):
        name = ref.stem
        cases.append((name, {}))
        param = next(iter(query_params(saved_queries()[name][1])))
        if param in ENTITY_COLUMNS:
            cases += [(name, {param: r[ENTITY_COLUMNS[param]]}) for r in rows(store, name)[:40]]
        else:               # cheapest: on each day an article was published, and in another currency
            published = run_query(open_store(store), "SELECT DISTINCT ?d WHERE { ?a kg:published ?d }")
            days = {sol["d"].value for sol in published}
            cases += [(name, {"day": day}) for day in sorted(days)[:40]] + [(name, {"currency": "USD"})]
    return cases


ENTITY_COLUMNS = {"org": "org", "person": "person", "model": "model", "name": "entity"}


def assert_same_as_reference(store: Path) -> int:
    st = open_store(store)
    checked = 0
    for name, params in reference_cases(store):
        reference = run_query(st, (REFERENCES / f"{name}.rq").read_text("utf-8"), params)
        columns = [v.value for v in reference.variables]      # the saved query may add a node to follow
        saved = sorted_rows(run_query(st, saved_queries()[name][1], params), columns)
        assert saved == sorted_rows(reference), (name, params)
        checked += len(saved)
    return checked


@pytest.fixture(scope="module")
def careers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Articles with many careers, roles and release dates (three held-out sets and the corpus)."""
    path = tmp_path_factory.mktemp("careers") / "store"
    sets = [ROOT / "tests" / f"heldout{n}" / "articles" for n in (12, 13, 14)]
    assert api.build([ROOT / "corpus", *sets], store=path).ok
    return path


def test_query_fact_nodes_give_the_rows_of_the_evidence(careers: Path) -> None:
    assert assert_same_as_reference(careers) > 60


def test_query_fact_nodes_follow_removals_and_replacements(careers: Path, tmp_path: Path) -> None:
    """Roles and dates leave the fact nodes exactly when the last article giving them goes."""
    import shutil

    store = tmp_path / "store"
    shutil.copytree(careers, store)
    before = {name: sorted_rows(run_query(open_store(store), saved_queries()[name][1])) for name in ("people", "released")}
    for article in sorted((ROOT / "tests" / "heldout13" / "articles").glob("*.md"))[:3]:
        api.remove(article.stem, store=store)
    assert assert_same_as_reference(store) > 40
    after = {name: sorted_rows(run_query(open_store(store), saved_queries()[name][1])) for name in before}
    assert after != before
    changed = tmp_path / "changed.md"       # an article replaced by a version with other roles
    first = sorted((ROOT / "tests" / "heldout14" / "articles").glob("*.md"))[0]
    changed.write_text(first.read_text("utf-8").replace("副总裁", "总监"), "utf-8")
    assert api.build([changed], store=store).replaced
    assert assert_same_as_reference(store) > 40


def test_query_page_goes_before_a_trailing_values_block(store: Path) -> None:
    """SPARQL puts LIMIT/OFFSET before a VALUES block that follows the WHERE clause: the page is placed there."""
    models = [r["m"].value for r in api.query("SELECT ?m WHERE { ?m a kg:Model } ORDER BY ?m LIMIT 3", store=store)]
    values = " ".join(f"<{m}>" for m in models)
    text = f"SELECT ?m WHERE {{ ?m a kg:Model }} ORDER BY ?m VALUES ?m {{ {values} }}"
    whole = [r["m"].value for r in api.query(text, store=store)]
    assert len(whole) == 3 and whole == models
    pages = [r["m"].value for off in range(3) for r in api.query(text, store=store, limit=1, offset=off)]
    assert pages == whole
