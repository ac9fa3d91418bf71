"""Score the pipeline on an eval set, per language and per rule (``make score``).

    python scripts/score.py [--eval ../shared/eval] [--also tests/heldout-en] [--json]

Builds the eval articles (and the corpus, whose seed article has gold there too) into a
scratch store, exports it, and scores each language's articles against their gold with the
eval set's own ``score.py``. Then, per extraction rule (the ``kg:rule`` of each fact's
evidence), how many facts it produced and how many of them fit some gold item: a rule whose
facts rarely fit only adds noise. A fact stated by several rules counts for each.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KG = "https://w3id.org/aikg/ontology#"
KINDS = ("entities", "released", "subsidiaryOf", "worksFor", "formerlyWorkedFor", "prices", "priceChanges",
         "claims", "overall")


def load_scorer(eval_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_score", eval_dir / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def article_langs(folders: list[Path]) -> dict[str, str]:
    """Article id -> language (``zh`` or ``en``), as the pipeline reads it."""
    from kg.read import find_articles, read_article

    out = {}
    for f in find_articles(folders):
        a = read_article(f)
        out[a.id] = "en" if a.lang.lower().startswith("en") else "zh"
    return out


def split_by_language(nquads: str, langs: dict[str, str]) -> dict[str, str]:
    """The export's lines per language: each article's named graph, plus the catalogue's names in every one.

    The catalogue's own facts (well-known parents) are left out: gold says what each article states, and
    these are not read from any article, so scoring them would measure the catalogue, not the extraction.
    """
    from kg.namespace import CATALOGUE_GRAPH
    from kg.to_rdf import graph_iri

    graph_lang = {f"<{graph_iri(a)}>": lang for a, lang in langs.items()}
    catalogue_fact = f"<{KG}subsidiaryOf> "
    out: dict[str, list[str]] = defaultdict(list)
    for line in nquads.splitlines():
        graph = line.rstrip(" .").rsplit(" ", 1)[-1]
        if graph == f"<{CATALOGUE_GRAPH}>" and catalogue_fact in line:
            continue
        lang = graph_lang.get(graph)
        for want in ({lang} if lang else set(langs.values())):
            out[want].append(line)
    return {lang: "\n".join(lines) + "\n" for lang, lines in out.items()}


def fits_gold(sc: ModuleType, g: Any, gold: Any, ids_of: dict, kind: str, s: Any, o: Any) -> bool:
    """Whether the fact ``s kind o`` fits some gold item (optional ones included), as score.py judges."""
    ids_s = ids_of.get(s, set())
    if kind in sc.RELATIONS:
        return any(it["s"] & ids_s and it["o"] & ids_of.get(o, set()) for it in gold.rels[kind])
    props = g.props[o]
    if kind == "pricedAt":
        value = sc.as_float((props.get("perMillionTokens") or [None])[0])
        free = any(sc.as_bool(v) for v in props.get("isFree", [])) or value == 0
        cur = str((props.get("currency") or [""])[0]).upper()
        return any(it["model"] in ids_s and (free if it.get("free") else value is not None and
                   cur == it["currency"].upper() and abs(value - float(it["perMillionTokens"]))
                   <= 0.01 * float(it["perMillionTokens"])) for it in gold.prices)
    if kind == "priceChange":
        value = sc.as_float((props.get("changePercent") or [None])[0])
        return value is not None and any(it["model"] in ids_s and abs(value - float(it["changePercent"])) <= 1.0
                                         for it in gold.changes)
    if kind == "argues":
        text = sc.norm_text(" ".join(str(t) for t in props.get("text", [])))
        return len(text) <= sc.MAX_CLAIM_CHARS and any(
            it["by"] in ids_s and any(k in text for k in it["keys"]) for it in gold.claims)
    return False


def rule_figures(sc: ModuleType, g: Any, gold: Any) -> dict[str, list[int]]:
    """Per rule: [facts produced, facts that fit gold]."""
    ids_of = {n: sc.node_ids(g, gold, n) for n in set(g.types) | set(g.names)}
    subject = dict(g.edges.get("subject", []))
    predicate = dict(g.edges.get("predicate", []))
    obj = dict(g.edges.get("object", []))
    rules_of: dict[tuple, set[str]] = defaultdict(set)
    for ev, props in g.props.items():     # relations: an evidence node names subject, predicate, object
        for rule in props.get("rule", []):
            if ev in subject and ev in predicate and ev in obj:
                rules_of[(subject[ev], sc.local(predicate[ev]), obj[ev])].add(str(rule))
    evidence_of = defaultdict(list)       # prices, changes, claims: their node points at its evidence
    for node, ev in g.edges.get("evidence", []):
        evidence_of[node].append(ev)
    for kind in ("pricedAt", "priceChange", "argues"):
        for s, o in g.edges.get(kind, []):
            for ev in evidence_of[o]:
                rules_of[(s, kind, o)].update(str(r) for r in g.props[ev].get("rule", []))
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (s, kind, o), rules in rules_of.items():
        hit = fits_gold(sc, g, gold, ids_of, kind, s, o)
        for rule in rules:
            out[rule][0] += 1
            out[rule][1] += int(hit)
    return dict(out)


def evaluate(eval_dir: Path, extra: list[Path]) -> dict[str, Any]:
    """Build, export and score: {lang: {"kinds": score.py's figures, "rules": per-rule figures}}."""
    from kg import api

    sc = load_scorer(eval_dir)
    article_dirs = [ROOT / "corpus", eval_dir / "articles"] + [d / "articles" for d in extra]
    gold_dirs = [eval_dir / "gold"] + [d / "gold" for d in extra]
    langs = article_langs(article_dirs)
    gold_files = [f for d in gold_dirs for f in sorted(d.glob("*.yaml"))]
    with tempfile.TemporaryDirectory() as tmp:
        summary = api.build(article_dirs, store=Path(tmp) / "store", quiet=True)
        if not summary.ok:
            sys.exit("score: " + "; ".join(summary.failed))
        parts = split_by_language(api.export("nq", store=Path(tmp) / "store").decode("utf-8"), langs)
        out = {}
        for lang, text in sorted(parts.items()):
            files = [f for f in gold_files if gold_lang(f, langs) == lang]
            if not files:
                continue
            path = Path(tmp) / f"{lang}.nq"
            path.write_text(text, encoding="utf-8")
            g, gold = sc.Graph([path]), sc.Gold(files)
            kinds, _ = sc.score(g, gold)
            out[lang] = {"articles": len(files), "kinds": kinds, "rules": rule_figures(sc, g, gold)}
    return out


def gold_lang(path: Path, langs: dict[str, str]) -> str:
    """The language of a gold file's article; where its id is not the article's (the seed's gold),
    the language most of the gold's own text is in."""
    import re

    import yaml

    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    article = str(doc.get("article", path.stem))
    if article in langs:
        return langs[article]
    words = [n for e in (doc.get("entities") or {}).values() for n in e.get("names", [])]
    words += [k for c in doc.get("claims") or [] for k in c.get("keys") or [c.get("key", "")]]
    text = " ".join(map(str, words))
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    return "zh" if han > len(re.findall(r"[A-Za-z]", text)) / 2 else "en"


def report(results: dict[str, Any]) -> str:
    lines = []
    for lang, r in results.items():
        lines.append(f"== {lang}: {r['articles']} articles")
        lines.append(f"{'kind':18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
        for kind in KINDS:
            k = r["kinds"][kind]
            lines.append(f"{kind:18} {k['precision']:6.3f} {k['recall']:6.3f} {k['f1']:6.3f} "
                         f"{k['tp']:5} {k['fp']:5} {k['fn']:5}")
        lines.append(f"\n{'rule':34} {'facts':>6} {'fit gold':>9} {'share':>6}")
        totals: Counter[str] = Counter()
        for rule, (n, hit) in sorted(r["rules"].items(), key=lambda kv: (-kv[1][0], kv[0])):
            totals["n"] += n
            totals["hit"] += hit
            lines.append(f"{rule:34} {n:6} {hit:9} {hit / n:6.2f}")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval", help="the eval set's folder")
    p.add_argument("--also", type=Path, action="append", default=[],
                   help="another set with articles/ and gold/ (e.g. tests/heldout-en); repeatable")
    p.add_argument("--json", action="store_true", help="the figures as JSON")
    a = p.parse_args()
    results = evaluate(a.eval, a.also)
    print(json.dumps(results, indent=1) if a.json else report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
