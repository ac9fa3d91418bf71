"""SHACL validation: a built graph conforms; a broken fact fails with a readable report."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from kg import api
from kg import namespace as ns
from kg.store import open_store
from kg.validate import store_graph, validate_graph

ARTICLE = ("---\nid: v\ndate: 2024-06-01\n---\n星澜科技发布了Lumen-2-Pro,输入价格为0.002元/千tokens,Lumen-2-Lite全面免费。"
           "星澜科技CEO陈思远表示,价格还会继续下降。\n")


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    tmp = tmp_path_factory.mktemp("validate")
    (tmp / "v.md").write_text(ARTICLE, "utf-8")
    api.build([tmp / "v.md"], store=tmp / "store")
    return store_graph(open_store(tmp / "store"))


def test_validate_built_graph_conforms(graph: Graph) -> None:
    report = validate_graph(graph)
    assert report.conforms, report.text


def test_validate_price_without_currency_fails_readably(graph: Graph) -> None:
    broken = Graph() + graph
    price = next(p for p in broken.subjects(RDF.type, ns.Price) if (p, ns.isFree, Literal(False)) in broken)
    broken.remove((price, ns.currency, None))
    report = validate_graph(broken)
    assert not report.conforms
    assert report.violations == 1
    assert "perMillionTokens and a currency" in report.text and str(price) in report.text


def test_validate_claim_without_speaker_and_relation_without_evidence(graph: Graph) -> None:
    broken = Graph() + graph
    claim = next(broken.subjects(RDF.type, ns.Claim))
    broken.remove((None, ns.argues, claim))
    ev = next(broken.subjects(ns.predicate, ns.released))
    broken.remove((ev, None, None))
    report = validate_graph(broken)
    assert not report.conforms
    assert "a claim has a speaker" in report.text
    assert "no evidence node" in report.text


def test_validate_evidence_names_an_article_or_the_catalogue_never_neither_nor_both(graph: Graph) -> None:
    catalogue_ev = next(graph.subjects(ns.fromCatalogue, None))
    article_ev = next(graph.subjects(ns.fromArticle, None))
    article = graph.value(article_ev, ns.fromArticle)
    sourceless, both = Graph() + graph, Graph() + graph
    sourceless.remove((catalogue_ev, ns.fromCatalogue, None))
    both.add((catalogue_ev, ns.fromArticle, article))
    for broken in (sourceless, both):
        report = validate_graph(broken)
        assert not report.conforms and str(catalogue_ev) in report.text


def test_validate_wikidata_links_must_be_item_iris_from_entities(graph: Graph) -> None:
    from rdflib import URIRef
    from rdflib.namespace import OWL

    linked = Graph() + graph
    org = next(linked.subjects(RDF.type, ns.Organization))
    linked.add((org, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q2283")))
    linked.add((org, ns.schemaSameAs, URIRef("http://www.wikidata.org/entity/Q2283")))
    assert validate_graph(linked).conforms
    for bad in (URIRef("https://www.wikidata.org/wiki/Q2283"), Literal("Q2283")):
        broken = Graph() + linked
        broken.add((org, OWL.sameAs, bad))
        report = validate_graph(broken)
        assert not report.conforms and "links to a Wikidata item" in report.text, bad
    price = next(graph.subjects(RDF.type, ns.Price))
    stray = Graph() + graph
    stray.add((price, ns.schemaSameAs, URIRef("http://www.wikidata.org/entity/Q2283")))
    assert not validate_graph(stray).conforms       # only entities are linked


def test_validate_cli_on_corpus(tmp_path: Path) -> None:
    import subprocess
    import sys

    store = tmp_path / "store"
    root = Path(__file__).resolve().parent.parent
    env_run = [sys.executable, "-m", "kg.cli", "--store", str(store)]
    assert subprocess.run([*env_run, "build", str(root / "corpus")], capture_output=True, cwd=root).returncode == 0
    r = subprocess.run([*env_run, "validate"], capture_output=True, text=True, cwd=root)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "conforms" in r.stdout


def test_validate_every_seed_fact_has_its_sentence(tmp_path: Path) -> None:
    """The README's evidence query answers for every released, worksFor, pricedAt and argues fact."""
    root = Path(__file__).resolve().parent.parent
    api.build([root / "corpus"], store=tmp_path / "store")
    st = open_store(tmp_path / "store")
    relation_facts = "SELECT ?s ?p ?o WHERE { VALUES ?p { kg:released kg:worksFor } ?s ?p ?o }"
    for row in st.query(relation_facts):
        ask = ("ASK { ?ev kg:subject ?s ; kg:predicate ?p ; kg:object ?o ; kg:sentence ?text ; kg:fromArticle ?a . "
               "FILTER (STRLEN(?text) > 0) }")
        assert st.query(ask, substitutions={ox.Variable(v): row[v] for v in ("s", "p", "o")}), row
    node_facts = "SELECT ?n WHERE { { ?m kg:pricedAt ?n } UNION { ?p kg:argues ?n } }"
    nodes = [row["n"] for row in st.query(node_facts)]
    assert len(nodes) > 10
    for n in nodes:
        ask = "ASK { ?n kg:evidence ?ev . ?ev kg:sentence ?text ; kg:startOffset ?s ; kg:endOffset ?e }"
        assert st.query(ask, substitutions={ox.Variable("n"): n}), n
