"""English: the shared lexicon's typed schema (kg/rules/en/lexicon.yaml)."""

from __future__ import annotations

from dataclasses import dataclass

from ..rules import load_rules

LANG = "en"


@dataclass(frozen=True)
class Lexicon:
    """``kg/rules/en/lexicon.yaml``: the word lists the English rules share."""

    titles: tuple[str, ...]             # job titles, lower case
    former_markers: tuple[str, ...]     # marks of a former role (former, ex-, previously)
    abbreviations: tuple[str, ...]      # a full stop after these ends no sentence
    months: dict[str, int]              # month names and abbreviations -> month number


def lexicon() -> Lexicon:
    return load_rules(LANG, "lexicon", Lexicon)
