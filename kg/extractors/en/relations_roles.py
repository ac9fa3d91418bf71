"""English role rules: who works (worksFor) or worked (formerlyWorkedFor) where, and as what.

Titles come before a name ("Baidu CEO Robin Li", "former OpenAI CTO X"), in an apposition after it
("X, chief executive of Baidu,", "X, a former Meta and Google engineer"), or a verb tells
the move ("X joined Y as CTO", "X left Y in 2024", "X, who spent six years at Y"). A title with no
organisation ("its chief scientist", "Chief executive X") is at the organisation the text is about.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ...records import Extraction, Mention, Relation, RelationKind
from ..base import Context, Sentence
from .relations_rules import (
    APOSTROPHE_S,
    APPOSITION_END,
    CLAUSE_END,
    clean_role,
    former_marker,
    inside,
    is_former,
    of_type,
    pattern,
    rules,
    title_chain,
    titles_plural,
    topic_org,
    words,
)


@dataclass(frozen=True)
class Role:
    person: Mention
    org: Mention
    sent: Sentence
    role: str | None
    former: bool
    rule: str
    implicit: bool = False      # the organisation was not named: only if no other employer is found
    move: bool = False          # told by a joining verb ("moved to X"): may be a past step of a career
    side: bool = False          # a second job beside the main one ("teaches at", "adjunct professor")


RoleRule = Callable[[Context, Sentence, Mention], list[Role]]


@cache
def _title_at_end() -> re.Pattern[str]:
    return pattern(rf"(?P<title>{title_chain()})\s*,?\s*$")


@cache
def _its_end() -> re.Pattern[str]:
    return pattern(rf"{words(rules().its_words)}\s+(?:{former_marker()}\s*)?$")


def _outside(title: str) -> bool:
    return clean_role(title).casefold() in {t.casefold() for t in rules().outside_titles}


def title_before(ctx: Context, sent: Sentence, person: Mention) -> list[Role]:
    """"Baidu CEO Robin Li", "Google's former head of research X", "ex-Google engineer X", "its CTO, X"."""
    text = ctx.text
    lead_start = max(sent.start, person.start - 120)
    m = _title_at_end().search(text[lead_start:person.start])
    if not m:
        return []
    t_start = lead_start + m.start("title")
    title = m.group("title")
    orgs = _orgs_ending_at(ctx, sent, t_start)
    if orgs:
        former_before = is_former(text[max(sent.start, orgs[0].start - 10):orgs[0].start])
        gap_former = is_former(text[orgs[-1].end:t_start]) or is_former(title)
        return [Role(person, o, sent, clean_role(title), former_before or gap_former, "en-org-title-person")
                for o in orgs]
    pre = text[sent.start:t_start]
    former = is_former(pre[-12:]) or is_former(title)
    topic = topic_org(ctx, t_start)
    if topic is None:
        return []
    if _its_end().search(pre):
        return [Role(person, topic, sent, clean_role(title), former, "en-its-title-person")]
    if not _outside(title):
        return [Role(person, topic, sent, clean_role(title), former, "en-implicit-employer", implicit=True)]
    return []


def _orgs_ending_at(ctx: Context, sent: Sentence, pos: int) -> list[Mention]:
    """The organisations right before a title: "OpenAI's", "former Google", "DeepMind and OpenAI"."""
    text = ctx.text
    link = pattern(rf"^(?:{APOSTROPHE_S})?\s*(?:{former_marker()}\s*)?$")
    orgs = [o for o in of_type(sent, "Organization") if o.end <= pos]
    if not orgs or not link.match(text[orgs[-1].end:pos]) or inside(sent, orgs[-1].end, pos):
        return []
    out = [orgs[-1]]
    for o in reversed(orgs[:-1]):
        if not re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", text[o.end:out[0].start]):
            break
        out.insert(0, o)
    return out


def apposition(ctx: Context, sent: Sentence, person: Mention) -> list[Role]:
    """"X, chief executive of Baidu,", "X, Baidu's founder", "X (a former OpenAI researcher)",
    "X, the company's chief scientist,"."""
    text = ctx.text
    opening = re.match(r"\s*[,(]\s*", text[person.end:sent.end])
    if not opening:
        return []
    start = person.end + opening.end()
    end_m = APPOSITION_END.search(text, start, sent.end)
    end = end_m.start() if end_m else sent.end
    if pattern(r"^" + words(rules().relative)).match(text[start:end]) or inside(sent, start, end, "Person"):
        return []
    # "X, a former director at Y who joined Z as its head": the relative clause is the predicate's
    if rel := pattern(r"\s" + words(rules().relative)).search(text, start, end):
        end = rel.start()
    # "its co-founder and CTO and a former Apple and Nvidia engineer": each part on its own
    cuts = [start] + [start + m.start() for m in PART_BREAK.finditer(text[start:end])] + [end]
    found = [r for a, b in zip(cuts, cuts[1:]) for r in _apposition_part(ctx, sent, person, a, b)]
    # "X, the co-founder, a former Meta researcher, said": a second apposition after the first
    if end_m and end_m.group(0) == "," and (nxt := SECOND_APPOSITION.match(text, end + 1, sent.end)):
        stop = APPOSITION_END.search(text, nxt.end(), sent.end)
        found += _apposition_part(ctx, sent, person, nxt.start(), stop.start() if stop else sent.end)
    return found


SECOND_APPOSITION = re.compile(r"\s*(?:a|an)\s+(?:former|ex-|onetime|one-time|longtime|long-time)\b", re.IGNORECASE)


PART_BREAK = re.compile(r"\s(?:and|but)\s+(?=(?:a|an|the|its|his|her|former|formerly|ex-|now|previously)\b)",
                        re.IGNORECASE)


def _apposition_part(ctx: Context, sent: Sentence, person: Mention, start: int, end: int) -> list[Role]:
    text = ctx.text
    span = text[start:end]
    title = pattern(title_chain()).search(span)
    if not title:
        return []
    role = clean_role(title.group(0))
    former = is_former(span[:title.end()])
    orgs = inside(sent, start, end, "Organization")
    if orgs:
        return [Role(person, o, sent, role, former or is_former(text[max(start, o.start - 10):o.start]),
                     "en-apposition") for o in orgs]
    topic = topic_org(ctx, person.start)
    if topic is None:
        return []
    if _its_end().search(span[:title.start()].rstrip() + " "):
        return [Role(person, topic, sent, role, former, "en-its-title-person")]
    if not _outside(role) and not span[:title.start()].strip(" ").lower().startswith(("a ", "an ")):
        return [Role(person, topic, sent, role, former, "en-implicit-employer", implicit=True)]
    return []


def _verb_classes() -> list[tuple[str, re.Pattern[str]]]:
    g = rules()
    return [("former", pattern(words(g.former_verbs))), ("current", pattern(words(g.current_verbs))),
            ("join", pattern(words(g.join_verbs))), ("found", pattern(words(g.found_verbs))),
            ("none", pattern(words(g.no_role_verbs + g.founded_by)))]


def _last_verb(local: str) -> tuple[str, str, int] | None:
    """The verb nearest the end of ``local``: its class (former, current, join, found), text and end."""
    best: tuple[int, int, str, str] | None = None
    for cls, rx in _verb_classes():
        for m in rx.finditer(local):
            cand = (m.end(), m.end() - m.start(), cls, m.group(0))
            if best is None or cand[:2] > best[:2]:
                best = cand
    return (best[2], best[3], best[0]) if best else None


def predicate(ctx: Context, sent: Sentence, person: Mention) -> list[Role]:
    """"X joined Y as CTO", "X, who previously led … at Y,", "X left Y in 2021", "X co-founded Y",
    "X is the chief executive of Y": the verb (or title) nearest each organisation after the person."""
    return _predicate_from(ctx, sent, person, person.end, "en-person-verb-org")


def _predicate_from(ctx: Context, sent: Sentence, person: Mention, pos: int, rule: str) -> list[Role]:
    """The roles the verbs after ``pos`` give ``person`` at each organisation that follows."""
    text = ctx.text
    out: list[Role] = []
    prev_end = pos
    last: tuple[str | None, bool] | None = None        # the previous organisation's role and former flag
    beside = pattern(rf"{words(rules().beside_person)}\s+$")
    for m in (x for x in sent.mentions if x.start >= pos):
        full = text[pos:m.start]
        if CLAUSE_END.search(full) or len(full) > 160:
            break
        if m.type == "Person" and (beside.search(text[prev_end:m.start])
                                   or re.match(APOSTROPHE_S, text[m.end:m.end + 2])):
            continue                # "had worked alongside Doe at X", "at Musk's xAI": Doe is no subject
        if m.type == "Person":
            # "X, the company's chief scientist, and Y, its CTO, left Meta": coordinated subjects share it
            if not re.fullmatch(r"(?:\s*,[^,;]*,)?\s*(?:and|&)\s*", text[prev_end:m.start]):
                break
            prev_end = _apposition_end(ctx, sent, m)
            continue
        if m.type != "Organization":
            continue        # "led post-training for Gemini at X": a model is read as text
        local = text[prev_end:m.start]
        prev_end = m.end
        if re.fullmatch(rf"\s*(?:{APOSTROPHE_S}|,|and|&|,\s*and)\s*", local) and last is not None:
            if out and re.fullmatch(rf"\s*{APOSTROPHE_S}\s*", local):
                out.pop()           # "at Google's DeepMind": the unit, not its parent
            out.append(Role(person, m, sent, last[0], last[1], rule))
            continue
        if pattern(rf"{words(rules().reported_speech)}\s+(?:that\s+)?(?:the|a|an|its|this|their)\s").search(full):
            break                   # "X testified that the division runs …": the clause has its own subject
        verb = _last_verb(local)
        if verb is None or verb[0] == "none":
            last = None
            continue
        role = _role_of(ctx, local, m, verb)
        former = verb[0] == "former" or is_former(local[max(0, verb[2] - len(verb[1]) - 16):verb[2]])
        last = (role, former)
        side = bool(pattern(words(rules().side_verbs)).fullmatch(verb[1]))
        out.append(Role(person, m, sent, role, former, rule, move=verb[0] == "join", side=side))
    return out


def _apposition_end(ctx: Context, sent: Sentence, person: Mention) -> int:
    """Where a person's apposition ("X, co-founder and CTO,") ends: after its closing comma."""
    m = re.match(r"\s*,[^,;]*,", ctx.text[person.end:sent.end])
    return person.end + m.end() if m else person.end


