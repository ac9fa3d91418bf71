"""subsidiaryOf: two neighbouring organisations and the words between them, and units listed after 旗下 (Chinese)."""

from __future__ import annotations

import re

from ..lang.zh import leading_place, lexicon
from ..records import Extraction, Mention, Relation
from ..text.patterns import alternation
from .base import Context, Sentence, extractor
from .relations import (
    ACQUIRED,
    ALIAS_THEN_COMMA,
    ANNOUNCED,
    AS_WORD_BEFORE,
    BY_DESCRIBED,
    CHILD_COMPANY_END,
    CHILD_INCUBATED,
    CHILD_IS,
    CHILD_NOUN,
    CLAUSE_BREAK,
    COUNTED_CHILDREN,
    HELD_BY,
    HELD_BY_GAP,
    HELD_PERCENT_FIRST,
    HOLDING,
    HOLDS_ITS,
    INCUBATED,
    INCUBATED_AFTER,
    IS_ITS_CHILD,
    IT_IS,
    ITS_CHILD_AFTER,
    JOINT_VENTURE,
    LATTER_CONTROLS,
    LIST_JOINER,
    MADE_BEFORE,
    OF,
    OWN_STAKE,
    PASSIVE_ACQUIRED,
    PASSIVE_BEFORE,
    PASSIVE_GAP,
    SELLER_BEFORE,
    SOLD_TO,
    SPIN_OFF,
    STAKE,
    SUBSIDIARY_GAP,
    THIS_ONE_BEFORE,
    UNDER_THEN_COMMA,
    UNIT_AFTER_PARENT,
    UNIT_OPENS_CLAUSE,
    UNITS_CLAUSE,
    WHOLLY_HELD,
    R,
    any_of,
    between,
    share,
)

Pair = tuple[Mention, Mention, str]          # child, parent, rule

# "X公告，公司全资子公司Y" / "、其控股子公司Y": the company itself, then a subsidiary noun, right before the child
_SELF_CHILD = any_of(R.self_references) + OF + "?" + any_of(R.subsidiary_nouns)
OWN_CHILD_BEFORE = re.compile(r"(?:^|[，,、：:；;])\s*" + _SELF_CHILD + "$")
# a city left between a subsidiary noun and the child's name, which drops it (全资子公司北京澄岚科技有限公司)
PLACE_END = re.compile("(?:" + alternation(lexicon().places) + ")$")
ORG_SUFFIX_START = re.compile("(?:" + alternation(lexicon().org_suffixes) + ")")
# "Y将成为公司控股子公司": the child, then it becomes the company's subsidiary
BECOMES_OWN_CHILD = re.compile(any_of(R.becomes) + _SELF_CHILD)
# "…设了一家全资子公司Y": a whole-or-controlled subsidiary noun right before the child's name
OWN_UNIT_BEFORE = re.compile(any_of(R.own_unit_nouns) + f"[{R.name_quotes}]?$")


