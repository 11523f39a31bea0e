from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

EXEMPT_PREFIXES = ("/accounts/", "/static/")


class RequireTwoFactorMiddleware:
    """Staff roles see nothing past sign-in until they have passed TOTP two-factor."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.AREASEND_REQUIRE_2FA
            and getattr(request.user, "is_staff_role", False)
            and not request.user.is_verified()  # type: ignore[union-attr]
            and not request.path.startswith(EXEMPT_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "Two-factor authentication is required for staff accounts."},
                                    status=403)
            return redirect(f"{reverse('accounts:two-factor')}?next={request.path}")
        return self.get_response(request)