def _role_of(ctx: Context, local: str, org: Mention, verb: tuple[str, str, int]) -> str | None:
    g = rules()
    cls, word, at = verb
    title = pattern(title_chain()).search(local[at:])
    if title and cls != "join":
        return clean_role(title.group(0))
    owned = pattern(rf"^{APOSTROPHE_S}\s+(?P<t>{title_chain()})").match(ctx.text[org.end:org.end + 60])
    if owned and cls != "found":
        return clean_role(owned.group("t"))     # "to become Meta's chief AI officer"
    if cls == "join":
        after = pattern(rf"^[^,.;]{{0,20}}?\s{words(g.as_word)}\s+(?:(?:its|a|an|the|their)\s+)?(?P<t>{title_chain()})")
        m = after.match(ctx.text[org.end:org.end + 80])
        return clean_role(m.group("t")) if m else None
    if cls == "found":
        return g.roles.cofounder if "co" in word.lower() else g.roles.founder
    return None


def founded_by(ctx: Context, sent: Sentence, person: Mention) -> list[Role]:
    """"Y, founded by X and Z," / "Y was founded in 2023 by former Google engineer X" / "Founded by X, Y …"."""
    text = ctx.text
    lead = text[sent.start:person.start]
    by = pattern(rf"(?:{words(rules().founded_by)}|founded\s+in\s+\d{{4}}\s+by)"
                 r"(?:\s+[^,.;:]{0,40}?)?\s*$").search(lead)
    if not by:
        return _founded_with(ctx, sent, person)
    if inside(sent, sent.start + by.end(), person.start, "Organization"):
        return []
    at = sent.start + by.start()
    role = rules().roles.cofounder if "co" in by.group(0).lower()[:4] else rules().roles.founder
    before = [o for o in of_type(sent, "Organization") if o.end <= at]
    after = [o for o in of_type(sent, "Organization") if o.start >= person.end
             and re.fullmatch(r"(?:\s+(?:in|last|and)\s[^,;]{0,40})?,\s+(?:the\s+)?", text[person.end:o.start])]
    org = before[-1] if before else (after[0] if after else None)
    if org is None and pattern(r"^\s*(?:the|this)\s+(?:[\w-]+\s+){0,2}?" + words(rules().org_nouns)).match(lead):
        org = topic_org(ctx, sent.start)      # "The Shenzhen-based lab, founded by X, …"
    return [Role(person, org, sent, role, False, "en-founded-by")] if org else []


