"""Stage 2: analyse an article with spaCy: tokens (jieba), sentences and entity mentions.

The pipeline is ``spacy.blank("zh")`` with jieba's segmentation (jieba-rs, the same
algorithm and dictionary as the Python package, much faster), whose dictionary is
extended with every catalogue name so those names come out as one token.
Two custom components follow:

* ``kg_sentences`` splits on Chinese and Western sentence ends (keeping a
  closing quote with its sentence) and on line breaks (headings, ``▍`` markers);
* ``kg_entities`` finds mentions, most trusted first: catalogue names, then
  patterns for new model, person and organisation names (word lists in
  ``kg/rules/lexicon.yaml``). Results go on ``doc._.mentions`` (``Mention``
  records with character offsets) and ``doc.spans["kg"]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .catalogue import Catalogue, load_catalogue, norm_name
from .docext import doc_text
from .lang.zh import lexicon, title_chain_pattern, title_pattern
from .records import Article, EntityType, Mention
from .rules import rules_path
from .text.patterns import alternation, lookbehind_any, names_pattern

HAN = r"\u4e00-\u9fff"
# words after which an organisation's name may start: 加盟栖云智能, 兼任衡语科技…, 由远山资本…
ORG_LEFT_WORDS = (
    "旗下", "旗下的", "子公司", "母公司", "由", "与", "和", "曾任", "现任", "担任", "兼任", "出任", "加盟", "加入",
    "离开", "从", "在", "是", "就职于", "任职于", "供职于", "私募", "机构", "巨头", "基金", "发布方", "持有", "毕业于",
    "就读于", "来自", "诉", "起诉", "创办", "创立", "成立", "创建", "收购", "并购", "控股", "参股", "入股", "投资")


ORG_LEFT_CONTEXT = lookbehind_any(ORG_LEFT_WORDS)


LATIN_NAME = r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*"


# ------------------------------------------------------------------ sentences

SENT_END = re.compile(r"[。！？!?…]+[”’」』\"')）]*|\n+|(?<=[" + HAN + r"])\?")


@Language.component("kg_sentences")
def kg_sentences(doc: Doc) -> Doc:
    """Mark sentence starts after 。！？!? (with any closing quotes) and at line breaks."""
    if not len(doc):
        return doc
    bounds = numpy.array(sorted({m.end() for m in SENT_END.finditer(doc_text(doc))}), dtype="int64")
    cols = doc.to_array([IDX, IS_SPACE]).astype("int64")
    idx, space = cols[:, 0], cols[:, 1]
    # a token starts a sentence when a boundary lies after the previous token's start and at or
    # before its own start (whole-array arithmetic: token-by-token setters re-check the doc each time)
    k = numpy.searchsorted(bounds, idx[:-1], side="right")
    nxt = numpy.append(bounds, numpy.iinfo("int64").max)[k]
    starts = numpy.ones(len(doc), dtype="int64")
    starts[1:] = numpy.where((nxt <= idx[1:]) & (space[1:] == 0), 1, -1)
    doc.from_array([SENT_START], starts.reshape(-1, 1).astype("uint64"))  # type: ignore[arg-type]
    return doc


# ------------------------------------------------------------------- entities

def looks_like_new_name(s: str, strict: bool = True) -> bool:
    """A Chinese string that reads as an unknown proper name, not a phrase.

    Never a modifier or time word first, never a whole dictionary word or idiom (正面交锋). Strict:
    no common word anywhere (深蓝觅境, not 长文本); otherwise only the first word must be rare, as in
    names like 青鸟声学 or 蓝鲸数据 (a rare word + a common one), used where the context is strong.
    """
    if s[:1] in "长短新老大小高低多少全各每该这那某本其此都也还就又在是之刚已将正曾再才仍" \
            or re.search(r"(?:上|下|本|今|明|去|前|后|每)个?(?:年|月|日|天|周|季)|[年月日天周季度]$", s):
        return False
    if re.search("发布|推出|上线|宣布|表示|认为|开源|成立|获得|完成|进行|提供|使用", s):
        return False        # a verb phrase (公司刚发布的…), not a name
    if common_word(s, 1) or s in NOT_NAME_WORDS():
        return False
    words = [w for w in jieba_cut(s)]
    if words and words[0] in NOT_NAME_WORDS():
        return False
    if strict:
        return not any(len(w) > 1 and common_word(w, 300) for w in words)
    return not (len(words[0]) > 1 and common_word(words[0], 300))


@lru_cache(maxsize=1)
def NOT_NAME_WORDS() -> frozenset[str]:  # noqa: N802
    return frozenset(lexicon().not_name_words)


def jieba_cut(s: str) -> list[str]:
    """Dictionary words of a short string (no guessing of unknown words: they split into characters)."""
    return segmenter().cut(s, hmm=False)


def common_word(s: str, min_freq: int = 2000) -> bool:
    """Whether jieba's dictionary knows ``s`` as a common word (评论, 负责, 表示).

    ``min_freq=1`` asks whether it is a dictionary word at all; higher thresholds read the
    frequencies of the common words (kg/rules/word_freq.tsv, taken from jieba's dictionary).
    """
    if len(s) < 2:
        return False
    if min_freq <= 1:
        return segmenter().has_word(s)
    return word_freq().get(s, 0) >= min_freq


@lru_cache(maxsize=1)
def word_freq() -> dict[str, int]:
    """Frequencies of jieba's common words (≥ 200), plus the catalogue's names (as jieba's own count)."""
    freq = {}
    for line in rules_path("zh", "word_freq", ".tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, n = line.split("\t")
            freq[word] = int(n)
    freq.update((name, CATALOGUE_WORD_FREQ) for name in catalogue_words())
    return freq


CATALOGUE_WORD_FREQ = 200000      # high enough that a catalogue name always comes out as one word


def catalogue_words() -> list[str]:
    return [name for name, _entry in load_catalogue().names() if re.search(f"[{HAN}]", name)]


@lru_cache(maxsize=1)
def segmenter():  # noqa: ANN201  (rjieba.Jieba)
    """jieba's algorithm and dictionary in Rust (jieba-rs): the same Chinese words as the Python
    package at ~50× the speed and a third of its start-up; every catalogue name is one word."""
    import rjieba

    seg = rjieba.Jieba()
    for name in catalogue_words():
        seg.add_word(name, CATALOGUE_WORD_FREQ, None)
    return seg


class JiebaTokenizer:
    """A spaCy tokenizer over ``segmenter()`` (what ``spacy.lang.zh`` does with Python jieba)."""

    def __init__(self, vocab) -> None:  # noqa: ANN001
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces([w for w in segmenter().cut(text) if w], text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc._.source_text = text
        return doc


def words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """``spacy.util.get_words_and_spaces`` (what spaCy's Chinese tokenizer calls), the same result
    without its copy of the rest of the text for every word, which grows with the square of the
    article's length (5% of the pipeline on a 3,000-character article)."""
    if "".join("".join(words).split()) != "".join(text.split()):
        raise ValueError(f"the words do not spell the text: {text[:40]!r}")
    out_words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for word in words:
        if word.isspace():
            continue
        start = text.index(word, pos)
        if start > pos:                     # whitespace the space flags cannot hold is a token
            out_words.append(text[pos:start])
            spaces.append(False)
            pos = start
        out_words.append(word)
        pos += len(word)
        has_space = pos < len(text) and text[pos] == " "
        spaces.append(has_space)
        pos += has_space
    if pos < len(text):
        out_words.append(text[pos:])
        spaces.append(False)
    return out_words, spaces


@spacy.registry.tokenizers("kg.jieba_rs")
def create_jieba_tokenizer():  # noqa: ANN201
    return lambda nlp: JiebaTokenizer(nlp.vocab)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    type: EntityType
    priority: int          # lower wins among overlapping candidates of equal length
    key: str | None
    source: str


class EntityFinder:
    """Finds entity mentions in text: catalogue names first, then name patterns."""

    def __init__(self, catalogue: Catalogue) -> None:
        lx = lexicon()
        self.catalogue = catalogue
        names = sorted({n for n, _ in catalogue.names()}, key=len, reverse=True)
        # a Latin name must not sit inside a longer Latin word (Spark in Sparkle, GPT-4 in GPT-4o)
        self.catalogue_re = re.compile(names_pattern(names), re.I)
        self.titles = sorted(lx.titles, key=len, reverse=True)
        self.title_names = {norm_name(t) for t in self.titles}     # a candidate name that is a title
        title_alt = title_pattern()
        self.title_chain = title_chain_pattern()
        surname = f"(?:{alternation(lx.compound_surnames)}|[{lx.surnames}])"
        self.person_after_title = re.compile(
            f"(?P<title>{self.title_chain})\\s?(?P<name>{surname}[{HAN}]{{1,2}})")
        self.person_before_speech = re.compile(
            f"(?:^|(?<=[，,。；;：:“”\\s])|(?<=[，,。；;：:“”\\s]在)|(?<=^在)|(?<=[，,。；;：:“”\\s]据)|(?<=^据))"
            f"(?P<name>{surname}[{HAN}]{{1,2}})"
            f"(?:{alternation(['也', '还', '则', '更', '就', '曾', '亦', '随后', '同时', '当时', '此前'])})?"
            f"(?:{alternation(lx.speech_verbs)})")
        self.latin_person_after_title = re.compile(
            f"(?:{title_pattern()})\\s?(?P<name>[A-Z][a-z]+(?:[ ·・][A-Z][a-z]+){{1,2}})(?![A-Za-z])")
        # 丹尼尔·韦伯, 萨姆·奥尔特曼: a transliterated name, after a title or before a speech verb
        self.foreign_person = re.compile(
            f"(?:{title_pattern()}|^|(?<=[，,。；;：:“”\\s]))(?P<name>[{HAN}]{{1,5}}[·・][{HAN}]{{1,6}})"
            f"(?=[{HAN}]{{0,3}}?(?:{alternation(lx.speech_verbs)})|则|也|还|在|曾|，|,|（|\\(|加入|出任|担任|表示)")
        self.latin_person_before_verb = re.compile(
            r"(?<![A-Za-z])(?P<name>[A-Z][a-z]+ [A-Z][a-z]+)(?=出任|担任|加盟|加入|表示|认为|指出|透露|坦言|直言|称|说)")
        self.interview_speaker = re.compile(f"(?m)^(?P<name>{surname}[{HAN}]{{1,2}})[：:]")
        # 陈思远出任CTO, 韩若冰和陈思远联手创办…: a name at a clause start before a career verb
        self.person_before_role = re.compile(
            f"(?:^|(?<=[，,。；;：:“”\\s]))(?P<name>{surname}[{HAN}]{{1,2}}?)(?:和(?P<other>{surname}[{HAN}]{{1,2}}?))?"
            f"(?:再度|共同|随后|正式|已|将|此前)?(?=出任|担任|加盟|加入|联手|创办|创立|离职|辞任|卸任|升任|接任)")
        self.inner_person = re.compile(f"{title_pattern()}\\s?(?P<name>{surname}[{HAN}]{{1,2}})(?=和|与|及|、)")
        self.compound_surnames = set(lx.compound_surnames)
        self.not_name_words = set(lx.not_name_words)
        self.places = set(lx.places)
        self.inner_suffix = re.compile(
            "^([" + HAN + "]{2,6}?(?:" + alternation([x for x in lx.org_suffixes if len(x) > 1 and x != "公司"])
            + "))[" + HAN + "]{2,6}$")
        self.descriptor_prefix = re.compile("(?:" + alternation(lx.not_name_words) + ")+")
        self.speech_verbs = lx.speech_verbs
        stop = set(lx.latin_stopwords)
        self.latin_stop = {s.casefold() for s in stop}
        self.non_model_heads = tuple(lx.non_model_heads)
        suffix_alt = alternation(lx.model_suffix_words)
        # GLM-4-Flash, Doubao-pro-32k, Qwen2.5-Max, GPT-4o mini, ERNIE Speed, moonshot-v1-8k
        self.latin_model = re.compile(
            r"(?<![A-Za-z0-9.\-])(?P<name>[A-Za-z][A-Za-z0-9]*(?:[-.]?[A-Za-z0-9]+)*"
            r"(?:[ ]\d+(?:\.\d+)*[A-Za-z]?(?=[ ](?:" + suffix_alt + r")(?![A-Za-z])))?"
            # Llama 3.1 405B, Kimi k1.5: a dotted version or a letter+number, then an optional size
            r"(?:[ ](?:\d+(?:\.\d+)+|[a-z]\d+(?:\.\d+)?)(?:[ ]\d+(?:\.\d+)?[BbMmKk])?(?![A-Za-z0-9]))?"
            r"(?:[ ](?:" + suffix_alt + r")(?![A-Za-z]))*)"
            r"(?![A-Za-z0-9])")
        self.suffix_words = {w.casefold() for w in lx.model_suffix_words}
        self.han_variant = re.compile(
            "(?P<pre>[" + HAN + "]{2,6})-(?P<variant>[A-Za-z0-9][A-Za-z0-9.]*(?:-[A-Za-z0-9.]+)*)(?![A-Za-z0-9])")
        family_names = [n for n, e in catalogue.names() if e.type == "Model" and re.search(f"[{HAN}]", n)]
        self.family_variant = re.compile(
            "(?P<family>" + alternation(family_names) + ")(?P<variant>" + lx.model_variant_pattern + ")"
            r"(?P<more>(?:/(?:[A-Za-z][A-Za-z0-9]*))*)(?![A-Za-z0-9])")
        # “云岫”是…, “观澜”系列大模型, 墨衡系列的… (a quoted name, or a bare one at a clause start)
        self.family_intro = re.compile(
            r"“(?P<f>[" + HAN + r"]{2,6})”(?=(?:是|系列|大模型|模型|家族))"
            r"|(?:^|(?<=[，,。；;：:“”、\s]))(?P<g>[" + HAN + r"]{2,4})(?=系列(?:大)?模型|系列的)"
            r"|(?<=[，,。；;：:“”、\s是的下])(?P<h>[" + HAN + r"]{2,3})(?=大模型)")
        org_suffix = alternation(lx.org_suffixes)
        self.latin_org_title = re.compile(
            r"(?<![A-Za-z0-9.])(?P<org>[A-Z][A-Za-z0-9]*(?:[.][A-Za-z0-9]+|[ ][A-Z][A-Za-z0-9]*)*)\s?的?(?=(?:"
            + title_alt + "))")
        strict_suffixes = [x for x in lx.org_suffixes if x not in ("智能", "云", "信息", "技术", "网络", "软件", "咨询", "量化")]
        self.org_by_suffix = re.compile(
            r"(?:^|(?<=[，,。；;：:“”、（(\s])|" + ORG_LEFT_CONTEXT + ")"
            r"(?:前|原|现任|曾任|时任)?(?![的是由在和与从对将把被])(?P<name>[" + HAN + r"A-Za-z0-9]{2,6}?)(?:" + alternation(strict_suffixes) + r")")
        # 智能 / 云 end many common words (人工智能), so they only count before a verb or 旗下/的/由
        self.org_by_weak_suffix = re.compile(
            r"(?:^|(?<=[，,。；;：:“”、（(\s])|" + ORG_LEFT_CONTEXT + r")(?![的是由在和与从对将把被])(?P<name>[" + HAN + r"A-Za-z0-9]{2,4}?)"
            r"(?:智能|云)(?=由|旗下|的|发布|推出|宣布|表示|称|于|在|已|将|正式|今日|近日|开源|上线|也|则|CEO|创始人|孵化|自研"
            r"|[，,。；;、])")
        stop_after = (r"(?=在|的|于|已|将|也|正式|今天|今日|近日|日前|宣布|发布|推出|上线|开源|是|则|表示|称|负责|调用|主要|"
                      r"，|,|。|、|；|\d)")
        self.org_after_descriptor = re.compile(
            r"(?:创业公司|初创公司|初创企业|独角兽|大模型公司|模型公司|AI公司|科技公司|智能公司|基础设施公司|机器人公司|"
            r"医疗公司|芯片公司|数据公司|软件公司|互联网公司|云厂商|模型厂商|大模型厂商|竞争对手|对手|投资方|投资机构|基金|"
            r"子公司|全资子公司|上市公司|一家[^，,。；;]{0,10}?(?:公司|企业|机构))"
            r"(?P<name>[" + HAN + r"]{2,6}?)" + stop_after)
        self.org_before_de = re.compile(
            r"(?:^|(?<=[，,。；;：:“”、\s]))(?P<name>[" + HAN + r"]{2,6}?)的(?=[A-Za-z" + HAN + r"])")
        self.org_before_incubator = re.compile(
            r"(?:^|(?<=[，,。；;：:“”、\s]))(?P<name>[" + HAN + r"]{2,6}?)(?=(?:也|还|则|都)?(?:是)?由[^，,。；;]{1,16}?"
            r"(?:孵化|创办|创立|投资成立|发起成立))")
        self.org_is_subsidiary = re.compile(
            r"(?:^|(?<=[，,。；;：:“”、\s]))(?P<name>[" + HAN + r"]{2,6}?)(?=(?:也|则|就)?是[^，,。；;]{0,16}?"
            r"(?:子公司|旗下|孵化))")
        self.org_before_qixia = re.compile(
            r"(?:^|(?<=[，,。；;：:“”、\s]))(?P<name>[" + HAN + r"]{2,6}?)(?=旗下)")
        self.latin_org_suffix = re.compile(
            r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]+(?: [A-Z][A-Za-z0-9]+)* (?:Labs?|AI|Inc\.?|Technologies|Research|Robotics|"
            r"Capital|Ventures|Systems)(?![A-Za-z])")
        self.org_suffix_re = re.compile(r"(?:" + org_suffix + r")$")

    # -- candidates from each source -------------------------------------------------
    def from_catalogue(self, text: str) -> list[Candidate]:
        out = []
        for m in self.catalogue_re.finditer(text):
            name = m.group(0)
            for type_ in ("Organization", "Model", "Person"):
                entry = self.catalogue.lookup(type_, name)  # type: ignore[arg-type]
                if entry:
                    out.append(Candidate(m.start(), m.end(), entry.type, 0, entry.key, "catalogue"))
                    break
        return out

    def model_variants(self, text: str) -> list[Candidate]:
        """Family name + suffix (混元-lite, 讯飞星火Pro/Max → 讯飞星火Pro and 讯飞星火Max)."""
        out = []
        for m in self.family_variant.finditer(text):
            variant = m.group("variant")
            if variant.strip("-").casefold() in {"api", "app", "ai"} or self.catalogue_re.match(variant.strip("-")):
                continue
            if re.fullmatch(r"\d+", variant) and re.match(r"[款个家种项位名亿万千百元%倍年月日]", text[m.end("variant"):]):
                continue        # 通义千问9款模型: a count, not a version
            out.append(Candidate(m.start(), m.end("variant"), "Model", 1,
                                 self.variant_key(m.group("family"), variant), "variant"))
        return out

    def article_families(self, text: str) -> dict[str, int]:
        """Model families the article introduces: “云岫”是…大模型家族, “观澜”系列大模型, 墨衡系列的…

        Returns each family name with the offset where it is introduced (its releaser is named there).
        """
        found: dict[str, int] = {}
        for m in self.family_intro.finditer(text):
            name = m.group("f") or m.group("g") or m.group("h")
            if m.group("h") and not looks_like_new_name(name, strict=False):
                continue        # 国产大模型, 通用大模型: a kind of model, not a family's name
            if m.group("g"):
                # 统筹玄鉴系列模型: drop leading common words, the family is what is left
                words = jieba_cut(name)
                while len(words) > 1 and (common_word(words[0], 300) or words[0] in self.LEADING_CHARS):
                    words.pop(0)
                name = "".join(words)
                if len(name) < 2:
                    continue
            # quotes or 系列 are strong cues: only very common words (“价格”系列) are refused
            if self.catalogue_re.fullmatch(name) or common_word(name, 5000) or name in self.titles:
                continue
            found.setdefault(name, m.start())
        return found

    def new_family_variants(self, text: str, families: dict[str, int]) -> list[Candidate]:
        """Variants of a family the article introduced: 云岫Pro, 云岫-mini, 观澜2.0, 观澜-Coder."""
        if not families:
            return []
        pattern = re.compile("(?P<family>" + alternation(list(families)) + ")(?P<variant>"
                             + lexicon().model_variant_pattern + r")(?![A-Za-z0-9])")
        out = []
        for m in pattern.finditer(text):
            variant = m.group("variant")
            if variant.strip("-").casefold() in {"api", "app", "ai"}:
                continue
            if re.fullmatch(r"\d+", variant) and re.match(r"[款个家种项位名亿万千百元%倍年月日]", text[m.end():]):
                continue
            out.append(Candidate(m.start(), m.end(), "Model", 1, None, "article-family-variant"))
        for name in families:
            for m in re.finditer(re.escape(name) + r"(?=”?(?:系列|大模型|模型家族|家族))", text):
                out.append(Candidate(m.start(), m.end(), "Model", 3, None, "article-family"))
        return out

    def variant_key(self, family: str, variant: str) -> str:
        """Variants are keyed by their family's catalogue id: 星火Max and 讯飞星火Max are one model."""
        entry = self.catalogue.lookup("Model", family)
        return f"{entry.key if entry else norm_name(family)}-{norm_name(variant)}"

    def coordinated_variants(self, text: str) -> list[Mention]:
        """The second half of "讯飞星火Pro/Max": a model named family + "Max", anchored on "Max"."""
        out = []
        for m in self.family_variant.finditer(text):
            pos = m.end("variant")
            for part in filter(None, m.group("more").split("/")):
                start = text.index(part, pos)
                family = m.group("family")
                out.append(Mention(family + part, "Model", start, start + len(part),
                                   self.variant_key(family, part), "variant"))
                pos = start + len(part)
        return out

    def han_variants(self, text: str) -> list[Candidate]:
        """A new Chinese family with a hyphenated variant: 天穹-lite, 灵犀-pro-32k (no catalogue entry needed)."""
        out = []
        for m in self.han_variant.finditer(text):
            variant = m.group("variant").split("-")[0]
            if variant.casefold() not in self.suffix_words and not re.fullmatch(r"\d+(?:\.\d+)?[A-Za-z]*", variant):
                continue
            if re.fullmatch(r"(?:19|20)\d\d", variant):
                continue        # 腾讯-2024: a year
            # 推出天穹-lite: drop leading common words (推出) so the family is the name itself
            # 轻量模型星图-turbo, 长文本的混元-…: the family starts after a model head or a function word
            pre = re.split(r"[的了在是和与及或为将把被从对]|模型|系列|版本", m.group("pre"))[-1]
            words = jieba_cut(pre) if pre else []
            while len(words) > 1 and (common_word(words[0], 300) or words[0] in self.LEADING_CHARS):
                words.pop(0)
            family = "".join(words)
            if len(family) < 2:
                continue
            start = m.end("pre") - len(family)
            out.append(Candidate(start, m.end(), "Model", 3, None, "han-variant"))
        return out

    def latin_models(self, text: str) -> list[Candidate]:
        out = []
        for m in self.latin_model.finditer(text):
            name = m.group("name")
            words = name.split(" ")
            # trim trailing suffix words that are stop words on their own (handled by the regex already)
            if name.casefold() in self.latin_stop or words[0].casefold() in self.latin_stop:
                continue
            after = text[m.end():m.end() + 4]
            if after.startswith(self.non_model_heads):
                continue
            has_digit = bool(re.search(r"\d", name))
            has_join = "-" in name or " " in name
            heads = tuple(lexicon().model_heads)
            if not (has_digit or has_join or after.startswith(heads)):
                continue
            if re.fullmatch(r"[A-Z]?\d+[A-Za-z]?", name) or re.fullmatch(r"\d.*", name):
                continue        # A100, 5G, 32k: chips, generations, sizes
            if re.fullmatch(r"[A-Z][A-Za-z]?\d?|[A-Za-z]+", name) and not after.startswith(heads) and not has_join:
                continue        # H1, Q3, or a plain word: not a model unless a model head follows (o1 is)
            out.append(Candidate(m.start(), m.end(), "Model", 2, None, "latin-model"))
        return out

    # characters that rarely end a given name but often follow one (汪玉曾用, 罗璇则向)
    NAME_BREAKS = set("曾在则也还就又更对向于与和的将已并却都亦是说称表认指透坦直谈")

    def _name_end(self, text: str, start: int, end_max: int) -> int:
        """Choose between a one- and two-character given name by what follows.

        傅盛 + 评论认为, 朱骏 + 负责, 欧阳晨 + 在, but 宋旭军 + 认为.
        """
        surname = 2 if text[start:start + 2] in self.compound_surnames else 1
        if end_max - start == surname + 2:
            last = end_max - 1
            if text[last] in self.NAME_BREAKS or common_word(text[last:last + 2], 200):
                return last
        return end_max

    def persons(self, text: str) -> list[Candidate]:
        out = []
        for m in self.person_after_title.finditer(text):
            s, e = m.span("name")
            e = self._name_end(text, s, e)
            out.append(Candidate(s, e, "Person", 3, None, "title-person"))
        for m in self.person_before_speech.finditer(text):
            s, e = m.span("name")
            name = text[s:e]
            # the regex may have eaten the first character of a speech verb or adverb: trim it back
            for cut in (len(name) - 1,):
                if cut >= 2 and text[s + cut:].startswith(tuple(self.speech_verbs) + ("也", "还", "则")):
                    e = s + cut
            out.append(Candidate(s, e, "Person", 4, None, "speech-person"))
        # 埃隆·马斯克: the pattern (2% of the pipeline) only runs where there is a middle dot
        dotted = "·" in text or "・" in text
        for m in self.foreign_person.finditer(text) if dotted else ():
            out.append(Candidate(m.start("name"), m.end("name"), "Person", 3, None, "foreign-person"))
        for m in self.latin_person_before_verb.finditer(text):
            if m.group("name").split()[0].casefold() not in self.latin_stop:
                out.append(Candidate(m.start("name"), m.end("name"), "Person", 4, None, "latin-person-verb"))
        for m in self.latin_person_after_title.finditer(text):
            out.append(Candidate(m.start("name"), m.end("name"), "Person", 3, None, "title-person"))
            # "Whitmore认为": the family name alone, later in the article, is the same person
            family = m.group("name").split()[-1]
            for later in re.finditer(rf"(?<![A-Za-z]){re.escape(family)}(?![A-Za-z])", text[m.end():]):
                s0 = m.end() + later.start()
                out.append(Candidate(s0, s0 + len(family), "Person", 4, None, "latin-family-name"))
        for m in self.person_before_role.finditer(text):
            for group in ("name", "other"):
                if m.group(group) and not common_word(m.group(group), 50):
                    out.append(Candidate(m.start(group), m.end(group), "Person", 4, None, "role-verb-person"))
        for m in self.interview_speaker.finditer(text):
            if not common_word(m.group("name"), 50):
                out.append(Candidate(m.start("name"), m.end("name"), "Person", 4, None, "interview-person"))
        # 星河智算CEO韩立明和蓝鲸数据CEO苏晓婷: a title chain can swallow a person joined by 和/、
        for m in self.person_after_title.finditer(text):
            for inner in self.inner_person.finditer(m.group("title")):
                s0 = m.start("title") + inner.start("name")
                out.append(Candidate(s0, self._name_end(text, s0, s0 + len(inner.group("name"))), "Person", 3,
                                     None, "title-person"))
        return out

    def orgs_before_titles(self, text: str, persons: list[Candidate]) -> list[Candidate]:
        """"元始智能COO罗璇": the name between a clause start and a title before a person is an organisation."""
        out = []
        person_starts = {p.start for p in persons if p.source == "title-person"}
        for m in self.person_after_title.finditer(text):
            if m.start("name") not in person_starts:
                continue
            # the organisation before the chain (those inside it: orgs_in_title_chain)
            clause_start = max(text.rfind(c, 0, m.start()) for c in "，,。；;：:“”（(\n") + 1
            prefix = text[clause_start:m.start()]
            for org in self._orgs_in_prefix(prefix):
                s = clause_start + org[0]
                span = self.clean_org(text, s, s + len(org[1]))
                if span and not self._names_an_org(text[span[0]:span[1]]):
                    continue        # 接替联合创始人唐昕: a verb before a title, not an organisation
                if span:
                    out.append(Candidate(*span, "Organization", 2, None, "title-org"))
        return out

    def _orgs_in_prefix(self, prefix: str) -> list[tuple[int, str]]:
        # drop leading function words: 对于, 据, 而, 其中
        m = re.match(r"^(?:据|而|其中|另外|此外|同时|对此|对于此|记者|日前|近日|目前|随后|去年|今年|此前)?"
                     r"(?:前|原|现任|曾任|曾担任|时任)?", prefix)
        start = m.end() if m else 0
        name = prefix[start:].strip()
        name = re.sub(r"(?:的|原|前|现任|曾任)$", "", name)
        if not (2 <= len(name) <= 16) or re.search(r"[的是在了和与对从将把被]", name):
            return []
        if not re.fullmatch(f"[{HAN}A-Za-z0-9 .&]+", name):
            return []
        return [(prefix.index(name, start), name)]

    def orgs_in_title_chain(self, text: str) -> list[Candidate]:
        """Organisations inside a title chain: 创新工场董事长、零一万物CEO李开复."""
        out = []
        title_alt = alternation(self.titles)
        for m in self.person_after_title.finditer(text):
            chain = m.group("title")
            base = m.start("title")
            for part in re.finditer(r"[、兼及和](?:前|原|现任|曾任|时任)?(?P<org>[" + HAN + r"A-Za-z0-9]{2,12}?)(?="
                                    + title_alt + ")", chain):
                org = part.group("org")
                if any(org.endswith(t) or org.startswith(t) for t in self.titles):
                    continue
                if re.search("[的是在了与]", org) or org.endswith("部") or norm_name(org) in self.title_names:
                    continue
                s = base + part.start("org")
                span = self.clean_org(text, s, s + len(org))
                if span:
                    out.append(Candidate(*span, "Organization", 5, None, "title-org"))
        return out

    def latin_orgs_before_titles(self, text: str) -> list[Candidate]:
        """"Musical.ly的联合创始人": a Latin name right before a job title names an organisation."""
        out = []
        for m in self.latin_org_title.finditer(text):
            name = m.group("org")
            if self.org_suffix_re.search(text[max(0, m.start("org") - 6):m.start("org")]):
                continue        # 华岳证券TMT首席分析师: a department code glued to an organisation's name
            if name.casefold() in self.latin_stop or norm_name(name) in self.title_names:
                continue
            out.append(Candidate(m.start("org"), m.end("org"), "Organization", 5, None, "latin-title-org"))
        return out

    def latin_orgs_by_suffix(self, text: str) -> list[Candidate]:
        """"Kestrel Labs", "Northwind AI", "Acme Technologies": capitalised words ending in a company word."""
        out = []
        for m in self.latin_org_suffix.finditer(text):
            if m.group(0).split()[0].casefold() in self.latin_stop:
                continue
            out.append(Candidate(m.start(), m.end(), "Organization", 2, None, "latin-org-suffix"))
        return out

    def orgs_by_suffix(self, text: str) -> list[Candidate]:
        """"云栖实验室", "北辰科技有限公司": a proper name followed by an organisation suffix."""
        out = []
        for m in [*self.org_by_suffix.finditer(text), *self.org_by_weak_suffix.finditer(text)]:
            name = m.group("name")
            # 创业公司, 所有公司, 该公司: a common word (or a pronoun) right before the suffix is not a name
            last = jieba_cut(name)[-1]
            unit_of_known = (self.catalogue_re.match(name) is not None      # 微软亚洲研究院
                             or jieba_cut(name)[0] in self.places)          # 杭州互联网法院
            if common_word(name, 300) or (common_word(last, 1000) and not unit_of_known) or re.search(r"[的是在了和与对从将把被为等这那其该每各某几多家个]", name):
                continue
            if norm_name(name) in self.title_names:
                continue
            span = self.clean_org(text, m.start("name"), m.end())
            if span and not unit_of_known:
                # nor one that starts with a common or describing word (参照同类公司, 据第三方数据)
                first = jieba_cut(text[span[0]:span[1]])[0]
                if first in self.not_name_words or (len(first) > 1 and common_word(first, 300)
                                                    and first not in self.places):
                    continue
            if span and not self.org_suffix_re.fullmatch(re.sub(r"^[A-Za-z]+", "", text[span[0]:span[1]])):
                out.append(Candidate(*span, "Organization", 2 if unit_of_known else 5, None, "org-suffix"))
        return out

    LEADING = re.compile(r"^(?:据|而|其中|另外|此外|同时|对此|对于此|记者|日前|近日|目前|随后|去年|今年|此前|由|被|向|与|和|在|从|对|将|把|以|"
                         r"让|是|为|及|其|该)*(?:前|原|现任|曾任|曾担任|时任)?")

    def _names_an_org(self, name: str) -> bool:
        """A catalogue name, a name with an organisation suffix, or one that reads as a new name."""
        if self.catalogue_re.match(name) or self.org_suffix_re.search(name) or not re.search(f"[{HAN}]", name):
            return True
        words = jieba_cut(name)
        return words[0] not in self.not_name_words and looks_like_new_name(name, strict=False)

    ADVERB_CHARS = set("仍并到也都还就又再才将已曾正不没未")
    LEADING_CHARS = set("由被向与和在从对将把让是为及其该但而也都就还又老以")

    def clean_org(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Trim a pattern-found organisation name to the name itself, or reject it.

        由远山资本 → 远山资本; 老股东云杉创投 → 云杉创投 (leading common words go);
        清华大学计算机系 / 百度文心一言产品 → 清华大学 / 百度 (a known organisation followed by
        a department or product is that organisation), but 微软亚洲研究院 stays whole (it ends in a suffix).
        """
        name = text[start:end]
        qixia = name.rfind("旗下")
        if qixia >= 0:
            start, name = start + qixia + 2, name[qixia + 2:]
            words = jieba_cut(name)
            while len(words) > 1 and (common_word(words[0], 300) or words[0] in self.LEADING_CHARS
                                      or words[0] in self.not_name_words):
                start += len(words[0])
                words.pop(0)
            name = "".join(words)
            described = self.descriptor_prefix.match(name)     # 云计算平台星衡云 → 星衡云
            if described and len(name) - described.end() >= 2:
                start, name = start + described.end(), name[described.end():]
        dept = re.search(r"(?<=[" + HAN + r"])[A-Za-z]+$", name)
        if dept and self.org_suffix_re.search(name[:dept.start()]):
            end, name = start + dept.start(), name[:dept.start()]
        inner = self.inner_suffix.match(name)
        if inner and not self.catalogue_re.fullmatch(name) and not self.org_suffix_re.search(name):
            name = inner.group(1)       # 东岳证券计算机行业 → 东岳证券: a department after the suffix
        lead = self.LEADING.match(name)
        if lead and lead.end():
            start, name = start + lead.end(), name[lead.end():]
        known = self.catalogue_re.match(name)
        if known and known.end() < len(name):
            entry = self.catalogue.lookup("Organization", known.group(0))
            if entry and not self.org_suffix_re.search(name):
                return start, start + known.end()
        if not known and re.match(f"[{HAN}]", name):
            # 本轮由远山资本: a preposition inside the span starts the name after it
            inner = re.search(r"^.*[由被向从把将对]", name)
            if inner and len(name) - inner.end() >= 3:
                start, name = start + inner.end(), name[inner.end():]
            words = jieba_cut(name)
            # drop leading common words, but never into the suffix itself
            # (single characters only when they are function words: jieba splits unknown names into characters)
            while len(words) > 2 and (common_word(words[0], 1000) or words[0] in self.LEADING_CHARS) \
                    and words[0] not in self.places:
                start += len(words[0])
                words.pop(0)
            name = "".join(words)
        if self.org_suffix_re.fullmatch(name) or self.org_suffix_re.sub("", name) in self.not_name_words:
            return None         # 协会, 自律委员会: a kind of organisation, not one's name
        if re.search(r"(?:子公司|分公司|母公司)$", name):
            return None         # 云计算子公司: a description
        if len(name) < 2 or re.search(r"[的是在了和与对从将把被]", name) or name[0] in self.ADVERB_CHARS:
            return None         # 仍留任公司, 到投资机构, 并不谋求控股: a clause, not a name
        return start, start + len(name)

    def orgs_by_context(self, text: str, models: list[Candidate]) -> list[Candidate]:
        """New organisations named by their context, not their form.

        "大模型创业公司澜舟星图在杭州…" (a descriptor noun before the name), "深蓝觅境的Mirage-2"
        (a name that owns a model, at a clause start), "X旗下…" (a name that owns something).
        """
        out = []
        strong = [m.span("name") for m in self.org_after_descriptor.finditer(text)]
        # each pattern below needs its word: most articles have none of them, and skipping the
        # pattern (a lazy name tried at every position) saves 2% of the pipeline
        if "旗下" in text:
            strong += [m.span("name") for m in self.org_before_qixia.finditer(text)]
        if "由" in text:
            strong += [m.span("name") for m in self.org_before_incubator.finditer(text)]
        if "是" in text and ("子公司" in text or "旗下" in text or "孵化" in text):
            strong += [m.span("name") for m in self.org_is_subsidiary.finditer(text)]
        spans = [sp for sp in strong if looks_like_new_name(text[sp[0]:sp[1]], strict=False)]
        model_starts = {c.start for c in models}
        for m in self.org_before_de.finditer(text):
            # the weakest cue: only a name made of rare words (深蓝觅境的…, not 长文本的…)
            if m.end() in model_starts and looks_like_new_name(m.group("name")):
                spans.append(m.span("name"))
        for s0, e0 in spans:
            # context alone is weak evidence: what stands right there must read as a new proper name
            # (公司之间几进几出 and 公司都不是 do not), or be a catalogue name
            span = self.clean_org(text, s0, e0)
            if span:
                out.append(Candidate(*span, "Organization", 5, None, "context-org"))
        return out

    # -- putting it together -------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        self.families: dict[str, int] = self.article_families(text)
        cands = self.from_catalogue(text) + self.model_variants(text) + self.latin_models(text)
        cands += self.han_variants(text) + self.new_family_variants(text, self.families)
        persons = self.persons(text)
        cands += persons + self.orgs_before_titles(text, persons) + self.orgs_in_title_chain(text)
        cands += self.latin_orgs_before_titles(text) + self.orgs_by_suffix(text) + self.latin_orgs_by_suffix(text)
        cands += self.orgs_by_context(text, [c for c in cands if c.type == "Model"])
        chosen = self._shrink_to_known_orgs(text, self._select(cands))
        # names found by a pattern somewhere count wherever else they occur in the article
        found = {text[c.start:c.end]: c for c in chosen if c.key is None}
        for c in chosen:
            if c.type == "Organization" and c.key is None:
                stem = self.org_suffix_re.sub("", text[c.start:c.end])
                if 2 <= len(stem) < c.end - c.start and re.fullmatch(f"[{HAN}]+", stem) \
                        and not common_word(stem, 300) and stem not in self.places:
                    found.setdefault(stem, c)       # 言川 for 言川智能 (resolve makes them one entity)
        if found:
            again = re.compile(alternation(list(found)))
            extra = [Candidate(m.start(), m.end(), found[m.group(0)].type, 6, None, found[m.group(0)].source)
                     for m in again.finditer(text)]
            chosen = self._select(chosen + extra)
        mentions = [self._mention(text, c) for c in chosen]
        mentions += self.coordinated_variants(text)
        return sorted(mentions, key=lambda m: (m.start, m.end))

    def _shrink_to_known_orgs(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """"前鸿途智能语音负责人": an organisation that starts with another one named in the article,
        followed by words that are not an organisation suffix, is that organisation (plus a department)."""
        names = sorted({text[c.start:c.end] for c in chosen if c.type == "Organization"}, key=len, reverse=True)
        out = []
        for c in chosen:
            name = text[c.start:c.end]
            if c.type == "Organization" and c.key is None and c.source == "title-org":
                inner = next((n for n in names if len(n) < len(name) and name.startswith(n)), None)
                if inner and not self.org_suffix_re.search(name[len(inner):]):
                    c = Candidate(c.start, c.start + len(inner), c.type, c.priority, None, c.source)
            out.append(c)
        return out

    def _mention(self, text: str, c: Candidate) -> Mention:
        name = text[c.start:c.end]
        key = c.key
        if key is None:
            entry = self.catalogue.lookup(c.type, name)
            key = entry.key if entry else None
        return Mention(name, c.type, c.start, c.end, key, c.source)

    @staticmethod
    def _select(cands: list[Candidate]) -> list[Candidate]:
        """Keep non-overlapping candidates: the longest first, then the most trusted."""
        taken: list[Candidate] = []
        occupied: set[int] = set()
        for c in sorted(cands, key=lambda c: (c.priority > 2, -(c.end - c.start), c.priority, c.start)):
            span = set(range(c.start, c.end))
            if span & occupied or c.end <= c.start:
                continue
            taken.append(c)
            occupied |= span
        return sorted(taken, key=lambda c: c.start)


@Language.factory("kg_entities")
def make_entity_finder(nlp: Language, name: str) -> EntityFinderComponent:
    return EntityFinderComponent(EntityFinder(load_catalogue()))


class EntityFinderComponent:
    def __init__(self, finder: EntityFinder) -> None:
        self.finder = finder

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.finder.find(doc_text(doc))
        doc._.mentions = mentions
        doc._.families = dict(self.finder.families)
        spans = [doc.char_span(m.start, m.end, label=m.type, alignment_mode="expand") for m in mentions]
        doc.spans["kg"] = [s for s in spans if s is not None]
        return doc


# ------------------------------------------------------------------- pipeline

@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The analysis pipeline, built once per process."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.jieba_rs"}}})
    nlp.add_pipe("kg_sentences")
    nlp.add_pipe("kg_entities")
    return nlp


def analyse(article: Article) -> Doc:
    """Run the pipeline over an article's body; the ``Article`` rides along on ``doc._.article``."""
    doc = load_nlp()(article.text)
    doc._.article = article
    return doc
