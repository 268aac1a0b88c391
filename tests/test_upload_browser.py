"""Loading a file on the page: a preview first, a write only on confirmation, a clear refusal otherwise."""

from __future__ import annotations

import hashlib
from pathlib import Path

from test_journeys_browser import wait_idle

from lsgdash.webapp import create_app

HEADER = ("election_date,election_type,region,region_as_written,turnout_pct,registered_voters,voted,level_note,"
          "source_url,source_title\n")
# Test fixture only: a made-up future vote, never shipped as data.
NEW_VOTE = HEADER + "".join(
    f"2029-06-10,presidential,{name},{name},{value},,,STATUS: final (test fixture),https://example.test/v,"
    f"Test fixture vote (lsgdash tests)\n"
    for name, value in (("Turkistan Region", "61.5"), ("Atyrau Region", "58.25"), ("Kazakhstan", "60.1")))
BROKEN = HEADER + "2029-06-10,presidential,Narnia,Narnia,61.5,,,STATUS: final,https://example.test/v,Test\n"


def store_hash(data: Path) -> str:
    return hashlib.sha256(b"".join((data / "processed" / name).read_bytes()
                                   for name in ("observations.csv", "sources.csv", "manifest.json"))).hexdigest()


def open_app(duo, lang: str, data: Path) -> str:
    """Starts the app on the test's data copy, opens it in a language, returns the store's hash."""
    duo.start_server(create_app())
    duo.driver.get(duo.server_url + f"/?lang={lang}")
    duo.wait_for_element("#map .maplibregl-canvas", timeout=20)
    return store_hash(data)


def upload(duo, path: Path) -> None:
    field = duo.driver.find_element("css selector", "#upload input[type=file]")
    field.send_keys(str(path))
    wait_idle(duo)


def test_upload_previews_then_saves_a_new_vote(dash_duo, data_copy: Path, tmp_path: Path) -> None:
    before = open_app(dash_duo, "en", data_copy)
    path = tmp_path / "new_vote.csv"
    path.write_text(NEW_VOTE, encoding="utf-8")
    upload(dash_duo, path)
    dash_duo.wait_for_contains_text("#upload-preview", "read as a turnout table", timeout=15)
    assert "3 new" in dash_duo.find_element("#upload-preview").text
    assert store_hash(data_copy) == before, "a preview must not write"
    confirm = dash_duo.find_element("#upload-confirm")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", confirm)
    dash_duo.wait_for_contains_text("#upload-result", "Saved", timeout=20)
    assert store_hash(data_copy) != before
    assert "61.5" in (data_copy / "processed" / "observations.csv").read_text("utf-8")
    dash_duo.driver.get(dash_duo.server_url + "/?lang=en&indicator=turnout&election=presidential-2029-06-10")
    dash_duo.wait_for_element("#map .maplibregl-canvas", timeout=20)
    wait_idle(dash_duo)
    assert "61.5%" in dash_duo.find_element('#table tr[data-region="KZ-61"]').text


def test_upload_of_a_broken_file_is_refused_in_the_page_language(dash_duo, data_copy: Path, tmp_path: Path) -> None:
    before = open_app(dash_duo, "ru", data_copy)
    path = tmp_path / "broken.csv"
    path.write_text(BROKEN, encoding="utf-8")
    upload(dash_duo, path)
    dash_duo.wait_for_contains_text("#upload-preview", "отклонён", timeout=15)
    text = dash_duo.find_element("#upload-preview").text
    assert "broken.csv, строка 2, столбец «region»" in text and "Narnia" in text
    assert "upload-confirm" in dash_duo.find_element("#upload-confirm").get_attribute("id")
    assert "d-none" in dash_duo.find_element("#upload-confirm").get_attribute("class")
    assert store_hash(data_copy) == before