def _founded_with(ctx: Context, sent: Sentence, person: Mention) -> list[Role]:
    """"X co-founded Y in 2023 with Z": Z is a co-founder too."""
    text = ctx.text
    orgs = [o for o in of_type(sent, "Organization") if o.end <= person.start]
    if not orgs or not pattern(r"^\s+(?:in\s+\d{4}\s+|last\s+\w+\s+)?with\s+$").match(text[orgs[-1].end:person.start]):
        return []
    verb = pattern(rf"{words(rules().found_verbs)}\s+$").search(text[max(sent.start, orgs[-1].start - 20):orgs[-1].start])
    return [Role(person, orgs[-1], sent, rules().roles.cofounder, False, "en-founded-with")] if verb else []


def joining_clause(ctx: Context, sent: Sentence, person: Mention) -> list[Role]:
    """"Before joining Z, X was …": Z is the current employer; "After leaving Z, X …": a former one."""
    text = ctx.text
    g = rules()
    m = pattern(rf"^\s*(?P<how>{words(g.before_joining)})\s+").match(text[sent.start:sent.start + 40])
    orgs = of_type(sent, "Organization")
    if not m or not orgs or orgs[0].start != sent.start + m.end():
        return []
    first_person = next((p for p in of_type(sent, "Person") if p.start > orgs[0].end), None)
    if first_person != person or not re.fullmatch(r"\s*,\s*", text[orgs[0].end:person.start]):
        return []
    former = bool(pattern(words(g.leaving_markers)).match(m.group("how")))
    return [Role(person, orgs[0], sent, None, former, "en-joining-clause")]


