"""The ``kg`` command: a thin layer over ``kg.api``. User mistakes print one line and exit 1."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, NoReturn

from . import api
from .errors import Errors, KGError
from .export import EXPORTERS
from .namespace import ENTITY_CLASSES


def _print(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def cmd_build(a: argparse.Namespace) -> int:
    paths = a.paths or ["corpus"]
    log = None if a.quiet else (lambda m: print(m, file=sys.stderr))
    summary = api.build(paths, store=a.store, log=None if a.quiet else log, wait=a.wait, jobs=a.jobs,
                        progress=not a.quiet and not a.verbose, quiet=a.quiet, cluster=a.cluster)
    return _summarise("build", summary, a.quiet)


def _summarise(command: str, summary: api.BuildSummary, quiet: bool, text: str = "") -> int:
    for msg in summary.failed:
        if quiet:
            print(msg, file=sys.stderr)
    print(f"{command}: {text or summary}", file=sys.stderr)
    return 0 if summary.ok else 1


def cmd_extract(a: argparse.Namespace) -> int:
    log = None if a.quiet else (lambda m: print(m, file=sys.stderr))
    summary = api.extract(a.paths, a.output, cluster=a.cluster, log=log, jobs=a.jobs,
                          progress=not a.quiet and not a.verbose, quiet=a.quiet)
    text = (f"{len(summary.added)} articles, {len(summary.failed)} failed; {summary.triples} triples "
            f"in shards under {a.output} in {summary.seconds:.1f} s")
    return _summarise("extract", summary, a.quiet, text)


def cmd_load(a: argparse.Namespace) -> int:
    log = None if a.quiet else (lambda m: print(m, file=sys.stderr))
    summary = api.load(a.paths, store=a.store, log=log, wait=a.wait, progress=not a.quiet and not a.verbose,
                       quiet=a.quiet)
    return _summarise("load", summary, a.quiet)


def cmd_add(a: argparse.Namespace) -> int:
    summary = api.add(a.files, store=a.store, log=lambda m: print(m, file=sys.stderr),
                      warm=False if a.no_worker else None)
    print(f"add: {summary}", file=sys.stderr)
    return 0 if summary.ok else 1


def cmd_worker(a: argparse.Namespace) -> int:
    from . import worker

    try:
        if a.action == "start":
            worker.connect().close()
            message = f"worker: running ({worker.cache_dir()})"
        elif a.action == "stop":
            message = "worker: stopped" if worker.stop() else "worker: none running"
        else:
            message = "worker: running" if worker.running() else "worker: none running"
    except OSError as exc:          # TimeoutError included: the worker did not start
        raise KGError(Errors.E080, path=worker.cache_path(), reason=str(exc) or type(exc).__name__) from None
    print(message, file=sys.stderr)
    return 0


def cmd_remove(a: argparse.Namespace) -> int:
    api.remove(a.article_id, store=a.store)
    print(f"removed {a.article_id}", file=sys.stderr)
    return 0


def cmd_query(a: argparse.Namespace) -> int:
    from .query import PAGE_ROWS, format_results, format_table, parse_params, resolve_query, saved_queries
    from .sparql_text import query_form

    if a.list:
        for name, (doc, _) in saved_queries().items():
            _print(f"{name:24} {doc}")
        return 0
    sparql = resolve_query(a.query)
    params = parse_params(sparql, a.param or [])
    # a table on a terminal is read, not piped: it shows one page and counts the rest
    page = ((a.limit or PAGE_ROWS) if a.format == "table" and sys.stdout.isatty() and query_form(sparql) == "SELECT"
            else None)
    limit = None if page else a.limit
    try:
        if getattr(a, "endpoint", None):
            results = api.query_endpoint(sparql, a.endpoint, params=params, timeout=a.timeout, union=a.union,
                                         limit=limit, offset=a.offset)
        else:
            results = api.query(sparql, store=a.store, params=params, allow_service=a.allow_service,
                                limit=limit, offset=a.offset)
        _print(format_table(results, page, a.offset) if page else format_results(results, a.format))
    except OSError as exc:      # results stream: a SERVICE the engine could not reach fails here
        raise KGError(Errors.E030, reason=f"a SERVICE could not be reached: {exc}") from None
    return 0


def cmd_serve(a: argparse.Namespace) -> int:
    from .serve import Limits, serve

    serve(store=a.store, host=a.host, port=a.port, limits=Limits(timeout=a.timeout, max_rows=a.max_rows),
          workers=a.workers, html_path=a.html)
    return 0


def cmd_push(a: argparse.Namespace) -> int:
    log = None if a.quiet else (lambda m: print(m, file=sys.stderr))
    summary = api.push(a.endpoint, store=a.store, log=log)
    print(f"push: {summary}", file=sys.stderr)
    return 0


def cmd_export(a: argparse.Namespace) -> int:
    data = api.export(a.format, a.output, store=a.store)
    if not a.output:
        sys.stdout.buffer.write(data)
    else:
        print(f"wrote {a.output}", file=sys.stderr)
    return 0


def cmd_digest(a: argparse.Namespace) -> int:
    from .digest import render_digest

    text = render_digest(api.digest(a.since, a.until, store=a.store, top=a.top), a.format)
    if not a.output:
        _print(text)
        return 0
    try:
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as exc:
        raise KGError(Errors.E083, path=a.output, reason=exc.strerror or type(exc).__name__) from None
    print(f"wrote {a.output}", file=sys.stderr)
    return 0


def cmd_view(a: argparse.Namespace) -> int:
    path = api.view(a.output, store=a.store, focus=a.focus, depth=a.depth, types=a.type, since=a.since)
    print(f"wrote {path}", file=sys.stderr)
    return 0


def cmd_plot(a: argparse.Namespace) -> int:
    chart = api.plot_prices(a.output, store=a.store, currency=a.currency, models=a.models, top=a.top)
    if not chart.matched:   # a page that says so, and exit 1 (like grep) so scripts notice
        print(f"kg: {chart.message}; wrote {chart.path}, a page that says so. {chart.hint}", file=sys.stderr)
        return 1
    print(f"wrote {chart.path} ({chart.message})", file=sys.stderr)
    return 0


def cmd_stats(a: argparse.Namespace) -> int:
    s = api.stats(store=a.store)
    _print(f"articles: {s['articles']}")
    ents = s["entities"]
    assert isinstance(ents, dict)
    _print("entities: " + ", ".join(f"{k} {v}" for k, v in sorted(ents.items())) + f" (total {sum(ents.values())})")
    facts = s["facts"]
    assert isinstance(facts, dict)
    _print("facts:    " + ", ".join(f"{k} {v}" for k, v in facts.items()))
    _print(f"quads:    {s['quads']}")
    return 0


def cmd_validate(a: argparse.Namespace) -> int:
    report = api.validate(store=a.store)
    if report.conforms:
        _print("valid: the graph conforms to ontology/shapes.ttl")
        return 0
    _print(report.text)
    print(f"kg: invalid: {report.violations} node(s) violate ontology/shapes.ttl", file=sys.stderr)
    return 1


def cmd_entities(a: argparse.Namespace) -> int:
    from .query import width

    if a.suspects:
        found = api.entities(store=a.store, suspects=True, types=a.type)
        for s in found:
            _print(f"{s.a.type:12} {s.a.label} <{s.a.iri}>\n{'':12} {s.b.label} <{s.b.iri}>\n{'':12} ({s.reason})")
        _print(f"{len(found)} suspect pair(s); to merge, list both names under one id in ontology/aliases.yaml")
        return 0
    for r in api.entities(store=a.store, types=a.type):
        pad = " " * max(0, 24 - width(r.label))
        _print(f"{r.type:12} {r.label}{pad} {', '.join(sorted(r.names - {r.label}))}")
    return 0


STORE_HELP = "store folder (default: $KG_STORE, else .kg/store in the project folder)"
TYPE_HELP = f"only this class: {', '.join(ENTITY_CLASSES)} (any case; repeatable)"


class Parser(argparse.ArgumentParser):
    """argparse, except that a usage mistake is one E-coded line (and exit 2), like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"kg: {Errors.E090.format(command=self.prog, reason=message)}\n")


