"""What the English relation rules share: the word lists of ``kg/rules/en/relations.yaml`` (through
``RelationRules``), the patterns built from them, and small helpers over one sentence's mentions.
"""

from __future__ import annotations

import re
from collections import Counter
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
    use_nouns: tuple[str, ...]
    lineup_nouns: tuple[str, ...]
    org_pronouns: tuple[str, ...]
    org_nouns: tuple[str, ...]
    variant_suffixes: tuple[str, ...]
    unit_nouns: tuple[str, ...]
    unit_modifiers: tuple[str, ...]
    unit_plurals: tuple[str, ...]
    fold_verbs: tuple[str, ...]
    unit_name_intros: tuple[str, ...]
    operates_as: tuple[str, ...]
    created_verbs: tuple[str, ...]
    released_participles: tuple[str, ...]
    owned: tuple[str, ...]
    acquire_verbs: tuple[str, ...]
    not_owned: tuple[str, ...]
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
    former_phrases: tuple[str, ...]
    relative: tuple[str, ...]
    former_verbs: tuple[str, ...]
    current_verbs: tuple[str, ...]
    join_verbs: tuple[str, ...]
    found_verbs: tuple[str, ...]
    no_role_verbs: tuple[str, ...]
    person_pronouns: tuple[str, ...]
    relative_adverbs: tuple[str, ...]
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
    """A former marker ("former", "ex-") or a phrase that ends a role ("until now") in ``text``."""
    return bool(pattern(former_marker()).search(text)) or bool(pattern(words(rules().former_phrases)).search(text))


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
    """The organisation the text is about at ``pos``, only where that is no guess: a subject-like one named
    before it in the sentence (the sentence's subject if it opens it, else the latest), else the subject of
    the immediately preceding sentence of the same paragraph, else the article's clear subject
    (``article_subject``). Otherwise None."""
    here = next((s for s in ctx.sentences if s.start <= pos < s.end), None)
    if here is None:
        return None
    found = [o for o in of_type(here, "Organization") if o.end <= pos and subject_like(ctx, o)]
    if found:       # the sentence's subject if it opens the sentence, else the latest one
        return next((o for o in found if o.start - here.start <= SUBJECT_REACH), found[-1])
    i = ctx.sentences.index(here)
    while i > 0 and PARAGRAPH_BREAK not in ctx.text[ctx.sentences[i - 1].end:ctx.sentences[i].start]:
        i -= 1          # back through the paragraph, while no sentence names another organisation
        earlier = ctx.sentences[i]
        if (subject := sentence_subject(ctx, earlier)) is not None:
            return subject
        if of_type(earlier, "Organization"):
            break
    return article_subject(ctx)


PARAGRAPH_BREAK = "\n\n"


def sentence_subject(ctx: Context, sent: Sentence) -> Mention | None:
    """The organisation that opens a sentence as its subject ("Acme, the Paris lab, said …"), else the only
    organisation a sentence names, if subject-like ("… a market that Acme upended.")."""
    orgs = of_type(sent, "Organization")
    opener = next((o for o in orgs if o.start - sent.start <= SUBJECT_REACH and subject_like(ctx, o)), None)
    if opener is None and len({identity(o) for o in orgs}) == 1 and subject_like(ctx, orgs[0]):
        return orgs[0]
    return opener


def article_subject(ctx: Context) -> Mention | None:
    """The article's clear subject: the organisation mentioned most often (strictly more than any other),
    if the title or the first sentence names it; its first mention."""
    def compute() -> Mention | None:
        orgs = [m for m in ctx.mentions if m.type == "Organization"]
        counts = Counter(identity(o) for o in orgs)
        most = max(counts.values(), default=0)
        title = ctx.article.title or ""
        first = ctx.sentences[0] if ctx.sentences else None

        def in_title(o: Mention) -> bool:
            return bool(re.search(r"(?<![\w-])" + re.escape(o.text) + r"(?![\w-])", title))

        def in_first(o: Mention) -> bool:
            return first is not None and first.start <= o.start < first.end
        for named in (in_title, in_first):     # the most mentioned (ties too) that the title, else the lead, names
            tops = {k for k, n in counts.items() if n == most and any(named(o) for o in orgs if identity(o) == k)}
            if len(tops) == 1:
                top = tops.pop()
                return next(o for o in orgs if identity(o) == top)
        return None
    return ctx.shared("en-article-subject", compute)