def hired_by(ctx: Context, sent: Sentence, person: Mention) -> list[Role]:
    """"OpenAI hired X as …", "…, when Microsoft hired him to lead …": the organisation takes the person on."""
    text, g = ctx.text, rules()
    hire = words(g.hire_verbs)
    lead = pattern(rf"(?:{APOSTROPHE_S})?\s+(?:has\s+|had\s+|also\s+)?{hire}\s+(?:[\w-]+\s+){{0,4}}?$")
    out = []
    pron = pattern(rf"{words(g.its_words)}\s+(?:[\w-]+\s+){{0,3}}?{hire}\s+$").search(text[sent.start:person.start])
    if pron and not inside(sent, sent.start + pron.start(), person.start):
        topic = topic_org(ctx, sent.start + pron.start())
        if topic is not None:       # "The startup last month hired X"
            out.append(Role(person, topic, sent, _as_title(ctx, person.end), False, "en-hired-by"))
    for org in of_type(sent, "Organization"):
        if org.end <= person.start:
            if lead.fullmatch(text[org.end:person.start]) and not inside(sent, org.end, person.start):
                out.append(Role(person, org, sent, _as_title(ctx, person.end), False, "en-hired-by"))
        elif not CLAUSE_END.search(text[person.end:org.start]) and org.start - person.end < 160 \
                and not inside(sent, person.end, org.start, "Person"):
            m = pattern(rf"^\s+{hire}\s+{words(g.hire_objects)}").match(text[org.end:org.end + 40])
            if m:
                out.append(Role(person, org, sent, _as_title(ctx, org.end + m.end()), False, "en-hired-by"))
    return out


def _as_title(ctx: Context, pos: int) -> str | None:
    """"… as its chief executive": the title a person is taken on as (within the clause)."""
    after = pattern(rf"^[^.;]{{0,80}}?\s{words(rules().as_word)}\s+(?:(?:its|a|an|the|their)\s+)?(?P<t>{title_chain()})")
    m = after.match(ctx.text[pos:pos + 140])
    return clean_role(m.group("t")) if m else None


def whose_title(ctx: Context, sent: Sentence, person: Mention) -> list[Role]:
    """"Acme, whose founders include X": a title of the organisation's people."""
    text, g = ctx.text, rules()
    m = pattern(rf"(?:{APOSTROPHE_S})?,?\s+whose\s+(?:{former_marker()}\s*)?(?P<t>{titles_plural()})\s+"
                rf"{words(g.whose_links)}\s+$").search(text[max(sent.start, person.start - 80):person.start])
    if not m:
        return []
    at = person.start - (len(text[max(sent.start, person.start - 80):person.start]) - m.start())
    before = [o for o in of_type(sent, "Organization") if o.end <= at]
    if not before or before[-1].end != at:
        return []
    role = clean_role(m.group("t")).removesuffix("s")
    return [Role(person, before[-1], sent, role, is_former(m.group(0)), "en-whose-title")]


