"""The price war at a glance: each model's price per million tokens over time (plotly, one HTML file).

    from kg.plot import price_points, write_price_chart
    chart = write_price_chart(price_points(store, currency="CNY"), Path("out/prices.html"))

Each price is a step line from when it held to when it ended: ``validFrom`` to ``validUntil``, else to
the model's next price of that kind, else to the right edge; a price without ``validFrom`` starts at its
article's date (or, when the article is not older than its ``validUntil``, shortly before that). One
panel per currency (log scale), one colour per maker (models of a maker grouped in the legend, told
apart by their markers), input solid and output dashed; free tiers get a strip of their own, one row
per model, so none hides under another. Hover names model, maker, price, kind and source article. The
``top`` most-mentioned models are drawn, the rest are one legend click (or the "all models" button)
away. No matching price: a page that says so (``ChartResult.matched`` is 0; ``kg plot`` exits 1).

The page embeds plotly.js, so it works with no network. Article text (model names, titles) is escaped
before plotly sees it: plotly renders a subset of HTML in legends and hover labels.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Errors, KGError
from .store import Store

PRICES = """
SELECT DISTINCT ?m ?per ?cur ?free ?kind ?from ?until ?a ?published ?title WHERE {
  ?m kg:pricedAt ?p .
  ?p kg:isFree ?free ; kg:evidence ?ev .
  ?ev kg:fromArticle ?a .
  OPTIONAL { ?p kg:perMillionTokens ?per } OPTIONAL { ?p kg:currency ?cur }
  OPTIONAL { ?p kg:tokenKind ?kind } OPTIONAL { ?p kg:validFrom ?from } OPTIONAL { ?p kg:validUntil ?until }
  OPTIONAL { ?a kg:published ?published } OPTIONAL { ?a kg:title ?title }
}
"""
MODELS = """
SELECT ?m (MIN(?l) AS ?label) (SAMPLE(?ol) AS ?maker) (COUNT(DISTINCT ?a) AS ?mentions) WHERE {
  ?m kg:pricedAt ?p ; rdfs:label ?l .
  OPTIONAL { ?m kg:mentionedIn ?a }
  OPTIONAL { ?o kg:released ?m . ?o rdfs:label ?ol }
} GROUP BY ?m
"""

TOP_MODELS = 12                          # drawn by default; the rest are a legend click away
HELD_BEFORE = dt.timedelta(days=3)       # how far back a price known only by its end is drawn
MIN_PAD = dt.timedelta(days=3)           # x-axis padding: all points on one day still span a week
NO_MAKER = "(maker not stated)"
MAKER_COLORS = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948", "#9c755f",
                "#ff9da7", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#bcbd22"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "cross", "x", "pentagon", "star", "hexagon",
           "triangle-down"]


@dataclass(frozen=True)
class PricePoint:
    model: str
    day: dt.date                   # where the price starts on the chart
    per_million: float | None      # None: free
    currency: str                  # a free tier's is its model's (or maker's, or article's) paid currency
    kind: str                      # "input", "output" or "" (not stated)
    source: str                    # the article's title
    maker: str = NO_MAKER
    until: dt.date | None = None   # validUntil, when stated
    published: str = ""            # the article's date
    mentions: int = 1              # articles that mention the model
    start_stated: bool = True      # False: the price is known only by its end (or its article's date)


@dataclass
class ChartResult:
    """What ``write_price_chart`` wrote: ``matched`` points (0: the page says no price matches)."""

    path: Path
    matched: int
    models: int = 0
    message: str = ""
    hint: str = ""                 # with no match: what prices the store holds


@dataclass
class _Row:
    m: str
    per: float | None
    cur: str
    kind: str
    start: dt.date | None
    until: dt.date | None
    published: dt.date | None
    article: str
    title: str


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _rows(store: Store) -> list[_Row]:
    rows = []
    for sol in store.query(PRICES):
        def v(name: str, sol: Any = sol) -> str:
            term = sol[name]
            return term.value if term is not None else ""

        free = v("free") == "true"
        per = None if free or not v("per") else float(v("per"))
        if not free and per is None:
            continue
        rows.append(_Row(v("m"), per, v("cur"), v("kind"), _date(v("from")), _date(v("until")),
                         _date(v("published")), v("a"), v("title")))
    return rows


def _free_currency(rows: list[_Row], makers: dict[str, str]) -> dict[tuple[str, str], str]:
    """(model, article) -> the currency a free tier there counts in: its model's paid prices', else its
    maker's, else its article's most common one; so --currency never draws a free model under a
    currency nothing ties it to."""
    by_model: dict[str, Counter] = defaultdict(Counter)
    by_maker: dict[str, Counter] = defaultdict(Counter)
    by_article: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        if r.per is not None and r.cur:
            by_model[r.m][r.cur] += 1
            by_maker[makers.get(r.m, "")][r.cur] += 1
            by_article[r.article][r.cur] += 1
    out = {}
    for r in rows:
        if r.per is None:
            for counts in (by_model[r.m], by_maker[makers.get(r.m, "")] if makers.get(r.m) else Counter(),
                           by_article[r.article]):
                if counts:
                    out[(r.m, r.article)] = r.cur or counts.most_common(1)[0][0]
                    break
            else:
                out[(r.m, r.article)] = r.cur
    return out


def price_points(store: Store, currency: str | None = None, models: list[str] | None = None) -> list[PricePoint]:
    """Dated prices from the store, one per price and article, sorted by model, kind and start.
    ``currency``: an ISO 4217 code in any case ("cny" is CNY); ``models``: labels (any case, NFKC)."""
    currency = currency.strip().upper() if currency else None
    wanted = {_norm(m) for m in models or []}
    info: dict[str, tuple[str, str, int]] = {}
    for sol in store.query(MODELS):
        maker = sol["maker"].value if sol["maker"] is not None else NO_MAKER
        info[sol["m"].value] = (sol["label"].value, maker, int(sol["mentions"].value))
    rows = _rows(store)
    free_cur = _free_currency(rows, {m: mk for m, (_, mk, _) in info.items() if mk != NO_MAKER})
    out = set()
    for r in rows:
        label, maker, mentions = info.get(r.m, (r.m, NO_MAKER, 1))
        cur = r.cur if r.per is not None else free_cur.get((r.m, r.article), "")
        if (currency and cur != currency) or (wanted and _norm(label) not in wanted):
            continue
        start, stated = r.start, r.start is not None
        if start is None:
            start = r.published
            if r.until and (start is None or start >= r.until):
                start = r.until - HELD_BEFORE
        if start is None:
            continue
        out.add(PricePoint(label, start, r.per, cur, r.kind, r.title, maker, r.until,
                           r.published.isoformat() if r.published else "", mentions, stated))
    return sorted(out, key=lambda p: (p.model, p.kind, p.currency, p.day, p.per_million or 0.0, p.source))


def check_output(output: str | Path) -> Path:
    """``output`` if it names an HTML file, else E043. Charts are HTML only: plotly draws images with
    kaleido, which needs a Chrome or Chromium installed beside it (and otherwise offers to download one),
    so an image could not be promised on every machine a ``pip install`` reaches."""
    path = Path(output)
    if path.suffix.lower() not in (".html", ".htm"):
        raise KGError(Errors.E043, path=path)
    return path


# ------------------------------------------------------------------ segments: when each price held

@dataclass
class Segment:
    point: PricePoint
    start: dt.date
    end: dt.date | None          # None: still in force (drawn to the right edge)
    sources: list[str] = field(default_factory=list)


def segments(points: list[PricePoint]) -> dict[tuple[str, str, str, bool], list[Segment]]:
    """Per (model, kind, currency, free): the prices as consecutive segments. The same price from two
    articles is one segment with both sources; so is a price known only by its end ("cut from 1 to 0.5
    on 3 June") that another article gives a start; a price without an end ends where the next starts."""
    series: dict[tuple[str, str, str, bool], list[Segment]] = defaultdict(list)
    ordered = sorted(points, key=lambda p: (not p.start_stated, p.day, p.until or dt.date.max))
    for p in ordered:
        segs = series[(p.model, p.kind, p.currency, p.per_million is None)]
        same = next((s for s in segs if s.point.per_million == p.per_million and s.start == p.day
                     and s.end == p.until), None)
        if same is None and not p.start_stated and p.until:
            same = next((s for s in segs if s.point.per_million == p.per_million and s.start <= p.until
                         and (s.end is None or s.end == p.until)), None)
            if same:
                same.end = p.until
        if same:
            same.sources.append(_source(p))
            continue
        segs.append(Segment(p, p.day, p.until, [_source(p)]))
    for segs in series.values():
        segs.sort(key=lambda s: (s.start, s.end or dt.date.max))
        for a, b in zip(segs, segs[1:]):
            if a.end is None and b.start > a.start:
                a.end = b.start
    return series


def _source(p: PricePoint) -> str:
    return " · ".join(x for x in (p.source, p.published) if x) or "(untitled article)"


def x_range(points: list[PricePoint]) -> tuple[dt.date, dt.date]:
    """The dates the chart spans: every start and end, padded by 5% or at least ``MIN_PAD`` each side."""
    days = [p.day for p in points] + [p.until for p in points if p.until]
    lo, hi = min(days), max(days)
    pad = max(MIN_PAD, (hi - lo) * 0.05)
    return lo - pad, hi + pad


def write_price_chart(points: list[PricePoint], output: Path, title: str = "Model prices per million tokens",
                      top: int = TOP_MODELS, filters: str = "", hint: str = "") -> ChartResult:
    """Draw the points as a self-contained HTML file (the only format, see ``check_output``); without
    points, a page that says no price matches ``filters`` (what was asked), with ``hint`` (what there is)."""
    check_output(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    if not points:
        message = f"no prices match{' ' + filters if filters else ''}"
        output.write_text(no_match_page(title, message, hint), encoding="utf-8")
        return ChartResult(output, 0, 0, message, hint)
    fig, shown, total = price_figure(points, title, top)
    output.write_text(fig.to_html(include_plotlyjs=True, full_html=True), encoding="utf-8")
    return ChartResult(output, len(points), total,
                       f"{len(points)} prices of {total} models ({shown} drawn, the rest in the legend)"
                       if shown < total else f"{len(points)} prices of {total} models")


def available(store: Store) -> str:
    """What prices the store holds, for a page or message that says none matched."""
    points = price_points(store)
    if not points:
        return "The store holds no prices."
    curs = sorted({p.currency for p in points if p.currency})
    models = sorted({p.model for p in points})
    shown = ", ".join(models[:8]) + (f" and {len(models) - 8} more" if len(models) > 8 else "")
    return f"The store has prices in {', '.join(curs) or 'no stated currency'} for {len(models)} models: {shown}."


def esc(text: object) -> str:
    """Untrusted text for plotly's legend and hover labels, which render a subset of HTML."""
    return html.escape(str(text), quote=True)


# ------------------------------------------------------------------ drawing

@dataclass
class _Style:
    """Who is drawn how: a colour per maker, a marker per model of a maker, the top models visible."""

    color: dict[str, str]
    symbol: dict[str, str]
    maker: dict[str, str]
    order: list[str]          # models, grouped by maker
    top: set[str]


def _style(points: list[PricePoint], top: int) -> _Style:
    mentions = {p.model: p.mentions for p in points}
    maker = {p.model: p.maker for p in points}
    ranked = sorted(mentions, key=lambda m: (-mentions[m], m))
    by_maker: dict[str, list[str]] = defaultdict(list)
    for m in sorted(mentions):
        by_maker[maker[m]].append(m)
    makers = sorted(by_maker, key=lambda k: (k == NO_MAKER, -len(by_maker[k]), k))
    color = {k: "#888888" if k == NO_MAKER else MAKER_COLORS[i % len(MAKER_COLORS)] for i, k in enumerate(makers)}
    symbol = {m: SYMBOLS[i % len(SYMBOLS)] for k in makers for i, m in enumerate(by_maker[k])}
    return _Style(color, symbol, maker, [m for k in makers for m in by_maker[k]], set(ranked[:top]))


def _price_text(p: PricePoint) -> str:
    return "free" if p.per_million is None else f"{p.per_million:g} {p.currency} / 1M tokens"


def _hover(seg: Segment, right: dt.date) -> str:
    p = seg.point
    start = seg.start.isoformat() if p.start_stated else f"(start not stated; shown from {seg.start})"
    end = seg.end.isoformat() if seg.end else "still in force"
    lines = [f"<b>{esc(p.model)}</b> · {esc(p.maker)}",
             f"{esc(_price_text(p))} · {esc(p.kind or 'kind not stated')}",
             f"{start} → {end}", *(f"source: {esc(s)}" for s in seg.sources[:5])]
    if len(seg.sources) > 5:
        lines.append(f"and {len(seg.sources) - 5} more articles")
    return "<br>".join(lines)


def _steps(segs: list[Segment], right: dt.date, y_of: Any) -> tuple[list, list, list, list]:
    """x, y, hover text and marker sizes of a step line: a marker where each price starts, a line to its
    end, a gap where nothing is known."""
    xs: list[Any] = []
    ys: list[Any] = []
    texts: list[str] = []
    sizes: list[int] = []
    for i, seg in enumerate(segs):
        if i and segs[i - 1].end and segs[i - 1].end != seg.start:
            xs.append(None)
            ys.append(None)
            texts.append("")
            sizes.append(0)
        end = seg.end or right
        text = _hover(seg, right)
        xs += [seg.start, max(end, seg.start)]
        ys += [y_of(seg.point)] * 2
        texts += [text, text]
        sizes += [10, 0]
    return xs, ys, texts, sizes


def _dodge(series: dict[tuple[str, str, str, bool], list[Segment]]) -> dict[tuple[str, str, str, bool], float]:
    """A small factor for each paid series that starts at the same price on the same day as an earlier one
    (two models at 21 CNY would be one line): 8% apart on the log axis; hover gives the exact price."""
    seen: Counter = Counter()
    out = {}
    for key, segs in sorted(series.items()):
        if key[3]:
            continue
        first = segs[0]
        sig = (key[2], first.start, first.point.per_million)
        out[key] = 1.08 ** seen[sig]
        seen[sig] += 1
    return out


def _panels(points: list[PricePoint]) -> list[tuple[str, bool]]:
    """(currency, free) per subplot row: the currencies with most prices first, each with its free strip."""
    counts = Counter(p.currency for p in points)
    rows = []
    for cur in sorted(counts, key=lambda c: (-counts[c], c)):
        for free in (False, True):
            if any(p.currency == cur and (p.per_million is None) == free for p in points):
                rows.append((cur, free))
    return rows


def price_figure(points: list[PricePoint], title: str, top: int = TOP_MODELS) -> tuple[Any, int, int]:
    """The plotly figure, how many models it shows at first and how many it holds."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    style = _style(points, top)
    panels = _panels(points)
    lo, hi = x_range(points)
    free_models = {cur: sorted({p.model for p in points if p.currency == cur and p.per_million is None},
                               key=style.order.index) for cur, _ in panels}
    # the strip's rows: the drawn models' (a model drawn from the legend gets a row at the end)
    free_models = {cur: [m for m in models if m in style.top] or models for cur, models in free_models.items()}
    heights = [1.0 if not free else 0.12 + 0.06 * len(free_models[cur]) for cur, free in panels]
    fig = make_subplots(rows=len(panels), cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        row_heights=heights, subplot_titles=[
                            f"free tiers ({esc(cur or 'currency not stated')})" if free else
                            f"{esc(cur or 'currency not stated')} per million tokens (log scale)"
                            for cur, free in panels])
    titled: set[str] = set()
    series = segments(points)
    dodge = _dodge(series)
    for model in style.order:
        for (m, kind, cur, free), segs in sorted(series.items(), key=lambda kv: (kv[0][3], kv[0][1], kv[0][2])):
            if m != model:
                continue
            row = panels.index((cur, free)) + 1
            nudge = dodge.get((m, kind, cur, free), 1.0)
            xs, ys, texts, sizes = _steps(segs, hi, (lambda p: esc(p.model)) if free else
                                          (lambda p, k=nudge: (p.per_million or 0.0) * k))
            maker = style.maker[model]
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines+markers", connectgaps=False,
                name=f"{esc(model)} · {'free' if free else esc(kind or 'price')} · {esc(cur or '?')}",
                legendgroup=maker, legendgrouptitle_text=None if maker in titled else esc(maker),
                line={"color": style.color[maker], "width": 3 if free else 2,
                      "dash": "dash" if kind == "output" else "solid", "shape": "hv"},
                marker={"symbol": style.symbol[model], "size": sizes, "color": style.color[maker]},
                hovertext=texts, hovertemplate="%{hovertext}<extra></extra>",
                visible=True if model in style.top else "legendonly", meta=esc(model)), row=row, col=1)
            titled.add(maker)
    for i, (cur, free) in enumerate(panels, 1):
        if free:
            fig.update_yaxes(type="category", categoryorder="array", autorange="reversed",
                             categoryarray=[esc(m) for m in free_models[cur]], row=i, col=1)
        else:
            paid = [p.per_million for p in points if p.currency == cur and p.per_million]
            lo_y, hi_y = min(paid) / 2, max(paid) * 2
            # 1-2-5 ticks written out in full (plotly's own log ticks label 20 and 30 as "2" and "3")
            ticks = [m * 10.0 ** e for e in range(math.floor(math.log10(lo_y)), math.ceil(math.log10(hi_y)) + 1)
                     for m in (1, 2, 5) if lo_y <= m * 10.0 ** e <= hi_y]
            fig.update_yaxes(type="log", title_text=f"{esc(cur)} / 1M tokens", row=i, col=1,
                             range=[math.log10(lo_y), math.log10(hi_y)], tickvals=ticks,
                             ticktext=[f"{t:,.6g}" for t in ticks])
    _layout(fig, title, style, lo, hi, len(panels), sum(heights))
    return fig, len(style.top), len(style.order)


def _layout(fig: Any, title: str, style: _Style, lo: dt.date, hi: dt.date, rows: int, height: float) -> None:
    shown, total = len(style.top), len(style.order)
    note = (f"the {shown} most-mentioned of {total} models; the others are in the legend (click to draw)"
            if shown < total else f"{total} models")
    fig.update_xaxes(range=[lo.isoformat(), hi.isoformat()], type="date", showticklabels=True)
    fig.update_layout(
        title={"text": f"{esc(title)}<br><sup>{note}</sup><br><sup>colour = maker · solid = input, dashed = "
                       "output · hover for price, dates and source · equal prices drawn slightly apart</sup>",
               "y": 0.98, "yanchor": "top"},
        template="plotly_white", hovermode="closest", height=int(300 + 420 * height),
        legend={"groupclick": "toggleitem", "tracegroupgap": 8}, margin={"t": 150})
    if shown < total:
        top = [True if t.meta in {esc(m) for m in style.top} else "legendonly" for t in fig.data]
        fig.update_layout(updatemenus=[{
            "type": "buttons", "direction": "right", "x": 1.0, "y": 1.0, "xanchor": "right", "yanchor": "bottom",
            "pad": {"b": 36},
            "buttons": [{"label": f"top {shown} models", "method": "restyle", "args": [{"visible": top}]},
                        {"label": f"all {total} models", "method": "restyle",
                         "args": [{"visible": [True] * len(fig.data)}]}]}])


def no_match_page(title: str, message: str, hint: str = "") -> str:
    """A small self-contained page for a chart with nothing to draw (no script, no network)."""
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{esc(title)}: no prices match</title>"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\">"
            "<style>body{font:16px system-ui,'WenQuanYi Micro Hei',sans-serif;margin:3em;color:#333}"
            "h1{font-size:22px}.hint{color:#666}</style></head><body>"
            f"<h1 id=\"kg-no-match\">No prices match</h1><p>{esc(title)}: {esc(message)}.</p>"
            f"<p class=\"hint\">{esc(hint)}</p></body></html>\n")
