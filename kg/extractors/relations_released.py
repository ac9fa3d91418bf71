"""Who released a model: the release rules, per sentence, then over the whole article (Chinese)."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..catalogue import load_catalogue
from ..records import Extraction, Mention
from .base import Context, Sentence, extractor
from .model_makers import brand_named_in, family_of, org_named_in, related_orgs
from .relations import (
    ANNOUNCER,
    BLOCK_GAP,
    BY,
    CLAUSE_BREAK,
    COMPARED,
    DESCRIBED_REFERENCE,
    HOSTING,
    ITEM_LABEL_AFTER,
    ITEM_LABEL_BEFORE,
    ITS_MODEL,
    MODEL_LIST_GAP,
    OF,
    ORG_PRONOUN,
    OUR_MADE,
    OWN_MODEL,
    OWNER_GAP,
    PLATFORM_GAP,
    RELEASE_BEFORE,
    RELEASE_BEFORE_LONG,
    RELEASE_GAP,
    RELEASE_GLOSS,
    RELEASE_INCLUDES,
    RELEASE_OPENING,
    RELEASE_VERB,
    UNDER,
    VARIANT_SUFFIX,
    R,
    any_of,
    between,
    main_org,
    orgs_models,
)
from .releases import Releases

# "这家由北京大学参与发起的研究机构开源了M": an organisation after 由 whose clause ends in 的 and a noun
# is the agent of a description, not the subject of the release verb after it
BY_BEFORE = re.compile(BY + "$")
DESCRIBED_THEN_VERB = re.compile(OF + r"[^，,。；;的]{1,12}?" + RELEASE_VERB)
def maker_in_model_name(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """A model named after its maker: DeepSeek-V2 is DeepSeek's even in "幻方DeepSeek-V2"."""
    for model in models:
        key = org_named_in(model, r.article_orgs, r.latin)
        if key:
            r.add(next(o for o in orgs + r.article_orgs if o.key == key), model, sent, "maker-in-model-name")


