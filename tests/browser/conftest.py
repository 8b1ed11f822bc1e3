"""What the browser tests share: one headless Chromium per test module."""

import pytest

from tests.browser.harness import CHROMIUM_FLAGS, chromium_path


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
