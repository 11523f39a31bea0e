"""A double-clicked submission never gives a 500 and never makes two versions."""

import threading
from typing import Any

from django.db import connection

from areasend.followup.models import PlanVersion
from tests.conftest import needs_shared

from .conftest import BURY

pytestmark = needs_shared


def test_double_clicked_plan_submission_makes_one_version(committed_db, client_for):
    from areasend.areas.models import LocalAreaPartnership

    partner = LocalAreaPartnership.objects.get(gss_code=BURY).partners.first()
    data = {"a0-priority_action_text": "Therapies", "a0-action": "Commission jointly", "a0-partners": [str(partner.pk)],
            "a0-milestones": "", "a0-impact_measures": "Waits"}
    clients = [client_for("lap_b"), client_for("lap_b")]
    statuses: list[int] = []
    barrier = threading.Barrier(2)

    def post(client: Any) -> None:
        barrier.wait()
        statuses.append(client.post(f"/follow-up/{BURY}/priority-action-plan/submit/", data).status_code)
        connection.close()

    threads = [threading.Thread(target=post, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(statuses) == [302, 400]
    assert PlanVersion.objects.count() == 1
