"""Query answers as rows two answers can be compared by (one engine against another, a query against its
reference)."""

from __future__ import annotations

import pyoxigraph as ox


def normalised(res, columns: list[str] | None = None) -> list[tuple]:  # noqa: ANN001
    """Rows (of ``columns``, default all) as comparable tuples; GROUP_CONCAT lists are sorted since their
    order is unspecified."""
    names = columns or [v.value for v in res.variables]
    out = []
    for s in res:
        row = []
        for n in names:
            t = s[n]
            if t is None:
                row.append(None)
            elif isinstance(t, ox.Literal):
                value = ", ".join(sorted(t.value.split(", "))) if ", " in t.value else t.value
                if t.datatype.value.endswith(("#decimal", "#integer", "#double")):
                    value = str(float(value))
                row.append(value)
            else:
                row.append(t.value)
        out.append(tuple(row))
    return out


def sorted_rows(res, columns: list[str] | None = None) -> list[tuple]:  # noqa: ANN001
    """``normalised`` rows in one order, for answers whose order is not part of what is compared."""
    return sorted(normalised(res, columns), key=str)
