"""worksFor and formerlyWorkedFor: titles next to people, founding, and careers told as events (Chinese)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang.zh import lexicon
from ..records import Extraction, Mention, Relation, RelationKind
from ..text.patterns import alternation
from . import career_patterns as patterns
from .base import Context, Sentence, extractor
from .gates import gated
from .relations import (
    ASIDE_END,
    ASIDE_GAP,
    AT,
    BACK_THEN,
    BARE_AT,
    BEFORE_AFTER_ORG,
    BY_AFTER,
    CAME_FROM,
    CLAUSE_BREAK,
    CLAUSE_END,
    COFOUNDER_GAP,
    COMMA,
    CONTINUED,
    FORMER_BEFORE_ORG,
    FORMER_GAP,
    FOUNDED,
    FOUNDED_BY,
    FOUNDED_DESCRIBED,
    FOUNDED_VERB,
    ITS_OWNER,
    JOINED,
    JOINED_ONCE,
    KEPT_AFTER,
    LATER_JOIN,
    LEFT,
    LEFT_AFTER,
    LEFT_BEFORE,
    LEFT_LATER,
    LEFT_NOW,
    LEFT_SHORT,
    NOW_AT,
    NOW_DOING,
    NOW_ROLE,
    OF,
    ORIGIN_AFTER,
    OUR,
    PAST_EMPLOYED,
    PAST_ROLE,
    PAST_TITLE,
    PERSON_ROLE_GAP,
    RELATIVE_TITLE,
    REPRESENTING,
    RETURNED,
    ROLE_STRIP,
    ROLE_TRAILER,
    ROLES,
    STEPPED_DOWN,
    TAKEN_NEXT,
    TENURE_OF,
    THIS_COMPANY,
    TITLE_AFTER_JOIN,
    TITLE_GROUP_TAIL,
    TITLE_RULES,
    UNDER_OF,
    UNTIL_LEFT,
    WORKED_AFTER,
    WORKED_AT,
    WORKED_BEFORE_NOW,
    WORKED_FOR_YEARS,
    WORKPLACE_JOINER,
    YEAR,
    YEAR_SPAN,
    R,
    any_of,
    main_org,
    org_id,
)
from .relations_career_subject import Career, title_chain


@lru_cache(maxsize=1)
def _former_re() -> re.Pattern[str]:
    """A role that starts with a former marker: 原副总裁, 前CEO, 曾任."""
    return re.compile("^(?:" + alternation(lexicon().former_markers) + ")")


@extractor("worksFor")
def works_for(ctx: Context, out: Extraction) -> None:
    chain_re = title_chain()
    former_re = _former_re()
    done: set[tuple[int, int]] = set()
    for sent in ctx.sentences:
        orgs = [m for m in sent.mentions if m.type == "Organization"]
        for person in (m for m in sent.mentions if m.type == "Person"):
            # apposition: ORG [qualifier] TITLE [、ORG TITLE]* PERSON
            prefix = ctx.text[sent.start:person.start]
            chain = chain_re.search(prefix)
            # 甲智能CEO张某、乙云副总裁李某: a title chain runs over no other person's name
            inner = [p for p in sent.mentions if p.type == "Person" and chain
                     and sent.start + chain.start() <= p.start and p.end <= person.start]
            if inner:
                chain = chain_re.search(prefix, inner[-1].end - sent.start)
            if chain:
                chain_start = sent.start + chain.start()
                lead = [o for o in orgs if o.end <= chain_start and chain_start - o.end <= 8
                        and not CLAUSE_BREAK.search(ctx.text[o.end:chain_start])
                        and not any(o.end <= m.start < chain_start for m in sent.mentions)]
                inside = [o for o in orgs if chain_start <= o.start and o.end <= person.start]
                employers = lead[-1:] + inside
                for i, org in enumerate(employers):
                    stop = employers[i + 1].start if i + 1 < len(employers) else person.start
                    role = ROLE_TRAILER.sub("", TITLE_GROUP_TAIL.sub("", ctx.text[org.end:stop]).strip(ROLE_STRIP))
                    role = role.removeprefix(R.of[0])      # 星澜智能的技术负责人之一萧某
                    # 前字节跳动副总裁: a former marker before the organisation makes the role a former one
                    if FORMER_BEFORE_ORG.search(ctx.text[max(sent.start, org.start - 2):org.start]):
                        role = role if former_re.match(role) else ROLES.former + role
                    _add_role(ctx, out, done, sent, person, org, role, former_re, "org-title-person")
            # a title with no organisation before it ("公开资料显示，创始人梁文锋…"): the organisation the
            # text is about, i.e. the first one named earlier in this sentence or in the one before
            if chain and not employers_found(out, person):
                _listed_after(ctx, out, done, sent, person, sent.start + chain.start(), chain.group(0).strip())
            its = chain and ctx.text[sent.start + chain.start() - 1:sent.start + chain.start()] in R.its
            if chain and its and not employers_found(out, person):
                before = [o for o in orgs if o.end <= sent.start + chain.start()]
                if before:
                    _add_role(ctx, out, done, sent, person, before[-1], chain.group(0).strip(), former_re,
                              "its-title-person")      # 数森科技…其创始人左文彬
            if chain and not employers_found(out, person) \
                    and (mate := _clause_teammate(ctx, out, sent, sent.start + chain.start())) is not None:
                _add_role(ctx, out, done, sent, person, mate, chain.group(0).strip(), former_re, "implicit-employer")
            # (or the sentence's subject when it opens a clause before: 澈影智能成立于2023年，创始人兼CEO罗某)
            if chain and not employers_found(out, person) and (not [
                    o for o in orgs if o.end <= sent.start + chain.start()] or _opens_clause(ctx, sent, chain.start())):
                before_chain = prefix[:chain.start()]
                company = BARE_COMPANY.fullmatch(before_chain)     # 公司原COO某某: a former title there
                our = (OUR.search(before_chain) or _answering(ctx, sent)) and main_org(ctx)
                topic = our or _team_topic(ctx, out, sent, person) or topic_org(ctx, sent, person)
                if topic is None and company:
                    topic = paragraph_org(ctx, sent) or main_org(ctx)
                if topic is None and DESCRIBED_TITLE.fullmatch(before_chain) and _opens_paragraph(ctx, sent):
                    topic = main_org(ctx)       # "CEO周某是…" opening a paragraph of a company feature
                if topic is None and THIS_COMPANY.search(before_chain):
                    topic = main_org(ctx) or last_org_before(ctx, sent.start)   # 这家公司，首席科学家某某
                if topic is not None:
                    role = (ROLES.former if company and company.group("former") else "") + chain.group(0).strip()
                    _add_role(ctx, out, done, sent, person, topic, role, former_re, "implicit-employer")
            # predicate: PERSON 现任/是/曾任 ORG(的)TITLE
            for org in (o for o in orgs if o.start > person.end):
                gap = ctx.text[person.end:org.start]
                continued = CONTINUED.match(gap) or TAKEN_NEXT.match(gap)
                aside = ASIDE_GAP.match(gap)        # 詹某（晴川证券首席分析师）
                if next_gap := _taken_after_org(ctx, sent, person, org):
                    gap = next_gap
                elif (CLAUSE_BREAK.search(gap) and not continued) or not (PERSON_ROLE_GAP.search(gap) or aside) \
                        or any(person.end <= m.start and m.end <= org.start for m in sent.mentions):
                    continue
                # 曾任微软全球副总裁, 原是百度文心大模型推理团队负责人: a short qualifier may precede the title
                title = patterns.qualified_title().match(ctx.text, org.end, min(sent.end, org.end + 24))
                if not title or aside and not ASIDE_END.match(ctx.text, title.end()):
                    continue
                former = bool(FORMER_GAP.search(gap)) or bool(aside and gap[1:] in R.apposition_marks[:2]) \
                    or bool(UNTIL_LEFT.match(ctx.text, title.end(), sent.end))
                role = (ROLES.former if former else "") + title.group(1)
                _add_role(ctx, out, done, sent, person, org, role, former_re, "person-is-title")


def _listed_after(ctx: Context, out: Extraction, done: set[tuple[int, int]], sent: Sentence, person: Mention,
                  chain_start: int, role: str) -> None:
    """"澜汐云总裁某甲、首席财务官某乙": the title of a person listed right after another titled one is held at
    the organisation the first one's title was read at."""
    mark = next((m for m in R.listed_person_marks if ctx.text.startswith(m, chain_start - len(m))), None)
    if mark is None:
        return
    prev = next((p for p in sent.mentions if p.type == "Person" and p.end == chain_start - len(mark)), None)
    first = next((r for r in out.relations if prev is not None and r.subject == prev
                  and r.kind == "worksFor" and r.evidence.rule in LISTED_FROM_RULES), None)
    if first is not None:
        _add_role(ctx, out, done, sent, person, first.object, role, _former_re(), "listed-title-person")


