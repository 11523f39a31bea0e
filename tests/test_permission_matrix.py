"""Every URL pattern × every role → the expected status. A URL added without an entry here fails
`test_every_url_has_an_entry`, so access is decided on purpose, never by accident."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from areasend.areas.models import LocalAreaPartnership
from areasend.datareturns import services
from areasend.inspections import evidence, workflow
from areasend.inspections.models import Inspection
from tests.datareturns.conftest import PDF, ROWS, csv_upload, upload

# `outsider` is an inspector on no team; `conflicted` an inspector with a declared conflict of
# interest for area A. Neither may read person-level data or working papers anywhere.
ROLES = ["anonymous", "public", "lap_a", "lap_b", "outsider", "conflicted", "inspector", "planner", "admin"]


@dataclass(frozen=True)
class Entry:
    """Expected status per role; `method` and `data` describe the request; `url` builds the path
    from the world (the inspection of area A and its records)."""

    url: Callable[[dict[str, Any]], str]
    expected: dict[str, int]
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)


def everyone(status: int, **overrides: int) -> dict[str, int]:
    return {role: overrides.get(role, status) for role in ROLES}


STAFF_ONLY_PAGE = everyone(404, outsider=200, inspector=200, planner=200, admin=200)
SIGNED_IN_STAFF = everyone(403, anonymous=302, outsider=200, conflicted=200, inspector=200, planner=200, admin=200)
A_AND_STAFF = everyone(404, lap_a=200, outsider=200, inspector=200, planner=200, admin=200)
# Need-to-know: working papers (evidence, drafts) for the team and planners; an administrator
# only through break-glass (not granted in this world).
WORKING_PAPERS = everyone(404, inspector=200, planner=200)
# Person-level data (tracking cases, documents): the team and the area's own partnership.
PERSON_LEVEL = everyone(404, lap_a=200, inspector=200)
NOT_LAP_B = everyone(200, lap_b=404)
# The world's inspection is past fieldwork, so every change to tracking cases is refused with a
# reason (400) for those who may see the page; nobody else learns the inspection exists (404).
CLOSED = everyone(404, lap_a=400, inspector=400)

def _survey(w: dict[str, Any]) -> Any:
    """The world's parents and carers survey (issue 11), made on first use."""
    from areasend.surveys.models import Survey

    window = w["i"].step("survey window")
    return Survey.objects.get_or_create(inspection=w["i"], audience="parents-and-carers", defaults={
        "version": "2026.1", "opens_on": window.start, "closes_on": window.last_day})[0]
PROGRAMME = everyone(403, anonymous=302, planner=200, admin=200)


def _planned(w: dict[str, Any]) -> Any:
    """A saved plan with one planned activity (issue 12), made once per world."""
    from areasend.planning.models import Plan, PlannedActivity

    if "planned" not in w:
        plan = Plan.objects.create(start=date(2027, 1, 11), weeks=10)
        w["planned"] = PlannedActivity.objects.create(
            plan=plan, area=w["i"].area, kind="full inspection", notification_date=date(2027, 1, 11),
            onsite_start=date(2027, 1, 25),
            team=[{"inspector": w["i"].team.first().inspector_id, "role": "ofsted_lead"}])
    return w["planned"]


