"""Names of indicators, statuses, votes and months, with definitions and caveats: (kk, ru, en)."""

from __future__ import annotations

INDICATOR_NAMES: dict[str, tuple[str, str, str]] = {
    "own_source_share": ("Өз кірісінің үлесі", "Доля собственных доходов", "Own-source share of revenue"),
    "transfer_share": ("Трансферттер үлесі", "Доля трансфертов", "Transfer share of revenue"),
    "tax_share": ("Салық түсімдерінің үлесі", "Доля налоговых поступлений", "Tax share of revenue"),
    "subvention_dependence": ("Субвенцияға тәуелділік", "Зависимость от субвенций", "Subvention dependence"),
    "donor": ("Донор өңір (алып қоюлар > 0)", "Регион-донор (изъятия > 0)", "Donor region (withdrawals > 0)"),
    "revenue_total": ("Жергілікті бюджет кірісі", "Доходы местного бюджета", "Local budget revenue"),
    "turnout": ("Сайлауға қатысу", "Явка избирателей", "Voter turnout"),
    "survey_pc_awareness": ("Қоғамдық кеңестер туралы хабардарлық", "Осведомлённость об общественных советах",
                            "Awareness of Public Councils"),
    "survey_pc_participation": ("Қоғамдық кеңес отырыстарына қатысу", "Участие в заседаниях общественных советов",
                                "Participation in Public Council meetings"),
    "survey_hearings_participation": ("Қоғамдық тыңдауларға қатысу", "Участие в публичных слушаниях",
                                      "Participation in public hearings"),
    "survey_trust": ("Жергілікті билікке сенім (жоғары/орташа)", "Доверие местной власти (высокое/среднее)",
                     "Trust in local authorities (high/medium)"),
    "survey_satisfaction": ("Коммуналдық қызметтерге қанағаттану", "Удовлетворённость коммунальными услугами",
                            "Satisfaction with municipal services"),
    "rev_total": ("Кірістер барлығы", "Доходы, всего", "Revenue, total"),
    "rev_tax": ("Салық түсімдері", "Налоговые поступления", "Tax revenue"),
    "rev_nontax": ("Салықтық емес түсімдер", "Неналоговые поступления", "Non-tax revenue"),
    "rev_capital": ("Негізгі капиталды сатудан түсімдер", "Поступления от продажи основного капитала",
                    "Sales of fixed capital"),
    "rev_transfers": ("Трансферттер түсімі", "Поступления трансфертов", "Transfers received"),
    "expenditure": ("Шығындар", "Затраты", "Expenditure"),
    "subventions": ("Субвенциялар", "Субвенции", "Subventions"),
    "withdrawals": ("Бюджеттік алып қоюлар", "Бюджетные изъятия", "Budget withdrawals"),
    "registered_voters": ("Тізімдегі сайлаушылар", "Избирателей в списках", "Registered voters"),
    "voters_voted": ("Дауыс бергендер", "Проголосовавших", "Voters who voted"),
}

DEFINITIONS: dict[str, tuple[str, str, str]] = {
    "own_source_share": (
        "(Кірістер барлығы − трансферттер түсімі) / кірістер барлығы. Жергілікті бюджеттердің атқарылуы, жыл басынан.",
        "(Доходы всего − поступления трансфертов) / доходы всего. Исполнение местных бюджетов с начала года.",
        "(Total revenue − transfers received) / total revenue. Execution of local budgets, year to date."),
    "transfer_share": (
        "Трансферттер түсімі / кірістер барлығы (субвенциялар, нысаналы және басқа трансферттер).",
        "Поступления трансфертов / доходы всего (субвенции, целевые и прочие трансферты).",
        "Transfers received / total revenue (subventions, targeted and other transfers)."),
    "tax_share": ("Салық түсімдері / кірістер барлығы.", "Налоговые поступления / доходы всего.",
                  "Tax revenue / total revenue."),
    "subvention_dependence": ("Республикалық бюджеттен субвенциялар / кірістер барлығы.",
                              "Субвенции из республиканского бюджета / доходы всего.",
                              "Subventions from the republican budget / total revenue."),
    "donor": ("1 — өңір республикалық бюджетке алып қоюлар төлейді (18-кесте); 0 — субвенция алады.",
              "1 — регион платит изъятия в республиканский бюджет (табл. 18); 0 — получает субвенции.",
              "1 = the region pays withdrawals to the republican budget (table 18); 0 = it receives subventions."),
    "revenue_total": ("Жергілікті бюджеттердің кірістері барлығы (трансферттерді қоса), млн теңге, номиналды.",
                      "Доходы местных бюджетов всего (включая трансферты), млн тенге, номинально.",
                      "Total revenue of local budgets including transfers, million KZT, nominal."),
    "turnout": ("Бюллетень алған сайлаушылардың тізімдегі сайлаушыларға үлесі (тіркелген сайлаушылар бойынша).",
                "Доля избирателей, получивших бюллетени, от числа избирателей в списках (знаменатель — "
                "зарегистрированные избиратели).",
                "Voters who received ballots as a share of voters on the lists (denominator: registered voters, "
                "not voting-age population)."),
    "survey": ("Түркістан облысының 120 тұрғынына сауалнама, 2024 ж. сәуір–маусым; 95 % Уилсон аралығы.",
               "Опрос 120 жителей Туркестанской области, апрель–июнь 2024 г.; 95 % интервал Уилсона.",
               "Survey of 120 residents of Turkistan Region, April-June 2024; 95 % Wilson interval."),
}

