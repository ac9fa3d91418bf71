"""Sentence starts on a spaCy ``Doc`` from character offsets where sentences end, for every language."""

from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.tokens import Doc


def mark_sentence_starts(doc: Doc, ends: Iterable[int]) -> Doc:
    """A token starts a sentence when a sentence end lies after the previous token's start and at
    or before its own start; whitespace tokens never start one (they stay with the sentence before)."""
    if not len(doc):
        return doc
    bounds = numpy.array(sorted(set(ends)), dtype="int64")
    cols = doc.to_array([IDX, IS_SPACE]).astype("int64")
    idx, space = cols[:, 0], cols[:, 1]
    # whole-array arithmetic: token-by-token setters re-check the doc each time
    k = numpy.searchsorted(bounds, idx[:-1], side="right")
    nxt = numpy.append(bounds, numpy.iinfo("int64").max)[k]
    starts = numpy.ones(len(doc), dtype="int64")
    starts[1:] = numpy.where((nxt <= idx[1:]) & (space[1:] == 0), 1, -1)
    doc.from_array([SENT_START], starts.reshape(-1, 1).astype("uint64"))  # type: ignore[arg-type]
    return doc
