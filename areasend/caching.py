"""Values computed from the whole national history (the overview, the statistics), kept in
Django's cache framework: per process by default (local memory), shared by every gunicorn worker
where a shared cache is configured (`AREASEND_CACHE_URL`). Callers put a fingerprint of what the
value is built from in the key (`inspections.models.history_fingerprint`), so a change any worker
makes is seen by every process on its next request; nothing is ever invalidated by hand."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")

TIMEOUT_SECONDS = 24 * 60 * 60  # keys change with the history; this only bounds stale entries
_LOCK = threading.Lock()
_BUILDING: dict[str, threading.Lock] = {}
_MISSING = object()


def cache_key(key: Hashable) -> str:
    return "areasend:" + hashlib.sha256(repr(key).encode()).hexdigest()


def cached(key: Hashable, build: Callable[[], T]) -> T:
    """The value for key, built once per process even when many threads ask at once (the others
    wait for the first, then read what it stored)."""
    name = cache_key(key)
    value = cache.get(name, _MISSING)
    if value is not _MISSING:
        return value  # type: ignore[return-value]
    with _LOCK:
        building = _BUILDING.setdefault(name, threading.Lock())
    with building:
        value = cache.get(name, _MISSING)
        if value is _MISSING:
            value = build()
            cache.set(name, value, TIMEOUT_SECONDS)
        with _LOCK:
            _BUILDING.pop(name, None)
    return value  # type: ignore[return-value]


def clear() -> None:
    cache.clear()
