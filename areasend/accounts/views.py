"""Signing in and out, TOTP two-factor for staff roles, and the audit log for administrators."""

from __future__ import annotations

import base64
import io
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from areasend.govuk import form_errors
from areasend.policy import can_see_audit_log

from . import audit, auditlog, enrolment, tokens
from .forms import ApiTokenForm, AuditFilterForm, SignInForm, TokenForm
from .models import ApiToken, AuditAction, User


class SignInView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        if form.is_bound and form.errors:
            context["errors"] = form_errors(form)
        return context


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("home")


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or settings.LOGIN_REDIRECT_URL
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return "/"


def _qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def _verified(request: HttpRequest, device: Any, **data: Any) -> None:
    with transaction.atomic():
        otp_login(request, device)
        audit.record(request.user, AuditAction.LOGIN, request=request, **data)


def _token_page(request: HttpRequest, template: str, form: TokenForm, **context: Any) -> HttpResponse:
    errors = [{"field": "id_token", "message": m} for m in form.errors.get("token", [])]
    context.update(form=form, errors=errors, next=_safe_next(request))
    return render(request, template, context, status=400 if errors else 200)


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Verify a code from the authenticator app, or a recovery code. Someone with no
    authenticator is told to ask an administrator for a set-up link: no secret is shown here."""
    if not enrolment.has_device(request.user):
        return render(request, "accounts/two_factor_needs_link.html")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            _verified(request, device, factor="recovery" if isinstance(device, StaticDevice) else "totp")
            return redirect(_safe_next(request))
        form.add_error("token", "The security code is not correct or has expired")
    return _token_page(request, "accounts/two_factor.html", form)


@login_required
def two_factor_set_up(request: HttpRequest, token: str) -> HttpResponse:
    """Set up an authenticator through a one-time link; shows the recovery codes once."""
    link = enrolment.valid_link(request.user, token)
    if link is None:
        return render(request, "accounts/two_factor_bad_link.html", status=404)
    device = enrolment.pending_device(link.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            codes = enrolment.complete(link, device)
            _verified(request, device, factor="totp", setup=True)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _safe_next(request)})
        form.add_error("token", "The security code is not correct or has expired")
    return _token_page(request, "accounts/two_factor_set_up.html", form,
                      secret=base64.b32encode(device.bin_key).decode(), qr_svg=_qr_svg(device))


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """The audit log, readable and filtered by user, action, record and dates; 50 a page."""
    if not can_see_audit_log(request.user):
        raise Http404
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "accounts/audit.html", {"form": form, "page": None, "errors": form_errors(form)},
                      status=400)
    data = form.cleaned_data if form.is_bound else {}
    page = Paginator(auditlog.filtered(data), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "accounts/audit.html", {
        "form": form, "page": page, "rows": auditlog.rows(list(page)), "query": query.urlencode(),
    })


def _staff_only(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_staff_role:
        raise Http404
    return user


def _tokens_page(request: HttpRequest, form: ApiTokenForm, *, status: int = 200, **context: Any) -> HttpResponse:
    context.update(form=form, errors=form_errors(form) if form.errors else [],
                   tokens=ApiToken.objects.filter(user=_staff_only(request)),
                   verified=request.user.is_verified())  # type: ignore[union-attr]
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """A staff member's API tokens; a new one is made only in a two-factor session, shown once."""
    _staff_only(request)
    form = ApiTokenForm(request.POST or None)
    if request.method != "POST":
        return _tokens_page(request, form)
    if not request.user.is_verified():  # type: ignore[union-attr]
        return _tokens_page(request, ApiTokenForm(), status=403)
    if not form.is_valid():
        return _tokens_page(request, form, status=400)
    token, key = tokens.issue(_staff_only(request), form.cleaned_data["name"], form.cleaned_data["days"],
                              request=request)
    response = _tokens_page(request, ApiTokenForm(), new_token=token, new_key=key)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=token_id, user=_staff_only(request)).first()
    if token is None:
        raise Http404
    tokens.revoke(token, request=request)
    flash.success(request, f"Token ‘{token.name}’ revoked")
    return redirect("accounts:api-tokens")
