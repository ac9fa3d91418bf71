"""``kg digest``: what the articles published in a date window added to the graph, grouped for a reader.

Sections in the order an analyst reads them: new models and who released them, price changes
(biggest cut first), new prices (with the price before where the graph has one, cuts first),
people who joined or left organisations, and new claims by person. Every line names its source
article(s) and a date: the fact's own date when the text gives one, else the article's.

The window is bound into the queries as ``xsd:date`` values (pyoxigraph substitutions), never
spliced into their text; a date that is not ``YYYY-MM-DD`` is a one-line error (E081).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from .errors import Errors, KGError
from .plot import PRICES
from .query import bound
from .store import Store

FORMATS = ("md", "html", "json")
_XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
LAST_DAY = dt.date(9999, 12, 31)      # no --until: everything from --since on

# The articles published in the window (?since and ?until are projected because pyoxigraph binds only
# projected variables); then each fact query runs once per such article, bound to it (?a): an article's
# facts are those whose evidence comes from it (kg:fromArticle), a pattern lookup per article. One query
# over every article with the window as a filter took seconds per thousand articles.
ARTICLES = """SELECT ?since ?until ?a ?aid ?pub ?title ?url WHERE {
  ?a a kg:Article ; kg:articleId ?aid ; kg:published ?pub .
  OPTIONAL { ?a kg:title ?title } OPTIONAL { ?a kg:url ?url }
  FILTER (?pub >= ?since && ?pub <= ?until) } ORDER BY ?pub ?aid"""
RELATIONS = """SELECT ?a ?sentence ?s ?p ?o ?role ?date WHERE {
    ?ev kg:fromArticle ?a ; kg:subject ?s ; kg:predicate ?p ; kg:object ?o ; kg:sentence ?sentence .
    VALUES ?p { kg:released kg:worksFor kg:formerlyWorkedFor }
    OPTIONAL { ?ev kg:role ?role } OPTIONAL { ?ev kg:date ?date } }"""
WINDOW_PRICES = """SELECT ?a ?sentence ?m ?per ?cur ?free ?kind ?from ?until_ WHERE {
    ?ev kg:fromArticle ?a ; kg:sentence ?sentence . ?n kg:evidence ?ev . ?m kg:pricedAt ?n . ?n kg:isFree ?free .
    OPTIONAL { ?n kg:perMillionTokens ?per } OPTIONAL { ?n kg:currency ?cur }
    OPTIONAL { ?n kg:tokenKind ?kind } OPTIONAL { ?n kg:validFrom ?from }
    OPTIONAL { ?n kg:validUntil ?until_ } }"""
CHANGES = """SELECT ?a ?sentence ?m ?pct ?kind ?date WHERE {
    ?ev kg:fromArticle ?a ; kg:sentence ?sentence . ?n kg:evidence ?ev . ?m kg:priceChange ?n .
    ?n kg:changePercent ?pct . OPTIONAL { ?n kg:tokenKind ?kind } OPTIONAL { ?n kg:date ?date } }"""
CLAIMS = """SELECT ?a ?sentence ?s ?text ?date WHERE {
    ?ev kg:fromArticle ?a ; kg:sentence ?sentence . ?n kg:evidence ?ev . ?s kg:argues ?n .
    ?n kg:text ?text . OPTIONAL { ?n kg:date ?date } }"""
LABEL = "SELECT ?e (MIN(STR(?l)) AS ?label) WHERE { ?e rdfs:label ?l } GROUP BY ?e"
MAKERS = "SELECT DISTINCT ?m ?o WHERE { ?o kg:released ?m }"
FIRST_SEEN = "SELECT ?e (MIN(?pub) AS ?first) WHERE { ?e kg:mentionedIn ?a . ?a kg:published ?pub } GROUP BY ?e"

SECTIONS = {     # field of Digest -> heading
    "models": "New models and who released them",
    "price_changes": "Price changes, biggest cuts first",
    "prices": "New prices",
    "people": "People: who left, who is where",
    "claims": "New claims, by person",
}


@dataclass
class Source:
    article: str
    title: str
    date: str
    url: str = ""


@dataclass
class Line:
    """One line of a digest: a fact about an entity, with its date, sources and one evidence sentence."""

    about: str                      # the entity's name
    iri: str
    what: str                       # the fact in words: "released by DeepSeek", "-97% (input)", …
    date: str
    sources: list[Source] = field(default_factory=list)
    evidence: str = ""
    previous: str = ""              # prices: the price before, where the graph has one
    price: str = ""                 # models: the latest price the graph has for it
    change: float | None = None     # percent; a cut is negative
    new: bool = False               # models: no article before the window mentions it


@dataclass
class Digest:
    since: str
    until: str                      # "" when open-ended
    articles: list[Source] = field(default_factory=list)
    models: list[Line] = field(default_factory=list)
    price_changes: list[Line] = field(default_factory=list)
    prices: list[Line] = field(default_factory=list)
    people: list[Line] = field(default_factory=list)
    claims: list[Line] = field(default_factory=list)
    more: dict[str, int] = field(default_factory=dict)     # section -> lines left out by ``top``

    def top(self, n: int | None) -> Digest:
        """The first ``n`` lines of each section (the ones an analyst reads first); the rest counted in ``more``."""
        if n is None:
            return self
        for name in SECTIONS:
            lines = getattr(self, name)
            if len(lines) > n:
                self.more[name] = len(lines) - n
                setattr(self, name, lines[:n])
        return self

    @property
    def empty(self) -> bool:
        return not self.articles

    @property
    def window(self) -> str:
        return f"{self.since} to {self.until}" if self.until else f"since {self.since}"

    def sections(self) -> list[tuple[str, list[Line], int]]:
        """(heading, lines, lines left out) of each section that has lines."""
        return [(title, getattr(self, name), self.more.get(name, 0))
                for name, title in SECTIONS.items() if getattr(self, name)]


# ------------------------------------------------------------------ dates

def parse_date(value: str | dt.date, option: str = "--since") -> dt.date:
    """A ``YYYY-MM-DD`` date from the user; anything else is E081 (one line, naming the option)."""
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise KGError(Errors.E081, option=option, value=str(value)) from None


def window(since: str | dt.date, until: str | dt.date | None = None) -> tuple[dt.date, dt.date | None]:
    """The validated window; E082 when it ends before it starts."""
    start = parse_date(since, "--since")
    end = parse_date(until, "--until") if until not in (None, "") else None
    if end is not None and end < start:
        raise KGError(Errors.E082, since=start.isoformat(), until=end.isoformat())
    return start, end


# ------------------------------------------------------------------ reading the store

def _v(row: Any, name: str) -> str:
    """A variable's value as text ("" when unbound), from a solution or from a row read into a dict."""
    if isinstance(row, dict):
        return str(row.get(name, ""))
    term = row[name]
    return term.value if term is not None else ""


