"""Writes Statistical Bulletin workbooks for the tests, laid out like the Ministry's XLSX editions.

Figures come from the bundled transcription (data/sources/minfin/regional_budgets_annual.csv), as its raw text,
so a parsed value can be compared exactly. The plan column holds a marker, not a plan figure: it must never
reach the output.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
MINFIN_CSV = ROOT / "data" / "sources" / "minfin" / "regional_budgets_annual.csv"
NBSP = "\u00a0"
PLAN_MARKER = 987654321.5  # not a real figure: shows whether a plan column leaked into the output

# The Bulletin's usual order of region sheets (12.1 … 12.20) and the Russian titles it prints.
TITLES = {
    "ABY": "ОБЛАСТИ АБАЙ", "AKM": "АКМОЛИНСКОЙ ОБЛАСТИ", "AKT": "АКТЮБИНСКОЙ ОБЛАСТИ",
    "ALM": "АЛМАТИНСКОЙ ОБЛАСТИ", "ATY": "АТЫРАУСКОЙ ОБЛАСТИ", "ZKO": "ЗАПАДНО-КАЗАХСТАНСКОЙ ОБЛАСТИ",
    "ZHM": "ЖАМБЫЛСКОЙ ОБЛАСТИ", "ZHT": "ОБЛАСТИ ЖЕТІСУ", "KRG": "КАРАГАНДИНСКОЙ ОБЛАСТИ",
    "KST": "КОСТАНАЙСКОЙ ОБЛАСТИ", "KZL": "КЫЗЫЛОРДИНСКОЙ ОБЛАСТИ", "MNG": "МАНГИСТАУСКОЙ ОБЛАСТИ",
    "PVL": "ПАВЛОДАРСКОЙ ОБЛАСТИ", "SKO": "СЕВЕРО-КАЗАХСТАНСКОЙ ОБЛАСТИ", "TRK": "ТУРКЕСТАНСКОЙ ОБЛАСТИ",
    "ULT": "ОБЛАСТИ ҰЛЫТАУ", "VKO": "ВОСТОЧНО-КАЗАХСТАНСКОЙ ОБЛАСТИ", "AST": "ГОРОДА АСТАНЫ",
    "ALA": "ГОРОДА АЛМАТЫ", "SHM": "ГОРОДА ШЫМКЕНТ",
}
# Row names in table 18, spelled as Bulletin editions vary them.
ROW_NAMES = {
    "ABY": "область Абай", "AKM": "Акмолинская область", "AKT": "Актюбинская область",
    "ALM": "Алматинская область", "ATY": "Атырауская область", "ZKO": "Западно-Казахстанская область",
    "ZHM": "Жамбылская область", "ZHT": "область Жетісу", "KRG": "Карагандинская область",
    "KST": "Костанайская область", "KZL": "Кызылординская область", "MNG": "Мангистауская область",
    "PVL": "Павлодарская область", "SKO": "Северо-Казахстанская область", "TRK": "Туркестанская область",
    "ULT": "область Ұлытау", "VKO": "ВОСТ-КАЗАХСТАНСКАЯ ОБЛАСТЬ", "AST": "г. Астана", "ALA": "г.Алматы",
    "SHM": "Г.ШЫМКЕНТ",
}
# (Kazakh label, Russian label as printed, item code or None for a row the importer must skip)
ITEM_ROWS = [
    ("I. КІРІСТЕР", "I. ДОХОДЫ", "REV"),
    ("Салықтық түсімдер", "Налоговые поступления, в том числе:_x000D_", "REV.TAX"),
    ("Жеке табыс салығы", "Индивидуальный подоходный налог", None),
    ("Салықтық емес түсімдер", "НЕНАЛОГОВЫЕ  ПОСТУПЛЕНИЯ", "REV.NONTAX"),
    ("Негізгі капиталды сатудан түсетін түсімдер", "Поступления от продажи основного капитала", "REV.CAPITAL"),
    ("Трансферттердің түсімдері", "Поступления трансфертов, в том числе:", "REV.TRANSFERS"),
    ("Субвенциялар", "Субвенции", "SUBVENTIONS"),
    ("II. ШЫҒЫНДАР", "II. ЗАТРАТЫ", "EXP"),
    ("III. ТАЗА БЮДЖЕТТІК КРЕДИТТЕУ", "III. ЧИСТОЕ БЮДЖЕТНОЕ КРЕДИТОВАНИЕ", None),
]
FIRST_DATA_ROW = 6
# Columns: A Kazakh label, B Russian label, C plan, D current period, E % of plan, F previous year.


@dataclass
class Column:
    """One execution column: its header and figures keyed by (Bulletin region code or 'national', item)."""

    header: str
    figures: dict[tuple[str, str], str] = field(default_factory=dict)


def bundled_figures(date: str) -> dict[tuple[str, str], str]:
    """Raw value text of the bundled transcription for one period date (e.g. '2024-12-01')."""
    with MINFIN_CSV.open(encoding="utf-8") as handle:
        return {(r["region"], r["item_code"]): r["value"] for r in csv.DictReader(handle) if r["date"] == date}


def as_cell(raw: str | None, as_text: bool) -> object:
    """A float as openpyxl writes numbers, or the text an analyst's copy shows: «1 968 721,04» with no-break spaces."""
    if raw is None or raw == "-":
        return raw
    if not as_text:
        return float(raw)
    whole, _, frac = raw.partition(".")
    groups = f"{int(whole):,}".replace(",", NBSP)
    return groups + ("," + frac if frac else "")