CAVEATS: dict[str, tuple[str, str, str]] = {
    "fiscal.new_regions": (
        "2022–2023 жылдардың бюллетендерінде Абай, Жетісу, Ұлытау облыстары жоқ (ата-аналық облыстар оларсыз): бұл "
        "жылдар «дерек жоқ» деп көрсетіледі, нөл емес.",
        "В бюллетенях за 2022–2023 гг. нет строк Абайской области, Жетісу и Ұлытау (родительские области уже без "
        "них): эти годы показаны как «нет данных», не ноль.",
        "The 2022-2023 Bulletin editions print no rows for Abai, Zhetysu and Ulytau (their parent regions already "
        "exclude them): those years show as no data, never zero."),
    "fiscal.partial": (
        "2025 (қаңтар–қараша) және 2026 (қаңтар–тамыз) — толық емес жылдар; олар тек сұраған кезде көрсетіледі.",
        "2025 (январь–ноябрь) и 2026 (январь–август) — неполные годы; показываются только по запросу.",
        "2025 (January-November) and 2026 (January-August) are partial years, shown only when asked for."),
    "fiscal.withdrawals": (
        "2015–2022 жж. кейбір донорлардың алып қоюлары дереккөзде жоқ; 2020 ж. желтоқсан қарашаны қайталайды.",
        "В 2015–2022 гг. в источнике нет строк изъятий части доноров; декабрь 2020 г. повторяет ноябрь.",
        "Withdrawals 2015-2022 miss some donors in the source; December 2020 repeats November."),
    "fiscal.layout": (
        "Шекаралар өзгерді: 2018 ж. маусымда Шымкент, 2022 ж. маусымда Абай, Жетісу, Ұлытау. Әр жыл өз схемасында "
        "көрсетіледі.",
        "Границы менялись: в июне 2018 г. выделен Шымкент, в июне 2022 г. — Абайская, Жетісу, Ұлытау. Каждый год "
        "показан на своей схеме.",
        "Boundaries changed: Shymkent split off in June 2018; Abai, Zhetysu and Ulytau in June 2022. Each year is "
        "drawn on its own layout."),
    "fiscal.paper": (
        "Мақаланың 2-кестесіндегі «трансферттер 80–82 %» Түркістан облысына сәйкес келеді (83–92 %), ел бойынша "
        "емес (48–59 %).",
        "«80–82 % трансфертов» из таблицы 2 статьи соответствует Туркестанской области (83–92 %), а не стране "
        "(48–59 %).",
        "The paper's Table 2 '80-82 % transfers' matches Turkistan Region (83-92 %), not the country (48-59 %)."),
    "turnout.status": (
        "Өңірлік сандар — ОСК-ның сайлау түнгі немесе дауыс беру аяқталғандағы деректері (БАҚ арқылы); өңірлер "
        "бойынша түпкілікті хаттамалар табылмады.",
        "Региональные цифры — данные ЦИК в ночь выборов или на закрытие участков (по сообщениям СМИ); итоговые "
        "протоколы по регионам не найдены.",
        "Regional figures are the CEC's election-night or close-of-polls figures as reported by news agencies; "
        "final protocols by region were not available."),
    "turnout.rural": (
        "Ауыл әкімдерін сайлауға қатысу тек сайлау өткен округтер бойынша (2021 ж. ≈1,2 млн сайлаушы), облыс бойынша "
        "емес.",
        "Явка на выборах сельских акимов — только по округам, где шли выборы (≈1,2 млн избирателей в 2021 г.), не "
        "по области.",
        "Rural akim turnout covers only the okrugs that voted (about 1.2 million voters in 2021), not the region."),
    "turnout.joint": (
        "Мәжіліс пен мәслихаттар сайлауы бірге өтті: ОСК екеуіне бір қатысу көрсеткішін жариялады.",
        "Выборы в Мажилис и маслихаты прошли вместе: ЦИК опубликовал одну явку на оба.",
        "Mazhilis and maslikhat elections were held together: the CEC published one turnout for both."),
    "survey.scope": (
        "Бір өңірдегі квоталық іріктеме (n = 120); ел бойынша көрсеткіш емес және картада тек Түркістан облысы "
        "боялады.",
        "Квотная выборка в одном регионе (n = 120); не общенациональный показатель, на карте закрашена только "
        "Туркестанская область.",
        "A quota sample in one region (n = 120); not a national figure; only Turkistan Region is shaded on the map."),
}