def who_runs(ctx: Context, sent: Sentence, person: Mention) -> list[Role]:
    """"X, who runs product, …": a role with no organisation named, at the one the text is about."""
    m = pattern(rf"^\s*,\s*who\s+{words(rules().runs_verbs)}\s+"
                r"(?P<role>(?-i:[a-z])[\w-]*(?:\s+(?:and\s+)?(?-i:[a-z])[\w-]*){0,2})\s*[,.;]") \
        .match(ctx.text[person.end:sent.end])
    if not m:
        return _who_runs_its(ctx, sent, person)
    if m.group("role").split()[0] in ("the", "a", "an", "its", "their", "his", "her"):
        return []
    topic = topic_org(ctx, person.start)
    return [Role(person, topic, sent, m.group("role"), False, "en-who-runs", implicit=True)] if topic else []


def _who_runs_its(ctx: Context, sent: Sentence, person: Mention) -> list[Role]:
    """"X, who heads the lab's Singapore office, …": a part of the organisation the text is about."""
    m = pattern(rf"^\s*,\s*who\s+{words(rules().runs_verbs)}\s+{words(rules().its_words)}\s+[^,.;]{{1,40}}?[,.;]") \
        .match(ctx.text[person.end:sent.end])
    if not m or inside(sent, person.end, person.end + m.end(), "Organization"):
        return []
    topic = topic_org(ctx, person.start)
    return [Role(person, topic, sent, None, False, "en-who-runs", implicit=True)] if topic else []


def lead_unit(ctx: Context, sent: Sentence, person: Mention) -> list[Role]:
    """"X … will lead the division as chief scientist": the unit the text named with that noun before."""
    text, g = ctx.text, rules()
    m = pattern(rf"{words(g.lead_verbs)}\s+the\s+(?:new\s+)?(?P<noun>{words(g.unit_nouns)})(?!\s+of\b)") \
        .search(text, person.end, sent.end)
    if not m or CLAUSE_END.search(text, person.end, m.start()) or inside(sent, person.end, m.start(), "Person"):
        return []
    unit = _unit_named(ctx, m.group("noun"), m.start())
    return [Role(person, unit, sent, _as_title(ctx, m.end()), False, "en-lead-unit")] if unit else []


def _unit_named(ctx: Context, noun: str, before: int) -> Mention | None:
    """The organisation named beside the last earlier use of ``noun``: "a new division called Z", "Z, the
    group's cloud unit", "its research lab, Z"."""
    uses = list(pattern(rf"(?<![\w-]){re.escape(noun)}(?![\w-])").finditer(ctx.text, max(0, before - 1500), before))
    orgs = [o for o in ctx.mentions if o.type == "Organization"]
    for use in reversed(uses):
        after = next((o for o in orgs if o.start >= use.end()), None)
        if after and pattern(rf"^\s*(?:,\s*|{words(rules().unit_name_intros)}\s+)$").match(ctx.text[use.end():after.start]):
            return after
        prior = [o for o in orgs if o.end <= use.start()]
        if prior and re.fullmatch(r",\s+(?:the|its|a|an)\s+[^,.;]{0,40}", ctx.text[prior[-1].end:use.start()]):
            return prior[-1]
    return None


def person_of(ctx: Context, sent: Sentence, person: Mention) -> list[Role]:
    """"Andrew Doe of Acme said": the organisation right after the name, joined by "of"."""
    after = [o for o in of_type(sent, "Organization") if o.start >= person.end]
    if after and pattern(r"^\s+of\s+(?:the\s+)?$").match(ctx.text[person.end:after[0].start]) \
            and not re.match(APOSTROPHE_S, ctx.text[after[0].end:after[0].end + 2]):
        return [Role(person, after[0], sent, None, False, "en-person-of-org")]
    return []


ROLE_RULES: list[RoleRule] = [title_before, apposition, predicate, founded_by, joining_clause, hired_by, whose_title,
                              who_runs, lead_unit, person_of]


