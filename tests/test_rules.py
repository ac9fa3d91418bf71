"""Rule files are read through their schemas: a malformed file is refused naming the file and the key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.lang.zh import Lexicon, lexicon
from kg.rules import from_mapping


@dataclass(frozen=True)
class Sample:
    verbs: tuple[str, ...]
    pattern: str
    weights: dict[str, int]
    note: str = "-"


GOOD = {"verbs": ["说", "表示"], "pattern": "a+", "weights": {"x": 1}}


def test_rules_schema_builds_typed_values() -> None:
    sample = from_mapping(Path("s.yaml"), GOOD, Sample)
    assert sample.verbs == ("说", "表示") and sample.weights == {"x": 1} and sample.note == "-"


@pytest.mark.parametrize(("data", "words"), [
    ({**GOOD, "verbz": ["说"]}, "key verbz: unknown key; this file's keys are: verbs, pattern, weights, note"),
    ({k: v for k, v in GOOD.items() if k != "pattern"}, "key pattern: missing"),
    ({**GOOD, "verbs": "说"}, "key verbs: must be a list, not text"),
    ({**GOOD, "verbs": ["说", 3]}, "key verbs[1]: must be str, not int"),
    ({**GOOD, "verbs": ["说", None]}, "key verbs[1]: must be str, not empty"),
    ({**GOOD, "weights": {"x": "heavy"}}, "key weights.x: must be int, not text"),
    ({**GOOD, "pattern": ""}, "key pattern: is empty"),
    (["not", "a", "mapping"], "key -: must be a mapping of keys to values"),
])
def test_rules_schema_refuses_a_malformed_file_naming_the_key(data: object, words: str) -> None:
    with pytest.raises(KGError) as exc:
        from_mapping(Path("kg/rules/zh/sample.yaml"), data, Sample)
    assert exc.value.code == "E061"
    assert str(exc.value) == f"E061: kg/rules/zh/sample.yaml: {words}"


def test_rules_chinese_lexicon_loads_through_its_schema() -> None:
    lex = lexicon()
    assert isinstance(lex, Lexicon)
    assert "首席执行官" in lex.titles and "表示" in lex.speech_verbs and isinstance(lex.surnames, str)
