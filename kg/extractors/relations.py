"""Relations between entities: released, subsidiaryOf, worksFor, formerlyWorkedFor.

Each rule works inside one sentence on the mentions found there, and reads the
text *between* two mentions: a release verb, 旗下, a job title, a former marker.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..catalogue import Entry, load_catalogue, norm_name
from ..lang.zh import lexicon, title_chain_pattern
from ..records import Extraction, Mention, Relation, RelationKind
from ..text.patterns import alternation
from .base import Context, Sentence, extractor

CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?\n]")
# (更新 / 升级 / 宣布 are left out: a cloud "updates the pricing of" a model it does not make)
# (上架 is left out too: a cloud platform lists models it does not make)
RELEASE_VERBS = ["发布", "推出", "上线", "开源", "亮相", "官宣", "打造", "研发", "自研"]
# between an organisation and a model these words mean "of": 字节豆包, 智谱的个人版GLM-3Turbo, 阿里云将通义千问…
# 字节豆包, 智谱的个人版GLM-3Turbo, 腾讯云主力模型之一混元-lite: a short gap, or a longer one with a release verb
OWNER_GAP = re.compile(r"^(?:[^，,。；;：:与和及、比较]{0,6}|[^，,。；;：:与和及、比较]{0,8}模型)$")   # …将旗舰模型Y
RELEASE_GAP = re.compile(r"^[^，,。；;：:比较]{0,16}?(?:" + "|".join(RELEASE_VERBS) + r")[^，,。；;：:比较]{0,8}$")
PLATFORM_GAP = re.compile(r"^旗下[^，,。；;]{0,16}的$")
FOUNDED = re.compile(r"(?:共同|合伙|联手)?(?:创立|创办|创建|成立|牵头成立|联合创立|一手创办)(?:了)?[^，,。；;]{0,10}$")
BLOCK_GAP = re.compile(r"比|较|对标|超过|超越|不如|落后|追赶|基于|采用|使用|接入|调用|代理|投资|相比|对比|类似|媲美|之后|取代|替代|"
                       r"价格|定价|约为|相当于|、|和|与|及")   # X的价格为GPT-4的百分之一: a comparison
SUBSIDIARY_GAP = re.compile(r"^(?:旗下(?:的)?[^，,。；;]{0,16}|的子公司|子公司|控股的|孵化的|投资的子公司)$")
INCUBATED = re.compile(r"^(?:(?:也|还|都|则)?(?:是)?由[^，,。；;]{0,10}?)$")
CHILD_IS = re.compile(r"^(?:也|则|就)?是[^，,。；;]{0,10}$")         # X是(深交所上市公司)Y(今年成立的)子公司
CHILD_NOUN = re.compile(r"^[^，,。；;]{0,14}?(?:全资子公司|控股子公司|子公司|分公司)")
RELEASE_BEFORE = re.compile(r"(?:" + "|".join(RELEASE_VERBS) + r")(?:了|的)?[^，,。；;：:、和与及比较]{0,10}$")
ORG_PRONOUN = re.compile(r"(?:该公司|这家公司|这家企业|该企业|其)")
HELD_BY = re.compile(r"\s*(?:全资)?持股\s*(\d+(?:\.\d+)?)\s*%")
PAST_ROLE = re.compile(r"(?:此前|之前|早年|曾经|曾)(?:是|为|在|担任)$")
PAST_TITLE = re.compile(r"^的?(?P<role>[^，,。；;]{0,6}?(?:" + "|".join(
    ["专家", "工程师", "架构师", "研究员", "总监", "经理", "负责人", "副总裁", "总裁", "高管", "合伙人", "主管", "科学家",
     "CEO", "CTO", "COO", "VP"]) + "))")
JOINED = re.compile(r"(?:正式)?(?:加盟|加入|入职|转投|回归|投奔)$")
TITLE_AFTER_JOIN = re.compile(r"^[，,]?\s*(?:并)?(?:出任|担任|任|成为)(?:其|公司)?(?P<role>[^，,。；;]{2,20})")
LEFT = re.compile(r"(?:从|自)$")
LEFT_AFTER = re.compile(r"^(?:离职|辞职|离开|出走)")
WORKED_AT = re.compile(r"(?:曾在|曾经在|此前在|早年在|还曾在|曾就职于|就职于|曾供职于)$")
WORKED_AFTER = re.compile(r"^[^，,。；;]{0,8}?(?:任职|工作|就职|供职|负责|担任|从事|任)")
FOUNDED_BY = re.compile(r"^[，,]?\s*由[^，,。；;]{0,16}$")
FOUNDED_VERB = re.compile(r"^(?:等人)?(?:共同|联合)?(?:创办|创立|创建|成立|发起)")
INCUBATED_AFTER = re.compile(r"^(?:孵化|创立|成立|控股|全资控股)")
MODEL_LIST_GAP = re.compile(r"^(?:和|与|及|以及|、|/|,|，)$")
PERSON_ROLE_GAP = re.compile(r"(?:现在身份是|身份是|现任|担任|出任|兼任|是|系|作为|曾任|曾担任|曾是|早年是|此前是|曾经是|原为|原是|前)"
                             r"[^，,。；;：:“”]{0,10}$")


def orgs_models(sent: Sentence) -> tuple[list[Mention], list[Mention]]:
    return ([m for m in sent.mentions if m.type == "Organization"],
            [m for m in sent.mentions if m.type == "Model"])


def between(ctx: Context, a: Mention, b: Mention) -> str:
    return ctx.text[a.end:b.start]


@lru_cache(maxsize=1)
def _family_prefixes() -> list[tuple[str, Entry]]:
    """Normalised names of model families with a known maker, longest first."""
    out = [(norm_name(alias), e) for alias, e in load_catalogue().names() if e.type == "Model" and e.maker]
    return sorted((p for p in out if len(p[0]) >= 2), key=lambda p: -len(p[0]))


def family_of(model: Mention) -> Entry | None:
    """The catalogue family a model belongs to: itself, or the family its name starts with (Qwen2.5-Max)."""
    cat = load_catalogue()
    if model.key in cat.entries:
        return cat.entries[model.key]
    name = norm_name(model.text)
    return next((e for prefix, e in _family_prefixes() if name.startswith(prefix)), None)


def org_named_in(model: Mention, orgs: list[Mention]) -> str | None:
    """The organisation whose name a model's name starts with (DeepSeek-Coder-V2 → DeepSeek), if named."""
    name = norm_name(model.text)
    for org in orgs:
        n = _latin_name(org.text)
        if org.key and n and name.startswith(n) and name != n:
            return org.key
    return None


