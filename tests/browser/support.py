"""A browser tab that checks every page it visits: axe-core (WCAG 2.2 A and AA) on each page, no
JavaScript error and no Content Security Policy violation in the console, and no navigation that
escaped the check."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

from playwright.sync_api import ConsoleMessage, Error, Page, Response

REPO = Path(__file__).resolve().parents[2]
# axe-core comes from our own package-lock.json (npm ci), so its version is pinned with GOV.UK
# Frontend's rather than by whichever copy a Python wrapper bundles.
AXE_SOURCE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PASSWORD = "demo-password-not-for-production"
# Not crawled: files, the admin site, the API (its docs page has its own test) and sign-out.
NOT_CRAWLED = re.compile(r"^/(api|admin)/|^/accounts/logout/|\.(csv|pdf|svg|png|json|xlsx|ods)$")
# One URL shape per page kind: ids and GSS codes collapse, so 153 area pages count as one kind.
ID_OR_CODE = re.compile(r"\b[EWSN]\d{8}\b|\d+")
LINKS = "els => els.filter(e => !e.hasAttribute('download')).map(e => e.getAttribute('href'))"
# Chromium reports every HTTP error status as a console error; statuses are checked by the tests
# themselves (documents) and by test_assets.py (everything else), not as console noise.
HTTP_STATUS_MESSAGE = "Failed to load resource: the server responded with a status of"


def format_violations(url: str, who: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"axe-core: {len(violations)} WCAG 2.2 A/AA violation(s) on {url} ({who}):"]
    for v in violations:
        lines.append(f"  - {v['id']} [{v.get('impact')}]: {v['help']}  {v['helpUrl']}")
        for node in v["nodes"][:5]:
            target = " ".join(str(t) for t in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"      at {target}: {summary}")
        if len(v["nodes"]) > 5:
            lines.append(f"      ... and {len(v['nodes']) - 5} more element(s)")
    return "\n".join(lines)


@dataclass
class CheckedPage:
    """Wraps a Playwright page. Use `goto` for addresses and `settled` after a click that loads a
    new page; both run axe. The fixture's teardown calls `finish`."""

    page: Page
    base_url: str
    who: str
    axe_source: str
    console_errors: list[str] = field(default_factory=list)
    failed_assets: list[str] = field(default_factory=list)
    navigated: list[str] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.page.on("console", self._on_console)
        self.page.on("pageerror", self._on_page_error)
        self.page.on("response", self._on_response)
        self.page.on("framenavigated", self._on_navigated)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and not message.text.startswith(HTTP_STATUS_MESSAGE):
            self.console_errors.append(f"{self.page.url}: {message.text}")

    def _on_page_error(self, error: Error) -> None:
        self.console_errors.append(f"{self.page.url}: uncaught {error.name}: {error.message}")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            self.failed_assets.append(f"{response.status} {response.url}")

    def _on_navigated(self, frame: Any) -> None:
        if frame == self.page.main_frame and frame.url.startswith(self.base_url):
            self.navigated.append(urldefrag(frame.url).url)

    def goto(self, path: str, *, status: int = 200, ready: str | None = None) -> Response:
        """Load a page and check it; `ready` names an element that script renders after the load
        event (the API docs), so axe sees the finished page."""
        response = self.page.goto(self.base_url + path)
        assert response is not None
        assert response.status == status, f"GET {path} as {self.who}: {response.status}"
        if ready:
            self.page.locator(ready).first.wait_for()
        self.check()
        return response

    def settled(self) -> None:
        """After a click or submit that loads a page: wait for it, then check it."""
        self.page.wait_for_load_state("load")
        self.check()

    def check(self) -> None:
        url = self.page.url
        # Normally already there (the context's init script). page.evaluate, like the init
        # script, goes through the DevTools protocol, which the page's CSP does not govern.
        if not self.page.evaluate("() => typeof window.axe === 'object'"):
            self.page.evaluate(self.axe_source)
        results = self.page.evaluate(
            "options => axe.run(document, options)",
            {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
        )
        self.checked.add(urldefrag(url).url)
        errors, self.console_errors = self.console_errors, []  # reported once, here
        violations = results["violations"]
        assert not violations, format_violations(url, self.who, violations)
        assert not errors, "Console errors:\n" + "\n".join(errors)

    def finish(self) -> None:
        assert not self.console_errors, "Console errors:\n" + "\n".join(self.console_errors)
        unchecked = [url for url in self.navigated if url not in self.checked]
        assert not unchecked, f"Pages visited without an axe check: {unchecked}"

    def sign_in(self, username: str, password: str = PASSWORD) -> None:
        self.goto("/accounts/login/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.settled()

    def crawl(
        self,
        start: str = "/",
        *,
        per_kind: int = 2,
        limit: int = 40,
        skip: Collection[str] = (),
        each: Callable[[str], None] | None = None,
    ) -> list[str]:
        """Visit `start` and, breadth first, every same-site page linked from what is visited,
        at most `per_kind` pages of each URL shape, except the paths in `skip` and links that
        turn out to be file downloads; call `each` with the path on each page after its checks.
        Returns the paths visited."""
        queue, visited, kinds = [start], list[str](), Counter[str]()
        while queue and len(visited) < limit:
            path = queue.pop(0)
            try:
                self.goto(path)
            except Error as exc:
                if "Download is starting" not in exc.message:
                    raise
                continue  # a file (say a case document), not a page; the tab stays where it was
            visited.append(path)
            if each:
                each(path)
            for href in self.page.eval_on_selector_all("a[href]", LINKS):
                parts = urlsplit(href)
                if parts.netloc and f"{parts.scheme}://{parts.netloc}" != self.base_url:
                    continue
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                kind = ID_OR_CODE.sub("N", parts.path)
                if not target.startswith("/") or NOT_CRAWLED.search(parts.path):
                    continue
                if target in skip or target in visited or target in queue or kinds[kind] >= per_kind:
                    continue
                kinds[kind] += 1
                queue.append(target)
        return visited
