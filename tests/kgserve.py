"""A real ``kg serve`` process for tests: started on a free loopback port, stopped afterwards."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def kg_serve(store: Path, *args: str) -> Iterator[str]:
    """Run ``kg --store STORE serve --port P ARGS…`` until the block ends; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "kg"), "--store", str(store), "serve",
                             "--port", str(port), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "KG_STORE": "/nonexistent"})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(base + "/", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            time.sleep(0.1)
        else:
            pytest.fail("kg serve did not start")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