def _day(value: str) -> str:
    return value[:10]


class _Reader:
    """Queries for one digest; labels, makers and price histories looked up once per entity."""

    def __init__(self, store: Store, since: dt.date, until: dt.date) -> None:
        self.store = store
        self.bounds = {ox.Variable("since"): ox.Literal(since.isoformat(), datatype=_XSD_DATE),
                       ox.Variable("until"): ox.Literal(until.isoformat(), datatype=_XSD_DATE)}
        self._labels: dict[str, str] = {}
        self._articles: list[dict[str, Any]] | None = None
        self._prices: dict[str, list[dict[str, str]]] = {}

    def articles(self) -> list[dict[str, Any]]:
        """The window's articles, each with the term of its IRI (``a``) kept."""
        if self._articles is None:
            found = self.store.query(ARTICLES, substitutions=self.bounds)
            self._articles = [{**_texts(sol, found.variables), "term": sol["a"]} for sol in found]
        return self._articles

    def rows(self, sparql: str) -> list[dict[str, Any]]:
        """The solutions of a fact query for each window article, with the article's fields."""
        out = []
        for art in self.articles():
            found = self.store.query(sparql, substitutions={ox.Variable("a"): art["term"]})
            out += [{**art, **_texts(sol, found.variables)} for sol in found]
        return out

    def about(self, sparql: str, var: str, iri: str) -> list[Any]:
        return bound(self.store, sparql, var, iri)

    def label(self, iri: str) -> str:
        if iri not in self._labels:
            rows = self.about(LABEL, "e", iri)
            self._labels[iri] = _v(rows[0], "label") if rows and _v(rows[0], "label") else iri.rsplit("/", 1)[-1]
        return self._labels[iri]

    def makers(self, model: str) -> list[str]:
        return sorted({self.label(_v(r, "o")) for r in self.about(MAKERS, "m", model)})

    def first_seen(self, iri: str) -> str:
        rows = self.about(FIRST_SEEN, "e", iri)
        return _day(_v(rows[0], "first")) if rows else ""

    def price_history(self, model: str) -> list[dict[str, str]]:
        """Every price of ``model`` in the graph (kg.plot's query, bound to the model)."""
        if model not in self._prices:
            self._prices[model] = [{k: _v(r, k) for k in ("per", "cur", "free", "kind", "from", "until", "published")}
                                   for r in self.about(PRICES, "m", model)]
        return self._prices[model]