@lru_cache(maxsize=4096)
def _latin_name(name: str) -> str | None:
    n = norm_name(name)
    return n if len(n) >= 3 and re.fullmatch(r"[a-z0-9]+", n) else None


def related_orgs(key: str) -> set[str]:
    """An organisation and its catalogue parent and children: 阿里云 ~ 阿里巴巴."""
    cat = load_catalogue()
    out = {key}
    entry = cat.entries.get(key)
    if entry and entry.parent:
        out.add(entry.parent)
    out |= {e.key for e in cat.entries.values() if e.parent == key}
    return out


@extractor("released")
def released(ctx: Context, out: Extraction) -> None:
    seen: set[tuple[int, int]] = set()

    def add(org: Mention, model: Mention, sent: Sentence, rule: str) -> None:
        if (org.start, model.start) in {(o, m) for o, m in seen if m == model.start}:
            return
        if any(m == model.start for _, m in seen):
            return      # one releaser per model mention
        seen.add((org.start, model.start))
        out.relations.append(Relation("released", org, model, ctx.evidence(sent, rule),
                                      date=ctx.date_in(sent.text)))

    article_orgs = [m for m in ctx.mentions if m.type == "Organization"]
    for sent in ctx.sentences:
        orgs, models = orgs_models(sent)
        # 0. a model named after its maker: DeepSeek-V2 is DeepSeek's even in "幻方DeepSeek-V2"
        for model in models:
            key = org_named_in(model, article_orgs)
            if key:
                add(next(o for o in orgs + article_orgs if o.key == key), model, sent, "maker-in-model-name")
        # 1. nearest organisation before the model in the same clause, joined by an owner gap
        for model in models:
            before = [o for o in orgs if o.end <= model.start]
            if not before:
                continue
            org = before[-1]
            gap = between(ctx, org, model)
            if CLAUSE_BREAK.search(gap) or BLOCK_GAP.search(gap.replace("旗下", "")):
                continue
            others = [m for m in sent.mentions if org.end <= m.start and m.end <= model.start]
            if others and not PLATFORM_GAP.match(gap):
                continue            # 月之暗面旗下Kimi开放平台的moonshot-v1-8k: a platform in between is fine
            if OWNER_GAP.match(gap) or RELEASE_GAP.match(gap) or PLATFORM_GAP.match(gap):
                add(org, model, sent, "org-model-apposition")
        # 1b. "X在杭州召开发布会，正式推出…Y" / "该公司…发布Y": a release verb right before the model,
        #     its subject the last organisation earlier in the sentence (or the last one named before it)
        for model in models:
            verb = RELEASE_BEFORE.search(ctx.text[max(sent.start, model.start - 16):model.start])
            if not verb:
                continue
            verb_at = model.start - len(verb.group(0))
            before = [o for o in orgs if o.end <= verb_at]
            if before:
                add(before[-1], model, sent, "org-verb-model")
            elif ORG_PRONOUN.search(ctx.text[sent.start:verb_at]):
                earlier = [o for o in article_orgs if o.end <= sent.start]
                if earlier:
                    add(earlier[-1], model, sent, "pronoun-verb-model")
        # 1c. "Tessa 2.5 Lite（澄观实验室）：…" a model followed by its maker in brackets
        for model in models:
            after = [o for o in orgs if o.start > model.end and re.fullmatch(r"\s*[（(]\s*", between(ctx, model, o))]
            if after and ctx.text[after[0].end:after[0].end + 1] in "）)":
                add(after[0], model, sent, "model-maker-bracket")
        # 1d. "曜川科技宣布跟进，将其主力模型Vela-2…": 其 points back to the organisation before it
        for model in models:
            pron = re.search(r"其(?:[^，,。；;：:的]{0,6}模型)?$", ctx.text[max(sent.start, model.start - 10):model.start])
            if pron:
                at = model.start - len(pron.group(0))
                before = [o for o in orgs if o.end <= at]
                if before:
                    add(before[-1], model, sent, "its-model")
        # 2. coordinated models share the releaser: ERNIE Speed和ERNIE Lite
        for a, b in zip(models, models[1:]):
            gap = between(ctx, a, b)
            if MODEL_LIST_GAP.match(gap):
                owner = next((o for o, m in seen if m == a.start), None)
                if owner is not None:
                    org = next(o for o in orgs + article_orgs if o.start == owner)
                    add(org, b, sent, "coordinated-model")
        # 3. the catalogue knows the family's maker, and the maker (or its parent or unit) is named nearby
        for model in models:
            family = family_of(model)
            maker = family.maker if family else org_named_in(model, article_orgs)
            if not maker:
                continue
            # the maker itself (here, then anywhere in the article), else its parent or unit
            wanted = related_orgs(maker)
            ranked = ([o for o in orgs if o.key == maker] + [o for o in article_orgs if o.key == maker]
                      + [o for o in orgs if o.key in wanted] + [o for o in article_orgs if o.key in wanted])
            if ranked:
                add(ranked[0], model, sent, "catalogue-maker")

    # 4. families the article introduces ("“云岫”是衡岫智能自研的大模型家族"): the organisation named
    #    where the family is introduced releases every model of the family
    families = ctx.doc._.families or {}
    for family, at in families.items():
        intro = next((x for x in ctx.sentences if x.start <= at < x.end), None)
        intro_orgs = [o for o in intro.mentions if o.type == "Organization"] if intro else []
        # named where the family is introduced, else the organisation the article is most about
        family_maker = min(intro_orgs, key=lambda o: abs(o.start - at)) if intro_orgs else _main_org(ctx)
        if family_maker is None:
            continue
        for model in (m for m in ctx.mentions if m.type == "Model" and m.text.startswith(family)):
            msent = next(x for x in ctx.sentences if x.start <= model.start < x.end)
            add(family_maker, model, msent, "article-family")
    # 5. one family, one maker: Quill-4-Air is made by whoever made Quill-3 in this article
    makers: dict[str, Mention] = {}
    for r in out.relations:
        if r.kind == "released" and r.evidence.article_id == ctx.article.id:
            makers.setdefault(_family_stem(r.object.text), r.subject)
    for model in (m for m in ctx.mentions if m.type == "Model"):
        stem = _family_stem(model.text)
        if stem in makers and not any(mm == model.start for _, mm in seen):
            msent = next(x for x in ctx.sentences if x.start <= model.start < x.end)
            add(makers[stem], model, msent, "same-family")


