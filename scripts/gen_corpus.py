#!/usr/bin/env python3
"""Generate a synthetic corpus of Chinese AI-industry news articles, for benchmarks only.

Articles are filled from templates with invented companies, models, people,
prices and dates (seeded, so a given size always gives the same corpus). They
exercise every extractor but say nothing true: never use them as data.

    python scripts/gen_corpus.py OUT_DIR --articles 1000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
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


def org(rng: random.Random) -> str:
    return "".join(rng.sample(SYL, 2)) + rng.choice(SUFFIX)


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))


def model(rng: random.Random) -> str:
    return f"{rng.choice(LATIN)}-{rng.randint(1, 9)}-{rng.choice(VARIANTS)}"


def article(rng: random.Random, i: int) -> str:
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
    return (f"---\nid: synthetic-{i:05d}\ntitle: {title}\nsource: 合成语料\ndate: {year}-{month:02d}-{day:02d}\n"
            f"lang: zh\n---\n\n" + "\n\n".join(paragraphs) + "\n")


def generate(out: Path, articles: int, seed: int = 7) -> list[Path]:
    """Write ``articles`` synthetic articles into ``out``; returns their paths."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(articles):
        p = out / f"synthetic-{i:05d}.md"
        p.write_text(article(rng, i), encoding="utf-8")
        paths.append(p)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    paths = generate(a.out, a.articles, a.seed)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    print(f"wrote {len(paths)} articles, {chars} characters, to {a.out}")


if __name__ == "__main__":
    main()
