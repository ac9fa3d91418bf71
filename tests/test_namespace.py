"""Every term the code uses is declared in ontology/kg.ttl."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg import namespace as ns


def test_namespace_terms_are_declared_in_the_ontology() -> None:
    onto = Graph().parse(ns.ONTOLOGY_FILE)
    declared = {s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef)}
    used = {v for v in vars(ns).values() if isinstance(v, URIRef) and str(v).startswith(str(ns.KG))}
    assert used, "namespace module defines no terms"
    assert used <= declared, sorted(str(t) for t in used - declared)
    for cls in ("Organization", "Person", "Model", "Article", "Claim", "Price"):
        assert (ns.KG[cls], RDF.type, OWL.Class) in onto


def test_namespace_misspelt_term_is_not_declared() -> None:
    onto = Graph().parse(ns.ONTOLOGY_FILE)
    assert (ns.KG["relased"], None, None) not in onto
