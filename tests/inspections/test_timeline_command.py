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
