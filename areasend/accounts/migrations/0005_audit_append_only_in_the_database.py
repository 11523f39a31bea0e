"""The audit log is append-only in the database too, not only in the ORM: triggers refuse UPDATE
and DELETE on accounts_auditevent (and TRUNCATE on PostgreSQL), whatever code path issues them
(bulk_create(update_conflicts=True), _base_manager.update(), raw querysets).

Two exceptions, both needed by Django itself:
- deleting a user sets its events' user_id to NULL (the username is kept): an UPDATE that
  changes nothing but user_id, to NULL, is allowed;
- the test runner's flush empties every table: it is allowed while the one-row table
  areasend_audit_maintenance holds a row, which only the `flush` command (accounts'
  override) writes, inside the flush's own transaction. The ORM has no model for that table.
"""

from django.db import migrations

COLUMNS = ["id", "created", "username", "action", "object_type", "object_id", "area_code", "ip_address", "data"]
MAINTENANCE = "CREATE TABLE areasend_audit_maintenance (flushing integer NOT NULL)"


def _unchanged(op: str) -> str:
    """All columns but user_id unchanged, and user_id set to NULL."""
    same = " AND ".join(f"NEW.{c} IS NOT DISTINCT FROM OLD.{c}" if op == "pg" else f"NEW.{c} IS OLD.{c}"
                        for c in COLUMNS)
    return f"NEW.user_id IS NULL AND {same}"


SQLITE = [
    MAINTENANCE,
    f"""CREATE TRIGGER accounts_auditevent_no_update BEFORE UPDATE ON accounts_auditevent
    WHEN NOT ({_unchanged("sqlite")})
    BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END""",
    """CREATE TRIGGER accounts_auditevent_no_delete BEFORE DELETE ON accounts_auditevent
    WHEN NOT EXISTS (SELECT 1 FROM areasend_audit_maintenance)
    BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER accounts_auditevent_no_update",
    "DROP TRIGGER accounts_auditevent_no_delete",
    "DROP TABLE areasend_audit_maintenance",
]

POSTGRESQL = [
    MAINTENANCE,
    f"""CREATE FUNCTION accounts_auditevent_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND {_unchanged("pg")} THEN
            RETURN NEW;
        END IF;
        IF TG_OP IN ('DELETE', 'TRUNCATE') AND EXISTS (SELECT 1 FROM areasend_audit_maintenance) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'The audit log is append-only';
    END $$""",
    """CREATE TRIGGER accounts_auditevent_append_only BEFORE UPDATE OR DELETE ON accounts_auditevent
    FOR EACH ROW EXECUTE FUNCTION accounts_auditevent_append_only()""",
    """CREATE TRIGGER accounts_auditevent_no_truncate BEFORE TRUNCATE ON accounts_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_auditevent_append_only()""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER accounts_auditevent_no_truncate ON accounts_auditevent",
    "DROP TRIGGER accounts_auditevent_append_only ON accounts_auditevent",
    "DROP FUNCTION accounts_auditevent_append_only()",
    "DROP TABLE areasend_audit_maintenance",
]
STATEMENTS = {"sqlite": (SQLITE, SQLITE_REVERSE), "postgresql": (POSTGRESQL, POSTGRESQL_REVERSE)}


def _run(schema_editor, reverse: bool) -> None:
    statements = STATEMENTS.get(schema_editor.connection.vendor)
    if statements is None:
        return  # another database: the ORM guard (AuditEventQuerySet) still applies
    for sql in statements[1 if reverse else 0]:
        schema_editor.execute(sql)


def forwards(apps, schema_editor):
    _run(schema_editor, reverse=False)


def backwards(apps, schema_editor):
    _run(schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_api_tokens")]
    operations = [migrations.RunPython(forwards, backwards)]
