"""Values computed from the whole national history (the overview, the statistics), kept in
Django's cache framework: per process by default (local memory), shared by every gunicorn worker
where a shared cache is configured (`AREASEND_CACHE_URL`). Callers put a fingerprint of what the
value is built from in the key (`inspections.models.history_fingerprint`), so a change any worker
makes is seen by every process on its next request; nothing is ever invalidated by hand."""

from __future__ import annotations

import functools
import hashlib
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection, models
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe

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


@functools.cache
def csrf_placeholder() -> str:
    # The same in every process (a shared cache serves one process's copy to another) and
    # impossible to guess, so no text a user writes into a page can contain it.
    return "csrf-" + salted_hmac("areasend.caching.csrf-placeholder", "placeholder").hexdigest()


def cached_fragment(key: Hashable, template: str, context: Callable[[], dict[str, Any]],
                    request: HttpRequest) -> SafeString:
    """`template` rendered once per key and shared. The key must hold everything the fragment
    shows that depends on who is looking; `context` is only called to build it. It is rendered
    without context processors: `request` is in its context, nothing else is. Its forms hold the
    CSRF placeholder: use it only in a page rendered by `kept_page`, which puts in the token."""

    def build() -> str:
        return render_to_string(template, {**context(), "request": request, "csrf_token": csrf_placeholder()})

    return mark_safe(cached(key, build))


def kept_page(request: HttpRequest, key: Hashable, template: str, context: Callable[[], dict[str, Any]],
              *, status: int = 200) -> HttpResponse:
    """The whole page (`template` and its base) rendered once per key and viewer, with this
    request's CSRF token put into its forms (its own and those of its `cached_fragment`s). The key
    must hold everything the page's content depends on (its records' fingerprint, the day, the
    viewer's class); the viewer part (the user, their row's last change, the path and query) covers
    what the base template shows: the user's name, role and area, the navigation their role gets
    and the current page. An error page (any other status) and a page with flash messages for this
    request (they are shown once) are rendered afresh."""

    def build() -> str:
        return render_to_string(template, {**context(), "csrf_token": csrf_placeholder()}, request)

    if status != 200 or len(get_messages(request)):
        html = build()
    else:
        user = request.user
        html = cached(("kept-page", key, (user.pk, getattr(user, "updated", None), request.get_full_path())), build)
    return HttpResponse(html.replace(csrf_placeholder(), get_token(request)), status=status)


# --- Fingerprints: what cached values are keyed by -------------------------------------------


class ChangeStamped(models.Model):
    """A table whose rows say when they last changed, so a fingerprint sees an edit in place, not
    only rows added or deleted (`Watched` reads `updated` of such a table). Every save writes it,
    a save of some fields included. Not an audit record."""

    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated"}
        super().save(*args, **kwargs)

    def touch(self) -> None:
        """Mark the row changed when only something beside it changed (e.g. its many-to-many rows)."""
        self.save(update_fields=["updated"])


@dataclass(frozen=True)
class Watched:
    """One table a fingerprint reads: its row count and highest id; the latest `updated` of a
    ChangeStamped table; the number of rows with `counted` set, where given; only the rows whose
    `column` equals the fingerprint's argument, when `column` is given. A table that is neither
    ChangeStamped nor only ever added to or deleted from needs `counted` for what changes."""

    model: type[models.Model]
    counted: str | None = None
    column: str | None = None

    def _column(self, name: str) -> str:
        field = self.model._meta.get_field(name)
        if not isinstance(field, models.Field) or not field.column:
            raise ValueError(f"{self.model.__name__}.{name} is not a column")
        return connection.ops.quote_name(field.column)

    def select(self) -> str:
        meta = self.model._meta
        parts = ["COUNT(*)", f"MAX({self._column(meta.pk.name)})"]
        if issubclass(self.model, ChangeStamped):
            parts.append(f"MAX({self._column('updated')})")
        if self.counted:
            parts.append(f"COUNT({self._column(self.counted)})")
        # Only names from the model's own metadata, quoted by the engine; values are parameters.
        sql = f"SELECT {', '.join(parts)} FROM {connection.ops.quote_name(meta.db_table)}"  # noqa: S608
        if self.column:
            sql += f" WHERE {self._column(self.column)} = %s"
        return sql


class Fingerprint:
    """A value that changes whenever a row of the watched tables is added, deleted or (through
    `updated` and `counted`) changed, read in one statement and one round trip. Pages run one on
    every request, so the SQL is written once per database engine, not compiled by the ORM each
    time (three aggregate queries cost 0.7 ms on SQLite and 1.2 ms on PostgreSQL that way)."""

    def __init__(self, *watched: Watched) -> None:
        self.watched = watched
        self._sql: dict[str, str] = {}

    def __call__(self, argument: Any = None) -> tuple[Any, ...]:
        sql = self._sql.get(connection.vendor)
        if sql is None:
            # Aggregates without GROUP BY give exactly one row each, so the cross join is one row.
            parts = [f"({w.select()}) AS w{n}" for n, w in enumerate(self.watched)]
            sql = self._sql[connection.vendor] = "SELECT * FROM " + " CROSS JOIN ".join(parts)  # noqa: S608
        params = [argument for w in self.watched if w.column]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return tuple(cursor.fetchone())
