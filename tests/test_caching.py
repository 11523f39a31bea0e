import threading
import time

import pytest

from areasend import caching
from areasend.caching import Watched
from areasend.inspections.models import Activity, history_fingerprint


@pytest.fixture
def inspection_pair(make_user):
    from datetime import date

    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections import workflow

    planner = make_user("fp-planner", "planner")
    return [
        workflow.notify(confirmed=True, area=LocalAreaPartnership.objects.get(gss_code=code),
                        notified_on=date(2026, 9, 7), officer_name="Nora Officer",
                        officer_email="nora@example.gov.uk", by=planner)
        for code in ("E06000055", "E08000002")
    ]


def test_a_value_is_built_once_even_under_concurrent_requests():
    caching.clear()
    calls = []

    def build() -> int:
        calls.append(1)
        time.sleep(0.05)
        return 42

    results = []
    threads = [threading.Thread(target=lambda: results.append(caching.cached("k", build))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [42] * 8 and len(calls) == 1


@pytest.mark.django_db
def test_fingerprint_changes_when_the_history_changes():
    before = history_fingerprint()
    activity = Activity.objects.order_by("id").first()
    if activity is None:
        pytest.skip("no history loaded")
    activity.note = "changed"
    activity.save()
    assert history_fingerprint() != before


@pytest.mark.django_db
def test_overview_shows_a_newly_published_inspection_without_restart(client_for):
    client = client_for("planner")
    first = client.get("/overview/?region=E12000001").content
    activity = Activity.objects.filter(areas__region_code="E12000001").order_by("id").first()
    assert activity is not None
    activity.start_date = activity.start_date.replace(year=2099) if activity.start_date else None
    activity.save()
    assert client.get("/overview/?region=E12000001").content != first


@pytest.mark.django_db
def test_a_parameter_the_form_does_not_know_never_reaches_another_users_links(client_for):
    client_for("planner").get("/overview/?region=E12000001&utm_campaign=leak-me")
    assert b"leak-me" not in client_for("inspector").get("/overview/?region=E12000001").content


@pytest.mark.django_db
def test_a_fingerprint_reads_its_tables_in_one_query_and_follows_each_kind_of_change(inspection_pair):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from areasend.accounts.models import User
    from areasend.inspections.models import InspectionEvent

    first, second = inspection_pair
    fingerprint = caching.Fingerprint(Watched(InspectionEvent, column="inspection"), Watched(User))
    with CaptureQueriesContext(connection) as queries:
        before = (fingerprint(first.pk), fingerprint(second.pk))
    assert len(queries) == 2
    InspectionEvent.objects.create(inspection=first, action="pause", from_state="notified", to_state="paused")
    assert fingerprint(first.pk) != before[0]  # a row added for this argument
    assert fingerprint(second.pk) == before[1]  # not for another
    user = User.objects.order_by("pk").first()
    user.first_name = "Renamed"
    user.save()
    assert fingerprint(second.pk) != before[1]  # an update, through `updated`
    counts = fingerprint(first.pk)
    InspectionEvent.objects.filter(inspection=first).order_by("pk").first().delete()
    assert fingerprint(first.pk) != counts  # a row deleted


@pytest.mark.django_db
def test_a_fingerprint_counts_rows_with_a_column_set():
    from datetime import UTC, datetime

    from areasend.accounts.models import ApiToken, User

    user = User.objects.create_user(username="counted", password="a-long-test-password")
    token = ApiToken.objects.create(user=user, name="CI", key_hash="0" * 64, prefix="00000000",
                                    expires=datetime(2027, 1, 1, tzinfo=UTC))
    fingerprint = caching.Fingerprint(Watched(ApiToken, counted="revoked_at"))
    before = fingerprint()
    token.revoked_at = datetime(2026, 12, 1, tzinfo=UTC)
    token.save(update_fields=["revoked_at"])  # no `updated` column here: only the count shows it
    assert fingerprint() != before
