"""The smoke journey: the page opens and shows its title and a drawn map."""

from __future__ import annotations


def test_page_opens_with_title_and_map(dash_duo) -> None:
    from lsgdash.webapp import create_app

    app = create_app()
    dash_duo.start_server(app)
    dash_duo.wait_for_element("#map .maplibregl-canvas", timeout=20)
    assert dash_duo.driver.title == "lsgdash"
    assert "lsgdash" in dash_duo.find_element("h1").text
    assert dash_duo.get_logs() == [], "the browser console has errors"