def _item_sheet(ws, title: str, caption: str, current: Column, previous: Column | None, code: str,
                as_text: bool, plan_header: str) -> None:
    ws["A1"], ws["F1"] = title, caption
    ws["A2"] = "(млн. теңге / млн. тенге)"
    ws.append([])
    ws.append(["Атауы", "Наименование", plan_header, current.header, "орындалуы, % / исполнение, %",
               previous.header if previous else None])
    ws.append(["А", "Б", 1, 2, 3, 4])
    for kk, ru, item in ITEM_ROWS:
        if item is None:
            values = ["-", "-", None, "-" if previous else None]
        else:
            prev = previous.figures.get((code, item)) if previous else None
            values = [PLAN_MARKER, as_cell(current.figures.get((code, item)), as_text), None,
                      as_cell(prev, as_text)]
        ws.append([kk, ru, *values])


def _transfers_sheet(ws, current: Column, previous: Column | None, plan_header: str) -> None:
    ws["A1"] = "ОБЩИЕ ТРАНСФЕРТЫ МЕЖДУ РЕСПУБЛИКАНСКИМ И МЕСТНЫМИ БЮДЖЕТАМИ"
    ws["A2"] = "(млн. тенге)"
    ws.append(["№", "Наименование", plan_header, current.header, previous.header if previous else None])
    blocks = (("WITHDRAWALS", "Бюджетные изъятия из местных бюджетов в республиканский бюджет, в том числе:"),
              ("SUBVENTIONS", "Субвенции из республиканского бюджета местным бюджетам, в том числе:"))
    for item, heading in blocks:
        ws.append([None, heading, PLAN_MARKER, *(as_cell(c.figures.get(("national", item)), False)
                                              for c in (current, previous) if c)])
        codes = [c for c in TITLES if any((c, item) in col.figures for col in (current, previous) if col)]
        for number, code in enumerate(codes, start=1):
            ws.append([number, ROW_NAMES[code], PLAN_MARKER,
                       *(as_cell(c.figures.get((code, item)), False) for c in (current, previous) if c)])
    ws.append([None, "Трансферты из республиканского бюджета на целевые расходы", None, None, None])


def write_bulletin(path: Path, current: Column, previous: Column | None = None, *, regions: list[str] | None = None,
                   plan_header: str = "2024 ж. нақтыланған жоспар / уточненный план на 2024 г.",
                   transfers: bool = True, text_values_for: str = "ALA", seed: int = 7) -> dict[str, str]:
    """Write an edition; return the sheet name of each region code ('national' → «табл 12»).

    Region sheets are written in a shuffled order; Aktobe and Atyrau swap their usual numbers (so the sheet name
    disagrees with its title and caption) and Kostanay's sheet carries a stray caption naming Karaganda.
    """
    regions = list(TITLES) if regions is None else regions
    numbers = {code: i for i, code in enumerate(TITLES, start=1)}
    numbers["AKT"], numbers["ATY"] = numbers["ATY"], numbers["AKT"]
    book = openpyxl.Workbook()
    book.active.title = "Мазмұны"
    book.active["A1"] = "Статистический бюллетень Министерства финансов Республики Казахстан"
    book.create_sheet("табл 1")["A1"] = "ИСПОЛНЕНИЕ ГОСУДАРСТВЕННОГО БЮДЖЕТА"
    sheets = {"national": "табл 12"}
    _item_sheet(book.create_sheet("табл 12"), "ИСПОЛНЕНИЕ МЕСТНЫХ БЮДЖЕТОВ", "12-кесте / таблица 12", current,
                previous, "national", False, plan_header)
    order = regions[:]
    random.Random(seed).shuffle(order)
    for code in order:
        name = f"табл 12.{numbers[code]}"
        usual = list(TITLES).index(code) + 1
        _item_sheet(book.create_sheet(name), f"ИСПОЛНЕНИЕ МЕСТНОГО БЮДЖЕТА {TITLES[code]}",
                    f"12.{usual}-кесте / таблица 12.{usual}", current, previous, code, code == text_values_for,
                    plan_header)
        if code == "KST":
            book[name]["C2"] = "Карагандинская область"
        sheets[code] = name
    if transfers:
        _transfers_sheet(book.create_sheet("табл 18"), current, previous, plan_header)
        sheets["transfers"] = "табл 18"
    book.save(path)
    return sheets


def december_2024(path: Path) -> dict[str, str]:
    """The December 2024 edition: annual 2024 and 2023 execution columns (2023 without Abai, Zhetysu, Ulytau)."""
    return write_bulletin(path, Column("2024 ж. есеп / 2024 г. отчет", bundled_figures("2024-12-01")),
                          Column(f"2{NBSP}023 ж. есеп / 2{NBSP}023 г. отчет", bundled_figures("2023-12-01")))


def edit(path: Path, change) -> None:
    """Apply change(workbook) to a written edition, for the malformed cases."""
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
