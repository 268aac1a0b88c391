"""Every rejected input is reported as problems, one per line, naming file, row, column and text."""

from __future__ import annotations

from dataclasses import dataclass

MAX_SHOWN_TEXT = 60


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    text: str
    message: str
    code: str = "invalid"
    params: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        shown = self.text if len(self.text) <= MAX_SHOWN_TEXT else self.text[:MAX_SHOWN_TEXT] + "…"
        return f"{where}: {self.message}" + (f" (text: {shown!r})" if shown else "")


class IngestError(Exception):
    """Raised with all problems found in one input; nothing has been written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ProblemLog:
    """Collects problems for one file so a user sees all of them at once, capped to stay readable."""

    LIMIT = 200

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, row: int | None, column: str | None, text: object, message: str, code: str = "invalid",
            **params: object) -> None:
        if len(self.problems) < self.LIMIT:
            self.problems.append(Problem(self.file, row, column, "" if text is None else str(text), message, code,
                                         tuple((k, str(v)) for k, v in params.items())))

    def raise_if_any(self) -> None:
        if self.problems:
            raise IngestError(self.problems)

    def __bool__(self) -> bool:
        return bool(self.problems)
