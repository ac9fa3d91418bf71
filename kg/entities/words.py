"""Chinese words: jieba's segmentation (jieba-rs) with every catalogue name as one word, how common
a word is, and whether a string reads as a new proper name."""

from __future__ import annotations

import re
from functools import lru_cache

from ..catalogue import load_catalogue
from ..lang.zh import lexicon
from ..rules import rules_path
from .rules import char_class, entity_rules, in_order

HAN = r"\u4e00-\u9fff"
CATALOGUE_WORD_FREQ = 200000      # high enough that a catalogue name always comes out as one word


def looks_like_new_name(s: str, strict: bool = True) -> bool:
    """A Chinese string that reads as an unknown proper name, not a phrase.

    Never a modifier or time word first, never a whole dictionary word or idiom (正面交锋). Strict:
    no common word anywhere (深蓝觅境, not 长文本); otherwise only the first word must be rare, as in
    names like 青鸟声学 or 蓝鲸数据 (a rare word + a common one), used where the context is strong.
    """
    time_phrase, verb_phrase = _phrase_patterns()
    if s[:1] in entity_rules().not_name_first_chars or time_phrase.search(s):
        return False
    if verb_phrase.search(s):
        return False        # a verb phrase (公司刚发布的…), not a name
    if common_word(s, 1) or s in NOT_NAME_WORDS():
        return False
    words = [w for w in jieba_cut(s)]
    if words and words[0] in NOT_NAME_WORDS():
        return False
    if strict:
        return not any(len(w) > 1 and common_word(w, 300) for w in words)
    return not (len(words[0]) > 1 and common_word(words[0], 300))


@lru_cache(maxsize=1)
def _phrase_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    rules = entity_rules()
    return re.compile(rules.time_phrase_pattern), re.compile(in_order(rules.verb_phrase_words))


@lru_cache(maxsize=1)
def NOT_NAME_WORDS() -> frozenset[str]:  # noqa: N802
    return frozenset(lexicon().not_name_words)


def jieba_cut(s: str) -> list[str]:
    """Dictionary words of a short string (no guessing of unknown words: they split into characters)."""
    return segmenter().cut(s, hmm=False)


def common_word(s: str, min_freq: int = 2000) -> bool:
    """Whether jieba's dictionary knows ``s`` as a common word (评论, 负责, 表示).

    ``min_freq=1`` asks whether it is a dictionary word at all; higher thresholds read the
    frequencies of the common words (kg/rules/word_freq.tsv, taken from jieba's dictionary).
    """
    if len(s) < 2:
        return False
    if min_freq <= 1:
        return segmenter().has_word(s)
    return word_freq().get(s, 0) >= min_freq


def drop_leading_common(words: list[str], min_freq: int = 300) -> list[str]:
    """Drop common words and function characters from the front, keeping at least one word
    (推出天穹 → 天穹, 统筹玄鉴 → 玄鉴)."""
    leading = leading_chars()
    while len(words) > 1 and (common_word(words[0], min_freq) or words[0] in leading):
        words.pop(0)
    return words


@lru_cache(maxsize=1)
def leading_chars() -> frozenset[str]:
    """Single characters that are function words, never a name's start (see entities.yaml)."""
    return frozenset(entity_rules().leading_chars)


def has_han(s: str) -> bool:
    return _HAN_RE.search(s) is not None


_HAN_RE = re.compile(f"[{HAN}]")


@lru_cache(maxsize=1)
def word_freq() -> dict[str, int]:
    """Frequencies of jieba's common words (≥ 200), plus the catalogue's names (as jieba's own count)."""
    freq = {}
    for line in rules_path("zh", "word_freq", ".tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, n = line.split("\t")
            freq[word] = int(n)
    freq.update((name, CATALOGUE_WORD_FREQ) for name in catalogue_words())
    return freq


def catalogue_words() -> list[str]:
    return [name for name, _entry in load_catalogue().names() if has_han(name)]


@lru_cache(maxsize=1)
def segmenter():  # noqa: ANN201  (rjieba.Jieba)
    """jieba's algorithm and dictionary in Rust (jieba-rs): the same Chinese words as the Python
    package at ~50× the speed and a third of its start-up; every catalogue name is one word."""
    import rjieba

    seg = rjieba.Jieba()
    for name in catalogue_words():
        seg.add_word(name, CATALOGUE_WORD_FREQ, None)
    return seg


__all__ = ["HAN", "char_class", "common_word", "drop_leading_common", "has_han", "jieba_cut", "leading_chars",
           "looks_like_new_name", "segmenter", "word_freq"]
