#!/usr/bin/env python3
"""Paired comparison of the analysis pipeline (`process()`: analyse + extract) between two checkouts.

    python scripts/bench_pipeline.py --old /tmp/base [--new .] [--articles 150] [--lang zh] [--rounds 3]

Generates the articles once (scripts/gen_corpus.py), then runs one subprocess per checkout and
round, with PYTHONPATH set to that checkout, old and new alternately (the order flips every round:
old new, new old, ..., so the machine's drift falls on both). Each subprocess reads the articles
with its own `kg.read`, processes one article to warm up (loading the pipeline), then times
`process()` over all articles in CPU seconds. Prints each round, the medians and the ratio
new/old (below 1 means the new code is faster), and the facts each side found, as a sanity check.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from gen_corpus import generate  # noqa: E402

# runs in the subprocess: only the checkout on PYTHONPATH is importable as ``kg``. The venv's
# editable install of this checkout adds a finder after the path one, which would serve any
# kg.* module the old checkout lacks (kg.pipeline) from this checkout: it is taken out first,
# and every kg module loaded is checked to come from the checkout.
CHILD = """
import json, os, sys, time
from pathlib import Path
sys.meta_path[:] = [f for f in sys.meta_path if "__editable__" not in getattr(f, "__module__", "")]
sys.path[:] = [p for p in sys.path if "__editable__" not in p]
import kg
from kg.read import read_article
try:
    from kg.pipeline import process
except ImportError:
    from kg.api import process

articles = [read_article(p) for p in sorted(Path(sys.argv[1]).glob("*.md"))]
process(articles[0])
facts = 0
cpu, wall = time.process_time(), time.perf_counter()
for article in articles:
    x = process(article)
    facts += sum(len(getattr(x, k, ())) for k in ("relations", "prices", "changes", "claims"))
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
home = os.path.dirname(kg.__file__) + os.sep
strays = sorted(n for n, m in sys.modules.items()
                if n.startswith("kg.") and getattr(m, "__file__", None) and not m.__file__.startswith(home))
print(json.dumps({"kg": kg.__file__, "strays": strays, "process": process.__module__, "articles": len(articles),
                  "chars": sum(len(a.text) for a in articles), "cpu": cpu, "wall": wall, "facts": facts}))
"""


def run(checkout: Path, folder: Path) -> dict:
    """One timing in a fresh interpreter that imports ``kg`` from ``checkout``. ``-P`` and a neutral
    working directory keep the current directory off sys.path, so PYTHONPATH decides."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    proc = subprocess.run([sys.executable, "-P", "-c", CHILD, str(folder)], env=env, cwd=folder,
                          capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"the run with PYTHONPATH={checkout} failed:\n{proc.stderr[-2000:]}")
    result: dict = json.loads(proc.stdout.strip().splitlines()[-1])
    expected = (checkout / "kg" / "__init__.py").resolve()
    if Path(result["kg"]).resolve() != expected:
        raise SystemExit(f"PYTHONPATH={checkout} imported kg from {result['kg']}, not {expected}")
    if result["strays"]:
        raise SystemExit(f"PYTHONPATH={checkout} imported modules from elsewhere: {', '.join(result['strays'])}")
    return result


def rounds(old: Path, new: Path, folder: Path, n: int) -> list[tuple[dict, dict]]:
    """``n`` pairs of timings (old, new), printed as they come."""
    pairs = []
    for i in range(n):
        order = [("old", old), ("new", new)] if i % 2 == 0 else [("new", new), ("old", old)]
        got = {name: run(checkout, folder) for name, checkout in order}
        pairs.append((got["old"], got["new"]))
        print(f"round {i + 1} ({order[0][0]} first)  old {got['old']['cpu']:7.2f} s   new {got['new']['cpu']:7.2f} s"
              f"   new/old {got['new']['cpu'] / got['old']['cpu']:.3f}", flush=True)
    return pairs


def report(pairs: list[tuple[dict, dict]], old: Path, new: Path) -> None:
    first_old, first_new = pairs[0]
    chars = first_new["chars"]
    old_cpu = statistics.median(o["cpu"] for o, _ in pairs)
    new_cpu = statistics.median(n["cpu"] for _, n in pairs)
    ratios = [n["cpu"] / o["cpu"] for o, n in pairs]
    print()
    print(f"old  {old}: process from {first_old['process']}, median {old_cpu:.2f} s CPU, "
          f"{chars / old_cpu:,.0f} chars/s, {first_old['facts']} facts")
    print(f"new  {new}: process from {first_new['process']}, median {new_cpu:.2f} s CPU, "
          f"{chars / new_cpu:,.0f} chars/s, {first_new['facts']} facts")
    print(f"ratio new/old of the medians {new_cpu / old_cpu:.3f}; median of the per-round ratios "
          f"{statistics.median(ratios):.3f} (range {min(ratios):.3f}–{max(ratios):.3f}); below 1: new is faster")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", type=Path, required=True, help="the older checkout (its kg/ is imported)")
    ap.add_argument("--new", type=Path, default=ROOT, help="the newer checkout (default: this one)")
    ap.add_argument("--articles", type=int, default=150)
    ap.add_argument("--lang", choices=["zh", "en"], default="zh")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    old, new = a.old.resolve(), a.new.resolve()
    for checkout in (old, new):
        if not (checkout / "kg" / "__init__.py").is_file():
            ap.error(f"{checkout} has no kg/ package")

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-pipeline-"))
    try:
        generate(tmp, a.articles, seed=a.seed, lang=a.lang)
        print(f"{a.articles} {a.lang} articles (seed {a.seed}); CPU seconds of process() over all of them, "
              f"one process each, after one warm-up article")
        report(rounds(old, new, tmp, a.rounds), old, new)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
