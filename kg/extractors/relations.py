"""Relations between entities: released, subsidiaryOf, worksFor, formerlyWorkedFor.

Each rule works inside one sentence on the mentions found there, and reads the
text *between* two mentions: a release verb, 旗下, a job title, a former marker.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..analyse import alternation, lexicon, title_chain_pattern
from ..catalogue import Entry, load_catalogue, norm_name
from ..extract import Context, Sentence, extractor
from ..records import Extraction, Mention, Relation

CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?\n]")
# (更新 / 升级 / 宣布 are left out: a cloud "updates the pricing of" a model it does not make)
RELEASE_VERBS = ["发布", "推出", "上线", "开源", "亮相", "官宣", "上架", "打造", "研发", "自研"]
# between an organisation and a model these words mean "of": 字节豆包, 智谱的个人版GLM-3Turbo, 阿里云将通义千问…
# 字节豆包, 智谱的个人版GLM-3Turbo, 腾讯云主力模型之一混元-lite: a short gap, or a longer one with a release verb
OWNER_GAP = re.compile(r"^[^，,。；;：:与和及、比较]{0,6}$")
RELEASE_GAP = re.compile(r"^[^，,。；;：:比较]{0,16}?(?:" + "|".join(RELEASE_VERBS) + r")[^，,。；;：:比较]{0,8}$")
PLATFORM_GAP = re.compile(r"^旗下[^，,。；;]{0,16}的$")
FOUNDED = re.compile(r"(?:共同)?(?:创立|创办|创建|成立|牵头成立|联合创立|一手创办)(?:了)?$")
BLOCK_GAP = re.compile(r"比|较|对标|超过|超越|不如|落后|追赶|基于|采用|使用|接入|调用|代理|投资|相比|对比|类似|媲美|之后|取代|替代|、|和|与|及")
SUBSIDIARY_GAP = re.compile(r"^(?:旗下(?:的)?[^，,。；;]{0,10}|的子公司|子公司|控股的|孵化的|投资的子公司)$")
INCUBATED = re.compile(r"^(?:由[^，,。；;]{0,10}?)$")
INCUBATED_AFTER = re.compile(r"^(?:孵化|创立|成立|控股|全资控股)")
MODEL_LIST_GAP = re.compile(r"^(?:和|与|及|以及|、|/|,|，)$")
PERSON_ROLE_GAP = re.compile(r"(?:现在身份是|身份是|现任|担任|出任|兼任|是|系|作为|曾任|曾担任|曾是|早年是|此前是|曾经是|前)"
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
        # 2. coordinated models share the releaser: ERNIE Speed和ERNIE Lite
        for a, b in zip(models, models[1:]):
            gap = between(ctx, a, b)
            if MODEL_LIST_GAP.match(gap):
                owner = next((o for o, m in seen if m == a.start), None)
                if owner is not None:
                    org = next(o for o in orgs if o.start == owner)
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


def _title_chain() -> re.Pattern[str]:
    return re.compile(title_chain_pattern() + r"\s?$")


@extractor("worksFor")
def works_for(ctx: Context, out: Extraction) -> None:
    chain_re = _title_chain()
    former_re = re.compile("^(?:" + alternation(lexicon()["former_markers"]) + ")")
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
            # predicate: PERSON 现任/是/曾任 ORG(的)TITLE
            for org in (o for o in orgs if o.start > person.end):
                gap = ctx.text[person.end:org.start]
                if CLAUSE_BREAK.search(gap) or not PERSON_ROLE_GAP.search(gap):
                    continue
                if any(person.end <= m.start and m.end <= org.start for m in sent.mentions):
                    continue
                title = re.match("的?(" + alternation(lexicon()["titles"]) + ")", ctx.text[org.end:org.end + 12])
                if not title:
                    continue
                former = bool(re.search(r"曾|早年|此前|前$", gap))
                role = ("原" if former else "") + title.group(1)
                _add_role(ctx, out, done, sent, person, org, role, former_re, "person-is-title")


@extractor("founded")
def founded(ctx: Context, out: Extraction) -> None:
    """"X（与同学共同）创立/成立ORG": X works for ORG as its founder."""
    done: set[tuple[int, int]] = set()
    for sent in ctx.sentences:
        for org in (m for m in sent.mentions if m.type == "Organization"):
            if not FOUNDED.search(ctx.text[max(sent.start, org.start - 8):org.start]):
                continue
            persons = [p for p in sent.mentions if p.type == "Person" and p.end <= org.start]
            if persons:
                person = persons[-1]
                if (person.start, org.start) not in done:
                    done.add((person.start, org.start))
                    out.relations.append(Relation("worksFor", person, org, ctx.evidence(sent, "founded-org"),
                                                  role="创始人", date=ctx.date_in(sent.text)))


def _add_role(ctx: Context, out: Extraction, done: set[tuple[int, int]], sent: Sentence,
              person: Mention, org: Mention, role: str, former_re: re.Pattern[str], rule: str) -> None:
    if (person.start, org.start) in done or not role:
        return
    done.add((person.start, org.start))
    former = bool(former_re.match(role))
    kind = "formerlyWorkedFor" if former else "worksFor"
    out.relations.append(Relation(kind, person, org, ctx.evidence(sent, rule), role=role))
