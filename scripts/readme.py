"""README.md's examples as executable documentation: regenerate their output from real runs on corpus/.

    python scripts/readme.py            # rewrite README.md's marked blocks from real runs
    python scripts/readme.py --check    # exit 1 with a diff when README.md is stale (tests/test_readme.py)

A marker is an HTML comment (invisible on GitHub) on the line right before a fenced block:

    <!-- kg-example -->            the block's first line is the command, ``$ kg …`` (it may go on over
                                   more lines while a quote is open); the rest of the block is its output
    <!-- kg-example exit=1 -->     the same for a command that must fail with that status
    <!-- kg-saved-query: NAME -->  the block is the text of kg/queries/NAME.rq

Commands run as ``python -m kg.cli`` from the project folder with ``KG_STORE`` set to a scratch
store built from corpus/ (or ``--store DIR``), so they see the corpus and nothing else. Only
read-only commands are allowed. The output shown is stdout, then stderr; a command that exits
otherwise than its marker says is an error, and so is a marker without a block. Outputs must be
deterministic: sort queries (ORDER BY), narrow long ones with LIMIT or ``-p``, never cut them by hand.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
QUERIES = ROOT / "kg" / "queries"
READ_ONLY = {"query", "stats", "validate", "entities", "digest"}

MARKER = re.compile(r"^<!--\s*kg-(example|saved-query)\b(.*?)-->\s*$")
FENCE = re.compile(r"^(`{3,})[\w+-]*\s*$")

#: runs a command (the arguments after ``kg``) and returns (exit status, output)
Runner = Callable[[list[str]], tuple[int, str]]


class ReadmeError(Exception):
    """A marker that cannot be honoured: no block after it, a bad command, an unexpected exit status."""


def split_command(lines: list[str], where: str) -> tuple[list[str], int]:
    """The ``$ kg …`` command at the start of a block: its arguments after ``kg`` and how many lines it spans."""
    if not lines or not lines[0].startswith("$ "):
        raise ReadmeError(f"{where}: the block's first line must be the command, `$ kg …`")
    text = lines[0][2:]
    used = 1
    while True:
        try:
            words = shlex.split(text)
            break
        except ValueError:           # an open quote: the command goes on over the next line
            if used == len(lines):
                raise ReadmeError(f"{where}: the command's quote is never closed") from None
            text += "\n" + lines[used]
            used += 1
    if not words or words[0] != "kg":
        raise ReadmeError(f"{where}: the command must start with `kg`")
    return words[1:], used


def subcommand(args: list[str], where: str) -> str:
    """The subcommand the ``kg`` parser finds in ``args`` (the parser also rejects unknown flags)."""
    from kg.cli import parser

    said = io.StringIO()
    try:
        with contextlib.redirect_stderr(said):
            ns = parser().parse_args(args)
    except SystemExit:
        reason = (said.getvalue().strip().splitlines() or ["?"])[-1]
        raise ReadmeError(f"{where}: `kg {shlex.join(args)}` does not parse: {reason}") from None
    return str(ns.command)


def render(text: str, run: Runner, queries: Path = QUERIES) -> str:
    """README text with every marked block regenerated."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        m = MARKER.match(line)
        if not m:
            continue
        kind, arg = m[1], m[2].strip().lstrip(":").strip()
        where = f"README.md:{i}"
        fence = FENCE.match(lines[i]) if i < len(lines) else None
        if not fence:
            raise ReadmeError(f"{where}: a `kg-{kind}` marker must be followed by a fenced block")
        end = next((j for j in range(i + 1, len(lines)) if lines[j].rstrip() == fence[1]), None)
        if end is None:
            raise ReadmeError(f"{where}: the fenced block after the marker is never closed")
        body = lines[i + 1:end]
        if kind == "saved-query":
            path = queries / f"{arg}.rq"
            if not path.is_file():
                raise ReadmeError(f"{where}: no saved query {arg!r} ({path.relative_to(ROOT)})")
            new = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
        else:
            expect = re.fullmatch(r"(?:exit=(\d+))?", arg)
            if expect is None:
                raise ReadmeError(f"{where}: unknown marker option {arg!r} (only exit=N)")
            args, used = split_command(body, where)
            command = subcommand(args, where)
            if command not in READ_ONLY:
                raise ReadmeError(f"{where}: `kg {command}` is not read-only; examples may use "
                                  + ", ".join(sorted(READ_ONLY)))
            status, output = run(args)
            wanted = int(expect[1] or 0)
            if status != wanted:
                raise ReadmeError(f"{where}: `kg {shlex.join(args)}` exited {status}, not {wanted}:\n{output}")
            new = body[:used] + (output.split("\n") if output else [])
        out.append(lines[i])
        out.extend(new)
        out.append(lines[end])
        i = end + 1
    return "\n".join(out)


def cli_runner(store: Path) -> Runner:
    """Run ``kg`` as a user would, from the project folder, on ``store``."""
    env = {**os.environ, "KG_STORE": str(store), "KG_WORKER": "0", "PYTHONIOENCODING": "utf-8"}

    def run(args: list[str]) -> tuple[int, str]:
        r = subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True,
                           encoding="utf-8", env=env, cwd=ROOT, timeout=300)
        output = (r.stdout + r.stderr).replace("\r\n", "\n")    # SPARQL CSV/TSV end lines with CRLF
        return r.returncode, "\n".join(line.rstrip() for line in output.rstrip("\n").split("\n"))

    return run


def build_store(folder: Path) -> Path:
    """Build corpus/ into ``folder``/store with the kg command; returns the store's path."""
    store = folder / "store"
    env = {**os.environ, "KG_STORE": str(store), "KG_WORKER": "0"}
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", "-q", "corpus"], capture_output=True,
                       text=True, env=env, cwd=ROOT, timeout=600)
    if r.returncode != 0:
        raise ReadmeError(f"kg build corpus failed:\n{r.stderr}")
    return store


def diff(old: str, new: str, name: str = "README.md") -> str:
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        f"{name} (as written)", f"{name} (from real runs)"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 with a diff when README.md is stale")
    ap.add_argument("--readme", type=Path, default=README)
    ap.add_argument("--store", type=Path, help="use this store (built from corpus/) instead of building one")
    a = ap.parse_args(argv)
    old = a.readme.read_text(encoding="utf-8")
    try:
        if a.store:
            new = render(old, cli_runner(a.store))
        else:
            with tempfile.TemporaryDirectory(prefix="kg-readme-") as tmp:
                new = render(old, cli_runner(build_store(Path(tmp))))
    except ReadmeError as exc:
        print(f"readme: {exc}", file=sys.stderr)
        return 2
    if new == old:
        print(f"readme: {a.readme.name} is up to date", file=sys.stderr)
        return 0
    if a.check:
        sys.stdout.write(diff(old, new, a.readme.name))
        print(f"readme: {a.readme.name} is stale; run `python scripts/readme.py` to regenerate it", file=sys.stderr)
        return 1
    a.readme.write_text(new, encoding="utf-8")
    print(f"readme: rewrote {a.readme.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