def port(text: str) -> int:
    value = int(text)
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError(f"port {value} is not between 1 and 65535")
    return value


def positive(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive whole number")
    return value


def count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is not a whole number of 0 or more")
    return value


def parser() -> argparse.ArgumentParser:
    p = Parser(prog="kg", description="Knowledge graphs from AI-industry news.")
    p.add_argument("--store", default=None, help=STORE_HELP)
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser)
    _writing_commands(sub)
    _query_commands(sub)
    _output_commands(sub)
    # --store also after the command (kg stats --store X); SUPPRESS: when not given there, the value
    # given before the command (or None) stands
    for name, command in sub.choices.items():
        if name != "worker":
            command.add_argument("--store", default=argparse.SUPPRESS, help=STORE_HELP)
    return p


Subparsers = Any     # argparse's _SubParsersAction is private


def _writing_commands(sub: Subparsers) -> None:
    """build, add, worker, remove: the commands that change the store."""
    b = sub.add_parser("build", help="ingest files or folders (default corpus/); unchanged articles are skipped")
    b.add_argument("paths", nargs="*")
    b.add_argument("--quiet", "-q", action="store_true")
    b.add_argument("--wait", action="store_true", help="wait for another writer instead of failing")
    b.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: one per core)")
    b.add_argument("--verbose", "-v", action="store_true", help="a line per article instead of a progress bar")
    b.add_argument("--cluster", metavar="ADDRESS", help="analyse on the workers of this Dask scheduler, "
                   "e.g. tcp://10.0.0.5:8786 (this process still writes the store)")
    b.set_defaults(fn=cmd_build)

    ex = sub.add_parser("extract", help="analyse articles into compressed N-Quads shards (for kg load)")
    ex.add_argument("paths", nargs="+")
    ex.add_argument("--output", "-o", required=True, help="a new folder for the shards")
    ex.add_argument("--cluster", metavar="ADDRESS", help="analyse on the workers of this Dask scheduler "
                    "(default: here, in --jobs processes)")
    ex.add_argument("--jobs", "-j", type=int, default=None, help="worker processes without --cluster")
    ex.add_argument("--quiet", "-q", action="store_true")
    ex.add_argument("--verbose", "-v", action="store_true", help="a line per article instead of a progress bar")
    ex.set_defaults(fn=cmd_extract)

    ld = sub.add_parser("load", help="load shards from kg extract; unchanged articles are skipped")
    ld.add_argument("paths", nargs="+", help="shard folders or .nq.gz files")
    ld.add_argument("--wait", action="store_true", help="wait for another writer instead of failing")
    ld.add_argument("--quiet", "-q", action="store_true")
    ld.add_argument("--verbose", "-v", action="store_true", help="a line per article instead of a progress bar")
    ld.set_defaults(fn=cmd_load)

    ad = sub.add_parser("add", help="add or replace article files (analysed by a warm background worker)")
    ad.add_argument("files", nargs="+")
    ad.add_argument("--no-worker", action="store_true", help="analyse in this process (also: KG_WORKER=0)")
    ad.set_defaults(fn=cmd_add)

    wk = sub.add_parser("worker", help="the background worker that keeps the pipeline loaded for `kg add`")
    wk.add_argument("action", choices=["start", "stop", "status"])
    wk.set_defaults(fn=cmd_worker)

    r = sub.add_parser("remove", help="remove an article and its facts")
    r.add_argument("article_id")
    r.set_defaults(fn=cmd_remove)


