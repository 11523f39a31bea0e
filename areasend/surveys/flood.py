"""A flood of refused posts from one address (made-up keys, tampered forms) is turned away for a
minute. Real respondents are not limited: a class answering together shares one school address,
and every response needs a fresh form anyway. The address is kept only as a salted hash, only in
the cache, only for the minute; never in the database or the logs."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

REFUSALS_PER_MINUTE = 20
WINDOW_SECONDS = 60


def _key(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR") or ""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:24]
    return f"surveys:refused:{digest}"


def note_refusal(request: HttpRequest) -> None:
    key = _key(request)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, WINDOW_SECONDS)


def flooding(request: HttpRequest) -> bool:
    return int(cache.get(_key(request), 0)) >= REFUSALS_PER_MINUTE
