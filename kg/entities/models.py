"""Model names not (all) in the catalogue: family variants (混元-lite, 讯飞星火Pro/Max), families the
article introduces (“云岫”是…大模型家族), new Chinese families with a hyphenated variant (天穹-lite) and
Latin names (GLM-4-Flash, Llama 3.1 405B)."""

from __future__ import annotations

import re

from ..lang.zh import lexicon
from ..records import Mention
from ..text.patterns import alternation, lookbehind_any
from ..text.places import StartPlaces, finditer_at
from .base import CLAUSE_PUNCT, LIST_START, Candidate, KnownNames
from .model_places import FAMILY_LENGTHS, hyphen_places, shortest_families, told_as_model
from .rules import char_class, entity_rules
from .words import HAN, common_word, drop_leading_common, has_han, jieba_cut, looks_like_new_name

# a year after a hyphen is not a variant: 腾讯-2024
YEAR = re.compile(r"(?:19|20)\d\d")
NUMBER = re.compile(r"\d+")


class ModelPatterns:
    """Finds model names by their form; families introduced by the article are passed in per text."""

    def __init__(self, known: KnownNames) -> None:
        lx, rules = lexicon(), entity_rules()
        self.known = known
        self.not_variants = set(rules.not_variants)
        self.class_words = tuple(rules.model_class_words)
        self.count_after = re.compile(char_class(rules.count_units))
        self.variant_pattern = lx.model_variant_pattern
        family_names = [n for n, e in known.catalogue.names() if e.type == "Model" and has_han(n)]
        # Grok 3, Llama 4 Scout, Claude Opus 4: a Latin catalogue family, a space and a version
        latin_families = [n for n, e in known.catalogue.names() if e.type == "Model" and re.fullmatch(r"[A-Za-z]+", n)]
        word = "(?:[A-Z][a-z]+|" + alternation(lx.model_suffix_words) + ")"
        # (each Latin pattern first looks at the letter it opens with: most places hold none)
        self.latin_family_version = re.compile(
            r"(?=[A-Za-z])(?<![A-Za-z0-9.\-])(?:" + alternation(latin_families) + rf")(?:[ ]{word})?[ ]\d+(?:\.\d+)?"
            rf"(?:[ ]{word})?(?![A-Za-z0-9.%])")
        self.family_variant = re.compile(
            "(?P<family>" + alternation(family_names) + ")(?P<variant>" + lx.model_variant_pattern + ")"
            r"(?P<more>(?:/(?:[A-Za-z][A-Za-z0-9]*))*)(?![A-Za-z0-9])")
        # “云岫”是…, “观澜”系列大模型, 墨衡系列的… (a quoted name, or a bare one at a clause start)
        left = f"{CLAUSE_PUNCT[:-2]}、\\s{rules.family_intro_model_left}"     # (LIST_START's characters and more)
        left_words = [*rules.family_gloss_left, *lx.model_heads]
        self.family_intro = re.compile(
            f"“(?P<f>[{HAN}]{{2,6}})”(?={rules.family_intro_quoted})"
            f"|{LIST_START}(?P<g>[{HAN}]{{2,4}})(?={rules.family_intro_series})"
            f"|(?<=[{left}])(?P<h>[{HAN}]{{2,3}})"
            f"(?={rules.family_intro_model})"
            # 推出第一代模型川流1.0: a model head, then a new name with its version
            # (推理模型砚池-Lumen 2, 代码模型栖川Coder 2: a capitalised word may come before the version)
            f"|(?:{lookbehind_any(lx.model_heads)})[「“]?(?P<v>[{HAN}]{{2,4}}?)"
            f"(?=-?(?:[A-Z][A-Za-z]+[ ]?)?\\d+(?:\\.\\d+)?(?![\\d.%]))"
            # 代码模型栖川Coder, 推理模型砚池R2, 轻量模型川流Lite-8K: a model head, a new name and a
            # capitalised Latin variant (its first word is checked in article_families)
            f"|(?:{lookbehind_any(lx.model_heads)})[「“]?(?P<w>[{HAN}]{{2,4}}?)"
            f"(?=-?(?P<wv>[A-Z](?:[A-Za-z]+|\\d{{1,2}}(?!\\d)))(?:-[A-Za-z0-9.]+)*(?![A-Za-z0-9]))"
            # 推出了潮岫3.5（Chaoxiu-3.5）: a new name with its version, glossed by a Latin model name in brackets
            f"|(?:{lookbehind_any(left_words)})(?![了的])(?P<x>[{HAN}]{{2,4}}?)"
            f"(?=\\d+(?:\\.\\d+)?[（(][A-Za-z][A-Za-z0-9.]*(?:[- ][A-Za-z0-9.]+)*[）)])")
        self.family_intro_places = StartPlaces(left, left_words, at="“")
        self.family_heads = alternation(rules.family_heads)
        self.family_breaks = re.compile(rules.family_breaks)
        # 须弥-3 Pro, 粤言2 Lite: a size word after a space is part of the name,
        # and a version after a space (澄言-Pro 3), unless a count follows (3款)
        self.size_word = ("(?:[ ](?:" + alternation(lx.model_suffix_words) + ")(?![A-Za-z0-9]))?"
                          + r"(?:[ ]\d+(?:\.\d+)?(?![\d.%A-Za-z]|" + char_class(rules.count_units) + "))?")
        self.han_variant = re.compile(
            # 天穹-lite, and with a version before the hyphen: 岩思4-Pro, 观澜2.5-Turbo
            f"(?P<pre>[{HAN}]{{{FAMILY_LENGTHS[0]},{FAMILY_LENGTHS[1]}}})" + r"(?P<version>\d+(?:\.\d+)?)?-"
            r"(?P<variant>[A-Za-z0-9][A-Za-z0-9.]*(?:-[A-Za-z0-9.]+)*)(?![A-Za-z0-9])" + self.size_word)
        self.suffix_words = {w.casefold() for w in lx.model_suffix_words}
        self.title_words = {t.casefold() for t in lx.titles if t.isascii()}
        self.latin_stop = {s.casefold() for s in lx.latin_stopwords}
        self.non_model_heads = tuple(lx.non_model_heads)
        self.model_heads = tuple(lx.model_heads)
        suffix_alt = alternation(lx.model_suffix_words)
        # 豆包2.5 Pro: a variant word after a space ends a catalogue family's versioned variant
        self.spaced_suffix = re.compile("[ ](?:" + suffix_alt + ")(?![A-Za-z0-9])")
        # GLM-4-Flash, Doubao-pro-32k, Qwen2.5-Max, GPT-4o mini, ERNIE Speed, moonshot-v1-8k
        self.latin_model = re.compile(
            r"(?=[A-Za-z])(?<![A-Za-z0-9.\-])(?P<name>[A-Za-z][A-Za-z0-9]*(?:[-.]?[A-Za-z0-9]+)*"
            r"(?:[ ]\d+(?:\.\d+)*[A-Za-z]?(?=[ ](?:" + suffix_alt + r")(?![A-Za-z])))?"
            # Llama 3.1 405B, Kimi k1.5, Kimi K2: a dotted version or a letter+number, then an optional size
            # (Kimi K3-Turbo: a variant word may be joined to the version by a hyphen)
            r"(?:[ ](?:\d+(?:\.\d+)+|[A-Za-z]\d+(?:\.\d+)?)(?:-(?:" + suffix_alt + r")(?![A-Za-z0-9]))?"
            r"(?:[ ]\d+(?:\.\d+)?[BbMmKk])?(?![A-Za-z0-9]))?"
            # Corvane Flash 2: a version after a suffix word, unless a count follows (Pro 3款)
            r"(?:(?:[ ](?:" + suffix_alt + r")(?:-(?:" + suffix_alt + r"))?(?![A-Za-z]))+"
            r"(?:[ ]\d+(?:\.\d+)?(?![\d.%A-Za-z]|" + char_class(rules.count_units) + "))?)?)"
            r"(?![A-Za-z0-9])")
        # Vexa-Coder 3, Tarn 2 (checked in latin_integer_versions); not 3款, 2.5, 32k or a version before a size
        count = char_class(rules.count_units)
        self.latin_integer = re.compile(
            r"(?=[A-Z])(?<![A-Za-z0-9.\-])(?P<stem>[A-Z][A-Za-z]+(?:-[A-Z][A-Za-z]+)*)[ ]\d{1,2}"
            r"(?![\d.%A-Za-z\-]|[ ](?:" + suffix_alt + r")(?![A-Za-z])|" + count + ")")
        self.integer_then_suffix = re.compile(
            r"(?=[A-Z])(?<![A-Za-z0-9.\-])([A-Z][A-Za-z]+)[ ]\d{1,2}[ ](?:" + suffix_alt + r")(?![A-Za-z])")

    def names_a_class(self, text: str, c: Candidate) -> bool:
        """A model's name used for a class of models (通义千问GPT-4级主力模型): no mention of that model."""
        return c.type == "Model" and text.startswith(self.class_words, c.end)

    def _is_count(self, variant: str, text: str, end: int) -> bool:
        """通义千问9款模型: a number followed by a unit is a count, not a version."""
        return NUMBER.fullmatch(variant) is not None and self.count_after.match(text[end:]) is not None

    def catalogue_variants(self, text: str) -> list[Candidate]:
        """Family name + suffix (混元-lite, 讯飞星火Pro/Max → 讯飞星火Pro and 讯飞星火Max)."""
        out = []
        for m in self.family_variant.finditer(text):
            variant = m.group("variant")
            if variant.strip("-").casefold() in self.not_variants or self.known.match(variant.strip("-")):
                continue
            if self._is_count(variant, text, m.end("variant")):
                continue
            end = m.end("variant")
            spaced = self.spaced_suffix.match(text, end) if not m.group("more") else None
            if spaced:
                variant, end = variant + spaced.group(0), spaced.end()
            out.append(Candidate(m.start(), end, "Model", 1,
                                 self.known.variant_key(m.group("family"), variant), "variant"))
        return out

    def coordinated_variants(self, text: str) -> list[Mention]:
        """The second half of "讯飞星火Pro/Max": a model named family + "Max", anchored on "Max"."""
        out = []
        for m in self.family_variant.finditer(text):
            pos = m.end("variant")
            for part in filter(None, m.group("more").split("/")):
                start = text.index(part, pos)
                family = m.group("family")
                out.append(Mention(family + part, "Model", start, start + len(part),
                                   self.known.variant_key(family, part), "variant"))
                pos = start + len(part)
        return out

    def article_families(self, text: str) -> dict[str, int]:
        """Model families the article introduces: “云岫”是…大模型家族, “观澜”系列大模型, 墨衡系列的…

        Returns each family name with the offset where it is introduced (its releaser is named there).
        """
        found: dict[str, int] = {}
        for m in finditer_at(self.family_intro, text, self.family_intro_places(text)):
            name = m.group("f") or m.group("g") or m.group("h") or m.group("v") or m.group("w") or m.group("x")
            if m.group("w") and not self._latin_variant(name, m.group("wv"), text, m.end()):
                continue
            if m.group("h") and not looks_like_new_name(name, strict=False):
                continue        # 国产大模型, 通用大模型: a kind of model, not a family's name
            if (m.group("v") or m.group("w") or m.group("x")) and self.family_breaks.search(name):
                continue        # 模型权重以Apache 2.0: a function word inside is no family's name
            if m.group("g"):
                # 统筹玄鉴系列模型: drop leading common words, the family is what is left
                name = "".join(drop_leading_common(jieba_cut(name)))
                if len(name) < 2:
                    continue
            # quotes or 系列 are strong cues: only very common words (“价格”系列) are refused
            if self.known.fullmatch(name) or common_word(name, 5000) or name in lexicon().titles:
                continue
            found.setdefault(name, m.start())
        return found

    def _latin_variant(self, name: str, variant: str, text: str, end: int) -> bool:
        """栖川Coder, not 训练GPU or 推理H100: a name that is no common word (a rare dictionary word such as
        川流 may be a brand), then a Latin word that is a variant, not hardware or a term."""
        word = variant.casefold()
        if word in self.not_variants or (word in self.latin_stop and word not in self.suffix_words):
            return False
        after = text[end:].lstrip("-")[len(variant):]
        if re.match(r"[A-Za-z0-9.\-]*(?:" + "|".join(map(re.escape, self.non_model_heads)) + ")", after):
            return False
        return not common_word(name, 200)

    def family_variants(self, text: str, families: dict[str, int]) -> list[Candidate]:
        """Variants of a family the article introduced: 云岫Pro, 云岫-mini, 观澜2.0, 观澜-Coder."""
        if not families:
            return []
        pattern = re.compile("(?P<family>" + alternation(list(families)) + ")(?P<variant>"
                             + self.variant_pattern + r")(?![A-Za-z0-9])" + self.size_word)
        out = []
        for m in pattern.finditer(text):
            word = m.group("variant").strip("-").casefold()
            # 星海CTO阚力: a title after the family's name is no variant
            if word in self.not_variants or word in self.title_words:
                continue
            variant = m.group("variant")
            if self._is_count(variant, text, m.end()):
                continue
            out.append(Candidate(m.start(), m.end(), "Model", 1, None, "article-family-variant"))
        for name in families:
            for m in re.finditer(re.escape(name) + "(?=”?(?:" + self.family_heads + "))", text):
                out.append(Candidate(m.start(), m.end(), "Model", 3, None, "article-family"))
        return out

    def han_variants(self, text: str) -> list[Candidate]:
        """A new Chinese family with a hyphenated variant: 天穹-lite, 灵犀-pro-32k (no catalogue entry needed)."""
        out: list[tuple[str, int, int]] = []      # family, where it ends, where the name ends
        for m in finditer_at(self.han_variant, text, hyphen_places(text)):
            variant = m.group("variant").split("-")[0]
            # a size word (lite, pro), a version (2.5, 32k) or a series letter with its number (T1, R2);
            # after a version (观潮3-Core) any capitalised word: a number before the hyphen marks a model name;
            # a series letter alone (青垣-R) only where the text calls the name a model (checked below)
            letter = re.fullmatch(r"[A-Z]", variant) is not None
            if variant.casefold() not in self.suffix_words and not letter \
                    and not re.fullmatch(r"\d+(?:\.\d+)?[A-Za-z]*|[A-Z]\d{1,2}", variant) \
                    and not (m.group("version") and re.fullmatch(r"[A-Z][A-Za-z]+", variant)):
                continue
            if YEAR.fullmatch(variant) or (m.group("version") and variant[0].isdigit()):
                continue        # 腾讯-2024: a year; 提升10-100: a range
            # 推出天穹-lite: drop leading common words (推出) so the family is the name itself
            # 轻量模型星图-turbo, 长文本的混元-…: the family starts after a model head or a function word
            pre = self.family_breaks.split(m.group("pre"))[-1]
            family = "".join(drop_leading_common(jieba_cut(pre) if pre else []))
            start = m.end("pre") - len(family)
            if len(family) < 2 or letter and not told_as_model(text, start, m.end(), self.model_heads):
                continue
            out.append((family, m.end("pre"), m.end()))
        return [Candidate(stem - len(family), end, "Model", 3, None, "han-variant")
                for family, stem, end in shortest_families(out)]

    def latin_models(self, text: str) -> list[Candidate]:
        """GLM-4-Flash, Qwen2.5-Max, o1: a Latin name with a digit, a joint or a model head after it;
        Grok 3, Llama 4 Scout: a Latin catalogue family with a version after a space."""
        out = [Candidate(m.start(), m.end(), "Model", 2, None, "latin-model")
               for m in self.latin_family_version.finditer(text)]
        for m in self.latin_model.finditer(text):
            name = m.group("name")
            words = name.split(" ")
            if name.casefold() in self.latin_stop or words[0].casefold() in self.latin_stop:
                continue
            after = text[m.end():m.end() + 4]
            if after.startswith(self.non_model_heads):
                continue
            has_digit = bool(re.search(r"\d", name))
            has_join = "-" in name or " " in name
            if not (has_digit or has_join or after.startswith(self.model_heads)):
                continue
            if re.fullmatch(r"[A-Z]?\d+[A-Za-z]?", name) or re.fullmatch(r"\d.*", name):
                continue        # A100, 5G, 32k: chips, generations, sizes
            if re.fullmatch(r"[A-Z][A-Za-z]?\d?|[A-Za-z]+", name) and not after.startswith(self.model_heads) \
                    and not has_join:
                continue        # H1, Q3, or a plain word: not a model unless a model head follows (o1 is)
            out.append(Candidate(m.start(), m.end(), "Model", 2, None, "latin-model"))
        return out + self.latin_integer_versions(text)

    def latin_integer_versions(self, text: str) -> list[Candidate]:
        """Vexa-Coder 3, Tarn 2: a Latin name, a space and a whole-number version. A bare number after a
        word is read as a version only when the name is already model-like (hyphenated: Vexa-Coder), a model
        head stands right before it (语言模型「Tarn 2」), or the article names the same stem with a version
        and a size word elsewhere (Tarn 2 Mini): "Top 3" and "Windows 11" stay out."""
        stems = {m.group(1) for m in self.integer_then_suffix.finditer(text)}
        out = []
        for m in self.latin_integer.finditer(text):
            name = m.group("stem")
            if name.casefold() in self.latin_stop or name.split("-")[0].casefold() in self.latin_stop:
                continue
            head_before = text[:m.start()].rstrip("「“\"").endswith(self.model_heads)
            if "-" in name or head_before or name in stems:
                out.append(Candidate(m.start(), m.end(), "Model", 2, None, "latin-integer-version"))
        return out