# the rules whose organisation a person listed next shares
LISTED_FROM_RULES = ("org-title-person", "listed-title-person")


def _taken_after_org(ctx: Context, sent: Sentence, person: Mention, org: Mention) -> str | None:
    """"某某留任澜汐科技总经理，同时出任峰图智能副总裁": a title taken at ORG in the clause right after the
    person's title at another organisation; the gap from that organisation to ORG, if so."""
    between = [m for m in sent.mentions if person.end <= m.start and m.end <= org.start]
    if not between or any(m.type != "Organization" for m in between) \
            or CLAUSE_BREAK.search(ctx.text, person.end, between[0].start):
        return None
    gap = ctx.text[between[-1].end:org.start]
    return gap if TAKEN_NEXT.match(gap) else None


def _team_topic(ctx: Context, out: Extraction, sent: Sentence, person: Mention) -> Mention | None:
    """"创始人兼CEO某甲此前在A工作五年。联合创始人兼CTO某乙来自B。": a title with no organisation right after
    the sentence that gave one to somebody else, or that told of a founding, is at that company (not at A, the
    first one named there)."""
    i = ctx.sentence_index(sent)
    if i == 0 or any(o.type == "Organization" and o.end <= person.start for o in sent.mentions):
        return None
    prev = ctx.sentences[i - 1]
    if "\n" in ctx.text[prev.end:sent.start]:
        return None
    mate = next((r.object for r in out.relations if r.evidence.start == prev.start
                 and r.evidence.rule in TEAM_RULES and r.subject.type == "Person"), None)
    # (or the company the sentence before tells the founding of: …2023年离开A后创办峰图科技。联合创办人某乙…)
    return mate or next((o for o in prev.mentions if o.type == "Organization"
                         and FOUNDED.search(ctx.text[max(prev.start, o.start - 8):o.start])), None)


