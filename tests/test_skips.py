"""Tests that need a tool (Chromium, Virtuoso) skip without it, saying why, and fail instead under CI=true."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests import conftest
from tests.conftest import TOOLS, require_tool

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def missing_tool(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setitem(TOOLS, "nosuchtool", (lambda: False, "nosuchtool is not installed"))
    return "nosuchtool"


def test_missing_tool_skips_with_its_reason(missing_tool: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="nosuchtool is not installed"):
        require_tool(missing_tool)


@pytest.mark.parametrize("value", ["true", "1", "TRUE"])
def test_missing_tool_fails_under_ci(missing_tool: str, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="nosuchtool is not installed; CI=true"):
        require_tool(missing_tool)


def test_installed_tool_neither_skips_nor_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(TOOLS, "sh", (lambda: True, "never shown"))
    monkeypatch.setenv("CI", "true")
    assert require_tool("sh") is None


def test_ci_false_is_not_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    for value in ("", "false", "0"):
        monkeypatch.setenv("CI", value)
        assert not conftest.under_ci()


def _run_marked_test(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    """A test file using the ``requires_tool`` marker on a missing tool, run by a real pytest."""
    (tmp_path / "test_needs_tool.py").write_text(
        "import pytest\nfrom tests.conftest import TOOLS\n\n"
        "TOOLS['nosuchtool'] = (lambda: False, 'nosuchtool is not installed')\n\n\n"
        "@pytest.mark.requires_tool('nosuchtool')\ndef test_x():\n    raise AssertionError('ran without its tool')\n",
        "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": ci} if ci is not None else {})
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "tests.conftest", "-rfEs", "-p", "no:cacheprovider",
                           "--rootdir", str(tmp_path), str(tmp_path / "test_needs_tool.py")],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)


def test_marked_test_skip_is_reported_with_its_reason(tmp_path: Path) -> None:
    out = _run_marked_test(tmp_path, ci=None)
    assert out.returncode == 0, out.stdout + out.stderr
    assert re.search(r"SKIPPED \[1\] .*nosuchtool is not installed", out.stdout), out.stdout
    assert "1 skipped" in out.stdout


def test_marked_test_skip_is_a_failure_under_ci(tmp_path: Path) -> None:
    out = _run_marked_test(tmp_path, ci="true")
    assert out.returncode == 1, out.stdout + out.stderr
    assert "nosuchtool is not installed; CI=true" in out.stdout, out.stdout
    assert "ran without its tool" not in out.stdout        # failed at set-up: the test body never ran
    assert "1 error" in out.stdout or "1 failed" in out.stdout


def test_tool_tests_use_the_marker_not_a_bare_skip() -> None:
    """A test that needs a tool requires it through conftest (skip, or fail under CI), never with its own skip."""
    bare = re.compile(r"\bpytest\.(?:skip\(|mark\.skipif\b|importorskip\()")
    offenders = [f"{f.name}:{n}" for f in sorted(Path(__file__).parent.glob("test_*.py")) if f.name != Path(__file__).name
                 for n, line in enumerate(f.read_text("utf-8").splitlines(), 1) if bare.search(line)]
    assert offenders == [], f"skips that would pass unseen under CI: {offenders}; use requires_tool / require_tool"
