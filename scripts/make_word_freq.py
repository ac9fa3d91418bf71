#!/usr/bin/env python3
"""Write kg/rules/zh/word_freq.tsv: jieba's common words and their counts, the pipeline's
"is this a common word" evidence. Rerun when jieba's dictionary changes (needs `pip install jieba`).

    python scripts/make_word_freq.py [--min 200]
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kg" / "rules" / "zh" / "word_freq.tsv"


def main() -> None:
    import jieba

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min", type=int, default=200, help="smallest count kept (the rules ask for >= 200)")
    a = ap.parse_args()
    source = Path(jieba.__file__).parent / "dict.txt"
    rows = []
    for line in source.read_text(encoding="utf-8").splitlines():
        word, count = line.split(" ")[:2]
        if len(word) >= 2 and int(count) >= a.min:
            rows.append(f"{word}\t{count}")
    header = f"# word\tcount — from jieba {jieba.__version__} dict.txt (MIT), words of 2+ chars counted >= {a.min}\n"
    OUT.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} words")


if __name__ == "__main__":
    main()
