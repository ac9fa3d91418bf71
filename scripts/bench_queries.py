"""Time every saved query on synthetic corpora: embedded pyoxigraph, rdflib and Virtuoso, side by side.

    .venv/bin/python scripts/bench_queries.py                  # 1k and 10k articles, all three engines
    .venv/bin/python scripts/bench_queries.py --sizes 1000 --no-virtuoso --runs 5

The corpora are invented for benchmarking only: articles made from templates with
generated companies, models, people, prices and dates, turned into pipeline records
(kg.records) and then into RDF by kg.to_rdf, exactly as the pipeline stores them (one
named graph per article). Entities recur across articles with a skewed frequency, so
popular entities have their label and type repeated in hundreds of article graphs, which
is the case that makes union-default joins slow.

Medians of --runs runs after one warm-up, in milliseconds, results fully read. rdflib
is skipped at a size when its previous size was already slow (> --rdflib-limit s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import namespace as ns  # noqa: E402
from kg.query import bind, run_query, run_remote, saved_queries, with_defaults  # noqa: E402
from kg.records import (  # noqa: E402
    Article,
    Claim,
    Entity,
    Evidence,
    Extraction,
    Mention,
    Price,
    PriceChange,
    Relation,
    ResolvedArticle,
)
from kg.store import open_store, open_writer  # noqa: E402
from kg.to_rdf import graph_iri, to_graph  # noqa: E402

SYL = ("安 百 北 辰 川 达 飞 光 海 航 华 慧 极 嘉 景 锦 凯 蓝 朗 联 灵 络 "
       "明 诺 盘 启 擎 睿 锐 森 深 盛 数 思 天 拓 微 维 新 星 讯 雅 云 智 卓").split()
ORG_SUFFIX = ["科技", "智能", "智算", "数据", "实验室", "云", "资本"]
MODEL_STEM = [
    "Nova",
    "Astra",
    "Lumo",
    "Qubit",
    "Helix",
    "Vega",
    "Orion",
    "Pico",
    "Zen",
    "Atlas",
    "Kite",
    "Mira",
]
MODEL_TIER = ["Lite", "Pro", "Max", "Turbo", "Mini", "Flash", "Plus"]
SURNAMES = "王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗".split()
GIVEN = "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 文 辉 鹏 华 飞 宇 思 远".split()
ROLES = ["CEO", "CTO", "创始人", "首席科学家", "副总裁", "合伙人", "总裁"]
CLAIMS = [
    "降价是为了吸引开发者",
    "推理成本还会继续下降",
    "开源模型会成为主流",
    "价格战对行业是好事",
    "大模型的应用场景正在扩大",
    "算力仍然是最大的瓶颈",
    "企业客户更看重稳定性",
    "免费策略难以持续",
]


def zipf_pick(rng: random.Random, items: list, s: float = 1.1) -> object:
    """Pick with a skew: low indices much more often (popular entities recur in many articles)."""
    n = len(items)
    i = int(n * (rng.random() ** (1 + s * 2)))
    return items[min(i, n - 1)]


def make_pools(rng: random.Random, n_orgs: int, n_models: int, n_people: int) -> dict[str, list[str]]:
    orgs, models, people = set(), set(), set()
    while len(orgs) < n_orgs:
        orgs.add("".join(rng.sample(SYL, 2)) + rng.choice(ORG_SUFFIX))
    while len(models) < n_models:
        models.add(
            f"{rng.choice(MODEL_STEM)}-{rng.randint(1, 9)}-{rng.choice(MODEL_TIER)}{rng.randint(1, 99)}"
        )
    while len(people) < n_people:
        people.add(rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2]))))
    return {"Organization": sorted(orgs), "Model": sorted(models), "Person": sorted(people)}


def make_article(rng: random.Random, i: int, pools: dict[str, list[str]]) -> ResolvedArticle:
    day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
    aid = f"bench-{i:05d}"
    text_parts: list[str] = []
    entities: dict[str, Entity] = {}
    entity_of: dict[tuple[int, int, str], str] = {}
    pos = [0]

    def mention(kind: str, name: str) -> Mention:
        start = pos[0]
        pos[0] += len(name) + 1
        text_parts.append(name + "。")
        m = Mention(name, kind, start, start + len(name))  # type: ignore[arg-type]
        key = f"{kind}/{name.lower()}"
        entities[key] = Entity(key, kind, name)  # type: ignore[arg-type]
        entity_of[(m.start, m.end, kind)] = key
        return m

    def ev(rule: str) -> Evidence:
        return Evidence(aid, "".join(text_parts[-2:]) or "…", pos[0], pos[0] + 10, rule)

    article = Article(
        id=aid,
        text="",
        content_hash=hashlib.sha256(aid.encode()).hexdigest(),
        title=f"基准文章 {i}",
        source="bench",
        date=day,
    )
    x = Extraction(article=article)
    for _ in range(rng.randint(1, 2)):
        org = mention("Organization", zipf_pick(rng, pools["Organization"]))
        model = mention("Model", zipf_pick(rng, pools["Model"]))
        x.relations.append(
            Relation("released", org, model, ev("bench-released"), date=day if rng.random() < 0.6 else None)
        )
        for _ in range(rng.randint(0, 2)):
            per_million = Decimal(rng.choice([0, 0.5, 0.8, 1, 2, 4, 8, 12, 20, 40, 60, 120]))
            free = per_million == 0
            x.prices.append(
                Price(
                    model,
                    ev("bench-price"),
                    currency=None if free else rng.choice(["CNY", "USD"]),
                    amount=None if free else per_million / 1000,
                    unit_tokens=None if free else 1000,
                    per_million=None if free else per_million,
                    is_free=free,
                    token_kind=rng.choice([None, "input", "output"]),
                    valid_from=day + dt.timedelta(days=rng.randint(0, 30)),
                )
            )
        if rng.random() < 0.3:
            x.changes.append(
                PriceChange(model, float(-rng.choice([10, 20, 50, 80, 90, 97])), ev("bench-change"), date=day)
            )
    for _ in range(rng.randint(1, 2)):
        person = mention("Person", zipf_pick(rng, pools["Person"]))
        org = mention("Organization", zipf_pick(rng, pools["Organization"]))
        x.relations.append(Relation("worksFor", person, org, ev("bench-role"), role=rng.choice(ROLES)))
        if rng.random() < 0.2:
            old = mention("Organization", zipf_pick(rng, pools["Organization"]))
            x.relations.append(
                Relation("formerlyWorkedFor", person, old, ev("bench-former"), role="原" + rng.choice(ROLES))
            )
        if rng.random() < 0.7:
            x.claims.append(Claim(person, rng.choice(CLAIMS) + f"（{i}）", ev("bench-claim"), date=day))
    return ResolvedArticle(extraction=x, entities=entities, entity_of=entity_of)


def build_corpus(n: int, seed: int = 7) -> bytes:
    """N-Quads of n synthetic articles, one named graph each."""
    rng = random.Random(seed)
    pools = make_pools(rng, max(50, n // 20), max(80, n // 10), max(60, n // 12))
    out = []
    for i in range(n):
        r = make_article(rng, i, pools)
        g = to_graph(r)
        gname = str(graph_iri(r.extraction.article.id))
        nt = g.serialize(format="nt", encoding="utf-8").decode("utf-8")
        out.extend(line[:-1] + f"<{gname}> .\n" for line in nt.splitlines() if line.endswith(" ."))
    return "".join(out).encode("utf-8")


def params_for(store_path: Path) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """Per saved query, the runs timed: "all" (the whole listing) and "one" (the query about one
    popular entity, the way an analyst mostly asks: prices of a model, claims of a person)."""
    st = open_store(store_path)

    def top(pattern: str) -> str:
        rows = list(st.query(f"SELECT ?name (COUNT(*) AS ?n) WHERE {{ {pattern} }} GROUP BY ?name "
                             "ORDER BY DESC(?n) ?name LIMIT 1"))
        return rows[0]["name"].value

    org = top("?e a kg:Organization ; rdfs:label ?name ; kg:mentionedIn ?a")
    model = top("?e kg:pricedAt ?p ; rdfs:label ?name")
    cut = top("?e kg:priceChange ?p ; rdfs:label ?name")
    person = top("?e kg:argues ?c ; rdfs:label ?name")
    maker = top("?e kg:released ?m ; rdfs:label ?name")
    day = {"day": "2024-06-01"}
    return {
        "cheapest": [("all", {}), ("one", day)],
        "claims": [("all", {}), ("one", {"person": person})],
        "entities": [("all", {}), ("one", {"class": f"<{ns.Model}>"})],
        "mentions": [("all", {}), ("one", {"name": org})],
        "people": [("all", {}), ("one", {"person": person})],
        "price-cuts": [("all", {}), ("one", {"model": cut})],
        "prices": [("all", {}), ("one", {"model": model})],
        "released": [("all", {}), ("one", {"org": maker})],
    }


def timeit(fn, runs: int) -> tuple[float, int]:  # noqa: ANN001
    n = fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        n = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), n


def limited(fn, runs: int, limit: float) -> str:  # noqa: ANN001
    """Median ms of fn in a forked child (the store and graphs are inherited); "> N s" past the limit."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe()

    def target() -> None:
        try:
            child.send(timeit(fn, runs)[0])
        except Exception as exc:  # noqa: BLE001  (an engine's error is a result of the benchmark)
            child.send(f"error: {str(exc).split(': ')[-1][:40]}")

    proc = ctx.Process(target=target)
    proc.start()
    if parent.poll(limit):
        ms = parent.recv()
        proc.join()
        return ms if isinstance(ms, str) else f"{ms:.1f}"
    proc.kill()
    proc.join()
    return f"> {limit:g} s"