def brand_in_model_name(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """A new model named after its maker's brand: 霭川Coder is 霭川科技's wherever it is named; the
    maker's mention nearest before the model (else its first one in the article)."""
    for model in models:
        if model.key:
            continue
        brand = brand_named_in(model, r.article_orgs, r.brands)
        if brand is None:
            continue
        same = [o for o in r.article_orgs if o.text == brand.text]
        before = [o for o in same if o.end <= model.start]
        r.add(before[-1] if before else same[0], model, sent, "brand-in-model-name")


def described_reference_model(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"这家由多所高校共建的实验室今年开源了M": a sentence opening with a described reference to the
    organisation the sentence before was about releases the model — not one named inside the description."""
    text = r.ctx.text
    previous = _previous_orgs(r.ctx, sent)
    for model in models if previous else ():
        verb = RELEASE_BEFORE.search(text[max(sent.start, model.start - 16):model.start])
        if verb and DESCRIBED_REFERENCE.match(text, sent.start, model.start - len(verb.group(0))):
            r.add(previous[0], model, sent, "described-reference-model")


# "X是Y(API)的(长期)用户": the copula, then the model and the user it is of
COPULA_END = re.compile(any_of(R.user_copulas) + "$")
USER_AFTER = re.compile(r"[A-Za-z ]{0,6}" + OF + r"[^，,。；;]{0,4}?" + any_of(R.model_users))


def org_model_apposition(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """The nearest organisation before the model in the same clause, joined by an owner gap."""
    for model in models:
        before = [o for o in orgs if o.end <= model.start]
        if not before:
            continue
        org = before[-1]
        gap = between(r.ctx, org, model)
        if CLAUSE_BREAK.search(gap) or BLOCK_GAP.search(_without_under(gap)):
            continue
        if _describes_another(r.ctx, org, gap) or (COPULA_END.search(gap) and USER_AFTER.match(r.ctx.text, model.end)):
            continue            # 澄页网络是岚心API的长期用户: a user of the model
        others = [m for m in sent.mentions if org.end <= m.start and m.end <= model.start]
        if others and not PLATFORM_GAP.match(gap):
            continue            # 月之暗面旗下Kimi开放平台的moonshot-v1-8k: a platform in between is fine
        if OWNER_GAP.match(gap) or RELEASE_GAP.match(gap) or PLATFORM_GAP.match(gap):
            r.add(org, model, sent, "org-model-apposition")


def _describes_another(ctx: Context, org: Mention, gap: str) -> bool:
    return BY_BEFORE.search(ctx.text, max(0, org.start - 2), org.start) is not None \
        and DESCRIBED_THEN_VERB.search(gap) is not None


def _without_under(gap: str) -> str:
    for word in R.under:
        gap = gap.replace(word, "")
    return gap


def org_verb_model(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"X在杭州召开发布会，正式推出…Y" / "该公司…发布Y": a release verb right before the model, its
    subject the last organisation earlier in the sentence (or the last one named before it)."""
    text = r.ctx.text
    for model in models:
        verb = RELEASE_BEFORE.search(text[max(sent.start, model.start - 16):model.start]) \
            or RELEASE_GLOSS.search(text[max(sent.start, model.start - 24):model.start]) \
            or _long_release(r, model, sent, models)
        if not verb:
            continue
        verb_at = model.start - len(verb.group(0))
        before = [o for o in orgs if o.end <= verb_at and not _describes_another(r.ctx, o, text[o.end:model.start])]
        if before and HOSTING.search(text, before[-1].end, verb_at):
            continue        # 青枫云上架了开源模型M: a platform lists a model, open-sourced by its maker
        if before:
            r.add(before[-1], model, sent, "org-verb-model")
        elif ORG_PRONOUN.search(text[sent.start:verb_at]):
            earlier = [o for o in r.article_orgs if o.end <= sent.start]
            if earlier:
                r.add(earlier[-1], model, sent, "pronoun-verb-model")


def _long_release(r: Releases, model: Mention, sent: Sentence, models: list[Mention]) -> re.Match[str] | None:
    """A release verb before a longer description of the model, unless the description names another
    model (官宣文心大模型两大主力模型Y: Y is that model's, its maker is the catalogue's)."""
    verb = RELEASE_BEFORE_LONG.search(r.ctx.text[max(sent.start, model.start - 24):model.start])
    if verb and any(model.start - len(verb.group(0)) <= m.start and m.end <= model.start for m in models):
        return None
    return verb


def model_maker_bracket(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"Tessa 2.5 Lite（澄观实验室）：…" a model followed by its maker in brackets."""
    for model in models:
        after = [o for o in orgs if o.start > model.end and re.fullmatch(r"\s*[（(]\s*", between(r.ctx, model, o))]
        if after and r.ctx.text[after[0].end:after[0].end + 1] in "）)":
            r.add(after[0], model, sent, "model-maker-bracket")


def its_model(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"曜川科技宣布跟进，将其主力模型Vela-2…": 其 points back to the organisation before it."""
    for model in models:
        pron = ITS_MODEL.search(r.ctx.text[max(sent.start, model.start - 10):model.start])
        if pron:
            at = model.start - len(pron.group(0))
            # 其 opening the sentence: the organisation the sentence before (same paragraph) is about
            before = [o for o in orgs if o.end <= at] or _previous_orgs(r.ctx, sent)
            if before:
                r.add(before[-1], model, sent, "its-model")


def _previous_orgs(ctx: Context, sent: Sentence) -> list[Mention]:
    i = ctx.sentence_index(sent)
    prev = ctx.sentences[i - 1] if i > 0 else None
    if prev is None or "\n" in ctx.text[prev.end:sent.start]:
        return []
    return [o for o in prev.mentions if o.type == "Organization"][:1]


def announced_own_model(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"砺岩智能宣布，自下月起，旗舰模型Quarry-Pro降价": the announcer's own flagship, when no other
    organisation is named between them and the catalogue knows no other maker."""
    text = r.ctx.text
    for model in models:
        if model.key or not OWN_MODEL.search(text, sent.start, model.start):
            continue
        before = [o for o in orgs if o.end <= model.start]
        if len({o.text for o in before}) == 1 and ANNOUNCER.match(text, before[-1].end):
            r.add(before[-1], model, sent, "announced-own-model")


def our_model(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"我们还有自己训练的小模型知岫-8B": a model the speaker's team made is the article's organisation's."""
    for model in models:
        if OUR_MADE.search(r.ctx.text, sent.start, model.start):
            maker = main_org(r.ctx)
            if maker is not None:
                r.add(maker, model, sent, "our-model")


NOT_IN_LABEL_GAP = re.compile(r"[^\s*" + re.escape("".join(R.item_bullets)) + "]")


def item_label(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"- **岫声科技**：语音模型Voice-3-HD，…": the organisation labelling a list item makes the models
    the item tells of, when no other organisation is named before them and none is hosted or built on."""
    text = r.ctx.text
    line = text.rfind("\n", 0, sent.start) + 1
    # the mentions are in text order: those from the line on, up to the first character no bullet gap holds
    gap_end = NOT_IN_LABEL_GAP.search(text, line)
    first, last = bisect.bisect_left(r.org_starts, line), bisect.bisect_right(r.org_starts, gap_end.start() if gap_end else len(text))
    label = next((o for o in r.article_orgs[first:last] if ITEM_LABEL_BEFORE.fullmatch(text, line, o.start)), None)
    if label is None or not ITEM_LABEL_AFTER.match(text, label.end):
        return
    for model in models:
        others = [o for o in r.article_orgs if label.end <= o.start < model.start]
        if not others and not HOSTING.search(text, label.end, model.start):
            r.add(label, model, sent, "item-label")


def section_heading(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"**岫川科技：国内降价**" then "旗舰模型Vela 2的输入价格…": a heading line labelled with an organisation
    opens a section about it; a new model the section names, with no organisation before it in its sentence
    and none hosting it, is that organisation's (a model with a known maker is left to the catalogue)."""
    text = r.ctx.text
    label = _section_label(r, sent.start)
    if label is None:
        return
    for model in models:
        if model.key or any(o.end <= model.start for o in orgs) or HOSTING.search(text, sent.start, model.start):
            continue
        r.add(label, model, sent, "section-heading")


def _section_label(r: Releases, pos: int) -> Mention | None:
    """The organisation labelling the nearest heading line ("**X：…**", "## X：…") above ``pos``, if any."""
    text = r.ctx.text
    # the nearest heading line that starts before the line of ``pos``
    i = bisect.bisect_left(r.heading_starts, text.rfind("\n", 0, pos) + 1) - 1
    if i < 0:
        return None
    at = r.headings[i][1]
    label = next((o for o in r.article_orgs if o.start == at), None)
    return label if label is not None and ITEM_LABEL_AFTER.match(text, label.end) else None


def subjectless_release(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"岫衡现在的旗舰模型是岫流-3。2023年开源的Quill-7B，…": a sentence that opens with the release of a
    model and names no organisation before it continues the one the sentence before was about."""
    text = r.ctx.text
    for model in models[:1]:
        if RELEASE_OPENING.fullmatch(text, sent.start, model.start):
            previous = _previous_orgs(r.ctx, sent)
            if previous:
                r.add(previous[0], model, sent, "subjectless-release")


# "…正式发布，即日起在岚岫开放平台上线": the name before an open platform the model goes live on
OWN_PLATFORM = re.compile(r"在([\u4e00-\u9fffA-Za-z]{2,8}?)" + any_of(R.open_platforms) + any_of(R.going_live))


def own_platform(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"新一代旗舰模型岫澜-3正式发布，即日起在岚岫开放平台上线": a model going live on an open platform named
    after an organisation of the article (岚岫 of 岚岫智能) is that organisation's; a cloud that lists it too
    (同时上架X平台) makes nothing."""
    m = OWN_PLATFORM.search(r.ctx.text, sent.start, sent.end)
    if not m:
        return
    owner = next((o for o in r.article_orgs if o.text.startswith(m.group(1)) or m.group(1).startswith(o.text)), None)
    if owner is None:
        return
    for model in models:
        if model.end <= m.start():
            r.add(owner, model, sent, "own-platform")


# "岚序智能主攻多模态模型，旗下青枢-7系列今年初上线": a clause that opens with 旗下 and the model
UNDER_CLAUSE = re.compile(rf"[，,；;]\s*{UNDER}{OF}?$")


def subject_under(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """A clause opening with 旗下 and a model after the one organisation named before it, which opens the
    sentence: its subject's model (岚序智能成立于2023年，旗下青枢-7已开源；澄川AI则…)."""
    if not orgs or r.ctx.text[sent.start:orgs[0].start].strip("*# \n"):
        return
    for model in models:
        before = {o.text for o in orgs if o.end <= model.start}
        if before == {orgs[0].text} and UNDER_CLAUSE.search(r.ctx.text, orgs[0].end, model.start):
            r.add(orgs[0], model, sent, "subject-under")


def release_list(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"铂岩云发布岩思4系列，包括旗舰模型岩思4-Pro、轻量版岩思4-Flash": the organisation before the release
    verb releases every model listed after 包括 in that sentence."""
    m = RELEASE_INCLUDES.search(r.ctx.text, sent.start, sent.end)
    if not m:
        return
    before = [o for o in orgs if o.end <= m.start()]
    if not before:
        return
    for model in models:
        if model.start >= m.end():
            r.add(before[-1], model, sent, "release-list")


def coordinated_model(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """Coordinated models share the releaser: ERNIE Speed和ERNIE Lite."""
    for a, b in zip(models, models[1:]):
        gap = between(r.ctx, a, b)
        if MODEL_LIST_GAP.match(gap):
            owner = next((o for o, m in r.seen if m == a.start), None)
            if owner is not None:
                org = next(o for o in orgs + r.article_orgs if o.start == owner)
                r.add(org, b, sent, "coordinated-model")


def catalogue_maker(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """The catalogue knows the family's maker, and the maker (or its parent or unit) is named nearby."""
    for model in models:
        family = family_of(model)
        maker = family.maker if family else org_named_in(model, r.article_orgs, r.latin)
        if not maker:
            continue
        # the maker itself (here, then anywhere in the article), else its parent or unit
        wanted = related_orgs(maker)
        ranked = ([o for o in orgs if o.key == maker] + [o for o in r.article_orgs if o.key == maker]
                  + [o for o in orgs if o.key in wanted] + [o for o in r.article_orgs if o.key in wanted])
        if ranked:
            r.add(ranked[0], model, sent, "catalogue-maker")


def maker_only_in_name(r: Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"DeepSeek-V3.2目前的价格…", DeepSeek named nowhere else: a catalogue organisation whose Latin name
    the model's name starts with (then a separator) made it."""
    text = r.ctx.text
    for model in (m for m in models if not r.has(m)):
        clause = max([sent.start] + [m.end() for m in CLAUSE_BREAK.finditer(text, sent.start, model.start)])
        if COMPARED.search(text, clause, model.start):
            continue
        head = re.match(r"([A-Za-z]{3,})[- ]", model.text)
        key = _latin_orgs().get(head.group(1).casefold()) if head else None
        if head and key:
            maker = Mention(head.group(1), "Organization", model.start, model.start + len(head.group(1)), key=key,
                            source="maker-in-model-name")
            r.add(maker, model, sent, "maker-only-in-name")


@lru_cache(maxsize=1)
def _latin_orgs() -> dict[str, str]:
    """The catalogue's organisations by their Latin names (DeepSeek, MiniMax), casefolded."""
    return {n.casefold(): e.key for e in load_catalogue().entries.values() if e.type == "Organization"
            for n in e.names if re.fullmatch(r"[A-Za-z]{3,}", n)}


def article_family(r: Releases) -> None:
    """Families the article introduces ("“云岫”是衡岫智能自研的大模型家族"): the organisation named
    where the family is introduced releases every model of the family."""
    ctx = r.ctx
    families = ctx.doc._.families or {}
    new_models = [m for m in ctx.mentions if m.type == "Model" and not m.key]
    for family, at in families.items():
        members = [m for m in ctx.mentions if m.type == "Model" and m.text.startswith(family)]
        intro = next((x for x in ctx.sentences if x.start <= at < x.end), None)
        # 澈影智能 makes 澈影-Ultra, not the other brand named beside it
        others = [m for m in new_models if m not in members]
        intro_orgs = [o for o in intro.mentions if o.type == "Organization"
                      and not any(brand_named_in(m, [o]) for m in others)] if intro else []
        # named where the family is introduced, else the organisation the article is most about (not
        # for a brand with Latin variants: 川流Lite is named after its maker, who is then not named)
        branded = any(re.match(r"-?[A-Za-z]", m.text[len(family):]) for m in members)
        family_maker = min(intro_orgs, key=lambda o: abs(o.start - at)) if intro_orgs \
            else None if branded else main_org(ctx)
        # …推出澈光-3，并通过岚舟云开放API: the one a sentence says released a member makes the family
        family_maker = next((o for o in intro_orgs if any((o.start, m.start) in r.seen for m in members)),
                            family_maker)
        # 我们还有自己训练的小模型知岫-8B: the speaker's own model is their organisation's, whoever else the
        # sentence that introduces it names; so is a model going live on its open platform
        family_maker = next((rel.subject for rel in r.out.relations if rel.kind == "released"
                             and rel.evidence.rule in ("our-model", "own-platform") and rel.object in members),
                            family_maker)

        if family_maker is None:
            continue
        for model in members:
            r.add(family_maker, model, r.sentence_of(model), "article-family")


QUOTED_BEFORE_BRACKET = re.compile(r"[“\"「『]([^”\"」』\s]{1,12})[”\"」』][（(]$")


def same_family(r: Releases) -> None:
    """One family, one maker: Quill-4-Air is made by whoever made Quill-3 in this article."""
    makers: dict[str, Mention] = {}
    for rel in r.out.relations:
        if rel.kind == "released" and rel.evidence.article_id == r.ctx.article.id:
            makers.setdefault(_family_stem(rel.object.text), rel.subject)
            # 推出大模型家族“青枢5”（QingShu-5）: the family's name in quotes before its Latin one is its stem too
            quoted = QUOTED_BEFORE_BRACKET.search(r.ctx.text, max(0, rel.object.start - 16), rel.object.start)
            if quoted:
                makers.setdefault(_family_stem(quoted.group(1)), rel.subject)
    for model in (m for m in r.ctx.mentions if m.type == "Model"):
        stem = _family_stem(model.text)
        if stem in makers and not r.has(model):
            r.add(makers[stem], model, r.sentence_of(model), "same-family")


# the release rules, in order: per sentence, then over the whole article
SENTENCE_RELEASE_RULES = [maker_in_model_name, brand_in_model_name, described_reference_model, org_model_apposition,
                          org_verb_model, model_maker_bracket, its_model, announced_own_model, our_model, own_platform,
                          subject_under, release_list,
                          coordinated_model, catalogue_maker, item_label, subjectless_release, maker_only_in_name,
                          section_heading]
ARTICLE_RELEASE_RULES = [article_family, same_family]


@extractor("released")
def released(ctx: Context, out: Extraction) -> None:
    r = Releases(ctx, out)
    for sent in ctx.sentences:
        if "Model" not in sent.types:
            continue        # every sentence rule releases a model of its sentence (most sentences name none)
        orgs, models = orgs_models(sent)
        for rule in SENTENCE_RELEASE_RULES:
            rule(r, sent, orgs, models)
    for article_rule in ARTICLE_RELEASE_RULES:
        article_rule(r)


def _family_stem(name: str) -> str:
    """The family part of a model name: Quill-4-Air → quill, 玄鉴-Max → 玄鉴, 云岫Pro → 云岫."""
    stem = re.split(r"[-\s\d.]", name, maxsplit=1)[0]
    stem = VARIANT_SUFFIX.sub("", stem) or stem
    return stem.casefold()
