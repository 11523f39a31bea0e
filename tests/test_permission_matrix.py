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
    "api-areas": Entry(lambda w: "/api/v1/areas/", everyone(200)),
    "api-area": Entry(lambda w: "/api/v1/areas/E06000055/", NOT_LAP_B),
    "api-area-activities": Entry(lambda w: "/api/v1/areas/E06000055/activities/", NOT_LAP_B),
    "api-activities": Entry(lambda w: "/api/v1/activities/", everyone(200)),
    "api-due": Entry(lambda w: "/api/v1/due/", everyone(403, anonymous=401, outsider=200, conflicted=200,
                                                       inspector=200, planner=200, admin=200)),
    "api-statistics": Entry(lambda w: "/api/v1/statistics/", everyone(200)),
    "api-schema": Entry(lambda w: "/api/v1/schema/", everyone(200)),
    "api-docs": Entry(lambda w: "/api/v1/docs/", everyone(200)),
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
