"""Person names: after a job title (CEO韩立明), before a speech or career verb (韩若冰认为, 陈思远出任),
transliterated (萨姆·奥尔特曼), Latin (Daniel Whitmore) and interview speakers (韩立明：…)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ..lang.zh import lexicon, title_pattern, title_starts
from ..text.patterns import alternation
from ..text.places import Anchored, StartPlaces, finditer_at
from .base import CLAUSE_PUNCT, CLAUSE_START, CLAUSE_STARTS, Candidate
from .rules import entity_rules, in_order
from .titled import surname_pattern, titled_persons
from .words import HAN, common_word

# the source of a person an author's note names: the writer of an opinion piece, whose first person it is
AUTHOR_NOTE = "author-note-person"

# a Latin personal name in an aside: Leo Zhan, Mary-Ann Goh
LATIN_NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[ ·・][A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}"


class Starts(NamedTuple):
    """Where the patterns that open with a clause start or a job title can start in one text."""

    clause: list[int]
    title: list[int]


class PersonPatterns:
    """Finds person names by their context."""

    def __init__(self) -> None:
        lx, rules = lexicon(), entity_rules()
        surname = surname_pattern()
        given = f"[{HAN}]{{1,2}}"
        longest_name = max(1, *map(len, lx.compound_surnames)) + 2
        speech = alternation(lx.speech_verbs)
        openers = "".join(f"|(?<=[{CLAUSE_PUNCT}]{re.escape(w)})|(?<=^{re.escape(w)})" for w in rules.speaker_openers)
        # where the patterns opening with lookbehinds can start (tried only there: finditer_at)
        self.speaker_starts = StartPlaces(CLAUSE_PUNCT, rules.speaker_openers)
        self.byline_starts, self.note_starts = StartPlaces(CLAUSE_PUNCT + "（("), StartPlaces(CLAUSE_PUNCT + "*（(")
        self.person_before_speech = re.compile(
            f"(?:^|(?<=[{CLAUSE_PUNCT}]){openers})(?P<name>{surname}{given})"
            f"(?:{alternation(rules.speech_adverbs)})?(?:{speech})")
        self.speech_trims = tuple(lx.speech_verbs) + rules.speech_adverbs_trimmed
        self.latin_person_after_title = re.compile(
            f"(?:{title_pattern()})\\s?(?P<name>[A-Z][a-z]+(?:[ ·・][A-Z][a-z]+){{1,2}})(?![A-Za-z])")
        # 丹尼尔·韦伯, 萨姆·奥尔特曼: a transliterated name, after a title or before a speech verb
        self.foreign_person = re.compile(
            f"(?:{title_pattern()}|^|(?<=[{CLAUSE_PUNCT}]))(?P<name>[{HAN}]{{1,5}}[·・][{HAN}]{{1,6}})"
            f"(?=[{HAN}]{{0,3}}?(?:{speech})|{in_order(rules.foreign_person_followers)})")
        self.latin_person_before_verb = re.compile(
            r"(?=[A-Z])(?<![A-Za-z])(?P<name>[A-Z][a-z]+ [A-Z][a-z]+)(?=" + in_order(rules.latin_person_verbs) + ")")
        # 韩立明：… and a transcript's bold label **韩立明：** / **韩立明**：
        self.interview_speaker = re.compile(f"(?m)^(?:\\*\\*|__)?(?P<name>{surname}{given})(?:\\*\\*|__)?[：:]")
        # 陈思远出任CTO, 韩若冰和陈思远联手创办…: a name at a clause start before a career verb
        joiner = in_order(rules.career_pair_joiners)
        self.person_before_role = re.compile(
            f"{CLAUSE_START}(?P<name>{surname}{given}?)(?:(?:{joiner})(?P<other>{surname}{given}?))?"
            f"(?:{rules.career_time_pattern})?(?:{in_order(rules.career_adverbs)})?(?={in_order(rules.career_verbs)})")
        self.apposed_person = re.compile(
            f"{CLAUSE_START}(?P<name>{surname}{given})(?=(?:{alternation(rules.apposition_links)})"
            f"{rules.apposition_org_pattern}(?:{rules.apposition_particle})?{title_pattern()}[，,。])")
        self.inner_person = re.compile(
            f"{title_pattern()}\\s?(?P<name>{surname}{given})(?={in_order(rules.person_joiners)})")
        # 任命郑某为CTO; 曾任…负责人的邵某，
        self.appointed = re.compile(f"(?:{in_order(rules.appointment_verbs)})(?P<name>{surname}{given}?)"
                                    f"(?={in_order(rules.appointment_roles)})")
        self.relative_person = re.compile(f"(?:{title_pattern()})的(?P<name>{surname}{given}?)"
                                          f"(?={in_order(rules.relative_person_followers)})")
        self.tied_person = re.compile(f"(?:{alternation(rules.relation_nouns)})(?P<name>{surname}{given})")
        left = "".join(f"|(?<={re.escape(w)})" for w in rules.honorific_left)
        # tried only where a title of address follows a name's length ahead
        self.addressed_person = Anchored(f"(?:^|(?<=[{CLAUSE_PUNCT}]){left})(?P<name>{surname}{given})"
                                         f"(?={alternation(rules.honorifics)})", rules.honorifics, 2, longest_name)
        # 詹某（晴川证券首席分析师）, 詹某（Leo Zhan）: a name at a clause start with an aside in brackets
        asides = "|".join(f"{re.escape(pair[0])}(?:[^（）()\\n]{{0,24}}?{title_pattern()}|{LATIN_NAME})"
                          f"{re.escape(pair[1])}" for pair in rules.aside_brackets)
        self.aside_person = re.compile(f"{CLAUSE_START}(?P<name>{surname}{given})(?={asides})")
        # 文｜詹某 / （记者：詹某）: a byline
        self.byline_person = re.compile(
            f"(?:^|(?<=[{CLAUSE_PUNCT}（(]))(?:{alternation(rules.byline_words)})\\s*[{re.escape(rules.byline_marks)}]"
            f"\\s*(?P<name>{surname}{given})(?=[（()）\\s]|$)")
        # *作者顾某为澄观研究院首席研究员，…*: an author's note at the head or foot of an opinion piece
        self.author_note_person = re.compile(
            f"(?:^|(?<=[{CLAUSE_PUNCT}*（(]))(?:{alternation(rules.author_note_words)})(?P<name>{surname}{given})"
            f"(?={alternation(rules.author_note_links)})")
        self.title_copula_person = re.compile(f"{title_pattern()}(?:{alternation(rules.title_copulas)})"
                                              f"(?P<name>{surname}{given})(?=[{CLAUSE_PUNCT}])")
        self.self_intro = re.compile(f"(?:{alternation(rules.self_intro)})(?P<name>{surname}{given})"
                                     f"(?=[{CLAUSE_PUNCT}])")
        self.described_person = re.compile(f"(?:{alternation(rules.person_descriptors)})(?:的)?"
                                           f"(?P<name>{surname}{given})")
        self.descriptors = tuple(rules.person_descriptors)
        self.prepositions = tuple(rules.honorific_left)
        self.title_joiners = tuple(lx.title_joiners)
        self.title_continues = re.compile(f"[^，,。；;：:“”\\s]{{0,8}}?{title_pattern()}")
        self.compound_surnames = set(lx.compound_surnames)
        self.name_breaks = set(rules.name_breaks)
        self.career_verbs = tuple(rules.career_verbs)
        self.latin_stop = {s.casefold() for s in lx.latin_stopwords}

    def _name_end(self, text: str, start: int, end_max: int) -> int:
        """Choose between a one- and two-character given name by what follows.

        傅盛 + 评论认为, 朱骏 + 负责, 欧阳晨 + 在, but 宋旭军 + 认为.
        """
        surname = 2 if text[start:start + 2] in self.compound_surnames else 1
        if end_max - start == surname + 2 and not (text.startswith(self.career_verbs, end_max)
                                                   and text[end_max - 1] not in self.name_breaks):
            last = end_max - 1      # (萧明远 + 离职: a career verb right after the whole name keeps it whole)
            if text[last] in self.name_breaks or common_word(text[last:last + 2], 200) \
                    or text.startswith(self.career_verbs, last):
                return last         # 霍青 + 调任接替: a career verb follows
        return end_max

    def _name_end_by_word(self, text: str, start: int, end: int) -> tuple[int, int]:
        """丈夫韩越手写的…: a three-character name whose last character starts a word with what follows
        (手写) is a two-character name; a noun of a tie has no verb after it to tell by."""
        end = self._name_end(text, start, end)
        if end - start == 3 and text[start:start + 2] not in self.compound_surnames \
                and common_word(text[end - 1:end + 1], 1):
            end -= 1
        return start, end

    def find(self, text: str) -> list[Candidate]:
        """Every person candidate, in the order the sources were tried."""
        starts = Starts(CLAUSE_STARTS(text), title_starts(text))
        titled = titled_persons(text, starts.title)     # (read twice: found once)
        return [*self.after_titles(text, titled), *self.before_speech(text), *self.transliterated(text),
                *self.latin(text, starts), *self.before_career_verbs(text, starts), *self.interview_speakers(text),
                *self.inside_title_chains(text, titled), *self.appointed_or_described(text, starts),
                *self.apposed(text, starts), *self.tied_or_addressed(text), *self.introduced(text, starts)]

    def after_titles(self, text: str, titled: list[re.Match[str]]) -> Iterator[Candidate]:
        """A name after a title chain (``titled``: the matches of ``person_after_title``)."""
        for m in titled:
            s, e = m.span("name")
            if text.startswith(self.title_joiners, s) and self.title_continues.match(text, s + 1):
                continue        # 首席执行官和首席科学家: 和 joins a second title, it starts no name
            yield Candidate(s, self._name_end(text, s, e), "Person", 3, None, "title-person")

    def before_speech(self, text: str) -> Iterator[Candidate]:
        for m in finditer_at(self.person_before_speech, text, self.speaker_starts(text)):
            s, e = m.span("name")
            # the regex may have eaten the first character of a speech verb or adverb: trim it back
            cut = e - s - 1
            if cut >= 2 and text[s + cut:].startswith(self.speech_trims):
                e = s + cut
            elif text[e - 1] in self.name_breaks:
                e -= 1          # 傅盛的判断是: 的 ends the name, it is not part of it
            if e - s == 2 and common_word(text[s:e], 50):
                continue        # 严格说, 坦白说: a word before the verb, not a name
            yield Candidate(s, e, "Person", 4, None, "speech-person")

    def transliterated(self, text: str) -> Iterator[Candidate]:
        # 埃隆·马斯克: the pattern (2% of the pipeline) only runs where there is a middle dot
        if "·" in text or "・" in text:
            for m in self.foreign_person.finditer(text):
                yield Candidate(m.start("name"), m.end("name"), "Person", 3, None, "foreign-person")

    def latin(self, text: str, starts: Starts) -> Iterator[Candidate]:
        for m in self.latin_person_before_verb.finditer(text):
            if m.group("name").split()[0].casefold() not in self.latin_stop:
                yield Candidate(m.start("name"), m.end("name"), "Person", 4, None, "latin-person-verb")
        for m in finditer_at(self.latin_person_after_title, text, starts.title):
            yield Candidate(m.start("name"), m.end("name"), "Person", 3, None, "title-person")
            # "Whitmore认为": the family name alone, later in the article, is the same person
            family = m.group("name").split()[-1]
            for later in re.finditer(rf"(?<![A-Za-z]){re.escape(family)}(?![A-Za-z])", text[m.end():]):
                s0 = m.end() + later.start()
                yield Candidate(s0, s0 + len(family), "Person", 4, None, "latin-family-name")

    def before_career_verbs(self, text: str, starts: Starts) -> Iterator[Candidate]:
        for m in finditer_at(self.person_before_role, text, starts.clause):
            for group in ("name", "other"):
                if m.group(group) and not common_word(m.group(group), 50):
                    # 钟某于2019年加入: 于 before the date ends the name
                    end = self._name_end(text, m.start(group), m.end(group))
                    yield Candidate(m.start(group), end, "Person", 4, None, "role-verb-person")

    def apposed(self, text: str, starts: Starts) -> Iterator[Candidate]:
        """韦某，启明智能原首席科学家，…: a name whose apposition is an organisation's title."""
        for m in finditer_at(self.apposed_person, text, starts.clause):
            if not common_word(m.group("name"), 50):
                yield Candidate(m.start("name"), m.end("name"), "Person", 4, None, "apposed-person")

    def appointed_or_described(self, text: str, starts: Starts) -> Iterator[Candidate]:
        """任命郑某为首席技术官 / 曾任月之暗面产品负责人的邵某，: a person by an appointment or a title told of them."""
        for matches, source in ((self.appointed.finditer(text), "appointed-person"),
                                (finditer_at(self.relative_person, text, starts.title), "described-person")):
            for m in matches:
                if not common_word(m.group("name"), 50):
                    yield Candidate(m.start("name"), m.end("name"), "Person", 4, None, source)

    def tied_or_addressed(self, text: str) -> Iterator[Candidate]:
        """她和丈夫韩越… / 老友钟一凡 / 跟沈川老师聊过: a name after a noun of a tie, or before a title of address."""
        for m in self.tied_person.finditer(text):
            s, e = self._name_end_by_word(text, *m.span("name"))
            if not common_word(text[s:e], 50):
                yield Candidate(s, e, "Person", 4, None, "tied-person")
        for m in self.addressed_person.finditer(text):
            if not common_word(m.group("name"), 50):
                yield Candidate(m.start("name"), m.end("name"), "Person", 4, None, "addressed-person")

    def introduced(self, text: str, starts: Starts) -> Iterator[Candidate]:
        """詹某（晴川证券首席分析师）, 文｜詹某, 我叫詹某，…, 首席科学家为詹某，…, 独立开发者詹某: a name told by an
        aside, a byline, by its bearer, after a title and a copula or by a word of who they are."""
        by_start = (finditer_at(self.aside_person, text, starts.clause),
                    finditer_at(self.byline_person, text, self.byline_starts(text)),
                    finditer_at(self.author_note_person, text, self.note_starts(text)))
        for matches, source in zip((*by_start, self.self_intro.finditer(text),
                                    finditer_at(self.title_copula_person, text, starts.title),
                                    self.described_person.finditer(text)),
                                   ("aside-person", "byline-person", AUTHOR_NOTE, "self-introduced-person",
                                    "title-copula-person", "descriptor-person")):
            for m in matches:
                s, e = m.span("name")
                e = self._name_end(text, s, e)
                # 开发者向记者表示 / 记者和陆某聊了: a preposition (向, 和) after the word, no name
                if not common_word(text[s:e], 50) and not text.startswith(self.descriptors, s + 1, e) \
                        and not (source == "descriptor-person" and text.startswith(self.prepositions, s)):
                    yield Candidate(s, e, "Person", 4, None, source)

    def interview_speakers(self, text: str) -> Iterator[Candidate]:
        for m in self.interview_speaker.finditer(text):
            if not common_word(m.group("name"), 50):
                yield Candidate(m.start("name"), m.end("name"), "Person", 4, None, "interview-person")

    def inside_title_chains(self, text: str, titled: list[re.Match[str]]) -> Iterator[Candidate]:
        # 星河智算CEO韩立明和蓝鲸数据CEO苏晓婷: a title chain can swallow a person joined by 和/、
        for m in titled:
            for inner in self.inner_person.finditer(m.group("title")):
                s0 = m.start("title") + inner.start("name")
                yield Candidate(s0, self._name_end(text, s0, s0 + len(inner.group("name"))), "Person", 3,
                                None, "title-person")