def _clause_teammate(ctx: Context, out: Extraction, sent: Sentence, at: int) -> Mention | None:
    """"创始人兼CEO某甲此前在A工作；联合创始人兼CTO某乙早年在B…": a title in a clause after a semicolon, with no
    name before it in its clause, is at the company a teammate's title earlier in the sentence was read at."""
    cut = max(ctx.text.rfind(mark, sent.start, at) for mark in SEMICOLONS)
    if cut < 0 or any(cut < m.start < at for m in sent.mentions):
        return None
    return next((r.object for r in out.relations if r.evidence.start == sent.start
                 and r.evidence.rule in TEAM_RULES and r.subject.end <= cut), None)


SEMICOLONS = "；;"
# the rules that put a person at the company a sentence is about (the team the next sentence goes on with)
TEAM_RULES = ("implicit-employer", "its-title-person")


def _answering(ctx: Context, sent: Sentence) -> bool:
    """``sent`` is in an interview answer: a title with no organisation is one at the interviewee's company
    (the one the article is about), not at the last organisation the answer named (我在A时的同事，CTO某某)."""
    return Career(ctx).speaker(sent) is not None


def _opens_paragraph(ctx: Context, sent: Sentence) -> bool:
    return sent.start == 0 or "\n" in ctx.text[max(0, sent.start - 2):sent.start]


def _opens_clause(ctx: Context, sent: Sentence, at: int) -> bool:
    """The title chain opens a clause (after a comma, a colon or a semicolon: 峰图智能的创始团队：创始人某甲…；
    联合创始人兼CTO某乙…) of a sentence whose first name is an organisation."""
    first = next(iter(sent.mentions), None)
    mark = ctx.text[sent.start + at - 1:sent.start + at]
    # (after a colon or semicolon only when the first name is no one's employer by a title right after it:
    # 峰图智算总经理某甲来自A；产品副总某乙… tells of the article's company, not of 峰图智算)
    return (first is not None and first.type == "Organization" and first.start < sent.start + at
            and mark in CLAUSE_OPENERS and (mark in COMMA or not patterns.title_first().match(ctx.text, first.end)))


# the marks after which a clause opens
CLAUSE_OPENERS = COMMA + "：:；;"


def paragraph_org(ctx: Context, sent: Sentence) -> Mention | None:
    """The first organisation named in the paragraph before ``sent``: what a flash item's 公司 stands for."""
    start = ctx.text.rfind("\n", 0, sent.start) + 1
    return next((m for m in ctx.mentions if m.type == "Organization" and start <= m.start < sent.start), None)


def last_org_before(ctx: Context, pos: int) -> Mention | None:
    return next((m for m in reversed(ctx.mentions) if m.type == "Organization" and m.end <= pos), None)


def employers_found(out: Extraction, person: Mention) -> bool:
    # (the offsets first: comparing two mentions field by field is the slow part)
    return any(r.subject.start == person.start and r.kind in ("worksFor", "formerlyWorkedFor") and r.subject == person
               for r in out.relations)


def topic_org(ctx: Context, sent: Sentence, person: Mention) -> Mention | None:
    """The organisation a sentence is about: the first named before the person in it, else the first
    named in the previous sentence of the same paragraph."""
    here = [o for o in sent.mentions if o.type == "Organization" and o.end <= person.start
            and not _quoted(ctx, sent, o)]
    if here:
        return here[0]
    i = ctx.sentence_index(sent)
    if i > 0:
        prev = ctx.sentences[i - 1]
        if "\n" not in ctx.text[prev.end:sent.start]:
            orgs = [o for o in prev.mentions if o.type == "Organization" and not _quoted(ctx, prev, o)]
            if orgs and ITS_OWNER.match(ctx.text, orgs[0].end, prev.end):
                return paragraph_org(ctx, prev)     # 华讯仍是其第一大股东。创始人某某…: 其's company
            if orgs:
                return orgs[0]
    return None


def _quoted(ctx: Context, sent: Sentence, org: Mention) -> bool:
    """Is the organisation inside a quote (对于“会不会被星河科技拖入价格战”的提问，CTO某某…)? A quote names what
    is said about, not whom the sentence is about."""
    before = ctx.text[sent.start:org.start]
    return any(before.count(o) > before.count(c) for o, c in QUOTE_PAIRS)


QUOTE_PAIRS = (("“", "”"), ("「", "」"), ("『", "』"))


@extractor("founded")
def founded(ctx: Context, out: Extraction) -> None:
    """"X（与同学共同）创立/成立ORG": X works for ORG as its founder."""
    done: set[tuple[int, int]] = set()
    for sent in ctx.sentences:
        for org in (m for m in sent.mentions if m.type == "Organization"):
            if not (FOUNDED.search(ctx.text[max(sent.start, org.start - 8):org.start])
                    or FOUNDED_DESCRIBED.search(ctx.text[max(sent.start, org.start - 30):org.start])):
                continue
            # 【记者某某/台北报导】: a byline or heading in 【】 names no founder of what the text after it tells
            # (nor one told of in a clause before a semicolon: 某某早年在A任职；2023年B分拆成立C)
            persons = [p for p in sent.mentions if p.type == "Person" and p.end <= org.start
                       and not HEADING_MARKS.search(ctx.text, p.end, org.start)
                       and not SEMICOLON.search(ctx.text, p.end, org.start)]
            # 裴思远与大学同学沈霁合伙创办…: everyone joined by 与/和 before the verb founded it
            founders = persons[-1:]
            for a, b in zip(reversed(persons[:-1]), reversed(persons[1:])):
                if COFOUNDER_GAP.fullmatch(ctx.text[a.end:b.start]):
                    founders.append(a)
                else:
                    break
            for person in founders:
                if (person.start, org.start) not in done:
                    done.add((person.start, org.start))
                    out.relations.append(Relation("worksFor", person, org, ctx.evidence(sent, "founded-org"),
                                                  role=ROLES.founder, date=ctx.date_in(sent.text)))


