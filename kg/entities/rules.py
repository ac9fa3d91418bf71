"""The entity finder's word lists: ``kg/rules/zh/entities.yaml`` through a typed schema.

Lists marked "in this order" in the file are optional prefixes a pattern tries word by word, so
they are joined in the order written (``in_order``); the others become alternations, longest
first (``kg.text.patterns.alternation``). Strings of characters are used as character classes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..lang.zh import LANG
from ..rules import load_rules


@dataclass(frozen=True)
class ContextCue:
    """What follows a name that its context makes an organisation, and the words a text needs
    for the cue to be tried at all (a lazy name tried at every position is not free)."""

    pattern: str
    needs: tuple[str, ...]                          # all of them in the text
    needs_any: tuple[str, ...] = field(default=())  # and one of these, if any are given

    def applies_to(self, text: str) -> bool:
        return all(w in text for w in self.needs) and (not self.needs_any or any(w in text for w in self.needs_any))


@dataclass(frozen=True)
class EntityRules:
    """``kg/rules/zh/entities.yaml``: see the file for what each list is."""

    # new names
    not_name_first_chars: str
    time_phrase_pattern: str
    verb_phrase_words: tuple[str, ...]
    # persons
    name_breaks: str
    speaker_openers: tuple[str, ...]
    speech_adverbs: tuple[str, ...]
    speech_adverbs_trimmed: tuple[str, ...]
    foreign_person_followers: tuple[str, ...]
    latin_person_verbs: tuple[str, ...]
    career_adverbs: tuple[str, ...]
    career_verbs: tuple[str, ...]
    career_time_pattern: str
    apposition_org_pattern: str
    apposition_links: tuple[str, ...]
    apposition_particle: str
    appointment_verbs: tuple[str, ...]
    appointment_roles: tuple[str, ...]
    relative_person_followers: tuple[str, ...]
    career_pair_joiners: tuple[str, ...]
    person_joiners: tuple[str, ...]
    relation_nouns: tuple[str, ...]
    honorifics: tuple[str, ...]
    honorific_left: tuple[str, ...]
    title_group_tail: tuple[str, ...]
    byline_words: tuple[str, ...]
    byline_marks: str
    author_note_words: tuple[str, ...]
    author_note_links: tuple[str, ...]
    self_intro: tuple[str, ...]
    title_copulas: tuple[str, ...]
    person_descriptors: tuple[str, ...]
    aside_brackets: tuple[str, ...]
    # organisations
    org_left_words: tuple[str, ...]
    registered_place_left: tuple[str, ...]
    org_role_marks: tuple[str, ...]
    org_role_marks_long: tuple[str, ...]
    org_trailing_marks: tuple[str, ...]
    weak_org_suffixes: tuple[str, ...]
    contextual_org_suffixes: tuple[str, ...]
    contextual_org_followers: tuple[str, ...]
    contextual_org_follower_pattern: str
    inner_suffix_excluded: tuple[str, ...]
    org_descriptions: tuple[str, ...]
    clause_openers: tuple[str, ...]
    leading_words: tuple[str, ...]
    alias_words: tuple[str, ...]
    leading_chars: str
    adverb_chars: str
    org_clause_verbs: tuple[str, ...]
    org_reference_stems: tuple[str, ...]
    approximately: str
    holding_tails: tuple[str, ...]
    clause_chars: str
    clause_chars_before_suffix: str
    not_first_of_suffixed: str
    prepositions: str
    owner_word: str
    owner_verbs: tuple[str, ...]
    owned_unit_nouns: tuple[str, ...]
    org_name_followers: tuple[str, ...]
    org_descriptors: tuple[str, ...]
    description_modifiers: tuple[str, ...]
    org_inner_verbs: tuple[str, ...]
    legal_tails: tuple[str, ...]
    group_tails: tuple[str, ...]
    org_descriptor_pattern: str
    possessive: str
    org_context_cues: dict[str, ContextCue]
    chain_joiners: str
    department_end: str
    chain_clause_chars: str
    registered_suffixes: tuple[str, ...]
    company_word: str
    latin_org_suffixes: tuple[str, ...]
    # references to an organisation named before
    group_words: tuple[str, ...]
    group_reference_left: tuple[str, ...]
    company_pronouns: tuple[str, ...]
    # models
    not_variants: tuple[str, ...]
    model_class_words: tuple[str, ...]
    count_units: str
    family_intro_quoted: str
    family_intro_series: str
    family_intro_model: str
    family_intro_model_left: str
    family_heads: tuple[str, ...]
    family_breaks: str
    family_gloss_left: tuple[str, ...]


def entity_rules() -> EntityRules:
    return load_rules(LANG, "entities", EntityRules)


def in_order(words: Iterable[str]) -> str:
    """A regex alternation of literal words in the order given (where the order is meaningful)."""
    return "|".join(re.escape(w) for w in words)


def char_class(chars: str) -> str:
    """A regex character class of the given characters: ``[的是在]``."""
    return "[" + "".join(re.escape(c) if c in "\\]^-[" else c for c in chars) + "]"
