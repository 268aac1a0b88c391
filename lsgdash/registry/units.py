"""The 20 first-level units of Kazakhstan and the national total, keyed by ISO 3166-2 code.

The ISO code is the join key everywhere: names change (Nur-Sultan, South Kazakhstan), codes do not.
Aliases list every spelling seen in real files (DATA.md §1); `names.normalise` folds case, script and
generic words, so an alias needs to be written here in one form only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

NATIONAL = "KZ"


@dataclass(frozen=True)
class Unit:
    iso: str
    name_en: str
    name_kk: str
    name_ru: str
    bulletin: tuple[str, ...]
    aliases: tuple[str, ...] = field(default_factory=tuple)
    note: str = ""

    def name(self, lang: str) -> str:
        return {"kk": self.name_kk, "ru": self.name_ru}.get(lang, self.name_en)


UNITS: tuple[Unit, ...] = (
    Unit("KZ-10", "Abai Region", "Абай облысы", "Абайская область", ("ABY",),
         ("Abai", "Abay", "Abai oblysy", "Абай", "Абайская", "область Абай"),
         "from June 2022, split from East Kazakhstan"),
    Unit("KZ-11", "Akmola Region", "Ақмола облысы", "Акмолинская область", ("AKM",),
         ("Akmola", "Aqmola", "Aqmola oblysy", "Акмолинская", "Ақмола", "Акмола")),
    Unit("KZ-15", "Aktobe Region", "Ақтөбе облысы", "Актюбинская область", ("AKT",),
         ("Aktobe", "Aqtobe", "Aktyubinsk", "Актюбинская", "Ақтөбе", "Актобе")),
    Unit("KZ-19", "Almaty Region", "Алматы облысы", "Алматинская область", ("ALM",),
         ("Almaty Region", "Almaty oblysy", "Алматинская", "Алматы облысы"),
         "lost Zhetysu in June 2022"),
    Unit("KZ-23", "Atyrau Region", "Атырау облысы", "Атырауская область", ("ATY",),
         ("Atyrau", "Атырауская", "Атырау")),
    Unit("KZ-27", "West Kazakhstan Region", "Батыс Қазақстан облысы", "Западно-Казахстанская область",
         ("ZKO",),
         ("West Kazakhstan", "Batys Qazaqstan", "Западно-Казахстанская", "З-Казахстанская",
          "Зап-Казахстанская", "Западно Казахстанская", "ЗКО", "Батыс Қазақстан", "Western Kazakhstan")),
    Unit("KZ-31", "Zhambyl Region", "Жамбыл облысы", "Жамбылская область", ("ZHM",),
         ("Zhambyl", "Jambyl", "Zhambyl oblysy", "Жамбылская", "Жамбыл", "Taraz region")),
    Unit("KZ-33", "Zhetysu Region", "Жетісу облысы", "область Жетісу", ("ZHT",),
         ("Zhetysu", "Jetisu", "Zhetisu", "Jetysu", "Zhetysu oblysy", "Жетісу", "Жетысу", "Жетису",
          "Жетисуская", "Жетысуская"),
         "from June 2022, split from Almaty Region"),
    Unit("KZ-35", "Karaganda Region", "Қарағанды облысы", "Карагандинская область", ("KRG",),
         ("Karaganda", "Karagandy", "Qaraghandy", "Qaragandy", "Карагандинская", "Караганданская",
          "Қарағанды", "Караганда"),
         "lost Ulytau in June 2022"),
    Unit("KZ-39", "Kostanay Region", "Қостанай облысы", "Костанайская область", ("KST",),
         ("Kostanay", "Kostanai", "Qostanay", "Костанайская", "Қостанай", "Костанай")),
    Unit("KZ-43", "Kyzylorda Region", "Қызылорда облысы", "Кызылординская область", ("KZL",),
         ("Kyzylorda", "Qyzylorda", "Kyzyl-Orda", "Кызылординская", "Қызылорда", "Кызылорда"),
         "includes Baikonur"),
    Unit("KZ-47", "Mangystau Region", "Маңғыстау облысы", "Мангистауская область", ("MNG",),
         ("Mangystau", "Mangistau", "Mangghystau", "Mangyshlak", "Мангистауская", "Мангыстауская",
          "Маңғыстау", "Мангистау", "Мангыстау")),
    Unit("KZ-55", "Pavlodar Region", "Павлодар облысы", "Павлодарская область", ("PVL",),
         ("Pavlodar", "Павлодарская", "Павлодар")),
    Unit("KZ-59", "North Kazakhstan Region", "Солтүстік Қазақстан облысы",
         "Северо-Казахстанская область", ("SKO",),
         ("North Kazakhstan", "Soltustik Qazaqstan", "Северо-Казахстанская", "С-Казахстанская",
          "Сев-Казахстанская", "Северо Казахстанская", "СКО", "Солтүстік Қазақстан", "Northern Kazakhstan")),
    Unit("KZ-61", "Turkistan Region", "Түркістан облысы", "Туркестанская область", ("TRK", "YKO"),
         ("Turkistan", "Turkestan", "Turkistan oblysy", "Туркестанская", "Түркістан", "Туркестан",
          "Туркистан", "South Kazakhstan", "Ontustik Qazaqstan", "Южно-Казахстанская", "Ю-Казахстанская",
          "Юж-Казахстанская", "Южно Казахстанская", "ЮКО", "Оңтүстік Қазақстан", "Shymkent region",
          "Чимкентская"),
         "South Kazakhstan Region incl. Shymkent until June 2018"),
    Unit("KZ-62", "Ulytau Region", "Ұлытау облысы", "область Ұлытау", ("ULT",),
         ("Ulytau", "Ulutau", "Ulytau oblysy", "Ұлытау", "Улытау", "Улытауская"),
         "from June 2022, split from Karaganda Region"),
    Unit("KZ-63", "East Kazakhstan Region", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область",
         ("VKO",),
         ("East Kazakhstan", "Shyghys Qazaqstan", "Shygys Kazakhstan", "Восточно-Казахстанская",
          "В-Казахстанская", "Вост-Казахстанская", "Восточно Казахстанская", "ВКО", "Шығыс Қазақстан",
          "Eastern Kazakhstan"),
         "lost Abai in June 2022"),
    Unit("KZ-71", "Astana", "Астана", "Астана", ("AST",),
         ("Astana city", "Nur-Sultan", "Nursultan", "Нур-Султан", "Нұр-Сұлтан", "Астана қаласы",
          "Astana qalasy", "Астаны", "Нур-Султана"),
         "named Nur-Sultan from March 2019 to September 2022"),
    Unit("KZ-75", "Almaty", "Алматы", "Алматы", ("ALA",),
         ("Almaty city", "Alma-Ata", "Алма-Ата", "Алма-Аты", "Алматы қаласы", "Almaty qalasy", "город Алматы"),),
    Unit("KZ-79", "Shymkent", "Шымкент", "Шымкент", ("SHM",),
         ("Shymkent city", "Chimkent", "Чимкент", "Шымкента", "Чимкента", "Шымкент қаласы", "Shymkent qalasy"),
         "city of republican significance from June 2018"),
)

NATIONAL_UNIT = Unit(
    NATIONAL, "Kazakhstan (all local budgets / national)", "Қазақстан (барлық жергілікті бюджеттер)",
    "Казахстан (все местные бюджеты)", ("national", "KZ"),
    ("Kazakhstan", "Republic of Kazakhstan", "Республика Казахстан", "Қазақстан Республикасы", "Казахстан",
     "Қазақстан", "всего", "итого", "барлығы", "Total", "All local budgets", "Все местные бюджеты",
     "Местные бюджеты"),
)

BY_ISO: dict[str, Unit] = {u.iso: u for u in (*UNITS, NATIONAL_UNIT)}
UNIT_CODES: tuple[str, ...] = tuple(u.iso for u in UNITS)
BY_BULLETIN_CODE: dict[str, str] = {c: u.iso for u in (*UNITS, NATIONAL_UNIT) for c in u.bulletin}


def unit_name(iso: str, lang: str = "en") -> str:
    """Display name of a unit in a language; an unknown code is returned as written."""
    unit = BY_ISO.get(iso)
    return unit.name(lang) if unit else iso