# 【记者某某/台北报导】: the marks of a heading or byline
HEADING_MARKS = re.compile("[【】]")
# "公司CTO某某": the company the article is about
BARE_COMPANY = re.compile(any_of(R.company) + "(?P<former>" + any_of(R.former_before_org) + ")?")
# "负责产品的副总裁某某" opening a paragraph: a title described by what it does, or no description
DESCRIBED_TITLE = re.compile(r"(?:[^，,。；;：:“”]{0,12}" + OF + ")?")
SEMICOLON = re.compile("[；;]")

Event = tuple[Sentence, Mention, Mention, str, str]     # sentence, person, organisation, role, rule


def left_org(c: Career, sent: Sentence, org: Mention, before: str, after: str) -> list[Event] | None:
    """"他从ORG离职" / "离开ORG后" / "曾在ORG短暂任职" / "还在ORG做过两年研究总监" / "ORG出身" / "同时卸任ORG总裁":
    formerly worked there."""
    if not (LEFT.search(before) and LEFT_AFTER.match(after)
            or WORKED_AT.search(before) and (WORKED_AFTER.match(after) or CLAUSE_END.match(after))
            or AT.search(before) and (WORKED_BEFORE_NOW.match(after) or BACK_THEN.match(after))
            or LEFT_BEFORE.search(before)
            or STEPPED_DOWN.search(before) and not KEPT_AFTER.search(c.ctx.text, org.end, sent.end)
            or ORIGIN_AFTER.match(after)):
        return None
    person = c.subject(sent, org.start)
    if not person:
        return []
    c.left.add((person.text, org.text))
    return [(sent, person, org, ROLES.former + ROLES.employed, "left-org")]


def was_at_org(c: Career, sent: Sentence, org: Mention, before: str, after: str) -> list[Event] | None:
    """"她此前是阿里云的高级算法专家" / "黎晴此前是商汤科技的研究总监" / "创业前任职商汤科技研究总监" /
    "更早前曾任职汇丰": a former role, with its title when one follows."""
    past = PAST_TITLE.match(after)
    if not (PAST_ROLE.search(before) and past or PAST_EMPLOYED.search(before)):
        return None
    person = c.subject(sent, org.start)
    if not person:
        return []
    c.left.add((person.text, org.text))
    return [(sent, person, org, ROLES.former + (past.group("role") if past else ROLES.employed), "was-at-org")]


def now_at_org(c: Career, sent: Sentence, org: Mention, before: str, after: str) -> list[Event] | None:
    """"现任岚舟科技CTO的蒋某" / "现为浙江大学教授的包某": a current title in a relative clause."""
    person = c.relative_person(sent, org.start) if NOW_ROLE.search(before) else None
    if person is None:
        return None
    title = RELATIVE_TITLE.match(c.ctx.text[org.end:person.start])
    return [(sent, person, org, title.group("role") if title else ROLES.employed, "now-at-org")]


def listed_workplaces(c: Career, sent: Sentence, org: Mention, before: str, after: str) -> list[Event] | None:
    """"曾先后在A、B、C任职" / "曾先后任职于A、B和C": every organisation of the list is a former workplace."""
    text = c.ctx.text
    orgs = [o for o in sent.mentions if o.type == "Organization"]
    first = last = orgs.index(org)
    while first > 0 and WORKPLACE_JOINER.match(text[orgs[first - 1].end:orgs[first].start]):
        first -= 1
    while last + 1 < len(orgs) and WORKPLACE_JOINER.match(text[orgs[last].end:orgs[last + 1].start]):
        last += 1
    head = orgs[first].start
    lead = text[max(sent.start, head - 16):head]
    if first == last or not (WORKED_AT.search(lead) and WORKED_AFTER.match(text[orgs[last].end:sent.end])
                             or PAST_EMPLOYED.search(lead)):
        return None
    person = c.subject(sent, head)
    if not person:
        return []
    c.left.add((person.text, org.text))
    return [(sent, person, org, ROLES.former + ROLES.employed, "listed-workplaces")]


def works_there_now(c: Career, sent: Sentence, org: Mention, before: str, after: str) -> list[Event] | None:
    """"他现在在岳峰科技负责推理" / "我叫詹某，在岳峰科技当技术负责人": where the person works now, with the
    title when one follows the verb."""
    person = None
    if NOW_AT.search(before) and NOW_DOING.match(after):
        person = c.subject(sent, org.start)
    elif (bare := BARE_AT.search(before)) and NOW_DOING.match(after):
        # 詹某，在…: the person right before the comma is the clause's subject
        at = org.start - len(before) + bare.start()
        person = next((p for p in sent.mentions if p.type == "Person" and p.end == at), None)
    if person is None:
        return None
    title = patterns.title_first().search(after, NOW_DOING.match(after).end())      # type: ignore[union-attr]
    return [(sent, person, org, title.group(0) if title and title.start() <= 12 else ROLES.employed, "works-now")]


