"""The web surface: security headers (with a CSP Dash works under, checked in Chromium), framing by configuration,
debug off unless asked for, no stack trace to a browser, upload limits and content checks, text from files
rendered as text, downloads a spreadsheet cannot run, and /health for the process manager."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import time
from pathlib import Path

import openpyxl
import pytest
from conftest_helpers import tidy_row, write_tidy_csv
from dash import Input, Output
from dash._utils import split_callback_id
from hostile.corpus import SCRIPT, vote_row
from hostile.corpus import _turnout as write_turnout

import lsgdash.webapp as webapp
from lsgdash.ingest.tables import MAX_FILE_BYTES
from lsgdash.server.routes import _xlsx
from lsgdash.store.build import ingest
from lsgdash.store.export import EXPORT_COLUMNS, comment_line, neutralise, to_csv
from lsgdash.webapp import create_app

LEAKS = ("Traceback", 'File "', "site-packages", "lsgdash/", "Error:", "secret-detail")
# A cell (or a piece of one, split at another separator) that a spreadsheet would run. A leading space makes
# text in Excel and LibreOffice (OWASP's list: = + - @ tab CR at the start of a cell).
FORMULA = re.compile(r'^"?[=+\-@\t\r]')
IMG = '<img src=x onerror="window.__xss=1">'
VOTE = "presidential-2029-06-09"


@pytest.fixture
def client(data_copy: Path):
    return create_app().server.test_client()


def _assert_no_leak(body: bytes | str) -> None:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    for marker in LEAKS:
        assert marker not in text, (marker, text[:500])


# --- headers -----------------------------------------------------------------------------------------------------

def _csp(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {d.split()[0]: " ".join(d.split()[1:]) for d in policy.split(";") if d.strip()}


@pytest.mark.parametrize("path", ["/", "/_dash-layout", "/_dash-dependencies", "/health", "/download/view.csv",
                                  "/download/template.csv", "/geo/kz_adm1_2022.geojson", "/geo/nope.geojson",
                                  "/assets/b_app/lsgdash.css", "/_dash-update-component"])
def test_every_response_carries_the_security_headers(client, path: str) -> None:
    response = client.post(path, json={}) if path == "/_dash-update-component" else client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    csp = _csp(response)
    assert csp["default-src"] == "'self'" and csp["object-src"] == "'none'" and csp["base-uri"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["connect-src"] == "'self'" and csp["form-action"] == "'self'"
    for directive, sources in csp.items():  # nothing from another host, no wildcard
        assert "*" not in sources and "http" not in sources, (directive, sources)


def test_script_src_allows_exactly_the_inline_scripts_dash_writes(data_copy: Path) -> None:
    app = create_app()
    script_src = _csp(app.server.test_client().get("/"))["script-src"].split()
    assert "'unsafe-inline'" not in script_src  # markup that slipped into a page could not run
    assert set(app.csp_hashes()) <= set(script_src), (app.csp_hashes(), script_src)


def test_frame_ancestors_come_from_configuration(monkeypatch, data_copy: Path) -> None:
    monkeypatch.setenv("LSGDASH_FRAME_ANCESTORS", "'self' https://intranet.minfin.gov.kz")
    response = create_app().server.test_client().get("/health")
    assert _csp(response)["frame-ancestors"] == "'self' https://intranet.minfin.gov.kz"
    assert "X-Frame-Options" not in response.headers  # the CSP decides; DENY would forbid the intranet too


def test_frame_ancestors_setting_cannot_add_directives(monkeypatch, data_copy: Path) -> None:
    monkeypatch.setenv("LSGDASH_FRAME_ANCESTORS", "https://a.example; script-src https://evil.example\r\nX-Evil: 1")
    response = create_app().server.test_client().get("/health")
    csp = _csp(response)
    assert list(csp).count("script-src") == 1 and "evil" not in csp["script-src"]
    assert "X-Evil" not in response.headers
    assert response.status_code == 200


# --- debug and errors ------------------------------------------------------------------------------------------------

def test_debug_is_off_unless_asked_for(monkeypatch, data_copy: Path) -> None:
    monkeypatch.setenv("FLASK_DEBUG", "1")  # a stray Flask setting on a server must not switch it on
    monkeypatch.delenv("LSGDASH_DEBUG", raising=False)
    app = create_app()
    assert app.server.debug is False
    seen: dict = {}
    monkeypatch.setattr(app, "run", lambda **kwargs: seen.update(kwargs))
    webapp.run(app)
    assert seen["debug"] is False and seen["host"] == "127.0.0.1"
    monkeypatch.setenv("LSGDASH_DEBUG", "1")
    webapp.run(app)
    assert seen["debug"] is True


@pytest.mark.parametrize("body", [b"{not json", b"null", b"[]", b'{"output": 5}', b'{"output": "nope.children"}',
                                  b'{"output": "map.figure", "inputs": "x", "outputs": {"id": 1}}',
                                  b'{"output": "map.figure", "outputs": {"id": "map", "property": "figure"}, '
                                  b'"inputs": [{"id": "state", "property": "data", "value": {"indicator": [1]}}]}'])
def test_malformed_callback_requests_get_no_stack_trace(client, body: bytes) -> None:
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code >= 200
    _assert_no_leak(response.data)


def test_a_callback_that_raises_sends_no_trace_to_the_browser(data_copy: Path) -> None:
    app = create_app()

    @app.callback(Output("notes", "title"), Input("url", "hash"))
    def explode(_hash: str) -> str:
        raise RuntimeError("secret-detail: /srv/lsgdash/data/processed is broken")

    response = app.server.test_client().post("/_dash-update-component", json={
        "output": "notes.title", "outputs": {"id": "notes", "property": "title"},
        "inputs": [{"id": "url", "property": "hash", "value": "#x"}], "changedPropIds": ["url.hash"], "state": []})
    assert response.status_code == 500
    _assert_no_leak(response.data)
    assert "lsgdash" in response.data.decode()  # the plain error page, with a way back


def test_unknown_pages_and_files_get_plain_pages(client) -> None:
    for path in ("/geo/kz_adm1_2022.geojson%00", "/geo/..%5Capp.py", "/download/all.exe", "/download/x.csv"):
        response = client.get(path)
        assert response.status_code == 404, path
        _assert_no_leak(response.data)
    for path in ("/geo/..%2F..%2Fapp.py", "/assets/../app.py", "/assets/..%2F..%2Fapp.py"):  # no file escapes
        response = client.get(path)
        assert b"create_app" not in response.data and b"import" not in response.data, path


# --- uploads -------------------------------------------------------------------------------------------------------

def _preview(client, app, filename: str, contents: str | None) -> dict:
    key = next(k for k in app.callback_map if "upload-preview.children" in k)
    response = client.post("/_dash-update-component", json={
        "output": key, "outputs": split_callback_id(key),
        "inputs": [{"id": "upload", "property": "contents", "value": contents}], "changedPropIds": ["upload.contents"],
        "state": [{"id": "upload", "property": "filename", "value": filename},
                  {"id": "state", "property": "data", "value": {"lang": "en"}}]})
    assert response.status_code == 200, response.data[:300]
    _assert_no_leak(response.data)
    return response.get_json()["response"]


def _data_url(data: bytes) -> str:
    return "data:text/csv;base64," + base64.b64encode(data).decode()


def test_requests_over_the_size_limit_are_refused_unread(client) -> None:
    limit = client.application.config["MAX_CONTENT_LENGTH"]
    assert MAX_FILE_BYTES < limit <= 2 * MAX_FILE_BYTES  # a 20 MB file, base64-encoded, and no more
    response = client.post("/_dash-update-component", data=b"x" * (limit + 1), content_type="application/json")
    assert response.status_code == 413
    _assert_no_leak(response.data)


def test_upload_content_checks_and_inert_problem_text(data_copy: Path, tmp_path: Path) -> None:
    app = create_app()
    client = app.server.test_client()
    before = sorted(p.name for p in (data_copy / "processed").iterdir())

    refused = _preview(client, app, "tool.exe", _data_url(b"MZ\x90\x00"))
    assert "unsupported file type" in json.dumps(refused)
    garbled = _preview(client, app, "table.csv", "data:text/csv;base64,@@not-base64@@")
    assert "could not be read" in json.dumps(garbled)
    missing = _preview(client, app, "table.csv", None)
    assert "could not be read" in json.dumps(missing)

    path = write_tidy_csv(tmp_path / "x.csv", [tidy_row(region=SCRIPT)], encoding="utf-8")
    shown = _preview(client, app, "<b onmouseover=alert(1)>x.csv", _data_url(path.read_bytes()))
    text = json.dumps(shown, ensure_ascii=False)
    assert SCRIPT in text and "<b onmouseover=alert(1)>x.csv" in text  # strings in the component tree: text
    assert "dangerously" not in text and '"Iframe"' not in text and '"Script"' not in text
    assert not (data_copy / ".uploads").exists() or not any((data_copy / ".uploads").iterdir())
    assert sorted(p.name for p in (data_copy / "processed").iterdir()) == before


# --- downloads -----------------------------------------------------------------------------------------------------

HOSTILE_CELLS = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
                 "\t=1+1", "\r=1+1", "plain", "-"]


def test_neutralise_prefixes_every_formula_start() -> None:
    for text in HOSTILE_CELLS:
        out = neutralise(text)
        assert out.startswith("'") if FORMULA.match(text) else out == text, (text, out)
    assert neutralise(-5.0) == -5.0 and neutralise("Atyrau") == "Atyrau"


def test_comment_lines_are_neutralised_at_every_separator() -> None:
    line = comment_line('Source s: Agency. Report,=HYPERLINK("http://evil.example"); +cmd\t@SUM(1),"=1+1"\n=2')
    assert line.startswith("# ") and "\n" not in line
    for delimiter in ",;\t":
        for piece in line.split(delimiter)[1:]:
            assert not FORMULA.match(piece), (delimiter, piece)


def _assert_csv_inert(text: str) -> None:
    lines = text.split("\n")  # a line break inside a quoted cell is not a new row
    for line in (x for x in lines if x.startswith("# ")):
        for delimiter in ",;\t":
            assert not any(FORMULA.match(p) for p in line.split(delimiter)[1:]), line
    body = "\n".join(x for x in lines if not x.startswith("# "))
    for delimiter in ",;":  # Excel splits at ',' or, in Russian and Kazakh locales, at ';'
        for row in csv.reader(io.StringIO(body, newline=""), delimiter=delimiter):
            for cell in row:
                if FORMULA.match(cell):
                    float(cell)  # only a negative number may start with '-'


def test_to_csv_and_xlsx_writers_never_write_a_formula() -> None:
    frame = {c: ["x"] * len(HOSTILE_CELLS) for c in EXPORT_COLUMNS}
    frame["note"] = HOSTILE_CELLS
    frame["source_title"] = list(reversed(HOSTILE_CELLS))
    frame["value"] = [-1.5] * len(HOSTILE_CELLS)
    import pandas as pd

    frame = pd.DataFrame(frame)
    _assert_csv_inert(to_csv(frame, ["Source s: A. T,=1+1", "=x"]))
    book = openpyxl.load_workbook(io.BytesIO(_xlsx(frame, ["=citation"], frame[["note"]])))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]
    assert not [c.value for c in cells if isinstance(c.value, str) and FORMULA.match(c.value)]


def test_downloads_of_hostile_source_text_cannot_run_in_a_spreadsheet(data_copy: Path, tmp_path: Path) -> None:
    path = write_tidy_csv(tmp_path / "titles.csv", [tidy_row(
        year="2031", source_title='Report,=HYPERLINK("http://evil.example");+cmd', note="see;@SUM(1)",
        source_url="https://example.invalid/x")], encoding="utf-8")
    ingest(path, data_copy)
    client = create_app().server.test_client()
    text = client.get("/download/all.csv").data.decode("utf-8-sig")
    assert "HYPERLINK" in text  # the title is there, as text
    _assert_csv_inert(text)
    book = openpyxl.load_workbook(io.BytesIO(client.get("/download/all.xlsx").data))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("HYPERLINK" in str(c.value) for c in cells)
    assert not [c.coordinate for c in cells if c.data_type == "f"]


# --- health ----------------------------------------------------------------------------------------------------------

def test_health_reports_ok_with_the_observation_count(client) -> None:
    response = client.get("/health")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert body["status"] == "ok" and body["observations"] > 1000


# --- in a real browser -----------------------------------------------------------------------------------------------

@pytest.fixture
def headless(request: pytest.FixtureRequest):
    """These tests start Chromium themselves, so they run with or without the `--headless` flag."""
    before = request.config.option.headless
    request.config.option.headless = True
    yield
    request.config.option.headless = before


def _wait_idle(duo, timeout: float = 15) -> None:
    end = time.time() + timeout
    while time.time() < end:
        if not duo.driver.execute_script("return !!document.querySelector('[data-dash-is-loading=\"true\"]')"):
            time.sleep(0.3)
            return
        time.sleep(0.1)


def _violations(duo) -> list:
    return duo.driver.execute_script("return window.__csp || []")


@pytest.mark.browser
def test_the_page_works_under_its_csp_in_chromium(headless, dash_duo, data_copy: Path) -> None:
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?lang=en&indicator=transfer_share&year=2024")
    dash_duo.wait_for_element("#map .maplibregl-canvas", timeout=20)
    _wait_idle(dash_duo)
    dash_duo.wait_for_contains_text("#sources", "Statistical Bulletin", timeout=15)
    logs = dash_duo.get_logs()
    assert logs == [], logs  # no "Refused to … Content Security Policy" and no other error
    # The policy is enforced, not merely sent: a script from another origin (a closed port) is refused unloaded.
    dash_duo.driver.execute_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push("
        "e.violatedDirective)); const s = document.createElement('script'); s.src = 'http://127.0.0.1:9/x.js';"
        "document.head.appendChild(s);")
    end = time.time() + 5
    while not _violations(dash_duo) and time.time() < end:
        time.sleep(0.1)
    assert [v for v in _violations(dash_duo) if v.startswith("script-src")], _violations(dash_duo)


@pytest.mark.browser
def test_markup_from_files_is_shown_as_text_and_never_runs(headless, dash_duo, data_copy: Path,
                                                         tmp_path: Path) -> None:
    vote = tmp_path / "vote.csv"
    write_turnout([vote_row(source_title=SCRIPT, level_note=f"STATUS: final {IMG}"),
                   vote_row(region="Turkistan Region", turnout_pct="58", source_title=SCRIPT,
                            level_note=f"STATUS: final {IMG}")])(vote)
    ingest(vote, data_copy)
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + f"/?lang=en&indicator=turnout&election={VOTE}")
    dash_duo.wait_for_element("#map .maplibregl-canvas", timeout=20)
    _wait_idle(dash_duo)
    dash_duo.wait_for_contains_text("#sources", SCRIPT, timeout=15)
    dash_duo.wait_for_contains_text("#table", IMG, timeout=15)

    bad = tmp_path / "script_region.csv"
    write_tidy_csv(bad, [tidy_row(region=SCRIPT)], encoding="utf-8")
    dash_duo.driver.find_element("css selector", "#upload input[type=file]").send_keys(str(bad))
    dash_duo.wait_for_contains_text("#upload-preview", SCRIPT, timeout=15)

    script = dash_duo.driver.execute_script
    assert script("return document.querySelectorAll('#sources script, #table img, #upload-preview script, "
                  "#upload-preview img').length") == 0
    assert script("return window.__xss === undefined")
    alerts = script("try { return !!document.querySelector('dialog[open]'); } catch (e) { return false; }")
    assert not alerts
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        dash_duo.driver.switch_to.alert.text  # noqa: B018
    assert dash_duo.get_logs() == []


def test_health_says_error_when_no_store_can_be_served(monkeypatch, client) -> None:
    import lsgdash.server.routes as routes

    def broken():
        raise RuntimeError("secret-detail")

    monkeypatch.setattr(routes, "current_dataset", broken)
    response = client.get("/health")
    assert response.status_code == 503 and response.get_json() == {"status": "error"}
    _assert_no_leak(response.data)
