"""kg build / kg extract on a real Dask cluster: a scheduler and two workers on loopback, started with
Dask's own command-line tools from this virtualenv (scripts/dask_cluster.py), the workers importing kg
from this checkout. The store a cluster build leaves must equal the one a local build leaves, byte for
byte in its N-Quads export, also when a worker is killed in the middle of the build."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cluster import analyse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from dask_cluster import LocalDask  # noqa: E402

# articles in both languages that live in this repository (a clean clone has no ../shared)
ARTICLES = [ROOT / "tests" / "heldout3" / "articles", ROOT / "tests" / "heldout-en2" / "articles"]
INPUTS = [ROOT / "corpus", *ARTICLES]


def kg(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_STORE": str(store), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, env=env,
                          timeout=300, cwd=ROOT)


def export(store: Path) -> list[bytes]:
    """The store's `kg export --format nq`, its lines sorted: with no blank nodes, a canonical form of the
    dataset (the order RocksDB gives quads in can depend on how they were loaded)."""
    r = subprocess.run([sys.executable, "-m", "kg.cli", "--store", str(store), "export", "--format", "nq"],
                       capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    quads = list(ox.parse(r.stdout, format=ox.RdfFormat.N_QUADS))
    assert not any(isinstance(term, ox.BlankNode) for q in quads for term in (q.subject, q.object))
    return sorted(r.stdout.splitlines())


def article_count() -> int:
    return sum(1 for p in INPUTS for f in (p.iterdir() if p.is_dir() else [p]) if f.suffix == ".md")


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalDask]:
    assert all(a.is_dir() for a in ARTICLES), f"{ARTICLES}: the test articles are missing"
    with LocalDask(workers=2, env={"PYTHONPATH": str(ROOT)}) as c:
        yield c


@pytest.fixture(scope="module")
def local_nq(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    """The reference: the same articles built on this machine, as `kg build` always has."""
    store = tmp_path_factory.mktemp("local") / "store"
    r = kg("build", "-q", *map(str, INPUTS), store=store)
    assert r.returncode == 0, r.stderr
    data = export(store)
    assert len(data) > 1000
    return data


def two_workers(cluster: LocalDask) -> None:
    """Tests run in any order: make sure two good workers are there (the kill test leaves one)."""
    while len(cluster.workers) < 2:
        cluster.start_worker()
    cluster.wait_for_workers(2)


def test_cluster_build_equals_local_build(cluster: LocalDask, local_nq: list[bytes], tmp_path: Path) -> None:
    two_workers(cluster)
    store = tmp_path / "store"
    r = kg("build", "--cluster", cluster.address, *map(str, INPUTS), store=store)
    assert r.returncode == 0, r.stderr + cluster.log()
    n = article_count()
    assert f"build: {n} added, 0 replaced, 0 unchanged, 0 failed" in r.stderr
    assert f"{n}/{n} 100%" in r.stderr          # the progress bar, fed by finished tasks
    assert export(store) == local_nq
    again = kg("build", "--cluster", cluster.address, *map(str, INPUTS), store=store)
    assert again.returncode == 0 and f"0 added, 0 replaced, {n} unchanged" in again.stderr


def test_cluster_extract_then_load_equals_build(cluster: LocalDask, local_nq: list[bytes], tmp_path: Path) -> None:
    two_workers(cluster)
    shards = tmp_path / "shards"
    r = kg("extract", *map(str, INPUTS), "--cluster", cluster.address, "-o", str(shards), store=tmp_path / "none")
    assert r.returncode == 0, r.stderr + cluster.log()
    assert not (tmp_path / "none").exists()          # extracting writes no store
    assert [p.name for p in shards.iterdir()] == ["part-00000.nq.gz"]
    store = tmp_path / "store"
    loaded = kg("load", str(shards), store=store)
    n = article_count()
    assert loaded.returncode == 0 and f"load: {n} added, 0 replaced, 0 unchanged, 0 failed" in loaded.stderr
    assert export(store) == local_nq
    again = kg("load", str(shards), store=store)
    assert again.returncode == 0 and f"load: 0 added, 0 replaced, {n} unchanged" in again.stderr


def test_cluster_refuses_a_worker_on_other_rules(cluster: LocalDask, tmp_path: Path) -> None:
    two_workers(cluster)
    aliases = tmp_path / "aliases.yaml"          # another alias file: the analysis would differ
    aliases.write_text("organizations:\n  acme-labs: [艾克米实验室]\nmodels: {}\npersons: {}\n", encoding="utf-8")
    odd = cluster.start_worker(env={"KG_ALIASES": str(aliases)})
    try:
        cluster.wait_for_workers(3)
        store = tmp_path / "store"
        r = kg("build", "--cluster", cluster.address, str(ROOT / "corpus"), store=store)
        assert r.returncode == 1
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"kg: E076: cluster {cluster.address}: worker tcp://"), r.stderr
        assert "runs other rules" in lines[0]
        assert not store.exists()         # refused before the store was opened
        # a worker that joins after the check refuses each task itself
        from distributed import Client

        with Client(cluster.address, set_as_default=False) as client:
            alias_files = client.run(os.getenv, "KG_ALIASES")
            worker = next(w for w, value in alias_files.items() if value == str(aliases))
            seed = ROOT / "corpus" / "price-war-2024-05.md"
            [(path, data, error)] = client.submit(analyse, [(str(seed), seed.read_bytes())], "0" * 16,
                                                  cluster.address, workers=[worker], pure=False).result()
        assert data is None and error and error.startswith(f"E076: cluster {cluster.address}: worker {worker}")
    finally:
        cluster.kill(odd)
    cluster.wait_for_workers(2)


def test_cluster_unreachable_scheduler_is_one_line(tmp_path: Path) -> None:
    from dask_cluster import free_port

    store = tmp_path / "store"
    for address, problem in [(f"tcp://127.0.0.1:{free_port()}", "cannot reach the scheduler"),
                             ("nonsense:::", "not an address")]:
        r = kg("build", "--cluster", address, str(ROOT / "corpus"), store=store)
        assert r.returncode == 1
        assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"kg: E075: cluster {address}: {problem}")
    assert not store.exists()


def test_cluster_worker_killed_mid_build_loses_no_article(cluster: LocalDask, local_nq: list[bytes],
                                                          tmp_path: Path) -> None:
    """SIGKILL a worker while it holds tasks: the scheduler runs them again on the other worker, the
    build finishes with every article, and the store equals the local build's (no partial article)."""
    from distributed import Client

    two_workers(cluster)
    store = tmp_path / "store"
    env = {**os.environ, "KG_STORE": str(store), "PYTHONPATH": str(ROOT)}
    build = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", "-v", "--cluster", cluster.address,
                              *map(str, INPUTS)], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    victim = cluster.workers[0]
    lost: list[str] = []
    with Client(cluster.address, set_as_default=False) as client:
        # the worker process runs in the process group of the `dask worker` command that started it
        address = next(w for w, group in client.run(os.getpgrp).items() if group == victim.pid)
        deadline = time.monotonic() + 120
        while not lost and time.monotonic() < deadline and build.poll() is None:
            lost = [str(k) for k in client.processing(workers=[address]).get(address, [])]
            time.sleep(0.02)
        assert lost, "the worker never held a task: " + cluster.log()
        cluster.kill(victim)
    out, err = build.communicate(timeout=300)
    assert build.returncode == 0, err + cluster.log()
    n = article_count()
    assert f"build: {n} added, 0 replaced, 0 unchanged, 0 failed" in err
    assert err.count("\nadded ") + err.startswith("added ") == n
    assert not (store / ".journal").exists()
    assert export(store) == local_nq
    cluster.start_worker()               # for whatever runs next