STATUS_NAMES: dict[str, tuple[str, str, str]] = {
    "final": ("түпкілікті", "окончательные", "final"),
    "preliminary": ("алдын ала", "предварительные", "preliminary"),
    "election-night": ("сайлау түні", "ночь выборов", "election night"),
    "close-of-polls": ("учаскелер жабылғанда", "на закрытие участков", "close of polls"),
    "day-after": ("келесі күні", "на следующий день", "day after"),
    "intraday": ("күндізгі", "в течение дня", "intraday"),
    "media-report": ("БАҚ хабары", "сообщение СМИ", "media report"),
    "reference": ("анықтамалық", "справочные", "reference"),
    "pre-vote": ("сайлауға дейін", "до голосования", "pre-vote"),
    "plan": ("жоспар", "план", "plan"),
    "forecast": ("болжам", "прогноз", "forecast"),
    "survey": ("сауалнама", "опрос", "survey"),
    "reported": ("хабарланған", "сообщено", "reported"),
    "no data": ("дерек жоқ", "нет данных", "no data"),
}

VOTE_TYPES: dict[str, tuple[str, str, str]] = {
    "presidential": ("Президент сайлауы", "Президентские выборы", "Presidential election"),
    "mazhilis": ("Мәжіліс пен мәслихаттар сайлауы", "Выборы в Мажилис и маслихаты",
                 "Mazhilis and maslikhat elections"),
    "maslikhat": ("Мәслихат сайлауы", "Выборы в маслихат", "Maslikhat election"),
    "senate": ("Сенат сайлауы", "Выборы в Сенат", "Senate election"),
    "referendum": ("Референдум", "Референдум", "Referendum"),
    "rural_akim": ("Ауыл әкімдерін сайлау", "Выборы сельских акимов", "Rural akim elections"),
    "district_akim": ("Аудан әкімдерін сайлау", "Выборы акимов районов", "District akim elections"),
    "city_akim": ("Қала әкімін сайлау", "Выборы акима города", "City akim election"),
}

MONTHS: tuple[tuple[str, str, str], ...] = (
    ("қаңтар", "январь", "January"), ("ақпан", "февраль", "February"), ("наурыз", "март", "March"),
    ("сәуір", "апрель", "April"), ("мамыр", "май", "May"), ("маусым", "июнь", "June"),
    ("шілде", "июль", "July"), ("тамыз", "август", "August"), ("қыркүйек", "сентябрь", "September"),
    ("қазан", "октябрь", "October"), ("қараша", "ноябрь", "November"), ("желтоқсан", "декабрь", "December"),
)
MONTHS_GENITIVE_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                      "октября", "ноября", "декабря")
UNIT_NAMES: dict[str, tuple[str, str, str]] = {
    "million KZT": ("млн теңге", "млн тенге", "million KZT"),
    "%": ("%", "%", "%"),
    "persons": ("адам", "чел.", "persons"),
    "count": ("саны", "кол-во", "count"),
    "": ("", "", ""),
}
