"""English release rules: which organisation made a model.

Each rule reads one sentence (or the article) and adds ``released`` facts through ``Releases``,
which keeps one maker per model mention (a maker stated in so many words, "developed by X and Y",
may add a second).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ...catalogue import norm_name
from ...records import Extraction, Mention, Relation
from ..base import Context, Sentence
from ..model_makers import family_of, related_orgs
from .relations_rules import (
    APOSTROPHE_S,
    CLAUSE_END,
    SUBJECT_REACH,
    inside,
    of_type,
    pattern,
    rules,
    sentence_subject,
    subject_like,
    topic_org,
    words,
)

MAX_GAP = 60           # characters between a maker (or its verb) and the model
APPOSED = re.compile(r",[^;:.!?\n]{1,160},\s*(?:[\w-]+\s+){0,2}")     # ", the Zurich startup …, " (an adverb may follow)


class Releases:
    """The release facts of one article so far: one maker per model mention, unless stated explicitly."""

    def __init__(self, ctx: Context, out: Extraction) -> None:
        self.ctx, self.out = ctx, out
        self.maker: dict[int, list[Mention]] = {}       # model start -> makers
        self.orgs = [m for m in ctx.mentions if m.type == "Organization"]
        self.by_model: dict[str, Mention] = {}          # a model (key or name) -> its first maker here

    def add(self, org: Mention, model: Mention, sent: Sentence, rule: str, also: bool = False) -> None:
        makers = self.maker.setdefault(model.start, [])
        if (makers and not also) or any(_same(o, org) for o in makers):
            return
        makers.append(org)
        self.by_model.setdefault(_identity(model), org)
        self.out.relations.append(Relation("released", org, model, self.ctx.evidence(sent, rule),
                                           date=self.ctx.date_in(sent.text)))

    def has(self, model: Mention) -> bool:
        return bool(self.maker.get(model.start))


def _identity(m: Mention) -> str:
    return m.key or norm_name(m.text)


def _same(a: Mention, b: Mention) -> bool:
    return (a.key is not None and a.key == b.key) or norm_name(a.text) == norm_name(b.text)


@cache
def _blocked() -> re.Pattern[str]:
    return pattern(words(rules().release_blockers))


@cache
def _links() -> re.Pattern[str]:
    """"its other investors include M12": a verb between "its" and the name."""
    return pattern(words(rules().whose_links))


@cache
def _used() -> re.Pattern[str]:
    """"its monthly Prism 2.5 bill": the model names what is used, not whose it is."""
    return pattern(r"^\s+" + words(rules().use_nouns))


def _clean_gap(gap: str) -> bool:
    return len(gap) <= MAX_GAP and not CLAUSE_END.search(gap) and not _blocked().search(gap)


def catalogue_maker(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """The catalogue knows the family's maker (Claude 3.5 Haiku → Anthropic), and the article names it
    (or its parent or unit): the one in this sentence first."""
    for model in models:
        family = family_of(model)
        if not family or not family.maker:
            continue
        if (earlier := r.by_model.get(_identity(model))) is not None:
            r.add(earlier, model, sent, "en-catalogue-maker")      # the maker it was given before here
            continue
        wanted = related_orgs(family.maker)
        ranked = ([o for o in orgs if o.key == family.maker] + [o for o in orgs if o.key in wanted]
                  + [o for o in r.orgs if o.key == family.maker] + [o for o in r.orgs if o.key in wanted])
        if ranked:
            r.add(ranked[0], model, sent, "en-catalogue-maker")


def maker_in_name(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """A model named after its maker: DeepSeek-V3 is DeepSeek's, Mistral Large 2 is Mistral AI's."""
    for model in models:
        name = norm_name(model.text)
        for org in sorted(r.orgs, key=lambda o: -len(o.text)):
            stem = norm_name(re.split(r"\s+(?:AI|Labs?|Inc|Technologies)\b", org.text)[0])
            if len(stem) >= 3 and stem.isascii() and name.startswith(stem) and name != stem:
                here = next((o for o in orgs if _same(o, org)), org)
                r.add(here, model, sent, "en-maker-in-name")
                break


def possessive(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"OpenAI's o1", "Alibaba's new flagship model, Qwen 2.5-Max", "Google's Gemini models"."""
    text = r.ctx.text
    nouns = words(rules().model_nouns)
    gap_re = pattern(rf"^(?:{APOSTROPHE_S}|,\s+whose)\s+(?:[\w.-]+\s+){{0,4}}?(?:{nouns},?\s+)?$")
    for model in models:
        before = [o for o in orgs if o.end <= model.start]
        if before:
            org = before[-1]
            gap = text[org.end:model.start]
            if gap_re.match(gap) and _clean_gap(re.sub(r"^\W*(?:s|whose)\b", "", gap)) \
                    and not inside(sent, org.end, model.start):
                r.add(org, model, sent, "en-possessive")


