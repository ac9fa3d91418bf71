#!/usr/bin/env python3
"""Generate a synthetic corpus of Chinese or English AI-industry news articles, for benchmarks only.

Articles are filled from templates with invented companies, models, people,
prices and dates (seeded, so a given size always gives the same corpus). They
exercise every extractor but say nothing true: never use them as data.

    python scripts/gen_corpus.py OUT_DIR --articles 1000 [--seed 7] [--dense] [--lang en]

The default articles are shaped like the news the tool is for:
- ~3,000 characters on average (a year of news: 10,000 articles, ~30 million characters), from
  about 1,000 to 9,000;
- a fact density like the real articles we have (corpus/ and the eval set: 0.31–0.36 triples
  per character, where the dense articles give 0.66). Fact sentences are mixed with context
  sentences, which mention the companies and carry numbers but state no fact we extract;
- a pool of companies, with their models and people, that recur across articles with a skewed
  frequency, as big vendors do in the news;
- prices that repeat as real list prices do: each model has a price schedule (a list price, cut
  up to three times over 2024–2025), and an article states the price in force on its date, in
  one of several units (元/千tokens, 分/千tokens, …). Random prices per article gave the most
  mentioned model 4,000 different prices in 1,000 articles, which no real model has.

``--dense`` writes the earlier benchmark's articles (~1,270 characters, every sentence a fact,
new names in every paragraph), to compare with figures measured on them.

``--lang en`` writes English articles of the same shape (``lang: en``; same lengths, fact share
and skewed pool): releases ("X released Y-2 Pro"), prices per million input and output tokens,
cuts ("cut the price of Y by 40%"), people with roles before or after the name, quotes split
around the attribution, subsidiaries ("X Cloud, X's cloud unit"), former roles; and context
sentences with funding, revenue and user numbers that state no fact.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

SYL = list("澜舟星图云岫衡语栖鸿途灵犀曜石深蓝觅境北辰万象青松雪豹矩阵松果智脑天穹极光星河智算白鹭远山")
SUFFIX = ["科技", "智能", "数据", "实验室", "资本", "集团"]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃")
GIVEN = list("思远嘉欣明轩若冰晓婷立明知远卓然砚秋远舟国栋知微晓棠望舒礼鸿屹晨")
TITLES = ["CEO", "创始人", "联合创始人", "首席科学家", "CTO", "副总裁", "总裁", "首席产品官"]
LATIN = ["Aurora", "Zenith", "Nimbus", "Orca", "Cedar", "Tundra", "Lumen", "Mirage", "Pico", "Vega", "Helix", "Nova"]
VARIANTS = ["Pro", "Lite", "Max", "Air", "Flash", "Turbo", "mini", "Long"]
UNITS = [("元/千tokens", 1000), ("元/百万tokens", 1), ("分/千tokens", 10), ("元/万tokens", 100)]
VERBS = ["表示", "认为", "指出", "坦言", "直言"]
OPINIONS = ["降价不是目的，让开发者用起来才是目的", "推理成本每年都在以数量级下降", "价格战不会持续太久，技术才是护城河",
            "中小企业会因为更低的价格尝试大模型", "免费只是入口，真正的竞争在应用层", "开源模型正在改变定价逻辑"]

# context: what news says around the facts (no fact sentence shape, so the extractors find nothing)
FIELDS = ["金融", "医疗", "教育", "制造", "政务", "零售", "法律", "游戏", "客服", "汽车", "物流", "能源"]
TOPICS = ["推理成本", "长上下文", "多模态", "智能体", "端侧部署", "开源生态", "算力供给", "数据安全", "模型评测"]
TECHS = ["混合专家架构", "稀疏注意力", "量化压缩", "检索增强生成", "模型蒸馏", "投机解码", "低秩微调"]
CITIES = ["北京", "上海", "深圳", "杭州", "广州", "成都", "武汉", "南京"]
EVENTS = ["人工智能大会", "开发者大会", "行业峰会", "技术沙龙", "产品发布会"]
RISKS = ["低价可能压缩厂商的研发投入", "部分场景的效果仍不稳定", "算力紧张会推高长期成本",
         "同质化竞争会让用户难以选择", "数据合规的要求越来越严格"]
CONTENTS = ["文档", "对话", "代码", "图片描述", "客服工单", "合同文本"]
ASPECTS = ["高端芯片", "基础软件", "训练数据", "工程化能力", "海外市场"]
CONTEXT = [
    "{org}在{field}领域已经布局多年，目前研发团队超过{n}人。",
    "业内普遍认为，{topic}将成为下一阶段竞争的关键。",
    "根据第三方机构的统计，{year}年国内大模型市场规模约为{n}亿元，同比增长{pct}%。",
    "一位接近{org}的人士透露，公司内部对这次调整讨论了{k}个月。",
    "对于开发者而言，调用成本的下降意味着可以把{topic}用在更多{field}场景里。",
    "过去一年，围绕{topic}的讨论在社交媒体上持续发酵。",
    "从技术路线看，{tech}正被越来越多的厂商采用。",
    "记者注意到，{org}的官网已经更新了相关产品页面和接口文档。",
    "在{city}举行的{event}上，多家厂商展示了在{field}行业的应用案例。",
    "{field}、{field2}等行业被视为大模型落地最快的场景。",
    "不过，也有分析师提醒，{risk}。",
    "截至{k}月底，{org}的开放平台累计调用量已经突破{n}亿次。",
    "这意味着，同样的预算可以处理多出数倍的{content}。",
    "与海外厂商相比，国内厂商在{aspect}上仍有差距，但追赶速度明显加快。",
    "有投资人评价说，这一轮调整会加速行业洗牌，{risk}。",
    "{org}方面没有透露具体的用户数量，只表示增长“符合预期”。",
    "多家企业的技术负责人在接受采访时提到，{tech}让部署成本下降了{pct}%左右。",
    "目前，{org}已与{n}家{field}机构达成合作。",
]


def org(rng: random.Random) -> str:
    return "".join(rng.sample(SYL, 2)) + rng.choice(SUFFIX)


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))


def model(rng: random.Random) -> str:
    return f"{rng.choice(LATIN)}-{rng.randint(1, 9)}-{rng.choice(VARIANTS)}"


@dataclass
class Company:
    name: str
    models: list[str] = field(default_factory=list)
    people: list[tuple[str, str]] = field(default_factory=list)   # (name, title)
    units: list[tuple[str, str]] = field(default_factory=list)    # (name, kind): subsidiaries, English only
    day: int = 0                  # the date of the article being written, in days from 2024-01-01


def schedule(m: str) -> list[tuple[int, Decimal, Decimal]]:
    """A model's list prices (yuan per million input and output tokens) from the day they apply, oldest
    first: a start price, then up to three cuts. Seeded by the model's name, so every article agrees."""
    rng = random.Random(m)
    p_in = Decimal(rng.randint(10, 600)) / 10
    out = [(0, p_in, p_in * 2)]
    for day in sorted(rng.sample(range(30, 730), rng.randint(0, 3))):
        p_in = (p_in * Decimal(rng.choice(["0.5", "0.3", "0.2"]))).quantize(Decimal("0.01"))
        out.append((day, p_in, p_in * 2))
    return out