def worked_for_years(c: Career, sent: Sentence, org: Mention, before: str, after: str) -> list[Event] | None:
    """"许某在字节跳动工作了近六年": a tenure; current unless the article tells of a move (see _add_events)."""
    if not (AT.search(before) and (WORKED_FOR_YEARS.match(after) or TENURE_OF.match(after))):
        return None
    person = c.subject(sent, org.start)
    return [(sent, person, org, ROLES.employed, "worked-for-years")] if person else []


def joined_org(c: Career, sent: Sentence, org: Mention, before: str, after: str) -> list[Event] | None:
    """"X已正式加盟ORG，出任CPO" / "X调任ORG行政总裁": works there, with the role if one is told."""
    if not JOINED.search(before):
        return None
    person = c.subject(sent, org.start)
    title = TITLE_AFTER_JOIN.match(after)
    role = title.group("role") if title else (direct.group(0) if (direct := patterns.title_first().match(after)) else None)
    if person and (_left_later(c, sent, org) or JOINED_ONCE.search(before)):
        c.left.add((person.text, org.text))
        return [(sent, person, org, ROLES.former + (role or ROLES.employed), "left-org")]
    rule = "returned-org" if RETURNED.search(before) else "joined-org"
    return [(sent, person, org, role or ROLES.joined, rule)] if person else []


def _left_later(c: Career, sent: Sentence, org: Mention) -> bool:
    """"2018年转投ORG任研究总监，三年后离开创业": the last join of a sentence, left with no organisation named."""
    later = any(m.type == "Organization" and m.start > org.end for m in sent.mentions)
    return not later and bool(LEFT_LATER.search(c.ctx.text, org.end, sent.end)
                              or UNTIL_LEFT.search(c.ctx.text, org.end, sent.end))


def apposed_title(c: Career, sent: Sentence) -> list[Event]:
    """"韦某，启明智能原首席科学家，已于…" / "韦某，原启明智能首席科学家，": a person, then an organisation and a
    title in apposition; 原/前 before the organisation or the title makes the role a former one."""
    events: list[Event] = []
    text = c.ctx.text
    mentions = sent.mentions
    for person, org in zip(mentions, mentions[1:]):
        if person.type != "Person" or org.type != "Organization":
            continue
        gap = text[person.end:org.start]
        lead = gap[1:] if gap[:1] in R.apposition_comma else None
        if lead not in ("", *R.apposition_marks[:2]):
            continue
        title = patterns.apposed_title().match(text, org.end, sent.end)
        if title and not (lead and title.group("mark")):
            mark = lead or title.group("mark") or ""
            former = mark and mark in R.apposition_marks[:2]
            events.append((sent, person, org, (ROLES.former if former else "") + title.group("role"), "apposed-title"))
    return events


def founded_by(c: Career, sent: Sentence, org: Mention, before: str, after: str) -> list[Event] | None:
    """"ORG，由…X创办" / "ORG由A与B于2021年共同创立": the persons before the verb are founders."""
    if not BY_AFTER.match(after):
        return None
    text = c.ctx.text
    persons = [p for p in sent.mentions if p.type == "Person" and p.start > org.end
               and FOUNDED_BY.match(text[org.end:p.start])]
    last = next((i for i, p in enumerate(persons) if FOUNDED_VERB.match(text[p.end:p.end + 24])), None)
    if last is None:
        return []
    first = last
    while first > 0 and COFOUNDER_GAP.fullmatch(text[persons[first - 1].end:persons[first].start]):
        first -= 1
    return [(sent, p, org, ROLES.founder, "founded-by") for p in persons[first:last + 1]]


def founded_by_pronoun(c: Career, sent: Sentence, org: Mention, before: str, after: str) -> list[Event] | None:
    """"2021年，她与两位同学创办了ORG": the founder told as 他/她 (a named founder is the founded extractor's)."""
    if not FOUNDED.search(before) or any(p.type == "Person" and p.end <= org.start for p in sent.mentions):
        return None
    person = c.subject(sent, org.start)
    return [(sent, person, org, ROLES.founder, "founded-it")] if person else []


def came_from(c: Career, sent: Sentence, org: Mention, before: str, after: str) -> list[Event] | None:
    """"研发副总经理蔡某则来自辉达": a person introduced with a title (at the organisation the text is about)
    who comes from ORG worked there before."""
    text = c.ctx.text
    person = next((p for p in reversed(sent.mentions) if p.type == "Person" and p.end <= org.start), None)
    if person is None or not CAME_FROM.fullmatch(text, person.end, org.start) \
            or not title_chain().search(text, sent.start, person.start):
        return None
    c.left.add((person.text, org.text))
    return [(sent, person, org, ROLES.former + ROLES.employed, "came-from")]


# the rules that read the text around an organisation, in order: the first that applies reads it
ORG_CAREER_RULES = [came_from, listed_workplaces, left_org, was_at_org, now_at_org, worked_for_years, works_there_now,
                    joined_org, founded_by,
                    founded_by_pronoun]


def org_events(c: Career, sent: Sentence) -> list[Event]:
    """The events told around each organisation of the sentence."""
    events: list[Event] = []
    text = c.ctx.text
    orgs = [m for m in sent.mentions if m.type == "Organization"]
    for org in orgs:
        # 在阿里巴巴旗下的达摩院从事…: the words before the parent tell of the unit under it
        if any(UNDER_OF.fullmatch(text[org.end:o.start]) for o in orgs):
            continue        # the parent: what is told is of the unit
        parent = next((p for p in orgs if UNDER_OF.fullmatch(text[p.end:org.start])), None)
        lead = parent.start if parent is not None else org.start
        before = text[max(sent.start, lead - 16):lead]     # every pattern on it is anchored at its end
        after = text[org.end:min(sent.end, org.end + 30)]
        for rule in ORG_CAREER_RULES:
            found = rule(c, sent, org, before, after)
            if found is not None:
                events += found
                break
    return events


