"""The easy-read summary: only the lead writes it; the public sees it only after publication."""

from __future__ import annotations

import pytest

from areasend.reports.easyread import LINES_PER_PART, PARTS, SYMBOLS, line_problem
from areasend.reports.models import EasyReadSummary

pytestmark = pytest.mark.django_db

GOOD = {"about_1_text": "We visited Bedford in March.", "about_1_symbol": "calendar",
        "good_1_text": "Children told us their schools help them.", "good_1_symbol": "school",
        "better_1_text": "Some children wait too long for help.", "better_1_symbol": "clock",
        "better_2_text": "Plans are often late.", "better_2_symbol": "plan",
        "next_1_text": "We will come back to check.", "next_1_symbol": "calendar"}


def edit_url(inspection):
    return f"/reports/{inspection.pk}/easy-read/edit/"


def public_url(inspection):
    return f"/reports/{inspection.pk}/easy-read/"


@pytest.fixture
def lead(cast, inspection):
    assert inspection.is_lead(cast["inspector"])
    return cast["inspector"]


def test_the_lead_saves_a_summary_in_order(client, lead, inspection):
    client.force_login(lead)
    response = client.post(edit_url(inspection), GOOD)
    assert response.status_code == 302
    lines = list(EasyReadSummary.objects.get(inspection=inspection).lines.all())
    assert [(line.part, line.text, line.symbol) for line in lines][2:4] == [
        ("better", "Some children wait too long for help.", "clock"), ("better", "Plans are often late.", "plan")]
    # The form shows what was saved.
    assert "Plans are often late." in client.get(edit_url(inspection)).content.decode()


@pytest.mark.parametrize("name", ["anonymous", "public", "lap_a", "outsider", "conflicted", "planner", "admin"])
def test_nobody_but_the_lead_may_edit(client_for, inspection, name):
    response = client_for(name).post(edit_url(inspection), GOOD)
    assert response.status_code == 404
    assert not EasyReadSummary.objects.exists()


def test_a_cqc_lead_on_the_team_may_not_edit(client, cqc_lead, inspection):
    client.force_login(cqc_lead)
    assert client.get(edit_url(inspection)).status_code == 404


@pytest.mark.parametrize(("field", "value", "message"), [
    ("good_1_text", "Children told us their schools help them. They like their teachers.", "one sentence"),
    ("good_1_text", " ".join(["word"] * 16) + ".", "15 words or fewer"),
    ("good_1_symbol", "", "choose a symbol for this line"),
    ("good_1_symbol", "unicorn", "choose a symbol from the list"),
    ("good_1_text", "x" * 101, "100 characters or fewer"),
])
def test_a_bad_line_is_named_and_nothing_is_saved(client, lead, inspection, field, value, message):
    client.force_login(lead)
    response = client.post(edit_url(inspection), {**GOOD, field: value})
    html = response.content.decode()
    assert response.status_code == 400
    assert "What is going well, line 1" in html and message in html
    assert "govuk-error-summary" in html
    assert not EasyReadSummary.objects.exists()


def test_every_part_needs_a_line(client, lead, inspection):
    client.force_login(lead)
    data = {k: v for k, v in GOOD.items() if not k.startswith("next_")}
    response = client.post(edit_url(inspection), data)
    assert response.status_code == 400
    assert "What happens next: write at least one line" in response.content.decode()


def test_embargo_before_publication_then_public_after(client, client_for, lead, inspection, publish):
    client.force_login(lead)
    client.post(edit_url(inspection), GOOD)
    for name in ["anonymous", "public", "lap_a", "inspector", "planner", "admin"]:
        assert client_for(name).get(public_url(inspection)).status_code == 404
    publish(3)
    response = client_for("anonymous").get(public_url(inspection))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Plans are often late." in html
    assert f'alt="{SYMBOLS["plan"].alt}"' in html
    report = client_for("anonymous").get(f"/reports/{inspection.pk}/").content.decode()
    assert public_url(inspection) in report


def test_a_published_report_without_a_summary_has_no_easy_read(client_for, publish, inspection):
    publish(2)
    assert client_for("public").get(public_url(inspection)).status_code == 404
    assert public_url(inspection) not in client_for("public").get(f"/reports/{inspection.pk}/").content.decode()


def test_the_guide_has_every_part_and_symbol_alternatives():
    assert [p.key for p in PARTS] == ["about", "good", "better", "next"] and LINES_PER_PART >= 3
    assert all(s.alt for s in SYMBOLS.values())
    assert line_problem("We will come back in 2028.") == ""
    assert "one sentence" in line_problem("We came. We saw.")
