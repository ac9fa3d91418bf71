"""Relations between entities: released, subsidiaryOf, worksFor, formerlyWorkedFor.

Each rule works inside one sentence on the mentions found there, and reads the
text *between* two mentions: a release verb, 旗下, a job title, a former marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..catalogue import Entry, load_catalogue, norm_name
from ..lang.zh import lexicon, title_chain_pattern, title_pattern
from ..records import Extraction, Mention, Relation, RelationKind
from ..rules import load_rules
from ..text.patterns import alternation
from .base import Context, Sentence, extractor

CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?\n]")
COMMA = "，,"


@dataclass(frozen=True)
class Roles:
    founder: str                        # the role of a founder: 创始人
    joined: str                         # of someone who joined, title unknown: 加入
    employed: str                       # of someone who worked there: 任职
    former: str                         # the prefix of a former role: 原


@dataclass(frozen=True)
class RelationRules:
    """``kg/rules/<lang>/relations.yaml``: the words the relation rules are built from."""

    release_verbs: tuple[str, ...]
    release_includes: tuple[str, ...]
    release_particles: tuple[str, ...]
    list_chars: str
    comparison_chars: str
    model_nouns: tuple[str, ...]
    under: tuple[str, ...]
    owns: tuple[str, ...]
    of: tuple[str, ...]
    block_gap: tuple[str, ...]
    org_pronouns: tuple[str, ...]
    its: tuple[str, ...]
    model_joiners: tuple[str, ...]
    variant_suffixes: tuple[str, ...]
    subsidiary_gaps: tuple[str, ...]
    incubated_adverbs: tuple[str, ...]
    copula: tuple[str, ...]
    by: tuple[str, ...]
    incubated_verbs: tuple[str, ...]
    child_is_adverbs: tuple[str, ...]
    subsidiary_nouns: tuple[str, ...]
    parent_company: tuple[str, ...]
    child_company: tuple[str, ...]
    acquired: tuple[str, ...]
    sold_to: tuple[str, ...]
    wholly: tuple[str, ...]
    holds_stake: tuple[str, ...]
    holding: tuple[str, ...]
    roles: Roles
    role_joiners: tuple[str, ...]
    role_trailers: tuple[str, ...]
    former_before_org: tuple[str, ...]
    continued_adverbs: tuple[str, ...]
    continued_verbs: tuple[str, ...]
    person_role_verbs: tuple[str, ...]
    former_in_gap: tuple[str, ...]
    former_at_end: tuple[str, ...]
    founding_adverbs: tuple[str, ...]
    founding_verbs: tuple[str, ...]
    perfective: tuple[str, ...]
    cofounder_joiners: tuple[str, ...]
    past_adverbs: tuple[str, ...]
    past_verbs: tuple[str, ...]
    past_titles: tuple[str, ...]
    officially: tuple[str, ...]
    join_verbs: tuple[str, ...]
    also: tuple[str, ...]
    take_verbs: tuple[str, ...]
    the_company: tuple[str, ...]
    left_from: tuple[str, ...]
    left_verbs: tuple[str, ...]
    worked_at: tuple[str, ...]
    worked_verbs: tuple[str, ...]
    at: tuple[str, ...]
    experienced: tuple[str, ...]
    employed_verbs: tuple[str, ...]
    cofounders: tuple[str, ...]
    jointly: tuple[str, ...]
    founded_by_verbs: tuple[str, ...]
    company: tuple[str, ...]
    company_verbs: tuple[str, ...]
    took_adverbs: tuple[str, ...]
    took_verbs: tuple[str, ...]
    he_she: tuple[str, ...]
    year: tuple[str, ...]
    before_joining: tuple[str, ...]


def any_of(words: tuple[str, ...]) -> str:
    """A non-capturing group of the words, longest first."""
    return "(?:" + alternation(words) + ")"


R = load_rules("zh", "relations", RelationRules)
ROLES = R.roles
OF = any_of(R.of)
UNDER = any_of(R.under)
_STOPS = re.escape(R.list_chars + R.comparison_chars)
_NOT_COMPARE = re.escape(R.comparison_chars)
# between an organisation and a model these words mean "of": 字节豆包, 智谱的个人版GLM-3Turbo, 阿里云将通义千问…
# 字节豆包, 智谱的个人版GLM-3Turbo, 腾讯云主力模型之一混元-lite: a short gap, or a longer one with a release verb
OWNER_GAP = re.compile(rf"^(?:[^，,。；;：:{_STOPS}]{{0,6}}|[^，,。；;：:{_STOPS}]{{0,8}}" + any_of(R.model_nouns)
                       + ")$")   # …将旗舰模型Y
RELEASE_VERB = any_of(R.release_verbs)
RELEASE_GAP = re.compile(rf"^[^，,。；;：:{_NOT_COMPARE}]{{0,16}}?" + RELEASE_VERB
                         + rf"[^，,。；;：:{_NOT_COMPARE}]{{0,8}}$")
PLATFORM_GAP = re.compile("^" + UNDER + r"[^，,。；;]{0,16}" + OF + "$")
FOUNDED = re.compile(any_of(R.founding_adverbs) + "?" + any_of(R.founding_verbs) + any_of(R.perfective)
                     + r"?[^，,。；;]{0,10}$")
BLOCK_GAP = re.compile(alternation(R.block_gap))   # X的价格为GPT-4的百分之一: a comparison
SUBSIDIARY_GAP = re.compile("^(?:" + UNDER + OF + r"?[^，,。；;]{0,16}|" + alternation(R.subsidiary_gaps) + ")$")
BY = any_of(R.by)
INCUBATED = re.compile("^(?:" + any_of(R.incubated_adverbs) + "?" + any_of(R.copula) + "?" + BY
                       + r"[^，,。；;]{0,10}?)$")
CHILD_IS = re.compile("^" + any_of(R.child_is_adverbs) + "?" + any_of(R.copula) + r"[^，,。；;]{0,10}$")
CHILD_NOUN = re.compile(r"^[^，,。；;]{0,14}?" + any_of(R.subsidiary_nouns))
RELEASE_BEFORE = re.compile(RELEASE_VERB + any_of(R.release_particles)
                            + rf"?[^，,。；;：:{_STOPS}]{{0,10}}$")
ORG_PRONOUN = re.compile(any_of(R.org_pronouns))
HELD_BY = re.compile(r"\s*" + any_of(R.wholly) + "?" + any_of(R.holds_stake) + r"\s*(\d+(?:\.\d+)?)\s*%")
PAST_ROLE = re.compile(any_of(R.past_adverbs) + any_of(R.past_verbs) + "$")
PAST_EMPLOYED = re.compile(any_of(R.past_adverbs) + "+" + any_of(R.employed_verbs) + "$")
PAST_TITLE = re.compile("^" + OF + r"?(?P<role>[^，,。；;]{0,6}?" + any_of(R.past_titles) + ")")
JOINED = re.compile(any_of(R.officially) + "?" + any_of(R.join_verbs) + "$")
TITLE_AFTER_JOIN = re.compile(rf"^[{COMMA}]?\s*" + any_of(R.also) + "?" + any_of(R.take_verbs)
                              + any_of(R.the_company) + r"?(?P<role>[^，,。；;]{2,20})")
LEFT = re.compile(any_of(R.left_from) + "$")
LEFT_AFTER = re.compile("^" + any_of(R.left_verbs))
# a clause that lists what the sentence's subject owns: ，旗下有…
UNITS_CLAUSE = re.compile(rf"[{COMMA}；;]\s*" + UNDER + any_of(R.owns))
# the person, then (已/于本月) a verb of leaving with no organisation in between: 邓某已于本月离职
LEFT_NOW = re.compile(r"^[^，,。；;：:“”]{0,8}?" + any_of(R.left_verbs))
# the rules that read a title next to a person (a title someone may be leaving)
TITLE_RULES = ("org-title-person", "implicit-employer", "its-title-person")
WORKED_AT = re.compile(any_of(R.worked_at) + "$")
WORKED_AFTER = re.compile(r"^[^，,。；;]{0,8}?" + any_of(R.worked_verbs))
# "在ORG做过两年…": 过 tells an experience that is over, whatever adverb comes before 在
AT = re.compile(any_of(R.at) + "$")
WORKED_BEFORE_NOW = re.compile(r"^[^，,。；;]{0,6}?" + any_of(R.worked_verbs) + any_of(R.experienced))
FOUNDED_BY = re.compile(rf"^[{COMMA}]?\s*" + BY + r"[^，,。；;]{0,16}$")
BY_AFTER = re.compile(rf"[{COMMA}]?\s*" + BY)
FOUNDED_VERB = re.compile("^" + any_of(R.cofounders) + "?" + any_of(R.jointly) + "?" + any_of(R.founded_by_verbs))
INCUBATED_AFTER = re.compile("^" + any_of(R.incubated_verbs))
RELEASE_INCLUDES = re.compile(RELEASE_VERB + r"[^。；;]*?" + any_of(R.release_includes))
MODEL_LIST_GAP = re.compile("^" + any_of(R.model_joiners) + "$")
PERSON_ROLE_GAP = re.compile(any_of(R.person_role_verbs) + r"[^，,。；;：:“”]{0,10}$")
# "将其主力模型Vela-2": 其 (and a model noun) right before the model
ITS_MODEL = re.compile(any_of(R.its) + rf"(?:[^，,。；;：:{re.escape(''.join(R.of))}]{{0,6}}" + any_of(R.model_nouns)
                       + ")?$")
VARIANT_SUFFIX = re.compile(any_of(R.variant_suffixes) + "$")
CHILD_COMPANY_END = re.compile(any_of(R.child_company) + "$")
ACQUIRED = re.compile(any_of(R.acquired) + r"(?:[^，,。；;]{0,12})$")
SOLD_TO = re.compile(any_of(R.sold_to) + "$")
HOLDING = re.compile(any_of(R.holding) + r"[^，,。；;]{0,12}$")
STAKE = re.compile(r"[^，,。；;]{0,4}?(\d+(?:\.\d+)?)\s*%")
ROLE_TRAILER = re.compile(any_of(R.role_joiners) + "*" + any_of(R.role_trailers) + "?$")
ROLE_STRIP = " " + "".join(R.role_joiners)
FORMER_BEFORE_ORG = re.compile(any_of(R.former_before_org) + "$")
CONTINUED = re.compile(rf"^[{COMMA}]\s*" + any_of(R.continued_adverbs) + "?" + any_of(R.continued_verbs)
                       + r"[^，,。；;]{0,4}$")
FORMER_GAP = re.compile(alternation(R.former_in_gap) + "|" + any_of(R.former_at_end) + "$")
COFOUNDER_GAP = re.compile(any_of(R.cofounder_joiners) + r"[^，,。；;]{0,6}")
OF_END = re.compile(OF + "$")
HE_SHE = re.compile(rf"(?:^|[{COMMA}])\s*" + any_of(R.he_she))
YEAR = re.compile(r"((?:19|20)\d\d)" + any_of(R.year))
BEFORE_AFTER_ORG = re.compile(any_of(R.before_joining))


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


class _Releases:
    """What the release rules of one article share: the facts so far, one releaser per model mention."""

    def __init__(self, ctx: Context, out: Extraction) -> None:
        self.ctx, self.out = ctx, out
        self.seen: set[tuple[int, int]] = set()
        self.article_orgs = [m for m in ctx.mentions if m.type == "Organization"]

    def add(self, org: Mention, model: Mention, sent: Sentence, rule: str) -> None:
        if (org.start, model.start) in {(o, m) for o, m in self.seen if m == model.start}:
            return
        if self.has(model):
            return      # one releaser per model mention
        self.seen.add((org.start, model.start))
        self.out.relations.append(Relation("released", org, model, self.ctx.evidence(sent, rule),
                                           date=self.ctx.date_in(sent.text)))

    def has(self, model: Mention) -> bool:
        return any(m == model.start for _, m in self.seen)

    def sentence_of(self, m: Mention) -> Sentence:
        return next(x for x in self.ctx.sentences if x.start <= m.start < x.end)


def maker_in_model_name(r: _Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """A model named after its maker: DeepSeek-V2 is DeepSeek's even in "幻方DeepSeek-V2"."""
    for model in models:
        key = org_named_in(model, r.article_orgs)
        if key:
            r.add(next(o for o in orgs + r.article_orgs if o.key == key), model, sent, "maker-in-model-name")


