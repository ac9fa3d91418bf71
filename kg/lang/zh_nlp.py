"""The Chinese pipeline: ``spacy.blank("zh")`` with jieba's segmentation (jieba-rs, the same
algorithm and dictionary as the Python package, much faster), whose dictionary is extended with
every catalogue name so those names come out as one token; then two components:

* ``kg_sentences`` splits on Chinese and Western sentence ends (keeping a closing quote with its
  sentence) and on line breaks (headings, ``▍`` markers);
* ``kg_entities`` finds mentions with ``kg.entities`` (most trusted first: catalogue names, then
  patterns for new model, person and organisation names; word lists in ``kg/rules/zh/``). Results
  go on ``doc._.mentions`` (``Mention`` records with character offsets), ``doc.spans["kg"]`` and
  ``doc._.families`` (the model families the article introduces).
"""

from __future__ import annotations

import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..catalogue import load_catalogue
from ..docext import MentionsComponent, doc_text
from ..entities.finder import EntityFinder
from ..entities.words import HAN, segmenter
from ..text.sentences import mark_sentence_starts

# ------------------------------------------------------------------ sentences

SENT_END = re.compile(r"[。！？!?…]+[”’」』\"')）]*|\n+|(?<=[" + HAN + r"])\?")


@Language.component("kg_sentences")
def kg_sentences(doc: Doc) -> Doc:
    """Mark sentence starts after 。！？!? (with any closing quotes) and at line breaks."""
    return mark_sentence_starts(doc, (m.end() for m in SENT_END.finditer(doc_text(doc))))


# ------------------------------------------------------------------ tokenizer

class JiebaTokenizer:
    """A spaCy tokenizer over ``segmenter()`` (what ``spacy.lang.zh`` does with Python jieba)."""

    def __init__(self, vocab) -> None:  # noqa: ANN001
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces([w for w in segmenter().cut(text) if w], text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc._.source_text = text
        return doc


def words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """``spacy.util.get_words_and_spaces`` (what spaCy's Chinese tokenizer calls), the same result
    without its copy of the rest of the text for every word, which grows with the square of the
    article's length (5% of the pipeline on a 3,000-character article)."""
    if "".join("".join(words).split()) != "".join(text.split()):
        raise ValueError(f"the words do not spell the text: {text[:40]!r}")
    out_words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for word in words:
        if word.isspace():
            continue
        start = text.index(word, pos)
        if start > pos:                     # whitespace the space flags cannot hold is a token
            out_words.append(text[pos:start])
            spaces.append(False)
            pos = start
        out_words.append(word)
        pos += len(word)
        has_space = pos < len(text) and text[pos] == " "
        spaces.append(has_space)
        pos += has_space
    if pos < len(text):
        out_words.append(text[pos:])
        spaces.append(False)
    return out_words, spaces


@spacy.registry.tokenizers("kg.jieba_rs")
def create_jieba_tokenizer():  # noqa: ANN201
    return lambda nlp: JiebaTokenizer(nlp.vocab)


@Language.factory("kg_entities")
def make_entity_finder(nlp: Language, name: str) -> MentionsComponent:
    return MentionsComponent(EntityFinder(load_catalogue()))


def make_nlp() -> Language:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.jieba_rs"}}})
    nlp.add_pipe("kg_sentences")
    nlp.add_pipe("kg_entities")
    return nlp
