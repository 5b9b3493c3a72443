"""The web chat page in a real headless browser (Debian's chromium driven by playwright).

The app runs under uvicorn on 127.0.0.1 with the fake LLM (tokens 40 ms apart, so streaming
can be seen). Skips, saying why, only when no chromium binary or no playwright package exists.
CI installs the browser with `apt-get install -y chromium` (see .ci/test).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_serve_live import live_server

pytestmark = pytest.mark.browser

QUESTION = "What did Lavrov accuse NATO of?"
OFF_TOPIC = "How do quokkas bake sourdough bread?"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="the playwright package is not installed (pip install "
        "playwright; no browser download is needed)",
    )
    exe = find_chromium()
    if exe is None:
        pytest.skip("no chromium binary: install Debian's with `apt-get install -y chromium`")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(tmp_path_factory.mktemp("browser"), FAKE_DELAY="0.04", FAKE_TOKENS="25") as (
        base,
        _,
        _,
    ):
        yield base


def ask(page: Any, text: str) -> Any:
    page.fill("#message", text)
    page.press("#message", "Enter")
    return page.locator(".message.assistant").last


def test_chat_page_streams_cites_and_shows_abstention(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base_url + "/")
    assert page.title() == "askcorpus"

    # 1. tokens stream in: partial text is visible while the message is still streaming
    answer = ask(page, QUESTION)
    partial = ""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        state = answer.get_attribute("data-state")
        text = answer.locator(".answer-text").inner_text()
        if state == "streaming" and text.strip():
            partial = text
            break
        if state == "done":
            break
        time.sleep(0.02)
    assert partial, "no partial answer was visible while streaming"
    page.wait_for_selector(".message.assistant[data-state='done']", timeout=15000)
    final = answer.locator(".answer-text").inner_text()
    assert len(final) > len(partial)
    assert page.locator(".message.user").first.inner_text().endswith(QUESTION)

    # 2. a numbered citation marker opens its passage with the article title
    marker = answer.locator("button.citation.marker").first
    assert marker.inner_text() == "[1]"
    details = answer.locator("details[data-n='1']")
    assert details.get_attribute("open") is None
    marker.click()
    page.wait_for_function(
        "() => document.querySelector(\".message.assistant details[data-n='1']\").open"
    )
    title = details.locator(".passage-title").inner_text()
    body = details.locator(".passage-body").inner_text()
    assert "Lavrov" in title or "NATO" in title
    assert len(body) > 20 and details.locator(".passage-body").is_visible()

    # 3. an abstention is shown as such
    second = ask(page, OFF_TOPIC)
    page.wait_for_function(
        "() => document.querySelectorAll(\".message.assistant[data-state='done']\").length == 2",
        timeout=15000,
    )
    label = second.locator(".abstain-label")
    assert label.inner_text() == "Not found in the corpus"
    assert "abstained" in (second.get_attribute("class") or "")
    assert second.locator(".sources h3").inner_text().lower() == "closest passages"
    assert second.locator(".stopped-note").count() == 0  # nothing streamed, nothing replaced
    assert errors == []
    page.close()


def test_chat_page_starts_afresh_when_the_server_forgot_its_session(
    browser: Any, base_url: str
) -> None:
    import re
    import urllib.request

    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    statuses: list[int] = []
    page.on("response", lambda r: statuses.append(r.status) if r.url.endswith("/v1/chat") else 0)
    page.goto(base_url + "/")
    ask(page, QUESTION)
    page.wait_for_selector(".message.assistant[data-state='done']", timeout=15000)
    sid = page.locator("#thread").get_attribute("data-session")
    assert sid and re.fullmatch(r"[A-Za-z0-9_-]+", sid), "the page holds its session id"
    # the server forgets the chat (as after a restart or an idle expiry)
    forget = urllib.request.Request(f"{base_url}/v1/sessions/{sid}", method="DELETE")
    urllib.request.urlopen(forget).close()
    second = ask(page, QUESTION)
    page.wait_for_function(
        "() => document.querySelectorAll(\".message.assistant[data-state='done']\").length == 2",
        timeout=15000,
    )
    assert "expired on the server" in second.inner_text()
    assert statuses[-2:] == [404, 200]
    assert second.locator(".answer-text").inner_text().strip()
    assert errors == []
    page.close()
