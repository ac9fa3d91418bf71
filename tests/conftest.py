"""Shared fixtures: run the pipeline on small articles written for the tests."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.pipeline import process
from kg.records import Article, Extraction

FIXTURES = Path(__file__).parent / "fixtures"

# `kg add` would leave a warm background worker behind (kg/worker.py); only tests/test_worker.py wants one
os.environ["KG_WORKER"] = "0"


def make_article(text: str, date: str | None = "2024-05-20", article_id: str = "test") -> Article:
    return Article(id=article_id, text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(),
                   date=dt.date.fromisoformat(date) if date else None, title="test")


@pytest.fixture
def extract_text() -> Callable[..., Extraction]:
    """Run analyse + extract over a text: ``extract_text("…", date="2024-05-20")``."""

    def run(text: str, date: str | None = "2024-05-20") -> Extraction:
        return process(make_article(text, date))

    return run


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


# ------------------------------------------------------------------ tools some tests need
# The browser tests need Chromium and the push tests Virtuoso. Without the tool such a test is skipped,
# with its reason printed (pytest runs with -rfEs, see pyproject.toml); under CI (CI=true, as .ci/run
# sets: it installs both) a missing tool is a failure, so a green CI run means the tests really ran.
CHROMIUM = "/usr/bin/chromium"
TOOLS: dict[str, tuple[Callable[[], bool], str]] = {
    "chromium": (lambda: Path(CHROMIUM).exists(), f"{CHROMIUM} is not installed (Debian package chromium)"),
    "virtuoso": (lambda: shutil.which("virtuoso-t") is not None and shutil.which("isql-vt") is not None,
                 "Virtuoso is not installed (Debian package virtuoso-opensource: virtuoso-t, isql-vt)"),
}


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require_tool(name: str) -> None:
    """Return if the tool ``name`` (a key of ``TOOLS``) is installed; else skip the test, or fail it under CI."""
    available, reason = TOOLS[name]
    if available():
        return
    if under_ci():
        pytest.fail(f"{reason}; CI=true, where a skipped {name} test is a failure", pytrace=False)
    pytest.skip(reason)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "requires_tool(name, ...): the test needs an external tool "
                            f"({', '.join(TOOLS)}); skipped without it, failed without it under CI=true")


@pytest.hookimpl(tryfirst=True)       # before the test's fixtures are set up
def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("requires_tool"):
        for name in mark.args:
            require_tool(name)
