"""Two-factor enrolment: a staff member sets up an authenticator app only through a one-time
link an administrator issued, and gets recovery codes when they do. The password alone never
reveals a TOTP secret."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .models import AuditAction, TwoFactorSetupLink, User

LINK_VALID_FOR = timedelta(days=7)
RECOVERY_CODES = 10


def digest(secret: str) -> str:
    """What is stored of a secret the user holds: its SHA-256 (the secret is 256 random bits)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def link_path(token: str) -> str:
    return f"/accounts/two-factor/set-up/{token}/"


def link_url(token: str, base: str | None = None) -> str:
    return f"{(base or settings.AREASEND_BASE_URL).rstrip('/')}{link_path(token)}"


@transaction.atomic
def issue_link(user: User, *, by: Any = None) -> str:
    """A new one-time set-up link for `user` (earlier unused links stop working); returns the token."""
    token = secrets.token_urlsafe(32)
    TwoFactorSetupLink.objects.filter(user=user, used_at__isnull=True).delete()
    TwoFactorSetupLink.objects.create(user=user, token_hash=digest(token),
                                      expires=timezone.now() + LINK_VALID_FOR)
    audit.record(by, AuditAction.CREATE, user, purpose="two-factor-set-up-link")
    return token


def valid_link(user: Any, token: str) -> TwoFactorSetupLink | None:
    return TwoFactorSetupLink.objects.filter(
        user=user, token_hash=digest(token), used_at__isnull=True, expires__gt=timezone.now()
    ).first()


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up through a link (one at a time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def complete(link: TwoFactorSetupLink, device: TOTPDevice) -> list[str]:
    """Confirm the new authenticator (replacing any older one), use up the link, and return
    fresh recovery codes (the only time they are shown)."""
    TOTPDevice.objects.filter(user=link.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    return new_recovery_codes(link.user)


def new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def has_device(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