def joined_the_company(c: Career, sent: Sentence) -> list[Event]:
    """"出任公司CTO": a title at the first organisation of the sentence, or (谭某将继续担任公司董事长) at
    the one the sentence before is about."""
    first_org = next((m for m in sent.mentions if m.type == "Organization"), None)
    events: list[Event] = []
    for m in patterns.company_title().finditer(sent.text):
        person = c.subject(sent, sent.start + m.start())
        org = first_org or (topic_org(c.ctx, sent, person) if person is not None else None)
        if person is not None and org is not None:
            events.append((sent, person, org, m.group("role"), "joined-the-company"))
    return events


def appointed(c: Career, sent: Sentence) -> list[Event]:
    """"智谱近日任命罗某为首席财务官": the last organisation before the verb, the title after 为."""
    events: list[Event] = []
    text = c.ctx.text
    for person in (m for m in sent.mentions if m.type == "Person"):
        verb = patterns.appoint_before().search(text, max(sent.start, person.start - 4), person.start)
        title = patterns.appoint_title().match(text, person.end, sent.end)
        orgs = [o for o in sent.mentions if o.type == "Organization" and verb and o.end <= verb.start()]
        if verb and title and orgs:
            role = re.split(r"[（(]", title.group("role"))[0]       # 首席财务官(CFO): the title before a gloss
            events.append((sent, person, orgs[-1], role, "appointed"))
    return events


def took_title(c: Career, sent: Sentence) -> list[Event]:
    """"X随即出任CTO": a title at the organisation the text is about."""
    events: list[Event] = []
    for person in (m for m in sent.mentions if m.type == "Person"):
        took = patterns.took_title().match(c.ctx.text[person.end:sent.end])
        if took and not any(o.start > person.end and o.start < person.end + took.end() for o in sent.mentions):
            topic = _founded_before(c.ctx, sent, person) or topic_org(c.ctx, sent, person)
            # 曾在鹤屿工作七年的温某回归，出任云智事业部总裁: a return to the organisation left
            rule = "returned-org" if took.group("back") else "took-title"
            if topic is not None:
                events.append((sent, person, topic, took.group("role"), rule))
    return events


def _founded_before(ctx: Context, sent: Sentence, person: Mention) -> Mention | None:
    """"…一起创办了汀屿智能，叶某出任CEO": the organisation the sentence founds before the person."""
    return next((o for o in reversed(sent.mentions) if o.type == "Organization" and o.end <= person.start
                 and FOUNDED.search(ctx.text[max(sent.start, o.start - 8):o.start])), None)


def kept_title(c: Career, sent: Sentence) -> list[Event]:
    """"创始人X卸任总裁，继续担任董事长": stepping down from one title, the person keeps another at the
    organisation the sentence is about."""
    events: list[Event] = []
    for person in (m for m in sent.mentions if m.type == "Person"):
        kept = patterns.kept_title().match(c.ctx.text, person.end, sent.end)
        if kept and not any(person.end < o.start < kept.end() for o in sent.mentions):
            topic = topic_org(c.ctx, sent, person)
            if topic is not None:
                events.append((sent, person, topic, kept.group("role"), "kept-title"))
    return events


def succeeded_to_post(c: Career, sent: Sentence) -> list[Event]:
    """"CEO一职由原COO某某接任" / "其职务由研究副总裁某某接任": the person after 由 takes the post (the title
    before 一职, if said) at the last organisation named before it in the sentence."""
    events: list[Event] = []
    text = c.ctx.text
    for m in patterns.post_word().finditer(text, sent.start, sent.end):
        person = next((p for p in sent.mentions if p.type == "Person" and p.start >= m.end()), None)
        orgs = [o for o in sent.mentions if o.type == "Organization" and o.end <= m.start()]
        if person is None or not orgs or not re.fullmatch(R.post_taken_by, text[m.end():person.start]) \
                or not patterns.successor_verb().match(text, person.end, sent.end) \
                or any(m.end() <= o.start < person.start for o in sent.mentions):
            continue
        events.append((sent, person, orgs[-1], m.group("role") or ROLES.employed, "succeeded-to-post"))
    return events


def successor_by_title(c: Career, sent: Sentence) -> list[Event]:
    """"峰图集团行政总裁某甲将于年底卸任，由现任财务总裁某乙接替": the successor, told by a title with no
    organisation of its own, holds it at the last organisation named before in the sentence."""
    events: list[Event] = []
    text = c.ctx.text
    for m in patterns.successor_by().finditer(text, sent.start, sent.end):
        person = next((p for p in sent.mentions if p.type == "Person" and p.start == m.end()), None)
        orgs = [o for o in sent.mentions if o.type == "Organization" and o.end <= m.start()]
        if person is not None and orgs and patterns.successor_verb().match(text, person.end, sent.end):
            events.append((sent, person, orgs[-1], m.group("role"), "succeeded-to-post"))
    return events


