"""The writer's journal: every change to the store is written down before it is made.

A change is a list of steps, each ``retract`` (an article's statements out, see ``kg.layout.retract``)
or ``add`` (an article's statements in), with the N-Triples it concerns. The journal is written
(fsync'd, then renamed into place) before the store is touched and deleted after the store is
flushed. A writer killed in between leaves it, and the next writer replays it whole: each step is a
set operation, so replaying a change that was half or fully made ends in the same store as making it
once. That is what makes a bulk load (not a transaction in RocksDB) and a replacement (remove, then
load) safe without a second copy of the data in the store.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from . import layout, rollups, summaries

NAME = ".journal"


@dataclass(frozen=True)
class Step:
    op: str            # "retract" | "add"
    graph: str         # the article's (or catalogue's) named graph
    ntriples: bytes


def write(folder: Path, steps: list[Step]) -> None:
    """Write the journal of a change, durably, before the change is made."""
    tmp = folder / (NAME + ".tmp")
    with open(tmp, "wb") as f:
        for s in steps:
            f.write(f"{s.op} {s.graph} {len(s.ntriples)}\n".encode())
            f.write(s.ntriples)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, folder / NAME)


def read(folder: Path) -> list[Step] | None:
    """The steps of a change that may not have finished (None when there is none)."""
    path = folder / NAME
    if not path.exists():
        return None
    data, steps, at = path.read_bytes(), [], 0
    while at < len(data):
        end = data.index(b"\n", at)
        op, graph, size = data[at:end].decode().split(" ")
        at = end + 1 + int(size)
        steps.append(Step(op, graph, data[end + 1:at]))
    return steps


def done(folder: Path) -> None:
    (folder / NAME).unlink(missing_ok=True)


def apply(db: ox.Store, steps: list[Step], bulk: bool = False) -> None:
    """Make the change. ``bulk``: the additions go through RocksDB's bulk loader (sorted files ingested
    in one step, ~3× cheaper per article than a transaction each, but not atomic: the journal is).
    Then the nodes whose counts the change moved are recounted (``kg.rollups``)."""
    adds = []
    added: rollups.Touched = {}
    removed: rollups.Touched = {}
    for s in steps:
        summary = summaries.summary_lines(s.ntriples)
        written = s.ntriples + summary
        rollups.touched(written, removed if s.op == "retract" else added)
        if s.op == "retract":
            quads = ox.parse(written, format=ox.RdfFormat.N_TRIPLES)      # in the default graph
            layout.retract(db, s.graph, [q.triple for q in quads])
        elif bulk:
            adds.append(layout.stored_form(s.graph, s.ntriples, summary))
        else:
            # lenient: no IRI validation (12 % of a load). The N-Triples are kg.to_rdf's, whose IRIs are
            # ours with every part percent-encoded; text from articles only ever is a literal.
            db.load(layout.stored_form(s.graph, s.ntriples, summary), format=ox.RdfFormat.N_QUADS, lenient=True)
    if adds:
        db.bulk_load(b"".join(adds), format=ox.RdfFormat.N_QUADS, lenient=True)
    rollups.update(db, added, removed)
