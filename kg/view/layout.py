"""Node positions computed in Python, so the browser draws a large graph at once with physics off.

A force-directed layout (Fruchterman–Reingold forces: springs along edges, repulsion between all nodes,
a weak pull to the centre that keeps small components near) in numpy. Up to ``EXACT_UP_TO`` nodes every
pair repels exactly; above, each node feels its neighbours within two cells of a fine grid exactly and
everything further away as the centres of mass of a coarse grid's cells, so one step costs about
n × (neighbours + cells) instead of n². networkx's own layouts are dense (ForceAtlas2 took 8 s for
1,000 nodes here) or need scipy. See scripts/bench_view.py for the figures.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable

import numpy as np

EXACT_UP_TO = 400
GRAVITY = 0.5
COARSE = 10                 # coarse grid: COARSE × COARSE cells for the far field


def force_layout(nodes: list[Hashable], edges: Iterable[tuple[Hashable, Hashable, float]], spacing: float = 80.0,
                 iterations: int | None = None, seed: int = 0) -> dict[Hashable, tuple[float, float]]:
    """Positions for ``nodes`` (in drawing units, about ``spacing`` between neighbours); ``edges`` are
    (a, b, weight) with a stronger weight pulling a pair closer (a subsidiary to its parent)."""
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {v: i for i, v in enumerate(nodes)}
    pairs = [(index[a], index[b], w) for a, b, w in edges if a != b and a in index and b in index]
    src = np.array([p[0] for p in pairs], dtype=np.int64)
    dst = np.array([p[1] for p in pairs], dtype=np.int64)
    weight = np.array([p[2] for p in pairs], dtype=np.float64)
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = _tree_start(n, src, dst, rng, side)
    # ForceAtlas2's idea: a node weighs its degree + 1, so hubs push harder and move less, and their
    # neighbours spread around them instead of piling up
    mass = 1.0 + np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    steps = iterations or (200 if n <= EXACT_UP_TO else 60)
    near = (np.zeros(0, np.int64), np.zeros(0, np.int64))
    far = np.zeros_like(pos)
    for step in range(steps):
        temp = side * 0.1 * (1 - step / steps) + 0.01
        if n <= EXACT_UP_TO:
            disp = _repulsion(pos, mass)
        else:
            if step % 4 == 0:           # neighbours move little in four steps, the far field less in two
                near = near_pairs(pos, 2.0)
            if step % 2 == 0:
                far = _far_repulsion(pos, mass)
            disp = _near_repulsion(pos, mass, near) + far
        if len(src):
            pull = (pos[src] - pos[dst]) * weight[:, None]      # a spring: the force grows with the length
            for axis in (0, 1):             # bincount: np.add.at is many times slower
                disp[:, axis] += (np.bincount(dst, pull[:, axis], n) - np.bincount(src, pull[:, axis], n)) / mass
        disp -= pos * GRAVITY           # keeps components together: repulsion from n nodes ~ n / r
        length = np.sqrt((disp ** 2).sum(1)) + 1e-9
        pos += disp * (np.minimum(length, temp) / length)[:, None]
    pos -= pos.mean(0)
    pos *= spacing
    return {v: (round(float(pos[i, 0]), 1), round(float(pos[i, 1]), 1)) for i, v in enumerate(nodes)}


def _tree_start(n: int, src: np.ndarray, dst: np.ndarray, rng: np.random.Generator, side: float) -> np.ndarray:
    """Starting positions that already keep neighbours together: breadth first from the best-connected
    node of each component, a child one unit from its parent in a random direction; components start at
    random places. The forces then mostly spread, which takes far fewer steps than untangling."""
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for a, b in zip(src.tolist(), dst.tolist()):
        neighbours[a].append(b)
        neighbours[b].append(a)
    pos = np.full((n, 2), np.nan)
    angles = rng.uniform(0, 2 * math.pi, n)
    step = np.stack([np.cos(angles), np.sin(angles)], 1) * 1.5
    for root in sorted(range(n), key=lambda i: -len(neighbours[i])):
        if not np.isnan(pos[root, 0]):
            continue
        pos[root] = rng.uniform(-side / 2, side / 2, 2)
        queue = [root]
        for v in queue:
            for w in neighbours[v]:
                if np.isnan(pos[w, 0]):
                    pos[w] = pos[v] + step[w]
                    queue.append(w)
    pos -= pos.mean(0)
    rms = math.sqrt(float((pos ** 2).sum(1).mean())) + 1e-9
    return pos * (side / 2 / rms)       # about one node per unit square: no crowd for the near field


def _repulsion(pos: np.ndarray, mass: np.ndarray) -> np.ndarray:
    """Every pair, per unit of the moved node's mass: the other's mass / d away (the sum of
    w·(p - q) as p·Σw - W @ q)."""
    d2 = (pos[:, 0:1] - pos[None, :, 0]) ** 2 + (pos[:, 1:2] - pos[None, :, 1]) ** 2
    np.fill_diagonal(d2, np.inf)
    w = mass[None, :] / (d2 + 1e-9)
    return pos * w.sum(1)[:, None] - w @ pos


def near_pairs(pos: np.ndarray, radius: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    """(a, b) index pairs of nodes in neighbouring cells of a grid of side ``radius``: every pair closer
    than ``radius`` and some a little further (a ≠ b; each pair in both orders)."""
    n = len(pos)
    cell = np.floor(pos / radius).astype(np.int64)
    cell -= cell.min(0)
    width = int(cell[:, 1].max()) + 3
    key = cell[:, 0] * width + cell[:, 1]
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    out_a, out_b = [], []
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            target = key + dx * width + dy
            lo = np.searchsorted(sorted_key, target, "left")
            count = np.searchsorted(sorted_key, target, "right") - lo
            total = int(count.sum())
            if not total:
                continue
            a = np.repeat(np.arange(n), count)
            b = order[np.repeat(lo, count) + np.arange(total) - np.repeat(np.cumsum(count) - count, count)]
            keep = a != b
            out_a.append(a[keep])
            out_b.append(b[keep])
    if not out_a:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(out_a), np.concatenate(out_b)


def _near_repulsion(pos: np.ndarray, mass: np.ndarray, near: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """The given pairs exactly."""
    n = len(pos)
    disp = np.zeros_like(pos)
    a, b = near
    delta = pos[a] - pos[b]
    d2 = (delta ** 2).sum(1) + 1e-9
    force = delta * (mass[b] / d2)[:, None]
    disp[:, 0] = np.bincount(a, force[:, 0], minlength=n)
    disp[:, 1] = np.bincount(a, force[:, 1], minlength=n)
    return disp


def _far_repulsion(pos: np.ndarray, node_mass: np.ndarray) -> np.ndarray:
    """Every coarse cell but the node's own, and none within the near field's reach, as its mass at its
    centre of mass."""
    lo_xy, hi_xy = pos.min(0), pos.max(0)
    size = (hi_xy - lo_xy) / COARSE + 1e-9
    cc = np.minimum(((pos - lo_xy) / size).astype(np.int64), COARSE - 1)
    ckey = cc[:, 0] * COARSE + cc[:, 1]
    mass = np.bincount(ckey, node_mass, minlength=COARSE * COARSE)
    cx = np.bincount(ckey, pos[:, 0] * node_mass, minlength=COARSE * COARSE)
    cy = np.bincount(ckey, pos[:, 1] * node_mass, minlength=COARSE * COARSE)
    full = np.nonzero(mass)[0]
    cxs, cys, cell_mass = cx[full] / mass[full], cy[full] / mass[full], mass[full]
    d2 = (pos[:, 0:1] - cxs[None, :]) ** 2 + (pos[:, 1:2] - cys[None, :]) ** 2
    w = cell_mass[None, :] / (d2 + 1e-9)
    w[(d2 < 4.0) | (ckey[:, None] == full[None, :])] = 0.0
    total = w.sum(1)
    return np.stack([pos[:, 0] * total - w @ cxs, pos[:, 1] * total - w @ cys], 1)