def post_by_agent(c: Career, sent: Sentence) -> list[Event]:
    """"元度智联总经理由原某司副总经理郑某出任" / "首席科学家则由此前在某司担任副院长的郑某担任": the person
    after 由 takes the post before it, at the organisation named right before the post or, when the post
    opens a clause, at the first organisation of the sentence."""
    events: list[Event] = []
    text = c.ctx.text
    first_org = next((o for o in sent.mentions if o.type == "Organization"), None)
    for m in patterns.post_by().finditer(text, sent.start, sent.end):
        person = next((p for p in sent.mentions if p.type == "Person" and p.start >= m.end()), None)
        if person is None or CLAUSE_BREAK.search(text, m.end(), person.start) \
                or not patterns.agent_verb().match(text, person.end, sent.end):
            continue
        between = text[m.end():person.start]
        if len(between) > 14 and not between.endswith(R.of[0]):
            continue        # a long stretch is no title of the person, unless a relative clause ends in 的
        org = next((o for o in sent.mentions if o.type == "Organization" and o.end <= m.start()
                    and re.fullmatch(OF + "?", text[o.end:m.start()])), None)
        if org is None and (m.start() == sent.start or CLAUSE_BREAK.match(text, m.start() - 1)):
            org = first_org if first_org is not None and first_org.end <= m.start() else None
        if org is not None:
            events.append((sent, person, org, m.group("role"), "post-by-agent"))
    return events


def left_short_name(c: Career, sent: Sentence) -> list[Event]:
    """"2018年我离开研究院": the organisation is the last one named before whose name ends in that kind."""
    events: list[Event] = []
    for m in LEFT_SHORT.finditer(c.ctx.text, sent.start, sent.end):
        org = next((o for o in reversed(c.ctx.mentions) if o.type == "Organization" and o.end <= m.start()
                    and o.text.endswith(m.group("noun")) and o.text != m.group("noun")), None)
        person = c.subject(sent, m.start())
        if org is not None and person is not None:
            c.left.add((person.text, org.text))
            events.append((sent, person, org, ROLES.former + ROLES.employed, "left-org"))
    return events


# the career rules, in order, each reading one sentence
# (gated: each runs only on a sentence holding the word its pattern needs and the mentions it reads)
PO = ("Person", "Organization")
CAREER_RULES = [gated(org_events, kinds=PO[1:]), gated(joined_the_company, R.company_verbs), gated(appointed, kinds=PO),
                gated(took_title, kinds=PO[:1]), gated(kept_title, kinds=PO[:1]),
                gated(succeeded_to_post, R.post_words, PO), gated(successor_by_title, R.successor_by, PO),
                gated(post_by_agent, R.by, PO), apposed_title, gated(left_short_name, R.left_before)]


@extractor("careerMoves")
def career_moves(ctx: Context, out: Extraction) -> None:
    """Joining, leaving and founding, told as events rather than titles.

    "X已正式加盟ORG，出任CPO" (works for, with the role), "他从ORG离职" / "曾在ORG短暂任职" (formerly),
    "ORG，由…X创办" (founder). The person is the nearest one before in the sentence, or the last
    person named when the clause starts with 他/她.
    """
    c = Career(ctx)
    events = [e for sent in ctx.sentences for rule in CAREER_RULES for e in rule(c, sent)]
    left = c.left | {(r.subject.text, r.object.text) for r in out.relations if r.kind == "formerlyWorkedFor"}
    former_re = _former_re()
    left |= {(person.text, org.text) for _, person, org, role, _ in events if former_re.match(role)}
    _add_events(ctx, out, events, left)
    back = {(person.text, org.text) for _, person, org, _, rule in events if rule == "returned-org"}
    gone = {(person.text, org.text) for _, person, org, _, rule in events if rule in LEAVING_RULES} - back
    persons = {m.text for m in ctx.mentions if m.type == "Person"}
    out.relations = [_unless_over(ctx, _unless_left(ctx, r), gone) for r in out.relations
                     if not _no_employer(r, persons)]


def _no_employer(rel: Relation, persons: set[str]) -> bool:
    """A job at a clause run into a name (上月加盟岚声科技, 陈某辞职): a time word or a verb of joining or
    leaving in it, or a person's name (of ``persons``, the article's) inside it."""
    if rel.kind not in ("worksFor", "formerlyWorkedFor"):
        return False
    name = rel.object.text
    return bool(NOT_AN_EMPLOYER.search(name)) or any(p in name for p in persons)


NOT_AN_EMPLOYER = re.compile(R.not_an_employer)


# the events that tell a person has left an organisation: a title there, wherever told, is a former one
LEAVING_RULES = ("left-org", "listed-workplaces")


def _unless_over(ctx: Context, rel: Relation, gone: set[tuple[str, str]]) -> Relation:
    """"2021年底，X离开澈影智能" / "2015年至2019年，X担任澈影智能首席科学家": a title at an organisation
    the person left, or held for a span of years that ended before the article's year, is a former one."""
    if rel.kind != "worksFor":
        return rel
    span = YEAR_SPAN.search(ctx.text[rel.evidence.start:rel.object.start])
    year = ctx.article.date.year if ctx.article.date else None
    ended = span is not None and year is not None and int(span.group(1)) < year
    if not ended and (rel.subject.text, rel.object.text) not in gone:
        return rel
    role = ROLES.former + (rel.role or ROLES.employed)
    return Relation("formerlyWorkedFor", rel.subject, rel.object, rel.evidence, role=role, date=rel.date)


