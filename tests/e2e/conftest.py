"""Browser tests: Debian's Chromium driven by Playwright, with axe-core on every page visited.

Every page a test reaches by a GET is checked again by axe-core at the end of the test
(same cookies, so signed-in pages are checked signed in); pages reached by a POST
(forms with errors…) are checked where the test calls ``assert_accessible(page)``.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

PROJECT_ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe.from_file(AXE_SCRIPT)


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible(axe):
    """Call with a page: fails the test when axe-core finds any WCAG 2.1 A/AA violation."""

    def check(page) -> None:
        page.wait_for_load_state("load")
        results = axe.run(page, options=AXE_OPTIONS)
        violations = results.response["violations"]
        assert not violations, format_violations(page.url, violations)

    return check


@pytest.fixture(autouse=True)
def _every_visited_page_is_accessible(request, assert_accessible):
    """Record each URL the test's pages navigate to, then check each one with axe-core."""
    if "page" not in request.fixturenames:
        yield
        return
    if "live_server" in request.fixturenames:
        request.getfixturevalue("live_server")  # set up first, so it is torn down after the checks
    page = request.getfixturevalue("page")
    visited: list[str] = []

    def remember(frame) -> None:
        if frame == page.main_frame and frame.url.startswith("http") and frame.url not in visited:
            visited.append(frame.url)

    page.on("framenavigated", remember)
    yield
    call = getattr(request.node, "rep_call", None)
    if call is None or call.failed:
        return
    checker = page.context.new_page()
    try:
        for url in visited:
            response = checker.goto(url)
            if response is not None and response.request.method == "GET":
                assert_accessible(checker)
    finally:
        checker.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)