MATRIX: dict[str, Entry] = {
    "home": Entry(lambda w: "/", everyone(200)),
    "accessibility": Entry(lambda w: "/accessibility/", everyone(200)),
    "privacy": Entry(lambda w: "/privacy/", everyone(200)),
    "accounts:login": Entry(lambda w: "/accounts/login/", everyone(302, anonymous=200)),
    "accounts:logout": Entry(lambda w: "/accounts/logout/", everyone(405)),
    "accounts:two-factor": Entry(lambda w: "/accounts/two-factor/", everyone(200, anonymous=302)),
    "accounts:audit": Entry(lambda w: "/accounts/audit/", everyone(404, anonymous=302, admin=200)),
    "areas:list": Entry(lambda w: "/areas/", everyone(200)),
    "areas:detail": Entry(lambda w: "/areas/E06000055/", NOT_LAP_B),
    "planning:overview": Entry(lambda w: "/overview/", SIGNED_IN_STAFF),
    "planning:overview-csv": Entry(lambda w: "/overview.csv", SIGNED_IN_STAFF),
    "insights:statistics": Entry(lambda w: "/statistics/", everyone(200)),
    "insights:inspections-by-year-csv": Entry(lambda w: "/statistics/inspections-by-year.csv", everyone(200)),
    "insights:chart": Entry(lambda w: "/statistics/charts/2023-by-year.svg", everyone(200)),
    "inspections:list": Entry(lambda w: "/inspections/", everyone(200)),
    "inspections:new": Entry(lambda w: "/inspections/new/", everyone(403, anonymous=302, planner=200, admin=200)),
    "inspections:detail": Entry(lambda w: f"/inspections/{w['i'].pk}/", A_AND_STAFF),
    "inspections:action": Entry(
        lambda w: f"/inspections/{w['i'].pk}/actions/start-fieldwork/",
        everyone(404, lap_a=403, outsider=403, inspector=400, planner=403, admin=403), method="post"),
    "inspections:break-glass": Entry(
        lambda w: f"/inspections/{w['i'].pk}/break-glass/",
        everyone(404, lap_a=403, outsider=403, inspector=403, planner=403, admin=302), method="post",
        data={"reason": "Complaint about the inspection needs review"}),
    "inspections:team": Entry(lambda w: f"/inspections/{w['i'].pk}/team/", STAFF_ONLY_PAGE),
    "inspections:team-remove": Entry(
        lambda w: f"/inspections/{w['i'].pk}/team/{w['member'].pk}/remove/",
        everyone(404, outsider=403, inspector=400, planner=400, admin=400), method="post"),
    "inspections:evidence": Entry(lambda w: f"/inspections/{w['i'].pk}/evidence/", WORKING_PAPERS),
    "inspections:evidence-edit": Entry(
        lambda w: f"/inspections/{w['i'].pk}/evidence/{w['note'].pk}/", WORKING_PAPERS),
    "inspections:evidence-autosave": Entry(
        lambda w: f"/inspections/{w['i'].pk}/evidence/{w['note'].pk}/autosave/",
        everyone(404, inspector=400, planner=403), method="post", data={"text": "x"}),
    "inspections:evidence-delete": Entry(
        lambda w: f"/inspections/{w['i'].pk}/evidence/{w['note'].pk}/delete/",
        everyone(404, inspector=302, planner=403), method="post", data={"reason": "duplicate"}),
    "inspections:outcome": Entry(lambda w: f"/inspections/{w['i'].pk}/outcome/", WORKING_PAPERS),
    "inspections:recommendation-remove": Entry(
        lambda w: f"/inspections/{w['i'].pk}/recommendations/{w['rec'].pk}/remove/",
        everyone(404, inspector=400, planner=403), method="post"),
    "inspections:report": Entry(lambda w: f"/inspections/{w['i'].pk}/report/", everyone(
        404, lap_a=200, inspector=200, planner=200)),
    "inspections:comment-answer": Entry(
        lambda w: f"/inspections/{w['i'].pk}/report/comments/{w['comment'].pk}/answer/",
        everyone(404, inspector=302, planner=403), method="post",
        data={"response": "Corrected", "accepted": "yes"}),
    "inspections:comment-apply": Entry(
        lambda w: f"/inspections/{w['i'].pk}/report/comments/{w['comment'].pk}/apply/",
        everyone(404, inspector=400, planner=403), method="post", data={"text": "Corrected."}),
    "inspections:accuracy-confirm": Entry(
        lambda w: f"/inspections/{w['i'].pk}/report/no-further-comments/",
        everyone(404, lap_a=302, outsider=403, inspector=403, planner=403, admin=403), method="post"),
    "cases:list": Entry(lambda w: f"/inspections/{w['i'].pk}/cases/", PERSON_LEVEL),
    "cases:add-entry": Entry(lambda w: f"/inspections/{w['i'].pk}/cases/entries/", CLOSED, method="post",
                             data={"reference": "TC-NEW", "age_band": "5-10", "need": "ASD",
                                   "provision": "ehc_plan", "setting": "mainstream_school"}),
    "cases:upload": Entry(lambda w: f"/inspections/{w['i'].pk}/cases/upload/", CLOSED, method="post"),
    "cases:select": Entry(lambda w: f"/inspections/{w['i'].pk}/cases/select/",
                          everyone(404, lap_a=403, inspector=400), method="post"),
    "cases:swap": Entry(lambda w: f"/inspections/{w['i'].pk}/cases/{w['case'].pk}/swap/", CLOSED,
                        method="post", data={"entry": "0"}),
    "cases:consent": Entry(lambda w: f"/inspections/{w['i'].pk}/cases/{w['case'].pk}/consent/", CLOSED,
                           method="post", data={"consent": "declined"}),
    "cases:upload-document": Entry(
        lambda w: f"/inspections/{w['i'].pk}/cases/{w['case'].pk}/documents/", CLOSED, method="post"),
    "cases:download": Entry(
        lambda w: f"/inspections/{w['i'].pk}/cases/{w['case'].pk}/documents/{w['document'].pk}/",
        everyone(404, lap_a=200, inspector=200)),
    # --- Issue 9: after publication (follow-up). Area A (Bedford) has outcome 1 (a strategic
    # plan); area B (Bury) outcome 3 (a priority action plan, version 1 submitted by its partnership).
    "followup:overview": Entry(lambda w: "/follow-up/", everyone(
        404, outsider=200, conflicted=200, inspector=200, planner=200, admin=200)),
    "followup:area": Entry(lambda w: "/follow-up/E06000055/", A_AND_STAFF),
    "followup:pap-submit": Entry(lambda w: "/follow-up/E08000002/priority-action-plan/submit/", everyone(
        403, anonymous=302, public=404, lap_a=404, lap_b=200)),
    "followup:pap-review": Entry(lambda w: f"/follow-up/E08000002/priority-action-plan/versions/{_pap(w)}/review/",
                                 everyone(403, anonymous=302, public=404, lap_a=404)),
    "followup:pap-document": Entry(
        lambda w: f"/follow-up/E08000002/priority-action-plan/versions/{_pap(w)}/document/",
        everyone(200, anonymous=404, public=404, lap_a=404)),
    "followup:strategic-plan": Entry(lambda w: "/follow-up/E06000055/strategic-plan/", everyone(
        403, anonymous=302, public=404, lap_b=404, conflicted=404, lap_a=200)),
    "followup:meeting-schedule": Entry(
        lambda w: "/follow-up/E06000055/meetings/schedule/",
        everyone(403, anonymous=302, public=404, lap_b=404, conflicted=404, planner=302, admin=400),
        method="post", data={"officer_name": "Nora", "officer_email": "nora@bedford.example"}),
    # The world's activity is a full inspection: neither a monitoring inspection nor a meeting.
    "followup:findings": Entry(lambda w: f"/follow-up/monitoring/{w['i'].pk}/findings/",
                               everyone(404, anonymous=302)),
    "followup:meeting-record": Entry(lambda w: f"/follow-up/meetings/{w['i'].pk}/record/",
                                     everyone(404, anonymous=302)),
    "followup:themes": Entry(lambda w: "/follow-up/thematic/", everyone(200)),
    "followup:theme": Entry(lambda w: f"/follow-up/thematic/{_theme(w)}/", STAFF_ONLY_PAGE | {"conflicted": 200}),
    "followup:theme-report": Entry(lambda w: f"/follow-up/thematic/{_theme(w)}/report/",
                                   STAFF_ONLY_PAGE | {"conflicted": 200}),
    "followup:thematic-findings": Entry(lambda w: f"/follow-up/thematic/visits/{w['i'].pk}/findings/",
                                        everyone(404, anonymous=302)),
    # --- end of issue 9
    # Issue 10, data returns: person-level, the team and the area's partnership only.
    "cases:return": Entry(lambda w: f"/inspections/{w['i'].pk}/cases/return/", PERSON_LEVEL),
    "cases:upload-return": Entry(lambda w: f"/inspections/{w['i'].pk}/cases/return/upload/", CLOSED,
                                 method="post"),
    "cases:return-errors": Entry(
        lambda w: f"/inspections/{w['i'].pk}/cases/return/{_data_return(w).pk}/errors.csv", PERSON_LEVEL),
    "cases:return-case-list": Entry(
        lambda w: f"/inspections/{w['i'].pk}/cases/return/{_data_return(w).pk}/case-list/", CLOSED,
        method="post"),
    "data-return-spec": Entry(lambda w: "/data-return/", everyone(200)),
    "data-return-template": Entry(lambda w: "/data-return/template.csv", everyone(200)),
    "data-return-template-xlsx": Entry(lambda w: "/data-return/template.xlsx", everyone(200)),
    "data-return-template-ods": Entry(lambda w: "/data-return/template.ods", everyone(200)),
    # --- Surveys (issue 11): answering is public by unguessable link (the world's window has closed,
    # so a post is refused with a message); results are working papers; the families' summary is for
    # the team, planners and the area's partnership once the window has closed.
    "surveys:start": Entry(lambda w: f"/surveys/s/{_survey(w).token}/", everyone(200)),
    "surveys:answer": Entry(lambda w: f"/surveys/s/{_survey(w).token}/questions/", everyone(400), method="post",
                            data={"page": "0", "key": "x", "q-involved": "agree"}),
    "surveys:thanks": Entry(lambda w: f"/surveys/s/{_survey(w).token}/thank-you/", everyone(200)),
    "surveys:results": Entry(lambda w: f"/surveys/inspections/{w['i'].pk}/", WORKING_PAPERS),
    "surveys:open": Entry(lambda w: f"/surveys/inspections/{w['i'].pk}/open/",
                          everyone(404, inspector=400, planner=400), method="post"),
    "surveys:summary": Entry(lambda w: f"/surveys/inspections/{w['i'].pk}/summary/",
                             everyone(404, lap_a=200, inspector=200, planner=200)),
    # Issue 13, published reports: the list is public; the world's inspection is at the
    # factual-accuracy check, so its report, PDF and card are a 404 for everyone (the embargo).
    "reports:list": Entry(lambda w: "/reports/", everyone(200)),
    "reports:report": Entry(lambda w: f"/reports/{w['i'].pk}/", everyone(404)),
    "reports:report-pdf": Entry(lambda w: f"/reports/{w['i'].pk}/report.pdf", everyone(404)),
    "reports:card": Entry(lambda w: f"/reports/{w['i'].pk}/card/", everyone(404)),
    "reports:card-pdf": Entry(lambda w: f"/reports/{w['i'].pk}/card.pdf", everyone(404)),
    # Issue 13 items 5-7 (reports2): open data and national themes are public; the easy-read
    # summary is under the report's embargo, and only the lead inspector edits it.
    "insights:open-data": Entry(lambda w: "/statistics/open-data/", everyone(200)),
    "insights:open-data-csv": Entry(lambda w: "/statistics/open-data/inspection-history.csv", everyone(200)),
    "insights:open-data-json": Entry(lambda w: "/statistics/open-data/due-list.json", everyone(200)),
    "insights:themes-and-timeliness": Entry(lambda w: "/statistics/themes-and-timeliness/", everyone(200)),
    "reports:easy-read": Entry(lambda w: f"/reports/{w['i'].pk}/easy-read/", everyone(404)),
    "reports:easy-read-edit": Entry(lambda w: f"/reports/{w['i'].pk}/easy-read/edit/", everyone(404, inspector=200)),
    "api-areas": Entry(lambda w: "/api/v1/areas/", everyone(200)),
    "api-area": Entry(lambda w: "/api/v1/areas/E06000055/", NOT_LAP_B),
    "api-area-activities": Entry(lambda w: "/api/v1/areas/E06000055/activities/", NOT_LAP_B),
    "api-activities": Entry(lambda w: "/api/v1/activities/", everyone(200)),
    "api-due": Entry(lambda w: "/api/v1/due/", everyone(403, anonymous=401, outsider=200, conflicted=200,
                                                       inspector=200, planner=200, admin=200)),
    "api-statistics": Entry(lambda w: "/api/v1/statistics/", everyone(200)),
    "api-schema": Entry(lambda w: "/api/v1/schema/", everyone(200)),
    "api-docs": Entry(lambda w: "/api/v1/docs/", everyone(200)),
    # Issue 8 (security): two-factor set-up links and API tokens.
    "accounts:two-factor-set-up": Entry(lambda w: "/accounts/two-factor/set-up/not-a-link/",
                                        everyone(404, anonymous=302)),
    "accounts:api-tokens": Entry(lambda w: "/accounts/api-tokens/", everyone(
        404, anonymous=302, outsider=200, conflicted=200, inspector=200, planner=200, admin=200)),
    "accounts:api-token-revoke": Entry(lambda w: "/accounts/api-tokens/999999/revoke/",
                                       everyone(404, anonymous=302), method="post"),
    # Issue 12, the national programme: planners and administrators only.
    "planning:programme": Entry(lambda w: "/programme/", PROGRAMME),
    "planning:programme-inspector-csv": Entry(
        lambda w: f"/programme/{_planned(w).plan_id}/inspector/{w['i'].team.first().inspector_id}.csv", PROGRAMME),
    "planning:programme-inspector-ics": Entry(
        lambda w: f"/programme/{_planned(w).plan_id}/inspector/{w['i'].team.first().inspector_id}.ics", PROGRAMME),
    "planning:programme-confirm": Entry(lambda w: f"/programme/activity/{_planned(w).pk}/confirm/",
                                        everyone(403, anonymous=302, planner=400, admin=400), method="post"),
}