def parent_qixia_child(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """青松科技旗下的白鹭实验室, X的子公司Y"""
    return (b, a, "parent-qixia-child") if SUBSIDIARY_GAP.match(gap) and not CLAUSE_BREAK.search(gap) else None


def as_its_unit(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """作为青松集团旗下的云平台，青松云…: the unit 作为 describes is the subject after the comma"""
    if UNDER_THEN_COMMA.match(gap) and AS_WORD_BEFORE.search(ctx.text, max(0, a.start - 2), a.start):
        return b, a, "as-its-unit"
    return None


def incubated_by(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """DeepSeek由幻方量化孵化: a is the child, b the parent"""
    if INCUBATED.match(gap) and INCUBATED_AFTER.match(after) and not ctx.text.endswith(R.by, 0, a.start):
        return a, b, "incubated-by"
    return None


def parent_company(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """X的母公司Y"""
    return (a, b, "parent-company") if gap in R.parent_company else None


def child_is_subsidiary(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """X是(深交所上市公司)Y(今年成立的)子公司 / X是Y旗下… / X是Y去年孵化的团队 / X…，现在它是Y的子公司"""
    after = ctx.text[b.end:b.end + 24]
    if (CHILD_IS.match(gap) or IT_IS.match(gap)) and (CHILD_NOUN.match(after) or CHILD_INCUBATED.match(after)
                                or ctx.text.startswith(R.under, b.end)):
        return a, b, "child-is-subsidiary"
    return None


def subsidiary_noun(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """霁岫智能的新加坡子公司霁岫国际, 星岚数据…分拆全资子公司星岚智算, X公告称，已设立子公司Y"""
    gap = PLACE_END.sub("", ANNOUNCED.sub("", gap))       # 全资子公司北京X: the child's registered city
    child = CHILD_COMPANY_END.search(gap)
    if child and not CLAUSE_BREAK.search(gap[:child.start()][-12:]):
        return b, a, "subsidiary-noun"
    return None


def acquired(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """鸿图控股已完成对大模型公司灵枢智能100%股权的收购 / 以9.6亿元收购数森科技51%的股权"""
    return (b, a, "acquired") if ACQUIRED.search(gap) and _acquired_whole(ctx, a, b) else None


def acquired_by(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """知屿科技(去年)被阿里云(全资)收购: a, the passive's subject, is the child"""
    if PASSIVE_GAP.match(gap) and PASSIVE_ACQUIRED.match(after) and _acquired_whole(ctx, a, b):
        return a, b, "acquired-by"
    return None


def sold_to(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """X出售给Y / 将所持X100%股权划转至Y: a whole or a majority stake (30%股权转让给Y makes no subsidiary)"""
    sold = SOLD_TO.search(gap) and not SELLER_BEFORE.match(gap)
    return (a, b, "sold-to") if sold and _acquired_whole(ctx, b, a) else None


def majority_held_by(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """算力港由云启集团持股70% / 算力港（下称X），由母公司云启集团持有100%股权 / 成立于2019年，由集团100%持股"""
    if not (BY_DESCRIBED.match(gap) or HELD_BY_GAP.match(gap)):
        return None
    near = ctx.text[b.end:b.end + 12]
    if WHOLLY_HELD.match(near):
        return a, b, "majority-held-by"         # 由Y全资控股
    held = HELD_BY.match(near) or HELD_PERCENT_FIRST.match(near)
    return (a, b, "majority-held-by") if held and share(held.group(1)) > 50 else None


def holds_its_majority(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """砾屿智能完成分拆…，但砾屿集团仍持有其约55%的股份: 其 is the organisation named before; in
    "衡岭集团组建衡岭深维并持有其100%股权" it is the one the verb made, and the subject holds it. The one named
    before opens its clause: in "X是集团孵化的团队，Y持有它58%" 它 is X, not the group inside X's description."""
    stake = HOLDS_ITS.match(ctx.text[b.end:b.end + 16])
    if not (stake and share(stake.group(1)) > 50):
        return None
    opened = max(ctx.text.rfind(c, 0, a.start) for c in "，,。；;\n：:")
    if any(m.type == "Organization" and opened < m.start and m.end <= a.start and a.text not in m.text
           for m in ctx.mentions):
        return None         # a is inside another organisation's clause
    return (b, a, "holds-its-majority") if MADE_BEFORE.search(gap) else (a, b, "holds-its-majority")


def majority_stake(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """持有康衍医疗62%的股权: a majority stake makes a subsidiary"""
    stake = STAKE.match(ctx.text[b.end:b.end + 12]) if HOLDING.search(gap) else None
    return (b, a, "majority-stake") if stake and share(stake.group(1)) > 50 else None


def latter_controls(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """澜汀智能今年初获澜石控股注资并由后者控股: 后者 is b, which controls a"""
    return (a, b, "latter-controls") if LATTER_CONTROLS.match(ctx.text[b.end:b.end + 20]) else None


def its_child_after(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """联汀电子目前持股51%，云岫为其控股子公司: 其 is a, named before the child b (not b's own full name:
    收购杭州聆汀科技有限公司70%股权，聆汀科技自此成为其…: 其 is the buyer, left unnamed here)"""
    if a.text in b.text or b.text in a.text:
        return None
    return (b, a, "its-child-after") if ITS_CHILD_AFTER.match(after) and not CLAUSE_BREAK.search(after[:2]) else None


def holder_after_comma(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """湾汀科技有限公司（湾汀科技），集团持股70%: a child, a comma, then its majority holder and the stake"""
    stake = OWN_STAKE.match(after) if ALIAS_THEN_COMMA.match(gap) else None
    return (a, b, "holder-after-comma") if stake and share(stake.group(1)) > 50 else None


# the rules for two organisations next to each other in a sentence, in order: the first that applies
SUBSIDIARY_RULES = [parent_qixia_child, incubated_by, as_its_unit, parent_company, child_is_subsidiary, subsidiary_noun,
                    acquired, acquired_by, sold_to, majority_held_by, majority_stake, holds_its_majority, latter_controls,
                    its_child_after, holder_after_comma]


@extractor("subsidiaryOf")
def subsidiary_of(ctx: Context, out: Extraction) -> None:
    before: list[Mention] = []
    named: list[Mention] = []           # the organisations of the article so far, in order
    for sent in ctx.sentences:
        orgs = [m for m in sent.mentions if m.type == "Organization"]
        prev = before
        if any(map(str.isalnum, sent.text)):
            before = orgs       # a line of markup alone ("**") is no sentence before
        if not orgs:
            continue            # every rule reads an organisation of the sentence
        _acquired_unsaid_child(ctx, sent, orgs, prev, out)
        _this_one_is_a_child(ctx, sent, orgs, prev, out)
        _neighbour_pairs(ctx, sent, orgs, out)
        _units_listed(ctx, sent, orgs, out)
        _units_bearing_the_name(ctx, sent, orgs, prev, out)
        _joint_venture(ctx, sent, orgs, out)
        _own_subsidiary(ctx, sent, orgs, out)
        _counted_children(ctx, sent, orgs, out)
        _own_unit_named_after_parent(ctx, sent, orgs, named, out)
        named += orgs
    _parent_named_first(ctx, out)


def _neighbour_pairs(ctx: Context, sent: Sentence, orgs: list[Mention], out: Extraction) -> None:
    """The rules for two neighbouring organisations. A unit sold or moved on in the sentence ("X收购的Y，将整体
    划转至Z") belongs to its new owner only: the owner it leaves is no parent."""
    pairs = []
    for i, (a, b) in enumerate(zip(orgs, orgs[1:])):
        gap, after = between(ctx, a, b), ctx.text[b.end:b.end + 14]
        pair = next((p for rule in SUBSIDIARY_RULES if (p := rule(ctx, a, b, gap, after))), None)
        if pair and pair[1] is a and _spun_off(ctx, a, gap):
            # "X将旗下A分拆，成立全资子公司B": the owner of the unit spun off is the parent
            pair = (pair[0], orgs[i - 1], pair[2]) if i > 0 else None
        if pair:
            pairs.append(pair)
    moved = {child.text for child, _, rule_name in pairs if rule_name == "sold-to"}
    for child, parent, rule_name in pairs:
        if rule_name == "sold-to" or child.text not in moved:
            out.relations.append(Relation("subsidiaryOf", child, parent, ctx.evidence(sent, rule_name)))


def _units_listed(ctx: Context, sent: Sentence, orgs: list[Mention], out: Extraction) -> None:
    """"恒石是一家民营集团，旗下有恒石科技、恒石物流和恒石云": the organisation the sentence is about
    owns every organisation listed in the clause that starts with 旗下."""
    if not orgs:
        return
    for m in UNITS_CLAUSE.finditer(ctx.text, orgs[0].end, sent.end):
        clause_end = CLAUSE_BREAK.search(ctx.text, m.end(), sent.end)
        stop = clause_end.start() if clause_end else sent.end
        for child in (o for o in orgs if m.end() <= o.start and o.end <= stop and o.text != orgs[0].text):
            out.relations.append(Relation("subsidiaryOf", child, orgs[0], ctx.evidence(sent, "units-listed")))


def _own_unit_named_after_parent(ctx: Context, sent: Sentence, orgs: list[Mention], named: list[Mention],
                                 out: Extraction) -> None:
    """"澄屿智能成立于2021年。…今年公司在上海设立了全资子公司上海澄屿数据服务有限公司": a child named right after
    a whole-or-controlled subsidiary noun, with no parent in its clause, belongs to the organisation named before
    in the article (the nearest first) whose name it bears: it starts with it, or (its city dropped) with its
    first two characters. Units named so, or told before as children, are parents last (a sibling bears the
    same name)."""
    told: set[str] | None = None       # (taken when a child is first told so: few are)
    for child in orgs:
        if not OWN_UNIT_BEFORE.search(ctx.text, sent.start, child.start):
            continue
        told = {r.subject.text for r in out.relations if r.kind == "subsidiaryOf"} if told is None else told
        if child.text in told:
            continue
        earlier = [o for o in [*named, *(o for o in orgs if o.end <= child.start)][::-1]
                   if o.text != child.text and o.text not in child.text[len(o.text):]
                   and not OWN_UNIT_BEFORE.search(ctx.text, max(0, o.start - 12), o.start)]
        # a unit told before is a parent only when no other organisation is (旗下子公司A … 全资子公司A'科技: a sibling)
        earlier = [o for o in earlier if o.text not in told] + [o for o in earlier if o.text in told]
        parent = next((o for o in earlier if child.text.startswith(o.text)), None) \
            or next((o for o in earlier if _bears_name(child.text, o.text)), None)
        if parent is not None:
            out.relations.append(Relation("subsidiaryOf", child, parent, ctx.evidence(sent, "own-unit-named-after-parent")))


def _units_bearing_the_name(ctx: Context, sent: Sentence, orgs: list[Mention], before: list[Mention],
                            out: Extraction) -> None:
    """"远川的业务分三块：全资子公司远川智能…；云计算事业部远川云…": a unit noun opening a clause names a unit
    of the organisation named before (in the sentence, else in the sentence before) whose name the unit's
    name starts with ("松岩科技的业务由两家子公司承担。全资子公司杭州松岩数智…": the city dropped, the same
    first two characters)."""
    units = [o for o in orgs if UNIT_OPENS_CLAUSE.search(ctx.text[sent.start:o.start])]
    for child in units:
        # a unit listed before (出售控股子公司A（下称“A'”）…，将全资子公司B…) is a sibling, under its short name too
        siblings = [u.text for u in units if u.end <= child.start]
        earlier = [o for o in orgs if o.end <= child.start and o not in units
                   and not any(o.text in u for u in siblings)][::-1] + before[::-1]
        parent = next((o for o in earlier if o.text != child.text and child.text.startswith(o.text)), None) \
            or next((o for o in earlier if o.text != child.text and _bears_name(child.text, o.text)), None)
        if parent is not None:
            out.relations.append(Relation("subsidiaryOf", child, parent, ctx.evidence(sent, "unit-bearing-the-name")))


def _bears_name(child: str, parent: str) -> bool:
    bare = child[len(leading_place(child)):]
    return len(parent) >= 2 and bare[:2] == parent[:2] and not leading_place(parent) \
        and "\u4e00" <= parent[0] <= "\u9fff"


def _acquired_whole(ctx: Context, buyer: Mention, target: Mention) -> bool:
    """An acquisition makes a subsidiary when it is whole or of a majority: no stake said, or > 50 %."""
    after = ctx.text[target.end:target.end + 16]
    stake = STAKE.match(after)
    return stake is None or share(stake.group(1)) > 50


def _joint_venture(ctx: Context, sent: Sentence, orgs: list[Mention], out: Extraction) -> None:
    """"X与Y合资成立Z（下称W），其中X持股60%，Y持股40%": the venture founded (the first organisation after
    the verb) belongs to the partner that holds a majority of it; without stakes, to none."""
    verb = JOINT_VENTURE.search(ctx.text, sent.start, sent.end)
    if not verb:
        return
    venture = next((o for o in orgs if o.start >= verb.end()), None)
    if venture is None:
        return
    partners = {o.text for o in orgs if o.end <= verb.start()}
    for o in orgs:
        stake = OWN_STAKE.match(ctx.text, o.end)
        if o.start > venture.end and o.text in partners and stake and share(stake.group(1)) > 50:
            out.relations.append(Relation("subsidiaryOf", venture, o, ctx.evidence(sent, "joint-venture-majority")))


def _acquired_unsaid_child(ctx: Context, sent: Sentence, orgs: list[Mention], before: list[Mention],
                           out: Extraction) -> None:
    """"问：青屿后来怎么样了？ 答：2023年被云衡集团全资收购": a passive acquisition that opens its sentence
    with no organisation before the buyer has the previous sentence's organisation as its child, when that
    sentence names only one."""
    if not orgs or len({o.text for o in before}) != 1 or before[0].text == orgs[0].text:
        return
    buyer = orgs[0]
    if PASSIVE_BEFORE.search(ctx.text, sent.start, buyer.start) and PASSIVE_ACQUIRED.match(ctx.text[buyer.end:]) \
            and not CLAUSE_BREAK.search(ctx.text, buyer.end, buyer.end + 4):
        out.relations.append(Relation("subsidiaryOf", before[0], buyer, ctx.evidence(sent, "acquired-unsaid-child")))


def _this_one_is_a_child(ctx: Context, sent: Sentence, orgs: list[Mention], before: list[Mention],
                         out: Extraction) -> None:
    """"本周调价最猛的是澄屿科技。这家上市公司松衡集团的全资子公司昨天宣布…": a sentence that opens by pointing
    back (这家, 该) and names a parent of what it points at has the previous sentence's organisation as the
    child, when that sentence names only one."""
    if not orgs or len({o.text for o in before}) != 1 or before[0].text == orgs[0].text:
        return
    parent = orgs[0]
    if THIS_ONE_BEFORE.match(ctx.text[sent.start:parent.start]) and IS_ITS_CHILD.match(ctx.text[parent.end:parent.end + 12]):
        out.relations.append(Relation("subsidiaryOf", before[0], parent, ctx.evidence(sent, "this-one-is-a-child")))


def _own_subsidiary(ctx: Context, sent: Sentence, orgs: list[Mention], out: Extraction) -> None:
    """"X公告，公司全资子公司Y…" / "X副总裁、其全资子公司Y董事长" / "…Y将成为公司控股子公司": 公司 and 其 are the
    company the sentence named before, the nearest organisation before the child that is not the child itself."""
    for child in orgs:
        if not (OWN_CHILD_BEFORE.search(ctx.text, sent.start, child.start)
                or BECOMES_OWN_CHILD.match(ctx.text, child.end)):
            continue
        # not across a heading in 【】 or a line: the company is named in the child's own passage
        opened = max(ctx.text.rfind(c, sent.start, child.start) for c in "】\n")
        parent = next((o for o in reversed(orgs) if opened < o.start and o.end <= child.start
                       and o.text not in child.text and child.text not in o.text), None)
        if parent is not None:
            out.relations.append(Relation("subsidiaryOf", child, parent, ctx.evidence(sent, "own-subsidiary")))


def _counted_children(ctx: Context, sent: Sentence, orgs: list[Mention], out: Extraction) -> None:
    """"岚山集团…调整涉及岚山云、岚山智能和岚山研究院三家子公司": the organisations listed right before a count
    and a subsidiary noun are subsidiaries of the first organisation of the sentence (its subject)."""
    for i, last in enumerate(orgs):
        if i == 0 or not COUNTED_CHILDREN.match(ctx.text, last.end, sent.end):
            continue
        children = [last]
        for prev in reversed(orgs[1:i]):
            if not LIST_JOINER.match(between(ctx, prev, children[0])):
                break
            children.insert(0, prev)
        parent = orgs[0]
        for child in children:
            if child.text != parent.text:
                out.relations.append(Relation("subsidiaryOf", child, parent, ctx.evidence(sent, "counted-children")))


def _parent_named_first(ctx: Context, out: Extraction) -> None:
    """"岚峰亚洲研究院", "岚峰Orbit团队": a unit whose name is its parent's name and a unit noun (or a Latin name)
    belongs to that parent, when the article names the parent on its own too (岚峰 alone is an organisation)."""
    orgs = [(m, sent) for sent in ctx.sentences for m in sent.mentions if m.type == "Organization"]
    alone = sorted({m.text: m for m, _ in orgs}.values(), key=lambda m: -len(m.text))
    seen: set[str] = set()
    for child, sent in orgs:
        if child.text in seen:
            continue
        seen.add(child.text)
        parent = next((p for p in alone if p.text != child.text and child.text.startswith(p.text)
                       and _unit_after(child.text[len(p.text):])), None)
        if parent is not None:
            out.relations.append(Relation("subsidiaryOf", child, parent, ctx.evidence(sent, "parent-named-first")))


def _unit_after(rest: str) -> bool:
    """What follows the parent's name reads as a unit; one that starts with an organisation's suffix (阿里 +
    云通义实验室) tells that the parent's name is longer than the name found (阿里云's lab, not 阿里's)."""
    suffix = ORG_SUFFIX_START.match(rest)
    return bool(UNIT_AFTER_PARENT.fullmatch(rest)) and not (suffix and suffix.end() < len(rest))


def _spun_off(ctx: Context, unit: Mention, gap: str) -> bool:
    """The unit named after 旗下 and then spun off (将旗下A分拆，…): the company made is not the unit's."""
    return bool(SPIN_OFF.search(gap)) and any(ctx.text.endswith(w, 0, unit.start) for w in R.under)