def price_on(m: str, day: int) -> tuple[Decimal, Decimal]:
    return next((p_in, p_out) for start, p_in, p_out in reversed(schedule(m)) if start <= day)


def written(per_million: Decimal, factor: int) -> str:
    """A price per million tokens as written in a unit ``factor`` times smaller (per thousand: 1000)."""
    return format((per_million / factor).normalize(), "f")


def companies(rng: random.Random, n: int) -> list[Company]:
    """The corpus's vendors, most newsworthy first."""
    out = []
    for _ in range(n):
        c = Company(org(rng))
        c.models = [model(rng) for _ in range(rng.randint(1, 4))]
        c.people = [(person(rng), rng.choice(TITLES)) for _ in range(rng.randint(1, 3))]
        out.append(c)
    return out


def fact_sentences(rng: random.Random, c: Company, others: list[Company]) -> list[str]:
    """A short run of fact sentences about one company (released, prices, a cut, a claim, a job)."""
    m = rng.choice(c.models)
    unit, factor = rng.choice(UNITS)
    who, title = rng.choice(c.people)
    date = f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    pick = rng.random()
    if pick < 0.25:
        return [f"{date}，{c.name}正式发布了新一代大模型{m}。"]
    if pick < 0.5:
        rng.random(), rng.random()          # the draws random prices took: the rest of the corpus stays as it was
        p_in, p_out = (written(p, factor) for p in price_on(m, c.day))
        return [f"{m}的输入价格为{p_in}{unit}，输出价格为{p_out}{unit}，较此前降价{rng.choice([30, 50, 67, 80, 90, 97])}%。"]
    if pick < 0.7:
        return [f"{c.name}{title}{who}{rng.choice(VERBS)}，{rng.choice(OPINIONS)}。"]
    if pick < 0.85:
        return [f"据悉，{m}将在{rng.randint(1, 12)}月起全面免费。"]
    other = rng.choice(others)
    return [f"{who}此前曾在{other.name}担任{rng.choice(TITLES)}，后加入{c.name}。"]


