"""Issue 8 §5: the audit log is readable (names, labels, records named; no raw data) and filters
by user, action, record and date range, page by page."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from areasend.accounts import audit
from areasend.accounts.models import AuditAction, AuditEvent
from areasend.areas.models import LocalAreaPartnership

pytestmark = pytest.mark.django_db
AUDIT = "/accounts/audit/"


@pytest.fixture
def events(cast):
    planner = cast["planner"]
    planner.first_name, planner.last_name = "Pip", "Planner"
    planner.save()
    area = LocalAreaPartnership.objects.get(gss_code="E06000055")
    made = [
        audit.record(planner, AuditAction.EXPORT, export="overview_csv", rows=12, filters={"region": "E12000001"}),
        audit.record(cast["inspector"], AuditAction.VIEW, area, area_code="E06000055", page="tracking-cases",
                     confirmed=True),
    ]
    return made


def test_the_log_reads_as_words_not_data(client_for, events):
    page = client_for("admin").get(AUDIT).content.decode()
    assert "Pip Planner (pip-planner)" in page
    assert "Exported" in page and "Viewed" in page
    assert "Local area partnership" in page and "Bedford" in page
    assert "Filters: region E12000001" in page and "Confirmed: yes" in page
    body = page.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    assert "{" not in body and "[" not in body  # no raw data
    assert "areas.LocalAreaPartnership" not in body and "overview_csv" not in body


def test_filter_by_user_action_and_record(client_for, events):
    admin = client_for("admin")
    by_user = admin.get(AUDIT, {"user": "PIP-planner"}).content.decode()
    assert "Pip Planner" in by_user and "Viewed" not in by_user.split("<tbody", 1)[1]
    area = LocalAreaPartnership.objects.get(gss_code="E06000055")
    by_record = admin.get(AUDIT, {"record_type": "areas.LocalAreaPartnership", "record_id": str(area.pk)})
    body = by_record.content.decode().split("<tbody", 1)[1]
    assert "ivy-inspector" in body and "pip-planner" not in body
    assert "Viewed" in admin.get(AUDIT, {"action": "view"}).content.decode().split("<tbody", 1)[1]


def test_filter_by_date_range(client_for, events):
    admin = client_for("admin")
    today = timezone.localdate()
    old = datetime(2026, 1, 5, 12, 0, tzinfo=timezone.get_current_timezone())
    AuditEvent.objects.create(created=old, username="old-timer", action=AuditAction.LOGIN)
    january = admin.get(AUDIT, {"from_day": "1", "from_month": "1", "from_year": "2026",
                                "to_day": "31", "to_month": "1", "to_year": "2026"}).content.decode()
    assert "old-timer" in january and "pip-planner" not in january.split("<tbody", 1)[1]
    assert "Monday 5 January 2026" in january
    tomorrow = today + timedelta(days=1)
    since = admin.get(AUDIT, {"from_day": tomorrow.day, "from_month": tomorrow.month,
                              "from_year": tomorrow.year}).content.decode()
    assert "No events match these filters" in since


@pytest.mark.parametrize(("params", "message"), [
    ({"from_day": "31", "from_month": "2", "from_year": "2026"}, "From date must be a real date"),
    ({"from_day": "2", "from_month": "1", "from_year": "2026", "to_day": "1", "to_month": "1", "to_year": "2026"},
     "The to date must be the same as or after the from date"),
    ({"record_type": "auth.Nothing"}, "is not a known record type"),
    ({"user": "x" * 151}, "150 characters or fewer"),
])
def test_bad_filters_are_a_400_naming_the_field(client_for, params, message):
    page = client_for("admin").get(AUDIT, params)
    assert page.status_code == 400
    assert b"govuk-error-summary" in page.content and message.encode() in page.content


def test_pages_keep_the_filters(client_for, cast):
    for _ in range(51):
        audit.record(cast["planner"], AuditAction.EXPORT)
    page = client_for("admin").get(AUDIT, {"user": "pip-planner"}).content.decode()
    assert "page 1 of 2" in page
    assert "?user=pip-planner&amp;page=2" in page
    second = client_for("admin").get(AUDIT, {"user": "pip-planner", "page": "2"}).content.decode()
    assert "page 2 of 2" in second
