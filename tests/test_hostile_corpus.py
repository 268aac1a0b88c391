"""Every file of the hostile corpus (tests/hostile/corpus.py) through `ingest`, as an upload or the CLI runs it:
a rejection is an IngestError naming the file (and row and column where there is one) and leaves every byte of the
data folder as it was; a file that must parse gives the stated rows and lands in the store. Any other exception
fails the test: that would be a traceback for the user."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest_helpers import assert_names, copy_data, imported_files, snapshot
from hostile.corpus import CASES, Case

from lsgdash.i18n import problem_text
from lsgdash.ingest.detect import parse_file
from lsgdash.ingest.problems import IngestError, ProblemLog
from lsgdash.store.build import ingest
from lsgdash.store.files import load_store

REJECTED = [c for c in CASES if c.rejected]
PARSED = [c for c in CASES if not c.rejected]


@pytest.fixture(scope="module")
def shared_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy for all rejections: none of them may change it, which each test checks byte for byte."""
    return copy_data(tmp_path_factory.mktemp("hostile"))


def test_the_corpus_is_large_and_varied() -> None:
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)
    assert {Path(c.filename).suffix for c in CASES} >= {".csv", ".xlsx", ".xls", ".pdf"}
    assert len(REJECTED) >= 40 and len(PARSED) >= 5


@pytest.mark.parametrize("case", REJECTED, ids=lambda c: c.name)
def test_hostile_file_is_rejected_with_a_clear_message_and_the_store_untouched(case: Case, tmp_path: Path,
                                                                                shared_data: Path) -> None:
    path = tmp_path / case.filename
    case.write(path)
    before = snapshot(shared_data)
    for dry_run in (True, False):
        with pytest.raises(IngestError) as info:
            ingest(path, shared_data, dry_run=dry_run, label=case.filename)
        problems = info.value.problems
        assert 0 < len(problems) <= ProblemLog.LIMIT
        assert {p.code for p in problems} & set(case.codes), [(p.code, str(p)) for p in problems]
        message = str(info.value)
        assert_names(message, case.filename, case.row, case.column, case.text)
        assert all(str(p).startswith(case.filename) for p in problems), message
        assert "Traceback" not in message
        for problem in problems[:30]:  # what the upload panel shows, in each language
            for lang in ("kk", "ru", "en"):
                assert case.filename in problem_text(problem, lang)
    assert snapshot(shared_data) == before


@pytest.mark.parametrize("case", PARSED, ids=lambda c: c.name)
def test_odd_but_valid_file_is_parsed_as_meant_and_stored(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "in" / case.filename
    path.parent.mkdir()
    case.write(path)
    parsed = parse_file(path)
    assert parsed.kind == case.kind
    assert len(parsed.frames[0]) == case.rows
    if case.check:
        case.check(parsed)
    data_dir = copy_data(tmp_path)
    change = ingest(path, data_dir)
    assert len(change.added) == case.rows
    store = load_store(data_dir)
    assert store.notice == ""
    stored = store.observations.merge(parsed.frames[0][["indicator", "region", "period", "source_id"]])
    assert len(stored) == case.rows
    assert set(parsed.frames[1]["source_id"]) <= set(store.sources["source_id"])
    assert [p.name.split("-", 1)[1] for p in imported_files(data_dir)] == [case.filename]