def context_sentence(rng: random.Random, c: Company) -> str:
    return rng.choice(CONTEXT).format(
        org=c.name, field=rng.choice(FIELDS), field2=rng.choice(FIELDS), topic=rng.choice(TOPICS),
        tech=rng.choice(TECHS), city=rng.choice(CITIES), event=rng.choice(EVENTS), risk=rng.choice(RISKS),
        content=rng.choice(CONTENTS), aspect=rng.choice(ASPECTS), n=rng.randint(2, 900),
        k=rng.randint(1, 12), pct=rng.randint(5, 95), year=rng.choice([2023, 2024, 2025]))


FACT_SHARE = 0.4       # of sentences: gives ~0.33 triples a character, as the real articles


def article(rng: random.Random, i: int, pool: list[Company], weights: list[float]) -> str:
    return news_article(rng, i, pool, weights, fact_sentences, context_sentence, "",
                        lambda c: f"{c.name}发布新模型 价格战再升级（{i}）", "zh")


def news_article(rng: random.Random, i: int, pool: list[Company], weights: list[float],
                 facts: Callable[[random.Random, Company, list[Company]], list[str]],
                 context: Callable[[random.Random, Company], str], joiner: str,
                 title: Callable[[Company], str], lang: str) -> str:
    """One news-shaped article: paragraphs of fact and context sentences about 1–3 companies, until a
    lognormal length (1,000–9,000 characters); ``joiner`` joins a paragraph's sentences."""
    year = rng.choice([2024, 2025])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    length = min(9000, max(1000, int(rng.lognormvariate(math.log(2800), 0.4))))
    focus = rng.choices(pool, weights, k=rng.randint(1, 3))
    for c in focus:
        c.day = (dt.date(year, month, day) - dt.date(2024, 1, 1)).days
    paragraphs, size = [], 0
    while size < length:
        sentences: list[str] = []
        for _ in range(rng.randint(3, 6)):
            c = rng.choice(focus)
            if rng.random() < FACT_SHARE:
                sentences += facts(rng, c, pool)
            else:
                sentences.append(context(rng, c))
        paragraphs.append(joiner.join(sentences))
        size += len(paragraphs[-1])
    return front_matter(i, title(focus[0]), year, month, day, lang) + "\n\n".join(paragraphs) + "\n"


def dense_article(rng: random.Random, i: int) -> str:
    """The earlier benchmark's article: five to eight paragraphs, every sentence a fact."""
    year = rng.choice([2024, 2025])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    paragraphs = []
    for _ in range(rng.randint(5, 8)):
        company, m1, m2 = org(rng), model(rng), model(rng)
        who, title = person(rng), rng.choice(TITLES)
        unit, _ = rng.choice(UNITS)
        p_in, p_out = round(rng.uniform(0.1, 60), 2), round(rng.uniform(0.2, 120), 2)
        cut = rng.choice([30, 50, 67, 80, 90, 97])
        paragraphs.append(
            f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日，{company}正式发布了新一代大模型{m1}和{m2}。"
            f"{m1}的输入价格为{p_in}{unit}，输出价格为{p_out}{unit}，较此前降价{cut}%。"
            f"{company}{title}{who}{rng.choice(VERBS)}，{rng.choice(OPINIONS)}。"
            f"据悉，{m2}将在{rng.randint(1, 12)}月起全面免费，此前公司已完成{rng.randint(1, 20)}亿元融资，"
            f"训练集群规模超过{rng.randint(1, 9)}万张GPU。")
    title = f"{org(rng)}发布新模型 价格战再升级（{i}）"
    return front_matter(i, title, year, month, day) + "\n\n".join(paragraphs) + "\n"


