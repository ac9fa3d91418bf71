#!/usr/bin/env python3
"""Benchmark `kg build` and `kg add` against bare spaCy tokenisation, side by side.

    python scripts/bench_build.py [--articles 1000] [--en N] [--big 10000] [--jobs N] [--no-cluster]

Prints: build throughput (chars/s, articles/s) of Chinese articles next to bare spaCy+jieba
tokenisation of the same text in one process, and of English articles (--en, default
--articles; 0 skips them) next to bare spacy.blank("en") tokenisation (the ratios are the
figures); the Chinese build again through a Dask scheduler and two workers on this machine
(kg build --cluster), and its ratio to the local build; peak memory of the build (all its
processes); time of `kg add` of one article (start-up included) into stores of --articles and
--big articles, and their ratio; store size on disk per 1k articles; and where the time goes
(a profile of the pipeline on a sample per language). Medians throughout.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from gen_corpus import generate  # noqa: E402

KG = [sys.executable, "-m", "kg.cli"]


def body_texts(paths: list[Path]) -> list[str]:
    from kg.read import read_article

    return [read_article(p).text for p in paths]


def bare_tokenisation(texts: list[str], runs: int = 5, lang: str = "zh") -> list[float]:
    """Seconds per run of bare tokenisation over the texts, one process: spacy.blank("zh") with
    jieba for Chinese, spacy.blank("en") (its rule-based tokenizer) for English. Each run has a
    new pipeline, warmed up on a short text: the English tokenizer caches what it has split, and
    a second pass over the same texts would time cache lookups, not tokenisation (2–3x faster)."""
    import spacy

    times = []
    for _ in range(runs):
        if lang == "zh":
            nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        else:
            nlp = spacy.blank(lang)
        nlp.make_doc("预热 warm-up.")
        t = time.perf_counter()
        for text in texts:
            nlp.make_doc(text)
        times.append(time.perf_counter() - t)
    return times


def times_x(ratio: float) -> str:
    return f"{ratio:.2f}x" if ratio >= 0.1 else f"{ratio:.4f}x"


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in kB (from /proc)."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                ppid = int(Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d))
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
        stack.extend(children.get(p, []))
    return total


@dataclass
class BuildRun:
    """One `kg build` timed between runs of bare tokenisation of the same texts."""

    chars: int
    seconds: float
    peak_kb: int
    bare_times: list[float]

    @property
    def bare(self) -> float:
        return self.chars / statistics.median(self.bare_times)

    @property
    def build(self) -> float:
        return self.chars / self.seconds


def measured_build(paths: list[Path], store: Path, jobs: int | None, lang: str) -> BuildRun:
    """The baseline before and after the build, median of all runs: this machine's speed drifts."""
    texts = body_texts(paths)
    bare_times = bare_tokenisation(texts, lang=lang)
    seconds, peak_kb = timed_build(paths, store, jobs)
    bare_times += bare_tokenisation(texts, lang=lang)
    return BuildRun(sum(map(len, texts)), seconds, peak_kb, bare_times)


def timed_build(paths: list[Path], store: Path, jobs: int | None, *options: str) -> tuple[float, int]:
    """Wall time and peak memory (kB, all processes) of one `kg build`."""
    env = {**os.environ, "KG_STORE": str(store)}
    args = [*KG, "build", "-q", *options, *map(str, paths)] + (["--jobs", str(jobs)] if jobs else [])
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0

    def watch() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, tree_rss_kb(proc.pid))
            time.sleep(0.2)

    t = threading.Thread(target=watch)
    t.start()
    _, err = proc.communicate()
    t.join()
    if proc.returncode:
        raise SystemExit(f"kg build failed: {err.decode()[-500:]}")
    return time.perf_counter() - start, peak


def cluster_rows(paths: list[Path], tmp: Path, local: BuildRun) -> list[Row]:
    """The same articles built through a Dask scheduler and two workers (one thread each) on this machine,
    started with Dask's own tools beforehand (a cluster is up before a build): on the same cores, what
    is measured is the engine's overhead over the local build's worker processes."""
    from dask_cluster import LocalDask

    with LocalDask(workers=2, env={"PYTHONPATH": str(ROOT)}) as cluster:
        seconds, _ = timed_build(paths, tmp / "clusterstore", None, "--cluster", cluster.address)
    return [
        ("kg build --cluster (scheduler + 2 workers)", f"{seconds:.1f} s",
         f"{len(paths) / seconds:.1f} articles/s; the local build {local.seconds:.1f} s"),
        ("ratio cluster / local build", f"{seconds / local.seconds:.2f}x", "goal <= 1.25x, same two cores"),
    ]


