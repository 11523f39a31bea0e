from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

# Only signing in and out and two-factor itself (and static files) are reachable before the
# second factor; everything else under /accounts/ (the audit log, API tokens) needs it.
EXEMPT_PREFIXES = ("/accounts/login/", "/accounts/logout/", "/accounts/two-factor/", "/static/", "/assets/")


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
