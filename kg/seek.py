"""Stage 7a: one page of a saved listing without evaluating the whole listing (embedded store).

pyoxigraph produces every row of a query and sorts them all before it applies LIMIT, so the first 50
rows of a listing of 60,000 cost as much as all of them (~10 µs a row). A saved listing whose order
starts with one variable (the organisation, the model, the person, a date, a count) can be read a
group at a time instead: its keys query, ``kg/queries/keys/NAME.rq``, lists that variable's values in
the listing's own order, cheaply (one pattern, a few hundred to a few thousand values); the listing is
then asked for the rows of the first few keys, then of as many more as the rows still wanted need, until
the rows counted reach past the page. The page itself is one more query: the listing restricted to the
keys it covers, with the OFFSET that remains inside them, so the rows are the engine's own answer in
the engine's own order, the same as the whole listing's slice (tests/test_seek.py compares them).

A keys query must give every value the listing's first order variable takes (more is harmless: a key
without rows counts none). When the keys run out before the page is covered (the listing's end, or
rows whose key is unbound, which DESC puts last), the walk gives up and the listing is paged as usual.
A keys query may select the listing's first few order variables together (``price-cuts``: the cut and
the model, since a few sizes of cut cover thousands of rows). One of them must be bound by a required
pattern of the listing: a VALUES block whose only variable is bound by an OPTIONAL is applied after the
whole listing. ``articles`` is keyed by (date, article): the date alone is optional, the article is not.

A listing asked about one entity (``articles -p name=X``: thousands of rows for a company in the news)
has its own keys query, ``keys/NAME@PARAM.rq``, which the parameter binds: the keys are found from the
entity, and the listing's rows from the keys (the parameter's VALUES block goes last in the listing, so
the engine starts from the keys). The parameter must be bound by a required pattern of the listing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .sparql_text import code_only, variables_text, with_values, with_values_last

if TYPE_CHECKING:
    from .store import Store

KEYS_DIR = Path(__file__).parent / "queries" / "keys"
LISTINGS_DIR = KEYS_DIR.parent
FIRST_KEYS = 8      # keys asked for in the first step; later steps as many as the rows still wanted need
NUMERIC = {f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("integer", "decimal", "double", "float", "int", "long")}


def keys_for(sparql: str, params: Collection[str] = ()) -> str | None:
    """The keys query of the saved listing whose text ``sparql`` is, for a page with the parameters
    ``params`` bound (``keys/NAME@PARAM.rq``; ``keys/NAME.rq`` for the whole listing), if it has one."""
    return _keys_by_listing().get((sparql.strip(), frozenset(params)))


@cache
def _keys_by_listing() -> dict[tuple[str, frozenset[str]], str]:
    """(listing text, parameters bound) → its keys query, read once per process (every page asks)."""
    out = {}
    for keys in KEYS_DIR.glob("*.rq"):
        name, *params = keys.stem.split("@")
        listing = LISTINGS_DIR / f"{name}.rq"
        if listing.is_file():
            out[(listing.read_text(encoding="utf-8").strip(), frozenset(params))] = keys.read_text(encoding="utf-8")
    return out


def key_variables(keys_sparql: str) -> list[str]:
    """The variables a keys query selects (``SELECT DISTINCT ?org WHERE …`` → ``["org"]``)."""
    head = variables_text(keys_sparql)
    head = head[:code_only(head).upper().index("WHERE")]
    return [w[1:] for w in head.split() if w[:1] in "?$"]


def covering(store: Store, sparql: str, limit: int, offset: int = 0,
             bound: Binding | None = None) -> tuple[str, int] | None:
    """The saved listing ``sparql`` restricted to the keys its page covers, and the offset of the page
    inside them; None when it has no keys query or the keys do not cover the page. ``bound``: the
    listing's parameters (names, and rows of terms in N-Triples form), bound in the keys query and the
    listing alike."""
    names_bound, rows_bound = bound or ([], [])
    keys_sparql = keys_for(sparql, names_bound)
    if keys_sparql is None or limit <= 0:
        return None
    if names_bound:     # the keys are found from the parameters; the listing's rows from the keys
        keys_sparql = _with(keys_sparql, names_bound, rows_bound)
        bound_listing = with_values_last(sparql, names_bound, rows_bound)
        assert bound_listing is not None, "a saved listing has a WHERE clause"
        sparql = bound_listing
    names = key_variables(keys_sparql)
    # the keys are read as the walk needs them: the first page of a listing of thousands reads a few dozen
    groups = _groups(tuple(sol[n] for n in names) for sol in store.query(keys_sparql))
    taken: list[list[Key]] = []
    before, skip, step, done = 0, 0, FIRST_KEYS, 0
    while before < offset + limit:
        batch = list(islice(groups, step))
        if not batch:
            break
        done = done + len(batch)
        found = store.query(_restricted(sparql, names, batch))
        counts = Counter(tuple(sol[n] for n in names) for sol in found)
        for group in batch:
            rows = sum(counts[k] for k in group)
            if rows and before + rows > offset:
                if not taken:
                    skip = offset - before
                taken.append(group)
            before += rows
            if before >= offset + limit:
                break
        step = _next_step(step, done, before, offset + limit - before)
    if before < offset + limit or not taken:
        return None
    return _restricted(sparql, names, taken), skip


Key = tuple[ox.NamedNode | ox.Literal | None, ...]
Binding = tuple[list[str], list[list[str]]]


def _next_step(step: int, done: int, rows: int, wanted: int) -> int:
    """Keys to ask for next: enough for the rows still wanted at the rate of rows per key seen so far (and
    a quarter more), twice the last step while no key has given a row."""
    if not rows:
        return step * 2
    return max(FIRST_KEYS, -(-wanted * 5 * done // (rows * 4)))


def _restricted(sparql: str, names: list[str], groups: Sequence[Sequence[Key]]) -> str:
    """The listing with its key variables bound to the keys of ``groups``, in a VALUES block at its start."""
    return _with(sparql, names, [[str(term) for term in key] for group in groups for key in group])


def _with(sparql: str, names: list[str], rows: list[list[str]]) -> str:
    out = with_values(sparql, names, rows)
    assert out is not None, "a saved listing and its keys query have a WHERE clause"
    return out


def _groups(keys: Iterable[Key]) -> Iterator[list[Key]]:
    """Keys in runs that sort alike (1 and 1.0; "x" and "x"@zh): the engine may interleave their rows
    by the listing's next order variables, so a step never splits them."""
    run: list[Key] = []
    last: object = object()
    for key in keys:
        if None in key:           # unbound keys cannot be asked for: the walk stops at them
            break
        place = tuple(_place(term) for term in key)  # type: ignore[arg-type]
        if place != last and run:
            yield run
            run = []
        run.append(key)
        last = place
    if run:
        yield run


def _place(term: ox.NamedNode | ox.Literal) -> tuple[str, object]:
    if isinstance(term, ox.Literal):
        if term.datatype.value in NUMERIC:
            return "number", float(term.value)
        return "text", term.value
    return "iri", term.value