def add_env(store: Path, cache: Path, warm: bool) -> dict[str, str]:
    return {**os.environ, "KG_STORE": str(store), "KG_CACHE": str(cache), "KG_WORKER": "1" if warm else "0"}


def time_add(store: Path, article: Path, cache: Path, warm: bool) -> float:
    """Wall time of `kg add` of one new article, start-up included: through the warm worker (started
    beforehand, as an earlier `kg add` leaves it) or analysed in the `kg add` process itself."""
    t = time.perf_counter()
    subprocess.run([*KG, "add", str(article)], env=add_env(store, cache, warm), cwd=ROOT, check=True,
                   capture_output=True)
    return time.perf_counter() - t


def ensure_worker(cache: Path, warm: bool) -> None:
    """Start the warm worker before timed adds that use it (an earlier `kg add` would have)."""
    if warm:
        subprocess.run([*KG, "worker", "start"], env={**os.environ, "KG_CACHE": str(cache)}, cwd=ROOT,
                       check=True, capture_output=True)


def timed_adds(store: Path, extra: list[Path], cache: Path, warm: bool) -> float:
    """Median time of `kg add` of each of ``extra`` into ``store``."""
    ensure_worker(cache, warm)
    return statistics.median(time_add(store, p, cache, warm) for p in extra)


def paired_adds(small: Path, big: Path, extra: list[Path], cache: Path, warm: bool) -> tuple[float, float]:
    """Median times of `kg add` into two stores, each article into one and then the other: the
    machine's speed drifts by tens of percent over minutes, which a ratio of runs made minutes
    apart would show as a difference between the stores."""
    ensure_worker(cache, warm)
    pairs = [(time_add(small, p, cache, warm), time_add(big, p, cache, warm)) for p in extra]
    return statistics.median(x for x, _ in pairs), statistics.median(y for _, y in pairs)


def extra_articles(folder: Path, n: int, seed: int, prefix: str, dense: bool) -> list[Path]:
    """Articles to add, with ids no corpus article has."""
    paths = []
    for i, p in enumerate(generate(folder, n, seed=seed, dense=dense)):
        p.write_text(p.read_text("utf-8").replace("id: synthetic-", f"id: {prefix}{i}-", 1), "utf-8")
        paths.append(p)
    return paths


def worker_start(cache: Path) -> float:
    """Seconds for `kg worker start` from cold (what the first `kg add` of a session pays once)."""
    env = {**os.environ, "KG_CACHE": str(cache)}
    subprocess.run([*KG, "worker", "stop"], env=env, cwd=ROOT, capture_output=True)
    t = time.perf_counter()
    subprocess.run([*KG, "worker", "start"], env=env, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - t


def du_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def profile(texts: list[str], lang: str = "zh") -> str:
    from kg.pipeline import process
    from kg.records import Article

    process(Article(id="warm", text=texts[0], content_hash="x", lang=lang))
    prof = cProfile.Profile()
    prof.enable()
    for i, text in enumerate(texts):
        process(Article(id=f"p{i}", text=text, content_hash="x", lang=lang))
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(r"kg/|jieba|spacy/lang|spacy/tokenizer", 14)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip())[-2500:]


Row = tuple[str, str, str]


def chinese_rows(run: BuildRun, articles: int, dense: bool) -> list[Row]:
    return [
        ("articles", f"{articles}", ""),
        ("characters", f"{run.chars}", f"{run.chars / articles:,.0f} an article" + (", dense" if dense else "")),
        ("bare spaCy+jieba tokenisation, 1 process", f"{run.bare:,.0f} chars/s",
         f"median of {len(run.bare_times)} runs, before and after the build"),
        ("kg build (end to end, all cores)", f"{run.build:,.0f} chars/s",
         f"{articles / run.seconds:.1f} articles/s, {run.seconds:.1f} s"),
        ("ratio build / bare tokenisation", times_x(run.build / run.bare), "previous 0.45–0.51x"),
        ("peak memory of the build", f"{run.peak_kb / 1024:.0f} MB", "all processes"),
    ]


def english_rows(run: BuildRun, articles: int) -> list[Row]:
    return [
        ("English articles", f"{articles}", ""),
        ("English characters", f"{run.chars}", f"{run.chars / articles:,.0f} an article"),
        ("bare spaCy blank('en') tokenisation", f"{run.bare:,.0f} chars/s",
         f"1 process, median of {len(run.bare_times)} runs, before and after the build"),
        ("kg build, English", f"{run.build:,.0f} chars/s",
         f"{articles / run.seconds:.1f} articles/s, {run.seconds:.1f} s, peak {run.peak_kb / 1024:.0f} MB"),
        ("ratio English build / bare tokenisation", times_x(run.build / run.bare), "target >= 0.5x"),
    ]