def _query_commands(sub: Subparsers) -> None:
    """query, serve, push: SPARQL here or on a server."""
    q = sub.add_parser("query", help="run SPARQL: a saved query name, a .rq file, - (stdin) or the text")
    q.add_argument("query", nargs="?")
    q.add_argument("--format", "-f", default="table", type=str.lower, choices=["table", "csv", "tsv", "json"])
    q.add_argument("--param", "-p", action="append", help="bind ?name to a value: name=value (repeatable)")
    q.add_argument("--list", action="store_true", help="list the saved queries")
    q.add_argument("--limit", type=positive_int, help="at most N rows (one page); a table on a terminal shows 50 "
                   "and says how many remain, -f csv|tsv|json without --limit gives every row")
    q.add_argument("--offset", type=count, default=0, help="skip the first M rows (the next page)")
    q.add_argument("--endpoint", help="query this SPARQL 1.1 endpoint instead of the store "
                   "(credentials from KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD)")
    q.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for --endpoint (default 60)")
    q.add_argument("--allow-service", action="store_true",
                   help="let the query's SERVICE clauses fetch from other servers (refused by default)")
    q.add_argument("--union", action="store_true", help="with --endpoint: query the server's own default graph "
                   "(the union of its graphs), not the merged graph kg push writes")
    q.set_defaults(fn=cmd_query)

    sv = sub.add_parser("serve", help="serve the store read-only: SPARQL endpoint, viewer and query page")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sv.add_argument("--port", type=port, default=8000)
    sv.add_argument("--timeout", type=positive, default=10.0, help="seconds a query may run (default 10)")
    sv.add_argument("--max-rows", type=int, default=10_000,
                    help="result cap in rows or triples (default 10000)")
    sv.add_argument("--workers", type=int, default=2, help="query worker processes (default 2)")
    sv.add_argument("--html", help="serve this viewer page instead of writing one from the store")
    sv.set_defaults(fn=cmd_serve)

    pu = sub.add_parser("push", help="write every article graph to a SPARQL server (Graph Store Protocol)")
    pu.add_argument("--endpoint", required=True,
                    help="graph store URL, e.g. http://host:8890/sparql-graph-crud-auth for Virtuoso; "
                    "credentials from KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD")
    pu.add_argument("--quiet", "-q", action="store_true")
    pu.set_defaults(fn=cmd_push)


