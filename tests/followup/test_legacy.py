"""Legacy follow-up records: imported from a documented CSV, idempotent, row-level errors, shown
on the area page; the history model in the admin."""

from pathlib import Path

import pytest

from areasend.followup.legacy import import_follow_ups
from areasend.followup.models import LegacyFollowUp

pytestmark = pytest.mark.django_db

CSV = """area_code,kind,date,source,url,note
E10000024,stocktake,2024-01-15,DfE and NHS England,,First stocktake against the PAP
E10000024,improvement_notice,2023-11-16,GOV.UK,https://www.gov.uk/notice,
E99999999,stocktake,2024-01-15,DfE,,
E10000024,warning,2024-01-15,DfE,,
E10000024,stocktake,15/01/2024,DfE,,
"""


def _write(tmp_path: Path, text: str = CSV) -> Path:
    path = tmp_path / "follow_ups.csv"
    path.write_text(text)
    return path


def test_import_is_idempotent_and_names_each_bad_row(tmp_path):
    report = import_follow_ups(_write(tmp_path))
    assert report.created == 2
    reasons = [str(p) for p in report.problems]
    assert reasons[0].startswith("row 4:") and "E99999999" in reasons[0]
    assert reasons[1].startswith("row 5: kind 'warning'")
    assert reasons[2].startswith("row 6: date '15/01/2024'")
    again = import_follow_ups(_write(tmp_path))
    assert again.created == 0 and again.unchanged == 2
    assert LegacyFollowUp.objects.count() == 2


def test_records_show_on_the_area_page_for_everyone(tmp_path, client):
    import_follow_ups(_write(tmp_path))
    page = client.get("/areas/E10000024/").content.decode()
    assert "DfE and NHS England stocktake" in page and "DfE improvement notice" in page


def test_history_is_in_the_admin(client_for):
    admin = client_for("admin")
    assert admin.get("/admin/inspections/activity/").status_code == 200
    assert admin.get("/admin/followup/legacyfollowup/").status_code == 200
    assert client_for("planner").get("/admin/inspections/activity/").status_code == 302


def test_a_corrected_record_shows_on_the_area_page_at_once(tmp_path, client):
    """The area page is kept per state of its records (areasend.caching): a re-import that
    corrects a record in place must reach it on the next request."""
    import_follow_ups(_write(tmp_path))
    assert "First stocktake against the PAP" in client.get("/areas/E10000024/").content.decode()
    report = import_follow_ups(_write(tmp_path, CSV.replace("First stocktake", "Second look")))
    assert report.updated == 1
    page = client.get("/areas/E10000024/").content.decode()
    assert "Second look against the PAP" in page and "First stocktake" not in page
