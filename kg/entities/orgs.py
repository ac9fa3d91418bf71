"""Organisation names not in the catalogue: before a job title (元始智能COO罗璇), inside a title chain
(创新工场董事长、零一万物CEO), by their suffix (白鹭实验室, Kestrel Labs) and by their context
(大模型创业公司澜舟星图, 深蓝觅境的Mirage-2, X旗下…)."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..catalogue import norm_name
from ..lang.zh import lexicon, title_pattern
from ..text.patterns import alternation, lookbehind_any
from ..text.places import Anchored, finditer_at
from .base import AFTER_CLAUSE_ENDS, LIST_START, LIST_STARTS, Candidate, KnownNames
from .org_names import OrgNames
from .org_stems import StemOrgs
from .rules import char_class, entity_rules, in_order
from .titled import titled_persons
from .words import HAN, common_word, jieba_cut, looks_like_new_name

# where a name found by its suffix may start: after these, or after a word of org_left_words
ORG_START_PUNCT = "，,。；;：:“”、（(【】「」『』*\\s"
# what ends a new organisation's name found by its context, besides a word of org_name_followers
NAME_END_PUNCT = "，|,|。|、|；|」|』|”|\\d"


class OrgPatterns:
    """Finds organisation names by their form or context; the persons and models found in the same
    text are passed in where a pattern needs them."""

    def __init__(self, known: KnownNames) -> None:
        lx, rules = lexicon(), entity_rules()
        self.known = known
        self.names = OrgNames(known)
        self.titles = sorted(lx.titles, key=len, reverse=True)
        self.title_names = {norm_name(t) for t in self.titles}     # a candidate name that is a title
        self.title_areas = set(lx.title_areas)      # 大模型负责人: the field of a title, not an organisation
        self.latin_stop = {s.casefold() for s in lx.latin_stopwords}
        self.places = set(lx.places)
        self.not_name_words = set(lx.not_name_words)
        self.latin_org_title = re.compile(
            r"(?<![A-Za-z0-9.])(?P<org>[A-Z][A-Za-z0-9]*(?:[.][A-Za-z0-9]+|[ ][A-Z][A-Za-z0-9]*)*)\s?"
            + re.escape(rules.possessive) + "?(?=(?:" + title_pattern() + "))")
        self.chain_org = re.compile(
            char_class(rules.chain_joiners) + f"(?:{in_order(rules.org_role_marks)})?"
            r"(?P<org>[" + HAN + r"A-Za-z0-9]{2,12}?)(?=" + alternation(self.titles) + ")")
        self.chain_clause = re.compile(char_class(rules.chain_clause_chars))
        self.department_end = rules.department_end
        start = f"(?:^|(?<=[{ORG_START_PUNCT}])|{lookbehind_any(rules.org_left_words)})"
        not_first = f"(?!{char_class(rules.not_first_of_suffixed)})"
        strict = [x for x in lx.org_suffixes if x not in rules.weak_org_suffixes]
        # each is tried only where its suffix (or bracket) lies the name's length ahead: the patterns open
        # with lookbehinds, slow to try at every place of the text
        role = max(map(len, rules.org_role_marks))
        self.by_suffix = Anchored(
            f"{start}(?:{in_order(rules.org_role_marks)})?{not_first}(?P<name>[{HAN}A-Za-z0-9]{{2,6}}?)"
            f"(?:{alternation(strict)})(?:{alternation(rules.group_tails)})?(?:{alternation(rules.legal_tails)})?",
            strict, 2, role + 6)
        # 智能 / 云 end many common words (人工智能), so they only count before a verb or 旗下/的/由
        self.by_weak_suffix = Anchored(
            f"{start}{not_first}(?P<name>[{HAN}A-Za-z0-9]{{2,4}}?)(?:{in_order(rules.contextual_org_suffixes)})"
            f"(?={in_order(rules.contextual_org_followers)}|{rules.contextual_org_follower_pattern}|[，,。；;、」』”])",
            rules.contextual_org_suffixes, 2, 4)
        # (元杉（上海）智能科技有限公司: the city may stand before the business words too)
        self.registered = Anchored(f"{start}{not_first}(?P<name>[{HAN}]{{2,8}}?[（(][{HAN}]{{2,3}}[）)]"
                                   f"[{HAN}]{{0,6}}?(?:{alternation(rules.registered_suffixes)}))", "（(", 2, 8)
        # 岚峤智算科技有限公司: a whole registered name (longer than a suffix rule name) ends in its legal form
        place_start = f"{lookbehind_any(rules.registered_place_left)}(?={alternation(lx.places)})"
        self.registered_full = Anchored(f"(?:{start}|{place_start}){not_first}(?P<name>[{HAN}]{{4,14}}?"
                                        f"(?:{alternation(rules.registered_suffixes)}))",
                                        rules.registered_suffixes, 4, 14)
        self.suffix_clause = re.compile(char_class(rules.clause_chars_before_suffix))
        self.legal_tail = re.compile(f"(?:{alternation(rules.registered_suffixes)})$")
        self.verb_words = re.compile(in_order(rules.verb_phrase_words))
        self.company_word = rules.company_word      # inside a whole registered name: two names run together
        stop_after = f"(?={in_order(rules.org_name_followers)}|{NAME_END_PUNCT})"
        self.after_descriptor = re.compile(
            f"(?:{in_order(rules.org_descriptors)}|{rules.org_descriptor_pattern})[「『“]?(?P<name>[{HAN}]{{2,6}}?)"
            + stop_after)
        name = f"{LIST_START}(?P<name>[{HAN}]{{2,6}}?)"
        self.before_possessive = re.compile(f"{name}{re.escape(rules.possessive)}(?=[A-Za-z{HAN}])")
        self.owner_word = rules.owner_word
        self.owned_unit = re.compile(re.escape(rules.owner_word) + f"{re.escape(rules.possessive)}?"
                                     f"[^，,。；;、]{{0,8}}?(?:{in_order(rules.owned_unit_nouns)})"
                                     f"[「『“]?(?P<name>[{HAN}A-Za-z]{{2,6}}?)" + stop_after)
        self.before_owner_word = re.compile(f"{name}(?={re.escape(rules.owner_word)})")
        self.context_cues = [(cue, re.compile(f"{name}(?={cue.pattern})")) for cue in rules.org_context_cues.values()]
        self.stem_orgs = StemOrgs(known)
        self.latin_org_suffix = re.compile(
            r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]+(?: [A-Z][A-Za-z0-9]+)* (?:" + in_order(rules.latin_org_suffixes)
            + r")(?![A-Za-z])")

    def find(self, text: str, persons: list[Candidate]) -> list[Candidate]:
        """The organisations found by their form (those found by their context: ``by_context``)."""
        titled = titled_persons(text)     # (read twice: found once)
        return [*self.before_titles(text, persons, titled), *self.in_title_chains(text, titled),
                *self.latin_before_titles(text),
                *self.with_suffix(text), *self.latin_with_suffix(text), *self.registered_names(text)]

    def registered_names(self, text: str) -> list[Candidate]:
        """"澄江算力（杭州）有限公司": a registered name with its city in brackets, or a whole one without."""
        out = []
        # each start tried (overlapping): a match from an earlier start (，旗下另有X（香港）有限公司) is refused
        # by the cleaning, and the name inside it must still be found
        full = [m for m in self.registered_full.overlapping(text) if self._one_name(m.group("name"))]
        for m in [*self.registered.overlapping(text), *full]:
            span = self.names.clean(text, m.start("name"), m.end("name"))
            if span and span[0] == m.start("name"):
                out.append(Candidate(*span, "Organization", 2, None, "registered-org"))
        return out

    def _one_name(self, name: str) -> bool:
        """与中国移动合资成立X有限公司: a whole registered name holds no verb, particle or other company."""
        head = self.legal_tail.sub("", name)
        return not (self.suffix_clause.search(head) or self.verb_words.search(head) or self.company_word in head)

    def before_titles(self, text: str, persons: list[Candidate], titled: list[re.Match[str]]) -> list[Candidate]:
        """"元始智能COO罗璇": the name between a clause start and a title before a person is an organisation
        (``titled``: the matches of ``person_after_title``)."""
        out = []
        person_starts = {p.start for p in persons if p.source == "title-person"}
        clause_starts = AFTER_CLAUSE_ENDS(text)
        for m in titled:
            if m.start("name") not in person_starts:
                continue
            # the organisation before the chain (those inside it: in_title_chains)
            clause_start = clause_starts[bisect_right(clause_starts, m.start()) - 1]
            for at, org in self.names.in_prefix(text[clause_start:m.start()]):
                s = clause_start + at
                span = self.names.clean(text, s, s + len(org))
                if span and not self.names.names_an_org(text[span[0]:span[1]]):
                    continue        # 接替联合创始人唐昕: a verb before a title, not an organisation
                if span:
                    out.append(Candidate(*span, "Organization", 2, None, "title-org"))
        return out

    def in_title_chains(self, text: str, titled: list[re.Match[str]]) -> list[Candidate]:
        """Organisations inside a title chain: 创新工场董事长、零一万物CEO李开复."""
        out = []
        for m in titled:
            base = m.start("title")
            for part in self.chain_org.finditer(m.group("title")):
                org = part.group("org")
                if any(org.endswith(t) or org.startswith(t) for t in self.titles):
                    continue
                title = m.group("title")[part.end("org"):]
                if any(t.startswith(org) and title.startswith(t[len(org):]) for t in self.titles):
                    continue        # 兼行政总裁: 行政 is the start of a longer title, not an organisation
                if self.chain_clause.search(org) or org.endswith(self.department_end) \
                        or norm_name(org) in self.title_names or org in self.title_areas:
                    continue
                s = base + part.start("org")
                span = self.names.clean(text, s, s + len(org))
                if span:
                    out.append(Candidate(*span, "Organization", 5, None, "title-org"))
        return out

    def latin_before_titles(self, text: str) -> list[Candidate]:
        """"Musical.ly的联合创始人": a Latin name right before a job title names an organisation."""
        out = []
        for m in self.latin_org_title.finditer(text):
            name = m.group("org")
            if self.names.has_suffix(text[max(0, m.start("org") - 6):m.start("org")]):
                continue        # 华岳证券TMT首席分析师: a department code glued to an organisation's name
            if name.casefold() in self.latin_stop or norm_name(name) in self.title_names:
                continue
            out.append(Candidate(m.start("org"), m.end("org"), "Organization", 5, None, "latin-title-org"))
        return out

    def latin_with_suffix(self, text: str) -> list[Candidate]:
        """"Kestrel Labs", "Northwind AI", "Acme Technologies": capitalised words ending in a company word."""
        out = []
        for m in self.latin_org_suffix.finditer(text):
            if m.group(0).split()[0].casefold() in self.latin_stop:
                continue
            out.append(Candidate(m.start(), m.end(), "Organization", 2, None, "latin-org-suffix"))
        return out

    def with_suffix(self, text: str) -> list[Candidate]:
        """"云栖实验室", "北辰科技有限公司": a proper name followed by an organisation suffix."""
        out = []
        # an article names its organisations again and again: each name is judged once (its verdict
        # reads only the match's own text and whether an owner word stands right before it)
        verdicts: dict[tuple[str, int, bool], tuple[int, int, int] | None] = {}
        for m in [*self.by_suffix.overlapping(text), *self.by_weak_suffix.overlapping(text)]:
            s = m.start("name")
            # 科大讯飞旗下的讯飞医疗: a unit named after its owner, however common the owner's short name
            key = (text[s:m.end()], m.end("name") - s, self.owner_word in text[max(0, s - 4):s])
            if key not in verdicts:
                verdicts[key] = self._suffixed(*key)
            if verdict := verdicts[key]:
                out.append(Candidate(s + verdict[0], s + verdict[1], "Organization", verdict[2], None, "org-suffix"))
        return out

    def _suffixed(self, whole: str, name_length: int, after_owner: bool) -> tuple[int, int, int] | None:
        """The span of an organisation in a suffix pattern's match (offsets in it) and its priority, or None."""
        name = whole[:name_length]
        # 创业公司, 所有公司, 该公司: a common word (or a pronoun) right before the suffix is not a name
        words = jieba_cut(name)
        # 微软亚洲研究院, 杭州互联网法院: a unit of a known organisation or a place's institution
        unit_of_known = self.known.match(name) is not None or words[0] in self.places
        owned_unit = unit_of_known and after_owner
        if (common_word(name, 300) and not owned_unit) or (common_word(words[-1], 1000) and not unit_of_known) \
                or self.suffix_clause.search(name) or norm_name(name) in self.title_names:
            return None
        span = self.names.clean(whole, 0, len(whole))
        if span and not unit_of_known and self._starts_with_describing_word(whole[span[0]:span[1]]):
            return None
        if span and not self.names.suffix_re.fullmatch(re.sub(r"^[A-Za-z]+", "", whole[span[0]:span[1]])):
            return span[0], span[1], 2 if unit_of_known else 5
        return None

    def _starts_with_describing_word(self, name: str) -> bool:
        """参照同类公司, 据第三方数据: a name does not start with a common or describing word."""
        first = jieba_cut(name)[0]
        return first in self.not_name_words or (len(first) > 1 and common_word(first, 300) and first not in self.places)

    def by_context(self, text: str, models: list[Candidate]) -> list[Candidate]:
        """New organisations named by their context, not their form.

        "大模型创业公司澜舟星图在杭州…" (a descriptor noun before the name), "深蓝觅境的Mirage-2"
        (a name that owns a model, at a clause start), "X旗下…" (a name that owns something).
        """
        strong = [m.span("name") for m in self.after_descriptor.finditer(text)]
        # each pattern below needs its word: most articles have none of them, and skipping the
        # pattern (a lazy name tried at every position) saves 2% of the pipeline
        list_starts = LIST_STARTS(text)       # (where the patterns below can start: tried only there)
        if self.owner_word in text:
            strong += [m.span("name") for m in finditer_at(self.before_owner_word, text, list_starts)]
        for cue, pattern in self.context_cues:
            if cue.applies_to(text):
                strong += [m.span("name") for m in finditer_at(pattern, text, list_starts)]
        spans = [sp for sp in strong if looks_like_new_name(text[sp[0]:sp[1]], strict=False)]
        if self.owner_word in text:
            # the unit after X旗下…公司: no common word anywhere (海蓝找到我 is a name and a clause)
            spans += [m.span("name") for m in self.owned_unit.finditer(text) if looks_like_new_name(m.group("name"))]
        model_starts = {c.start for c in models}
        for m in finditer_at(self.before_possessive, text, list_starts):
            # the weakest cue: only a name made of rare words (深蓝觅境的…, not 长文本的…)
            if m.end() in model_starts and looks_like_new_name(m.group("name")):
                spans.append(m.span("name"))
        out = []
        for s0, e0 in spans:
            # context alone is weak evidence: what stands right there must read as a new proper name
            # (公司之间几进几出 and 公司都不是 do not), or be a catalogue name
            span = self.names.clean(text, s0, e0)
            if span:
                out.append(Candidate(*span, "Organization", 5, None, "context-org"))
        return out
