"""Property-based tests (hypothesis): name resolution, number and unit parsing, URL-state decoding and every
importer over random and mutated bytes. Each function either answers within its contract or raises the one
documented error; nothing else, whatever the input. Bounded: 200 examples per property, no example database."""

from __future__ import annotations

import io
import math
import string
from pathlib import Path
from urllib.parse import quote, urlencode

import openpyxl
import pytest
from conftest_helpers import DATA, tidy_row, turnout_header
from hostile.corpus import valid_xlsx_bytes
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lsgdash.i18n import LANGS
from lsgdash.indicators import CATALOG
from lsgdash.ingest.detect import parse_file
from lsgdash.ingest.numbers import parse_number, parse_unit
from lsgdash.ingest.problems import IngestError
from lsgdash.ingest.tidy import TIDY_COLUMNS
from lsgdash.registry import BY_ISO, UNIT_CODES, UNITS, UnknownUnitError, normalise, resolve
from lsgdash.store.dataset import Dataset
from lsgdash.store.files import read_store
from lsgdash.store.schema import UNITS as STORE_UNITS
from lsgdash.ui.urlstate import MODES, SPEEDS, VIEWS, State, decode, encode

BOUNDED = settings(max_examples=200, deadline=None, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Text as files and URLs bring it: any Unicode, plus the characters this code treats specially.
SPECIAL = "  \u00a0\u202f\u2009'’,.;:-–—−()%«»_x000D_ёәғқңөұүһіIiİı\u200b\u202e\t\r\n\x00<>&=+@"
texts = st.one_of(st.text(max_size=80), st.text(alphabet=SPECIAL + string.digits + "eE", max_size=30))


# --- registry ----------------------------------------------------------------------------------------------------

@BOUNDED
@given(texts)
def test_resolve_gives_a_known_code_or_unknown_unit_error(text: str) -> None:
    try:
        code = resolve(text)
    except UnknownUnitError as err:
        assert err.text == str(text)
        assert all(u.iso in BY_ISO for u in err.suggestions) and len(err.suggestions) <= 3
        return
    assert code in BY_ISO


@BOUNDED
@given(texts)
def test_normalise_is_a_fixed_point(text: str) -> None:
    key = normalise(text)
    assert isinstance(key, str)
    assert normalise(key) == key


unit_names = st.sampled_from([(u.iso, n) for u in UNITS for n in (u.name_en, u.name_kk, u.name_ru, *u.aliases)])


@BOUNDED
@given(unit_names, st.data())
def test_every_spelling_resolves_whatever_its_case_and_spacing(pair: tuple[str, str], data: st.DataObject) -> None:
    iso, name = pair
    cased = "".join(c.upper() if data.draw(st.booleans()) else c.lower() for c in name)
    spaced = data.draw(st.sampled_from(["", " ", "\u00a0", "  "])) + cased.replace(" ", data.draw(
        st.sampled_from([" ", "  ", "\u00a0", "\t"]))) + data.draw(st.sampled_from(["", " ", "\u00a0"]))
    assert resolve(spaced) == iso


# --- numbers and units ---------------------------------------------------------------------------------------------

cells = st.one_of(texts, st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                  st.decimals(allow_nan=False, allow_infinity=False).map(str))


@BOUNDED
@given(cells, st.booleans())
def test_parse_number_gives_a_finite_float_none_or_value_error(value: object, dash_is_zero: bool) -> None:
    try:
        number = parse_number(value, dash_is_zero=dash_is_zero)
    except ValueError:
        return
    assert number is None or (isinstance(number, float) and math.isfinite(number))


@BOUNDED
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_numbers_as_kazakhstani_files_write_them_read_back_exactly(x: float) -> None:
    assert parse_number(repr(x)) == x
    fixed = f"{x:,.2f}"  # 1,234,567.89
    expected = float(f"{x:.2f}")
    assert parse_number(fixed) == expected
    assert parse_number(fixed.replace(",", "\u00a0").replace(".", ",")) == expected  # 1 234 567,89
    if x < 0:
        assert parse_number(f"({fixed.lstrip('-')})") == expected  # accounting negative


@BOUNDED
@given(cells)
def test_parse_unit_gives_a_store_unit_and_positive_factor_or_value_error(value: object) -> None:
    try:
        unit, factor = parse_unit(value)
    except ValueError:
        return
    assert unit in STORE_UNITS and factor > 0 and math.isfinite(factor)


# --- URL state ----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset(read_store(DATA / "processed"))


PARAMS = ["lang", "indicator", "year", "election", "settlement", "regions", "view", "mode", "partial", "speed", "v"]
GOOD = {"lang": [*LANGS, "kz", "rus"], "indicator": [*CATALOG, "transfers"], "year": ["2024", "2025-11", "2013"],
        "election": ["mazhilis-2023-03-19", "presidential-2019-06-09"], "settlement": ["all", "rural", "urban"],
        "regions": ["KZ-61", "KZ-61,KZ-23", "Turkistan,Nur-Sultan", "<script>,KZ-75"], "view": list(VIEWS),
        "mode": [*MODES, "present"], "partial": ["1", "0", "true"], "speed": list(SPEEDS), "v": ["1", "0", "2"]}
values = st.one_of(texts, st.sampled_from(sorted({v for vs in GOOD.values() for v in vs})))
queries = st.one_of(
    texts,
    st.dictionaries(st.sampled_from(PARAMS), values, max_size=8).map(urlencode),
    st.lists(st.tuples(st.sampled_from([*PARAMS, "x"]), values), max_size=12).map(
        lambda pairs: "&".join(f"{quote(k)}={quote(v, safe='%,')}" for k, v in pairs)),
)


def assert_valid(state: State, dataset: Dataset) -> None:
    assert state.lang in LANGS
    assert state.indicator in CATALOG
    assert state.view in VIEWS and state.mode in MODES and state.speed in SPEEDS
    assert set(state.regions) <= set(UNIT_CODES) and len(state.regions) == len(set(state.regions)) <= 20
    spec = CATALOG[state.indicator]
    if spec.uses_election:
        assert state.period == "" and state.election in [*dataset.elections(state.settlement), ""]
    else:
        assert state.election == ""
        assert state.period in [*dataset.periods(state.indicator, include_partial=True,
                                                 settlement=state.settlement), ""]


@BOUNDED
@given(queries, st.one_of(st.none(), st.sampled_from([*LANGS, "de", ""])))
def test_decode_never_raises_and_always_gives_a_valid_state_that_round_trips(dataset: Dataset, query: str,
                                                                            hint: str | None) -> None:
    state, notes = decode(query, dataset, hint)
    assert_valid(state, dataset)
    assert all(isinstance(p, str) and isinstance(v, str) for p, v in notes)
    again, notes_again = decode(encode(state), dataset, hint)
    assert again == state
    assert notes_again == []


# --- importers over random bytes -----------------------------------------------------------------------------------

SEEDS = {
    ".xlsx": valid_xlsx_bytes(),
    ".csv": (";".join(TIDY_COLUMNS) + "\n" + ";".join(str(tidy_row().get(c, "")) for c in TIDY_COLUMNS)
             + "\n").encode("cp1251"),
    ".txt": (",".join(turnout_header()) + "\n2029-06-09,presidential,Atyrau Region,,61.5,,,STATUS: final,,t\n"
             ).encode(),
}


def _parse_or_reject(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        parsed = parse_file(path)
    except IngestError as err:
        assert err.problems and all(str(p).startswith(path.name) for p in err.problems)
        return
    assert parsed.kind in ("bulletin", "tidy", "turnout")


@BOUNDED
@given(st.binary(max_size=4096), st.sampled_from([".csv", ".xlsx", ".txt", ".tsv"]))
def test_any_bytes_are_parsed_or_rejected_never_crash(tmp_path: Path, data: bytes, suffix: str) -> None:
    _parse_or_reject(tmp_path, data, suffix)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, str]:
    """A valid file with a few bytes flipped, cut or inserted: close enough to get past the first checks."""
    suffix = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[suffix])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at:at + draw(st.integers(1, 64))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        assume(len(data) > 0)
    return bytes(data), suffix


@BOUNDED
@given(mutated())
def test_mutated_files_are_parsed_or_rejected_never_crash(tmp_path: Path, sample: tuple[bytes, str]) -> None:
    _parse_or_reject(tmp_path, *sample)


@BOUNDED
@given(st.lists(st.lists(st.one_of(texts, st.integers(), st.floats(), st.none(), st.booleans()), max_size=8),
                max_size=6), st.sampled_from([TIDY_COLUMNS, turnout_header()]))
def test_random_cells_under_a_real_header_are_parsed_or_rejected(tmp_path: Path, rows: list[list[object]],
                                                               header: list[str]) -> None:
    """Rows of random cells in a real workbook under the tidy or turnout header: past every container check,
    straight into the importers' row handling."""
    book = openpyxl.Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append([_xlsx_safe(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    _parse_or_reject(tmp_path, buffer.getvalue(), ".xlsx")


def _xlsx_safe(value: object) -> object:
    """openpyxl refuses control characters in strings and cannot store NaN; a file from Excel has neither."""
    if isinstance(value, str):
        return "".join(c for c in value if c in "\t\n\r" or ord(c) >= 32)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
