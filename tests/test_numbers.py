"""Numbers and money units as Kazakhstan's files write them (DATA.md §6)."""

from __future__ import annotations

import math

import pytest

from lsgdash.ingest.numbers import parse_number, parse_unit

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(("text", "expected"), [
    ("12,5", 12.5),
    ("0,04", 0.04),
    ("1 234,5", 1234.5),
    (f"1{NBSP}234{NBSP}567,89", 1234567.89),
    (f"2{NNBSP}023", 2023.0),
    (f"1{NBSP}482{NBSP}111{NBSP}744,79612", 1482111744.79612),
    ("1 234.5", 1234.5),
    ("1.234,56", 1234.56),
    ("1,234.56", 1234.56),
    ("1.234.567", 1234567.0),
    ("  42  ", 42.0),
    ("(12,5)", -12.5),
    ("\u22123", -3.0),
    ("-3,5", -3.5),
    ("15,3%", 15.3),
    ("0", 0.0),
    ("12_x000D_", 12.0),
    (7, 7.0),
    (3.25, 3.25),
])
def test_parse_number(text: object, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize("text", [None, "", "   ", "nan", "n/a", "…"])
def test_empty_cells_are_none_not_zero(text: object) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_dash_is_zero_only_when_asked(dash: str) -> None:
    assert parse_number(dash) is None
    assert parse_number(dash, dash_is_zero=True) == 0.0


@pytest.mark.parametrize("text", ["много", "12 тыс", "1,2,3x", "abc", "=1+2", True, float("nan"), float("inf")])
def test_text_is_not_a_number(text: object) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(("text", "factor"), [
    ("тыс. тенге", 1e-3), ("тыс.тенге", 1e-3), ("Тыс. тенге", 1e-3), ("мың теңге", 1e-3), ("thousand KZT", 1e-3),
    ("млн тенге", 1.0), ("млн. тенге", 1.0), ("million KZT", 1.0),
    ("млрд тенге", 1e3), ("billion KZT", 1e3),
    ("трлн тенге", 1e6),
    ("тенге", 1e-6), ("KZT", 1e-6),
])
def test_money_units_become_million_kzt(text: str, factor: float) -> None:
    unit, got = parse_unit(text)
    assert unit == "million KZT"
    assert math.isclose(got, factor)


@pytest.mark.parametrize(("text", "unit"), [("%", "%"), ("percent", "%"), ("persons", "persons"),
                                             ("чел.", "persons"), ("count", "count"), ("ед.", "count")])
def test_other_units(text: str, unit: str) -> None:
    assert parse_unit(text) == (unit, 1.0)


@pytest.mark.parametrize("text", ["", None, "USD", "долларов", "kg"])
def test_unknown_unit_is_an_error(text: object) -> None:
    with pytest.raises(ValueError):
        parse_unit(text)


def test_thousands_of_tenge_scale_exactly() -> None:
    value = parse_number(f"1{NBSP}229{NBSP}032{NBSP}460")
    unit, factor = parse_unit("тыс. тенге")
    assert (unit, value * factor) == ("million KZT", pytest.approx(1229032.46, rel=1e-15))
