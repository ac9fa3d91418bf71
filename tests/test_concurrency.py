"""Concurrent use: one writer at a time, clearly refused or waited for; readers never blocked.

The writer holds an exclusive ``flock`` on ``<store>.lock`` (released by the kernel if it dies);
readers open the RocksDB store with ``pyoxigraph.Store.read_only``, which works while another
process writes and sees a consistent snapshot taken when it opens.
"""

from __future__ import annotations

import resource
import subprocess
import threading
import time
from pathlib import Path

from kg import api
from tests.test_crash import ROOT, kg, kg_cmd, kg_env, write_corpus

FILES: dict[int, tuple[Path, Path]] = {}


def _start(*args: str, store: Path, out: Path) -> subprocess.Popen[str]:
    """Start ``kg``; its output goes to files (a pipe nobody reads yet would block a big export)."""
    out.mkdir(exist_ok=True)
    n = len(FILES)
    so, se = out / f"{n}.out", out / f"{n}.err"
    with open(so, "w") as fo, open(se, "w") as fe:
        proc = subprocess.Popen(kg_cmd(*args, store=store), env=kg_env(), cwd=ROOT, text=True, stdout=fo,
                                stderr=fe, preexec_fn=_cap_memory)
    FILES[proc.pid] = (so, se)
    return proc


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))




def _output(proc: subprocess.Popen[str]) -> tuple[str, str]:
    proc.wait(timeout=300)
    so, se = FILES[proc.pid]
    return so.read_text("utf-8"), se.read_text("utf-8")


def test_second_writer_refused_or_waits_and_readers_work_during_a_build(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = tmp_path / "first"
    write_corpus(first, 3)
    assert kg("build", "-q", str(first), store=store).returncode == 0
    big = tmp_path / "big"
    write_corpus(big, 600, version=3)     # long enough to overlap the readers' start-up (builds got faster)

    writer = subprocess.Popen(kg_cmd("build", "-v", str(big), store=store), env=kg_env(), cwd=ROOT, text=True,
                              stderr=subprocess.PIPE)
    assert writer.stderr is not None
    for line in writer.stderr:            # wait until it holds the lock and writes
        if line.startswith(("added ", "replaced ")):
            break
    rest: list[str] = []
    drain = threading.Thread(target=lambda: rest.extend(writer.stderr or []), daemon=True)
    drain.start()
    other = tmp_path / "other"
    write_corpus(other, 1, version=9)
    out = tmp_path / "out"
    refused = _start("build", str(other), store=store, out=out)
    waiting = _start("build", "--wait", str(other), store=store, out=out)
    readers = {name: _start(*args, store=store, out=out) for name, args in {
        "query": ("query", "--format", "csv", "SELECT (COUNT(*) AS ?n) WHERE { ?a kg:articleId ?id }"),
        "stats": ("stats",),
        "export": ("export", "--format", "nq"),
    }.items()}

    # poll every child. (No reads in this process: a read-only open racing the writer has been seen to
    # allocate without bound, see the known issues below; a child has a memory cap, pytest has none.)
    pending = {"refused": refused, **readers}
    done_while_writing: dict[str, bool] = {}
    while pending:
        for name, proc in list(pending.items()):
            if proc.poll() is not None:
                done_while_writing[name] = writer.poll() is None
                del pending[name]
        time.sleep(0.05)

    _, err = _output(refused)
    assert refused.returncode == 1
    assert f"store is being written by process {writer.pid}" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    for name, proc in readers.items():
        stdout, err = _output(proc)
        # readers open the snapshot the previous writer left, never the database being written
        # (pyoxigraph: read-only beside a writer is undefined behaviour: lost table files, runaway memory)
        assert proc.returncode == 0, f"{name}: {err}"
        assert "Traceback" not in err
        assert stdout.strip(), name
    assert done_while_writing["refused"] and any(done_while_writing[n] for n in readers), \
        f"the build ended before the readers ({done_while_writing}): make the big corpus bigger"

    assert writer.wait(timeout=300) == 0, "".join(rest)
    drain.join(timeout=10)
    _, err = _output(waiting)
    assert waiting.returncode == 0, err       # --wait: ran after the first writer, no error
    assert "1 replaced" in err and "0 failed" in err
    assert api.stats(store=store)["articles"] == 600     # robust-000..599; the waiting writer replaced one


def test_queries_during_a_stores_first_build_answer_from_an_empty_store(tmp_path: Path) -> None:
    """A first build leaves no snapshot until it ends (or reaches CHECKPOINT_EVERY articles): readers then
    see the store as it was before the build, empty: 0 rows and exit 0, not an error. ``kg serve`` started
    meanwhile answers 0 rows too, then the build's rows once it is done."""
    import json
    import os
    import signal
    import sys

    import httpx

    from kg.ingest import CHECKPOINT_EVERY
    from tests.kgserve import free_port

    store = tmp_path / "store"
    corpus = tmp_path / "corpus"
    n = min(450, CHECKPOINT_EVERY - 1)          # no snapshot before the build ends
    write_corpus(corpus, n)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?a kg:articleId ?id }"
    writer = subprocess.Popen(kg_cmd("build", "-v", str(corpus), store=store), env=kg_env(), cwd=ROOT, text=True,
                              stderr=subprocess.PIPE)
    serve: subprocess.Popen[bytes] | None = None
    try:
        assert writer.stderr is not None
        for line in writer.stderr:            # it holds the lock and writes the store's first articles
            if line.startswith("added "):
                break
        writer.send_signal(signal.SIGSTOP)    # a build in progress, for as long as the test needs
        assert not list(store.parent.glob("store.snapshots/*/.complete"))

        out = kg("query", "--format", "csv", count, store=store)
        assert (out.returncode, out.stdout.split(), out.stderr) == (0, ["n", "0"], "")
        out = kg("stats", store=store)
        assert out.returncode == 0 and out.stderr == "", out.stderr
        out = kg("query", "released", store=store)
        assert out.returncode == 0 and "first build" not in out.stderr, out.stderr

        port = free_port()
        serve = subprocess.Popen([str(Path(sys.executable).parent / "kg"), "--store", str(store), "serve",
                                  "--port", str(port), "--workers", "1"], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, env={**os.environ, "KG_STORE": "/nonexistent"})
        url = f"http://127.0.0.1:{port}/sparql"

        def served_count() -> int:
            for _ in range(150):
                try:
                    r = httpx.post(url, data={"query": count}, timeout=10,
                                   headers={"Accept": "application/sparql-results+json"})
                    assert r.status_code == 200, r.text
                    return int(json.loads(r.text)["results"]["bindings"][0]["n"]["value"])
                except httpx.TransportError:
                    assert serve is not None and serve.poll() is None, "kg serve exited"
                    time.sleep(0.1)
            raise AssertionError("kg serve did not start")

        assert served_count() == 0
        assert writer.poll() is None          # all of the above while the first build was under way

        writer.send_signal(signal.SIGCONT)
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        assert kg("query", "--format", "csv", count, store=store).stdout.split() == ["n", str(n)]
        assert served_count() == n            # the server answers from the build's snapshot once it is there
    finally:
        writer.send_signal(signal.SIGCONT)
        if writer.poll() is None:
            writer.kill()
            writer.wait(10)
        if serve is not None:
            serve.terminate()
            serve.wait(10)