def pronoun_roles(ctx: Context, sent: Sentence) -> list[Role]:
    """en-pronoun-verb-org: "Before OpenAI she spent five years at Nvidia": a he/she before any named person
    is the person the text last named; the verbs of the sentence give their roles."""
    pron = pattern(words(rules().person_pronouns)).search(ctx.text, sent.start, sent.end)
    persons = of_type(sent, "Person")
    if not pron or (persons and persons[0].start < pron.start()) \
            or pattern(rf"{words(rules().relative_adverbs)}\s+$").search(ctx.text[sent.start:pron.start()]) \
            or pattern(rf"^\s+(?:[\w-]+\s+)?{words(rules().reported_speech)}").match(ctx.text[pron.end():sent.end]):
        return []               # "He added that X runs …": X's verb, not his
    person = _pronoun_person(ctx, sent)
    return _predicate_from(ctx, sent, person, sent.start, "en-pronoun-verb-org") if person else []


def _pronoun_person(ctx: Context, sent: Sentence) -> Mention | None:
    """Whom a he/she of ``sent`` names: the last person (not a possessor: "Musk's xAI") of the nearest
    earlier sentence that names one, within PRONOUN_REACH characters."""
    i = ctx.sentences.index(sent)
    while i > 0 and sent.start - ctx.sentences[i - 1].end <= PRONOUN_REACH:
        i -= 1
        persons = of_type(ctx.sentences[i], "Person")
        if persons:
            named = [p for p in persons if not re.match(APOSTROPHE_S, ctx.text[p.end:p.end + 2])]
            return named[-1] if named else None
    return None


PRONOUN_REACH = 1200


def works_for(ctx: Context, out: Extraction) -> None:
    found = [r for sent in ctx.sentences for person in of_type(sent, "Person") for rule in ROLE_RULES
             for r in rule(ctx, sent, person)]
    found += [r for sent in ctx.sentences for r in pronoun_roles(ctx, sent)]
    found = [r for r in found if not _for_client(ctx, r)]
    explicit = superseded([r for r in found if not r.implicit], ctx, out)
    employed = {_key(r.person) for r in explicit if not r.former and not _side(r)}
    done: set[tuple[str, str, bool]] = set()
    for r in explicit + [r for r in found if r.implicit and _key(r.person) not in employed]:
        key = (_key(r.person), _key(r.org), r.former)
        if key in done:
            continue
        done.add(key)
        kind: RelationKind = "formerlyWorkedFor" if r.former else "worksFor"
        out.relations.append(Relation(kind, r.person, r.org, ctx.evidence(r.sent, r.rule), role=r.role or None))


def _side(r: Role) -> bool:
    """A second current job that leaves the main employer open: "teaches at X", "adjunct professor at X"."""
    g = rules()
    return r.side or (r.role is not None and (_outside(r.role) or bool(pattern(words(g.side_markers)).search(r.role))))


def _for_client(ctx: Context, r: Role) -> bool:
    """"X, Tarrant's lead counsel": a lawyer acts for the client, who is not the employer."""
    return bool(pattern(rf"^{APOSTROPHE_S}\s+(?:[\w-]+\s+){{0,2}}?{words(rules().client_titles)}")
                .match(ctx.text[r.org.end:r.org.end + 40]))


def superseded(roles: list[Role], ctx: Context, out: Extraction) -> list[Role]:
    """en-past-move: "In 2020 she moved to DeepMind" in the story of someone who now works elsewhere (a
    current role told without a move, at no unit or parent of it) is a former employer."""
    year = ctx.article.date.year if ctx.article.date else None
    settled = {(_key(r.person), _key(r.org)) for r in roles if not r.former and not r.move}
    linked = {frozenset((_key(f.subject), _key(f.object))) for f in out.relations if f.kind == "subsidiaryOf"}

    def past(r: Role) -> bool:
        years = [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", r.sent.text)]
        return year is not None and bool(years) and max(years) < year
    kept: list[Role] = []
    for r in roles:
        if r.move and not r.former and past(r) and any(p == _key(r.person) and o != _key(r.org)
                                                        and frozenset((o, _key(r.org))) not in linked for p, o in settled):
            r = Role(r.person, r.org, r.sent, r.role, True, "en-past-move")
        kept.append(r)
    return kept


def _key(m: Mention) -> str:
    return m.key or m.text.casefold()
