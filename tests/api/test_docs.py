"""/api/v1/docs/ (Swagger UI) and the browsable API pages, under the site's CSP: no CDN, no
network, no inline script."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable, Iterator
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.test import Client

DOCS = "/api/v1/docs/"


def directives(response: Any) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


def test_docs_page_runs_under_the_site_policy_unrelaxed() -> None:
    response = Client().get(DOCS)

    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert "style-src-attr" not in policy
    page = response.content.decode()
    assert "<style" not in page
    assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []  # every script is a file
    assert "https://" not in page and "http://" not in page  # nothing from elsewhere
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page


def test_docs_start_up_script_is_a_file_of_its_own() -> None:
    page = Client().get(DOCS).content.decode()
    [script_url] = re.findall(r'<script src="(/api/v1/docs/\?[^"]*)"', page)

    response = Client().get(script_url.replace("&amp;", "&"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()
    assert "/api/v1/schema/" in response.content.decode()


def test_docs_are_open_to_everyone() -> None:
    assert Client().get(DOCS).status_code == 200


def test_browsable_api_allows_inline_style_attributes_only(
    client_for: Callable[[str], Client],
) -> None:
    response = client_for("anonymous").get("/api/v1/areas/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    policy = directives(response)
    assert policy["style-src-attr"] == ["'unsafe-inline'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    page = response.content.decode()
    assert "<style" not in page
    # The one inline script is DRF's CSRF settings as JSON data, which is never executed.
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert inline == ['<script type="application/json" id="drf_csrf">']


# --- in a real browser --------------------------------------------------------------------

CHROMIUM = shutil.which("chromium")


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """The WSGI app on a free port. The docs page, its script, the schema and the static files
    need no database, so no live_server (whose flush would empty the shared test database)."""
    from django.db import connections

    from areasend.wsgi import application

    def app(environ: Any, start_response: Any) -> Any:
        # The server thread's own database connections would outlive the test (CONN_MAX_AGE)
        # and keep PostgreSQL from dropping the test database at the end of the run.
        try:
            return application(environ, start_response)
        finally:
            connections.close_all()

    httpd = make_server("127.0.0.1", 0, app, handler_class=QuietHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join()


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium not installed")
def test_docs_render_in_chromium_with_no_csp_violation(server: str, browser: Any) -> None:
    problems: list[str] = []
    page = browser.new_page()
    try:
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith(server) else problems.append(r.url))
        page.goto(f"{server}{DOCS}")
        page.wait_for_selector("#operations-statistics-statistics_retrieve", timeout=15_000)
        operations = page.locator(".opblock-summary-path").all_inner_texts()
    finally:
        page.close()

    assert problems == []
    assert "/api/v1/due/" in [o.replace("\u200b", "") for o in operations]
