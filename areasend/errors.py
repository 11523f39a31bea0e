"""GOV.UK-style error pages: refused methods (405), request bodies over the limit (413), CSRF
failures, and the 500 page (rendered without the request, which may be what failed)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def error_page(request: HttpRequest, status: int, title: str, lines: list[str]) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": " ".join([title, *lines])}, status=status)
    if not hasattr(request, "user"):  # refused before the authentication middleware ran
        request.user = AnonymousUser()
    return render(request, "error.html", {"title": title, "lines": lines}, status=status)


def method_not_allowed(request: HttpRequest, allowed: list[str]) -> HttpResponse:
    response = error_page(request, 405, "This page does not accept that request",
                          [f"Pages here accept {', '.join(allowed)} requests only."])
    response["Allow"] = ", ".join(allowed)
    return response


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    return error_page(request, 413, "The file or form you sent is too large", [
        f"Requests must be smaller than {limit // (1024 * 1024)} MB. Go back and send a smaller file.",
    ])


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Never shows Django's reason (it is for developers)."""
    return render(request, "403_csrf.html", status=403)


def server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"service_name": settings.AREASEND_SERVICE_NAME}), status=500)
