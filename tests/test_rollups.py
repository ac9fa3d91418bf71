"""The writer's figures (kg.rollups): article counts and first/last dates, exact as articles come and go."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import api
from kg.store import open_store, open_writer


def article(article_id: str, date: str, body: str) -> str:
    return f"---\nid: {article_id}\ndate: {date}\nlang: zh\n---\n{body}\n"


# three articles about one company and its model, on three days; the middle one also names a second company
ARTICLES = {
    "r-early": article("r-early", "2024-03-01", "岚桥智能发布了Kite-3,输入价格为每百万tokens 4元。"),
    "r-middle": article("r-middle", "2024-03-10", "岚桥智能宣布与松岩科技合作,Kite-3的输入价格为每百万tokens 4元。"),
    "r-late": article("r-late", "2024-03-20", "岚桥智能宣布Kite-3降价50%,输入价格为每百万tokens 2元。"),
}


def figures(store: Path, name: str) -> tuple[str, str, str] | None:
    """(articles, first, last) of the entity labelled ``name``, as the writer keeps them."""
    q = ("SELECT ?n ?f ?l WHERE { ?e rdfs:label ?name ; kg:sources ?n . "
         "OPTIONAL { ?e kg:firstReported ?f } OPTIONAL { ?e kg:lastReported ?l } }")
    got = [tuple(r[v].value for v in ("n", "f", "l")) for r in open_store(store).query(q.replace("?name", f'"{name}"@zh'))]
    assert len(got) <= 1
    return got[0] if got else None  # type: ignore[return-value]


def counted(store: Path, name: str) -> tuple[str, str, str] | None:
    """The same figures counted from every mention."""
    q = ("SELECT (COUNT(DISTINCT ?a) AS ?n) (MIN(?d) AS ?f) (MAX(?d) AS ?l) WHERE { ?e rdfs:label ?name ; "
         "kg:mentionedIn ?a . ?a kg:published ?d }")
    row = next(iter(open_store(store).query(q.replace("?name", f'"{name}"@zh'))))
    return None if row["n"].value == "0" else (row["n"].value, row["f"].value, row["l"].value)


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    for aid, text in ARTICLES.items():
        (tmp_path / f"{aid}.md").write_text(text, "utf-8")
    path = tmp_path / "store"
    assert api.build([tmp_path / f"{aid}.md" for aid in ARTICLES], store=path).ok
    return path


def test_rollups_count_articles_and_their_first_and_last_dates(store: Path) -> None:
    assert figures(store, "岚桥智能") == ("3", "2024-03-01", "2024-03-20") == counted(store, "岚桥智能")
    assert figures(store, "松岩科技") == ("1", "2024-03-10", "2024-03-10")


def test_rollups_follow_removing_the_first_and_the_last_article(store: Path) -> None:
    api.remove("r-late", store=store)
    assert figures(store, "岚桥智能") == ("2", "2024-03-01", "2024-03-10") == counted(store, "岚桥智能")
    api.remove("r-early", store=store)
    assert figures(store, "岚桥智能") == ("1", "2024-03-10", "2024-03-10") == counted(store, "岚桥智能")
    api.remove("r-middle", store=store)
    assert figures(store, "岚桥智能") is None and figures(store, "松岩科技") is None


def test_rollups_follow_a_replacement_that_moves_the_date(store: Path, tmp_path: Path) -> None:
    moved = tmp_path / "r-early.md"
    moved.write_text(ARTICLES["r-early"].replace("2024-03-01", "2024-04-02"), "utf-8")
    assert api.build([moved], store=store).replaced
    assert figures(store, "岚桥智能") == ("3", "2024-03-10", "2024-04-02") == counted(store, "岚桥智能")


def test_rollups_of_price_points_count_reporting_articles(store: Path) -> None:
    got = {(r["perMillion"].value, r["sources"].value, r["first"].value, r["last"].value)
           for r in api.query("SELECT * WHERE { ?m kg:pricePoint ?p . ?p kg:perMillionTokens ?perMillion ; "
                              "kg:sources ?sources ; kg:firstReported ?first ; kg:lastReported ?last }", store=store)}
    assert got == {("4", "2", "2024-03-01", "2024-03-10"), ("2", "1", "2024-03-20", "2024-03-20")}


def test_rollups_replayed_change_gives_the_same_figures(store: Path) -> None:
    """A writer killed after making a change but before clearing its journal: the next writer replays the
    whole change, and the figures are those of one application."""
    import pyoxigraph as ox

    from kg import journal

    graph = "https://w3id.org/aikg/graph/r-late"
    written = ox.serialize(open_store(store).graph_triples(graph), format=ox.RdfFormat.N_TRIPLES) or b""
    steps = [journal.Step("retract", graph, written)]
    with open_writer(store) as st:
        journal.write(store, steps)
        journal.apply(st.ox, steps)
    assert (store / journal.NAME).exists()
    with open_writer(store):
        pass
    assert not (store / journal.NAME).exists()
    assert figures(store, "岚桥智能") == ("2", "2024-03-01", "2024-03-10") == counted(store, "岚桥智能")


def points(store: Path) -> tuple[set[str], int]:
    """The price and change points in the store, and how many of their statements sit in a named graph."""
    import pyoxigraph as ox

    db = ox.Store.read_only(str(store))
    found, named = set(), 0
    for q in db.quads_for_pattern(None, None, None, None):
        if "point/" in q.subject.value:  # type: ignore[union-attr]
            found.add(q.subject.value)  # type: ignore[union-attr]
            named += not isinstance(q.graph_name, ox.DefaultGraph) and "valid" not in q.predicate.value
    return found, named


def test_rollups_points_live_in_the_default_graph_until_their_last_source_goes(store: Path) -> None:
    found, named = points(store)
    assert len(found) >= 3 and named == 0      # 4, 2 per million and the cut: kept once, not per article
    api.remove("r-middle", store=store)
    assert points(store)[0] == found           # each still reported by another article
    api.remove("r-early", store=store)
    left = points(store)[0]
    assert left < found and left               # the 4 yuan price is gone with its last report
    api.remove("r-late", store=store)
    assert points(store)[0] == set()


def periods(store: Path) -> dict[str, tuple[str | None, str | None]]:
    """Each price point's (from, until) as the writer keeps them, by its price."""
    q = ("SELECT ?pm ?f ?u WHERE { ?p a kg:PricePoint ; kg:perMillionTokens ?pm "
         "OPTIONAL { ?p kg:periodFrom ?f } OPTIONAL { ?p kg:periodUntil ?u } }")
    return {r["pm"].value: (r["f"] and r["f"].value, r["u"] and r["u"].value) for r in open_store(store).query(q)}