def model_by_org(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"Y, developed by X and Z", "Y from X", "Y (X)", "Y, X's new model": the maker after its model."""
    text = r.ctx.text
    g = rules()
    by_re = pattern(r"^\s*(?:\(\s*|,?\s+(?:(?:which|that)\s+(?:was|is|were|are)\s+|(?:was|is)\s+)?"
                    rf"(?:(?:first\s+|jointly\s+|originally\s+|also\s+)?{words(g.by_maker)})\s+(?:the\s+)?)$")
    # "Y, X's new model", "Y, the third generation of X's in-house models"
    apposed = pattern(r"^,\s+(?:(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?of\s+)?$")
    for model in models:
        after = [o for o in orgs if o.start >= model.end]
        if not after:
            continue
        org = after[0]
        gap = text[model.end:org.start]
        if inside(sent, model.end, org.start):
            continue
        if by_re.match(gap) or (gap.strip().startswith("(") and text[org.end:org.end + 1] == ")"):
            r.add(org, model, sent, "en-model-by-org")
            for other in _coordinated(r.ctx, sent, org):
                r.add(other, model, sent, "en-model-by-org", also=True)
        elif apposed.match(gap) and _clean_gap(gap) and pattern(rf"^{APOSTROPHE_S}\s+(?:[\w.-]+\s+){{0,3}}?{words(g.model_nouns)}") \
                .match(text[org.end:org.end + 40]):
            r.add(org, model, sent, "en-model-by-org")     # "Y, X's new model,"


def _coordinated(ctx: Context, sent: Sentence, org: Mention) -> list[Mention]:
    """Organisations listed right after ``org``: "by Mistral and Nvidia"."""
    out, last = [], org
    for other in (o for o in of_type(sent, "Organization") if o.start >= org.end):
        if not re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", ctx.text[last.end:other.start]):
            break
        out.append(other)
        last = other
    return out


def org_verb_model(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"X launched Y", "X on Monday unveiled its new model, Y", "The company released Y"."""
    text, g = r.ctx.text, rules()
    verb_re = pattern(words(g.release_verbs))
    for model in models:
        lead = text[max(sent.start, model.start - MAX_GAP):model.start]
        verbs = list(verb_re.finditer(lead))
        if not verbs:
            continue
        verb = verbs[-1]
        verb_at = model.start - len(lead) + verb.start()
        after_verb = text[verb_at + len(verb.group(0)):model.start]
        if not _clean_gap(after_verb) or inside(sent, verb_at, model.start):
            continue
        subject = _verb_subject(r, sent, orgs, verb_at)
        if subject is not None:
            r.add(subject, model, sent, "en-org-verb-model")


def _verb_subject(r: Releases, sent: Sentence, orgs: list[Mention], verb_at: int) -> Mention | None:
    """The organisation before a release verb: the nearest one in the clause, or the one a pronoun
    ("the company", "it") points back to."""
    text = r.ctx.text
    before = [o for o in orgs if o.end <= verb_at and subject_like(r.ctx, o)]
    if before and before[0].start - sent.start <= SUBJECT_REACH and APPOSED.fullmatch(text[before[0].end:verb_at]):
        return before[0]    # "X, the Zurich startup founded by Y, OpenAI's former head of Z, launched W"
    last_gap = text[before[-1].end:verb_at] if before else ""
    person_between = bool(before) and bool(inside(sent, before[-1].end, verb_at, "Person"))
    if before and (re.match(r"\s*,", last_gap) or (person_between and re.search(r",\s*$", last_gap))):
        # "X, a startup backed by Y, released Z", "X, founded by former Y researcher Jane Doe, released Z":
        # the subject before the apposition
        opener = next((o for o in before if re.match(r"\s*,", text[o.end:o.end + 3])), None)
        if opener is not None and opener is not before[-1] and not CLAUSE_END.search(text[opener.end:verb_at]):
            return opener
        before = []         # "…, backed by his fund Y, open-sourced Z": Y closes an apposition, it is no subject
    elif person_between:
        return None         # "former Y researcher Jane Doe released Z": a person released it, not Y
    if before:
        gap = text[before[-1].end:verb_at]
        if len(gap) <= MAX_GAP and not CLAUSE_END.search(gap) and not inside(sent, before[-1].end, verb_at, "Model") \
                and not _blocked().search(gap):
            return before[-1]
        return None
    g = rules()
    pronoun = pattern(r"(?:^|[,;]\s*|\bthat\s+|\bsaid\s+)(?:(?:the|this)\s+(?:[\w-]+\s+){0,2}?"
                      + words(g.org_nouns) + "|" + words(g.org_pronouns)
                      + r")(?:\s*,[^;:]{0,100},)?(?:\s+[\w-]+){0,3}\s*$")
    found = pronoun.search(text[sent.start:verb_at])
    if found and not inside(sent, sent.start, sent.start + found.start(), "Organization"):
        return topic_org(r.ctx, sent.start)
    return None


def its_model(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"Its Claude 3.5 Haiku": the organisation the text is about made it."""
    text = r.ctx.text
    its = pattern(r"(?<![\w-])its\s+(?:[\w.-]+\s+){0,3}$")
    for model in models:
        m = its.search(text[max(sent.start, model.start - 40):model.start])
        if m and _clean_gap(m.group(0)[3:]) and not _links().search(m.group(0)) \
                and not _used().match(text[model.end:model.end + 30]):
            topic = topic_org(r.ctx, model.start - len(m.group(0)))
            if topic is not None:
                r.add(topic, model, sent, "en-its-model")


def coordinated_model(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """Models listed together share their maker: "GPT-4o and GPT-4o mini", "Pro, Flash and Lite"."""
    joiner = pattern(r"^\s*(?:" + words(rules().model_joiners) + r"\s*){1,2}(?:the\s+)?$")
    for a, b in zip(models, models[1:]):
        if joiner.match(r.ctx.text[a.end:b.start]) and r.has(a) and not r.has(b):
            r.add(r.maker[a.start][0], b, sent, "en-coordinated-model")
    for a, b in zip(reversed(models[:-1]), reversed(models[1:])):
        if joiner.match(r.ctx.text[a.end:b.start]) and r.has(b) and not r.has(a):
            r.add(r.maker[b.start][0], a, sent, "en-coordinated-model")


def passive_release(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"Y, released in December, is …" in a sentence naming no organisation: the one the text is about."""
    if orgs:
        return
    told = pattern(rf"^\s*,\s+(?:which\s+was\s+)?{words(rules().released_participles)}\s+(?!by\b)")
    for model in models:
        if told.match(r.ctx.text[model.end:model.end + 40]):
            topic = topic_org(r.ctx, model.start)
            if topic is not None:
                r.add(topic, model, sent, "en-passive-release")


def same_family(r: Releases) -> None:
    """One family, one maker: Quill-4 Air is made by whoever made Quill-3 in this article, or named as
    "Amazon's Nova models"."""
    makers: dict[str, Mention] = {}
    for rel in r.out.relations:
        if rel.kind == "released":
            makers.setdefault(family_stem(rel.object.text), rel.subject)
    family_re = pattern(rf"^{APOSTROPHE_S}\s+(?-i:(?P<fam>[A-Z][\w-]+))\s+{words(rules().model_nouns)}")
    for org in r.orgs:
        fam = family_re.match(r.ctx.text[org.end:org.end + 60])
        if fam:
            makers.setdefault(family_stem(fam.group("fam")), org)
    for model in (m for m in r.ctx.mentions if m.type == "Model"):
        stem = family_stem(model.text)
        sent = next((s for s in r.ctx.sentences if s.start <= model.start < s.end), None)
        if stem in makers and not r.has(model) and sent is not None:
            r.add(makers[stem], model, sent, "en-same-family")


def family_stem(name: str) -> str:
    """The family part of a model name: Quill-4-Air → quill, QuillPro 2 → quill."""
    stem = re.split(r"[-\s\d.]", name, maxsplit=1)[0].casefold()
    suffix = pattern("(?:" + "|".join(map(re.escape, rules().variant_suffixes)) + ")$")
    return suffix.sub("", stem) or stem


BULLET = re.compile(r"[ \t]*(?:[-*•]|\d{1,2}[.)])\s+[*_]*")     # a list item's marker: "- **", "1. "


def lineup_list(r: Releases) -> None:
    """"X made Y generally available and revised prices across its lineup:" and the list after it: a model
    that opens a list item is X's."""
    text, g = r.ctx.text, rules()
    lead_re = pattern(rf"{words(g.release_verbs)}|(?<![\w-])its\s+(?:[\w-]+\s+){{0,2}}?{words(g.lineup_nouns)}")
    sents = r.ctx.sentences
    for i, sent in enumerate(sents):
        if not sent.text.rstrip().endswith(":") or not lead_re.search(sent.text):
            continue
        maker = sentence_subject(r.ctx, sent)
        if maker is None:
            continue
        for item in sents[i + 1:]:
            marker = BULLET.match(text, text.rfind("\n", 0, item.start) + 1)
            if marker is None:
                break           # the list is over
            if item.start > marker.end():
                continue        # a later sentence of a list item
            first = next((m for m in item.mentions if m.start <= marker.end() + 2), None)
            if first is not None and first.type == "Model" and not r.has(first):
                r.add(maker, first, item, "en-lineup-list")


SentenceRule = Callable[[Releases, Sentence, list[Mention], list[Mention]], None]
# the release rules, in order (the first maker found for a model mention stands): per sentence, then per article
# a maker the sentence states (possessive, "by X", "X launched Y") wins over the catalogue's
SENTENCE_RULES: list[SentenceRule] = [possessive, model_by_org, maker_in_name, org_verb_model, catalogue_maker,
                                      its_model, coordinated_model, passive_release]
ARTICLE_RULES = [lineup_list, same_family]


def released(ctx: Context, out: Extraction) -> None:
    r = Releases(ctx, out)
    for sent in ctx.sentences:
        orgs, models = of_type(sent, "Organization"), of_type(sent, "Model")
        if not models:
            continue
        for rule in SENTENCE_RULES:
            rule(r, sent, orgs, models)
    for article_rule in ARTICLE_RULES:
        article_rule(r)
