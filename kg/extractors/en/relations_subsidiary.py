"""English ownership rules: which organisation is a subsidiary (unit, division, arm) of which.

Each rule reads the text between two organisations of one sentence (a before b) and returns the
(child, parent) pair it states, or None. Backing, stakes below a majority, investments and
partnerships state no ownership, and no rule reads them as one. Sentence rules read a unit of the
organisation the text is about ("X, the group's cloud unit", "it bought X", "a new division called Z",
"fold X into … Z").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ...records import Extraction, Mention, Relation
from ...text.patterns import alternation
from ..base import Context, Sentence
from .relations_rules import APOSTROPHE_S, CLAUSE_END, identity, inside, of_type, pattern, rules, topic_org, words

Pair = tuple[Mention, Mention]          # (child, parent)


@cache
def _unit() -> str:
    """A unit noun with optional modifiers: "cloud arm", "AI research unit", "wholly owned subsidiary"."""
    g = rules()
    return rf"(?:{words(g.unit_modifiers)}[\s-]+){{0,3}}{words(g.unit_nouns)}"


def _not_unit_after(ctx: Context, b: Mention) -> bool:
    return bool(pattern(r"^\s*(?:[\w-]+\s+)?" + words(rules().not_unit_after)).match(ctx.text[b.end:b.end + 30]))


def possessive_unit(ctx: Context, a: Mention, b: Mention, gap: str) -> Pair | None:
    """"Google's DeepMind", "ByteDance's cloud arm, Volcano Engine", "Alibaba unit Ant Group"."""
    if pattern(rf"^(?:{APOSTROPHE_S}\s+(?:{_unit()})?|\s+{_unit()})\s*,?\s*$").match(gap) \
            and not _not_unit_after(ctx, b):
        return b, a
    return None


def owned_adjective(ctx: Context, a: Mention, b: Mention, gap: str) -> Pair | None:
    """"ByteDance-owned Volcano Engine"; "Lanting, the Qinglan-owned lab": a compound adjective."""
    owned = "(?:" + alternation(rules().owned).replace(r"\ ", r"\s+") + ")"
    if pattern(rf"^-{owned}\s+(?:{_unit()}\s+)?$").match(gap):
        return b, a
    if pattern(r"^,?\s+(?:the|a|an)\s+$").match(gap) and pattern(rf"^-{owned}(?![\w-])").match(ctx.text[b.end:b.end + 25]):
        return a, b
    return None


def unit_of(ctx: Context, a: Mention, b: Mention, gap: str) -> Pair | None:
    """"X, a subsidiary of Y", "X, the cloud arm of Y", "X is a wholly owned unit of Y", "X, part of Y"."""
    g = rules()
    if pattern(rf"^,?\s+(?:(?:a|an|the)\s+(?:[\w.-]+\s+){{1,3}}?(?:that|which)\s+(?=is\s|was\s|became\s))?"
               rf"(?:(?:which|that)\s+)?(?:is\s+|was\s+|became\s+|has\s+become\s+)?(?:now\s+)?"
               rf"(?:(?:the|a|an)\s+)?(?:(?:[\w.-]+\s+){{0,2}}?{_unit()}\s+of|part\s+of)\s+"
               r"(?:[\w-]+\s+){0,4}?$").match(gap):
        return a, b         # "Lingxi, the cloud arm of Chinese game publisher Hexa"
    if pattern(rf"^\s+(?:is|was|has\s+been|had\s+been)\s+(?:[\w-]+\s+){{1,4}}?{words(g.as_word)}\s+(?:a|an|the)\s+"
               rf"(?:[\w.-]+\s+){{0,2}}?{_unit()}\s+of\s+(?:[\w-]+\s+){{0,4}}?$").match(gap):
        return a, b         # "X was incorporated in 2023 as a subsidiary of Y"
    if pattern(rf"^,\s+(?:the|a|an)\s+(?:[\w.-]+\s+){{0,2}}?{_unit()}\s+(?:that\s+|which\s+)?$").match(gap) \
            and pattern(rf"^\s+(?:had\s+|has\s+)?{words(g.created_verbs)}").match(ctx.text[b.end:b.end + 30]):
        return a, b         # "X, a division Meta created"
    return None


def owned_by(ctx: Context, a: Mention, b: Mention, gap: str) -> Pair | None:
    """"X, owned by Y", "X is majority-owned by the conglomerate Y", "X was acquired by Y"."""
    g = rules()
    if pattern(rf"^,?\s+(?:(?:which|that)\s+)?(?:is\s+|was\s+|has\s+been\s+|had\s+been\s+)?"
               rf"(?:(?!{words(g.not_owned)})(?-i:[a-z])[\w]*\s+){{0,2}}?"
               rf"(?:{words(g.owned)}\s+by|{words(g.acquired_by)})\s+(?:(?:the|a|an)\s+)?"
               r"(?:(?-i:[a-z])[\w-]*\s+){0,2}?$").match(gap):
        return a, b
    return None


def apposed_unit(ctx: Context, a: Mention, b: Mention, gap: str) -> Pair | None:
    """"NVentures, Nvidia's venture capital arm": the unit named first, its owner's possessive after."""
    if pattern(r"^,\s+$").match(gap) and pattern(rf"^{APOSTROPHE_S}\s+(?:[\w-]+\s+){{0,2}}?{_unit()}(?![\w-])") \
            .match(ctx.text[b.end:b.end + 60]) and not _not_unit_after(ctx, b):
        return a, b
    return None