def front_matter(i: int, title: str, year: int, month: int, day: int, lang: str = "zh") -> str:
    source = "合成语料" if lang == "zh" else "synthetic corpus"
    return (f"---\nid: synthetic-{i:05d}\ntitle: {title}\nsource: {source}\ndate: {year}-{month:02d}-{day:02d}\n"
            f"lang: {lang}\n---\n\n")


# English: the same shape, with English names and sentence forms
EN_STEMS = ["Lumor", "Vantix", "Nimbr", "Corvel", "Solen", "Quarr", "Tessel", "Halcy", "Orbit", "Kestr",
            "Velor", "Myrid", "Zephr", "Astrel", "Brivo", "Calder", "Denov", "Elari", "Fenwy", "Glimm"]
EN_ENDINGS = ["a", "ion", "ex", "is", "o", "ent"]
EN_SUFFIX = ["AI", "Labs", "Technologies", "Intelligence", "Systems", "Robotics"]
EN_UNITS = ["Cloud", "Research", "Robotics", "Devices", "Health"]
EN_UNIT_KINDS = {"Cloud": "cloud unit", "Research": "research arm", "Robotics": "robotics subsidiary",
                 "Devices": "hardware unit", "Health": "healthcare subsidiary"}
EN_FIRST = ["Jane", "Daniel", "Maya", "Tomas", "Priya", "Oliver", "Amara", "Lukas", "Sofia", "Kenji", "Nadia",
            "Marcus", "Elena", "Ravi", "Chloe", "Samuel", "Ingrid", "Mateo", "Hana", "Owen"]
EN_LAST = ["Doe", "Lindqvist", "Okafor", "Raman", "Castellano", "Whitfield", "Moreau", "Brandt", "Haddad",
           "Nakamura", "Kowalski", "Ferreira", "Oduya", "Sorensen", "Abernathy", "Valdez", "Petrov", "Ashworth"]
