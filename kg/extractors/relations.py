"""Relations between entities: released, subsidiaryOf, worksFor, formerlyWorkedFor.

Each rule works inside one sentence on the mentions found there, and reads the
text *between* two mentions: a release verb, 旗下, a job title, a former marker.
"""

from __future__ import annotations

import re

from ..analyse import alternation, lexicon
from ..catalogue import Entry, load_catalogue, norm_name
from ..extract import Context, Sentence, extractor
from ..records import Extraction, Mention, Relation

CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?\n]")
RELEASE_VERBS = ["发布", "推出", "上线", "开源", "亮相", "官宣", "宣布", "升级", "更新", "上架", "打造", "研发", "自研", "公布",
                 "开放", "发布了", "推出了", "开源了"]
# between an organisation and a model these words mean "of": 字节豆包, 智谱的个人版GLM-3Turbo, 阿里云将通义千问…
OWNER_GAP = re.compile(r"^(?:的|旗下(?:的)?|自研的|将|则|也|还|又|再|把|对|正式|直接|刚刚|已经|宣布|推出的|发布的|官宣|上线的|"
                       r"[^，,。；;：:与和及、比较]{0,14}?)$")
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


def family_of(model: Mention) -> Entry | None:
    """The catalogue family a model belongs to: itself, or the family its name starts with (Qwen2.5-Max)."""
    cat = load_catalogue()
    if model.key:
        return cat.entries[model.key]
    name = norm_name(model.text)
    best: Entry | None = None
    best_len = 0
    for alias, entry in cat.names():
        if entry.type != "Model" or not entry.maker:
            continue
        n = norm_name(alias)
        if len(n) >= 2 and name.startswith(n) and len(n) > best_len:
            best, best_len = entry, len(n)
    return best


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
            if others:
                continue
            if OWNER_GAP.match(gap):
                add(org, model, sent, "org-model-apposition")
        # 2. coordinated models share the releaser: ERNIE Speed和ERNIE Lite
        for a, b in zip(models, models[1:]):
            gap = between(ctx, a, b)
            if MODEL_LIST_GAP.match(gap) or gap == "":
                owner = next((o for o, m in seen if m == a.start), None)
                if owner is not None:
                    org = next(o for o in orgs if o.start == owner)
                    add(org, b, sent, "coordinated-model")
        # 3. the catalogue knows the family's maker, and the maker (or its parent or unit) is named nearby
        for model in models:
            family = family_of(model)
            if not family or not family.maker:
                continue
            wanted = related_orgs(family.maker)
            here = [o for o in orgs if o.key in wanted]
            there = [o for o in article_orgs if o.key in wanted]
            choice = here[-1] if here else (there[0] if there else None)
            if choice is not None:
                add(choice, model, sent, "catalogue-maker")


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
    lx = lexicon()
    title_alt = alternation(lx["titles"])
    joiner_alt = alternation(lx["title_joiners"])
    return re.compile(f"(?:{title_alt})(?:(?:{joiner_alt})?[^，,。；;：:“”]{{0,8}}?(?:{title_alt}))*\\s?$")


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
                    role = ctx.text[org.end:stop].strip(" 、兼及和")
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


def _add_role(ctx: Context, out: Extraction, done: set[tuple[int, int]], sent: Sentence,
              person: Mention, org: Mention, role: str, former_re: re.Pattern[str], rule: str) -> None:
    if (person.start, org.start) in done or not role:
        return
    done.add((person.start, org.start))
    former = bool(former_re.match(role))
    kind = "formerlyWorkedFor" if former else "worksFor"
    out.relations.append(Relation(kind, person, org, ctx.evidence(sent, rule), role=role))
