"""Reading a SPARQL text before it runs: SERVICE found however it is written, forms, readable errors."""

from __future__ import annotations

import contextlib

import pyoxigraph as ox
import pytest

from kg.namespace import PREFIXES
from kg.sparql_text import (
    code_only,
    names_graphs,
    query_form,
    syntax_message,
    uses_service,
    with_values,
    with_values_last,
)
from tests.listener import Listener

# Ways to write a federated query that pyoxigraph parses (checked below), each must be found.
SERVICE_SPELLINGS = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }",
    "select * where { sErViCe silent <http://127.0.0.1:1/x> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o .SERVICE<http://127.0.0.1:1/x>{?a ?b ?c} }",
    "SELECT * WHERE { ?s ?p ?o FILTER(1<2)SERVICE<http://127.0.0.1:1/x>{?a ?b ?c} }",
    "PREFIX : <http://127.0.0.1:1/> SELECT * WHERE { SERVICE:x { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o != '''it's # not \" the end''') SERVICE <http://127.0.0.1:1/x> { ?a ?b ?c } }",
    "SELECT * WHERE {\n# a comment\nSERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("query", SERVICE_SPELLINGS)
def test_sparql_text_uses_service_finds_every_spelling(query: str) -> None:
    store = ox.Store()                  # one triple, so the patterns before a SERVICE have a solution
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o")))
    with Listener() as listener:        # the spelling is real: the engine does call out
        with contextlib.suppress(OSError):
            list(store.query(query.replace("127.0.0.1:1", f"127.0.0.1:{listener.port}")))
    assert listener.received
    assert uses_service(query)


def test_sparql_text_uses_service_sees_through_codepoint_escapes() -> None:
    assert uses_service("SELECT * WHERE { SERVIC\\u0045 <http://127.0.0.1:1/x> { ?s ?p ?o } }")
    assert uses_service("SELECT * WHERE { \\U00000053ERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }")


def test_sparql_text_quote_inside_a_name_cannot_hide_service() -> None:
    # ex:a\'b is one prefixed name: its quote opens no string that could swallow the SERVICE
    assert uses_service("SELECT * { ?s ex:a\\'b ?o . SERVICE <http://h/> {} ?s ex:c\\' ?o }")


@pytest.mark.parametrize("query", [
    'SELECT ?service WHERE { ?service rdfs:label "SERVICE" } # SERVICE in a comment',
    "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
    "SELECT * WHERE { ?s kg:SERVICE ?o . ?s ?p $service }",
])
def test_sparql_text_service_in_names_and_strings_is_no_service(query: str) -> None:
    assert not uses_service(query)


def test_sparql_text_code_only_keeps_positions_and_prefixes() -> None:
    q = 'SELECT ?x WHERE { ?x kg:p "a b" }'
    code = code_only(q)
    assert len(code) == len(q)
    assert code.split() == ["SELECT", "WHERE", "{", "kg", "}"]


@pytest.mark.parametrize(("query", "form"), [
    ("PREFIX a: <http://x/select> ASK { ?s ?p ?o }", "ASK"),
    ("# SELECT in a comment\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("INSERT DATA { <a> <b> <c> }", "UPDATE"),
    ("delete where { ?s ?p ?o }", "UPDATE"),
    ("SELEC ?x WHERE { ?x ?p ?o }", ""),
])
def test_sparql_text_query_form(query: str, form: str) -> None:
    assert query_form(query) == form


def test_sparql_text_names_graphs_ignores_strings() -> None:
    assert names_graphs("SELECT * FROM <http://g> WHERE { ?s ?p ?o }")
    assert not names_graphs('SELECT * WHERE { ?s ?p "GRAPH FROM" }')


def engine_error(query: str) -> str:
    with pytest.raises(SyntaxError) as exc:
        ox.Store().query(query, prefixes=PREFIXES)
    return str(exc.value)


@pytest.mark.parametrize(("query", "message"), [
    ("SELEC ?x WHERE { ?x ?p ?o }", "expected SELECT, CONSTRUCT, ASK or DESCRIBE at line 1, column 1"),
    ("PREFIX a: <http://x/>\n  SELEC ?x WHERE { ?x ?p ?o }",
     "expected SELECT, CONSTRUCT, ASK or DESCRIBE at line 2, column 3"),
    ("SELECT ?x WHERE { ?x nosuch:p ?o }", "unknown prefix 'nosuch:' at line 1, column 22"),
    ("SELECT ?x WHERE { ?x ?p ?o } ORDER ?x", "syntax error at line 1, column 38, at the end of the query; expected BY"),
])
def test_sparql_text_syntax_message_reads_like_an_error(query: str, message: str) -> None:
    assert syntax_message(query, engine_error(query), set(PREFIXES)) == message


def test_sparql_text_syntax_message_lists_no_character_ranges() -> None:
    query = "SELECT ?x WHERE { ?x ?p ?o"
    message = syntax_message(query, engine_error(query), set(PREFIXES))
    assert message.startswith("syntax error at line 1, column ")
    assert "at the end of the query; expected " in message
    assert "'}'" in message and "\\u" not in message and "FFFD" not in message


def test_sparql_text_with_values_last_puts_the_block_last_with_the_same_answers() -> None:
    """The block goes at the end of the WHERE clause (after a nested group and a brace inside a string), and
    a variable bound by a pattern or read only by a FILTER gives the answers the block first gives."""
    store = ox.Store()
    for s, o in (("a", "x"), ("b", "y}"), ("c", "z")):
        store.add(ox.Quad(ox.NamedNode(f"http://e/{s}"), ox.NamedNode("http://e/p"), ox.Literal(o)))
    query = ('SELECT ?s ?o WHERE { ?s <http://e/p> ?o { ?s ?q ?o } FILTER (?o != "}" && (!BOUND(?k) || ?o != ?k)) }'
             " ORDER BY ?s")
    rows = [['"x"', '"q"'], ['"y}"', '"y}"'], ['"z"', '"z"']]
    last = with_values_last(query, ["o", "k"], rows)
    assert last is not None
    assert last.index("VALUES") > last.index("FILTER") and last.rstrip().endswith("ORDER BY ?s")
    first = with_values(query, ["o", "k"], rows)
    assert first is not None

    def answers(text: str) -> list[tuple[str, str]]:
        return [(sol["s"].value, sol["o"].value) for sol in store.query(text)]  # type: ignore[union-attr]
    assert answers(last) == answers(first) == [("http://e/a", "x")]
