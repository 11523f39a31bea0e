"""The inspection page's content is built once per viewer class and state of the records
(inspections.views.inspection_detail): what it shows must still follow both, at once, and its
forms must carry each viewer's own CSRF token."""

import re

import pytest
from django.test import Client

from areasend.caching import csrf_placeholder
from areasend.datareturns.models import CaseListEntry, Provision, Setting
from areasend.inspections import workflow
from areasend.inspections.models import Inspection, State

pytestmark = pytest.mark.django_db


def page(client: Client, inspection: Inspection) -> str:
    response = client.get(f"/inspections/{inspection.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def signed_in(user, *, enforce_csrf_checks: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_forms_on_the_shared_content_carry_each_viewers_own_token(inspection, cast, make_user):
    """Two planners share one copy of the content; each posts with the token their page gave."""
    first = signed_in(cast["planner"], enforce_csrf_checks=True)
    second = signed_in(make_user("pam-planner", "planner"), enforce_csrf_checks=True)
    tokens = []
    for client in (first, second):
        content = page(client, inspection)
        assert csrf_placeholder() not in content
        found = set(re.findall(
            r'action="/inspections/[0-9]+/actions/[a-z-]+/">\s*<input type="hidden" '
            r'name="csrfmiddlewaretoken" value="([^"]+)"', content))
        assert len(found) == 1  # every action's form, the same token
        tokens.append(found.pop())
    assert tokens[0] != tokens[1]
    refused = second.post(f"/inspections/{inspection.pk}/actions/pause/",
                          {"reason": "Snow", "csrfmiddlewaretoken": tokens[0]})
    assert refused.status_code == 403  # the other planner's token is not this session's
    done = second.post(f"/inspections/{inspection.pk}/actions/pause/",
                       {"reason": "Snow", "csrfmiddlewaretoken": tokens[1]})
    assert done.status_code == 302
    assert Inspection.objects.get(pk=inspection.pk).state == State.PAUSED


def test_viewers_who_stand_differently_never_share_content(inspection, client_for):
    planner = page(client_for("planner"), inspection)  # built first, then kept
    outsider = page(client_for("outsider"), inspection)
    lead = page(client_for("inspector"), inspection)
    partnership = page(client_for("lap_a"), inspection)
    assert 'actions/withdraw/"' in planner and 'actions/withdraw/"' not in outsider
    assert 'actions/start-fieldwork/"' in lead and 'actions/start-fieldwork/"' not in planner
    assert "Upload the list of children and young people" in partnership
    assert "Upload the list of children and young people" not in lead
    assert "Tracking cases" in lead and "Tracking cases" not in planner and "Tracking cases" not in outsider
    assert "Evidence" in planner and "Evidence" not in outsider and "Evidence" not in partnership
    assert "Team</h2>" in planner and "Team</h2>" not in partnership


def test_the_content_follows_the_records_at_once(inspection, cast, client_for):
    lead = client_for("inspector")
    before = page(lead, inspection)
    assert "Started fieldwork" not in before
    workflow.start_fieldwork(inspection, by=cast["inspector"])  # an event row and a new state
    after = page(lead, inspection)
    assert after != before and 'actions/start-evaluating/"' in after

    # The team and the names on it.
    cast["outsider"].first_name, cast["outsider"].last_name = "Oscar", "Zed"
    cast["outsider"].save()
    workflow.add_team_member(inspection, inspector=cast["outsider"], role="ofsted_oi", remit="education",
                             by=cast["planner"], confirmed=True)
    assert "Oscar Zed" in page(lead, inspection)
    cast["outsider"].last_name = "Zeller"
    cast["outsider"].save()
    assert "Oscar Zeller" in page(lead, inspection)


def test_the_partnerships_task_is_done_once_its_list_is_uploaded(inspection, cast, client_for):
    partnership = client_for("lap_a")

    def upload_task(content: str) -> str:
        start = content.index("Upload the list of children and young people")
        return content[start:content.index("</tr>", start)]

    assert "Done" not in upload_task(page(partnership, inspection))
    CaseListEntry.objects.create(inspection=inspection, reference="REF-0001", age_band="5-10", need="ASD",
                                 provision=Provision.EHC_PLAN, setting=Setting.MAINSTREAM, uploaded_by=cast["lap_a"])
    assert "Done" in upload_task(page(partnership, inspection))


def test_leaving_the_team_ends_access_at_once(inspection, cast, cqc_lead):
    client = signed_in(cqc_lead)
    assert "Evidence" in page(client, inspection)
    workflow.remove_team_member(inspection.team.get(inspector=cqc_lead), by=cast["planner"])
    assert "Evidence" not in page(client, inspection)
    assert client.get(f"/inspections/{inspection.pk}/evidence/").status_code == 404


def test_kept_access_decisions_follow_a_conflict_declared_edited_or_ended(inspection, cast, client_for):
    """Who may see the page is decided once per state of what the rule reads, so a conflict of
    interest declared after a visit shuts the inspector out at once, and ending it lets them in."""
    from datetime import timedelta

    from django.utils import timezone

    from areasend.planning.models import ConflictOfInterest

    outsider = client_for("outsider")
    area_page = f"/areas/{inspection.area.gss_code}/"
    assert outsider.get(f"/inspections/{inspection.pk}/").status_code == 200
    assert "After the inspection: plans" in outsider.get(area_page).content.decode()
    conflict = ConflictOfInterest.objects.create(inspector=cast["outsider"], area=inspection.area,
                                                 reason="Joined the local authority's board")
    assert outsider.get(f"/inspections/{inspection.pk}/").status_code == 404
    assert "After the inspection: plans" not in outsider.get(area_page).content.decode()
    conflict.ends = timezone.localdate() - timedelta(days=1)  # an edit in place, not a new row
    conflict.save()
    assert outsider.get(f"/inspections/{inspection.pk}/").status_code == 200
    assert "After the inspection: plans" in outsider.get(area_page).content.decode()


def test_a_save_of_some_fields_still_changes_what_pages_are_keyed_by(inspection):
    from areasend.inspections.views import live_page_fingerprint

    before = live_page_fingerprint(inspection.pk)
    inspection.state_reason = "Checked"
    inspection.save(update_fields=["state_reason"])
    assert live_page_fingerprint(inspection.pk) != before


def test_an_advisers_areas_decide_the_follow_up_they_see_at_once(make_user):
    from areasend.areas.models import LocalAreaPartnership

    adviser = make_user("ada-adviser", "adviser")
    client = signed_in(adviser)
    area = LocalAreaPartnership.objects.get(gss_code="E06000055")
    assert "After the inspection: plans" not in client.get(f"/areas/{area.gss_code}/").content.decode()
    adviser.supported_areas.add(area)
    assert "After the inspection: plans" in client.get(f"/areas/{area.gss_code}/").content.decode()
    adviser.supported_areas.remove(area)
    assert "After the inspection: plans" not in client.get(f"/areas/{area.gss_code}/").content.decode()
