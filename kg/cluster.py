"""Analysis on a Dask cluster: ``kg build --cluster`` and ``kg extract --cluster``.

The analysis of an article (stages 2–5) is independent of every other article; only the store
needs one writer. So the workers of an existing Dask cluster analyse, and this process stays the
store's single writer (``kg.ingest``): it reads each article, sends its text with the task (the
workers need no shared disk) and writes the graphs as they come back, in any order.

* Before any work every worker's rules fingerprint (``kg.pipeline.rules_fingerprint``: code,
  rules, catalogue, alias file) must equal this process's; a worker on other rules is refused
  (E076), and each task checks again on the worker that runs it, for workers that join later.
* A worker that dies takes its tasks with it; the scheduler runs them again elsewhere. A task's
  graph only exists once the task has finished, and the writer stores whole graphs, so a lost
  worker never leaves part of an article. A task whose workers die again and again (Dask's
  ``allowed-failures``) fails that article with a one-line error (E077).
* Tasks of ``ARTICLES_PER_TASK`` articles are submitted a window at a time (``TASKS_PER_THREAD``
  per worker thread), so a million articles do not sit in memory at once.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from types import TracebackType
from typing import TYPE_CHECKING

from .errors import Errors, KGError
from .ingest import Result, Todo
from .pipeline import rules_fingerprint, work_file
from .read import read_bytes

if TYPE_CHECKING:
    from distributed import Client

CONNECT_TIMEOUT_S = 30       # to reach the scheduler, for a first worker to join it, and to get it back
ARTICLES_PER_TASK = 4        # as the local worker pool's chunks: a task's overhead spread over a few articles
POLL_S = 0.02               # how often to look for finished tasks (and for a lost scheduler)
# Tasks in flight per worker thread: enough queued work for every worker to ride out the writer's pauses
# (a bulk load of LOAD_BATCH articles, a checkpoint: a second or two, during which no result is taken in
# and no task submitted); at most MAX_TASKS in all, so a large cluster's results cannot pile up unbounded.
TASKS_PER_THREAD = 16
MAX_TASKS = 2048
THREADS_EVERY_S = 5.0        # how often to count the cluster's worker threads again


def analyse(articles: list[tuple[str, bytes]], expected: str, address: str) -> list[Result]:
    """The task a worker runs: each article read from the bytes that came with the task and taken through
    stages 2–5 (``work_file``, as worker processes on this machine do), unless the worker's rules differ
    from the writer's."""
    theirs = rules_fingerprint()
    if theirs != expected:
        from distributed import get_worker

        refused = Errors.E076.format(address=address, worker=get_worker().address, theirs=theirs, ours=expected)
        return [(path, None, refused) for path, _ in articles]
    return [work_file(path, data) for path, data in articles]


