"""The extraction rules' data: word lists and patterns in ``kg/rules/<lang>/<name>.yaml``.

Each file is read through a schema, a frozen dataclass whose fields say which keys the file
holds and of what type (``tuple[str, ...]`` for a word list, ``str`` for a pattern,
``dict[str, str]``…). A file that lacks a key, has one the schema does not know, or holds a
value of the wrong type is refused with a message naming the file and the key, so a typo in
a word list fails at start-up instead of silently matching nothing.

    @dataclass(frozen=True)
    class Lexicon:
        titles: tuple[str, ...]
    lex = load_rules("zh", "lexicon", Lexicon)
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from ..errors import Errors, KGError

RULES_DIR = Path(__file__).parent
T = TypeVar("T")


def rules_path(lang: str, name: str, suffix: str = ".yaml") -> Path:
    return RULES_DIR / lang / f"{name}{suffix}"


def load_rules(lang: str, name: str, schema: type[T]) -> T:
    """``kg/rules/<lang>/<name>.yaml`` as an instance of the dataclass ``schema`` (cached)."""
    return typing.cast(T, _load(lang, name, typing.cast(typing.Hashable, schema)))


@cache
def _load(lang: str, name: str, schema: Any) -> Any:
    import yaml

    path = rules_path(lang, name)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KGError(Errors.E061, path=path, key="-", problem=f"cannot read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise KGError(Errors.E061, path=path, key="-", problem=f"not valid YAML ({exc})") from None
    return from_mapping(path, data, schema)


def from_mapping(path: Path, data: object, schema: type[T]) -> T:
    """Check ``data`` against the dataclass ``schema`` and build it; E061 names the first bad key."""
    if not isinstance(data, dict):
        raise KGError(Errors.E061, path=path, key="-", problem="must be a mapping of keys to values")
    fields = {f.name: f for f in dataclasses.fields(schema)}  # type: ignore[arg-type]
    hints = typing.get_type_hints(schema)
    unknown = sorted(set(map(str, data)) - set(fields))
    if unknown:
        raise KGError(Errors.E061, path=path, key=unknown[0],
                      problem=f"unknown key; this file's keys are: {', '.join(fields)}")
    values = {}
    for name, f in fields.items():
        if name not in data:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise KGError(Errors.E061, path=path, key=name, problem="missing")
            continue
        values[name] = _checked(path, name, data[name], hints[name])
    return schema(**values)


def _checked(path: Path, key: str, value: object, hint: Any) -> Any:
    """``value`` as the type ``hint`` asks for (lists become tuples), or E061."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        if not isinstance(value, list):
            raise KGError(Errors.E061, path=path, key=key, problem=f"must be a list, not {_kind(value)}")
        return tuple(_checked(path, f"{key}[{i}]", v, args[0]) for i, v in enumerate(value))
    if origin is dict:
        if not isinstance(value, dict):
            raise KGError(Errors.E061, path=path, key=key, problem=f"must be a mapping, not {_kind(value)}")
        return {_checked(path, key, k, args[0]): _checked(path, f"{key}.{k}", v, args[1]) for k, v in value.items()}
    if origin in (typing.Union, types.UnionType):
        for option in args:
            try:
                return _checked(path, key, value, option)
            except KGError:
                continue
        raise KGError(Errors.E061, path=path, key=key, problem=f"has the wrong type ({_kind(value)})")
    if dataclasses.is_dataclass(hint):
        return from_mapping(path, value, hint)  # type: ignore[arg-type]
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
        raise KGError(Errors.E061, path=path, key=key, problem=f"must be {hint.__name__}, not {_kind(value)}")
    if hint is str and not value:
        raise KGError(Errors.E061, path=path, key=key, problem="is empty")
    return value


def _kind(value: object) -> str:
    return {list: "a list", dict: "a mapping", str: "text", type(None): "empty"}.get(type(value), type(value).__name__)