def test_cluster_lost_scheduler_is_one_line_and_a_rerun_finishes(local_nq: list[bytes], tmp_path: Path) -> None:
    """The scheduler killed mid-build: after KG_CLUSTER_TIMEOUT seconds the build stops with one line
    (Dask's client would wait for it forever), what it stored is whole, and a rerun finishes the store."""
    from distributed import Client

    store = tmp_path / "store"
    with LocalDask(workers=1, env={"PYTHONPATH": str(ROOT)}) as doomed:
        env = {**os.environ, "KG_STORE": str(store), "PYTHONPATH": str(ROOT), "KG_CLUSTER_TIMEOUT": "3"}
        build = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", "-q", "--cluster", doomed.address,
                                  *map(str, INPUTS)], env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True)
        with Client(doomed.address, set_as_default=False) as client:
            deadline = time.monotonic() + 120
            while not any(client.processing().values()) and time.monotonic() < deadline:
                time.sleep(0.02)
            assert build.poll() is None, "the build ended before the scheduler could be killed"
        assert doomed.scheduler is not None
        os.killpg(doomed.scheduler.pid, 9)
        _, err = build.communicate(timeout=120)
    assert build.returncode == 1
    assert err.count("\n") == 1 and err.startswith(f"kg: E075: cluster {doomed.address}: lost the scheduler"), err
    rerun = kg("build", "-q", *map(str, INPUTS), store=store)          # here, without the cluster
    assert rerun.returncode == 0, rerun.stderr
    assert export(store) == local_nq
