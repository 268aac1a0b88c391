"""Screenshots of the main view and briefing mode in kk, ru and en for docs/screenshots/ and the README.

Usage: start the app (scripts/start), then `.venv/bin/python scripts/screenshots.py [BASE_URL]`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
VIEWS = {
    "main": ("?lang={lang}&indicator=transfer_share&year=2024&regions=KZ-61", (1600, 1250)),
    "briefing": ("?lang={lang}&indicator=transfer_share&year=2024&regions=KZ-61&mode=briefing", (1366, 768)),
}


def driver(width: int, height: int) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", f"--window-size={width},{height}"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options)


def shoot(base: str, name: str, lang: str) -> Path:
    query, (width, height) = VIEWS[name]
    browser = driver(width, height)
    try:
        browser.get(base + "/" + query.format(lang=lang))
        WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.CSS_SELECTOR, "#map .maplibregl-canvas")))
        time.sleep(3)  # let MapLibre paint the boundaries it fetched
        path = OUT / f"{name}-{lang}.png"
        browser.save_screenshot(str(path))
        return path
    finally:
        browser.quit()


def main() -> None:
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8050"
    OUT.mkdir(parents=True, exist_ok=True)
    langs = sys.argv[2].split(",") if len(sys.argv) > 2 else ["kk", "ru", "en"]
    names = sys.argv[3].split(",") if len(sys.argv) > 3 else list(VIEWS)
    for name in names:
        for lang in langs:
            print(shoot(base, name, lang))


if __name__ == "__main__":
    main()
