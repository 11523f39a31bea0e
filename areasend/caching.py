"""In-process memo for pages computed from the whole national history (the overview, the
statistics). Keys include a fingerprint of the history read in one cheap query, so any change a
worker makes — an import, a publication — is seen by every process on its next request."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.db.models import Count, Max

T = TypeVar("T")

_LOCK = threading.Lock()
_MEMO: OrderedDict[Hashable, Any] = OrderedDict()
MAX_ENTRIES = 128


def history_fingerprint() -> tuple[Any, ...]:
    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections.models import Activity

    activities = Activity.objects.aggregate(n=Count("id"), last=Max("id"), changed=Max("updated"))
    areas = LocalAreaPartnership.objects.aggregate(n=Count("id"), last=Max("id"))
    return (activities["n"], activities["last"], activities["changed"], areas["n"], areas["last"])


_BUILDING: dict[Hashable, threading.Lock] = {}


def memoised(key: Hashable, build: Callable[[], T]) -> T:
    """The value for key, built once per process even when many threads ask at once (the others
    wait for the first); least recently used entries are dropped."""
    with _LOCK:
        if key in _MEMO:
            _MEMO.move_to_end(key)
            return _MEMO[key]  # type: ignore[no-any-return]
        building = _BUILDING.setdefault(key, threading.Lock())
    with building:
        with _LOCK:
            if key in _MEMO:
                return _MEMO[key]  # type: ignore[no-any-return]
        value = build()
        with _LOCK:
            _MEMO[key] = value
            _BUILDING.pop(key, None)
            while len(_MEMO) > MAX_ENTRIES:
                _MEMO.popitem(last=False)
    return value


def clear() -> None:
    with _LOCK:
        _MEMO.clear()
