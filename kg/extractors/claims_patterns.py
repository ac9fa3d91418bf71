"""Claims: the word lists of ``kg/rules/<lang>/claims.yaml`` (typed) and the regexes built from them.

The code here is structure only (punctuation classes, quantifiers, where a word may stand); every
word comes from the rules file or the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..lang.zh import LANG, lexicon
from ..rules import load_rules
from ..text.patterns import alternation
from .claims_units import CLAUSE_BREAK, CLOSE_Q, COLON, COMMA, OPEN_Q, SEMICOLON, SENT_END
from .gates import finditer_if, words_re


@dataclass(frozen=True)
class ClaimRules:
    """``kg/rules/zh/claims.yaml``: the words the claims extractor is built from (see the file)."""

    # the speech verb (the verbs themselves are the lexicon's speech_verbs)
    verb_endings: tuple[str, ...]           # 回应称, 说道
    addressees: tuple[str, ...]             # 告诉《某报》记者
    addressee_verbs: tuple[str, ...]        # 告诉36氪,
    not_speech_next: tuple[str, ...]        # 介绍了, 说明: not a speech verb here
    adverbs: tuple[str, ...]                # 张某则认为
    negations: tuple[str, ...]              # 拒绝透露: not said
    # phrases between a speaker and the verb
    setting_preposition: str                # 在 (在会上表示, 在他看来)
    setting_ends: tuple[str, ...]           # 在…上 / 在…期间
    interview_verb: str                     # 接受…采访时
    interview_words: tuple[str, ...]
    topic_openers: tuple[str, ...]          # 谈及…时
    while_word: str                         # 时
    setting_clause_openers: tuple[str, ...]  # “…”在上海的发布会后台，张某…
    setting_clause_words: tuple[str, ...]
    setting_clause_ends: tuple[str, ...]
    # who speaks
    pronouns: tuple[str, ...]               # 他, 她
    chain_openers: tuple[str, ...]          # 已加盟X，并称“…”: a clause going on with the subject before
    not_after_pronoun: tuple[str, ...]      # 他们, 他人
    pronoun_connectives: tuple[str, ...]    # 不过他也坦言
    next_clause_verbs: tuple[str, ...]      # 张某摇了摇头，表示：…
    citing_verbs: tuple[str, ...]           # 她援引该机构的调研称
    speech_dashes: tuple[str, ...]          # 张某的判断更偏技术面——…
    next_clause_bare_verbs: tuple[str, ...]  # 他并不认同，称…
    demonstratives: tuple[str, ...]         # 这位…创始人
    person_nouns: tuple[str, ...]           # besides the lexicon's titles
    in_view_adverbs: tuple[str, ...]        # 在他也看来
    in_view_word: str                       # 看来
    joiners: tuple[str, ...]                # …，并认为…
    co_speaker_joiners: tuple[str, ...]     # 韩某和苏某均表示
    reporter_sourcing: tuple[str, ...]      # 据介绍
    unnamed_person_heads: tuple[str, ...]   # 有行业人士指出
    indefinite_person_openers: tuple[str, ...]  # 一家…的技术负责人
    # quotes without a speech verb
    quote_object_verbs: tuple[str, ...]     # 张某把算力称作“新电力”
    object_first: str                       # 把
    passive: str                            # 被
    speech_nouns: tuple[str, ...]           # 张某的解释很直接：“…”
    speech_noun_topics: tuple[str, ...]     # 张某对此的解释是，…
    speech_copulas: tuple[str, ...]         # 张某的观点是，…
    possessive: str                         # 的
    object_before: tuple[str, ...]          # 记者问张某：
    object_markers: tuple[str, ...]         # “…”这番话让在场的张某陷入沉思。
    not_saying: tuple[str, ...]             # 拒绝…：“…”
    clause_adverbs: tuple[str, ...]         # 张某…，承认…
    # interviews
    answer_markers: tuple[str, ...]         # 答：…
    title_interview_words: tuple[str, ...]  # 对话X：…
    narration_past_year: str                # an answer opening with a past year tells facts
    narration_openers: str                  # …or with a head count or a price list
    manner_particle: str                    # 说得很直白：…
    stance_openers: tuple[str, ...]         # 在我看来，… opens a statement of its own in an answer
    author_stances: tuple[str, ...]         # 我认为… in an opinion piece: the author's own
    author_stance_connectives: tuple[str, ...]
    self_introductions: tuple[str, ...]     # 大家好，我是…: a speaker introducing themselves
    host_titles: tuple[str, ...]            # 主持人韩某: a transcript's host
    cut_off_ends: tuple[str, ...]           # 我的意思是——: a line cut off


def claim_rules() -> ClaimRules:
    return load_rules(LANG, "claims", ClaimRules)


def _any(words: Iterable[str]) -> str:
    """A non-capturing group of the words, the longest first."""
    return f"(?:{alternation(words)})"


class Patterns:
    """Regexes built once from the lexicon's and the claims rules' word lists."""

    def __init__(self) -> None:
        self.rules = r = claim_rules()
        lx = lexicon()
        verbs = alternation(lx.speech_verbs)
        ending = _any(r.verb_endings)
        # 告诉《某报》记者， / 告诉36氪， (after a verb that takes one: a short name up to the comma)
        addressee = (f"(?:(?<={_any(r.addressee_verbs)})[^{CLAUSE_BREAK}{SENT_END}“”《]{{1,10}}?(?=[{COMMA}{COLON}]|$)"
                     f"|(?:《[^》]{{1,16}}》)?{_any(r.addressees)}?)")
        pronoun = f"{_any(r.pronouns)}(?!{alternation(r.not_after_pronoun)})"
        phrase = f"[^{CLAUSE_BREAK}{SENT_END}“”]"        # characters of one clause
        # a clause starts after punctuation, a closing quote or a line break
        clause_start = f"(?:^|(?<=[{CLAUSE_BREAK}{SENT_END}{CLOSE_Q}\\n]))\\s*"
        at = re.escape(r.setting_preposition)
        self.verb = re.compile(f"(?:{verbs}){ending}?{addressee}")
        self.adverbs_verb = re.compile(f"{_any(r.adverbs)}*(?:{verbs}){ending}?")
        self.next_clause_verb = re.compile(f"[{COMMA}]\\s*{_any(r.adverbs)}*(?:{_any(r.next_clause_verbs)}(?=[{COMMA}{COLON}])"
                                           f"|{_any(r.next_clause_bare_verbs)}(?!{_any(r.not_speech_next)}))")
        self.pronoun = re.compile(clause_start + f"{_any(r.pronoun_connectives)}?" + pronoun)
        self.pronoun_word = re.compile(pronoun)
        nouns = alternation(lx.titles + r.person_nouns)
        self.this_person = re.compile(
            clause_start + f"{_any(r.demonstratives)}(?P<desc>{phrase}{{0,20}}?)(?P<noun>{nouns})")
        self.in_view = re.compile(f"{at}(?P<who>{phrase}{{1,20}}?){_any(r.in_view_adverbs)}?"
                                  f"{re.escape(r.in_view_word)}[{COMMA}]?")
        self.joined = re.compile(f"[{COMMA}{SEMICOLON}](?P<joiner>{_any(r.joiners)}+)(?P<verb>{verbs}){ending}?")
        # an interview answer: the speaker's name (after a short description) and a colon
        self.colon_speaker = re.compile(f"\\s*(?P<who>{phrase}{{2,24}}?)[{COLON}]")
        # the markup closing a bold speaker label after its colon (**韩某：**)
        self.label_close = re.compile(r"\s*(?:\*\*|__)?\s*")
        self.self_introduction = re.compile(_any(r.self_introductions))
        self.cut_off = re.compile(f"{_any(r.cut_off_ends)}\\s*$")
        self.answer_marker = re.compile(f"\\s*{_any(r.answer_markers)}[{COLON}]")
        # 对话星河智算韩某：… / 深度访谈｜星河智算CEO韩某：… (a bar or colon may follow the interview word)
        self.title_interviewee = re.compile(f"{_any(r.title_interview_words)}[{COLON}｜|\\s]*"
                                            f"(?P<who>{phrase}{{2,24}}?)[{COLON}｜|\\s]")
        self.narration_year = re.compile(r.narration_past_year)
        self.narration = re.compile(r.narration_openers)
        self.stance = re.compile(f"(?<=[。！？!?])\\s*(?={_any(r.stance_openers)})")
        self.author_stance = re.compile(f"(?<=[{CLAUSE_BREAK}{SENT_END}\\n])\\s*{_any(r.author_stance_connectives)}?"
                                        f"(?P<stance>{_any(r.author_stances)})")
        self.bare = re.compile(clause_start + f"(?P<subj>{phrase}{{1,20}}?)"
                               f"(?:{verbs}){ending}?{addressee}(?=[{COMMA}{COLON}“])")
        # a predicate, a colon and a quote: 并不避讳：“ / 的解释很直接：“ / 的回答是:“
        self.colon_quote = re.compile(f"(?P<gap>{phrase}{{0,16}}?)[{COLON}]\\s*{OPEN_Q}")
        # 傅某的判断很明确：… — what a person's words are called, a colon, and the words without quotes
        # (or a copula and a comma: 傅某的观点是，… / 他的判断是，…)
        self.colon_words = re.compile(f"(?P<gap>{_any(r.speech_noun_topics)}?{re.escape(r.possessive)}{_any(r.speech_nouns)}"
                                      f"(?:{phrase}{{0,8}}?(?:[{COLON}]|{_any(r.speech_dashes)})"
                                      f"|{_any(r.speech_copulas)}[{COMMA}])"
                                      f")\\s*(?!{OPEN_Q})")
        self.manner_colon = re.compile(f"(?P<gap>{phrase}{{0,4}}?(?:{verbs}){re.escape(r.manner_particle)}"
                                       f"{phrase}{{1,6}}?[{COLON}])\\s*")
        self.speech_noun = re.compile(f"{re.escape(r.possessive)}{_any(r.speech_nouns)}")
        # 张三创办的公司称: a new head noun after 的
        self.possessed = re.compile(f"{re.escape(r.possessive)}.")
        self.verbs = re.compile(verbs)
        self.quote_object = re.compile(alternation(r.quote_object_verbs))
        self.clause_adverbs = re.compile(f"{_any(r.clause_adverbs)}*$")
        self._settings(r)
        self._who(r)

    def _settings(self, r: ClaimRules) -> None:
        at, accept, when = (re.escape(w) for w in (r.setting_preposition, r.interview_verb, r.while_word))
        not_again = (re.escape(w[0]) for w in (r.setting_preposition, r.interview_verb, r.while_word))
        not_at, not_accept, not_when = not_again
        # where and when between a speaker and the verb: 在会后的媒体沟通会上, 接受…专访时, 谈及价格战时
        self.gap_settings = re.compile(
            f"{at}[^{not_at}]{{0,24}}{_any(r.setting_ends)}"
            f"|{accept}[^{not_accept}]{{0,24}}?{_any(r.interview_words)}{when}?"
            f"|{_any(r.topic_openers)}[^{not_when}]{{0,16}}?{when}"
            # the source the speaker cites (援引该机构的调研称): the speaker's own words still
            f"|{_any(r.citing_verbs)}.{{1,16}}$")
        # a clause of where, when or about what, between a quote and its speaker
        self.setting_clause = re.compile(f"{_any(r.setting_clause_openers)}[^{COMMA}]{{0,22}}"
                                         f"|{_any(r.setting_clause_words)}"
                                         f"|[^{COMMA}]{{1,16}}{_any(r.setting_clause_ends)}")
        # a gap ending in a negation: the person did *not* say it (拒绝透露)
        self.negated_gap = re.compile(f"{_any(r.negations)}$")

    def _who(self, r: ClaimRules) -> None:
        self.reporter_sourcing = re.compile(_any(r.reporter_sourcing))     # .match: at the start
        self.object_before = re.compile(f"{_any(r.object_before)}$")
        self.object_marker = re.compile(alternation(r.object_markers))
        self.not_saying = re.compile(alternation(r.not_saying))
        self.unnamed_person = re.compile(f"{_any(r.unnamed_person_heads)}$")
        heads = alternation(r.unnamed_person_heads + lexicon().titles)
        self.indefinite_person = re.compile(
            f"(?:^|(?<=[{CLAUSE_BREAK}{SENT_END}{CLOSE_Q}\\n]))\\s*{_any(r.indefinite_person_openers)}"
            f"[^{CLAUSE_BREAK}{SENT_END}“”]{{0,20}}?(?:{heads})")

    # the scans of a unit, each skipped where the word every match holds is missing: these patterns open with
    # a clause start (a lookbehind), which is tried at every character of the unit
    def pronouns_in(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        return finditer_if(self.pronoun, text, start, end, words_re(self.rules.pronouns))

    def these_persons_in(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        return finditer_if(self.this_person, text, start, end, words_re(self.rules.demonstratives))

    def indefinite_persons_in(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        return finditer_if(self.indefinite_person, text, start, end, words_re(self.rules.indefinite_person_openers))

    def in_views_in(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        return finditer_if(self.in_view, text, start, end, words_re((self.rules.in_view_word,)))

    def silent(self, text: str, start: int, end: int) -> bool:
        """Does [start, end) hold none of the words an attribution rule needs (a pronoun, 这位, 看来, a speech
        verb, an opening quote)? With no person named in it either, it has no attribution."""
        return self._says.search(text, start, end) is None

    @cached_property
    def _says(self) -> re.Pattern[str]:
        r = self.rules
        return words_re((*r.pronouns, *r.demonstratives, r.in_view_word, OPEN_Q, *lexicon().speech_verbs))

    def bare_in(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        return finditer_if(self.bare, text, start, end, self.verbs)


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    return Patterns()
