"""Fixtures of the browser tests: one headless Chromium for the whole session (Debian's, since
`playwright install` cannot download here), a fresh context per test, axe-core and screenshots.

The tests drive pytest-django's `live_server`, which makes every test transactional: the seed
data must be committed for the server thread to see it, and it is flushed after each test.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import require
from tests.e2e.support import VIEWPORT

# Sync Playwright runs an asyncio loop in the test thread; Django would otherwise refuse the
# ORM calls the tests (and the transactional flush after them) make from that thread.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def _playwright():
    require(CHROMIUM.exists(), f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev extra installs it
        require(False, "Playwright for Python is not installed")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright):
    """One Chromium for the whole session; each test gets its own context (see `page`)."""
    browser = _playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def locale():
    """The browser locale (and so its Accept-Language); override it with
    `@pytest.mark.parametrize("locale", ["fr-FR"])` or by redefining this fixture."""
    return "en-GB"


@pytest.fixture
def context(browser, locale):
    context = browser.new_context(
        locale=locale,
        viewport=VIEWPORT,
        # The portal's CSP (script-src 'self') would block the inline <script> that
        # add_script_tag uses to inject axe-core; the portal itself ships no script.
        bypass_csp=True,
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def seeded_live_server(live_server):
    """The live server with the seed data committed (live_server makes the test transactional,
    so the data is flushed again after the test)."""
    from django.core.management import call_command

    with open(os.devnull, "w") as devnull:
        call_command("seed_centre", stdout=devnull)
    return live_server


@pytest.fixture
def axe():
    """axe(page) -> the list of axe-core violations of the WCAG 2.0/2.1/2.2 A and AA rules."""
    require(AXE_JS.exists(), f"axe-core is not installed at {AXE_JS} (npm ci)")

    def run(page, context="document"):
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE_JS))
        return page.evaluate(
            """async ([context, tags]) => {
                const target = context === "document" ? document : context;
                const results = await axe.run(target, {runOnly: {type: "tag", values: tags}});
                return results.violations.map((v) => ({
                    id: v.id,
                    impact: v.impact,
                    help: v.help,
                    nodes: v.nodes.map((n) => ({
                        target: n.target,
                        html: n.html,
                        summary: n.failureSummary,
                    })),
                }));
            }""",
            [context, AXE_TAGS],
        )

    return run


@pytest.fixture
def screenshot():
    """screenshot(page, name) -> the path of a full-page PNG under var/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
