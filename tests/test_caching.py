import threading
import time

import pytest

from areasend import caching
from areasend.inspections.models import Activity, history_fingerprint


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
