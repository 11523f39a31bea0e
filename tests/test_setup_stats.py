"""The README's set-up (`make setup`: migrate, load_areas, both imports, the ADCS legacy rows,
the demo) on the test database, then `stats` against Ofsted's official counts: the demo's
published inspections never reach the figures. And every printed demo log-in works."""

from __future__ import annotations

import csv
import json
import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from areasend.framework.activities import ActivityType
from areasend.inspections.models import Activity
from tests.conftest import HISTORY_2016, HISTORY_2023, SHARED, needs_shared

pytestmark = pytest.mark.django_db

OFFICIAL = SHARED / "inspections" / "ofsted_area_send_official_aggregate_counts.csv"
ADCS = SHARED / "inspections" / "adcs_send_outcomes_summary_2016_2022_raw.csv"
PERIODS = {"2023": ("2023-01-01", "2023-12-31"), "2024": ("2024-01-01", "2024-12-31"),
           "2023-2024": ("2023-01-01", "2024-12-31")}


def run_setup(monkeypatch: Any) -> str:
    out = StringIO()
    call_command("migrate", "--no-input", verbosity=0)
    call_command("load_areas", stdout=StringIO())
    call_command("import_inspections", "--source", "ofsted-2016-2022", str(HISTORY_2016), stdout=StringIO())
    call_command("import_inspections", "--source", "area-send-2023", str(HISTORY_2023), stdout=StringIO())
    call_command("import_inspections", "--source", "adcs-2016-2022", str(ADCS), stdout=StringIO())
    call_command("import_send_stats", str(SHARED / "send_stats"), stdout=StringIO())
    # `make run PORT=8123` exports AREASEND_BASE_URL=http://127.0.0.1:8123 (Makefile).
    with override_settings(DEBUG=True, AREASEND_BASE_URL="http://127.0.0.1:8123"):
        call_command("demo", stdout=out)
    return out.getvalue()


def stats(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("stats", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


@needs_shared
def test_after_setup_stats_reproduce_ofsteds_official_counts(monkeypatch: Any) -> None:
    run_setup(monkeypatch)
    # The demo's three published full inspections; and (issue 9) its engagement meeting and
    # thematic visit, which are never published.
    assert Activity.objects.filter(synthetic=True, kind=ActivityType.FULL_INSPECTION).count() == 3
    assert Activity.objects.filter(synthetic=True, publication_date__isnull=False).count() == 3
    assert Activity.objects.filter(synthetic=True).count() == 5
    with OFFICIAL.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["period"] for r in rows} == set(PERIODS)
    for row in rows:
        start, end = PERIODS[row["period"]]
        got = stats("--framework", "2023", "--from", start, "--to", end)
        expected = {"inspections": int(row["full_inspections"]), "outcomes": {
            "1": int(row["positive_1"]), "2": int(row["inconsistent_2"]), "3": int(row["systemic_3"])}}
        assert got == expected, row["period"]
    assert stats("--framework", "2023", "--from", "2023-01-01", "--to", "2024-12-31") == {
        "inspections": 54, "outcomes": {"1": 14, "2": 26, "3": 14}}
    # The 2016 release's own totals, untouched by the ADCS rows for Dorset and Northamptonshire.
    assert stats("--framework", "2016") == {"inspections": 149, "wsoa": 82, "revisits": 46,
                                            "revisit_progress": {"all": 20, "some": 24, "none": 2}}
    with_demo = stats("--framework", "2023", "--include-demo")
    assert with_demo["inspections"] == stats("--framework", "2023")["inspections"] + 3


def test_every_printed_demo_log_in_works_and_links_use_the_served_port(monkeypatch: Any) -> None:
    text = run_setup(monkeypatch)
    credentials = re.findall(r"^  (\S+)\s+(demo-password-\S+)\s", text, re.MULTILINE)
    names = {name for name, _ in credentials}
    assert {"oi-olu", "cqc-ceri", "hmi", "cqc", "planner", "admin"} <= names
    for username, password in credentials:
        client = Client()
        response = client.post("/accounts/login/", {"username": username, "password": password})
        assert response.status_code == 302, username
        assert client.session.get("_auth_user_id"), username
    links = re.findall(r"https?://[^\s/]+", text)
    assert links and set(links) == {"http://127.0.0.1:8123"}
    from django.core import mail

    sent = " ".join(m.body for m in mail.outbox)
    assert set(re.findall(r"https?://127\.0\.0\.1[^\s/]*", sent)) <= {"http://127.0.0.1:8123"}
