"""The users' journeys in headless Chromium: open a link, change filters, click a region, switch language,
step through years from the keyboard, download, and never leave 127.0.0.1."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit
from urllib.request import urlopen

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from lsgdash.webapp import create_app

TURKISTAN_2024 = "/?lang=kk&indicator=transfer_share&year=2024&regions=KZ-61"


@pytest.fixture
def app_url(dash_duo):
    """Starts the app and returns a function that opens one of its URLs and waits for the map."""
    app = create_app()
    sizes: list[tuple[str, int, str]] = []

    @app.server.after_request
    def record(response):  # the bytes each callback sends: a deterministic budget, unlike seconds
        from flask import request

        if request.path.endswith("_dash-update-component"):
            body = response.get_data()
            sizes.append((request.get_json(silent=True).get("output", ""), len(body), body.decode("utf-8", "replace")))
        return response

    dash_duo.start_server(app)

    def open_(path: str):
        sizes.clear()
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_element("#map .maplibregl-canvas", timeout=20)
        wait_idle(dash_duo)
        return dash_duo

    open_.sizes = sizes  # type: ignore[attr-defined]
    return open_


def wait_idle(duo, timeout: float = 15) -> None:
    """Waits until Dash has no callback in flight."""
    end = time.time() + timeout
    while time.time() < end:
        busy = duo.driver.execute_script(
            "return !!document.querySelector('[data-dash-is-loading=\"true\"]') || "
            "(window.dash_clientside === undefined)")
        if not busy:
            time.sleep(0.3)
            return
        time.sleep(0.1)


def trace(duo, graph: str, index: int = 0) -> dict:
    return duo.driver.execute_script(
        f"const gd = document.querySelector('#{graph} .js-plotly-plot'); return gd ? gd.data[{index}] : null;")


def map_value(duo, iso: str) -> float | None:
    data = trace(duo, "map")
    return data["z"][data["locations"].index(iso)] if iso in data["locations"] else None


def query(duo) -> dict:
    return {k: v[-1] for k, v in parse_qs(urlsplit(duo.driver.current_url).query).items()}


def table_row(duo, iso: str) -> str:
    return duo.find_element(f'#table tr[data-region="{iso}"]').text


def test_a_shared_link_opens_in_kazakh_with_turkistan_at_83_percent(app_url) -> None:
    duo = app_url(TURKISTAN_2024)
    assert duo.find_element("h1").text.startswith("lsgdash — жергілікті")
    assert duo.driver.find_element(By.CSS_SELECTOR, ".lsg-page").get_attribute("lang") == "kk"
    assert round(map_value(duo, "KZ-61")) == 83
    assert "82,9 %" in table_row(duo, "KZ-61")
    assert "Қаржымині" in table_row(duo, "KZ-61")
    turkistan = next(t for t in duo.driver.execute_script(
        "return document.querySelector('#trend .js-plotly-plot').data") if t["name"] == "Түркістан облысы")
    assert round(turkistan["y"][turkistan["x"].index(2024)]) == 83
    assert "82,9 %" in duo.find_element("#key-figure").text
    sources = duo.find_element("#sources").text
    assert "Ministry of Finance of the Republic of Kazakhstan" in sources and "Statistical Bulletin" in sources
    assert duo.get_logs() == []


def test_year_indicator_and_region_changes_update_every_view_and_the_url(app_url) -> None:
    duo = app_url(TURKISTAN_2024)
    duo.find_element("#period-prev").click()
    duo.wait_for_text_to_equal("#period-label", "2023")
    wait_idle(duo)
    assert query(duo)["year"] == "2023"
    assert round(map_value(duo, "KZ-61"), 1) == 86.3
    assert "86,3 %" in table_row(duo, "KZ-61")
    assert map_value(duo, "KZ-10") is None, "Abai 2023 must be no data, not a value"
    assert "дерек жоқ" in table_row(duo, "KZ-10")

    # indicator → own-source share: map, table and URL follow
    duo.select_dcc_dropdown("#indicator", "Өз кірісінің үлесі")
    wait_idle(duo)
    assert query(duo)["indicator"] == "own_source_share"
    assert round(map_value(duo, "KZ-61"), 1) == 13.7
    # a map click adds Atyrau to the selection: URL, table highlight and key figure follow
    duo.driver.execute_script("""
        const gd = document.querySelector('#map .js-plotly-plot');
        gd.emit('plotly_click', {points: [{location: 'KZ-23', curveNumber: 0}]});""")
    wait_idle(duo)
    assert query(duo)["regions"] == "KZ-61,KZ-23"
    assert "table-warning" in duo.find_element('#table tr[data-region="KZ-23"]').get_attribute("class")
    assert trace(duo, "map", 2)["locations"] == ["KZ-61", "KZ-23"]
    # the comparison tab draws one dot per region with both figures, Atyrau highlighted
    tab = duo.driver.find_element(By.LINK_TEXT, "Салыстыру")
    duo.driver.execute_script("arguments[0].click();", tab)
    wait_idle(duo)
    assert query(duo)["view"] == "scatter"
    dots = trace(duo, "scatter")
    assert "KZ-23" in dots["customdata"]
    assert "n = " in duo.find_element("#scatter-stats").text

    # reopening the URL in a fresh page restores the same view
    url = duo.driver.current_url
    duo.driver.get("about:blank")
    duo.driver.get(url)
    duo.wait_for_element("#map .maplibregl-canvas", timeout=20)
    wait_idle(duo)
    assert query(duo)["indicator"] == "own_source_share"
    assert duo.find_element("#period-label").text == "2023"
    assert trace(duo, "map", 2)["locations"] == ["KZ-61", "KZ-23"]
    assert "KZ-23" in trace(duo, "scatter")["customdata"]


def test_back_and_forward_walk_the_view_history(app_url) -> None:
    duo = app_url(TURKISTAN_2024)
    duo.find_element("#period-prev").click()
    duo.wait_for_text_to_equal("#period-label", "2023")
    duo.find_element("#period-prev").click()
    duo.wait_for_text_to_equal("#period-label", "2022")
    duo.driver.back()
    duo.wait_for_text_to_equal("#period-label", "2023")
    wait_idle(duo)
    assert round(map_value(duo, "KZ-61"), 1) == 86.3
    duo.driver.forward()
    duo.wait_for_text_to_equal("#period-label", "2022")


def test_a_year_change_sends_numbers_not_geometry(app_url) -> None:
    duo = app_url(TURKISTAN_2024)
    sizes = app_url.sizes  # type: ignore[attr-defined]
    sizes.clear()
    duo.find_element("#period-prev").click()
    duo.wait_for_text_to_equal("#period-label", "2023")
    wait_idle(duo)
    import json

    map_responses = [len(json.dumps(json.loads(body)["response"]["map"]["figure"], ensure_ascii=False).encode())
                     for output, _, body in sizes if "map.figure" in output]
    assert map_responses, [o for o, _, _ in sizes]
    assert max(map_responses) < 4096, f"map update of {max(map_responses)} bytes"
    assert not any('"coordinates"' in body for _, _, body in sizes), "geometry was sent again"
    total = sum(size for _, size, _ in sizes)
    assert total < 40_000, f"a year change sent {total} bytes in {len(sizes)} responses"
    resources = duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('geojson'))")
    assert len(resources) == 1, resources


def test_nothing_is_requested_beyond_the_app_host(app_url) -> None:
    duo = app_url(TURKISTAN_2024 + "&view=ranking")
    duo.find_element("#period-prev").click()
    duo.wait_for_text_to_equal("#period-label", "2023")
    wait_idle(duo)
    names = duo.driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    host = urlsplit(duo.server_url).netloc
    foreign = [n for n in names if urlsplit(n).netloc not in (host, "") and not n.startswith(("data:", "blob:"))]
    assert foreign == []
    assert urlsplit(duo.server_url).hostname in ("127.0.0.1", "localhost")


def test_switching_language_keeps_the_view(app_url) -> None:
    duo = app_url(TURKISTAN_2024 + "&year=2023")
    duo.driver.find_element(By.LINK_TEXT, "Русский").click()
    duo.wait_for_element("#map .maplibregl-canvas", timeout=20)
    wait_idle(duo)
    assert duo.find_element("h1").text == "lsgdash — местное самоуправление"
    assert query(duo)["lang"] == "ru" and query(duo)["year"] == "2023" and query(duo)["regions"] == "KZ-61"
    assert "86,3 %" in table_row(duo, "KZ-61")
    duo.driver.find_element(By.LINK_TEXT, "English").click()
    duo.wait_for_element("#map .maplibregl-canvas", timeout=20)
    wait_idle(duo)
    assert "86.3%" in table_row(duo, "KZ-61")
    assert "Turkistan Region" in table_row(duo, "KZ-61")


def test_a_malformed_link_falls_back_with_a_visible_note(app_url) -> None:
    duo = app_url("/?lang=en&indicator=nonsense&year=1066&regions=Narnia,KZ-61")
    notes = duo.find_element("#notes").text
    assert "indicator=nonsense" in notes and "year=1066" in notes and "regions=Narnia" in notes
    assert duo.find_element("#period-label").text == "2024"
    assert trace(duo, "map", 2)["locations"] == ["KZ-61"]


def test_turnout_view_shows_status_and_disables_the_year_with_a_reason(app_url) -> None:
    duo = app_url("/?lang=en&indicator=turnout&election=mazhilis-2023-03-19")
    assert map_value(duo, "KZ-75") == 25.82
    assert "election night" in table_row(duo, "KZ-75")
    assert duo.find_element("#period-why").text == "Turnout is chosen by vote: use the vote list below"
    assert "mixes statuses" not in duo.find_element("#sources").text or "final" in duo.find_element("#sources").text
    assert "Rural akim turnout covers only the okrugs that voted" in duo.find_element("#sources").text


def test_briefing_mode_steps_through_every_year_from_the_keyboard(app_url) -> None:
    duo = app_url("/?lang=ru&indicator=transfer_share&year=2013&mode=briefing&regions=KZ-61")
    duo.driver.set_window_size(1366, 768)
    assert duo.find_element(".lsg-key .key-value").text == "81,9 %"
    duo.driver.execute_script("document.activeElement.blur();")
    seen = ["2013"]
    for year in range(2014, 2025):
        ActionChains(duo.driver).send_keys(Keys.ARROW_RIGHT).perform()
        duo.wait_for_text_to_equal("#period-label", str(year))
        wait_idle(duo)
        seen.append(duo.find_element("#period-label").text)
        assert query(duo)["year"] == str(year)
    assert seen == [str(y) for y in range(2013, 2025)]
    assert duo.find_element(".lsg-key .key-value").text == "82,9 %"
    ActionChains(duo.driver).send_keys(Keys.ARROW_LEFT).perform()
    duo.wait_for_text_to_equal("#period-label", "2023")
    # space plays and pauses
    ActionChains(duo.driver).send_keys(Keys.SPACE).perform()
    duo.wait_for_element('#play[aria-pressed="true"]')
    ActionChains(duo.driver).send_keys(Keys.SPACE).perform()
    duo.wait_for_element('#play[aria-pressed="false"]')
    # Tab reaches the region list; Enter selects a region
    button = duo.find_element('#region-list button[id*="KZ-23"]')
    button.send_keys(Keys.ENTER)
    wait_idle(duo)
    assert query(duo)["regions"] == "KZ-61,KZ-23"
    # all values are on screen, not only on hover
    assert re.search(r"\d+,\d %", duo.find_element("#region-list").text)


def test_downloads_carry_the_rows_on_screen_with_citations(app_url) -> None:
    duo = app_url(TURKISTAN_2024)
    href = duo.find_element("#dl-view-csv").get_attribute("href")
    assert "year=2024" in href and "indicator=transfer_share" in href
    text = urlopen(href).read().decode("utf-8-sig")
    assert text.startswith("# lsgdash export")
    assert "Source minfin-bulletin: Ministry of Finance of the Republic of Kazakhstan" in text
    rows = [line for line in text.splitlines() if not line.startswith("#")]
    assert len(rows) == 1 + 21
    turkistan = next(line for line in rows if line.startswith("transfer_share,KZ-61,"))
    assert re.search(r",82\.924\d+,%,final,", turkistan)