def acquired(ctx: Context, a: Mention, b: Mention, gap: str) -> Pair | None:
    """"Y acquired X", "Y completed its acquisition of X" (no stake: "bought a 10% stake in X" is none)."""
    if pattern(rf"^\s+(?:(?:has|had|have|then|later|also)\s+)?(?:\w+\s+)?{words(rules().acquire_verbs)}"
               r"\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?$").match(gap) and "stake" not in gap.lower() \
            and not re.search(r"\d", gap) and not pending(gap):
        return b, a
    return None


def pending(gap: str) -> bool:
    """"agreed to buy", "plans to acquire", "will buy": a deal not closed is no ownership."""
    return bool(pattern(words(rules().pending_markers)).search(gap))


def name_parent(ctx: Context, unit: Mention) -> Mention | None:
    """The organisation whose name opens the unit's ("Acme" for "Acme Cloud"), if the text names it."""
    heads = [m for m in ctx.mentions if m.type == "Organization" and identity(m) != identity(unit)
             and unit.text.startswith(m.text + " ") and m.text != unit.text]
    return max(heads, key=lambda m: len(m.text), default=None)


def majority_stake(ctx: Context, a: Mention, b: Mention, gap: str) -> Pair | None:
    """"Y holds a 60% stake in X", "Y bought 51% of X": more than half makes a subsidiary."""
    m = pattern(rf"^\s+(?:\w+\s+)?{words(rules().stake_verbs)}\s+(?:a\s+|an\s+|about\s+|roughly\s+)*"
                r"(\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)\s+(?:stake\s+in|of)\s+(?:the\s+)?$").match(gap)
    if m and float(m.group(1)) > 50:
        return b, a
    return None


PairRule = Callable[[Context, Mention, Mention, str], "Pair | None"]
PAIR_RULES: list[tuple[str, PairRule]] = [
    ("en-possessive-unit", possessive_unit), ("en-owned-adjective", owned_adjective), ("en-unit-of", unit_of),
    ("en-owned-by", owned_by), ("en-acquired", acquired), ("en-majority-stake", majority_stake),
    ("en-apposed-unit", apposed_unit)]


