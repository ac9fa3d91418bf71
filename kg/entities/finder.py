"""The choice among the sources' candidates (``kg.entities.sources``): the non-overlapping ones by
trust, then the names found once counted wherever else they occur. Nothing is kept between texts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang.zh import leading_place, lexicon
from ..records import Mention
from ..text.patterns import literal_spans, occurrences
from .base import Candidate, KnownNames, non_overlapping
from .org_names import OrgNames
from .references import org_references
from .sources import Found, Patterns, patterns, run_sources
from .words import HAN, common_word

HAN_ONLY = re.compile(f"[{HAN}]+")


@dataclass(frozen=True)
class Chosen:
    """What the finder found in one text: the mentions, and the model families the text introduces
    (name → offset of the introduction)."""

    mentions: list[Mention]
    families: dict[str, int]


def choose(found: Found, p: Patterns | None = None) -> Chosen:
    """The mentions among the candidates: the non-overlapping ones by trust, organisations that are a
    known one plus a department shrunk to it, then the names found once counted wherever they occur."""
    p = p or patterns()
    text = found.text
    chosen = shrink_to_known_orgs(text, select(found.candidates), p.orgs.names)
    chosen = found_elsewhere(text, chosen, p)
    mentions = [as_mention(text, c, p.known) for c in chosen if not p.models.names_a_class(text, c)]
    mentions += p.models.coordinated_variants(text)
    mentions += org_references(text, mentions)
    return Chosen(sorted(mentions, key=lambda m: (m.start, m.end)), dict(found.families))


class EntityFinder:
    """Finds entity mentions in text without spaCy: every source (``kg.entities.sources``), then the
    choice. The pipeline runs the same sources and choice as components."""

    def find(self, text: str) -> Chosen:
        return choose(run_sources(text))


def found_elsewhere(text: str, chosen: list[Candidate], p: Patterns) -> list[Candidate]:
    """Names found by a pattern somewhere count wherever else they occur in the article."""
    found = {text[c.start:c.end]: c for c in chosen if c.key is None}
    places = set(lexicon().places)
    for c in chosen:
        if c.type == "Organization" and c.key is None:
            for stem in _stems(p.orgs.names.stem(text[c.start:c.end])):
                if 2 <= len(stem) < c.end - c.start and HAN_ONLY.fullmatch(stem) \
                        and not common_word(stem, 300) and stem not in places:
                    found.setdefault(stem, c)       # 言川 for 言川智能 (resolve makes them one entity)
    # 言川云 beside 言川集团: the stem with another organisation suffix names an organisation too
    stems = {n for n, c in found.items() if c.type == "Organization" and not p.orgs.names.has_suffix(n)}
    chosen = select(chosen + p.orgs.stem_orgs.named_after(text, stems, bare=False, source="stem-org"))
    chosen = select(chosen + model_short_forms(text, chosen) + brand_prefixed_models(text, chosen, stems))
    if not found:
        return chosen
    # a span already chosen is left out: its candidate sorts before the new one and wins (almost all are)
    spans = {(c.start, c.end) for c in chosen}
    extra = [Candidate(s, e, (c := found[text[s:e]]).type, 6, None, c.source)
             for s, e in literal_spans(text, found) if (s, e) not in spans]
    return select(chosen + extra)


def _stems(stem: str) -> list[str]:
    """The stem, and for a registered name its city dropped: 杭州岚序 (of 杭州岚序科技有限公司) → 岚序 too."""
    place = leading_place(stem)
    return [stem, stem[len(place):]] if place and len(stem) - len(place) >= 3 else [stem]


# the last word of a spaced model name that can stand for it alone: a letter or three and a version (X4, R2)
SHORT_MODEL_WORD = re.compile(r" ([A-Za-z]{1,3}\d[A-Za-z0-9.]*)$")


def model_short_forms(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """"发布Nimbus X4 …，X4每百万tokens输入4元": the last word of a spaced model name, later on its own,
    is that model (resolve joins the two)."""
    out = []
    for c in chosen:
        short = SHORT_MODEL_WORD.search(text[c.start:c.end]) if c.type == "Model" else None
        if short is None:
            continue
        word = short.group(1)
        for m in re.finditer(rf"(?<![A-Za-z0-9.\-]){re.escape(word)}(?![A-Za-z0-9.\-])", text[c.end:]):
            out.append(Candidate(c.end + m.start(), c.end + m.end(), "Model", 6, c.key, "model-short-form"))
    return out


def brand_prefixed_models(text: str, chosen: list[Candidate], stems: set[str]) -> list[Candidate]:
    """"松衡智能…旗舰版松衡X-3 Pro": a new model name written right after the stem of a new organisation
    of the article carries that stem as part of its name (not a model "X-3 Pro")."""
    if not stems:
        return []
    starts_by_end: dict[int, list[int]] = {}        # where the stems end in the text → where they start
    for stem in stems:
        for at in occurrences(text, [stem]):
            starts_by_end.setdefault(at + len(stem), []).append(at)
    out = []
    for c in chosen:
        if c.type != "Model" or c.key is not None or not text[c.start:c.start + 1].isascii():
            continue
        # what re.search("(?:stems)$", text, c.start - 8, c.start) finds ($ also before a last newline),
        # without compiling the stems for every text: the earliest stem ending there
        ends = (c.start, c.start - 1) if text[c.start - 1:c.start] == "\n" else (c.start,)
        starts = [at for e in ends for at in starts_by_end.get(e, ()) if at >= c.start - 8]
        if starts:
            out.append(Candidate(min(starts), c.end, "Model", c.priority, None, "brand-model"))
    return out


def as_mention(text: str, c: Candidate, known: KnownNames) -> Mention:
    name = text[c.start:c.end]
    key = c.key
    if key is None:
        entry = known.catalogue.lookup(c.type, name)
        key = entry.key if entry else None
    return Mention(name, c.type, c.start, c.end, key, c.source)


def shrink_to_known_orgs(text: str, chosen: list[Candidate], names: OrgNames) -> list[Candidate]:
    """"前鸿途智能语音负责人": an organisation that starts with another one named in the article,
    followed by words that are not an organisation suffix, is that organisation (plus a department)."""
    orgs = sorted({text[c.start:c.end] for c in chosen if c.type == "Organization"}, key=len, reverse=True)
    out = []
    for c in chosen:
        name = text[c.start:c.end]
        if c.type == "Organization" and c.key is None and c.source == "title-org":
            inner = next((n for n in orgs if len(n) < len(name) and name.startswith(n)), None)
            if inner and not names.has_suffix(name[len(inner):]):
                c = Candidate(c.start, c.start + len(inner), c.type, c.priority, None, c.source)
        out.append(c)
    return out


def select(cands: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates: the longest first, then the most trusted."""
    return non_overlapping(cands, lambda c: (c.priority > 2, -(c.end - c.start), c.priority, c.start))
