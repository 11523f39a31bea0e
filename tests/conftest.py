"""Shared test set-up: the 153 areas and, when the shared research data is present, the real
inspection history of both frameworks, loaded once per test database; and a small named cast of
users (STYLE.md §11)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

# Playwright's sync API keeps an asyncio loop running in the test process once a browser test has
# run; Django would then refuse ORM calls from later tests in the same worker. Our tests never share
# a connection across threads or coroutines, so the guard is safe to lift for the test run only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "research-data"
HISTORY_2016 = SHARED / "inspections" / "ofsted_area_send_2016_2022_official.csv"
HISTORY_2023 = SHARED / "inspections" / "area_send_2023_framework_full_inspections.csv"
HAVE_SHARED = HISTORY_2016.is_file() and HISTORY_2023.is_file()
needs_shared = pytest.mark.skipif(
    not HAVE_SHARED, reason=f"shared research data not found at {SHARED}"
)

AREA_A = "E06000055"  # Bedford
AREA_B = "E08000002"  # Bury


def _load_reference_data() -> None:
    from areasend.areas.reference import load_areas
    from areasend.inspections.importers import import_file

    load_areas()
    if HAVE_SHARED:
        import_file("ofsted-2016-2022", HISTORY_2016)
        import_file("area-send-2023", HISTORY_2023)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Every test database starts with the reference areas and the real history. Only sessions
    with a database test set one up (a run of the browser tests alone uses the site's own)."""
    with django_db_blocker.unblock():
        _load_reference_data()
    yield
    _close_stray_connections()  # before the test databases are dropped


@pytest.fixture
def committed_db(transactional_db: Any) -> None:
    """A database whose writes really commit (for tests with threads). The flush after such a
    test empties every table; `pytest_runtest_teardown` below loads the reference data again."""


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: Any, nextitem: Any) -> Any:
    yield  # every fixture's teardown, the flush included, has run
    # After the last test the session teardown has already dropped the test database.
    if nextitem is not None and "committed_db" in getattr(item, "fixturenames", ()):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _load_reference_data()


@pytest.fixture(scope="session")
def playwright() -> Any:
    """One Playwright per test process: its sync API cannot be started twice in one process."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Any:
    """Debian's Chromium (never a downloaded browser), shared by every browser test."""
    from tests.browser.support import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian package chromium)")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Kept pages are keyed by fingerprints of the tables (count, highest id, latest change). Ids
    come back after a test's rollback and some tests stop the clock, so one test could meet
    another's kept page; in a real database neither goes backwards."""
    from areasend import caching

    caching.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher.
    test_passwords_are_hashed_with_argon2 checks the real configuration."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    from areasend.accounts.models import User
    from areasend.areas.models import LocalAreaPartnership

    def make(username: str, role: str, *, area_code: str = "", inspectorate: str = "") -> Any:
        area = LocalAreaPartnership.objects.get(gss_code=area_code) if area_code else None
        user = User.objects.create_user(
            username=username, password="a-long-test-password", role=role, area=area,
            inspectorate=inspectorate, email=f"{username}@example.gov.uk",
            is_staff=role == "admin", is_superuser=role == "admin",
        )
        return user

    return make


@pytest.fixture
def cast(make_user: Callable[..., Any]) -> dict[str, Any]:
    """The named users: None stands for anonymous."""
    return {
        "anonymous": None,
        "public": make_user("pat-public", "public"),
        "lap_a": make_user("lap-a", "lap", area_code=AREA_A),
        "lap_b": make_user("lap-b", "lap", area_code=AREA_B),
        "inspector": make_user("ivy-inspector", "inspector", inspectorate="ofsted"),
        # An inspector on no team, and one with a declared conflict of interest for area A.
        "outsider": make_user("oz-outsider", "inspector", inspectorate="ofsted"),
        "conflicted": _conflicted(make_user("cy-conflicted", "inspector", inspectorate="cqc")),
        "planner": make_user("pip-planner", "planner"),
        "admin": make_user("ada-admin", "admin"),
    }


def _conflicted(user: Any) -> Any:
    from areasend.areas.models import LocalAreaPartnership
    from areasend.planning.models import ConflictOfInterest

    ConflictOfInterest.objects.create(inspector=user, area=LocalAreaPartnership.objects.get(gss_code=AREA_A),
                                      reason="Worked for the local authority until last year")
    return user


@pytest.fixture
def client_for(cast: dict[str, Any]) -> Callable[[str], Client]:
    def make(name: str) -> Client:
        client = Client()
        user = cast[name]
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


def _close_stray_connections() -> None:
    """Close any connection a test left open in another context of this thread (Django keeps one
    per context, and one such stays open on a worker in a full run): PostgreSQL refuses to drop a
    database while a session is open on it."""
    import gc
    import threading

    from django.db import connections
    from django.db.backends.base.base import BaseDatabaseWrapper

    current = connections["default"]
    for stray in [o for o in gc.get_objects() if issubclass(type(o), BaseDatabaseWrapper)]:
        if stray is not current and stray.connection is not None and stray._thread_ident == threading.get_ident():
            stray.close()
