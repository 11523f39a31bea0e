import pytest
from django.db import IntegrityError, transaction

from areasend.accounts import audit
from areasend.accounts.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_events_cannot_be_changed_or_deleted(cast):
    event = audit.record(cast["planner"], AuditAction.EXPORT, export="overview-csv")
    event.action = AuditAction.VIEW
    with pytest.raises(TypeError, match="append-only"):
        event.save()
    with pytest.raises(TypeError, match="append-only"):
        event.delete()
    with pytest.raises(TypeError, match="append-only"):
        AuditEvent.objects.filter(pk=event.pk).update(action="view")
    with pytest.raises(TypeError, match="append-only"):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.EXPORT


def test_event_survives_deletion_of_its_user(cast):
    user = cast["public"]
    event = audit.record(user, AuditAction.VIEW)
    user.delete()
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.user is None
    assert event.username == "pat-public"


def test_an_event_is_rolled_back_with_the_change_it_records(cast):
    before = AuditEvent.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        audit.record(cast["admin"], AuditAction.CREATE)
        raise IntegrityError("the change failed")
    assert AuditEvent.objects.count() == before


def test_sign_in_and_failed_sign_in_are_recorded(client, cast):
    client.post("/accounts/login/", {"username": "pip-planner", "password": "wrong-password-x"})
    failed = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).latest("id")
    assert failed.data == {"attempted": "pip-planner"}
    assert "wrong-password" not in str(failed.data)
    client.post("/accounts/login/", {"username": "pip-planner", "password": "a-long-test-password"})
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, username="pip-planner").exists()


def test_audit_page_is_for_administrators_only(client_for):
    assert client_for("admin").get("/accounts/audit/").status_code == 200
    for name in ["planner", "inspector", "lap_a", "public"]:
        assert client_for(name).get("/accounts/audit/").status_code == 404, name
    assert client_for("anonymous").get("/accounts/audit/").status_code == 302


def test_audit_page_filters_by_action_and_rejects_unknown_actions(client_for, cast):
    audit.record(cast["planner"], AuditAction.EXPORT, export="overview-csv")
    admin = client_for("admin")
    page = admin.get("/accounts/audit/?action=export")
    assert page.status_code == 200
    assert b"pip-planner" in page.content
    bad = admin.get("/accounts/audit/?action=explode")
    assert bad.status_code == 400
    assert b"govuk-error-summary" in bad.content
    assert b"Action &#x27;explode&#x27; is not a known action" in bad.content
