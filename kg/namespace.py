"""The one place code takes ontology terms from.

Every term here must be declared in ``ontology/kg.ttl``; a test checks it, so a
misspelt term fails the suite instead of silently minting a new IRI.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "kg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
CATALOGUE_FILE = ONTOLOGY_DIR / "catalogue.yaml"
ALIASES_FILE = ONTOLOGY_DIR / "aliases.yaml"

BASE = "https://w3id.org/aikg/"
KG = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")          # entities, claims, prices, evidence
GRAPH = Namespace(BASE + "graph/")    # one named graph per article, plus the catalogue

# Links to the web of data: catalogue entities carry their Wikidata items (owl:sameAs and schema:sameAs)
SCHEMA = Namespace("https://schema.org/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
sameAs = OWL.sameAs
schemaSameAs = SCHEMA.sameAs

CATALOGUE_GRAPH = GRAPH["catalogue"]
# The store's merged default graph (every triple once) under a name of its own on a team server:
# outside graph/, so no article id can claim it
MERGED_GRAPH = URIRef(BASE + "merged")

# Classes
Organization = KG.Organization
Person = KG.Person
Model = KG.Model
Article = KG.Article
Claim = KG.Claim
Price = KG.Price
PriceChange = KG.PriceChange
Evidence = KG.Evidence

# Entity relations
released = KG.released
subsidiaryOf = KG.subsidiaryOf
worksFor = KG.worksFor
formerlyWorkedFor = KG.formerlyWorkedFor
pricedAt = KG.pricedAt
priceChange = KG.priceChange
argues = KG.argues
mentionedIn = KG.mentionedIn
# the facts `kg stats` counts, in the order it prints them
FACT_PROPERTIES = (released, subsidiaryOf, worksFor, formerlyWorkedFor, pricedAt, priceChange, argues)

# Price node
perMillionTokens = KG.perMillionTokens
currency = KG.currency
isFree = KG.isFree
amount = KG.amount
unitTokens = KG.unitTokens
tokenKind = KG.tokenKind
cacheStatus = KG.cacheStatus
validFrom = KG.validFrom
validUntil = KG.validUntil

# Price change, claim
changePercent = KG.changePercent
date = KG.date
text = KG.text

# Facts carried on reified statements (roles) and evidence
role = KG.role
evidence = KG.evidence
fromArticle = KG.fromArticle
fromCatalogue = KG.fromCatalogue
sentence = KG.sentence
startOffset = KG.startOffset
endOffset = KG.endOffset
rule = KG.rule
subject = KG.subject
object = KG.object
predicate = KG.predicate

# The writer's summary of one relation's evidence (kg.layout)
Fact = KG.Fact
fact = KG.fact
relation = KG.relation
relatedTo = KG.relatedTo
givenRole = KG.givenRole
givenDate = KG.givenDate
PricePoint = KG.PricePoint
pricePoint = KG.pricePoint
reportedBy = KG.reportedBy
reportedIn = KG.reportedIn
ChangePoint = KG.ChangePoint
changePoint = KG.changePoint
ClaimPoint = KG.ClaimPoint
claimPoint = KG.claimPoint
sources = KG.sources
firstReported = KG.firstReported
lastReported = KG.lastReported
periodFrom = KG.periodFrom
periodUntil = KG.periodUntil

# Article metadata
title = KG.title
source = KG.source
url = KG.url
lang = KG.lang
published = KG.published
contentHash = KG.contentHash
articleId = KG.articleId

ENTITY_CLASSES = {"Organization": Organization, "Person": Person, "Model": Model}


def entity_class(name: str) -> str:
    """The entity class called ``name`` in any case ("person", "PERSON" → "Person"): the one way every
    command (``--type``) names a class. An unknown name is an error listing the classes (E042)."""
    from .errors import Errors, KGError

    wanted = name.strip().casefold()
    for cls in ENTITY_CLASSES:
        if cls.casefold() == wanted:
            return cls
    raise KGError(Errors.E042, name=name, choices=", ".join(ENTITY_CLASSES))

PREFIXES = {
    "kg": str(KG),
    "id": str(ID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "xsd": str(XSD),
}


def sparql_prologue() -> str:
    """PREFIX lines for every prefix the ontology pre-binds in queries."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
