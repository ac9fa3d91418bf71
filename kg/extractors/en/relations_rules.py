"""What the English relation rules share: the word lists of ``kg/rules/en/relations.yaml`` (through
``RelationRules``), the patterns built from them, and small helpers over one sentence's mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...lang.en import lexicon
from ...records import Mention
from ...resolve import name_key
from ...rules import load_rules
from ...text.patterns import alternation
from ..base import Context, Sentence

APOSTROPHE_S = r"['’]s"
CLAUSE_END = re.compile(r"[;:.!?\n]")     # what no rule reads across inside a sentence
SUBJECT_REACH = 30                          # characters from a sentence's start within which its subject stands
APPOSITION_END = re.compile(r"[,;:.!?()\n\"“”]")


@dataclass(frozen=True)
class Roles:
    founder: str                        # the role of someone who founded the organisation
    cofounder: str
    head: str


@dataclass(frozen=True)
class RelationRules:
    """``kg/rules/en/relations.yaml``: the words the English relation rules are built from."""

    release_verbs: tuple[str, ...]
    by_maker: tuple[str, ...]
    model_nouns: tuple[str, ...]
    release_blockers: tuple[str, ...]
    model_joiners: tuple[str, ...]
    org_pronouns: tuple[str, ...]
    org_nouns: tuple[str, ...]
    variant_suffixes: tuple[str, ...]
    unit_nouns: tuple[str, ...]
    unit_modifiers: tuple[str, ...]
    fold_verbs: tuple[str, ...]
    unit_name_intros: tuple[str, ...]
    operates_as: tuple[str, ...]
    created_verbs: tuple[str, ...]
    released_participles: tuple[str, ...]
    owned: tuple[str, ...]
    acquire_verbs: tuple[str, ...]
    acquired_by: tuple[str, ...]
    not_unit_after: tuple[str, ...]
    stake_verbs: tuple[str, ...]
    pending_markers: tuple[str, ...]
    spin_nouns: tuple[str, ...]
    spin_verbs: tuple[str, ...]
    control_markers: tuple[str, ...]
    independent_markers: tuple[str, ...]
    roles: Roles
    title_modifiers: tuple[str, ...]
    title_of: tuple[str, ...]
    title_of_stops: tuple[str, ...]
    its_words: tuple[str, ...]
    outside_titles: tuple[str, ...]
    relative: tuple[str, ...]
    former_verbs: tuple[str, ...]
    current_verbs: tuple[str, ...]
    join_verbs: tuple[str, ...]
    found_verbs: tuple[str, ...]
    no_role_verbs: tuple[str, ...]
    person_pronouns: tuple[str, ...]
    reported_speech: tuple[str, ...]
    beside_person: tuple[str, ...]
    runs_verbs: tuple[str, ...]
    lead_verbs: tuple[str, ...]
    hire_verbs: tuple[str, ...]
    hire_objects: tuple[str, ...]
    whose_links: tuple[str, ...]
    as_word: tuple[str, ...]
    founded_by: tuple[str, ...]
    before_joining: tuple[str, ...]
    leaving_markers: tuple[str, ...]
    list_joiners: tuple[str, ...]
    side_markers: tuple[str, ...]
    side_verbs: tuple[str, ...]
    client_titles: tuple[str, ...]


@cache
def rules() -> RelationRules:
    return load_rules("en", "relations", RelationRules)


def words(ws: tuple[str, ...]) -> str:
    """A non-capturing group of whole words or phrases, longest first (a phrase's spaces match any)."""
    alts = alternation(ws).replace(r"\ ", r"[\s-]+")
    return r"(?<![\w-])(?:" + alts + r")(?![\w-])"


def loose(ws: tuple[str, ...]) -> str:
    """Like ``words`` but the right edge may be a hyphen-less word end only (``ex-``, ``then-``)."""
    alts = alternation(ws).replace(r"\ ", r"[\s-]+")
    return r"(?<![\w-])(?:" + alts + ")"


@cache
def pattern(source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE)


@cache
def title_chain() -> str:
    """One or more titles joined by "and" or commas, each with optional modifiers and an "of" tail:
    "co-founder and CTO", "senior research scientist", "head of developer relations"."""
    r = rules()
    title = words(lexicon().titles)
    modifier = words(r.title_modifiers)
    tail = (r"(?:\s+" + words(r.title_of) + r"(?:\s+(?!" + words(r.title_of_stops) + r")(?-i:[a-z])[\w-]*){1,3})?")
    one = rf"(?:{modifier}\s+)*{title}{tail}"
    return rf"{one}(?:\s*(?:,\s*|\s+and\s+|\s*&\s*){one})*"


@cache
def titles_plural() -> str:
    """A title in the plural or singular: "co-founders", "engineers"."""
    alts = alternation(lexicon().titles).replace(r"\ ", r"[\s-]+")
    return r"(?<![\w-])(?:" + alts + r")s?(?![\w-])"


@cache
def former_marker() -> str:
    return loose(lexicon().former_markers)


def is_former(text: str) -> bool:
    return bool(pattern(former_marker()).search(text))


def clean_role(role: str) -> str:
    """A role as written, without former markers and outer spaces: "former chief scientist" → chief scientist."""
    role = pattern(former_marker() + r"\s*").sub("", role)
    return re.sub(r"\s+", " ", role).strip(" ,")


def identity(m: Mention) -> str:
    """What a mention names: its key, else the key its name resolves to ("Parlance" ~ "Parlance Systems")."""
    return m.key or name_key(m.type, m.text)


def of_type(sent: Sentence, kind: str) -> list[Mention]:
    return [m for m in sent.mentions if m.type == kind]


def inside(sent: Sentence, start: int, end: int, kind: str | None = None) -> list[Mention]:
    """The mentions (of a type) that lie within [start, end)."""
    return [m for m in sent.mentions if start <= m.start and m.end <= end and (kind is None or m.type == kind)]


def sentence_of(ctx: Context, m: Mention) -> Sentence | None:
    return next((s for s in ctx.sentences if s.start <= m.start < s.end), None)


def subject_like(ctx: Context, org: Mention) -> bool:
    """An organisation that may be what the text is about: not after a preposition ("at Google"), not a
    possessor or a compound adjective ("Google's DeepMind", "Amazon-backed")."""
    text = ctx.text
    after = text[org.end:org.end + 3]
    if after.startswith("-"):
        return False
    if re.match(APOSTROPHE_S, after) and any(m.start == org.end + 3 and m.type == "Organization"
                                             for m in ctx.mentions):
        return False            # "Google's DeepMind": the unit is what the text is about
    if re.match(APOSTROPHE_S + r"\s*(?:[,;:.!?)]|$)", text[org.end:org.end + 4]):
        return False            # "not Google's:": a predicate, no subject
    before = text[max(0, org.start - 50):org.start]
    # "at Google", "backed by Nvidia and the venture firm X": after a preposition, with or without a descriptor
    return not re.search(r"(?<![\w-])(?:at|of|from|by|in|with|for|to|on|into|than|and|or|vs\.?|versus)\s+"
                         r"(?:(?:the|a|an)\s+(?:(?!(?:that|which|who|whom|whose|where|when)\s)(?-i:[a-z])[\w-]*\s+){0,3})?"
                         r"(?:[\w.-]+['’]s\s+)?$",
                         before, re.IGNORECASE)


def topic_org(ctx: Context, pos: int) -> Mention | None:
    """The organisation the text is about at ``pos``: the latest subject-like one named before it in the
    sentence, else the first subject-like one of the nearest earlier sentence that names one."""
    here = next((s for s in ctx.sentences if s.start <= pos < s.end), None)
    if here is None:
        return None
    found = [o for o in of_type(here, "Organization") if o.end <= pos and subject_like(ctx, o)]
    if found:       # the sentence's subject if it opens the sentence, else the latest one
        return next((o for o in found if o.start - here.start <= SUBJECT_REACH), found[-1])
    i = ctx.sentences.index(here)
    earlier = list(reversed(ctx.sentences[max(0, i - 6):i]))
    for sent in earlier[:3]:        # a subject first: named near the start of a recent sentence
        found = [o for o in of_type(sent, "Organization") if o.start - sent.start <= SUBJECT_REACH
                 and subject_like(ctx, o)]
        if found:
            return found[0]
    for sent in earlier:
        found = [o for o in of_type(sent, "Organization") if subject_like(ctx, o)]
        if found:
            return found[0]
    # the text's lead: the first organisation it names ("the whiteboards at X are covered …")
    return next((o for o in ctx.mentions if o.type == "Organization" and o.end <= pos), None)
