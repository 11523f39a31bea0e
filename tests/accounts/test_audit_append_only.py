"""Issue 8 §4: the audit table cannot be changed or emptied through the ORM's back doors or raw
SQL: the database refuses (triggers, migration accounts 0005). Django's own needs still work."""

import pytest
from django.db import DatabaseError, connection, models, transaction

from areasend.accounts import audit
from areasend.accounts.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(cast):
    return audit.record(cast["planner"], AuditAction.EXPORT, export="overview-csv")


def _refused(change) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        change()


def test_the_base_manager_cannot_update_or_delete(event):
    _refused(lambda: AuditEvent._base_manager.filter(pk=event.pk).update(action="view"))
    _refused(lambda: AuditEvent._base_manager.filter(pk=event.pk).delete())
    _refused(lambda: models.QuerySet(AuditEvent).all().delete())
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.EXPORT


def test_bulk_create_cannot_overwrite_a_row(event):
    twin = AuditEvent(id=event.pk, action="view", username="someone-else")
    with pytest.raises(TypeError, match="append-only"):
        AuditEvent.objects.bulk_create([twin], update_conflicts=True, unique_fields=["id"],
                                       update_fields=["action", "username"])
    _refused(lambda: models.QuerySet(AuditEvent).bulk_create(
        [twin], update_conflicts=True, unique_fields=["id"], update_fields=["action", "username"]))
    event.refresh_from_db()
    assert (event.action, event.username) == (AuditAction.EXPORT, "pip-planner")


def test_raw_sql_cannot_change_or_empty_the_table(event):
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        _refused(lambda: cursor.execute(f"UPDATE {table} SET username = 'x'"))  # noqa: S608
        _refused(lambda: cursor.execute(f"DELETE FROM {table}"))  # noqa: S608
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_deleting_a_user_still_keeps_their_events_by_name(event, cast):
    cast["planner"].delete()
    event.refresh_from_db()
    assert event.user is None and event.username == "pip-planner"


def test_only_user_id_may_change_and_only_to_null(event, cast):
    _refused(lambda: AuditEvent._base_manager.filter(pk=event.pk).update(user=cast["admin"]))
    _refused(lambda: AuditEvent._base_manager.filter(pk=event.pk).update(user=None, action="view"))


@pytest.mark.django_db(transaction=True)
def test_the_test_runners_flush_still_empties_the_table(committed_db, cast):
    # The flush after this test must succeed; the next test (and the reference data reloaded
    # after it) would fail if it did not.
    audit.record(cast["planner"], AuditAction.VIEW)
    assert AuditEvent.objects.exists()


def test_after_a_flush_the_table_is_append_only_again(event):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM areasend_audit_maintenance")
        assert cursor.fetchone() == (0,)
    _refused(lambda: AuditEvent._base_manager.all().delete())
