"""Static files: whitenoise, plus GOV.UK Frontend's fonts and images at /assets/, the path its
precompiled stylesheet asks for (they come from node_modules, installed from the npm registry)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.conf import settings as django_settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from whitenoise.middleware import WhiteNoiseMiddleware

from areasend.errors import method_not_allowed, too_large

GOVUK_ASSETS = django_settings.BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "assets"


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    def __init__(self, get_response: Any = None, settings: Any = django_settings) -> None:
        super().__init__(get_response, settings)
        if GOVUK_ASSETS.is_dir():
            self.add_files(str(GOVUK_ASSETS), prefix="assets/")


class RequestBodyLimitMiddleware:
    """Refuses a request body over AREASEND_MAX_REQUEST_BYTES before anything parses or spools it:
    by its Content-Length, or, for a streamed (chunked) body, by counting while reading it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = int(django_settings.AREASEND_MAX_REQUEST_BYTES)
        declared = request.META.get("CONTENT_LENGTH") or ""
        if declared:
            if not declared.isdigit():
                return HttpResponseBadRequest("Bad Content-Length")
            if int(declared) > limit:
                return too_large(request, limit)
        elif "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            body = _read_at_most(request.META["wsgi.input"], limit + 1)
            if len(body) > limit:
                return too_large(request, limit)
            request._stream = LimitedStream(io.BytesIO(body), len(body))  # type: ignore[assignment]
            request.META["CONTENT_LENGTH"] = str(len(body))
        return self.get_response(request)


def _read_at_most(stream: Any, limit: int, chunk: int = 64 * 1024) -> bytes:
    parts: list[bytes] = []
    total = 0
    while total < limit:
        part = stream.read(min(chunk, limit - total))
        if not part:
            break
        parts.append(part)
        total += len(part)
    return b"".join(parts)


HTML_METHODS = ["GET", "HEAD", "POST"]


class HtmlMethodsMiddleware:
    """The site's pages answer GET, HEAD and POST only (PUT, DELETE, OPTIONS… are a 405, before
    any view runs or audits anything). The API under /api/ decides its own methods."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in HTML_METHODS and not request.path.startswith("/api/"):
            return method_not_allowed(request, HTML_METHODS)
        return self.get_response(request)
