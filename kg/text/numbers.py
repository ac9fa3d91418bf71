"""Numbers written in text: Arabic and Chinese numerals (两, 十二, 一点五), decimals from the rules.

The Chinese numerals' words are data, ``kg/rules/zh/numbers.yaml`` (schema ``Numerals``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..rules import load_rules


@dataclass(frozen=True)
class Numerals:
    """``kg/rules/zh/numbers.yaml``: the characters and values of Chinese numerals."""

    number_chars: str                   # the characters of a Chinese number (两, 十, 百)
    decimal_point: str
    decimal_chars: str                  # the digits after its decimal point
    digits: dict[str, int]
    powers: dict[str, int]
    percent: str                        # 百分之


NUMERALS = load_rules("zh", "numbers", Numerals)
CN_DIGITS = NUMERALS.digits
CN_POWERS = NUMERALS.powers
# a Chinese number as a regular expression: 十二, 一点五
CN_NUM = (f"[{re.escape(NUMERALS.number_chars)}]+"
          f"(?:{re.escape(NUMERALS.decimal_point)}[{re.escape(NUMERALS.decimal_chars)}]+)?")


def ratio(text: str) -> Decimal:
    """A decimal from the rules: "0.25", or a ratio "1/3"."""
    top, _, bottom = text.partition("/")
    return Decimal(top) / Decimal(bottom) if bottom else Decimal(top)


def cn_number(text: str) -> Decimal | None:
    """A small number written in Chinese: 两, 十二, 三百, 一点五. None if it is not one."""
    whole, _, frac = text.partition(NUMERALS.decimal_point)
    total, digit = 0, None
    for ch in whole:
        if ch in CN_DIGITS:
            if digit is not None:
                return None                  # 一二: two digits in a row is not a number we read
            digit = CN_DIGITS[ch]
        elif ch in CN_POWERS:
            total += (1 if digit is None else digit) * CN_POWERS[ch]
            digit = None
        else:
            return None
    total += digit or 0
    if frac:
        if any(ch not in CN_DIGITS for ch in frac):
            return None
        return Decimal(f"{total}.{''.join(str(CN_DIGITS[ch]) for ch in frac)}")
    return Decimal(total) if whole else None


def number(text: str) -> Decimal | None:
    """An Arabic or Chinese number; None if it cannot be read or is not finite."""
    try:
        value = Decimal(text) if re.fullmatch(r"\d*\.?\d+", text) else cn_number(text)
    except InvalidOperation:
        return None
    return value if value is not None and value.is_finite() else None


def plain(d: Decimal) -> Decimal:
    """``Decimal`` without exponent notation for whole numbers (1E+2 → 100)."""
    d = d.normalize()
    return d.quantize(Decimal(1)) if d == d.to_integral_value() and d.adjusted() < 28 else d