def _pap(world: dict[str, Any]) -> int:
    """Issue 9: Bury's priority action plan, version 1 with a document, submitted once per world."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from areasend.accounts.models import User
    from areasend.followup import plans

    if "pap" not in world:
        area = LocalAreaPartnership.objects.get(gss_code="E08000002")
        action = plans.ActionInput("Joint commissioning", "Commission jointly", [area.partners.first().pk], "Waits")
        world["pap"] = plans.submit_pap(area, by=User.objects.get(username="lap-b"), actions=[action],
                                        document=SimpleUploadedFile("plan.pdf", PDF, "application/pdf"))
    return int(world["pap"].number)


def _data_return(world: dict[str, Any]) -> Any:
    """Issue 10: a stored return of the world's inspection (made directly: the world is past the
    state in which the partnership uploads)."""
    from areasend.datareturns.models import DataReturn

    stored, _ = DataReturn.objects.get_or_create(
        inspection=world["i"], number=1,
        defaults={"original_name": "r.csv", "size": 1, "format": "csv", "layouts": "v1", "as_at": date(2026, 9, 8),
                  "rows": 0, "valid_rows": 0, "error_count": 0, "warning_count": 0,
                  "uploaded_by": world["i"].area.users.first() or world["member"].inspector})
    return stored


def _theme(world: dict[str, Any]) -> int:
    """Issue 9: a national thematic review whose report is not yet published."""
    from areasend.followup.models import NationalTheme

    theme, _ = NationalTheme.objects.get_or_create(title="Children not in school", year=2025,
                                                   defaults={"question": "Where are they?"})
    return int(theme.pk)


# Patterns with no name of their own (catch-alls) are listed by route.
UNNAMED = {"api/v1/^.*/$"}


def walk(patterns: list[Any], prefix: str = "", namespace: str | None = None) -> Iterator[tuple[str, str | None]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            joined = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), joined)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name


def test_every_url_has_an_entry():
    missing = []
    for route, name in walk(get_resolver().url_patterns):
        if route.startswith("admin/"):
            continue  # Django's admin: staff flag only, tested in test_admin_is_for_administrators
        if name is None:
            if route not in UNNAMED:
                missing.append(route)
        elif name not in MATRIX:
            missing.append(f"{name} ({route})")
    assert not missing, f"URLs without an entry in the permission matrix: {missing}"


@pytest.fixture
def world(cast: dict[str, Any], make_user: Any, settings: Any, tmp_path: Any) -> dict[str, Any]:
    """An inspection of area A (Bedford) at the factual accuracy check, with a note, a team member,
    a recommendation and a comment from area A's partnership user."""
    lead = cast["inspector"]
    area = LocalAreaPartnership.objects.get(gss_code="E06000055")
    inspection = workflow.notify(confirmed=True, area=area, notified_on=date(2026, 9, 7), officer_name="Nora",
                                 officer_email="nora@bedford.example", by=cast["planner"])
    workflow.add_team_member(inspection, inspector=lead, role="ofsted_lead", remit="education", by=cast["planner"])
    member = workflow.add_team_member(inspection, inspector=make_user("cara", "inspector", inspectorate="cqc"),
                                      role="cqc_lead", remit="health", by=cast["planner"])
    settings.MEDIA_ROOT = tmp_path
    services.upload_case_list(inspection, csv_upload(ROWS), by=cast["lap_a"])
    case = services.select_cases(inspection, by=lead, seed=1)[0]
    services.record_consent(case, "agreed", by=cast["lap_a"], on=date(2026, 9, 8))
    document = services.upload_document(case, upload("plan.pdf", PDF, "application/pdf"), by=cast["lap_a"])
    workflow.start_fieldwork(inspection, by=lead)
    note = evidence.add_note(inspection, by=lead, source="meeting", observed_on=date(2026, 9, 21),
                             criterion_code="A1", themes=[], strength="positive", text="Early help is good")
    workflow.start_evaluating(inspection, by=lead)
    workflow.record_outcome(inspection, outcome=2, experience="Mixed.", effective="Early help.",
                            improve="Plans.", by=lead)
    rec = evidence.add_recommendation(inspection, by=lead, kind="improvement", text="Improve plans.",
                                      partner_ids=[], whole_partnership=True, themes=[])
    workflow.draft_report(inspection, by=lead)
    workflow.send_for_factual_accuracy(inspection, by=lead)
    comment = workflow.add_accuracy_comment(inspection, paragraph="experience-1", comment="Wrong date.",
                                            by=cast["lap_a"])
    return {"i": Inspection.objects.get(pk=inspection.pk), "member": member, "note": note, "rec": rec,
            "comment": comment, "case": case, "document": document}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_status_for_every_role(name, world, client_for):
    """All roles against one world; the roles that may change something come after those that
    may not, and every refusal is checked before any state rule, so the order is safe."""
    entry = MATRIX[name]
    got = {}
    for role in ROLES:
        response = getattr(client_for(role), entry.method)(entry.url(world), entry.data)
        got[role] = response.status_code
    assert got == entry.expected, f"{name}: expected {entry.expected}, got {got}"


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("planner", 302), ("admin", 200)])
def test_admin_is_for_administrators(role, status, client_for):
    assert client_for(role).get("/admin/").status_code == status


