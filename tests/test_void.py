"""The dataset description (VoID / DCAT): served at /.well-known/void, in kg export, counts as kg stats."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from rdflib import Dataset, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

from kg import api
from kg import namespace as ns
from kg.void import DATASET, VOID_GRAPH
from tests.kgserve import kg_serve
from tests.weekly import SEED

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
ME = URIRef(DATASET)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("void") / "store"
    assert api.build([SEED], store=path, jobs=1).ok
    return path


def assert_counts_match_stats(g: Graph, stats: dict) -> None:
    assert int(g.value(ME, VOID.triples)) == stats["quads"]
    assert int(g.value(ME, VOID.documents)) == stats["articles"]
    assert int(g.value(ME, VOID.entities)) == sum(stats["entities"].values())
    classes = {str(g.value(p, VOID["class"])).rsplit("#", 1)[-1]: int(g.value(p, VOID.entities))
               for p in g.objects(ME, VOID.classPartition)}
    assert classes == stats["entities"]
    props = {str(g.value(p, VOID.property)).rsplit("#", 1)[-1]: int(g.value(p, VOID.triples))
             for p in g.objects(ME, VOID.propertyPartition)}
    assert props == stats["facts"]


def test_void_served_parses_and_its_counts_match_kg_stats(store: Path) -> None:
    stats = api.stats(store=store)
    with kg_serve(store, "--workers", "1") as base:
        r = httpx.get(base + "/.well-known/void")
        as_jsonld = httpx.get(base + "/.well-known/void", headers={"Accept": "application/ld+json"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    assert (ME, RDF.type, VOID.Dataset) in g and (ME, RDF.type, DCAT.Dataset) in g
    assert_counts_match_stats(g, stats)
    assert g.value(ME, VOID.sparqlEndpoint) == URIRef(base + "/sparql")
    assert g.value(ME, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert {t.language for t in g.objects(ME, DCTERMS.title)} == {"en", "zh"}
    examples = set(g.objects(ME, VOID.exampleResource))
    assert examples and all(str(e).startswith(str(ns.ID)) for e in examples)
    linkset = g.value(ME, VOID.subset)
    assert g.value(linkset, VOID.linkPredicate) == URIRef("http://www.w3.org/2002/07/owl#sameAs")
    assert int(g.value(linkset, VOID.triples)) >= 1
    assert len(Graph().parse(data=as_jsonld.text, format="json-ld")) == len(g)


def test_void_travels_with_kg_export_in_a_graph_of_its_own(store: Path, tmp_path: Path) -> None:
    stats = api.stats(store=store)
    ds = Dataset()
    ds.parse(data=api.export("nq", store=store), format="nquads")
    void = ds.graph(URIRef(VOID_GRAPH))
    assert_counts_match_stats(void, stats)
    assert void.value(ME, VOID.sparqlEndpoint) is None      # a dump knows no server
    # the description is not counted in itself: the other graphs hold exactly the statements kg stats counts
    assert sum(1 for q in ds.quads() if q[3] != void.identifier) == stats["quads"]
    ttl = Graph().parse(data=api.export("ttl", store=store), format="turtle")
    assert (ME, RDF.type, VOID.Dataset) in ttl
    assert api.export("nq", store=store) == api.export("nq", store=store)      # no clock in it
