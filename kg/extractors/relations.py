"""Relations between entities in Chinese text: what the relation rules share.

The rules themselves live beside this module, one per relation: ``relations_released``,
``relations_subsidiary``, ``relations_careers`` (worksFor, formerlyWorkedFor). Each works inside
one sentence on the mentions found there and reads the text *between* two mentions (a release
verb, 旗下, a job title, a former marker); here are their word lists' schema
(``kg/rules/zh/relations.yaml``), the patterns built from them, and the helpers they share.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..lang.zh import title_pattern
from ..records import Mention
from ..rules import load_rules
from ..text.patterns import alternation
from .base import Context, Sentence

HAN_CHAR = "[\u4e00-\u9fff]"
CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?【】\n]")   # a heading in 【】 ends a clause too
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
    comparison_words: tuple[str, ...]
    item_bullets: tuple[str, ...]
    label_marks: tuple[str, ...]
    hosting_words: tuple[str, ...]
    user_copulas: tuple[str, ...]
    model_users: tuple[str, ...]
    open_platforms: tuple[str, ...]
    going_live: tuple[str, ...]
    release_includes: tuple[str, ...]
    release_particles: tuple[str, ...]
    list_chars: str
    comparison_chars: str
    model_nouns: tuple[str, ...]
    series: tuple[str, ...]
    under: tuple[str, ...]
    owns: tuple[str, ...]
    of: tuple[str, ...]
    block_gap: tuple[str, ...]
    org_pronouns: tuple[str, ...]
    its: tuple[str, ...]
    listed_person_marks: tuple[str, ...]
    model_joiners: tuple[str, ...]
    variant_suffixes: tuple[str, ...]
    subsidiary_gaps: tuple[str, ...]
    incubated_adverbs: tuple[str, ...]
    copula: tuple[str, ...]
    by: tuple[str, ...]
    incubated_verbs: tuple[str, ...]
    incubated_time: str
    parent_words: tuple[str, ...]
    child_is_adverbs: tuple[str, ...]
    child_copula: tuple[str, ...]
    child_is_clauses: tuple[str, ...]
    subsidiary_nouns: tuple[str, ...]
    list_end: tuple[str, ...]
    org_counters: tuple[str, ...]
    self_references: tuple[str, ...]
    becomes: tuple[str, ...]
    parent_company: tuple[str, ...]
    child_company: tuple[str, ...]
    this_one: tuple[str, ...]
    as_word: tuple[str, ...]
    unit_nouns: tuple[str, ...]
    acquired: tuple[str, ...]
    sold_to: tuple[str, ...]
    seller_marks: tuple[str, ...]
    front_unit_ends: tuple[str, ...]
    front_unit_words: tuple[str, ...]
    spin_off_verbs: tuple[str, ...]
    announced: tuple[str, ...]
    announce_adverbs: tuple[str, ...]
    name_quotes: str
    own_model_nouns: tuple[str, ...]
    own_adverbs: tuple[str, ...]
    own_made_verbs: tuple[str, ...]
    post_words: tuple[str, ...]
    post_taken_by: str
    successor_verbs: tuple[str, ...]
    passive: tuple[str, ...]
    passive_acquired: tuple[str, ...]
    wholly: tuple[str, ...]
    holds_stake: tuple[str, ...]
    wholly_held: tuple[str, ...]
    tenths: dict[str, int]
    tenth_word: str
    holding: tuple[str, ...]
    stake_its: tuple[str, ...]
    held_by_adverbs: tuple[str, ...]
    own_unit_nouns: tuple[str, ...]
    incubated_of: tuple[str, ...]
    latter: tuple[str, ...]
    latter_controls: tuple[str, ...]
    its_child_copula: tuple[str, ...]
    it_now: tuple[str, ...]
    it_pronouns: tuple[str, ...]
    made_verbs: tuple[str, ...]
    joint_venture_verbs: tuple[str, ...]
    roles: Roles
    role_joiners: tuple[str, ...]
    role_trailers: tuple[str, ...]
    former_before_org: tuple[str, ...]
    continued_adverbs: tuple[str, ...]
    continued_verbs: tuple[str, ...]
    person_role_verbs: tuple[str, ...]
    person_role_copulas: tuple[str, ...]
    former_in_gap: tuple[str, ...]
    former_at_end: tuple[str, ...]
    founding_adverbs: tuple[str, ...]
    founding_verbs: tuple[str, ...]
    perfective: tuple[str, ...]
    cofounder_joiners: tuple[str, ...]
    past_adverbs: tuple[str, ...]
    past_verbs: tuple[str, ...]
    in_turn: tuple[str, ...]
    past_titles: tuple[str, ...]
    officially: tuple[str, ...]
    join_verbs: tuple[str, ...]
    return_verbs: tuple[str, ...]
    joined_descriptions: tuple[str, ...]
    also: tuple[str, ...]
    take_verbs: tuple[str, ...]
    the_company: tuple[str, ...]
    apposition_comma: tuple[str, ...]
    apposition_marks: tuple[str, ...]
    left_from: tuple[str, ...]
    left_before: tuple[str, ...]
    left_verbs: tuple[str, ...]
    future_marks: tuple[str, ...]
    successor_by: tuple[str, ...]
    successor_now: tuple[str, ...]
    stepped_down: tuple[str, ...]
    came_from: tuple[str, ...]
    came_from_adverbs: tuple[str, ...]
    came_from_verbs: tuple[str, ...]
    worked_at: tuple[str, ...]
    worked_verbs: tuple[str, ...]
    at: tuple[str, ...]
    experienced: tuple[str, ...]
    origin_after: tuple[str, ...]
    completed: tuple[str, ...]
    tenure_units: tuple[str, ...]
    employed_verbs: tuple[str, ...]
    founded_setting: str
    left_later: tuple[str, ...]
    until_words: tuple[str, ...]
    until_left_verbs: tuple[str, ...]
    cofounders: tuple[str, ...]
    jointly: tuple[str, ...]
    founded_by_verbs: tuple[str, ...]
    company: tuple[str, ...]
    company_verbs: tuple[str, ...]
    took_adverbs: tuple[str, ...]
    took_verbs: tuple[str, ...]
    kept_left_verbs: tuple[str, ...]
    kept_adverbs: tuple[str, ...]
    kept_verbs: tuple[str, ...]
    kept_after: tuple[str, ...]
    appoint_verbs: tuple[str, ...]
    appoint_as: tuple[str, ...]
    he_she: tuple[str, ...]
    representing: tuple[str, ...]
    pronoun_blockers: tuple[str, ...]
    first_person: tuple[str, ...]
    speaker_marks: tuple[str, ...]
    object_markers: tuple[str, ...]
    now_verbs: tuple[str, ...]
    workplace_joiners: tuple[str, ...]
    year_span_joiners: tuple[str, ...]
    year: tuple[str, ...]
    before_joining: tuple[str, ...]
    this: tuple[str, ...]
    announce_times: tuple[str, ...]
    brand_trailers: tuple[str, ...]
    our: tuple[str, ...]
    unit_words: tuple[str, ...]
    back_then: tuple[str, ...]
    once_adverbs: tuple[str, ...]
    short_names: tuple[str, ...]
    company_nouns: tuple[str, ...]
    reference_nouns: tuple[str, ...]
    title_group_tail: tuple[str, ...]
    title_copulas: tuple[str, ...]
    its_owner_nouns: tuple[str, ...]
    aside_open: tuple[str, ...]
    aside_close: tuple[str, ...]
    now_at: tuple[str, ...]
    now_doing: tuple[str, ...]
    agent_adverbs: tuple[str, ...]
    not_an_employer: str


def any_of(words: tuple[str, ...]) -> str:
    """A non-capturing group of the words, longest first."""
    return "(?:" + alternation(words) + ")"


R = load_rules("zh", "relations", RelationRules)
ROLES = R.roles
OF = any_of(R.of)
UNDER = any_of(R.under)
# 阿里巴巴旗下的达摩院: the words between a parent and the unit under it
UNDER_OF = re.compile(UNDER + OF + "?")
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
# "成立了一家专注于医疗影像的新公司ORG": the founded company described before its name
FOUNDED_DESCRIBED = re.compile(any_of(R.founding_verbs) + any_of(R.perfective) + r"?一家[^，,。；;]{0,20}?"
                               + any_of(R.company_nouns) + "$")
BLOCK_GAP = re.compile(alternation(R.block_gap))   # X的价格为GPT-4的百分之一: a comparison
SUBSIDIARY_GAP = re.compile("^(?:" + UNDER + OF + r"?[^，,。；;]{0,16}|" + alternation(R.subsidiary_gaps) + ")$")
BY = any_of(R.by)
INCUBATED = re.compile("^(?:" + any_of(R.incubated_adverbs) + "?" + any_of(R.copula) + "?" + BY
                       + r"[^，,。；;]{0,10}?)$")
CHILD_IS = re.compile("^(?:" + any_of(R.child_is_clauses) + r"[^，,。；;]{0,12}[，,]\s*|[，,]\s*)?" + any_of(R.child_is_adverbs) + "?" + any_of(R.child_copula) + r"[^，,。；;]{0,10}$")
CHILD_NOUN = re.compile(r"^[^，,。；;]{0,14}?" + any_of(R.subsidiary_nouns))
# "X是Y2023年孵化的团队": the parent's incubation after it, a time between
CHILD_INCUBATED = re.compile(r"^[^，,。；;]{0,8}?" + any_of(R.incubated_of))
# "Y持股51%，X为其控股子公司": the child after the holder, its copula, 其 and a subsidiary noun
ITS_CHILD_AFTER = re.compile(r"^[^，,。；;]{0,4}?" + any_of(R.its_child_copula) + any_of(R.its)
                             + any_of(R.subsidiary_nouns))
# "X…收了进来，现在它是Y的全资子公司": a comma, 它 (the child named before) and the copula before the parent
IT_IS = re.compile(r"^[^。；;？?！!]{0,16}?[，,]\s*" + any_of(R.it_now) + "?" + any_of(R.it_pronouns)
                   + any_of(R.child_is_adverbs) + "?" + any_of(R.child_copula) + r"[^，,。；;]{0,10}$")
# "X（X'），集团持股70%": the child (and its alias), a comma, then the holder and its stake
ALIAS_THEN_COMMA = re.compile(r"^(?:[（(][^（()）]{1,14}[）)]|[”\"」』]?[）)])?[，,]\s*$")
# "X获Y注资并由后者控股": the parent referred to as the latter, right after it in the clause
LATTER_CONTROLS = re.compile(r"^[^，,。；;]{0,8}?" + BY + any_of(R.latter) + any_of(R.latter_controls))
RELEASE_BEFORE = re.compile(RELEASE_VERB + any_of(R.release_particles)
                            + rf"?[^，,。；;：:{_STOPS}]{{0,10}}$")
# a longer description ending in a model noun: 发布了成立后的首个大模型系列“Y”, 发表第三代中文语言模型「Y」
RELEASE_BEFORE_LONG = re.compile(RELEASE_VERB + any_of(R.release_particles) + rf"?[^，,。；;：:{_STOPS}]{{0,14}}"
                                 + any_of(R.model_nouns) + any_of(R.series) + "?" + rf"[{re.escape(R.name_quotes)}]?$")
ORG_PRONOUN = re.compile(any_of(R.org_pronouns))
DESCRIBED_REFERENCE = re.compile(any_of(R.this) + r"[^，,。；;]{1,16}?" + any_of(R.reference_nouns))
# a share: a percentage (62%) or tenths (六成); ``share`` reads the captured text as a percentage
SHARE = r"(\d+(?:\.\d+)?\s*%|[" + "".join(R.tenths) + "]" + re.escape(R.tenth_word) + ")"
HELD_BY = re.compile(r"\s*" + any_of(R.wholly) + "?" + any_of(R.holds_stake) + r"\s*(?:约|近|超过)?" + SHARE)
WHOLLY_HELD = re.compile(r"\s*" + any_of(R.wholly_held))
# "由集团100%持股": the share before the verb
HELD_PERCENT_FIRST = re.compile(r"\s*(\d+(?:\.\d+)?)\s*%\s*" + any_of(R.holds_stake))
# the child, its alias or the rest of its clause, then 由 (母公司) and the parent: X（下称Y），由母公司Z / X成立于2019年，由Z
# 由 and a short description of the holder: X由上市公司Y持有…
# (X（Y）目前由Z: the child's alias in brackets and an adverb of time before 由)
BY_DESCRIBED = re.compile(r"^(?:[（(][^（()）]{1,14}[）)]|[）)])?" + any_of(R.held_by_adverbs) + "?" + BY + r"[^，,。；;]{0,6}$")
HELD_BY_GAP = re.compile(r"^[^。；;]{0,24}?[，,]\s*" + BY + any_of(R.parent_words) + "?$")
# "Z仍持有其约62%的股份": a stake in 其, the organisation named before
MADE_BEFORE = re.compile(any_of(R.made_verbs) + any_of(R.perfective) + "?$")
HOLDS_ITS = re.compile(r"^[^，,。；;]{0,4}?" + any_of(R.holding) + any_of(R.stake_its) + r"[^，,。；;]{0,2}?" + SHARE)
# (更早之前，他是…: the clause goes on with 他/她 after the adverb)
PAST_ROLE = re.compile(any_of(R.past_adverbs) + rf"(?:[{COMMA}]\s*" + any_of(R.he_she) + ")?" + any_of(R.past_verbs) + "$")
PAST_EMPLOYED = re.compile(any_of(R.past_adverbs) + "+" + any_of(R.in_turn) + "?" + any_of(R.employed_verbs) + "$")
PAST_TITLE = re.compile("^" + OF + r"?(?P<role>[^，,。；;]{0,10}?" + any_of(R.past_titles) + ")")
JOINED = re.compile(any_of(R.officially) + "?" + any_of(R.join_verbs) + any_of(R.perfective) + "?"
                    + r"(?:[^，,。；;：:“”]{0,10}?" + any_of(R.joined_descriptions) + ")?$")
TITLE_AFTER_JOIN = re.compile(rf"^[{COMMA}]?\s*" + any_of(R.also) + "?" + any_of(R.take_verbs)
                              + any_of(R.the_company) + r"?(?P<role>[^，,。；;]{2,20})")
# 重返腾讯: a join back to an organisation left before, which the leaving does not undo
RETURNED = re.compile(any_of(R.return_verbs) + "$")
LEFT = re.compile(any_of(R.left_from) + "$")
LEFT_BEFORE = re.compile(any_of(R.left_before) + "$")
STEPPED_DOWN = re.compile(any_of(R.stepped_down) + "$")
# "…，继续担任董事长": a title kept after stepping down from another
KEPT_AFTER = re.compile(f"[{COMMA}]\\s*" + any_of(R.kept_adverbs) + "?" + any_of(R.kept_verbs))
# "曾在ORG，" / "加入X之前一直在ORG。": a past stay at the organisation, the clause ending right after its name
CLAUSE_END = re.compile(r"^[，,。；;]")
# "从ORG的战略部离职": a unit of the organisation may stand between it and the verb of leaving
LEFT_AFTER = re.compile("^(?:" + OF + r"[^，,。；;]{0,8}?" + any_of(R.unit_words) + ")?"
                        + any_of(R.left_verbs + R.came_from_verbs))
# "她在青屿云时的同事": at an organisation back then
BACK_THEN = re.compile("^" + any_of(R.back_then))
# "一度加入ORG" / "曾短暂加入ORG": a join told as over
JOINED_ONCE = re.compile(any_of(R.once_adverbs) + r"[^，,。；;]{0,3}?" + any_of(R.join_verbs)
                         + r"(?:[^，,。；;：:“”]{0,10}?" + any_of(R.joined_descriptions) + ")?$")
# "2018年我离开研究院": leaving an organisation named before by its kind alone
LEFT_SHORT = re.compile(any_of(R.left_before) + any_of(R.perfective) + "?(?P<noun>" + any_of(R.short_names)
                        + f")(?=[{COMMA}。；;后]|以后|之后)")
# a clause that lists what the sentence's subject owns: ，旗下有…
UNITS_CLAUSE = re.compile(rf"[{COMMA}；;]\s*" + UNDER + any_of(R.owns))
# the person, then (已/于本月) a verb of leaving with no organisation in between: 邓某已于本月离职 (not 邓某将于年底卸任:
# a leave to come keeps the title a current one)
LEFT_NOW = re.compile(r"^(?:(?!" + any_of(R.future_marks) + r")[^，,。；;：:“”]){0,8}?" + any_of(R.left_verbs))
# the rules that read a title next to a person (a title someone may be leaving)
TITLE_RULES = ("org-title-person", "implicit-employer", "its-title-person")
WORKED_AT = re.compile(any_of(R.worked_at) + "$")
WORKED_AFTER = re.compile(r"^[^，,。；;]{0,8}?" + any_of(R.worked_verbs))
# "在ORG做过两年…": 过 tells an experience that is over, whatever adverb comes before 在
AT = re.compile(any_of(R.at) + "$")
ORIGIN_AFTER = re.compile("^" + any_of(R.origin_after))
WORKED_BEFORE_NOW = re.compile(r"^[^，,。；;]{0,6}?" + any_of(R.worked_verbs) + any_of(R.experienced))
WORKED_FOR_YEARS = re.compile(r"^[^，,。；;]{0,4}?" + any_of(R.worked_verbs) + any_of(R.completed) + "?"
                              + r"[^，,。；;]{0,3}?(?:\d+|[一二两三四五六七八九十半]+)" + any_of(R.tenure_units))
# "是她在某研究院的六年": a tenure told as a span of years at the organisation
TENURE_OF = re.compile(OF + r"(?:\d+|[一二两三四五六七八九十半]+)" + any_of(R.tenure_units))
FOUNDED_BY = re.compile(rf"^[{COMMA}]?\s*" + BY + r"[^，,。；;]{0,16}$")
BY_AFTER = re.compile(rf"[{COMMA}]?\s*" + BY)
FOUNDED_VERB = re.compile("^" + any_of(R.cofounders) + "?" + R.founded_setting + any_of(R.jointly) + "?" + any_of(R.jointly) + "?" + any_of(R.founded_by_verbs))
# (the parent's short name in brackets may come first: 由X（简称Y）于2022年孵化)
INCUBATED_AFTER = re.compile(r"^(?:[（(][^（）()，,。]{1,16}[）)])?" + R.incubated_time + any_of(R.incubated_verbs))
RELEASE_INCLUDES = re.compile(RELEASE_VERB + r"[^。；;]*?" + any_of(R.release_includes))
MODEL_LIST_GAP = re.compile("^" + any_of(R.model_joiners) + "$")
PERSON_ROLE_GAP = re.compile(any_of(R.person_role_verbs) + r"[^，,。；;：:“”]{0,10}$|^" + any_of(R.person_role_copulas) + "$")
# "将其主力模型Vela-2": 其 (and a model noun) right before the model
ITS_MODEL = re.compile(any_of(R.its) + rf"(?:[^，,。；;：:{re.escape(''.join(R.of))}]{{0,6}}" + any_of(R.model_nouns)
                       + ")?$")
VARIANT_SUFFIX = re.compile(any_of(R.variant_suffixes) + "$")
# "这家上市公司Y的控股子公司": the sentence's opening words before Y, and Y's subsidiary noun after it
THIS_ONE_BEFORE = re.compile("^" + any_of(R.this_one) + r"[^，,。；;：:]{0,8}$")
IS_ITS_CHILD = re.compile("^" + OF + "?" + any_of(R.subsidiary_nouns))
# "作为Y旗下的云平台，X": 作为 before Y, and 旗下…， between Y and X
AS_WORD_BEFORE = re.compile(any_of(R.as_word) + "$")
UNDER_THEN_COMMA = re.compile("^" + UNDER + OF + r"?[^，,。；;]{0,10}[，,]\s*$")
CHILD_COMPANY_END = re.compile(any_of(R.child_company) + f"[{R.name_quotes}]?$")
UNIT_OPENS_CLAUSE = re.compile(r"(?:^|[：:；;，,、])[^：:；;，,、。]{0,6}?" + any_of(R.unit_nouns) + "$")
ACQUIRED = re.compile(any_of(R.acquired) + r"(?:[^，,。；;]{0,12})$")
SOLD_TO = re.compile(any_of(R.sold_to) + "$")
# "X将Z出售给Y": X is the seller, not what is sold (when Z is no organisation found)
SELLER_BEFORE = re.compile("^" + any_of(R.seller_marks) + "(?!于)")
# what follows a parent's name at the front of a unit's name: a unit noun (岚峰亚洲研究院) or a Latin name (岚峰Orbit)
UNIT_AFTER_PARENT = re.compile(r"(?:[A-Za-z][A-Za-z0-9 ]*|[\u4e00-\u9fff]{0,6}" + any_of(R.front_unit_ends) + "|"
                               + any_of(R.front_unit_words) + ")")
SPIN_OFF = re.compile(any_of(R.spin_off_verbs))
# "X公告称，已…设立全资子公司Y": the comma after a verb of announcing does not end X's clause
ANNOUNCED = re.compile("^" + any_of(R.announce_adverbs) + "?" + any_of(R.announced) + rf"[{COMMA}]\s*")
ANNOUNCER = re.compile(any_of(R.announce_times) + "?" + any_of(R.announced) + f"[{COMMA}]")
OUR_MADE = re.compile(any_of(R.our) + any_of(R.own_adverbs) + "?" + any_of(R.own_made_verbs) + OF
                      + r"[^，,。；;、]{0,8}$")
# "- **MiniMax**：…": a list item that opens with an organisation's name as its label
ITEM_LABEL_BEFORE = re.compile(r"\s*" + any_of(R.item_bullets) + r"\s*(?:\*\*)?\s*")
ITEM_LABEL_AFTER = re.compile(r"\s*(?:\*\*)?\s*" + any_of(R.label_marks))
HOSTING = re.compile(any_of(R.hosting_words))
COMPARED = re.compile(any_of(R.comparison_words))
# "2023年开源的Quill-7B，…": a sentence opening with a time and a release, its releaser left unsaid
RELEASE_OPENING = re.compile(r"[^，,。；;：:的]{0,12}?" + RELEASE_VERB + any_of(R.release_particles))
# "，旗舰模型M" / "，旗下轻量模型M": the announcer's own model
OWN_MODEL = re.compile(f"(?<=[{COMMA}])(?:" + any_of(R.own_model_nouns) + "|" + UNDER + r"[^，,。；;]{0,6}?"
                       + any_of(R.model_nouns) + ")$")
# "发布新一代澈岚4系列大模型（Chelan-4）": the model named in brackets after a Chinese name the release gives
RELEASE_GLOSS = re.compile(RELEASE_VERB + any_of(R.release_particles) + rf"?[^，,。；;：:{_STOPS}（(]{{0,16}}[（(]$")
# "2023年被云衡集团全资收购": the parent after 被, then the verb (the child left unsaid)
PASSIVE_BEFORE = re.compile(any_of(R.passive) + "$")
# the gap of "X(去年)被Y收购": a short time phrase, then 被
# (X，今年7月已被Y全资收购: a comma, then a time, when the clause after it has no subject of its own)
PASSIVE_GAP = re.compile(r"^[，,]?[^，,。；;]{0,8}?" + any_of(R.passive) + "$")
# "被Y（以约9亿元）收购": the price may stand between the buyer and the verb
PASSIVE_ACQUIRED = re.compile(r"^(?:以[^，,。；;]{0,10}?元)?" + any_of(R.passive_acquired))
HOLDING = re.compile(any_of(R.holding) + r"[^，,。；;]{0,12}$")
JOINT_VENTURE = re.compile(any_of(R.joint_venture_verbs))
# "其中X持股60%": an organisation's stake right after its name
OWN_STAKE = re.compile(r"\s*" + any_of(R.holds_stake) + r"\s*(?:约|近|超过)?" + SHARE)
STAKE = re.compile(r"[^，,。；;]{0,4}?" + SHARE)
# "…涉及A、B和C四家主要子公司": a list of organisations, then a count and a subsidiary noun after the last
COUNTED_CHILDREN = re.compile(r"\s*" + any_of(R.list_end) + r"?\s*(?:\d+|[" + "".join(R.tenths) + "十])"
                              + any_of(R.org_counters) + r"[^，,。；;]{0,4}?" + any_of(R.subsidiary_nouns))
LIST_JOINER = re.compile(r"^\s*" + any_of(R.workplace_joiners) + r"\s*$")
ROLE_TRAILER = re.compile(any_of(R.role_joiners) + "*" + any_of(R.role_trailers) + "?$")
ROLE_STRIP = " " + "".join(R.role_joiners)
# 技术负责人之一萧某: the tail of a title shared with others, off the role
TITLE_GROUP_TAIL = re.compile("(?:" + any_of(R.title_group_tail) + "|" + any_of(R.title_copulas) + r")\s?$")
# 詹某（前蓝鲸财经记者）: the opening of an aside between a person and an organisation, a former mark allowed
ASIDE_GAP = re.compile("^" + any_of(R.aside_open) + any_of(R.apposition_marks) + "?$")
ASIDE_END = re.compile(any_of(R.aside_close))
# 现在在岳峰科技负责…, 我叫詹某，在岳峰科技当…: at an organisation now
NOW_AT = re.compile(any_of(R.now_at) + "$")
BARE_AT = re.compile(rf"[{COMMA}]\s*" + any_of(R.at) + "$")
NOW_DOING = re.compile(r"^[^，,。；;]{0,6}?" + any_of(R.now_doing))
FORMER_BEFORE_ORG = re.compile(any_of(R.former_before_org) + "$")
CONTINUED = re.compile(rf"^[{COMMA}]\s*" + any_of(R.continued_adverbs) + "?" + any_of(R.continued_verbs)
                       + r"[^，,。；;]{0,4}$")
# "X卸任集团职务，出任Y公司CEO": one clause of the person's, then a title taken in the next (no new subject)
# (并已出任: 并 and an adverb may both stand before the verb)
TAKEN_NEXT = re.compile(rf"^[^，,。；;：:“”]{{0,12}}[{COMMA}]\s*" + any_of(R.also) + "?" + any_of(R.took_adverbs) + "?"
                        + any_of(R.took_verbs) + "$")
FORMER_GAP = re.compile(alternation(R.former_in_gap) + "|" + any_of(R.former_at_end) + "$")
COFOUNDER_GAP = re.compile(any_of(R.cofounder_joiners) + r"[^，,。；;]{0,6}")
# 他/她 as a clause's subject, a time word before it allowed (那时他刚从…, 后来她…), not an object (与他, 给她)
# nor part of a word (其他, 他们, 他人)
# "由此前在ORG担任…的某某接任": 由 and, before the organisation, no more than an adverb and 在
BY_AGENT = re.compile(BY + r"[^，,。；;]{0,4}?" + any_of(R.at) + "$")
# "蔡某则来自辉达": what stands between a person and the organisation they come from
# (or its name glossed in brackets: 则来自辉达（NVIDIA）)
CAME_FROM = re.compile(any_of(R.came_from_adverbs) + "?" + any_of(R.came_from) + r"(?:[^，,。；;（(]{1,12}[（(])?")
REPRESENTING = re.compile(any_of(R.representing))
# "韩某是邵某读博时的师妹，先后在…": a person named inside the predicate (是…的 noun) is not the subject
IS_PREDICATE = re.compile("^" + any_of(R.copula) + r"[^，,。；;]{0,4}$")
PREDICATE_NOUN = re.compile(r"[^，,。；;]{0,12}?" + OF + r"[^，,。；;的]{1,4}[，,]")
HE_SHE = re.compile(rf"(?:^|[{COMMA}])\s*[^{COMMA}]{{0,4}}?(?<![{''.join(R.pronoun_blockers)}])" + any_of(R.he_she)
                    + "(?![们人])")
# "我离开了ORG" in an interview answer: the 我 of a clause, a year or a time word before it
FIRST_PERSON = re.compile(rf"(?:^|[{COMMA}])[^{COMMA}我]{{0,12}}" + any_of(R.first_person) + "(?![们])")
# a person right after these (or after these and an organisation's title) is an object, not a subject
OBJECT_MARKERS = R.object_markers
OBJECT_BEFORE_TITLE = re.compile(any_of(R.object_markers) + r"[^，,。；;：:“”]{1,10}$")
YEAR = re.compile(r"((?:19|20)\d\d)" + any_of(R.year))
# ，三年后离开创业: a later clause that leaves without naming where from
LEFT_LATER = re.compile(rf"[{COMMA}][^，,。；;]{{0,6}}?" + any_of(R.left_later))
# ，直至2021年底卸任: the post told before was held until then
UNTIL_LEFT = re.compile(rf"[{COMMA}]\s*" + any_of(R.until_words) + r"[^，,。；;]{0,10}?" + any_of(R.until_left_verbs))
# 华讯目前仍是其第一大股东: the organisation is an owner of the one 其 stands for
ITS_OWNER = re.compile(r"[^，,。；;]{0,6}?" + any_of(R.title_copulas) + any_of(R.its) + r"[^，,。；;]{0,5}?"
                       + any_of(R.its_owner_nouns))
NOW_ROLE = re.compile(any_of(R.now_verbs) + "$")
# the title of a relative clause, up to the 的 before its person: 现任岚舟科技CTO的
RELATIVE_TITLE = re.compile(r"^(?P<role>[^，,。；;：:“”的]{0,12}?(?:" + title_pattern() + "))" + OF + "$")
WORKPLACE_JOINER = re.compile("^" + any_of(R.workplace_joiners) + "$")
# 2015年至2019年: the end year of a closed span
YEAR_SPAN = re.compile(r"(?:19|20)\d\d" + any_of(R.year) + "?" + any_of(R.year_span_joiners) + r"((?:19|20)\d\d)"
                       + any_of(R.year))
BEFORE_AFTER_ORG = re.compile(any_of(R.before_joining))
# "我们的首席科学家某某": a title at the speaker's own company
OUR = re.compile(any_of(R.our) + OF + "?$")
# "…加入A；2019年转投B": a dated join later in the sentence dates the undated one before it
LATER_JOIN = re.compile(r"((?:19|20)\d\d)" + any_of(R.year) + r"[^，,。；;]{0,8}?" + any_of(R.join_verbs))
# "这家创办五年的公司，首席运营官某某": the company the article is about, referred to, not named
THIS_COMPANY = re.compile(any_of(R.this) + r"[^，,。；;]{0,12}?" + any_of(R.company_nouns) + f"[{COMMA}]?$")


def orgs_models(sent: Sentence) -> tuple[list[Mention], list[Mention]]:
    return ([m for m in sent.mentions if m.type == "Organization"],
            [m for m in sent.mentions if m.type == "Model"])


def share(text: str) -> float:
    """A share captured by SHARE as a percentage: 62% → 62, 六成 → 60."""
    return float(R.tenths[text[0]]) if text.endswith(R.tenth_word) else float(text.rstrip("% "))


def between(ctx: Context, a: Mention, b: Mention) -> str:
    return ctx.text[a.end:b.start]


@lru_cache(maxsize=1)
def org_suffix() -> re.Pattern[str]:
    from ..lang.zh import lexicon
    return re.compile("(?:" + alternation(lexicon().org_suffixes) + ")$")


def org_id(name: str) -> str:
    """An organisation's name without its suffix: 墨衡 and 墨衡智能 are one organisation."""
    stem = org_suffix().sub("", name)
    return stem if len(stem) >= 2 else name


def main_org(ctx: Context) -> Mention | None:
    """The organisation an article is most about: the new (non-catalogue) one named most often, if any."""
    counts = Counter(o.text for o in ctx.mentions if o.type == "Organization" and not o.key)
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    if n < 2:
        return None
    return next(o for o in ctx.mentions if o.type == "Organization" and o.text == name)