def _main_org(ctx: Context) -> Mention | None:
    """The organisation an article is most about: the new (non-catalogue) one named most often, if any."""
    from collections import Counter

    counts = Counter(o.text for o in ctx.mentions if o.type == "Organization" and not o.key)
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    if n < 2:
        return None
    return next(o for o in ctx.mentions if o.type == "Organization" and o.text == name)


def _family_stem(name: str) -> str:
    """The family part of a model name: Quill-4-Air → quill, 玄鉴-Max → 玄鉴, 云岫Pro → 云岫."""
    stem = re.split(r"[-\s\d.]", name, maxsplit=1)[0]
    stem = re.sub(r"(?:Pro|Max|Lite|Air|Flash|Turbo|Plus|Mini|mini|VL|Coder)$", "", stem) or stem
    return stem.casefold()


@extractor("subsidiaryOf")
def subsidiary_of(ctx: Context, out: Extraction) -> None:
    for sent in ctx.sentences:
        orgs = [m for m in sent.mentions if m.type == "Organization"]
        for a, b in zip(orgs, orgs[1:]):
            gap = between(ctx, a, b)
            after = ctx.text[b.end:b.end + 6]
            if SUBSIDIARY_GAP.match(gap) and not CLAUSE_BREAK.search(gap):
                out.relations.append(Relation("subsidiaryOf", b, a, ctx.evidence(sent, "parent-qixia-child")))
            elif INCUBATED.match(gap) and INCUBATED_AFTER.match(after) and ctx.text[a.start - 1:a.start] != "由":
                # DeepSeek由幻方量化孵化: a is the child, b the parent
                out.relations.append(Relation("subsidiaryOf", a, b, ctx.evidence(sent, "incubated-by")))
            elif gap in ("的母公司", "母公司"):
                out.relations.append(Relation("subsidiaryOf", a, b, ctx.evidence(sent, "parent-company")))
            elif CHILD_IS.match(gap) and (CHILD_NOUN.match(ctx.text[b.end:b.end + 24])
                                          or ctx.text[b.end:b.end + 2] == "旗下"):
                out.relations.append(Relation("subsidiaryOf", a, b, ctx.evidence(sent, "child-is-subsidiary")))
            elif re.search(r"子公司$", gap) and not CLAUSE_BREAK.search(gap[:-3][-12:]):
                # 霁光智能的新加坡子公司霁光国际, 星衍数据…分拆全资子公司星衍智算
                out.relations.append(Relation("subsidiaryOf", b, a, ctx.evidence(sent, "subsidiary-noun")))
            elif re.search(r"(?:完成对|收购了?|全资收购|并购了?|买下)(?:[^，,。；;]{0,12})$", gap) and _acquired_whole(ctx, a, b):
                # 鸿图控股已完成对大模型公司灵枢智能100%股权的收购 / 以9.6亿元收购数森科技51%的股权
                out.relations.append(Relation("subsidiaryOf", b, a, ctx.evidence(sent, "acquired")))
            elif re.search(r"出售给$|卖给$|转让给$", gap):
                out.relations.append(Relation("subsidiaryOf", a, b, ctx.evidence(sent, "sold-to")))
            elif gap == "由" and (held := HELD_BY.match(ctx.text[b.end:b.end + 12])) and float(held.group(1)) > 50:
                # 算力港由云启集团持股70%
                out.relations.append(Relation("subsidiaryOf", a, b, ctx.evidence(sent, "majority-held-by")))
            elif re.search(r"持有[^，,。；;]{0,12}$", gap):
                stake = re.match(r"[^，,。；;]{0,4}?(\d+(?:\.\d+)?)\s*%", ctx.text[b.end:b.end + 12])
                if stake and float(stake.group(1)) > 50:
                    # 持有康衍医疗62%的股权: a majority stake makes a subsidiary
                    out.relations.append(Relation("subsidiaryOf", b, a, ctx.evidence(sent, "majority-stake")))


