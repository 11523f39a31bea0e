"""The client's address, for the audit log and the log-in lock-out (django-axes).

Behind AREASEND_TRUSTED_PROXIES reverse proxies, each appends the address it received the request
from to X-Forwarded-For, so the client is the entry that many places from the end; anything to its
left was sent by the client and is never believed. With no trusted proxies (the default) it is
REMOTE_ADDR and X-Forwarded-For is ignored."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    remote = _valid(request.META.get("REMOTE_ADDR") or "")
    trusted = int(getattr(settings, "AREASEND_TRUSTED_PROXIES", 0))
    if trusted <= 0:
        return remote
    forwarded = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(forwarded) < trusted:
        return remote  # the request did not come through every trusted proxy
    return _valid(forwarded[-trusted]) or remote