def _unless_left(ctx: Context, rel: Relation) -> Relation:
    """"首席技术官邓某已于本月离职，将加盟腾讯": the title the sentence gives is the one being left."""
    if rel.kind != "worksFor" or rel.evidence.rule not in TITLE_RULES:
        return rel
    after = ctx.text[rel.subject.end:rel.evidence.end]      # the rest of the relation's sentence
    if not LEFT_NOW.match(after):
        return rel
    role = ROLES.former + (rel.role or ROLES.employed)
    return Relation("formerlyWorkedFor", rel.subject, rel.object, rel.evidence, role=role, date=rel.date)


# the events that put a person at an organisation, and which of them is the latest decides who is current
JOIN_RULES = ("joined-org", "worked-for-years", "founded-it", "returned-org")
# the events that tell a current title: a join elsewhere told with a year is older
CURRENT_RULES = ("joined-the-company", "appointed", "took-title", "kept-title", "succeeded-to-post", "apposed-title",
                 "now-at-org", "works-now", "post-by-agent")
# an undated join is the news the article reports; a join told "before" something, or a tenure, is history
NEWS_YEAR, HISTORY_YEAR = 9999, 1


def _join_year(ctx: Context, sent: Sentence, org: Mention, rule: str) -> int:
    if rule == "worked-for-years" or BEFORE_AFTER_ORG.match(ctx.text[org.end:sent.end]):
        return HISTORY_YEAR             # 加入字节之前，他曾在…
    year = YEAR.findall(ctx.text[sent.start:org.start])
    if year:
        return int(year[-1])
    later = LATER_JOIN.search(ctx.text, org.end, sent.end)     # 博士毕业后加入A；2019年转投B
    return int(later.group(1)) - 1 if later else NEWS_YEAR


def _add_events(ctx: Context, out: Extraction, events: list[Event], left: set[tuple[str, str]]) -> None:
    """Leaving wins over joining, whatever the order they are told in (加入百度…后从百度离职); and of
    several joins of one person to different organisations only the latest is current: a dated join
    (2016年加入A) is older than the undated one the news is about (已于近日加盟B)."""
    former_re = _former_re()
    done: set[tuple[int, int]] = set()
    joins: dict[str, list[tuple[int, str]]] = {}
    for sent, person, org, _role, rule in events:
        if rule in JOIN_RULES or rule == "left-org" and YEAR.search(ctx.text[sent.start:org.start]):
            joins.setdefault(person.text, []).append((_join_year(ctx, sent, org, rule), org_id(org.text)))
    # a current title told elsewhere (星衡云CTO沈某) is the news too: a dated join elsewhere is history
    for rel in out.relations:
        if rel.kind == "worksFor" and rel.subject.text in joins:
            joins[rel.subject.text].append((NEWS_YEAR, org_id(rel.object.text)))
    for _, person, org, role, rule in events:     # and so is a title taken at the company (出任公司CTO)
        if rule in CURRENT_RULES and person.text in joins and not former_re.match(role):
            joins[person.text].append((NEWS_YEAR, org_id(org.text)))
    # 2022年加盟岫衡集团，创立岫枢科技: a join to the group that owns the later company is not over
    owns = {(org_id(r.object.text), org_id(r.subject.text)) for r in out.relations if r.kind == "subsidiaryOf"}
    for sent, person, org, role, rule in events:
        if rule in JOIN_RULES and rule != "returned-org" and (person.text, org.text) in left:
            continue
        dated = joins.get(person.text, [])
        latest = max((y for y, _ in dated), default=0)
        if rule in JOIN_RULES and (len({o for _, o in dated}) > 1
                                   and max(y for y, o in dated if o == org_id(org.text)) < latest
                                   and not any((org_id(org.text), o) in owns for y, o in dated if y == latest)
                                   or _left_its_unit(out, events, left, person, org)
                                   or rule != "returned-org" and _left_by_short_name(left, person, org)):
            role = ROLES.former + (role if role != ROLES.joined else ROLES.employed)
        # 曾在鹤屿工作七年的温某回归，出任…: the return is told of the organisation the same words left
        _add_role(ctx, out, done if rule != "returned-org" else set(), sent, person, org, role, former_re, rule)


def _left_by_short_name(left: set[tuple[str, str]], person: Mention, org: Mention) -> bool:
    """The person left the organisation by the short name it starts with (加入峰图科技…离开峰图后): the join is
    over."""
    return any(who == person.text and len(name) >= 2 and org.text.startswith(name) for who, name in left)


def _left_its_unit(out: Extraction, events: list[Event], left: set[tuple[str, str]], person: Mention,
                   org: Mention) -> bool:
    """"2016年加入百度" and "原百度智能云副总经理…已离职": leaving a unit named after the organisation
    (its name and more) leaves the organisation, unless a current title at it or a unit of it is told."""
    if not any(who == person.text and unit != org.text and unit.startswith(org.text) for who, unit in left):
        return False
    current = [r.object.text for r in out.relations if r.kind == "worksFor" and r.subject.text == person.text]
    current += [o.text for _, p, o, role, rule in events if p.text == person.text and rule in CURRENT_RULES
                and not _former_re().match(role)]
    return not any(o.startswith(org.text) for o in current)


def _add_role(ctx: Context, out: Extraction, done: set[tuple[int, int]], sent: Sentence,
              person: Mention, org: Mention, role: str, former_re: re.Pattern[str], rule: str) -> None:
    if (person.start, org.start) in done or not role or REPRESENTING.search(role):
        return
    done.add((person.start, org.start))
    former = bool(former_re.match(role))
    kind: RelationKind = "formerlyWorkedFor" if former else "worksFor"
    out.relations.append(Relation(kind, person, org, ctx.evidence(sent, rule), role=role))