# What the world holds that only need-to-know may read: a case reference and a document name
# (person-level), an evidence note, the draft findings and a factual-accuracy comment.
def _secrets(world: dict[str, Any]) -> list[str]:
    return [world["case"].entry.reference, world["document"].original_name, "Early help is good",
            "Wrong date.", "Improve plans."]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["outsider", "conflicted"])
def test_outsider_and_conflicted_inspectors_read_no_person_level_data_anywhere(role, world, client_for):
    """Every GET route in the matrix (pages, downloads, API): none shows what need-to-know keeps
    for the team, and the conflicted inspector does not even learn the inspection exists."""
    client, leaks = client_for(role), []
    for name, entry in MATRIX.items():
        if entry.method != "get":
            continue
        response = client.get(entry.url(world))
        body = b"".join(response) if response.streaming else response.content  # type: ignore[attr-defined]
        text = body.decode("utf-8", "replace")
        leaks += [f"{name}: {s!r}" for s in _secrets(world) if s in text]
        if role == "conflicted" and f"/inspections/{world['i'].pk}/" in entry.url(world):
            assert response.status_code == 404, name
    assert not leaks


@pytest.mark.django_db
def test_an_administrator_reads_working_papers_only_after_an_audited_break_glass(world, client_for, cast):
    from areasend.accounts.models import AuditEvent

    admin = client_for("admin")
    evidence_url = f"/inspections/{world['i'].pk}/evidence/"
    assert admin.get(evidence_url).status_code == 404
    assert admin.post(f"/inspections/{world['i'].pk}/break-glass/", {"reason": ""}).status_code == 400
    response = admin.post(f"/inspections/{world['i'].pk}/break-glass/", {"reason": "Complaint review"})
    assert response.status_code == 302
    assert "Early help is good" in admin.get(evidence_url).content.decode()
    row = AuditEvent.objects.filter(user=cast["admin"], object_type="inspections.BreakGlass").get()
    assert "Complaint" not in str(row.data)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "public", "lap_b", "adviser"])
def test_read_only_users_and_an_adviser_of_the_area_read_no_person_level_data_anywhere(role, world, client_for,
                                                                                     make_user):
    """The same scan for those who only read: the public, another area's partnership and a
    government adviser who supports area A (plans, never children's data or working papers)."""
    if role == "adviser":
        from django.test import Client

        adviser = make_user("ada-adviser", "adviser")
        adviser.supported_areas.add(world["i"].area)
        client = Client()
        client.force_login(adviser)
    else:
        client = client_for(role)
    leaks = []
    for name, entry in MATRIX.items():
        if entry.method != "get":
            continue
        response = client.get(entry.url(world))
        body = b"".join(response) if response.streaming else response.content  # type: ignore[attr-defined]
        leaks += [f"{name}: {s!r}" for s in _secrets(world) if s in body.decode("utf-8", "replace")]
        if entry.expected in (PERSON_LEVEL, WORKING_PAPERS):
            assert response.status_code in (302, 403, 404), name
    assert leaks == []
