from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from areasend.accounts.demo import DEMO_PASSWORD
from areasend.accounts.models import Role, User
from areasend.framework.timeline import onsite_week_problem
from areasend.inspections.models import Inspection

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_creates_one_user_per_role_and_prints_log_ins():
    out = StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "DEMO CREDENTIALS" in text
    assert {u.role for u in User.objects.all()} == set(Role.values)
    bedford = User.objects.get(username="lap-bedford")
    assert bedford.area is not None and bedford.area.name == "Bedford"
    assert bedford.check_password(DEMO_PASSWORD)
    states = set(Inspection.objects.values_list("state", flat=True))
    assert states == {"notified", "fieldwork", "evaluating", "factual_accuracy", "published", "held"}
    published = Inspection.objects.filter(state="published", kind="full inspection")
    assert sorted(published.values_list("outcome", flat=True)) == [1, 2, 3]
    assert all(i.activity is not None and i.activity.synthetic for i in published)
    for spec_name in ("oi-olu", "cqc-ceri"):  # on every team, so their log-ins must work too
        assert User.objects.get(username=spec_name).check_password(DEMO_PASSWORD)
        assert spec_name in text
    for inspection in Inspection.objects.exclude(kind="engagement meeting"):  # valid notification Mondays
        assert onsite_week_problem(inspection.notified_on) is None, inspection.notified_on
    call_command("demo", stdout=StringIO())  # idempotent
    assert User.objects.filter(username="lap-bedford").count() == 1
    # 7 full inspections, a monitoring inspection, a meeting, a thematic visit
    assert Inspection.objects.count() == 10


@override_settings(DEBUG=False)
def test_demo_is_refused_when_debug_is_off():
    with pytest.raises(CommandError, match="refused when DEBUG is off"):
        call_command("demo", stdout=StringIO())
    assert not User.objects.exists()