PINYIN_SURNAMES = ["Zhang", "Wang", "Li", "Chen", "Liu", "Zhou", "Xu", "Sun", "Gao", "Lin", "Luo", "Zheng"]
PINYIN_GIVEN = ["Wei", "Jing", "Haoran", "Xiaoming", "Yuxin", "Zhiyuan", "Mingze", "Ruoxi", "Tianyi", "Jiahui"]
EN_TITLES = ["chief executive", "co-founder", "chief scientist", "chief technology officer",
             "vice president of research", "president", "chief product officer", "head of research"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
EN_RELEASE = ["released", "launched", "unveiled", "introduced", "rolled out"]
EN_SPEECH = ["said", "told reporters", "said in an interview", "wrote in a blog post", "argued"]
EN_OPINIONS = ["cutting prices is not the goal, getting developers to build is",
               "the cost of inference is falling by an order of magnitude every year",
               "the price war will not last long, because technology is the real moat",
               "smaller companies will try large models now that they cost less",
               "free access is only the entry point and the real competition is in applications",
               "open-weight models are changing how the whole industry sets prices"]
EN_QUOTES = ["We want every developer to be able to afford the best model we have",
             "Prices will keep falling, and we intend to lead that",
             "Nobody wins a price war, but customers do",
             "Our customers asked for cheaper long-context calls, so we built them",
             "The next year will be about agents that actually finish the job"]
EN_FIELDS = ["finance", "healthcare", "education", "manufacturing", "retail", "legal", "gaming",
             "customer service", "automotive", "logistics", "energy", "government"]
EN_TOPICS = ["inference cost", "long context", "multimodal input", "agents", "on-device deployment",
             "the open-source ecosystem", "compute supply", "data security", "model evaluation"]
EN_TECHS = ["mixture-of-experts architectures", "sparse attention", "quantisation", "retrieval-augmented generation",
            "distillation", "speculative decoding", "low-rank fine-tuning"]
EN_CITIES = ["San Francisco", "London", "Paris", "Singapore", "Seoul", "Toronto", "Berlin", "Bangalore"]
EN_RISKS = ["low prices may squeeze what vendors spend on research", "results are still uneven in some uses",
            "tight compute supply could push long-term costs up", "look-alike products make it hard for buyers to choose",
            "data rules are getting stricter every year"]
EN_CONTEXT = [
    "{org} has worked in {field} for years and now employs more than {n} engineers.",
    "Many in the industry expect {topic} to decide the next phase of the race.",
    "The market for large models was worth about ${n} billion in {year}, up {pct}% from a year earlier, "
    "according to one research firm.",
    "A person familiar with {org_s} plans said the change had been discussed internally for {k} months.",
    "For developers, lower prices mean {topic} can be used in many more {field} projects.",
    "Over the past year the debate about {topic} has spread well beyond research circles.",
    "On the technical side, more and more vendors are adopting {tech}.",
    "{org} has already updated the product pages and documentation on its website.",
    "At an industry conference in {city} last month, several vendors showed {field} deployments.",
    "{field_cap} and {field2} are seen as the fastest areas to adopt large models.",
    "Some analysts warn, however, that {risk}.",
    "{org} raised ${n} million in its latest funding round, valuing the company at about ${k} billion.",
    "The company's annual revenue reached ${n} million in {year}, up {pct}% from the year before.",
    "{org} says its assistant now has {n} million monthly active users, up from {k} million in {year}.",
    "By the end of {month}, calls to {org_s} developer platform had passed {n} billion.",
    "That means the same budget can now process several times as many {content}.",
    "Compared with the largest labs, {org} still trails in {aspect}, though the gap is narrowing.",
    "One investor said the round of cuts would speed up consolidation, adding that {risk}.",
    "{org} did not disclose how many paying customers it has, saying only that growth was in line with plans.",
    "Engineering leads at several companies said {tech} had cut their deployment costs by about {pct}%.",
    "{org} now works with {n} {field} organisations, up from {k} a year ago.",
]
EN_CONTENTS = ["documents", "conversations", "lines of code", "image captions", "support tickets", "contracts"]
EN_ASPECTS = ["advanced chips", "core software", "training data", "engineering depth", "overseas sales"]


def en_org(rng: random.Random) -> str:
    return f"{rng.choice(EN_STEMS)}{rng.choice(EN_ENDINGS)} {rng.choice(EN_SUFFIX)}"


def en_person(rng: random.Random) -> str:
    if rng.random() < 0.25:          # pinyin names, family name first, as English news writes them
        return f"{rng.choice(PINYIN_SURNAMES)} {rng.choice(PINYIN_GIVEN)}"
    return f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"


def en_model(rng: random.Random) -> str:
    version = rng.choice([str(rng.randint(1, 9)), f"{rng.randint(1, 5)}.5"])
    variant = rng.choice(VARIANTS + ["", ""])
    return f"{rng.choice(LATIN)}-{version}" + (f" {variant}" if variant else "")


def en_companies(rng: random.Random, n: int) -> list[Company]:
    """The English corpus's vendors, most newsworthy first (names distinct, so each recurs as itself)."""
    out: list[Company] = []
    seen: set[str] = set()
    while len(out) < n:
        name = en_org(rng)
        if name in seen:
            continue
        seen.add(name)
        c = Company(name)
        c.models = [en_model(rng) for _ in range(rng.randint(1, 4))]
        c.people = [(en_person(rng), rng.choice(EN_TITLES)) for _ in range(rng.randint(1, 3))]
        short = name.split()[0]
        c.units = [(f"{short} {u}", EN_UNIT_KINDS[u]) for u in rng.sample(EN_UNITS, rng.randint(0, 2))]
        out.append(c)
    return out


def en_price(rng: random.Random) -> str:
    """A price in dollars as news writes it: $2, $0.40, $1.25."""
    x = rng.choice([round(rng.uniform(0.05, 15), 2), rng.choice([0.1, 0.4, 1, 2, 2.5, 3])])
    return f"${x:.0f}" if x == int(x) else f"${x:.2f}"


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def role_of(title: str, org: str) -> str:
    """"chief executive of X", "head of research at X"."""
    return f"{title} {'at' if ' of ' in title else 'of'} {org}"


def en_prices(rng: random.Random, c: Company, m: str) -> str:
    """A price sentence: per million input and output tokens, sometimes after a cut."""
    p_in, p_out = en_price(rng), en_price(rng)
    pick = rng.random()
    if pick < 0.4:
        return f"{m} costs {p_in} per million input tokens and {p_out} per million output tokens."
    if pick < 0.7:
        return (f"{c.name} cut the price of {m} by {rng.choice([20, 30, 40, 50, 75, 90])}%, to {p_in} per million "
                f"input tokens and {p_out} per million output tokens.")
    if pick < 0.85:
        return f"{c.name} cut the price of {m} by {rng.choice([30, 40, 50, 80])}%."
    return f"Developers pay {p_in} per million input tokens for {m}, and {p_out} per million output tokens."


def en_says(rng: random.Random, c: Company, who: str, title: str) -> str:
    """A claim: reported speech with the role after or before the name, or a quote split around it."""
    pick = rng.random()
    if pick < 0.35:
        return f"{who}, {role_of(title, c.name)}, {rng.choice(EN_SPEECH)} that {rng.choice(EN_OPINIONS)}."
    if pick < 0.6:
        return f"{c.name} {title} {who} said {rng.choice(EN_OPINIONS)}."
    if pick < 0.8:
        return f"\"{rng.choice(EN_QUOTES)},\" {who} said."
    first, second = rng.sample(EN_QUOTES, 2)
    return f"\"{first},\" said {who}, {possessive(c.name)} {title}. \"{second}.\""


def en_fact_sentences(rng: random.Random, c: Company, others: list[Company]) -> list[str]:
    """A short run of fact sentences about one company (released, prices, a cut, a claim, a unit, a job)."""
    m = rng.choice(c.models)
    who, title = rng.choice(c.people)
    pick = rng.random()
    if pick < 0.22:
        date = f"On {rng.choice(EN_MONTHS)} {rng.randint(1, 28)}"
        return [f"{date}, {c.name} {rng.choice(EN_RELEASE)} {m}, its newest large language model."]
    if pick < 0.45:
        return [en_prices(rng, c, m)]
    if pick < 0.65:
        return [en_says(rng, c, who, title)]
    if pick < 0.75:
        return [f"{m} will be free to use from {rng.choice(EN_MONTHS)}."]
    if pick < 0.87 and c.units:
        unit, kind = rng.choice(c.units)
        return [f"{m} will also be sold through {unit}, {possessive(c.name)} {kind}."]
    other = rng.choice(others)
    if rng.random() < 0.5:
        return [f"{who}, formerly {rng.choice(EN_TITLES)} at {other.name}, joined {c.name} as {title}."]
    return [f"{who} previously served as {role_of(rng.choice(EN_TITLES), other.name)} before joining {c.name}."]


def en_context_sentence(rng: random.Random, c: Company) -> str:
    fld = rng.choice(EN_FIELDS)
    return rng.choice(EN_CONTEXT).format(
        org=c.name, org_s=possessive(c.name), field=fld, field_cap=fld.capitalize(), field2=rng.choice(EN_FIELDS),
        topic=rng.choice(EN_TOPICS), tech=rng.choice(EN_TECHS), city=rng.choice(EN_CITIES),
        risk=rng.choice(EN_RISKS), content=rng.choice(EN_CONTENTS), aspect=rng.choice(EN_ASPECTS),
        n=rng.randint(2, 900), k=rng.randint(1, 12), pct=rng.randint(5, 95), year=rng.choice([2023, 2024]),
        month=rng.choice(EN_MONTHS))


def en_article(rng: random.Random, i: int, pool: list[Company], weights: list[float]) -> str:
    return news_article(rng, i, pool, weights, en_fact_sentences, en_context_sentence, " ",
                        lambda c: f"{c.name} launches a new model as the price war heats up ({i})", "en")


def generate(out: Path, articles: int, seed: int = 7, dense: bool = False, lang: str = "zh") -> list[Path]:
    """Write ``articles`` synthetic articles into ``out``; returns their paths."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be zh or en, not {lang!r}")
    if lang == "en" and dense:
        raise ValueError("--dense is Chinese only")
    rng = random.Random(seed)
    size = 40 + articles // 20
    pool = [] if dense else companies(rng, size) if lang == "zh" else en_companies(rng, size)
    weights = [1 / (rank + 1) for rank in range(len(pool))]      # a few vendors make most of the news
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(articles):
        p = out / f"synthetic-{i:05d}.md"
        if lang == "en":
            text = en_article(rng, i, pool, weights)
        else:
            text = dense_article(rng, i) if dense else article(rng, i, pool, weights)
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dense", action="store_true", help="the earlier, fact-dense ~1,270-character articles")
    ap.add_argument("--lang", choices=["zh", "en"], default="zh", help="Chinese (default) or English articles")
    a = ap.parse_args()
    if a.dense and a.lang == "en":
        ap.error("--dense is Chinese only")
    paths = generate(a.out, a.articles, a.seed, a.dense, a.lang)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    print(f"wrote {len(paths)} articles, {chars} characters, to {a.out}")


if __name__ == "__main__":
    main()