def _acquired_whole(ctx: Context, buyer: Mention, target: Mention) -> bool:
    """An acquisition makes a subsidiary when it is whole or of a majority: no stake said, or > 50 %."""
    after = ctx.text[target.end:target.end + 16]
    stake = re.match(r"[^，,。；;]{0,4}?(\d+(?:\.\d+)?)\s*%", after)
    return stake is None or float(stake.group(1)) > 50


def _title_chain() -> re.Pattern[str]:
    return re.compile(title_chain_pattern() + r"\s?$")


@extractor("worksFor")
def works_for(ctx: Context, out: Extraction) -> None:
    chain_re = _title_chain()
    former_re = re.compile("^(?:" + alternation(lexicon().former_markers) + ")")
    done: set[tuple[int, int]] = set()
    for sent in ctx.sentences:
        orgs = [m for m in sent.mentions if m.type == "Organization"]
        for person in (m for m in sent.mentions if m.type == "Person"):
            # apposition: ORG [qualifier] TITLE [、ORG TITLE]* PERSON
            prefix = ctx.text[sent.start:person.start]
            chain = chain_re.search(prefix)
            if chain:
                chain_start = sent.start + chain.start()
                lead = [o for o in orgs if o.end <= chain_start and chain_start - o.end <= 8
                        and not CLAUSE_BREAK.search(ctx.text[o.end:chain_start])
                        and not any(o.end <= m.start < chain_start for m in sent.mentions)]
                inside = [o for o in orgs if chain_start <= o.start and o.end <= person.start]
                employers = lead[-1:] + inside
                for i, org in enumerate(employers):
                    stop = employers[i + 1].start if i + 1 < len(employers) else person.start
                    role = re.sub(r"[、兼及和]*(?:现任|前|原|曾任|时任)?$", "", ctx.text[org.end:stop].strip(" 、兼及和"))
                    # 前字节跳动副总裁: a former marker before the organisation makes the role a former one
                    if re.search(r"(?:前|原|曾任)$", ctx.text[max(sent.start, org.start - 2):org.start]):
                        role = role if former_re.match(role) else "原" + role
                    _add_role(ctx, out, done, sent, person, org, role, former_re, "org-title-person")
            # a title with no organisation before it ("公开资料显示，创始人梁文锋…"): the organisation the
            # text is about, i.e. the first one named earlier in this sentence or in the one before
            its = chain and ctx.text[sent.start + chain.start() - 1:sent.start + chain.start()] == "其"
            if chain and its and not employers_found(out, person):
                before = [o for o in orgs if o.end <= sent.start + chain.start()]
                if before:
                    _add_role(ctx, out, done, sent, person, before[-1], chain.group(0).strip(), former_re,
                              "its-title-person")      # 数森科技…其创始人左文彬
            if chain and not employers_found(out, person) and not [
                    o for o in orgs if o.end <= sent.start + chain.start()]:
                topic = _topic_org(ctx, sent, person)
                if topic is not None:
                    role = chain.group(0).strip()
                    _add_role(ctx, out, done, sent, person, topic, role, former_re, "implicit-employer")
            # predicate: PERSON 现任/是/曾任 ORG(的)TITLE
            for org in (o for o in orgs if o.start > person.end):
                gap = ctx.text[person.end:org.start]
                continued = re.match(r"^[，,]\s*(?:此前|早年|还)?(?:曾任|曾担任|现任|兼任)[^，,。；;]{0,4}$", gap)
                if (CLAUSE_BREAK.search(gap) and not continued) or not PERSON_ROLE_GAP.search(gap):
                    continue
                if any(person.end <= m.start and m.end <= org.start for m in sent.mentions):
                    continue
                title = re.match("的?(" + alternation(lexicon().titles) + ")", ctx.text[org.end:org.end + 12])
                if not title:
                    continue
                former = bool(re.search(r"曾|早年|此前|前$|原为|原是", gap))
                role = ("原" if former else "") + title.group(1)
                _add_role(ctx, out, done, sent, person, org, role, former_re, "person-is-title")


