"""Unit names in every spelling of DATA.md §1 resolve to one ISO code; the three boundary layouts."""

from __future__ import annotations

from datetime import date

import pytest

from lsgdash.registry import (
    BY_BULLETIN_CODE,
    LAYOUTS,
    NATIONAL,
    UNIT_CODES,
    UNITS,
    UnknownUnitError,
    layout_for_date,
    layout_for_year,
    normalise,
    resolve,
)

ALIASES = [
    # Kazakh, Russian, English
    ("Ақмола облысы", "KZ-11"), ("Акмолинская область", "KZ-11"), ("Akmola Region", "KZ-11"),
    ("Түркістан облысы", "KZ-61"), ("Туркестанская область", "KZ-61"), ("Turkistan Region", "KZ-61"),
    ("Батыс Қазақстан облысы", "KZ-27"), ("Западно-Казахстанская область", "KZ-27"),
    # Latin-script Kazakh
    ("Aqmola", "KZ-11"), ("Qaraghandy", "KZ-35"), ("Shyghys Qazaqstan", "KZ-63"), ("Qaraghandy oblysy", "KZ-35"),
    ("Batys Qazaqstan", "KZ-27"), ("Almaty qalasy", "KZ-75"),
    # capitals and abbreviations
    ("ВОСТ-КАЗАХСТАНСКАЯ ОБЛАСТЬ", "KZ-63"), ("Г.ШЫМКЕНТ", "KZ-79"), ("г. Алматы", "KZ-75"), ("ВКО", "KZ-63"),
    ("ТУРКЕСТАНСКОЙ ОБЛАСТИ", "KZ-61"),
    # genitive titles
    ("ИСПОЛНЕНИЕ БЮДЖЕТА АКМОЛИНСКОЙ ОБЛАСТИ", "KZ-11"), ("ИСПОЛНЕНИЕ БЮДЖЕТА АЛМАТИНСКОЙ ОБЛАСТИ", "KZ-19"),
    ("ИСПОЛНЕНИЕ БЮДЖЕТА ГОРОДА АЛМАТЫ", "KZ-75"), ("ОБЛАСТИ ЖЕТІСУ", "KZ-33"),
    # old names
    ("Nur-Sultan", "KZ-71"), ("Нур-Султан", "KZ-71"), ("South Kazakhstan", "KZ-61"),
    ("Южно-Казахстанская область", "KZ-61"),
    # Zhetysu in all its spellings: Cyrillic і (U+0456) and Latin i (U+0069) inside a Cyrillic word
    ("Zhetysu", "KZ-33"), ("Jetisu", "KZ-33"), ("Жетысу", "KZ-33"), ("Жет\u0456су", "KZ-33"),
    ("Жет\u0069су", "KZ-33"), ("Жет\u0456су облысы", "KZ-33"), ("Жет\u0069су облысы", "KZ-33"),
    ("область Жет\u0456су", "KZ-33"),
    # Almaty: region vs city
    ("Almaty region", "KZ-19"), ("Almaty Region", "KZ-19"), ("Алматы облысы", "KZ-19"),
    ("Алматинская область", "KZ-19"), ("Almaty city", "KZ-75"), ("Almaty", "KZ-75"), ("Алматы", "KZ-75"),
    # the national total
    ("Kazakhstan", NATIONAL), ("Республика Казахстан", NATIONAL),
]


@pytest.mark.parametrize(("text", "iso"), ALIASES)
def test_alias_resolves(text: str, iso: str) -> None:
    assert resolve(text) == iso


def test_cyrillic_and_latin_i_spellings_are_different_strings_with_one_key() -> None:
    cyrillic, latin = "Жет\u0456су", "Жет\u0069су"
    assert cyrillic != latin
    assert normalise(cyrillic) == normalise(latin)


def test_almaty_region_and_city_are_different_units() -> None:
    assert resolve("Almaty region") != resolve("Almaty city")
    assert resolve("Алматы облысы") == resolve("Almaty region") == "KZ-19"


def test_genitive_city_titles_resolve() -> None:
    assert resolve("ИСПОЛНЕНИЕ БЮДЖЕТА ГОРОДА АСТАНЫ") == "KZ-71"
    assert resolve("ГОРОДА НУР-СУЛТАНА") == "KZ-71"


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.iso)
def test_every_unit_three_names_resolve_to_itself(unit) -> None:
    for name in (unit.name_en, unit.name_kk, unit.name_ru, unit.iso):
        assert resolve(name) == unit.iso, name


def test_every_bulletin_code_is_a_unit() -> None:
    assert {BY_BULLETIN_CODE[u.bulletin[0]] for u in UNITS} == set(UNIT_CODES)
    assert BY_BULLETIN_CODE["YKO"] == "KZ-61"


def test_unknown_name_is_an_error_with_the_closest_units() -> None:
    with pytest.raises(UnknownUnitError) as info:
        resolve("Turkestn regon")
    assert info.value.text == "Turkestn regon"
    assert "KZ-61" in [u.iso for u in info.value.suggestions]
    assert "Turkestn regon" in str(info.value) and "Turkistan Region" in str(info.value)


def test_nonsense_is_never_silently_matched() -> None:
    for text in ("Narnia", "", "область", "город"):
        with pytest.raises(UnknownUnitError):
            resolve(text)


def test_layouts_have_20_17_16_units() -> None:
    assert {k: len(v.codes) for k, v in LAYOUTS.items()} == {"2022": 20, "2018": 17, "pre2018": 16}
    assert set(LAYOUTS["2022"].codes) == set(UNIT_CODES)
    assert set(LAYOUTS["2018"].codes) == set(UNIT_CODES) - {"KZ-10", "KZ-33", "KZ-62"}
    assert set(LAYOUTS["pre2018"].codes) == set(LAYOUTS["2018"].codes) - {"KZ-79"}


def test_layout_members_cover_every_unit_once() -> None:
    for layout in LAYOUTS.values():
        parts = [p for members in layout.members.values() for p in members]
        assert sorted(parts) == sorted(UNIT_CODES), layout.id
    assert LAYOUTS["2018"].parent_of("KZ-33") == "KZ-19"
    assert LAYOUTS["pre2018"].parent_of("KZ-79") == "KZ-61"


@pytest.mark.parametrize(("day", "layout_id"), [
    (date(2018, 6, 18), "pre2018"), (date(2018, 6, 19), "2018"),
    (date(2022, 6, 7), "2018"), (date(2022, 6, 8), "2022"),
    (date(2013, 1, 1), "pre2018"), (date(2029, 6, 9), "2022"),
])
def test_layout_for_date_at_the_boundaries(day: date, layout_id: str) -> None:
    assert layout_for_date(day).id == layout_id


def test_layout_for_year_uses_the_year_end() -> None:
    assert layout_for_year(2017).id == "pre2018"
    assert layout_for_year(2018).id == "2018"
    assert layout_for_year(2022).id == "2022"
