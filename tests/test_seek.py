"""A saved listing's pages read a few keys at a time (kg.seek) are the slices of the whole listing."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from kg import api
from kg.query import param_table, run_query, saved_queries
from kg.seek import KEYS_DIR, covering, key_variables, keys_for
from kg.store import open_store
from tests.rows import normalised

ROOT = Path(__file__).resolve().parent.parent
LISTINGS = sorted(p.stem for p in KEYS_DIR.glob("*.rq") if "@" not in p.stem)
# (listing, parameter) whose one-entity form has keys of its own
BOUND = sorted(tuple(p.stem.split("@")) for p in KEYS_DIR.glob("*@*.rq"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seek") / "store"
    sets = [ROOT / "tests" / f"heldout{n}" / "articles" for n in (31, 32)]
    assert api.build([ROOT / "corpus", *sets], store=path).ok
    return path


def order_variables(listing: str) -> list[tuple[str, bool]]:
    """The variables a listing is ordered by, in order, each with whether it is descending."""
    m = re.search(r"ORDER BY\s+(.*)", listing)
    assert m, "a listing with keys has an ORDER BY"
    return [(name, bool(desc)) for desc, name in re.findall(r"(DESC\s*\(\s*)?\?(\w+)", m[1])]


def first_order_variable(listing: str) -> tuple[str, bool]:
    """The variable a listing is ordered by first, and whether descending."""
    return order_variables(listing)[0]


def test_seek_keys_follow_their_listings_order() -> None:
    """Each keys query lists the first order variables of a saved listing of its name (one, or the first
    few), in the same order and directions."""
    assert {"released", "prices", "people", "claims", "price-history", "mentions"} <= set(LISTINGS)
    for name in LISTINGS:
        keys = (KEYS_DIR / f"{name}.rq").read_text("utf-8")
        assert keys_for(saved_queries()[name][1]) == keys
        order = order_variables(keys)
        assert [var for var, _ in order] == key_variables(keys), name
        assert order_variables(saved_queries()[name][1])[:len(order)] == order, name


@pytest.mark.parametrize("name", LISTINGS)
def test_seek_pages_are_the_listings_slices(store: Path, name: str) -> None:
    """Pages of 1, 3 and 7 rows at several offsets: each page's rows are the whole listing's rows at those
    positions (the order variable row by row; the rows themselves as a multiset, since rows that tie on
    every order variable may come in either order), and the pages end where the listing does."""
    listing = saved_queries()[name][1]
    answer = api.query(listing, store=store)
    var = [v.value for v in answer.variables].index(first_order_variable(listing)[0])
    whole = normalised(answer)
    assert len(whole) > 8, name
    for limit in (1, 3, 7):
        rows = [r for at in range(0, len(whole) + limit, limit)
                for r in normalised(api.query(listing, store=store, limit=limit, offset=at))]
        assert [r[var] for r in rows] == [r[var] for r in whole], (name, limit)
        assert Counter(rows) == Counter(whole), (name, limit)


def test_seek_reads_only_the_keys_a_page_covers(store: Path) -> None:
    """The first page of a listing is asked of the keys it covers, not of all of them; a page past the
    listing's end is left to the engine."""
    st = open_store(store)
    listing = saved_queries()["people"][1]
    everyone = list(st.query(keys_for(listing)))
    walk = covering(st, listing, limit=3)
    assert walk is not None
    restricted, skip = walk
    asked = re.search(r"VALUES \(\?person\) \{(.*?)\}", restricted)
    assert asked and skip == 0
    assert 0 < asked[1].count("(") < len(everyone)
    total = len(list(run_query(st, listing)))
    assert covering(st, listing, limit=3, offset=total) is None
    assert list(run_query(st, listing, limit=3, offset=total)) == []


def test_seek_leaves_other_queries_and_bound_listings_to_the_engine(store: Path) -> None:
    """A query that is no saved listing with keys, or a listing with a parameter its keys do not take, is
    paged as before."""
    st = open_store(store)
    assert covering(st, "SELECT ?s WHERE { ?s a kg:Person } ORDER BY ?s", limit=3) is None
    people = saved_queries()["people"][1]
    first = next(iter(run_query(st, people)))["person"].value
    one = normalised(run_query(st, people, {"person": first}, limit=5))
    assert len(one) == 1


@pytest.mark.parametrize(("name", "param"), BOUND)
def test_seek_pages_about_one_entity_are_its_slices(store: Path, name: str, param: str) -> None:
    """A listing asked about one entity (its keys bound by the parameter) pages through the entity's own
    rows: every page is the slice of the bound listing's whole answer, and the walk did page it."""
    listing = saved_queries()[name][1]
    st = open_store(store)
    values = Counter(sol[param].value for sol in st.query(
        "SELECT ?name WHERE { ?e kg:mentionedIn ?a ; rdfs:label ?name }"))  # type: ignore[union-attr]
    for value, _ in values.most_common(2):
        whole = normalised(api.query(listing, store=store, params={param: value}))
        assert len(whole) > 3, value
        assert covering(st, listing, 3, 0, param_table({param: value})) is not None
        for limit in (1, 2):
            rows = [r for at in range(0, len(whole) + limit, limit)
                    for r in normalised(api.query(listing, store=store, params={param: value}, limit=limit, offset=at))]
            assert Counter(rows) == Counter(whole), (value, limit)
            assert [r[1:3] for r in rows] == [r[1:3] for r in whole], (value, limit)
