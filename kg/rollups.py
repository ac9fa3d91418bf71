"""Counts and dates the store's writer keeps after every change, for the saved queries.

How many articles mention an entity, or report a price or a price change, and the first and last of their
dates are what an analyst asks first, and the one thing the per-article summaries (``kg.summaries``)
cannot keep: no single article knows the count. A query counting the links itself reads every one of
them (30,000 rows, seconds, for the most-mentioned company of a year of news). So after each change the
writer brings up to date, for each node the change touched,

    NODE kg:sources n ; kg:firstReported d1 ; kg:lastReported d2

for an entity (its ``kg:mentionedIn`` articles) and for a price or change point (its ``kg:reportedIn``
articles), dated by the articles' ``kg:published``. The count is recounted from the node's links (a few
thousand at most: what the change costs, not what the store holds). The dates follow the change: an
addition can only widen them; a removal of an article dated on an end, or a node without figures yet,
has them recomputed from its articles. Each rule gives the same figures however often a change is
replayed (``kg.journal``), so the figures stay exact. They live in the default graph only, derived:
never in an article's graph, never exported.
"""

from __future__ import annotations

import pyoxigraph as ox

from . import namespace as ns

_DEFAULT = ox.DefaultGraph()
_N = {name: ox.NamedNode(str(getattr(ns, name))) for name in (
    "mentionedIn", "reportedIn", "published", "sources", "firstReported", "lastReported")}
_FIGURES = ("sources", "firstReported", "lastReported")
_LINKS = (_N["mentionedIn"], _N["reportedIn"])       # the link from a node to an article it counts
_LINKS_B = {f"<{p.value}> ".encode() for p in _LINKS}
_ARTICLE_B = f"<{ns.ID}article/".encode()
_PUBLISHED_B = f"<{ns.published}> ".encode()
_INTEGER = ox.NamedNode(str(ns.XSD.integer))
_DATE = ox.NamedNode(str(ns.XSD.date))

Touched = dict[bytes, set[str]]     # node ("<iri" bytes) → the dates of the articles the change moved


def touched(written: bytes, into: Touched) -> None:
    """Add to ``into`` the nodes one article's statements (with their summary) count, with its date:
    subjects of ``kg:mentionedIn`` and ``kg:reportedIn`` lines."""
    date, nodes = None, []
    for line in written.splitlines():
        subject, _, rest = line.partition(b"> ")
        predicate = rest[:rest.find(b"> ") + 2]
        if predicate in _LINKS_B:
            nodes.append(subject)
        elif predicate == _PUBLISHED_B and subject.startswith(_ARTICLE_B):
            date = rest[len(predicate) + 1:].split(b'"', 1)[0].decode()
    for node in nodes:
        into.setdefault(node, set()).update([date] if date else [])


def update(db: ox.Store, added: Touched, removed: Touched) -> None:
    """Bring the figures of every node a change touched up to date with the store's present state."""
    new: list[ox.Quad] = []
    for raw in added.keys() | removed.keys():
        node = ox.NamedNode(raw[1:].decode())
        held = [q for p in _FIGURES for q in db.quads_for_pattern(node, _N[p], None, _DEFAULT)]
        old = {q.predicate: q.object.value for q in held if isinstance(q.object, ox.Literal)}
        for q in held:
            db.remove(q)
        articles = [q.object for link in _LINKS for q in db.quads_for_pattern(node, link, None, _DEFAULT)]
        if not articles:
            continue
        first, last = old.get(_N["firstReported"]), old.get(_N["lastReported"])
        if _N["sources"] not in old or {first, last} & removed.get(raw, set()):
            dates = {d for a in articles if (d := _published(db, a))}
        else:
            dates = {d for d in (first, last) if d} | added.get(raw, set())
        new += _statements(node, len(articles), sorted(dates))
    db.extend(new)


def _published(db: ox.Store, article: object) -> str | None:
    if not isinstance(article, ox.NamedNode):
        return None
    return next((q.object.value for q in db.quads_for_pattern(article, _N["published"], None, _DEFAULT)
                 if isinstance(q.object, ox.Literal)), None)


def _statements(node: ox.NamedNode, count: int, dates: list[str]) -> list[ox.Quad]:
    out = [ox.Quad(node, _N["sources"], ox.Literal(str(count), datatype=_INTEGER), _DEFAULT)]
    if dates:        # ISO dates: their text order is their time order
        out += [ox.Quad(node, _N[p], ox.Literal(d, datatype=_DATE), _DEFAULT)
                for p, d in (("firstReported", dates[0]), ("lastReported", dates[-1]))]
    return out
