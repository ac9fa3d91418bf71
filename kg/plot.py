"""The price war at a glance: each model's price per million tokens over time (plotly, one HTML file).

Log scale, one line per model and token kind (input solid, output dashed), cuts
and free tiers marked; hovering a point names its source article. The page embeds
plotly.js, so it works with no network.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .errors import Errors, KGError
from .store import Store

PRICES = """
SELECT DISTINCT ?m ?per ?cur ?free ?kind ?from ?until ?published ?title WHERE {
  ?m kg:pricedAt ?p .
  ?p kg:isFree ?free ; kg:evidence ?ev .
  ?ev kg:fromArticle ?a .
  OPTIONAL { ?p kg:perMillionTokens ?per } OPTIONAL { ?p kg:currency ?cur }
  OPTIONAL { ?p kg:tokenKind ?kind } OPTIONAL { ?p kg:validFrom ?from } OPTIONAL { ?p kg:validUntil ?until }
  OPTIONAL { ?a kg:published ?published } OPTIONAL { ?a kg:title ?title }
}
"""

# Free prices are drawn at this fraction of the series' lowest paid price: a log axis has no zero.
FREE_FLOOR = 0.5


@dataclass(frozen=True)
class PricePoint:
    model: str
    day: dt.date
    per_million: float | None      # None: free
    currency: str
    kind: str                      # "input", "output" or "" (not stated)
    source: str


def price_points(store: Store, currency: str | None = None, models: list[str] | None = None) -> list[PricePoint]:
    """Dated prices from the store: a price is placed at its validFrom, else its validUntil, else the article date.
    ``currency``: an ISO 4217 code in any case ("cny" is CNY)."""
    currency = currency.strip().upper() if currency else None
    # one name per model (an entity named two ways in two articles has two labels)
    names: dict[str, str] = {}
    for row in store.query("SELECT ?m (MIN(?l) AS ?label) WHERE { ?m kg:pricedAt ?p ; rdfs:label ?l } GROUP BY ?m"):
        names[row["m"].value] = row["label"].value
    out = []
    for row in store.query(PRICES):
        def v(name: str, row=row) -> str:  # noqa: ANN001
            term = row[name]
            return term.value if term is not None else ""

        day = v("from") or v("until") or v("published")
        if not day:
            continue
        free = v("free") == "true"
        cur = v("cur")
        if currency and not free and cur != currency:
            continue
        model = names.get(v("m"), v("m"))
        if models and model not in models:
            continue
        out.append(PricePoint(model, dt.date.fromisoformat(day), None if free else float(v("per")),
                              cur or (currency or ""), v("kind"), v("title")))
    return sorted(out, key=lambda p: (p.model, p.kind, p.day))


def check_output(output: str | Path) -> Path:
    """``output`` if it names an HTML file, else E043. Charts are HTML only: plotly draws images with
    kaleido, which needs a Chrome or Chromium installed beside it (and otherwise offers to download one),
    so an image could not be promised on every machine a ``pip install`` reaches."""
    path = Path(output)
    if path.suffix.lower() not in (".html", ".htm"):
        raise KGError(Errors.E043, path=path)
    return path


def write_price_chart(points: list[PricePoint], output: Path, title: str = "Model prices per million tokens") -> Path:
    """Draw the points as a self-contained HTML file (the only format, see ``check_output``)."""
    import plotly.graph_objects as go

    check_output(output)

    series: dict[tuple[str, str, str], list[PricePoint]] = defaultdict(list)
    for p in points:
        series[(p.model, p.kind, p.currency)].append(p)
    fig = go.Figure()
    for (model, kind, cur), pts in sorted(series.items()):
        paid = [p.per_million for p in pts if p.per_million is not None]
        floor = min(paid) * FREE_FLOOR if paid else 0.01
        ys = [p.per_million if p.per_million is not None else floor for p in pts]
        symbols = ["star" if p.per_million is None else "circle" for p in pts]
        text = [f"{model} {kind or ''} · {'free' if p.per_million is None else f'{p.per_million:g} {cur} / 1M tokens'}"
                f"<br>{p.day.isoformat()} · {p.source}" for p in pts]
        fig.add_trace(go.Scatter(
            x=[p.day for p in pts], y=ys, mode="lines+markers", name=f"{model} ({kind or 'price'}, {cur})",
            line={"dash": "dash" if kind == "output" else "solid", "shape": "hv"},
            marker={"symbol": symbols, "size": 10}, hovertext=text, hoverinfo="text"))
    fig.update_layout(title=title, yaxis_type="log", xaxis_title="date",
                      yaxis_title="price per million tokens (log; ★ = free)", hovermode="closest",
                      template="plotly_white")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(fig.to_html(include_plotlyjs=True, full_html=True), encoding="utf-8")
    return output