class Cluster:
    """A connection to a Dask scheduler whose workers have been checked; use as a context manager."""

    def __init__(self, address: str, timeout: float | None = None) -> None:
        self.address = address
        self.timeout = timeout or _timeout()
        self.client: Client | None = None
        self.lost_since: float | None = None
        self.threads, self.threads_at = 1, float("-inf")

    def __enter__(self) -> Cluster:
        from distributed import Client

        # Dask logs a lost worker or connection on stderr (its loggers' levels are its own config's);
        # what matters reaches the user as kg's own one-line errors. Put back on close, for a notebook.
        for handler in logging.getLogger("distributed").handlers:
            handler.addFilter(_quiet)
        self._probe()
        try:
            self.client = Client(self.address, timeout=self.timeout, set_as_default=False)
        except (OSError, ValueError, TypeError) as exc:       # TimeoutError is an OSError
            raise KGError(Errors.E075, address=self.address,
                          reason=f"cannot reach the scheduler ({_reason(exc)})") from None
        try:
            self._check_workers()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        for handler in logging.getLogger("distributed").handlers:
            handler.removeFilter(_quiet)

    def _probe(self) -> None:
        """Fail fast on an address that is malformed or where nothing listens (Dask's client would retry
        for the whole timeout, and a client that never connected can hang on its way out)."""
        import socket

        from distributed.comm import parse_address
        from distributed.comm.addressing import parse_host_port

        try:
            protocol, location = parse_address(self.address)
            host, port = parse_host_port(location)
        except (ValueError, TypeError) as exc:
            raise KGError(Errors.E075, address=self.address, reason=f"not an address ({_reason(exc)}); "
                          "give the scheduler's, e.g. tcp://10.0.0.5:8786") from None
        if protocol not in ("tcp", "tls"):
            return
        try:
            socket.create_connection((host, port), timeout=self.timeout).close()
        except OSError as exc:
            raise KGError(Errors.E075, address=self.address,
                          reason=f"cannot reach the scheduler ({exc.strerror or _reason(exc)})") from None

    def _check_workers(self) -> None:
        """Refuse the cluster when no worker joins, or a worker cannot run kg or runs other rules."""
        assert self.client is not None
        try:
            self.client.wait_for_workers(1, timeout=self.timeout)
        except (OSError, TimeoutError):
            raise KGError(Errors.E075, address=self.address,
                          reason=f"no worker joined the scheduler within {self.timeout:.0f} s") from None
        ours = rules_fingerprint()
        found = self.client.run(rules_fingerprint, on_error="return")
        for worker, theirs in sorted(found.items()):
            if isinstance(theirs, BaseException):
                raise KGError(Errors.E075, address=self.address, reason=f"worker {worker} cannot run kg "
                              f"({_reason(theirs)}); install the same kg version there")
            if theirs != ours:
                raise KGError(Errors.E076, address=self.address, worker=worker, theirs=theirs, ours=ours)

    def results(self, todo: list[Todo]) -> Iterator[tuple[Todo, Result]]:
        """Each article analysed on a worker, paired with its result, in the order they finish."""
        from distributed import as_completed

        assert self.client is not None
        client = self.client
        ours = rules_fingerprint()
        threads = self._threads()
        per_task = max(1, min(ARTICLES_PER_TASK, len(todo) // (2 * threads)))   # few articles: every thread busy
        queue = iter(todo)
        running: dict[object, list[Todo]] = {}
        done = as_completed(loop=client.loop)

        def top_up() -> Iterator[tuple[Todo, Result]]:
            while len(running) < min(MAX_TASKS, TASKS_PER_THREAD * self._threads()):
                batch: list[tuple[Todo, bytes]] = []
                for t in queue:
                    try:
                        batch.append((t, read_bytes(t.path)))     # the text travels with the task: no shared disk
                    except KGError as exc:
                        yield t, (str(t.path), None, str(exc))
                    if len(batch) == per_task:
                        break
                if not batch:
                    return
                articles = [(str(t.path), data) for t, data in batch]
                future = client.submit(analyse, articles, ours, self.address, pure=False)
                running[future] = [t for t, _ in batch]
                done.add(future)

        yield from top_up()
        while not done.is_empty():
            if not done.has_ready():
                self._check_scheduler()
                time.sleep(POLL_S)
                continue
            for future in done.next_batch(block=False):
                if future.status == "cancelled" and client.status != "running":
                    raise self._lost()      # Dask's client gave up on the scheduler and cancelled its tasks
                batch = running.pop(future)
                yield from zip(batch, _outcome(future, batch))
                future.release()
            yield from top_up()

    def _threads(self) -> int:
        """Worker threads in the cluster, asked again every ``THREADS_EVERY_S``: workers come and go
        (an adaptive deployment, a lost machine)."""
        assert self.client is not None
        now = time.monotonic()
        if now - self.threads_at > THREADS_EVERY_S:
            self.threads = max(1, sum(self.client.nthreads().values()))
            self.threads_at = now
        return self.threads

    def _check_scheduler(self) -> None:
        """Give up when the scheduler has been gone for the whole timeout (Dask's client would wait for it
        forever). What was stored stays; the same command again analyses only what is missing."""
        assert self.client is not None
        if self.client.status == "running":
            self.lost_since = None
            return
        self.lost_since = self.lost_since or time.monotonic()
        if time.monotonic() - self.lost_since > self.timeout:
            raise self._lost()

    def _lost(self) -> KGError:
        return KGError(Errors.E075, address=self.address, reason=f"lost the scheduler for {self.timeout:.0f} s "
                       "during the work; what was finished is kept: run the same command again to finish")


def _timeout() -> float:
    """Seconds to wait for the scheduler: ``$KG_CLUSTER_TIMEOUT``, else ``CONNECT_TIMEOUT_S``."""
    text = os.environ.get("KG_CLUSTER_TIMEOUT", "")
    try:
        return float(text) if text and float(text) > 0 else CONNECT_TIMEOUT_S
    except ValueError:
        return CONNECT_TIMEOUT_S


def _quiet(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.CRITICAL


def _outcome(future: object, batch: list[Todo]) -> list[Result]:
    """The task's results; a task Dask gave up on (its workers kept dying, the scheduler went away) is
    a one-line error for each of its articles."""
    from distributed import KilledWorker

    try:
        return future.result()  # type: ignore[attr-defined,no-any-return]
    except KilledWorker:
        reason = "its worker died on every try"
    except Exception as exc:  # noqa: BLE001  (one task's failure must not stop the build)
        reason = _reason(exc)
    return [(str(t.path), None, Errors.E077.format(path=t.path, reason=reason)) for t in batch]


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
