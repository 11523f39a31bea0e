import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from areasend.accounts.models import AuditAction, AuditEvent
from areasend.planning.overview import csv_safe
from tests.conftest import needs_shared

pytestmark = pytest.mark.django_db


def table_rows(content: bytes) -> int:
    return content.count(b'<tr class="govuk-table__row">') - 1  # minus the header row


def test_planner_sees_all_153_partnerships(client_for):
    page = client_for("planner").get("/overview/")
    assert page.status_code == 200
    assert table_rows(page.content) == 153
    assert b"153 partnerships shown" in page.content


def test_the_page_runs_in_a_fixed_number_of_queries(client_for):
    client = client_for("inspector")
    client.get("/overview/")  # warm the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/overview/").status_code == 200
    # session + user, regions for the filter, areas, activities (prefetch): independent of 153.
    assert len(queries) <= 6, [q["sql"] for q in queries]


def test_filter_by_region(client_for):
    page = client_for("planner").get("/overview/?region=E12000007")
    assert page.status_code == 200
    assert table_rows(page.content) == 33  # the London boroughs and the City of London
    assert b"Barnet" in page.content and b"Bedford" not in page.content


@needs_shared
def test_filter_by_outcome_and_overdue(client_for):
    client = client_for("planner")
    table = client.get("/overview/?result=3").content.split(b'id="overview-table"')[1]
    assert b"Outcome 3: Widespread" in table
    assert b"Outcome 2: Inconsistent" not in table and b"Outcome 1: Positive" not in table
    overdue = client.get("/overview/?due=overdue")
    rows = overdue.content.split(b'<tr class="govuk-table__row">')[2:]
    assert len(rows) == table_rows(overdue.content)
    assert all(b"govuk-tag--red" in row for row in rows)
    # An outcome-3 area past report + 3 years shows both its activities overdue.
    assert overdue.content.count(b"govuk-tag--red") > len(rows)


def test_sort_by_due_date_descending(client_for):
    page = client_for("planner").get("/overview/?sort=due&order=desc")
    assert page.status_code == 200
    assert b'aria-sort="descending"' in page.content


@pytest.mark.parametrize("query", ["region=E99", "result=7", "due=forever", "sort=colour", "order=sideways"])
def test_invalid_filters_show_an_error_summary_not_a_500(client_for, query):
    page = client_for("planner").get(f"/overview/?{query}")
    assert page.status_code == 400
    assert b"govuk-error-summary" in page.content
    assert b"Select a valid choice" in page.content


def test_csv_has_exactly_the_rows_shown_and_is_audited(client_for):
    client = client_for("planner")
    shown = table_rows(client.get("/overview/?region=E12000001").content)
    response = client.get("/overview.csv?region=E12000001")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:2] == ["area_code", "area_name"]
    assert len(rows) - 1 == shown == 12
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("id")
    assert event.data["rows"] == 12 and event.username == "pip-planner"


@pytest.mark.parametrize(("value", "safe"), [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("Bedford", "Bedford"), ("", ""), (None, ""),
])
def test_csv_cells_are_safe_against_formula_injection(value, safe):
    assert csv_safe(value) == safe


@pytest.mark.parametrize("name", ["public", "lap_a", "lap_b"])
def test_overview_is_refused_to_non_staff(client_for, name):
    assert client_for(name).get("/overview/").status_code == 403
    assert client_for(name).get("/overview.csv").status_code == 403


def test_anonymous_is_sent_to_sign_in(client_for):
    response = client_for("anonymous").get("/overview/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_column_headers_link_to_sorting_that_keeps_the_filters(client_for):
    text = client_for("planner").get("/overview/?region=E12000001&sort=due&order=asc").content.decode()
    assert 'href="?region=E12000001&amp;sort=due&amp;order=desc"' in text
    assert 'href="?region=E12000001&amp;sort=name&amp;order=asc"' in text


def test_the_shared_filter_form_shows_what_each_request_applied(client_for):
    """The filter form is cached with the table: a second user asking for the same filters sees
    them selected, and another filter set gets its own form."""
    selected = 'value="E12000007" selected'
    assert selected in client_for("planner").get("/overview/?region=E12000007").content.decode()
    assert selected in client_for("inspector").get("/overview/?region=E12000007&junk=1").content.decode()
    assert selected not in client_for("inspector").get("/overview/?region=E12000001").content.decode()
    assert selected not in client_for("planner").get("/overview/").content.decode()


@needs_shared
def test_provisional_dates_are_tagged_in_their_rows_and_explained_once(client_for):
    content = client_for("planner").get("/overview/").content.decode()
    table = content[content.index("<tbody"):content.index("</tbody>")]
    assert 'govuk-tag--yellow">Provisional</strong>' in table
    assert "framework-spec §8" not in table  # the reason is not repeated on every row
    note = content[content.index('id="provisional-values"'):]
    assert note.count("framework-spec §8") == 1
