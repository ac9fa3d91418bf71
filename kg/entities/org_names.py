"""Cleaning a pattern-found organisation's name: trimming the context words a pattern swallowed,
cutting a department off a known organisation, and refusing what is a clause, not a name."""

from __future__ import annotations

import re

from ..lang.zh import lexicon
from ..text.patterns import alternation
from .base import KnownNames
from .rules import char_class, entity_rules, in_order
from .words import HAN, common_word, jieba_cut, leading_chars, looks_like_new_name


class OrgNames:
    """What makes a string an organisation's name, and how to trim one found by a pattern."""

    def __init__(self, known: KnownNames) -> None:
        lx, rules = lexicon(), entity_rules()
        self.known = known
        self.not_name_words = set(lx.not_name_words)
        self.places = set(lx.places)
        self.suffix_re = re.compile(r"(?:" + alternation(lx.org_suffixes) + r")$")
        inner_suffixes = [x for x in lx.org_suffixes if len(x) > 1 and x not in rules.inner_suffix_excluded]
        self.inner_suffix = re.compile(f"^([{HAN}]{{2,6}}?(?:{alternation(inner_suffixes)}))[{HAN}]{{2,6}}$")
        self.descriptor_prefix = re.compile("(?:" + alternation(lx.not_name_words) + ")+")
        role = in_order(rules.org_role_marks_long)
        self.alias_word = re.compile(alternation(rules.alias_words))
        self.leading = re.compile(f"^(?:{in_order(rules.leading_words)})*(?:{role})?")
        self.prefix_start = re.compile(f"^(?:{in_order(rules.clause_openers)})?(?:{role})?")
        self.prefix_trailing = re.compile(f"(?:{in_order(rules.org_trailing_marks)})$")
        self.clause_chars = re.compile(char_class(rules.clause_chars))
        self.clause_verbs = re.compile(alternation(rules.org_clause_verbs))
        self.reference_stems = set(rules.org_reference_stems)
        approx = char_class(rules.approximately)
        self.legal_tail = re.compile(f"(?:{alternation(rules.legal_tails)})$")
        self.holding_tail = re.compile(f"(?:{alternation(rules.holding_tails)})$")
        self.approx_end = re.compile(f"(?:{alternation(lx.org_suffixes)})(?P<approx>{approx})$")
        self.prefix_name = re.compile(f"[{HAN}A-Za-z0-9 .&]+")
        self.descriptions = re.compile(f"(?:{in_order(rules.org_descriptions)})$")
        # 北京大模型公司, 杭州AI初创公司: a place, a modifier and a descriptor describe, they do not name
        self.after_inner_verb = re.compile(f"^.*(?:{alternation(rules.org_inner_verbs)})(?=[{HAN}A-Za-z0-9]{{2,}}"
                                           f"(?:{alternation(lx.org_suffixes)})$)")
        self.described = re.compile(f"^(?:{alternation(lx.places)})?(?:{alternation(rules.description_modifiers)})*"
                                    f"(?:{alternation(rules.org_descriptors)})$")
        self.after_preposition = re.compile(f"^.*{char_class(rules.prepositions)}")
        self.prepositions = set(rules.prepositions)
        self.dept = re.compile(r"(?<=[" + HAN + r"])[A-Za-z]+$")
        self.owner_word = rules.owner_word
        self.owner_verbs = re.compile(in_order(rules.owner_verbs))
        self.adverb_chars = set(rules.adverb_chars)
        self.leading_chars = leading_chars()

    def stem(self, name: str) -> str:
        """The name without its legal form and its suffix: 白溪算力科技有限公司 → 白溪算力."""
        return self.suffix_re.sub("", self.legal_tail.sub("", name))

    def has_suffix(self, name: str) -> bool:
        return self.suffix_re.search(name) is not None

    def in_prefix(self, prefix: str) -> list[tuple[int, str]]:
        """The organisation's name in the text of a clause before a title (据…, 前…, …的 trimmed off)."""
        m = self.prefix_start.match(prefix)
        start = m.end() if m else 0
        name = prefix[start:].strip()
        name = self.prefix_trailing.sub("", name)
        clause = list(self.clause_chars.finditer(name))
        if clause and self.suffix_re.search(name) and len(name) - clause[-1].end() >= 3:
            name = name[clause[-1].end():]     # 记者专访了澄石资本 → 澄石资本: the name after the clause
        if not (2 <= len(name) <= 16) or self.clause_chars.search(name):
            return []
        if not self.prefix_name.fullmatch(name):
            return []
        return [(prefix.index(name, start), name)]

    def names_an_org(self, name: str) -> bool:
        """A catalogue name, a name with an organisation suffix, or one that reads as a new name."""
        if self.known.match(name) or self.suffix_re.search(name) or not re.search(f"[{HAN}]", name):
            return True
        words = jieba_cut(name)
        return words[0] not in self.not_name_words and looks_like_new_name(name, strict=False)

    def _after_owner(self, start: int, name: str) -> tuple[int, str]:
        """X旗下的云计算平台星衡云 → 星衡云: what an owner owns, without the describing words."""
        owned = name.rfind(self.owner_word)
        if owned < 0:
            return start, name
        start, name = start + owned + len(self.owner_word), name[owned + len(self.owner_word):]
        verb = self.owner_verbs.match(name)
        if verb and len(name) - verb.end() >= 2:
            start, name = start + verb.end(), name[verb.end():]
        words = jieba_cut(name)
        while len(words) > 1 and (common_word(words[0], 300) or words[0] in self.leading_chars
                                  or words[0] in self.not_name_words):
            start += len(words[0])
            words.pop(0)
        name = "".join(words)
        described = self.descriptor_prefix.match(name)     # 云计算平台星衡云 → 星衡云
        if described and len(name) - described.end() >= 2:
            start, name = start + described.end(), name[described.end():]
        return start, name

    def _without_leading_words(self, start: int, name: str) -> tuple[int, str]:
        """本轮由远山资本 → 远山资本: a preposition inside the span starts the name after it, and
        leading common words go (never into the suffix itself; single characters only when they are
        function words, as jieba splits unknown names into characters)."""
        inner = self.after_preposition.search(name)
        if inner and len(name) - inner.end() >= 3:
            start, name = start + inner.end(), name[inner.end():]
        words = jieba_cut(name)
        while len(words) > 2 and (common_word(words[0], 1000) or words[0] in self.leading_chars) \
                and words[0] not in self.places:
            start += len(words[0])
            words.pop(0)
        if len(words) == 2 and words[0] in self.prepositions:
            start += len(words[0])      # 其职务由研究(副总裁) → 研究: a preposition never starts a name
            words.pop(0)
        return start, "".join(words)

    def clean(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Trim a pattern-found organisation name to the name itself, or reject it.

        由远山资本 → 远山资本; 老股东云杉创投 → 云杉创投 (leading common words go);
        清华大学计算机系 / 百度文心一言产品 → 清华大学 / 百度 (a known organisation followed by
        a department or product is that organisation), but 微软亚洲研究院 stays whole (it ends in a suffix).
        """
        start, name = self._after_owner(start, text[start:end])
        alias = self.alias_word.search(name)
        if alias and len(name) - alias.end() >= 2:
            start, name = start + alias.end(), name[alias.end():]     # 岚石云全称岚石云计算有限公司
        approx = self.approx_end.search(name)
        if approx:
            name = name[:approx.start("approx")]        # 湾睿科技约15%股权 → 湾睿科技
        held = self.holding_tail.search(name)
        if held and held.start() >= 2:
            name = name[:held.start()]                  # 松衡云全资控股(的X) → 松衡云
        dept = self.dept.search(name)
        if dept and self.suffix_re.search(name[:dept.start()]):
            end, name = start + dept.start(), name[:dept.start()]
        inner = self.inner_suffix.match(name)
        if inner and not self.known.fullmatch(name) and not self.suffix_re.search(name):
            name = inner.group(1)       # 东岳证券计算机行业 → 东岳证券: a department after the suffix
        lead = self.leading.match(name)
        if lead and lead.end():
            start, name = start + lead.end(), name[lead.end():]
        known = self.known.match(name)
        if known and known.end() < len(name):
            entry = self.known.catalogue.lookup("Organization", known.group(0))
            if entry and not self.suffix_re.search(name):
                return start, start + known.end()
        inner_verb = None if known else self.after_inner_verb.match(name)
        if inner_verb:
            start, name = start + inner_verb.end(), name[inner_verb.end():]     # 腾讯领投X资本 → X资本
        if not known and re.search(f"[{HAN}]", name):
            start, name = self._without_leading_words(start, name)
        if self.suffix_re.fullmatch(name) or self.suffix_re.sub("", name) in self.not_name_words:
            return None         # 协会, 自律委员会: a kind of organisation, not one's name
        if self.descriptions.search(name) or self.described.match(name):
            return None         # 云计算子公司, 杭州大模型公司: a description
        if len(name) < 2 or self.clause_chars.search(name) or name[0] in self.adverb_chars:
            return None         # 仍留任公司, 到投资机构, 并不谋求控股: a clause, not a name
        if self.suffix_re.sub("", name) in self.reference_stems or \
                (self.clause_verbs.search(name) and not known):
            return None         # 由集团, 苏琰现任公司: a reference or a clause, not a name
        return start, start + len(name)
