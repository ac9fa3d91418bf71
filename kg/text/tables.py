"""Markdown tables in an article's text: runs of ``| … |`` rows after a header and a separator row."""

from __future__ import annotations

import re

ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)
SEPARATOR = re.compile(r"^[\s|:\-]+$")


def cells(line: str, start: int) -> list[tuple[int, str]]:
    """(offset, text) of each cell of a table row starting at ``start``."""
    out, pos = [], start + line.index("|") + 1
    for part in line.strip().strip("|").split("|"):
        out.append((pos, part))
        pos += len(part) + 1
    return out


def tables(text: str) -> list[list[tuple[int, str]]]:
    """Runs of table rows, (offset, line) each, whose second row is a separator."""
    runs: list[list[tuple[int, str]]] = []
    last_end = -2
    for m in ROW.finditer(text):
        if runs and m.start() == last_end + 1:
            runs[-1].append((m.start(), m.group(0)))
        else:
            runs.append([(m.start(), m.group(0))])
        last_end = m.end()
    return [r for r in runs if len(r) > 2 and SEPARATOR.match(r[1][1])]
