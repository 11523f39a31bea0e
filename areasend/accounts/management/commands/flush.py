"""Django's flush, allowed to empty the append-only audit table (see accounts migration 0005).
The test runner flushes after every transactional test; nothing else in areasend flushes."""

from typing import Any

from django.core.management.commands import flush
from django.db import connections, transaction


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        database = options["database"]
        connection = connections[database]
        if "areasend_audit_maintenance" not in connection.introspection.table_names():
            super().handle(**options)
            return
        with transaction.atomic(using=database), connection.cursor() as cursor:
            cursor.execute("INSERT INTO areasend_audit_maintenance (flushing) VALUES (1)")
            super().handle(**options)
            cursor.execute("DELETE FROM areasend_audit_maintenance")
