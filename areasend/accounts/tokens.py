"""API tokens: made only after two-factor, shown once, stored as a hash, expiring."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from . import audit
from .enrolment import digest
from .models import ApiToken, AuditAction, User

LIFETIMES_DAYS = (30, 90, 180)


@transaction.atomic
def issue(user: User, name: str, days: int, *, request: Any = None) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with its key, which is never stored or shown again."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, key_hash=digest(key), prefix=key[:8],
                                    expires=timezone.now() + timedelta(days=days))
    audit.record(user, AuditAction.CREATE, token, request=request, days=days)
    return token, key


@transaction.atomic
def revoke(token: ApiToken, *, request: Any = None) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(token.user, AuditAction.DELETE, token, request=request)


class HashedTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, looked up by the key's hash; expired and revoked keys fail."""

    def authenticate_credentials(self, key: str) -> tuple[User, ApiToken]:
        token = ApiToken.objects.select_related("user").filter(key_hash=digest(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if not token.active:
            raise exceptions.AuthenticationFailed("This token has expired or been revoked.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        return token.user, token
