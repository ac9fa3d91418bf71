"""Benchmark the HTML viewer: synthetic graphs → kg.view.write_html → headless Chromium (network off).

    .venv/bin/python scripts/bench_view.py                 # 200, 1000, 5000 nodes, 3 runs each
    .venv/bin/python scripts/bench_view.py 200 2000 -r 5

For each size it reports (medians over the runs, in seconds unless noted):
  write   - Python: subgraph + layout (kg/view/layout.py) + the template + writing the file
  load    - navigation start → DOMContentLoaded (parsing the page and vis-network)
  drawn   - navigation start → vis-network's first drawing (data-kg-drawn); positions come from Python
            and physics is off, so this is also when the graph stands still (data-kg-stable)
  stable  - navigation start → data-kg-stable (kept for comparison with the old, physics-driven page)
  frame   - milliseconds to redraw the canvas once afterwards (pan/zoom/drag cost; 50 ms ≈ 20 fps)
The budget is 10 s from opening the page to the drawn graph at 5,000 nodes; the size limit
kg.view.MAX_NODES is chosen from these figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.view import write_html  # noqa: E402


def _chromium_class():  # noqa: ANN202 - the DevTools client lives with the tests that use it
    spec = importlib.util.spec_from_file_location("kg_test_chromium", ROOT / "tests" / "chromium.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.Chromium


def synthetic(n: int, seed: int = 0) -> nx.MultiDiGraph:
    """A graph shaped like the real one: scale-free, ~1.5 relations and one fact per entity, CJK labels."""
    rnd = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(n, 1, seed=seed) if n > 1 else nx.empty_graph(n)
    kinds = ["Organization", "Person", "Model"]
    g = nx.MultiDiGraph()
    for i in range(n):
        kind = kinds[i % 3]
        g.add_node(f"urn:x:{i}", label=f"实体{i}号", type=kind, aliases=[f"Entity {i}"],
                   mentions=max(1, int(rnd.paretovariate(1.5))),
                   facts=[{"fact": f"argues: 观点{i}", "kind": "claim", "title": "合成文章",
                           "sentence": f"第{i}句话,关于价格战的看法。", "date": "2024-05-20"}])
    rels = ["released", "worksFor", "subsidiaryOf", "formerlyWorkedFor"]
    ev = [{"sentence": "合成证据句。", "title": "合成文章", "date": "2024-05-20", "url": "https://example.com/a",
           "role": ""}]
    edges = list(skeleton.edges())
    edges += [(rnd.randrange(n), rnd.randrange(n)) for _ in range(n // 2)]
    for a, b in edges:
        if a != b:
            g.add_edge(f"urn:x:{a}", f"urn:x:{b}", key=rnd.choice(rels), evidence=ev)
    return g


def measure(browser, page: Path, timeout: float) -> dict[str, float]:  # noqa: ANN001
    browser.call("Page.navigate", url="about:blank")
    time.sleep(0.2)
    browser.open(page)
    browser.wait_for("document.body && document.body.getAttribute('data-kg-drawn')", timeout)
    browser.wait_for("document.body.getAttribute('data-kg-stable')", timeout)
    t = browser.eval("""(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const frames = [];
        for (let i = 0; i < 5; i++) {
            const t0 = performance.now();
            network.renderer._redraw();
            frames.push(performance.now() - t0);
        }
        frames.sort((a, b) => a - b);
        return {load: nav.domContentLoadedEventEnd, drawn: +document.body.getAttribute('data-kg-drawn-ms'),
                stable: +document.body.getAttribute('data-kg-stable-ms'), frame: frames[2]};
    })()""")
    return {"load": t["load"] / 1000, "drawn": t["drawn"] / 1000, "stable": t["stable"] / 1000,
            "frame": t["frame"]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("sizes", nargs="*", type=int, default=[200, 1000, 5000])
    p.add_argument("--runs", "-r", type=int, default=3)
    p.add_argument("--timeout", type=float, default=180)
    a = p.parse_args(argv)
    chromium = _chromium_class()
    out = Path(tempfile.mkdtemp(prefix="kg-bench-view-"))
    print(f"{'nodes':>6} {'edges':>6} {'MB':>5} {'write':>6} {'load':>6} {'drawn':>6} {'stable':>6} "
          f"{'frame ms':>8}")
    with chromium() as browser:
        for n in a.sizes:
            g = synthetic(n)
            t0 = time.perf_counter()
            page = write_html(g, out / f"g{n}.html", max_nodes=None)
            write = time.perf_counter() - t0
            runs = [measure(browser, page, a.timeout) for _ in range(a.runs)]
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            print(f"{n:>6} {g.number_of_edges():>6} {page.stat().st_size / 1e6:>5.1f} {write:>6.2f} "
                  f"{med['load']:>6.2f} {med['drawn']:>6.2f} {med['stable']:>6.2f} {med['frame']:>8.1f}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