@cache
def _owner_words() -> str:
    """"its", "their", "the group's", "the e-commerce giant's": the organisation the text is about owns it."""
    return r"(?:its|their|the\s+(?:(?-i:[a-z])[\w-]*\s+)?(?-i:[a-z])[\w-]*['’]s)"


def its_unit(ctx: Context, sent: Sentence) -> list[tuple[Pair, str]]:
    """"Seed, its AI research unit," / "X, the group's cloud unit," / "a new division, Microsoft AI" /
    "X, a division Meta created" / "X operates as a wholly owned subsidiary": a unit of the organisation
    the text is about (or named in the phrase)."""
    out: list[tuple[Pair, str]] = []
    text, g = ctx.text, rules()
    after_re = pattern(rf"^(?:,\s+(?:{_owner_words()}\s+{_unit()}(?![\w-])|(?:a|an|the)\s+(?:[\w.-]+\s+){{0,2}}?"
                       rf"{_unit()}\s+(?:that\s+|which\s+)?(?:it|they)\s+(?:had\s+|has\s+)?"
                       rf"{words(g.created_verbs)})|\s+{words(g.operates_as)}\s+(?:a|an|its)\s+{_unit()}"
                       r"(?![\w-])(?!\s+of\b))")
    before_re = pattern(rf"(?:(?<![\w-])(?:its|a|the)\s+){_unit()},\s+$")
    for org in of_type(sent, "Organization"):
        if after_re.match(text[org.end:org.end + 50]):
            parent = name_parent(ctx, org) or topic_org(ctx, org.start)
        elif before_re.search(text[max(sent.start, org.start - 50):org.start]):
            lead = text[sent.start:org.start]
            parent = name_parent(ctx, org) or (topic_org(ctx, org.start) if not CLAUSE_END.search(lead) else None)
        else:
            continue
        if parent is not None and identity(parent) != identity(org):
            out.append(((org, parent), "en-its-unit"))
    return out


def taken_over(ctx: Context, sent: Sentence) -> list[tuple[Pair, str]]:
    """"In August it bought X", "X, the GPU-hosting company it bought in 2024": the organisation the text
    is about (the pronoun's) acquired X."""
    out: list[tuple[Pair, str]] = []
    text, g = ctx.text, rules()
    acquire = words(g.acquire_verbs)
    before_re = pattern(rf"(?:(?<![\w-])(?:it|they)|{words(tuple(w for w in g.its_words if not w.endswith('s')))})"
                        rf"\s+(?:(?:has|had|have|also|then|later|recently|quietly|already)\s+)*{acquire}\s+(?:the\s+)?$")
    after_re = pattern(rf"^,\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}?{words(g.org_nouns)}\s+(?:that\s+|which\s+)?"
                       rf"(?:it|they)\s+(?:had\s+|has\s+)?{acquire}(?![\w-])")
    for org in of_type(sent, "Organization"):
        lead = text[max(sent.start, org.start - 60):org.start]
        if (m := before_re.search(lead)) and not inside(sent, org.start - len(lead) + m.start(), org.start) \
                and not pending(m.group(0)):
            parent = topic_org(ctx, org.start - len(lead) + m.start())
        elif after_re.match(text[org.end:org.end + 80]):
            parent = topic_org(ctx, org.start)
        else:
            continue
        if parent is not None and identity(parent) != identity(org):
            out.append(((org, parent), "en-taken-over"))
    return out


