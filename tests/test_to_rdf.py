"""to_rdf writes N-Triples text itself: it must be exactly what an RDF library writes and reads back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyoxigraph as ox
from hypothesis import given
from hypothesis import strategies as st

from kg.to_rdf import L, T, lit


@given(st.text())
def test_to_rdf_literal_text_is_pyoxigraphs(text: str) -> None:
    """Any text (quotes, backslashes, control characters, CJK, astral planes) is escaped as
    pyoxigraph escapes it, and parses back to the same string."""
    assert lit(text) == str(L(text))
    [triple] = ox.parse(T("https://e/s", "https://e/p", lit(text)).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    assert triple.object.value == text


def test_to_rdf_typed_literals_are_pyoxigraphs() -> None:
    for value in (0, -3, True, False, Decimal("12.50"), 0.3, Decimal("1E+3"), dt.date(2024, 5, 22)):
        assert lit(value) == str(L(value))


def test_to_rdf_objects_are_iris_or_literals() -> None:
    assert T("https://e/s", "https://e/p", "https://e/o") == "<https://e/s> <https://e/p> <https://e/o> .\n"
    assert T("https://e/s", "https://e/p", lit("x")) == '<https://e/s> <https://e/p> "x" .\n'


def test_to_rdf_names_carry_language_tags_by_script() -> None:
    from kg.catalogue import load_catalogue
    from kg.to_rdf import catalogue_triples, name_lit

    assert name_lit("阿里巴巴") == '"阿里巴巴"@zh' and name_lit("Alibaba") == '"Alibaba"@en'
    assert name_lit('DeepSeek "V2"') == '"DeepSeek \\"V2\\""@en'
    lines = catalogue_triples(load_catalogue())
    alibaba = [x for x in lines if "/organization/alibaba>" in x]
    pref = [x for x in alibaba if "prefLabel" in x]
    assert len(pref) == 2 and any('"阿里巴巴"@zh' in x for x in pref) and any('"Alibaba"@en' in x for x in pref)
    assert any("rdf-schema#label" in x and '"阿里巴巴"@zh' in x for x in alibaba)


def test_to_rdf_catalogue_parent_is_a_fact_whose_evidence_is_the_catalogue() -> None:
    from rdflib import Graph, URIRef

    from kg import namespace as ns
    from kg.catalogue import Catalogue, Entry
    from kg.to_rdf import catalogue_triples, entity_iri, serialize

    cat = Catalogue({"acme": Entry("acme", "Organization", ("Acme",)),
                     "acme-cloud": Entry("acme-cloud", "Organization", ("Acme Cloud",), parent="acme"),
                     "solo": Entry("solo", "Organization", ("Solo",), parent="not-in-catalogue")}, {})
    g = Graph().parse(data=serialize(catalogue_triples(cat)), format="nt")
    child, parent = entity_iri("Organization/acme-cloud"), entity_iri("Organization/acme")
    assert set(g.triples((None, ns.subsidiaryOf, None))) == {(child, ns.subsidiaryOf, parent)}
    (ev,) = g.subjects(ns.predicate, ns.subsidiaryOf)
    assert (ev, ns.subject, child) in g and (ev, ns.object, parent) in g
    assert g.value(ev, ns.fromCatalogue) == URIRef(str(ns.CATALOGUE_GRAPH))
    assert g.value(ev, ns.fromArticle) is None and g.value(ev, ns.sentence) is None
