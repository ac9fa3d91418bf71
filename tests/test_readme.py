"""README.md cannot drift from the code: its command table against ``kg.cli.parser()``, its examples
against real runs on corpus/ (scripts/readme.py regenerates them; here it only checks)."""

from __future__ import annotations

import argparse
import importlib.util
import re
import shlex
import sys
from pathlib import Path
from types import ModuleType

import pytest

from kg.cli import parser
from kg.export import EXPORTERS

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
TEXT = README.read_text(encoding="utf-8")

# Flags README mentions that belong to other programs, and where each is defined.
OTHER_FLAGS = {
    "--gold": "../shared/eval/score.py",          # make score's scorer (outside this repository)
    "--dense": "scripts/gen_corpus.py",
    "--also": "scripts/score.py",
    "--json": "scripts/score.py",
    "--old": "scripts/bench_pipeline.py",
    "--lang": "scripts/gen_corpus.py",
    "--nworkers": "scripts/dask_cluster.py",      # Dask's `dask worker`, as the tests start it
    "--nthreads": "scripts/dask_cluster.py",
}

LONG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
SHORT = re.compile(r"(?<![\w-])-[a-zA-Z](?![\w-])")


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("readme_script", ROOT / "scripts" / "readme.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


readme = load_script()


# ------------------------------------------------------------------ the parser


def subparsers() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def options(p: argparse.ArgumentParser) -> list[argparse.Action]:
    """Optional arguments, --help left out."""
    return [a for a in p._actions if a.option_strings and not isinstance(a, argparse._HelpAction)]


GLOBAL = {s for a in options(parser()) for s in a.option_strings}


def own_options(p: argparse.ArgumentParser) -> list[argparse.Action]:
    """A subcommand's options, without those the top-level parser has too (--store, given before or after)."""
    return [a for a in options(p) if not set(a.option_strings) <= GLOBAL]


def strings(p: argparse.ArgumentParser) -> set[str]:
    return {s for a in p._actions if a.option_strings for s in a.option_strings}


# ------------------------------------------------------------------ README's command table


def cells(row: str) -> list[str]:
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def table_rows() -> dict[str, str]:
    """Rows of the command table by subcommand ("" for the row of the global options)."""
    rows: dict[str, str] = {}
    for line in TEXT.splitlines():
        m = re.match(r"\|\s*`kg ([a-z][a-z-]*|\[?-)", line)
        if m:
            name = "" if m[1].lstrip("[") == "-" else m[1]
            assert name not in rows, f"two table rows for kg {name}"
            rows[name] = line
    return rows


ROWS = table_rows()


def test_table_has_a_row_for_every_subcommand_and_no_other() -> None:
    assert set(ROWS) - {""} == set(subparsers())
    assert "" in ROWS, "a row for the global options (kg --store DIR COMMAND …)"


def has(text: str, flag: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", text) is not None


@pytest.mark.parametrize("name", sorted(subparsers()))
def test_table_row_lists_every_option_and_choice_of_the_subcommand(name: str) -> None:
    p, row = subparsers()[name], ROWS[name]
    for action in own_options(p):
        longs = [s for s in action.option_strings if s.startswith("--")] or action.option_strings
        assert all(has(row, s) for s in longs), f"kg {name}: README's row lacks {longs}"
    for action in p._actions:
        for choice in action.choices or ():
            assert re.search(rf"\b{re.escape(str(choice))}\b", row, re.I), f"kg {name}: README lacks {choice!r}"
    if name == "export":
        for fmt in EXPORTERS:
            assert has(row, fmt), f"kg export: README's row lacks the format {fmt!r}"


def test_table_row_of_global_options() -> None:
    for action in options(parser()):
        assert any(has(ROWS[""], s) for s in action.option_strings), f"README's global row lacks {action}"


@pytest.mark.parametrize("name", sorted(subparsers()))
def test_table_row_mentions_no_option_the_subcommand_lacks(name: str) -> None:
    known = strings(subparsers()[name]) | GLOBAL
    row = ROWS[name]
    mentioned = set(LONG.findall(row)) | set(SHORT.findall(row))
    assert mentioned <= known, f"kg {name}: README's row mentions {sorted(mentioned - known)}, which it lacks"


def synopsis_defaults(name: str) -> list[tuple[str, str]]:
    """``--opt VALUE`` pairs in a row's synopsis whose VALUE is a literal (not a placeholder like N or URL)."""
    synopsis = cells(ROWS[name])[0].strip("`")
    words = [w.strip("[]") for w in synopsis.split()]
    return [(w, v) for w, v in zip(words, words[1:])
            if w.startswith("-") and v and not v.startswith("-") and "|" not in v and "=" not in v
            and not re.fullmatch(r"[A-Z_]+|\.\.\.|…", v)]


@pytest.mark.parametrize("name", sorted(subparsers()))
def test_table_defaults_are_the_parser_defaults(name: str) -> None:
    p = subparsers()[name]
    for flag, shown in synopsis_defaults(name):
        action = next(a for a in p._actions if flag in a.option_strings)
        default = action.default
        if isinstance(default, float):
            assert float(shown) == default, f"kg {name} {flag}: README says {shown}, the default is {default}"
        else:
            assert shown == str(default), f"kg {name} {flag}: README says {shown}, the default is {default}"


# ------------------------------------------------------------------ every kg command line in README


def code_spans_and_lines() -> list[str]:
    """Inline code spans, and the lines of code blocks (indented or fenced, not SPARQL, not example output)."""
    out = re.findall(r"`([^`\n]+)`", TEXT)
    lines = TEXT.splitlines()
    fence: str | None = None
    for line in lines:
        if fence is None:
            m = re.match(r"```(\w*)", line)
            if m:
                fence = m[1] or "text"
            elif line.startswith("    "):
                out.append(line.strip())
            continue
        if line.startswith("```"):
            fence = None
        elif fence == "console":
            if line.startswith("$ "):
                out.append(line[2:])
        elif fence != "sparql":
            out.append(line)
    return out


def kg_invocations(text: str) -> list[tuple[str, str]]:
    """(subcommand, the text after it up to a shell operator) for each ``kg SUB`` in ``text``."""
    found = []
    for m in re.finditer(r"(?:^|\s)kg((?:\s+\[?--store[ =]\S+\]?)?)\s+([a-z][a-z-]*)(.*)", text):
        rest = re.split(r"\s(?:&&?|\|\|?|;)\s", m[3])[0]
        found.append((m[2], m[1] + rest))
    return found


def test_readme_mentions_no_kg_flag_the_parser_lacks() -> None:
    subs = subparsers()
    for text in code_spans_and_lines():
        for name, rest in kg_invocations(text):
            assert name in subs, f"README runs `kg {name}`, which is no subcommand: {text!r}"
            flags = set(LONG.findall(rest)) | set(SHORT.findall(rest.split("'")[0]))
            assert flags <= strings(subs[name]) | GLOBAL, f"`kg {name}` has no {sorted(flags - strings(subs[name]))}"


def test_every_long_flag_in_readme_exists() -> None:
    known = GLOBAL | {s for p in subparsers().values() for s in strings(p)}
    for flag in set(LONG.findall(TEXT)) - known:
        assert flag in OTHER_FLAGS, f"README mentions {flag}, which no kg command has"
        where = (ROOT / OTHER_FLAGS[flag]).resolve()
        if where.exists():
            assert flag in where.read_text(encoding="utf-8"), f"{flag} is not in {OTHER_FLAGS[flag]}"


def commands_in_code_blocks() -> list[list[str]]:
    """The arguments of each ``kg`` command in README's code blocks (environment assignments and what
    follows a shell operator left out)."""
    found = []
    lines = re.sub(r"\\\n\s*", " ", TEXT).splitlines()
    fence: str | None = None
    for line in lines:
        if fence is None:
            m = re.match(r"```(\w*)", line)
            if m:
                fence = m[1] or "text"
                continue
            if not line.startswith("    "):
                continue
            command = line.strip()
        elif line.startswith("```"):
            fence = None
            continue
        elif fence == "console" and line.startswith("$ "):
            command = line[2:]
        else:
            continue
        if not re.search(r"(?:^|\s)kg\s", command):
            continue
        lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        try:
            words = list(lexer)
        except ValueError:          # a quote runs over into the next lines: an example, parsed by the script
            continue
        while "kg" in words:
            words = words[words.index("kg") + 1:]
            end = next((i for i, w in enumerate(words) if w and set(w) <= set("&|;()")), len(words))
            found.append(words[:end])
            words = words[end:]
    return found


def test_commands_in_code_blocks_parse() -> None:
    commands = commands_in_code_blocks()
    assert len(commands) > 10
    for args in commands:
        try:
            parser().parse_args(args)
        except SystemExit:
            pytest.fail(f"README's `kg {shlex.join(args)}` does not parse")


# ------------------------------------------------------------------ examples with output


def test_markers_are_read_and_stale_output_is_found() -> None:
    text = "a\n<!-- kg-example -->\n```console\n$ kg query 'SELECT\n  ?x'\nold\n```\nb\n"
    calls: list[list[str]] = []

    def run(args: list[str]) -> tuple[int, str]:
        calls.append(args)
        return 0, "new\nlines"

    assert readme.render(text, run) == "a\n<!-- kg-example -->\n```console\n$ kg query 'SELECT\n  ?x'\nnew\nlines\n```\nb\n"
    assert calls == [["query", "SELECT\n  ?x"]]
    with pytest.raises(readme.ReadmeError, match="exited 1, not 0"):
        readme.render(text, lambda args: (1, "kg: E030"))
    assert "kg: E030" in readme.render(text.replace("example", "example exit=1"), lambda args: (1, "kg: E030"))


@pytest.mark.parametrize("bad, reason", [
    ("<!-- kg-example -->\nno block\n", "followed by a fenced block"),
    ("<!-- kg-example -->\n```console\n$ kg query x\n", "never closed"),
    ("<!-- kg-example -->\n```console\nkg stats\n```\n", "first line must be the command"),
    ("<!-- kg-example -->\n```console\n$ kg build corpus\n```\n", "not read-only"),
    ("<!-- kg-example -->\n```console\n$ kg query --no-such-flag x\n```\n", "does not parse"),
    ("<!-- kg-saved-query: nope -->\n```sparql\n```\n", "no saved query"),
])
def test_bad_markers_are_refused(bad: str, reason: str) -> None:
    with pytest.raises(readme.ReadmeError, match=reason):
        readme.render(bad, lambda args: (0, ""))


def test_readme_has_examples_of_the_saved_queries_it_shows() -> None:
    assert TEXT.count("<!-- kg-example") >= 8
    for name in ("released", "prices", "claims"):
        assert f"<!-- kg-saved-query: {name} -->" in TEXT


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(readme.build_store(tmp_path_factory.mktemp("readme")))


def test_readme_examples_are_real_runs_on_the_corpus(corpus_store: Path) -> None:
    fresh = readme.render(TEXT, readme.cli_runner(corpus_store))
    assert fresh == TEXT, ("README.md's examples are stale; run `python scripts/readme.py`:\n"
                           + readme.diff(TEXT, fresh))
