"""The Chinese pipeline: ``spacy.blank("zh")`` with jieba's segmentation (jieba-rs, the same
algorithm and dictionary as the Python package, much faster), whose dictionary is extended with
every catalogue name so those names come out as one token; then two components:

* ``kg_sentences`` splits on Chinese and Western sentence ends (keeping a closing quote with its
  sentence) and on line breaks (headings, ``▍`` markers);
* one component per source of candidate mentions (``kg.entities.sources``, most trusted first:
  ``kg_catalogue_names``, ``kg_model_names``, ``kg_person_names``, ``kg_org_names``,
  ``kg_context_orgs``; word lists in ``kg/rules/zh/``), each adding to ``doc._.found``;
* ``kg_mentions`` chooses among them. Results go on ``doc._.mentions`` (``Mention`` records with
  character offsets), ``doc.spans["kg"]``, ``doc.spans["kg_candidates"]`` (every candidate) and
  ``doc._.families`` (the model families the article introduces).
"""

from __future__ import annotations

import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..docext import doc_text, set_mentions
from ..entities.finder import choose
from ..entities.sources import SOURCES, Found, patterns
from ..entities.words import HAN, segmenter
from ..text.sentences import mark_sentence_starts

# ------------------------------------------------------------------ sentences

# a closing quote, bracket or bold marker (“…？**”) stays with its sentence (the lookahead first: the
# places no sentence ends at are passed over without trying each branch)
SENT_END = re.compile(r"(?=[。！？!?…\n])(?:[。！？!?…]+[”’」』\"')）*]*|\n+|(?<=[" + HAN + r"])\?)")


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


# ------------------------------------------------------------------ entities

class SourceComponent:
    """One source of candidate mentions (``kg.entities.sources``): adds its candidates to what the
    sources before it left on ``doc._.found``."""

    def __init__(self, source: str) -> None:
        self.source = SOURCES[source]

    def __call__(self, doc: Doc) -> Doc:
        if doc._.found is None:
            doc._.found = Found(doc_text(doc))
        doc._.found.candidates += self.source(patterns(), doc._.found)
        return doc


def make_source(nlp: Language, name: str, source: str) -> SourceComponent:
    return SourceComponent(source)


for _name in SOURCES:
    Language.factory(_name, default_config={"source": _name}, func=make_source)


class ChooserComponent:
    """The choice among the candidates (``kg.entities.finder.choose``): the mentions go on
    ``doc._.mentions`` and ``doc.spans["kg"]``, every candidate on ``doc.spans[candidates_key]``."""

    def __init__(self, candidates_key: str) -> None:
        self.candidates_key = candidates_key

    def __call__(self, doc: Doc) -> Doc:
        found = doc._.found or Found(doc_text(doc))
        chosen = choose(found)
        set_mentions(doc, chosen.mentions)
        doc._.families = chosen.families
        spans = (doc.char_span(c.start, c.end, label=c.type, alignment_mode="expand") for c in found.candidates)
        doc.spans[self.candidates_key] = [sp for sp in spans if sp is not None]
        doc._.found = None
        return doc


@Language.factory("kg_mentions", default_config={"candidates_key": "kg_candidates"})
def make_chooser(nlp: Language, name: str, candidates_key: str) -> ChooserComponent:
    return ChooserComponent(candidates_key)


def make_nlp() -> Language:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.jieba_rs"}}})
    nlp.add_pipe("kg_sentences")
    for source in SOURCES:          # in order of trust
        nlp.add_pipe(source)
    nlp.add_pipe("kg_mentions")
    return nlp
