"""A real Dask cluster on loopback, started with Dask's own command-line tools (for tests and benchmarks).

    with LocalDask(workers=2) as cluster:
        subprocess.run(["kg", "build", "--cluster", cluster.address, "corpus"])

The scheduler and each worker (``dask worker --nworkers 1 --nthreads 1``) are separate process
groups started from this Python's virtualenv; they inherit the environment (PYTHONPATH included,
so workers import the same kg as the caller), and a worker can be started with extra environment
or killed outright (SIGKILL to its whole group: the nanny and the worker process).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalDask:
    def __init__(self, workers: int = 2, env: dict[str, str] | None = None) -> None:
        self.n = workers
        self.env = {**os.environ, **(env or {}), "DASK_DISTRIBUTED__LOGGING__DISTRIBUTED": "error"}
        self.address = f"tcp://127.0.0.1:{free_port()}"
        self.folder = Path(tempfile.mkdtemp(prefix="kg-dask-"))
        self.scheduler: subprocess.Popen[bytes] | None = None
        self.workers: list[subprocess.Popen[bytes]] = []

    def _start(self, args: list[str], env: dict[str, str], log: str) -> subprocess.Popen[bytes]:
        with open(self.folder / log, "ab") as out:
            return subprocess.Popen([str(BIN / "dask"), *args], env=env, stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True, cwd=self.folder)

    def start_worker(self, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        """One more worker process (one thread) joining the scheduler; ``env`` adds to its environment."""
        proc = self._start(["worker", self.address, "--nworkers", "1", "--nthreads", "1", "--host", "127.0.0.1",
                            "--no-dashboard", "--local-directory", str(self.folder / "work"),
                            "--memory-limit", "0"],
                           {**self.env, **(env or {})}, f"worker-{len(self.workers)}.log")
        self.workers.append(proc)
        return proc

    def wait_for_workers(self, n: int, timeout: float = 90) -> None:
        """Until ``n`` workers have joined the scheduler (asked with a Dask client of our own)."""
        from distributed import Client

        with Client(self.address, timeout=timeout, set_as_default=False) as client:
            client.wait_for_workers(n, timeout=timeout)
            deadline = time.monotonic() + timeout
            while len(client.scheduler_info(n_workers=-1)["workers"]) != n and time.monotonic() < deadline:
                time.sleep(0.2)      # a killed worker may still be listed for a moment

    def kill(self, proc: subprocess.Popen[bytes]) -> None:
        """SIGKILL the worker's process group: no goodbye to the scheduler, as when a machine dies."""
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        self.workers.remove(proc)

    def log(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-2000:] for p in sorted(self.folder.glob("*.log")))

    def __enter__(self) -> LocalDask:
        port = self.address.rsplit(":", 1)[1]
        self.scheduler = self._start(["scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
                                     self.env, "scheduler.log")
        for _ in range(self.n):
            self.start_worker()
        self.wait_for_workers(self.n)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        for proc in [*self.workers, *([self.scheduler] if self.scheduler else [])]:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.folder, ignore_errors=True)