def org_model_apposition(r: _Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """The nearest organisation before the model in the same clause, joined by an owner gap."""
    for model in models:
        before = [o for o in orgs if o.end <= model.start]
        if not before:
            continue
        org = before[-1]
        gap = between(r.ctx, org, model)
        if CLAUSE_BREAK.search(gap) or BLOCK_GAP.search(_without_under(gap)):
            continue
        others = [m for m in sent.mentions if org.end <= m.start and m.end <= model.start]
        if others and not PLATFORM_GAP.match(gap):
            continue            # 月之暗面旗下Kimi开放平台的moonshot-v1-8k: a platform in between is fine
        if OWNER_GAP.match(gap) or RELEASE_GAP.match(gap) or PLATFORM_GAP.match(gap):
            r.add(org, model, sent, "org-model-apposition")


def _without_under(gap: str) -> str:
    for word in R.under:
        gap = gap.replace(word, "")
    return gap


def org_verb_model(r: _Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"X在杭州召开发布会，正式推出…Y" / "该公司…发布Y": a release verb right before the model, its
    subject the last organisation earlier in the sentence (or the last one named before it)."""
    text = r.ctx.text
    for model in models:
        verb = RELEASE_BEFORE.search(text[max(sent.start, model.start - 16):model.start])
        if not verb:
            continue
        verb_at = model.start - len(verb.group(0))
        before = [o for o in orgs if o.end <= verb_at]
        if before:
            r.add(before[-1], model, sent, "org-verb-model")
        elif ORG_PRONOUN.search(text[sent.start:verb_at]):
            earlier = [o for o in r.article_orgs if o.end <= sent.start]
            if earlier:
                r.add(earlier[-1], model, sent, "pronoun-verb-model")


def model_maker_bracket(r: _Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"Tessa 2.5 Lite（澄观实验室）：…" a model followed by its maker in brackets."""
    for model in models:
        after = [o for o in orgs if o.start > model.end and re.fullmatch(r"\s*[（(]\s*", between(r.ctx, model, o))]
        if after and r.ctx.text[after[0].end:after[0].end + 1] in "）)":
            r.add(after[0], model, sent, "model-maker-bracket")


def its_model(r: _Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """"曜川科技宣布跟进，将其主力模型Vela-2…": 其 points back to the organisation before it."""
    for model in models:
        pron = ITS_MODEL.search(r.ctx.text[max(sent.start, model.start - 10):model.start])
        if pron:
            at = model.start - len(pron.group(0))
            before = [o for o in orgs if o.end <= at]
            if before:
                r.add(before[-1], model, sent, "its-model")


def release_list(r: _Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
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


def coordinated_model(r: _Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """Coordinated models share the releaser: ERNIE Speed和ERNIE Lite."""
    for a, b in zip(models, models[1:]):
        gap = between(r.ctx, a, b)
        if MODEL_LIST_GAP.match(gap):
            owner = next((o for o, m in r.seen if m == a.start), None)
            if owner is not None:
                org = next(o for o in orgs + r.article_orgs if o.start == owner)
                r.add(org, b, sent, "coordinated-model")


def catalogue_maker(r: _Releases, sent: Sentence, orgs: list[Mention], models: list[Mention]) -> None:
    """The catalogue knows the family's maker, and the maker (or its parent or unit) is named nearby."""
    for model in models:
        family = family_of(model)
        maker = family.maker if family else org_named_in(model, r.article_orgs)
        if not maker:
            continue
        # the maker itself (here, then anywhere in the article), else its parent or unit
        wanted = related_orgs(maker)
        ranked = ([o for o in orgs if o.key == maker] + [o for o in r.article_orgs if o.key == maker]
                  + [o for o in orgs if o.key in wanted] + [o for o in r.article_orgs if o.key in wanted])
        if ranked:
            r.add(ranked[0], model, sent, "catalogue-maker")


def article_family(r: _Releases) -> None:
    """Families the article introduces ("“云岫”是衡岫智能自研的大模型家族"): the organisation named
    where the family is introduced releases every model of the family."""
    ctx = r.ctx
    families = ctx.doc._.families or {}
    for family, at in families.items():
        intro = next((x for x in ctx.sentences if x.start <= at < x.end), None)
        intro_orgs = [o for o in intro.mentions if o.type == "Organization"] if intro else []
        # named where the family is introduced, else the organisation the article is most about
        family_maker = min(intro_orgs, key=lambda o: abs(o.start - at)) if intro_orgs else _main_org(ctx)
        if family_maker is None:
            continue
        for model in (m for m in ctx.mentions if m.type == "Model" and m.text.startswith(family)):
            r.add(family_maker, model, r.sentence_of(model), "article-family")


def same_family(r: _Releases) -> None:
    """One family, one maker: Quill-4-Air is made by whoever made Quill-3 in this article."""
    makers: dict[str, Mention] = {}
    for rel in r.out.relations:
        if rel.kind == "released" and rel.evidence.article_id == r.ctx.article.id:
            makers.setdefault(_family_stem(rel.object.text), rel.subject)
    for model in (m for m in r.ctx.mentions if m.type == "Model"):
        stem = _family_stem(model.text)
        if stem in makers and not r.has(model):
            r.add(makers[stem], model, r.sentence_of(model), "same-family")


# the release rules, in order: per sentence, then over the whole article
SENTENCE_RELEASE_RULES = [maker_in_model_name, org_model_apposition, org_verb_model, model_maker_bracket,
                          its_model, release_list, coordinated_model, catalogue_maker]
ARTICLE_RELEASE_RULES = [article_family, same_family]


@extractor("released")
def released(ctx: Context, out: Extraction) -> None:
    r = _Releases(ctx, out)
    for sent in ctx.sentences:
        orgs, models = orgs_models(sent)
        for rule in SENTENCE_RELEASE_RULES:
            rule(r, sent, orgs, models)
    for article_rule in ARTICLE_RELEASE_RULES:
        article_rule(r)


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
    stem = VARIANT_SUFFIX.sub("", stem) or stem
    return stem.casefold()


Pair = tuple[Mention, Mention, str]          # child, parent, rule


def parent_qixia_child(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """青松科技旗下的白鹭实验室, X的子公司Y"""
    return (b, a, "parent-qixia-child") if SUBSIDIARY_GAP.match(gap) and not CLAUSE_BREAK.search(gap) else None


def incubated_by(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """DeepSeek由幻方量化孵化: a is the child, b the parent"""
    if INCUBATED.match(gap) and INCUBATED_AFTER.match(after) and not ctx.text.endswith(R.by, 0, a.start):
        return a, b, "incubated-by"
    return None


def parent_company(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """X的母公司Y"""
    return (a, b, "parent-company") if gap in R.parent_company else None


def child_is_subsidiary(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """X是(深交所上市公司)Y(今年成立的)子公司 / X是Y旗下…"""
    if CHILD_IS.match(gap) and (CHILD_NOUN.match(ctx.text[b.end:b.end + 24]) or ctx.text.startswith(R.under, b.end)):
        return a, b, "child-is-subsidiary"
    return None


def subsidiary_noun(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """霁光智能的新加坡子公司霁光国际, 星衍数据…分拆全资子公司星衍智算"""
    child = CHILD_COMPANY_END.search(gap)
    if child and not CLAUSE_BREAK.search(gap[:child.start()][-12:]):
        return b, a, "subsidiary-noun"
    return None


def acquired(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """鸿图控股已完成对大模型公司灵枢智能100%股权的收购 / 以9.6亿元收购数森科技51%的股权"""
    return (b, a, "acquired") if ACQUIRED.search(gap) and _acquired_whole(ctx, a, b) else None


def sold_to(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """X出售给Y"""
    return (a, b, "sold-to") if SOLD_TO.search(gap) else None


def majority_held_by(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """算力港由云启集团持股70%"""
    held = HELD_BY.match(ctx.text[b.end:b.end + 12]) if gap in R.by else None
    return (a, b, "majority-held-by") if held and float(held.group(1)) > 50 else None


def majority_stake(ctx: Context, a: Mention, b: Mention, gap: str, after: str) -> Pair | None:
    """持有康衍医疗62%的股权: a majority stake makes a subsidiary"""
    stake = STAKE.match(ctx.text[b.end:b.end + 12]) if HOLDING.search(gap) else None
    return (b, a, "majority-stake") if stake and float(stake.group(1)) > 50 else None


# the rules for two organisations next to each other in a sentence, in order: the first that applies
SUBSIDIARY_RULES = [parent_qixia_child, incubated_by, parent_company, child_is_subsidiary, subsidiary_noun,
                    acquired, sold_to, majority_held_by, majority_stake]


@extractor("subsidiaryOf")
def subsidiary_of(ctx: Context, out: Extraction) -> None:
    for sent in ctx.sentences:
        orgs = [m for m in sent.mentions if m.type == "Organization"]
        for a, b in zip(orgs, orgs[1:]):
            gap, after = between(ctx, a, b), ctx.text[b.end:b.end + 6]
            pair = next((p for rule in SUBSIDIARY_RULES if (p := rule(ctx, a, b, gap, after))), None)
            if pair:
                child, parent, rule_name = pair
                out.relations.append(Relation("subsidiaryOf", child, parent, ctx.evidence(sent, rule_name)))
        _units_listed(ctx, sent, orgs, out)


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


def _acquired_whole(ctx: Context, buyer: Mention, target: Mention) -> bool:
    """An acquisition makes a subsidiary when it is whole or of a majority: no stake said, or > 50 %."""
    after = ctx.text[target.end:target.end + 16]
    stake = STAKE.match(after)
    return stake is None or float(stake.group(1)) > 50


@lru_cache(maxsize=1)
def _former_re() -> re.Pattern[str]:
    """A role that starts with a former marker: 原副总裁, 前CEO, 曾任."""
    return re.compile("^(?:" + alternation(lexicon().former_markers) + ")")


def _title_chain() -> re.Pattern[str]:
    return re.compile(title_chain_pattern() + r"\s?$")


@extractor("worksFor")
def works_for(ctx: Context, out: Extraction) -> None:
    chain_re = _title_chain()
    former_re = _former_re()
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
                    role = ROLE_TRAILER.sub("", ctx.text[org.end:stop].strip(ROLE_STRIP))
                    # 前字节跳动副总裁: a former marker before the organisation makes the role a former one
                    if FORMER_BEFORE_ORG.search(ctx.text[max(sent.start, org.start - 2):org.start]):
                        role = role if former_re.match(role) else ROLES.former + role
                    _add_role(ctx, out, done, sent, person, org, role, former_re, "org-title-person")
            # a title with no organisation before it ("公开资料显示，创始人梁文锋…"): the organisation the
            # text is about, i.e. the first one named earlier in this sentence or in the one before
            its = chain and ctx.text[sent.start + chain.start() - 1:sent.start + chain.start()] in R.its
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
                continued = CONTINUED.match(gap)
                if (CLAUSE_BREAK.search(gap) and not continued) or not PERSON_ROLE_GAP.search(gap):
                    continue
                if any(person.end <= m.start and m.end <= org.start for m in sent.mentions):
                    continue
                # 曾任微软全球副总裁, 原是百度文心大模型推理团队负责人: a short qualifier may precede the title
                title = _qualified_title().match(ctx.text, org.end, min(sent.end, org.end + 24))
                if not title:
                    continue
                former = bool(FORMER_GAP.search(gap))
                role = (ROLES.former if former else "") + title.group(1)
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
                if COFOUNDER_GAP.fullmatch(ctx.text[a.end:b.start]):
                    founders.append(a)
                else:
                    break
            for person in founders:
                if (person.start, org.start) not in done:
                    done.add((person.start, org.start))
                    out.relations.append(Relation("worksFor", person, org, ctx.evidence(sent, "founded-org"),
                                                  role=ROLES.founder, date=ctx.date_in(sent.text)))


Event = tuple[Sentence, Mention, Mention, str, str]     # sentence, person, organisation, role, rule


class _Career:
    """What the career rules of one article share: its persons, and who left which organisation."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.persons = [m for m in ctx.mentions if m.type == "Person"]
        self.left: set[tuple[str, str]] = set()

    def subject(self, sent: Sentence, pos: int) -> Mention | None:
        """The person an event at ``pos`` is told of: the nearest one before in the sentence, the one a
        relative clause leads to, or the last person named when the clause starts with 他/她."""
        text = self.ctx.text
        here = [p for p in sent.mentions if p.type == "Person" and p.end <= pos]
        if here:
            return here[-1]
        # 曾在Google从事多模态研究的Priya Raman: a relative clause before its person
        after = [p for p in sent.mentions if p.type == "Person" and p.start > pos]
        if after and OF_END.search(text[max(sent.start, after[0].start - 1):after[0].start]) \
                and not CLAUSE_BREAK.search(text[pos:after[0].start]):
            return after[0]
        if HE_SHE.search(text[sent.start:pos]):
            earlier = [p for p in self.persons if p.end <= sent.start]
            return earlier[-1] if earlier else None
        return None


def left_org(c: _Career, sent: Sentence, org: Mention, before: str, after: str) -> list[Event] | None:
    """"他从ORG离职" / "曾在ORG短暂任职" / "还在ORG做过两年研究总监": formerly worked there."""
    if not (LEFT.search(before) and LEFT_AFTER.match(after) or WORKED_AT.search(before) and WORKED_AFTER.match(after)
            or AT.search(before) and WORKED_BEFORE_NOW.match(after)):
        return None
    person = c.subject(sent, org.start)
    if not person:
        return []
    c.left.add((person.text, org.text))
    return [(sent, person, org, ROLES.former + ROLES.employed, "left-org")]


def was_at_org(c: _Career, sent: Sentence, org: Mention, before: str, after: str) -> list[Event] | None:
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


def joined_org(c: _Career, sent: Sentence, org: Mention, before: str, after: str) -> list[Event] | None:
    """"X已正式加盟ORG，出任CPO": works there, with the role if one is told."""
    if not JOINED.search(before):
        return None
    person = c.subject(sent, org.start)
    title = TITLE_AFTER_JOIN.match(after)
    return [(sent, person, org, title.group("role") if title else ROLES.joined, "joined-org")] if person else []


def founded_by(c: _Career, sent: Sentence, org: Mention, before: str, after: str) -> list[Event] | None:
    """"ORG，由…X创办": X is a founder."""
    if not BY_AFTER.match(after):
        return None
    text = c.ctx.text
    return [(sent, p, org, ROLES.founder, "founded-by")
            for p in (m for m in sent.mentions if m.type == "Person" and m.start > org.end)
            if FOUNDED_BY.match(text[org.end:p.start]) and FOUNDED_VERB.match(text[p.end:p.end + 8])]


# the rules that read the text around an organisation, in order: the first that applies reads it
ORG_CAREER_RULES = [left_org, was_at_org, joined_org, founded_by]


def org_events(c: _Career, sent: Sentence) -> list[Event]:
    """The events told around each organisation of the sentence."""
    events: list[Event] = []
    text = c.ctx.text
    for org in (m for m in sent.mentions if m.type == "Organization"):
        before = text[max(sent.start, org.start - 6):org.start]
        after = text[org.end:min(sent.end, org.end + 30)]
        for rule in ORG_CAREER_RULES:
            found = rule(c, sent, org, before, after)
            if found is not None:
                events += found
                break
    return events


def joined_the_company(c: _Career, sent: Sentence) -> list[Event]:
    """"出任公司CTO": a title at the first organisation of the sentence."""
    first_org = next((m for m in sent.mentions if m.type == "Organization"), None)
    if first_org is None:
        return []
    events: list[Event] = []
    for m in _company_title().finditer(sent.text):
        person = c.subject(sent, sent.start + m.start())
        if person is not None:
            events.append((sent, person, first_org, m.group("role"), "joined-the-company"))
    return events


def took_title(c: _Career, sent: Sentence) -> list[Event]:
    """"X随即出任CTO": a title at the organisation the text is about."""
    events: list[Event] = []
    for person in (m for m in sent.mentions if m.type == "Person"):
        took = _took_title().match(c.ctx.text[person.end:sent.end])
        if took and not any(o.start > person.end and o.start < person.end + took.end() for o in sent.mentions):
            topic = _topic_org(c.ctx, sent, person)
            if topic is not None:
                events.append((sent, person, topic, took.group("role"), "took-title"))
    return events


@lru_cache(maxsize=1)
def _qualified_title() -> re.Pattern[str]:
    return re.compile(OF + "?(" + r"[^，,。；;：:“”\s]{0,10}?" + title_pattern() + ")")


@lru_cache(maxsize=1)
def _company_title() -> re.Pattern[str]:
    return re.compile(any_of(R.company_verbs) + any_of(R.perfective) + "?" + any_of(R.company)
                      + "(?P<role>" + title_chain_pattern() + ")")


@lru_cache(maxsize=1)
def _took_title() -> re.Pattern[str]:
    return re.compile(any_of(R.took_adverbs) + "?" + any_of(R.took_verbs) + "(?P<role>" + title_chain_pattern() + ")")


# the career rules, in order, each reading one sentence
CAREER_RULES = [org_events, joined_the_company, took_title]


@extractor("careerMoves")
def career_moves(ctx: Context, out: Extraction) -> None:
    """Joining, leaving and founding, told as events rather than titles.

    "X已正式加盟ORG，出任CPO" (works for, with the role), "他从ORG离职" / "曾在ORG短暂任职" (formerly),
    "ORG，由…X创办" (founder). The person is the nearest one before in the sentence, or the last
    person named when the clause starts with 他/她.
    """
    c = _Career(ctx)
    events = [e for sent in ctx.sentences for rule in CAREER_RULES for e in rule(c, sent)]
    left = c.left | {(r.subject.text, r.object.text) for r in out.relations if r.kind == "formerlyWorkedFor"}
    _add_events(ctx, out, events, left)
    out.relations = [_unless_left(ctx, r) for r in out.relations]


def _unless_left(ctx: Context, rel: Relation) -> Relation:
    """"首席技术官邓某已于本月离职，将加盟腾讯": the title the sentence gives is the one being left."""
    if rel.kind != "worksFor" or rel.evidence.rule not in TITLE_RULES:
        return rel
    sent_end = ctx.text.find("。", rel.subject.end)
    after = ctx.text[rel.subject.end:sent_end if sent_end >= 0 else len(ctx.text)]
    if not LEFT_NOW.match(after):
        return rel
    role = ROLES.former + (rel.role or ROLES.employed)
    return Relation("formerlyWorkedFor", rel.subject, rel.object, rel.evidence, role=role, date=rel.date)


# an undated join is the news the article reports; a join told "before" something is history
NEWS_YEAR, HISTORY_YEAR = 9999, 1


def _join_year(ctx: Context, sent: Sentence, org: Mention) -> int:
    if BEFORE_AFTER_ORG.match(ctx.text[org.end:sent.end]):
        return HISTORY_YEAR             # 加入字节之前，他曾在…
    year = YEAR.findall(ctx.text[sent.start:org.start])
    return int(year[-1]) if year else NEWS_YEAR


def _add_events(ctx: Context, out: Extraction, events: list[Event], left: set[tuple[str, str]]) -> None:
    """Leaving wins over joining, whatever the order they are told in (加入百度…后从百度离职); and of
    several joins of one person to different organisations only the latest is current: a dated join
    (2016年加入A) is older than the undated one the news is about (已于近日加盟B)."""
    former_re = _former_re()
    done: set[tuple[int, int]] = set()
    joins: dict[str, list[tuple[int, str]]] = {}
    for sent, person, org, _role, rule in events:
        if rule == "joined-org" and (person.text, org.text) not in left:
            joins.setdefault(person.text, []).append((_join_year(ctx, sent, org), org.text))
    # a current title told elsewhere (星衡云CTO沈某) is the news too: a dated join elsewhere is history
    for rel in out.relations:
        if rel.kind == "worksFor" and rel.subject.text in joins:
            joins[rel.subject.text].append((NEWS_YEAR, rel.object.text))
    for sent, person, org, role, rule in events:
        if rule == "joined-org" and (person.text, org.text) in left:
            continue
        dated = joins.get(person.text, [])
        latest = max((y for y, _ in dated), default=0)
        if rule == "joined-org" and len({o for _, o in dated}) > 1 \
                and max(y for y, o in dated if o == org.text) < latest:
            role = ROLES.former + (role if role != ROLES.joined else ROLES.employed)
        _add_role(ctx, out, done, sent, person, org, role, former_re, rule)


def _add_role(ctx: Context, out: Extraction, done: set[tuple[int, int]], sent: Sentence,
              person: Mention, org: Mention, role: str, former_re: re.Pattern[str], rule: str) -> None:
    if (person.start, org.start) in done or not role:
        return
    done.add((person.start, org.start))
    former = bool(former_re.match(role))
    kind: RelationKind = "formerlyWorkedFor" if former else "worksFor"
    out.relations.append(Relation(kind, person, org, ctx.evidence(sent, rule), role=role))
