import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def timeline(*args: str) -> list[dict]:
    out = StringIO()
    call_command("timeline", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_ealing_september_2025():
    steps = {s["step"]: s for s in timeline("--notified", "2025-09-08")}
    assert steps["notification"] == {"step": "notification", "date": "2025-09-08"}
    assert steps["off-site fieldwork"]["start"] == "2025-09-18"
    assert steps["on-site fieldwork"] == {"step": "on-site fieldwork", "start": "2025-09-22", "end": "2025-09-26"}
    assert steps["final feedback"] == {"step": "final feedback", "date": "2025-09-26"}
    assert {"survey window", "set-up discussion", "tracking documents due"} <= set(steps)


def test_framework_version_can_be_named():
    assert timeline("--notified", "2025-09-08", "--framework-version", "2025-07")


@pytest.mark.parametrize(("args", "message"), [
    (["--notified", "2025-09-09"], "2025-09-09 is a Tuesday; notification must be on a Monday"),
    (["--notified", "2025-08-25"], "bank holiday"),
    (["--notified", "8/9/2025"], "not a date in the form YYYY-MM-DD"),
    (["--notified", "2025-09-08", "--framework-version", "1999"], "1999"),
])
def test_bad_input_is_refused_with_a_message(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("timeline", "--json", *args, stdout=StringIO())


@pytest.mark.parametrize(("notified", "reason", "before", "after"), [
    ("2026-12-07",
     "bank holidays Christmas Day (Friday 25 December 2026), Boxing Day (observed) (Monday 28 December 2026)",
     "Monday 30 November 2026", "Monday 4 January 2027"),
    ("2026-07-13",
     "falls in the summer school holidays (Wednesday 22 July 2026 to Tuesday 1 September 2026; provisional term dates)",
     "Monday 29 June 2026", "Monday 7 September 2026"),
    ("2025-05-12", "because of the bank holiday Spring Bank Holiday (Monday 26 May 2025)",
     "Monday 17 March 2025", "Monday 2 June 2025"),
])
def test_an_onsite_week_with_a_bank_holiday_or_in_school_holidays_is_refused(notified, reason, before, after):
    with pytest.raises(CommandError) as caught:
        call_command("timeline", "--json", "--notified", notified, stdout=StringIO())
    message = str(caught.value)
    assert message.startswith(f"{notified} cannot be the notification date: ")
    assert reason in message
    assert f"The nearest valid notification dates are {before} or {after}." in message
    for valid in (before, after):
        from datetime import datetime

        day = datetime.strptime(valid, "%A %d %B %Y").date().isoformat()
        steps = {s["step"]: s for s in timeline("--notified", day)}
        assert steps["notification"]["date"] == day