def employers_found(out: Extraction, person: Mention) -> bool:
    return any(r.subject == person and r.kind in ("worksFor", "formerlyWorkedFor") for r in out.relations)


def _topic_org(ctx: Context, sent: Sentence, person: Mention) -> Mention | None:
    """The organisation a sentence is about: the first named before the person in it, else the first
    named in the previous sentence of the same paragraph."""
    here = [o for o in sent.mentions if o.type == "Organization" and o.end <= person.start]
    if here:
        return here[0]
    i = ctx.sentences.index(sent)
    if i > 0:
        prev = ctx.sentences[i - 1]
        if "\n" not in ctx.text[prev.end:sent.start]:
            orgs = [o for o in prev.mentions if o.type == "Organization"]
            if orgs:
                return orgs[0]
    return None


@extractor("founded")
def founded(ctx: Context, out: Extraction) -> None:
    """"X（与同学共同）创立/成立ORG": X works for ORG as its founder."""
    done: set[tuple[int, int]] = set()
    for sent in ctx.sentences:
        for org in (m for m in sent.mentions if m.type == "Organization"):
            if not FOUNDED.search(ctx.text[max(sent.start, org.start - 8):org.start]):
                continue
            persons = [p for p in sent.mentions if p.type == "Person" and p.end <= org.start]
            # 裴思远与大学同学沈霁合伙创办…: everyone joined by 与/和 before the verb founded it
            founders = persons[-1:]
            for a, b in zip(reversed(persons[:-1]), reversed(persons[1:])):
                if re.fullmatch(r"(?:与|和|及|、)[^，,。；;]{0,6}", ctx.text[a.end:b.start]):
                    founders.append(a)
                else:
                    break
            for person in founders:
                if (person.start, org.start) not in done:
                    done.add((person.start, org.start))
                    out.relations.append(Relation("worksFor", person, org, ctx.evidence(sent, "founded-org"),
                                                  role="创始人", date=ctx.date_in(sent.text)))


