"""Shared fixtures: run the pipeline on small articles written for the tests."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.api import process
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