def _texts(sol: Any, variables: Any) -> dict[str, str]:
    return {v.value: (sol[v].value if sol[v] is not None else "") for v in variables}


def _source(row: Any) -> Source:
    return Source(_v(row, "aid"), _v(row, "title"), _day(_v(row, "pub")), _v(row, "url"))


def _merge(lines: dict[tuple, Line], key: tuple, line: Line) -> None:
    """One line per fact: the same fact from several articles gains their sources, keeps its earliest date
    and the evidence sentence that gave that date."""
    old = lines.get(key)
    if old is None:
        lines[key] = line
        return
    for s in line.sources:
        if s not in old.sources:
            old.sources.append(s)
    if line.date < old.date:
        old.date, old.evidence = line.date, line.evidence


def price_text(per: str, cur: str, free: str, kind: str = "") -> str:
    """A price in words: ``0.8 CNY / 1M tokens (input)`` or ``free``."""
    if free == "true":
        return "free" + (f" ({kind})" if kind else "")
    return f"{per} {cur} / 1M tokens" + (f" ({kind})" if kind else "")


def price_day(p: dict[str, str]) -> str:
    """Where a price sits in time (as ``kg plot prices`` places it): validFrom, else validUntil, else the
    article's date."""
    return _day(p.get("from") or p.get("until") or p.get("published") or "")


def _change(old: dict[str, str], new: dict[str, str]) -> float | None:
    """The change from one price to the next in percent, when they can be compared."""
    if new["free"] == "true":
        return -100.0 if old["free"] != "true" else None
    if old["free"] == "true" or old["cur"] != new["cur"]:
        return None
    try:
        before, after = Decimal(old["per"]), Decimal(new["per"])
    except InvalidOperation:
        return None
    return float(round((after - before) / before * 100, 1)) if before else None


def _previous(history: list[dict[str, str]], point: dict[str, str]) -> dict[str, str] | None:
    """The latest other price of the same token kind dated before ``point`` (one that ended by then counts)."""
    day = price_day(point)
    earlier = [p for p in history if p != point and p["kind"] == point["kind"] and price_day(p)
               and (price_day(p) < day or (p["until"] and _day(p["until"]) <= day and not p["from"]))]
    return max(earlier, key=price_day) if earlier else None


# ------------------------------------------------------------------ the sections

