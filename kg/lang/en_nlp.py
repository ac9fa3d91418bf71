"""The English pipeline: ``spacy.blank("en")`` (spaCy's rule-based English tokenizer), sentences
from punctuation, and ``kg_entities_en``, which finds mentions with ``kg.entities.en`` (catalogue
names first, then patterns for new organisation, person and model names; word lists in
``kg/rules/en/``). The same things land on the ``Doc`` as in the Chinese pipeline.

No statistical model: a trained English pipeline (en_core_web_sm) tags and parses at a few
thousand words a second, far below the build's speed target, and its NER does not know model
names; see README ("English") for the comparison.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..catalogue import load_catalogue
from ..docext import doc_text, set_mentions
from ..entities.en import EnglishEntityFinder


@Language.factory("kg_entities_en")
def make_entity_finder(nlp: Language, name: str) -> EnglishEntitiesComponent:
    return EnglishEntitiesComponent(EnglishEntityFinder(load_catalogue()))


class EnglishEntitiesComponent:
    """Puts the finder's mentions on ``doc._.mentions`` and ``doc.spans["kg"]``."""

    def __init__(self, finder: EnglishEntityFinder) -> None:
        self.finder = finder

    def __call__(self, doc: Doc) -> Doc:
        found = self.finder.find(doc_text(doc))
        set_mentions(doc, found.mentions)
        doc._.families = dict(found.families)
        return doc


def make_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "\n"]})
    nlp.add_pipe("kg_entities_en")
    return nlp
