"""Which report each history row links to."""

from datetime import date

import pytest

from areasend.inspections.models import Activity
from areasend.reports.links import report_link, report_path


def activity(**fields) -> Activity:
    base = {"kind": "full inspection", "framework": "2023", "source": "areasend",
            "source_key": "areasend:inspection:12", "publication_date": date(2026, 3, 2)}
    return Activity(**{**base, **fields})


@pytest.mark.parametrize(("fields", "expected"), [
    ({}, "/reports/12/"),
    ({"kind": "monitoring inspection"}, "/reports/12/"),
    ({"publication_date": None}, ""),  # not published: no report
    ({"kind": "engagement meeting"}, ""),  # never published
    ({"source": "area-send-2023"}, ""),  # imported: not ours
    ({"source_key": "areasend:inspection:x"}, ""),  # a malformed key never breaks a page
    ({"source_key": "other:12"}, ""),
])
def test_our_report_path_only_for_what_areasend_published(fields, expected):
    assert report_path(activity(**fields)) == expected


def test_imported_rows_link_to_their_source():
    row = activity(source="area-send-2023", report_url="https://reports.ofsted.gov.uk/provider/44/80431")
    assert report_link(row) == "https://reports.ofsted.gov.uk/provider/44/80431"


@pytest.mark.django_db
def test_head_requests_are_answered(client):
    assert client.head("/reports/").status_code == 200