def folded_into(ctx: Context, sent: Sentence) -> list[tuple[Pair, str]]:
    """"fold its lab, X, and Y into a new division called Z": Z is a unit of the organisation the text is
    about, X and Y units of Z."""
    out: list[tuple[Pair, str]] = []
    text, g = ctx.text, rules()
    called = pattern(rf"(?<![\w-])(?P<into>into\s+)?(?:a|an|its|the|their)\s+(?:new\s+)?{_unit()}\s+"
                     rf"{words(g.unit_name_intros)}\s+$")
    orgs = of_type(sent, "Organization")
    for org in orgs:
        lead = text[max(sent.start, org.start - 80):org.start]
        m = called.search(lead)
        if not m:
            continue
        at = org.start - len(lead) + m.start()
        parent = topic_org(ctx, at)
        if parent is not None and identity(parent) != identity(org):
            out.append(((org, parent), "en-unit-called"))
        fold = pattern(words(g.fold_verbs)).search(text[sent.start:at]) if m.group("into") else None
        if fold:
            out += [((o, org), "en-folded-into") for o in orgs if sent.start + fold.end() <= o.start and o.end <= at]
    return out


def spun_off(ctx: Context, sent: Sentence) -> list[tuple[Pair, str]]:
    """"Its robotics team became X; it kept a 60% stake": a spin-off the parent still controls (a majority
    stake, consolidated results). An independent spin-out, or one with a minority stake, is none."""
    out: list[tuple[Pair, str]] = []
    text, g = ctx.text, rules()
    before_re = pattern(rf"(?:{_owner_words()})\s+(?:[\w-]+\s+){{0,2}}?{words(g.spin_nouns)}\s+{words(g.spin_verbs)}\s+$")
    for org in of_type(sent, "Organization"):
        m = before_re.search(text[max(sent.start, org.start - 80):org.start])
        if not m:
            continue
        if not controlled(text[org.end:sent.end]):
            continue
        parent = name_parent(ctx, org) or topic_org(ctx, org.start - 1)
        if parent is not None and identity(parent) != identity(org):
            out.append(((org, parent), "en-controlled-spin-off"))
    return out


def controlled(rest: str) -> bool:
    """What follows a spin-off: a majority stake or consolidation, and no word of independence."""
    g = rules()
    if pattern(words(g.independent_markers)).search(rest):
        return False
    stakes = [float(x) for x in pattern(r"(\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)\s+(?:stake|of)").findall(rest)]
    if stakes:
        return max(stakes) > 50
    return bool(pattern(words(g.control_markers)).search(rest))


def listed_units(ctx: Context, sent: Sentence) -> list[tuple[Pair, str]]:
    """"A, B and C are units of D": each organisation of the list is a unit of D."""
    text = ctx.text
    orgs = of_type(sent, "Organization")
    tail = pattern(rf"^\s+(?:are|were|remain|became)\s+(?:all\s+|now\s+)?(?:[\w-]+\s+){{0,2}}?"
                   rf"{words(rules().unit_plurals)}\s+of\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?$")
    for i, (a, b) in enumerate(zip(orgs, orgs[1:])):
        if not tail.match(text[a.end:b.start]):
            continue
        members = [a]
        for o in reversed(orgs[:i]):
            if not re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", text[o.end:members[0].start]):
                break
            members.insert(0, o)
        if len(members) > 1:
            return [((m, b), "en-listed-units") for m in members]
    return []


def subsidiary_of(ctx: Context, out: Extraction) -> None:
    done: set[tuple[str, str]] = set()
    for sent in ctx.sentences:
        orgs = of_type(sent, "Organization")
        found: list[tuple[Pair, str]] = []
        for a, b in zip(orgs, orgs[1:]):
            gap = ctx.text[a.end:b.start]
            if inside(sent, a.end, b.start):
                continue
            for name, rule in PAIR_RULES:
                pair = rule(ctx, a, b, gap)
                if pair is not None:
                    found.append((pair, name))
                    break
        found += listed_units(ctx, sent) + its_unit(ctx, sent) + taken_over(ctx, sent) + folded_into(ctx, sent) + spun_off(ctx, sent)
        for (child, parent), name in found:
            key = (child.key or child.text, parent.key or parent.text)
            if key[0] != key[1] and key not in done and (key[1], key[0]) not in done:
                done.add(key)
                out.relations.append(Relation("subsidiaryOf", child, parent, ctx.evidence(sent, name)))
