"""What each indicator is: group, unit, how it is computed and which views it applies to.

Names, definitions and caveats in three languages live in `lsgdash.i18n`; this module holds the facts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    id: str
    group: str  # fiscal | elections | survey
    unit: str
    uses_election: bool = False
    uses_settlement: bool = False
    derived_from: tuple[str, ...] = ()
    binary: bool = False


FISCAL_DERIVED = (
    Indicator("own_source_share", "fiscal", "%", derived_from=("rev_total", "rev_transfers")),
    Indicator("transfer_share", "fiscal", "%", derived_from=("rev_total", "rev_transfers")),
    Indicator("tax_share", "fiscal", "%", derived_from=("rev_total", "rev_tax")),
    Indicator("subvention_dependence", "fiscal", "%", derived_from=("rev_total", "subventions")),
    Indicator("donor", "fiscal", "", derived_from=("withdrawals",), binary=True),
    Indicator("revenue_total", "fiscal", "million KZT", derived_from=("rev_total",)),
)
CATALOG: dict[str, Indicator] = {
    **{i.id: i for i in FISCAL_DERIVED},
    "turnout": Indicator("turnout", "elections", "%", uses_election=True, uses_settlement=True),
    "survey_pc_awareness": Indicator("survey_pc_awareness", "survey", "%"),
    "survey_pc_participation": Indicator("survey_pc_participation", "survey", "%"),
    "survey_hearings_participation": Indicator("survey_hearings_participation", "survey", "%"),
    "survey_trust": Indicator("survey_trust", "survey", "%"),
    "survey_satisfaction": Indicator("survey_satisfaction", "survey", "%"),
}
GROUPS = ("fiscal", "elections", "survey")
DEFAULT_INDICATOR = "transfer_share"