@extractor("careerMoves")
def career_moves(ctx: Context, out: Extraction) -> None:
    """Joining, leaving and founding, told as events rather than titles.

    "X已正式加盟ORG，出任CPO" (works for, with the role), "他从ORG离职" / "曾在ORG短暂任职" (formerly),
    "ORG，由…X创办" (founder). The person is the nearest one before in the sentence, or the last
    person named when the clause starts with 他/她.
    """
    former_re = re.compile("^(?:" + alternation(lexicon().former_markers) + ")")
    done: set[tuple[int, int]] = set()
    persons_all = [m for m in ctx.mentions if m.type == "Person"]
    left: set[tuple[str, str]] = set()

    def subject(sent: Sentence, pos: int) -> Mention | None:
        here = [p for p in sent.mentions if p.type == "Person" and p.end <= pos]
        if here:
            return here[-1]
        # 曾在Google从事多模态研究的Priya Raman: a relative clause before its person
        after = [p for p in sent.mentions if p.type == "Person" and p.start > pos]
        if after and re.search(r"的$", ctx.text[max(sent.start, after[0].start - 1):after[0].start]) \
                and not CLAUSE_BREAK.search(ctx.text[pos:after[0].start]):
            return after[0]
        if re.search(r"(?:^|[，,])\s*(?:他|她)", ctx.text[sent.start:pos]):
            earlier = [p for p in persons_all if p.end <= sent.start]
            return earlier[-1] if earlier else None
        return None

    events = []
    for sent in ctx.sentences:
        for org in (m for m in sent.mentions if m.type == "Organization"):
            before = ctx.text[max(sent.start, org.start - 6):org.start]
            after = ctx.text[org.end:min(sent.end, org.end + 30)]
            if LEFT.search(before) and LEFT_AFTER.match(after) or WORKED_AT.search(before) and WORKED_AFTER.match(after):
                person = subject(sent, org.start)
                if person:
                    left.add((person.text, org.text))
                    events.append((sent, person, org, "原任职", "left-org"))
            elif PAST_ROLE.search(before) and (past := PAST_TITLE.match(after)):
                # 她此前是阿里云的高级算法专家 / 黎晴此前是商汤科技的研究总监
                person = subject(sent, org.start)
                if person:
                    left.add((person.text, org.text))
                    events.append((sent, person, org, "原" + past.group("role"), "was-at-org"))
            elif JOINED.search(before):
                person = subject(sent, org.start)
                title = TITLE_AFTER_JOIN.match(after)
                if person:
                    events.append((sent, person, org, title.group("role") if title else "加入", "joined-org"))
            elif re.match(r"[，,]?\s*由", after):
                for p in (m for m in sent.mentions if m.type == "Person" and m.start > org.end):
                    if FOUNDED_BY.match(ctx.text[org.end:p.start]) and FOUNDED_VERB.match(ctx.text[p.end:p.end + 8]):
                        events.append((sent, p, org, "创始人", "founded-by"))
        first_org = next((m for m in sent.mentions if m.type == "Organization"), None)
        if first_org is not None:
            for m in re.finditer(r"(?:出任|担任|加盟|加入)(?:了)?公司(?P<role>" + title_chain_pattern() + ")", sent.text):
                person = subject(sent, sent.start + m.start())
                if person is not None:
                    events.append((sent, person, first_org, m.group("role"), "joined-the-company"))
        for person in (m for m in sent.mentions if m.type == "Person"):
            took = re.match(r"(?:正式|随即|随后|将|已)?(?:出任|担任|升任|接任)(?P<role>" + title_chain_pattern() + ")",
                            ctx.text[person.end:sent.end])
            if took and not any(o.start > person.end and o.start < person.end + took.end() for o in sent.mentions):
                topic = _topic_org(ctx, sent, person)
                if topic is not None:
                    events.append((sent, person, topic, took.group("role"), "took-title"))
    # leaving wins over joining, whatever the order they are told in (加入百度…后从百度离职); and of
    # several organisations a person joined, told in order, only the last is current (a career story)
    # several dated joins of one person (2013年加入A … 2019年加入B): only the latest is current
    joins: dict[str, list[tuple[int, Mention]]] = {}
    for sent, person, org, _role, rule in events:
        if rule == "joined-org" and (person.text, org.text) not in left:
            year = re.findall(r"((?:19|20)\d\d)年", ctx.text[sent.start:org.start])
            joins.setdefault(person.text, []).append((int(year[-1]) if year else 0, org))
    for sent, person, org, role, rule in events:
        if rule == "joined-org" and (person.text, org.text) in left:
            continue
        dated = joins.get(person.text, [])
        if rule == "joined-org" and len(dated) > 1 and all(y for y, _ in dated) \
                and max(dated, key=lambda d: d[0])[1].text != org.text:
            role = "原" + (role if role != "加入" else "任职")
        _add_role(ctx, out, done, sent, person, org, role, former_re, rule)


def _add_role(ctx: Context, out: Extraction, done: set[tuple[int, int]], sent: Sentence,
              person: Mention, org: Mention, role: str, former_re: re.Pattern[str], rule: str) -> None:
    if (person.start, org.start) in done or not role:
        return
    done.add((person.start, org.start))
    former = bool(former_re.match(role))
    kind: RelationKind = "formerlyWorkedFor" if former else "worksFor"
    out.relations.append(Relation(kind, person, org, ctx.evidence(sent, rule), role=role))
