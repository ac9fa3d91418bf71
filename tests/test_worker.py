"""The warm worker behind `kg add`: started on demand, used, versioned, private, stoppable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from multiprocessing.connection import Client
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = "---\nid: {id}\n---\n星澜科技发布了大模型Lumen-{n}-Pro，每百万tokens输入{n}元。\n"


@pytest.fixture
def cache() -> Iterator[Path]:
    # a short folder: a Unix socket's path must stay under 108 bytes
    folder = Path(tempfile.mkdtemp(prefix="kgw-", dir="/tmp"))
    yield folder
    kg("worker", "stop", cache=folder)
    shutil.rmtree(folder, ignore_errors=True)


def kg(*args: str, cache: Path, store: Path | None = None, worker: str = "1") -> subprocess.CompletedProcess[str]:
    # a worker a test cannot reach any more (test_worker_gone…) exits on its own soon
    env = {**os.environ, "KG_CACHE": str(cache), "KG_WORKER": worker, "KG_WORKER_IDLE": "30"}
    if store:
        env["KG_STORE"] = str(store)
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def quads(store: Path) -> set[str]:
    return {str(q) for q in ox.Store.read_only(str(store)).quads_for_pattern(None, None, None, None)}


def write(folder: Path, n: int) -> Path:
    path = folder / f"a{n}.md"
    path.write_text(ARTICLE.format(id=f"a{n}", n=n), "utf-8")
    return path


def test_worker_add_starts_one_then_reuses_it_with_the_same_result(tmp_path: Path, cache: Path) -> None:
    assert "none running" in kg("worker", "status", cache=cache).stderr
    first, second = write(tmp_path, 1), write(tmp_path, 2)
    r = kg("add", str(first), cache=cache, store=tmp_path / "warm")
    assert r.returncode == 0, r.stderr
    assert "running" in kg("worker", "status", cache=cache).stderr
    sockets = list(cache.glob("worker-*.sock"))
    assert len(sockets) == 1 and oct(sockets[0].stat().st_mode & 0o777) == "0o600"
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    r = kg("add", str(second), cache=cache, store=tmp_path / "warm")
    assert r.returncode == 0 and "1 added" in r.stderr, r.stderr
    assert list(cache.glob("worker-*.sock")) == sockets          # the same worker answered
    # what the worker analysed is what this process would have: the stores are equal
    for f in (first, second):
        assert kg("add", str(f), cache=cache, store=tmp_path / "cold", worker="0").returncode == 0
    assert quads(tmp_path / "warm") == quads(tmp_path / "cold")
    assert "stopped" in kg("worker", "stop", cache=cache).stderr
    assert "none running" in kg("worker", "status", cache=cache).stderr
    assert not list(cache.glob("worker-*.sock"))


def test_worker_refuses_a_client_without_the_key(tmp_path: Path, cache: Path) -> None:
    from multiprocessing import AuthenticationError

    assert kg("worker", "start", cache=cache).returncode == 0
    [sock] = cache.glob("worker-*.sock")
    with pytest.raises(AuthenticationError):
        Client(str(sock), family="AF_UNIX", authkey=b"not the key")
    r = kg("add", str(write(tmp_path, 3)), cache=cache, store=tmp_path / "s")     # and still serves
    assert r.returncode == 0 and "1 added" in r.stderr, r.stderr


def test_worker_new_catalogue_or_aliases_mean_a_new_worker(tmp_path: Path, cache: Path) -> None:
    """Cached analysis must never be stale: the worker's name carries what it loaded."""
    assert kg("worker", "start", cache=cache).returncode == 0
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("organizations: {}\nmodels: {}\npersons: {}\n", "utf-8")
    env = {**os.environ, "KG_CACHE": str(cache), "KG_WORKER": "1", "KG_ALIASES": str(aliases), "KG_WORKER_IDLE": "30"}
    r = subprocess.run([sys.executable, "-m", "kg.cli", "worker", "start"], env=env, cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert len(list(cache.glob("worker-*.sock"))) == 2
    subprocess.run([sys.executable, "-m", "kg.cli", "worker", "stop"], env=env, cwd=ROOT, timeout=60)


def test_worker_gone_mid_way_falls_back_to_this_process(tmp_path: Path, cache: Path) -> None:
    assert kg("worker", "start", cache=cache).returncode == 0
    [sock] = cache.glob("worker-*.sock")
    sock.unlink()                          # a stale or vanished worker: kg add must not fail
    r = kg("add", str(write(tmp_path, 4)), cache=cache, store=tmp_path / "s")
    assert r.returncode == 0 and "1 added" in r.stderr, r.stderr


def test_worker_unusable_cache_folder_is_one_line_and_kg_add_still_works(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    r = kg("worker", "start", cache=blocker / "kg")
    assert r.returncode == 1 and r.stderr.startswith("kg: E080:") and "Traceback" not in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    r = kg("add", str(write(tmp_path, 5)), cache=blocker / "kg", store=tmp_path / "s")   # analysed in-process
    assert r.returncode == 0 and "1 added" in r.stderr, r.stderr