def rdflib_dataset(nq: bytes):  # noqa: ANN201
    from rdflib import Dataset

    ds = Dataset(default_union=True)
    ds.parse(data=nq, format="nquads")
    return ds


def rdflib_run(ds, sparql: str, params: dict[str, str]) -> int:  # noqa: ANN001
    text = ns.sparql_prologue() + bind(sparql, with_defaults(sparql, params))
    return len(list(ds.query(text)))


def virtuoso_load(folder: Path, nq: bytes, env: dict[str, str]) -> None:
    (folder / "bench.nq").write_bytes(nq)
    port = env["VIRTUOSO_SQL_PORT"]
    pw = env.get("VIRTUOSO_DBA_PASSWORD", "dba")
    sql = (
        "DELETE FROM DB.DBA.load_list; "
        f"ld_dir('{folder}', 'bench.nq', 'https://w3id.org/aikg/graph/default'); "
        "rdf_loader_run(); checkpoint;"
    )
    subprocess.run(
        ["isql-vt", f"127.0.0.1:{port}", "dba", pw, f"exec={sql}"], check=True, capture_output=True
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-virtuoso", action="store_true")
    ap.add_argument("--no-rdflib", action="store_true")
    ap.add_argument("--limit", type=float, default=10.0, help="seconds per engine and query before giving up")
    ap.add_argument("--target-ms", type=float, default=20.0)
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    saved = saved_queries()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    virt = not a.no_virtuoso and shutil.which("virtuoso-t") is not None
    use_rdflib = not a.no_rdflib
    table: list[tuple] = []
    failed = False
    try:
        for n in sizes:
            t0 = time.perf_counter()
            nq = build_corpus(n)
            store_path = work / f"store-{n}"
            with open_writer(store_path) as w:
                import pyoxigraph as ox

                w.ox.bulk_load(nq, format=ox.RdfFormat.N_QUADS)
                w.rebuild_merged()      # the default graph the saved queries read: every triple once
                del w
            quads = nq.count(b"\n")
            print(
                f"# {n} articles: {quads} quads, generated and loaded in {time.perf_counter() - t0:.1f} s",
                file=sys.stderr,
            )
            params = params_for(store_path)
            st = open_store(store_path)
            ds = None
            if use_rdflib:
                t1 = time.perf_counter()
                ds = rdflib_dataset(nq)
                print(f"# rdflib parsed in {time.perf_counter() - t1:.1f} s", file=sys.stderr)
            venv = None
            if virt:
                vdir = work / f"virtuoso-{n}"
                venv = {
                    **os.environ,
                    "VIRTUOSO_HTTP_PORT": os.environ.get("VIRTUOSO_HTTP_PORT", "18990"),
                    "VIRTUOSO_SQL_PORT": os.environ.get("VIRTUOSO_SQL_PORT", "11211"),
                }
                subprocess.run(
                    ["bash", str(ROOT / "scripts" / "virtuoso.sh"), "start", str(vdir)],
                    env=venv,
                    check=True,
                    capture_output=True,
                )
                t1 = time.perf_counter()
                # the article graphs plus the merged graph that `kg push` writes and queries read
                merged = b"".join(f"{q.subject} {q.predicate} {q.object} <{ns.MERGED_GRAPH}> .\n".encode()
                                  for q in st.ox.quads_for_pattern(None, None, None, ox.DefaultGraph()))
                virtuoso_load(vdir, nq + merged, venv)
                print(f"# virtuoso loaded in {time.perf_counter() - t1:.1f} s", file=sys.stderr)
            slow_rdflib = False
            try:
                # the local engines first, Virtuoso after: a query the client gives up on keeps running
                # on the server and would slow whatever is timed next
                cases = [(name, variant, text, p) for name, (_, text) in saved.items()
                         for variant, p in params.get(name, [("all", {})])]
                local = {}
                for name, variant, text, p in cases:
                    emb_s = limited(
                        lambda text=text, p=p, st=st: sum(1 for _ in run_query(st, text, p)), a.runs, a.limit
                    )
                    emb = float(emb_s) if not emb_s.startswith((">", "error")) else float("inf")
                    rows = sum(1 for _ in run_query(st, text, p)) if emb != float("inf") else -1
                    rdf = "-"
                    if ds is not None:
                        rdf = limited(lambda text=text, p=p, ds=ds: rdflib_run(ds, text, p), a.runs, a.limit)
                        slow_rdflib |= rdf.startswith(">")
                    local[(name, variant)] = (emb, emb_s, rows, rdf)
                for name, variant, text, p in cases:
                    emb, emb_s, rows, rdf = local[(name, variant)]
                    vt = "-"
                    if venv is not None:
                        url = f"http://127.0.0.1:{venv['VIRTUOSO_HTTP_PORT']}/sparql"
                        vt = limited(
                            lambda url=url, text=text, p=p: sum(
                                1 for _ in run_remote(url, text, p, default_graph=str(ns.MERGED_GRAPH))),
                            a.runs,
                            a.limit,
                        )
                    ok = emb <= a.target_ms or n < max(sizes)
                    failed |= not ok
                    table.append((n, name, variant, rows, emb_s, rdf, vt, "" if ok else "OVER"))
                    print(
                        f"{n:>6} {name:12} {variant:3} rows {rows:>6}  embedded {emb_s:>8}  rdflib {rdf:>10}  "
                        f"virtuoso {vt:>8}",
                        file=sys.stderr,
                        flush=True,
                    )
            finally:
                if venv is not None:
                    subprocess.run(
                        ["bash", str(ROOT / "scripts" / "virtuoso.sh"), "stop", str(work / f"virtuoso-{n}")],
                        env=venv,
                        capture_output=True,
                    )
            if slow_rdflib:
                use_rdflib = False
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        "\n| articles | query | run | rows | embedded ms | rdflib ms | virtuoso ms | |\n"
        "|---:|---|---|---:|---:|---:|---:|---|"
    )
    for row in table:
        print("| " + " | ".join(str(c) for c in row) + " |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