def test_rollups_keep_each_price_points_period(store: Path) -> None:
    """A price point's period runs from the earliest date its reports give to the latest end they state;
    it follows the articles that go, and a store written without periods gets them from its next writer."""
    assert periods(store)["4"] == ("2024-03-01", None)
    assert periods(store)["2"] == ("2024-03-20", None)
    api.remove("r-early", store=store)
    assert periods(store)["4"] == ("2024-03-10", None)
    with open_writer(store) as st:          # as a store written before the writer kept periods
        for p in ("periodFrom", "periodUntil"):
            st.ox.update(f"DELETE WHERE {{ ?s <https://w3id.org/aikg/ontology#{p}> ?o }}")
    assert periods(store)["4"] == (None, None)
    with open_writer(store):
        pass
    assert periods(store)["4"] == ("2024-03-10", None)


def test_rollups_period_of_a_price_ended_by_a_later_cut(store: Path, tmp_path: Path) -> None:
    """A price one article gives and a later one says was cut from: its period runs from the first to the cut."""
    cut = tmp_path / "r-cut.md"
    cut.write_text(article("r-cut", "2024-03-25", "岚桥智能宣布,Kite-3的输入价格从每百万tokens 4元降至1元。"), "utf-8")
    assert api.build([cut], store=store).ok
    assert periods(store)["4"] == ("2024-03-01", "2024-03-25")
    assert periods(store)["1"] == ("2024-03-25", None)
