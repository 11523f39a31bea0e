import csv
from io import StringIO

import pytest
from django.core.management import call_command

from areasend.areas.models import LocalAreaPartnership, Partner, PartnerKind, PredecessorCode
from areasend.areas.reference import read_areas
from tests.conftest import SHARED

pytestmark = pytest.mark.django_db

LOCAL_AREAS_153 = SHARED / "geography" / "local_areas_153.csv"


def test_loads_153_areas_each_with_a_local_authority_and_an_icb():
    assert LocalAreaPartnership.objects.count() == 153
    for area in LocalAreaPartnership.objects.prefetch_related("partners"):
        kinds = [p.kind for p in area.partners.all()]
        assert kinds.count(PartnerKind.LOCAL_AUTHORITY) == 1, area
        assert PartnerKind.ICB in kinds, area


def test_second_run_changes_nothing():
    before = list(LocalAreaPartnership.objects.values().order_by("pk"))
    partners = Partner.objects.count()
    out = StringIO()
    call_command("load_areas", stdout=out)
    assert "0 created, 0 updated, 153 unchanged" in out.getvalue()
    assert list(LocalAreaPartnership.objects.values().order_by("pk")) == before
    assert Partner.objects.count() == partners


def test_reload_repairs_an_edited_area():
    LocalAreaPartnership.objects.filter(gss_code="E06000055").update(name="Bedfordd")
    out = StringIO()
    call_command("load_areas", stdout=out)
    assert "1 updated" in out.getvalue()
    assert LocalAreaPartnership.objects.get(gss_code="E06000055").name == "Bedford"


def test_a_reload_that_changes_an_area_or_its_partners_marks_the_area_changed():
    """Kept pages are keyed by the areas' `updated` (areasend.caching): a rename, or a partner
    added beside the area, must move it; an unchanged area keeps its stamp."""
    def stamps() -> dict[str, object]:
        return dict(LocalAreaPartnership.objects.values_list("gss_code", "updated"))

    before = stamps()
    LocalAreaPartnership.objects.filter(gss_code="E06000055").update(name="Bedfordd")
    Partner.objects.filter(area__gss_code="E08000002", kind=PartnerKind.ICB).delete()
    call_command("load_areas", stdout=StringIO())
    after = stamps()
    assert {code for code in before if after[code] != before[code]} == {"E06000055", "E08000002"}


@pytest.mark.parametrize(("old", "successors"), [
    ("E10000006", {"Cumberland", "Westmorland and Furness"}),
    ("E10000021", {"North Northamptonshire", "West Northamptonshire"}),
    ("E10000023", {"North Yorkshire"}),
    ("E10000027", {"Somerset"}),
    ("E10000002", {"Buckinghamshire"}),
])
def test_predecessor_codes_map_to_successors(old, successors):
    assert {a.name for a in LocalAreaPartnership.objects.for_code(old)} == successors
    assert PredecessorCode.objects.filter(code=old).exists()


def test_cumberland_has_one_icb_westmorland_and_furness_two():
    cumberland = LocalAreaPartnership.objects.get(name="Cumberland")
    wf = LocalAreaPartnership.objects.get(name="Westmorland and Furness")
    assert cumberland.partners.filter(kind=PartnerKind.ICB).count() == 1
    assert wf.partners.filter(kind=PartnerKind.ICB).count() == 2


@pytest.mark.skipif(not LOCAL_AREAS_153.is_file(), reason=f"shared data not found at {LOCAL_AREAS_153}")
def test_reference_table_agrees_with_the_shared_research_data():
    with LOCAL_AREAS_153.open(encoding="utf-8") as handle:
        shared = {r["new_la_code"]: r for r in csv.DictReader(handle)}
    ours = {row.gss_code: row for row in read_areas()}
    assert set(ours) == set(shared)
    for code, row in ours.items():
        other = shared[code]
        assert row.name == other["la_name"], code
        assert row.dfe_code == other["old_la_code"], code
        assert row.region_code == other["region_code"], code
        assert row.region_name == other["region_name"], code
        assert row.ofsted_urn == other["ofsted_urn"], code
        assert {c for c, _ in row.icbs} <= set(other["icb_codes"].split(";")), code


def test_reference_codes_are_well_formed_and_unique():
    rows = list(read_areas())
    assert len(rows) == 153
    assert len({r.gss_code for r in rows}) == 153
    assert len({r.dfe_code for r in rows}) == 153
    assert all(r.gss_code[:3] in {"E06", "E08", "E09", "E10"} and len(r.gss_code) == 9 for r in rows)
    assert len({r.region_code for r in rows}) == 9