def _models(r: _Reader, since: str, relations: list[Any]) -> list[Line]:
    lines: dict[tuple, Line] = {}
    for row in relations:
        if _v(row, "p").endswith("#released"):
            model = _v(row, "o")
            line = Line(r.label(model), model, "", _day(_v(row, "date") or _v(row, "pub")), [_source(row)],
                        _v(row, "sentence"))
            _merge(lines, (model,), line)
    for line in lines.values():
        makers = r.makers(line.iri)
        line.what = "released by " + ", ".join(makers) if makers else "released"
        prices = sorted(r.price_history(line.iri), key=price_day)
        if prices:
            p = prices[-1]
            line.price = price_text(p["per"], p["cur"], p["free"], p["kind"])
        line.new = r.first_seen(line.iri) >= since
    return sorted(lines.values(), key=lambda x: (not x.new, x.date, x.about))


def _people(r: _Reader, relations: list[Any]) -> list[Line]:
    lines: dict[tuple, Line] = {}
    for row in relations:
        kind = _v(row, "p").rsplit("#", 1)[-1]
        if kind not in ("worksFor", "formerlyWorkedFor"):
            continue
        org, role = r.label(_v(row, "o")), _v(row, "role")
        verb = "left" if kind == "formerlyWorkedFor" else "at"
        what = f"{verb} {org}" + (f" ({role})" if role else "")
        person = _v(row, "s")
        _merge(lines, (person, kind, _v(row, "o")), Line(r.label(person), person, what,
                                                         _day(_v(row, "date") or _v(row, "pub")),
                                                         [_source(row)], _v(row, "sentence")))
    # who left first (a move is the news), then who is where
    return sorted(lines.values(), key=lambda x: (not x.what.startswith("left "), x.about, x.what))


def _price_changes(r: _Reader) -> list[Line]:
    lines: dict[tuple, Line] = {}
    for row in r.rows(CHANGES):
        model, pct, kind = _v(row, "m"), float(_v(row, "pct")), _v(row, "kind")
        makers = r.makers(model)
        what = f"{pct:+g}%" + (f" ({kind})" if kind else "") + (f", by {', '.join(makers)}" if makers else "")
        _merge(lines, (model, pct, kind), Line(r.label(model), model, what, _day(_v(row, "date") or _v(row, "pub")),
                                               [_source(row)], _v(row, "sentence"), change=pct))
    return sorted(lines.values(), key=lambda x: (x.change or 0.0, x.about, x.date))


def _prices(r: _Reader) -> list[Line]:
    lines: dict[tuple, Line] = {}
    consumed: set[tuple] = set()        # window prices shown as another's "was"
    for row in r.rows(WINDOW_PRICES):
        model = _v(row, "m")
        point = {"per": _v(row, "per"), "cur": _v(row, "cur"), "free": _v(row, "free"), "kind": _v(row, "kind"),
                 "from": _v(row, "from"), "until": _v(row, "until_"), "published": _v(row, "pub")}
        prev = _previous(r.price_history(model), point)
        what = price_text(point["per"], point["cur"], point["free"], point["kind"])
        if point["until"] and not point["from"]:
            what += f" until {_day(point['until'])}"
        line = Line(r.label(model), model, what, price_day(point), [_source(row)], _v(row, "sentence"))
        if prev:
            line.previous = price_text(prev["per"], prev["cur"], prev["free"], prev["kind"])
            line.change = _change(prev, point)
            consumed.add((model, line.previous, price_day(prev)))
        _merge(lines, (model, what, line.date), line)
    kept = [x for x in lines.values() if (x.iri, x.what.split(" until ")[0], x.date) not in consumed]
    return sorted(kept, key=lambda x: (x.change is None, x.change or 0.0, x.about, x.date))


def _claims(r: _Reader) -> list[Line]:
    lines: dict[tuple, Line] = {}
    for row in r.rows(CLAIMS):
        person, text = _v(row, "s"), _v(row, "text")
        _merge(lines, (person, text), Line(r.label(person), person, text, _day(_v(row, "date") or _v(row, "pub")),
                                           [_source(row)], _v(row, "sentence")))
    return sorted(lines.values(), key=lambda x: (x.about, x.date, x.what))


