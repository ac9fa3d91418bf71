"""The English pipeline: ``spacy.blank("en")`` (spaCy's rule-based English tokenizer), sentences
(``en_sentences``: full stops that are no abbreviation's, line breaks), and ``kg_entities_en``,
which finds mentions with ``kg.entities.en`` (catalogue names first, then patterns for new
organisation, person and model names; word lists in ``kg/rules/en/``). The same things land on
the ``Doc`` as in the Chinese pipeline.

No statistical model: a trained English pipeline (en_core_web_sm) tags and parses at a few
thousand words a second, far below the build's speed target, and its NER does not know model
names; see README ("English") for the comparison.
"""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..catalogue import load_catalogue
from ..docext import MentionsComponent, doc_text
from ..entities.en import EnglishEntityFinder
from ..text.patterns import alternation
from ..text.sentences import mark_sentence_starts
from .en import lexicon


@cache
def sentence_end() -> re.Pattern[str]:
    """Where an English sentence ends: after . ! ? (and closing quotes or brackets) before a space,
    unless the full stop is an abbreviation's (Mr., U.S., Jan.); and at line breaks."""
    abbreviations = alternation(a[:-1] for a in lexicon().abbreviations if a.endswith("."))
    return re.compile(rf"(?<![A-Za-z.])(?!(?:{abbreviations})\.)[A-Za-z0-9%)\]]*[.!?]+[\"'”’)\]]*(?=\s)|\n+")


@Language.component("en_sentences")
def en_sentences(doc: Doc) -> Doc:
    return mark_sentence_starts(doc, (m.end() for m in sentence_end().finditer(doc_text(doc))))


@Language.factory("kg_entities_en")
def make_entity_finder(nlp: Language, name: str) -> MentionsComponent:
    return MentionsComponent(EnglishEntityFinder(load_catalogue()))


def make_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("en_sentences")
    nlp.add_pipe("kg_entities_en")
    return nlp