def add_rows(tmp: Path, a: argparse.Namespace, cache: Path) -> list[Row]:
    """`kg add` of new articles into the --articles store, through the worker and without it."""
    extra = extra_articles(tmp / "extra", 2 * a.adds, 99, "extra", a.dense)   # half through the worker
    cold_start = worker_start(cache)
    add_small = timed_adds(tmp / "store", extra[:a.adds], cache, warm=True)
    add_small_cold = timed_adds(tmp / "store", extra[a.adds:], cache, warm=False)
    return [
        (f"kg add, store of {a.articles}", f"{add_small:.2f} s", "median, start-up included, warm worker"),
        (f"kg add, store of {a.articles}, no worker", f"{add_small_cold:.2f} s",
         "median, KG_WORKER=0: the pipeline loads in kg add"),
        ("worker start (once per session)", f"{cold_start:.2f} s", "paid by the first kg add"),
        ("store size per 1k articles", f"{du_mb(tmp / 'store') / (a.articles / 1000):.1f} MB", ""),
    ]


def big_rows(tmp: Path, a: argparse.Namespace, cache: Path) -> list[Row]:
    """A --big store built, and `kg add` into it paired with adds into the --articles store."""
    big_paths = generate(tmp / "big", a.big, seed=11, dense=a.dense)
    big_seconds, big_peak = timed_build(big_paths, tmp / "bigstore", a.jobs)
    pair = extra_articles(tmp / "pair", 2 * a.adds, 98, "pair", a.dense)
    small_w, big_w = paired_adds(tmp / "store", tmp / "bigstore", pair[:a.adds], cache, warm=True)
    small_c, big_c = paired_adds(tmp / "store", tmp / "bigstore", pair[a.adds:], cache, warm=False)
    return [
        (f"kg build of {a.big}", f"{big_seconds:.0f} s", f"peak {big_peak / 1024:.0f} MB"),
        (f"kg add, store of {a.big}", f"{big_w:.2f} s",
         f"median, warm worker; {small_w:.2f} s into the {a.articles} store in turn"),
        ("ratio add big / small", f"{big_w / small_w:.2f}x", "target <= 1.2x; each article into both stores"),
        (f"kg add, store of {a.big}, no worker", f"{big_c:.2f} s",
         f"median, KG_WORKER=0; {small_c:.2f} s into the {a.articles} store in turn"),
        ("ratio add big / small, no worker", f"{big_c / small_c:.2f}x", ""),
        (f"store size per 1k articles ({a.big})", f"{du_mb(tmp / 'bigstore') / (a.big / 1000):.1f} MB", ""),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--en", type=int, default=None, help="English articles (default: --articles; 0: none)")
    ap.add_argument("--big", type=int, default=0, help="also measure `kg add` into a store of this many articles")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--adds", type=int, default=5, help="`kg add` runs timed per store (at least 1)")
    ap.add_argument("--no-cluster", dest="cluster", action="store_false",
                    help="skip the build on a local Dask cluster")
    ap.add_argument("--dense", action="store_true", help="the earlier fact-dense articles (gen_corpus --dense)")
    a = ap.parse_args()
    if a.adds < 1:
        ap.error("--adds: at least 1 (the add times are medians of that many runs)")
    n_en = a.articles if a.en is None else a.en

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    cache = Path(tempfile.mkdtemp(prefix="kgb-", dir="/tmp"))     # the worker's socket: a short path
    try:
        paths = generate(tmp / "corpus", a.articles, dense=a.dense)
        local = measured_build(paths, tmp / "store", a.jobs, "zh")
        rows = chinese_rows(local, a.articles, a.dense)
        if a.cluster:
            rows += cluster_rows(paths, tmp, local)
        en_paths = generate(tmp / "en", n_en, lang="en") if n_en else []
        if en_paths:
            rows += english_rows(measured_build(en_paths, tmp / "enstore", a.jobs, "en"), n_en)
        rows += add_rows(tmp, a, cache)
        if a.big:
            rows += big_rows(tmp, a, cache)
        width = max(len(r[0]) for r in rows)
        for name, value, note in rows:
            print(f"{name:<{width}}  {value:>18}  {note}")
        print("\nwhere the time goes (pipeline on 50 articles, one process):")
        print(profile(body_texts(paths[:50])))
        if en_paths:
            print("\nwhere the time goes, English (pipeline on 50 articles, one process):")
            print(profile(body_texts(en_paths[:50]), "en"))
    finally:
        subprocess.run([*KG, "worker", "stop"], env={**os.environ, "KG_CACHE": str(cache)}, cwd=ROOT,
                       capture_output=True)
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
