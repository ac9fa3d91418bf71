"""A warm analysis process, so `kg add` does not pay the pipeline's start-up each time.

Importing spaCy and building the pipeline take over a second, several times what
analysing one article costs. `kg add` therefore hands its articles to a background
worker that keeps the pipeline loaded, starting one when none is running. The worker
only analyses (article in, N-Triples out); the `kg add` process itself writes the
store, so the store keeps its single writer and its lock.

* The worker listens on a Unix socket in the cache folder (``$KG_CACHE``, else
  ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``; safe to delete), made private to
  the user, and every connection is authenticated with a random key stored there
  (``multiprocessing.connection``: HMAC challenge, then pickled messages).
* Its name carries a fingerprint of the code, rules, catalogue and alias file it
  loaded: after an upgrade or a catalogue edit a new worker starts, and the old one
  idles out.
* It exits after ``$KG_WORKER_IDLE`` seconds without work (default 900).
  ``KG_WORKER=0`` turns the worker off (analysis in the `kg add` process);
  ``kg worker stop`` stops a running one.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Client, Connection, Listener
from pathlib import Path

from .records import Article

IDLE_S = 900
START_TIMEOUT_S = 60
Result = tuple[str, bytes | None, str | None]      # (path, N-Triples, one-line error)


def enabled() -> bool:
    return os.environ.get("KG_WORKER", "1") not in ("0", "off", "no", "false")


def cache_path() -> Path:
    """Where kg keeps what it can rebuild (the worker's socket and key); the user may delete it."""
    base = os.environ.get("KG_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
    return Path(base)


def cache_dir() -> Path:
    """``cache_path()``, created private to the user."""
    path = cache_path()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def fingerprint() -> str:
    """The rules the worker loaded (``rules_fingerprint``) and this Python and installation: after an
    upgrade or a catalogue edit a new worker starts."""
    from .pipeline import rules_fingerprint

    rules_fingerprint.cache_clear()        # the catalogue or aliases may have changed since the last call
    where = f"{sys.executable}\0{Path(__file__).parent}\0{rules_fingerprint()}"
    return hashlib.sha256(where.encode()).hexdigest()[:16]


def _address(folder: Path) -> str:
    return str(folder / f"worker-{fingerprint()}.sock")


def _key(folder: Path) -> bytes:
    path = folder / "worker.key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(32))
    return path.read_bytes()


def _connect(folder: Path, address: str) -> Connection | None:
    if not os.path.exists(address):
        return None
    try:
        return Client(address, family="AF_UNIX", authkey=_key(folder))
    except (OSError, EOFError):
        return None


def connect() -> Connection:
    """A connection to a warm worker; one is started in the background if none is running."""
    folder = cache_dir()
    address = _address(folder)      # the fingerprint reads the package's files: once per call
    conn = _connect(folder, address)
    if conn is not None:
        return conn
    _key(folder)
    with open(folder / "worker.log", "ab") as log:     # the worker's own errors, for a bug report
        subprocess.Popen([sys.executable, "-m", "kg.worker", str(folder)], stdin=subprocess.DEVNULL,
                         stdout=log, stderr=log, start_new_session=True, close_fds=True,
                         cwd=Path(__file__).parent.parent)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        conn = _connect(folder, address)
        if conn is not None:
            return conn
        time.sleep(0.05)
    raise TimeoutError(f"the analysis worker did not start within {START_TIMEOUT_S} s (see {folder}/worker.log)")


def analyse(conn: Connection, article: Article) -> Result:
    """Stages 2–5 of one article in the warm worker: (path, N-Triples, one-line error)."""
    conn.send(("article", article))
    return conn.recv()


def running() -> bool:
    """Whether a worker for the current code answers."""
    folder = cache_dir()
    conn = _connect(folder, _address(folder))
    if conn is not None:
        conn.close()
    return conn is not None


def stop() -> bool:
    """Stop the worker of the current code, if one runs; returns whether one did."""
    folder = cache_dir()
    conn = _connect(folder, _address(folder))
    if conn is None:
        return False
    with conn:
        conn.send(("stop", None))
        return conn.recv() == "stopping"


# ------------------------------------------------------------------ the worker process

def serve(folder: Path, idle: float) -> None:
    """Load the pipeline, then answer connections one at a time until idle for ``idle`` seconds."""
    from .pipeline import warm_up, work_article

    warm_up()
    address = _address(folder)
    if os.path.exists(address):
        os.unlink(address)            # a dead worker's socket (a live one would have answered)
    last = [time.monotonic()]

    def watchdog() -> None:
        while time.monotonic() - last[0] < idle:
            time.sleep(min(5.0, idle / 4))
        _quit(address)

    with Listener(address, family="AF_UNIX", authkey=_key(folder)) as listener:
        os.chmod(address, 0o600)
        threading.Thread(target=watchdog, daemon=True).start()
        while True:
            try:
                conn = listener.accept()
            except (OSError, EOFError):     # a client that failed the key check
                continue
            with conn:
                try:
                    while True:
                        kind, payload = conn.recv()
                        last[0] = time.monotonic()
                        if kind == "stop":
                            conn.send("stopping")
                            _quit(address)
                        conn.send(work_article(payload))
                except EOFError:
                    pass
            last[0] = time.monotonic()


def _quit(address: str) -> None:
    try:
        os.unlink(address)
    finally:
        os._exit(0)


if __name__ == "__main__":
    serve(Path(sys.argv[1]), float(os.environ.get("KG_WORKER_IDLE", IDLE_S)))