def _output_commands(sub: Subparsers) -> None:
    """export, view, plot, stats, entities, validate: what the graph holds, as files or text."""
    e = sub.add_parser("export", help="dump the graph")
    e.add_argument("--format", "-f", default="nq",
                   help=f"{', '.join(EXPORTERS)} (any case; default nq)")
    e.add_argument("--output", "-o")
    e.set_defaults(fn=cmd_export)

    d = sub.add_parser("digest", help="what the articles published in a date window added: models, prices, "
                       "people, claims")
    d.add_argument("--since", required=True, help="first day, YYYY-MM-DD (articles' publication dates)")
    d.add_argument("--until", help="last day, YYYY-MM-DD (default: no end)")
    d.add_argument("--format", "-f", default="md", type=str.lower, choices=["md", "html", "json"])
    d.add_argument("--top", type=positive_int, help="only the first N lines of each section (default: all)")
    d.add_argument("--output", "-o", help="write to this file instead of standard output")
    d.set_defaults(fn=cmd_digest)

    v = sub.add_parser("view", help="write the interactive HTML graph")
    v.add_argument("--output", "-o", help="default out/graph.html; with --focus, a file of its own: "
                   "out/graph-<focus>.html")
    v.add_argument("--focus", help="draw only the neighbourhood of this entity (name, alias or IRI)")
    v.add_argument("--depth", type=int, default=2, help="hops around --focus (default 2)")
    v.add_argument("--type", action="append", help=TYPE_HELP)
    v.add_argument("--since", help="only facts dated on or after YYYY-MM-DD")
    v.set_defaults(fn=cmd_view)

    pl = sub.add_parser("plot", help="charts: `kg plot prices` draws prices per million tokens over time")
    pl.add_argument("what", choices=["prices"], type=str.lower)
    pl.add_argument("--output", "-o", default="out/prices.html",
                    help="an .html file, the only format (default out/prices.html)")
    pl.add_argument("--currency", help="only prices in this ISO 4217 currency, e.g. CNY")
    pl.add_argument("--models", nargs="+", help="only these models (their labels, any case)")
    pl.add_argument("--top", type=int, default=12, help="draw the N most-mentioned models at first, the rest "
                    "one legend click away (default 12)")
    pl.set_defaults(fn=cmd_plot)

    s = sub.add_parser("stats", help="articles, entities by class, facts by kind")
    s.set_defaults(fn=cmd_stats)

    en = sub.add_parser("entities", help="list entities; --suspects lists likely duplicates to merge")
    en.add_argument("--suspects", action="store_true")
    en.add_argument("--type", action="append", help=TYPE_HELP)
    en.set_defaults(fn=cmd_entities)

    val = sub.add_parser("validate", help="check the graph against the SHACL shapes (ontology/shapes.ttl)")
    val.set_defaults(fn=cmd_validate)


def main(argv: list[str] | None = None) -> int:
    p = parser()
    a = p.parse_args(argv)
    if a.command == "query" and not a.list and not a.query:
        reason = "give a query: a saved query name (kg query --list), a .rq file, - (stdin) or SPARQL text"
        print(f"kg: {Errors.E090.format(command='kg query', reason=reason)}", file=sys.stderr)
        return 2
    try:
        return int(a.fn(a))
    except KGError as exc:
        print(f"kg: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        os._exit(0)
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
