"""Entity pages: ``GET /id/…`` on a real ``kg serve``, by Accept, and their agreement with ``kg view --focus``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from bs4 import BeautifulSoup
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from kg import namespace as ns
from kg.entity_page import entity_page, iri_for_path
from kg.graph import to_networkx
from kg.store import open_store
from kg.view import subgraph
from tests.kgserve import kg_serve
from tests.weekly import build_weekly_store

MICROSOFT = "https://w3id.org/aikg/id/organization/microsoft"
WIKIDATA_MICROSOFT = URIRef("http://www.wikidata.org/entity/Q2283")
SCHEMA_SAME_AS = URIRef("https://schema.org/sameAs")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_weekly_store(tmp_path_factory.mktemp("entity"))


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[str]:
    with kg_serve(store, "--workers", "1") as base:
        yield base


def test_entity_page_catalogue_organisation_by_accept(server: str) -> None:
    url = server + "/id/organization/microsoft"
    page = httpx.get(url, headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["vary"] == "Accept"
    soup = BeautifulSoup(page.text, "html.parser")
    assert soup.h1 is not None and "微软" in soup.h1.get_text() and "Organization" in soup.h1.get_text()
    names = {row.find_all("td")[0].get_text(): row.find_all("td")[1].get_text()
             for row in soup.select("#names tr") if row.find_all("td")}
    assert names == {"en": "Microsoft", "zh": "微软"}
    assert [a["href"] for a in soup.select("#same-as a")] == [str(WIKIDATA_MICROSOFT)]

    for accept, fmt in (("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                        ("application/ld+json;q=0.9, text/html;q=0.1", "json-ld")):
        r = httpx.get(url, headers={"Accept": accept})
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept.split(";")[0]), accept
        g = Graph().parse(data=r.text, format=fmt)
        me = URIRef(MICROSOFT)
        assert (me, OWL.sameAs, WIKIDATA_MICROSOFT) in g and (me, SCHEMA_SAME_AS, WIKIDATA_MICROSOFT) in g
        assert (me, RDF.type, ns.Organization) in g
        assert Literal("微软", lang="zh") in set(g.objects(me, None))
    # a browser link can ask by name instead of by header
    assert Graph().parse(data=httpx.get(url + "?format=ttl").text, format="turtle").value(
        URIRef(MICROSOFT), OWL.sameAs) == WIKIDATA_MICROSOFT


def test_entity_page_unknown_entity_404_and_unsupported_type_406(server: str) -> None:
    assert httpx.get(server + "/id/organization/no-such-company").status_code == 404
    assert httpx.get(server + "/id/claim/whatever").status_code == 404
    assert httpx.get(server + "/id/organization/").status_code == 404
    r = httpx.get(server + "/id/organization/microsoft", headers={"Accept": "image/png"})
    assert r.status_code == 406 and "text/turtle" in r.text


def test_entity_page_shows_facts_evidence_related_entities_and_a_price_table(server: str) -> None:
    r = httpx.get(server + "/id/model/deepseekv2")
    soup = BeautifulSoup(r.text, "html.parser")
    related = {a.get_text(): a["href"] for a in soup.select("#relations a")}
    assert related["DeepSeek"] == "/id/organization/deepseek"
    assert httpx.get(server + related["DeepSeek"]).status_code == 200      # the link leads to a page
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in soup.select("#prices tr") if tr.find_all("td")]
    assert [(row[0], row[1]) for row in rows] == [("2024-06-03", "2 CNY / 1M tokens"),
                                                  ("2024-06-12", "1 CNY / 1M tokens")]
    facts = soup.select("#facts li.fact")
    assert any("price change -50%" in f.get_text() and "降幅50%" in f.get_text() for f in facts)
    # an article title with markup is shown as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text and "<script>" not in r.text
    # a person named in Chinese, asked for percent-encoded (as the IRI spells it) or not
    person = quote("傅盛", safe="")
    assert httpx.get(f"{server}/id/person/{person}").status_code == 200
    assert "猎豹移动" in httpx.get(f"{server}/id/person/傅盛").text


@pytest.mark.parametrize("iri", [MICROSOFT, "https://w3id.org/aikg/id/organization/deepseek",
                                 "https://w3id.org/aikg/id/model/hunyuan-lite",
                                 "https://w3id.org/aikg/id/person/jia-yangqing"])
def test_entity_page_agrees_with_view_focus(store: Path, iri: str) -> None:
    st = open_store(store)
    page = entity_page(st, iri)
    assert page is not None
    focused = subgraph(to_networkx(st), focus=iri, depth=1)
    assert focused.graph["focus"] == [iri]
    node = focused.nodes[iri]
    assert page.label == node["label"] and page.type == node["type"]
    assert {(f.text, f.evidence[0].sentence) for f in page.facts} == {(f["fact"], f["sentence"]) for f in node["facts"]}
    assert {other for other, _ in page.related} == set(focused) - {iri}
    edges = {(s, key, o) for s, o, key in focused.edges(keys=True)}
    assert {(f.other, f.kind, iri) if f.incoming else (iri, f.kind, f.other) for f in page.relations} == edges
    for f in page.relations:
        data = focused.edges[(f.other, iri, f.kind) if f.incoming else (iri, f.other, f.kind)]
        assert {e.sentence for e in f.evidence} == {e["sentence"] for e in data["evidence"]}


def test_entity_page_paths_map_to_the_iris_the_graph_mints() -> None:
    assert iri_for_path("/id/person/%e8%b4%be%e6%89%ac%e6%b8%85") == f"{ns.ID}person/%E8%B4%BE%E6%89%AC%E6%B8%85"
    assert iri_for_path("/id/organization/deepseek") == f"{ns.ID}organization/deepseek"
    for bad in ("/id/evidence/x/y", "/id/organization/a/b", "/id/organization/%0A", "/etc/passwd", "/id/model/",
                "/id/person/%FF%FE"):
        assert iri_for_path(bad) is None, bad