def digest(store: Store, since: str | dt.date, until: str | dt.date | None = None, top: int | None = None) -> Digest:
    """What the articles published from ``since`` to ``until`` (inclusive) added to the graph; ``top``: only
    the first lines of each section."""
    start, end = window(since, until)
    r = _Reader(store, start, end or LAST_DAY)
    out = Digest(start.isoformat(), end.isoformat() if end else "")
    out.articles = [_source(row) for row in r.articles()]
    if out.empty:
        return out
    relations = r.rows(RELATIONS)
    out.models = _models(r, out.since, relations)
    out.price_changes = _price_changes(r)
    out.prices = _prices(r)
    out.people = _people(r, relations)
    out.claims = _claims(r)
    return out.top(top)


# ------------------------------------------------------------------ rendering

def _sources_md(sources: Iterable[Source]) -> str:
    return "; ".join(f"[{s.article}]({s.url})" if s.url.startswith(("http://", "https://")) else s.article
                     for s in sources) + f" ({', '.join(sorted({s.date for s in sources}))})"


def _line_md(x: Line) -> str:
    extra = (f", price {x.price}" if x.price else "") + (f", was {x.previous}" if x.previous else "")
    pct = f" ({x.change:+g}%)" if x.change is not None and not x.what.startswith(("+", "-")) else ""
    new = " **new**" if x.new else ""
    return (f"- **{x.about}**{new}: {x.what}{extra}{pct} · {x.date} · {_sources_md(x.sources)}\n"
            f"  > {x.evidence}")


def to_markdown(d: Digest) -> str:
    head = f"# What is new, {d.window}\n\n"
    if d.empty:
        return head + f"No articles published {d.window}: nothing new in the graph.\n"
    out = [head + f"{len(d.articles)} article(s): " + "; ".join(f"{s.article} ({s.date})" for s in d.articles)]
    for title, lines, more in d.sections():
        rest = f"\n- … and {more} more (without --top: all)" if more else ""
        out.append(f"## {title}\n\n" + "\n".join(_line_md(x) for x in lines) + rest)
    return "\n\n".join(out) + "\n"


def to_json(d: Digest) -> str:
    return json.dumps({**asdict(d), "empty": d.empty}, ensure_ascii=False, indent=2) + "\n"


def to_html(d: Digest, links: bool = False) -> str:
    """A standalone page; ``links``: names link to their entity pages (``/id/…``, when ``kg serve`` serves it)."""
    from .pages import render

    return render("digest.html", digest=d, sections=d.sections(), links=links)


def render_digest(d: Digest, fmt: str = "md", links: bool = False) -> str:
    """The digest as Markdown, a standalone HTML page or JSON; an unknown format is E041."""
    name = fmt.strip().lower()
    if name not in FORMATS:
        raise KGError(Errors.E041, fmt=fmt, choices=", ".join(FORMATS))
    return to_html(d, links) if name == "html" else {"md": to_markdown, "json": to_json}[name](d)


# ------------------------------------------------------------------ for kg serve

_MEDIA_FORMATS = {"text/html": "html", "application/json": "json", "text/markdown": "md"}


def http_answer(store: Store, req: dict[str, Any]) -> tuple[int, str, bytes]:
    """``kg serve``'s answer to ``GET /digest?since=…&until=…``: (status, media type, body)."""
    if not req.get("since"):
        return 400, "text/plain", b"give the window: /digest?since=YYYY-MM-DD[&until=YYYY-MM-DD]\n"
    top = req.get("top")
    if top is not None and not (top.isdigit() and int(top) > 0):
        return 400, "text/plain", f"top={top!r} is not a positive whole number\n".encode()
    try:
        d = digest(store, req["since"], req.get("until"), int(top) if top else None)
    except KGError as exc:
        return 400, "text/plain", f"{exc}\n".encode()
    return 200, req["media"], render_digest(d, _MEDIA_FORMATS[req["media"]], links=True).encode()
