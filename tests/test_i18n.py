"""Three languages for every text, number and date a user sees."""

from __future__ import annotations

import re

import pytest

from lsgdash.i18n import (
    LANGS,
    format_number,
    format_value,
    indicator_name,
    period_label,
    plotly_locale,
    problem_text,
    status_name,
    t,
    vote_label,
)
from lsgdash.i18n.messages import MESSAGES, MODEBAR, PROBLEMS
from lsgdash.i18n.terms import CAVEATS, DEFINITIONS, INDICATOR_NAMES, STATUS_NAMES, VOTE_TYPES
from lsgdash.indicators import CATALOG
from lsgdash.ingest.problems import Problem
from lsgdash.store.schema import STATUSES

KAZAKH_LETTERS = re.compile("[әғқңөұүһі]", re.IGNORECASE)


@pytest.mark.parametrize("table", [MESSAGES, PROBLEMS, MODEBAR, INDICATOR_NAMES, DEFINITIONS, CAVEATS, STATUS_NAMES,
                                   VOTE_TYPES], ids=lambda t: str(len(t)))
def test_every_entry_has_three_non_empty_texts_with_the_same_placeholders(table: dict) -> None:
    for key, texts in table.items():
        assert len(texts) == 3 and all(texts), key
        placeholders = {frozenset(re.findall(r"\{(\w+)\}", text)) for text in texts}
        assert len(placeholders) == 1, f"{key}: placeholders differ between languages"


def test_kazakh_texts_are_kazakh_not_copies_of_russian() -> None:
    copied = [k for k, (kk, ru, _) in MESSAGES.items() if kk == ru and re.search("[а-яА-Я]{4,}", kk)
              and k not in {"view.map", "view.trend", "view.ranking", "ctl.group.fiscal", "trend.change2022"}]
    assert copied == []
    with_kazakh_letters = sum(bool(KAZAKH_LETTERS.search(kk)) for kk, _, _ in MESSAGES.values())
    assert with_kazakh_letters > len(MESSAGES) / 2


def test_every_indicator_and_status_has_a_name_in_each_language() -> None:
    for indicator in CATALOG:
        names = {indicator_name(indicator, lang) for lang in LANGS}
        assert len(names) >= 2 and indicator not in names
    for status in STATUSES:
        assert status in STATUS_NAMES


@pytest.mark.parametrize(("lang", "expected"), [("kk", "1\u202f234,5"), ("ru", "1\u202f234,5"), ("en", "1,234.5")])
def test_numbers_use_the_languages_separators(lang: str, expected: str) -> None:
    assert format_number(1234.5, lang) == expected


def test_percent_and_missing_values() -> None:
    assert format_value(82.924, "%", "kk") == "82,9 %"
    assert format_value(82.924, "%", "en") == "82.9%"
    assert format_value(float("nan"), "%", "ru") == "нет данных"
    assert format_value(None, "%", "kk") == "дерек жоқ"
    assert format_value(-5.0, "million KZT", "ru") == "−5 млн тенге"


def test_periods_and_votes_read_naturally() -> None:
    assert period_label("2025-11", "en") == "January–November 2025"
    assert period_label("2025-11", "ru") == "январь–ноябрь 2025 г."
    assert period_label("2025-11", "kk") == "2025 ж. қаңтар–қараша"
    assert vote_label("mazhilis-2023-03-19", "ru") == "Выборы в Мажилис и маслихаты, 19 марта 2023 г."
    assert vote_label("referendum-2024-10-06", "kk") == "Референдум, 2024 ж. 6 қазан"


def test_plotly_gets_a_kazakh_locale_inline() -> None:
    config = plotly_locale("kk")
    assert config["locale"] == "kk"
    locale = config["locales"]["kk"]
    assert locale["format"]["decimal"] == "," and locale["format"]["months"][0] == "қаңтар"
    assert locale["dictionary"]["Zoom in"] == "Жақындату"
    assert plotly_locale("en") == {}


def test_import_problems_are_told_in_the_users_language() -> None:
    problem = Problem("f.csv", 4, "region", "Narnia", "unknown region; closest: Karaganda Region", "unknown_region")
    assert problem_text(problem, "ru") == ("f.csv, строка 4, столбец «region»: название региона не распознано "
                                           "(closest: Karaganda Region) (текст: «Narnia»)")
    assert problem_text(problem, "kk").startswith("f.csv, 4-жол, «region» бағаны: өңір атауы танылмады")
    assert "unknown region; closest: Karaganda Region" in problem_text(problem, "en")


def test_unknown_keys_show_themselves_rather_than_fail() -> None:
    assert t("no.such.key", "kk") == "no.such.key"
    assert status_name("mystery", "ru") == "mystery"
