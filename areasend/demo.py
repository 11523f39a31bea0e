"""The demo for the embedded default: one user per role and live inspections at every stage,
built through the same workflow functions a real user's clicks go through. DEBUG only."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from areasend.accounts.demo import create_demo_users
from areasend.accounts.models import Inspectorate, Role, User
from areasend.areas.models import LocalAreaPartnership
from areasend.datareturns import services as cases
from areasend.datareturns.models import AgeBand, Need
from areasend.framework.calendar import add_working_days, is_working_day
from areasend.framework.timeline import onsite_week_problem
from areasend.inspections import evidence, workflow
from areasend.inspections.models import Inspection

TEXT = {
    1: ("Most children and young people with SEND get the help they need at the right time.\n\n"
        "Families say they are listened to and plans reflect what matters to them.",
        "Leaders across the partnership share an accurate understanding of local needs.",
        "Some young people do not get timely support when moving to adult health services."),
    2: ("Experiences vary: some children get effective support, while others wait too long.\n\n"
        "Many families describe a difficult journey to get an EHC needs assessment.",
        "Early years settings identify needs quickly and work well with health visitors.",
        "Too many EHC plans are issued late and some lack input from health and social care."),
    3: ("Many children and young people with SEND wait too long for their needs to be identified.\n\n"
        "Families have lost trust in the partnership and feel they have to fight for support.",
        "Leaders have started to strengthen joint commissioning of speech and language therapy.",
        "Waiting times for neurodevelopmental assessments are very long and growing."),
}


def _working_monday(before: date) -> date:
    """The latest Monday on or before the date that is a valid notification date: a working day
    whose on-site week is Monday to Friday in term time (framework.timeline)."""
    monday = before - timedelta(days=before.weekday())
    while not is_working_day(monday) or onsite_week_problem(monday) is not None:
        monday -= timedelta(weeks=1)
    return monday


def _working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def _inspectors() -> dict[str, User]:
    people = {
        "hmi": ("Harriet", "Malik", Inspectorate.OFSTED), "cqc": ("Colin", "Quinn", Inspectorate.CQC),
        "oi-olu": ("Olu", "Adeyemi", Inspectorate.OFSTED), "cqc-ceri": ("Ceri", "Jones", Inspectorate.CQC),
    }
    found = {}
    for username, (first, last, body) in people.items():
        user = User.objects.get(username=username)  # created, with its password, by create_demo_users
        user.first_name, user.last_name, user.inspectorate, user.role = first, last, body, Role.INSPECTOR
        user.save()
        found[username] = user
    return found


def _start(area_code: str, notified: date, planner: User, team: dict[str, User]) -> Inspection:
    area = LocalAreaPartnership.objects.get(gss_code=area_code)
    existing = Inspection.objects.filter(area=area, notified_on=notified).first()
    if existing:
        return existing
    slug = area.name.lower().split(",")[0].replace(" ", "-")
    inspection = workflow.notify(area=area, notified_on=notified, officer_name=f"{area.name} nominated officer",
                                 officer_email=f"send-lano@{slug}.example", by=planner, synthetic=True,
                                 confirmed=True)
    # The demo's two leads lead every demo inspection, some in overlapping weeks: confirmed.
    workflow.add_team_member(inspection, inspector=team["hmi"], role="ofsted_lead", remit="education", by=planner,
                             confirmed=True)
    workflow.add_team_member(inspection, inspector=team["cqc"], role="cqc_lead", remit="health", by=planner,
                             confirmed=True)
    workflow.add_team_member(inspection, inspector=team["oi-olu"], role="ofsted_oi", remit="social_care",
                             by=planner)
    workflow.add_team_member(inspection, inspector=team["cqc-ceri"], role="cqc_inspector", remit="health",
                             by=planner)
    return inspection


def _case_list_csv(prefix: str, size: int = 40) -> bytes:
    """A synthetic, pseudonymous list of children and young people with SEND (no real person)."""
    rng = random.Random(prefix)
    needs = [n.value for n in Need]
    rows = ["reference,age_band,need,provision,setting,in_alternative_provision"]
    for n in range(1, size + 1):
        age = rng.choice([a.value for a in AgeBand])
        setting = {"0-4": "early_years", "16-19": "further_education", "20-25": "further_education"}.get(
            age, rng.choice(["mainstream_school", "mainstream_school", "special_school", "alternative_provision"]))
        provision = rng.choice(["ehc_plan", "sen_support"])
        rows.append(f"{prefix}-{n:03d},{age},{rng.choice(needs)},{provision},{setting},"
                    f"{'yes' if setting == 'alternative_provision' else 'no'}")
    return "\n".join(rows).encode()


def _tracking(inspection: Inspection, lap: User | None, lead: User, consents: bool) -> None:
    if lap is None or inspection.case_list.exists():
        return
    prefix = inspection.area.name[:3].upper()
    upload = SimpleUploadedFile("case-list.csv", _case_list_csv(prefix), content_type="text/csv")
    cases.upload_case_list(inspection, upload, by=lap)
    if not consents:
        return
    selected = cases.select_cases(inspection, by=lead, seed=2026)
    on = max(inspection.notified_on, add_working_days(inspection.notified_on, 3))
    cases.record_consent(selected[0], "declined", by=lap, on=on)  # a replacement is proposed
    for case in selected[1:4]:
        cases.record_consent(case, "agreed", by=lap, on=on)
    cases.record_consent(selected[4], "approached", by=lap, on=on)


def _evidence(inspection: Inspection, lead: User) -> None:
    notes = [("meeting", "A1", ["early-help"], "positive", "Health visitors identify speech delay early."),
             ("tracking_case", "A3", ["health-waiting-times"], "concern", "Tracked child waited 20 months."),
             ("survey", "A2", ["co-production"], "concern", "Many parents say they were not involved."),
             ("document", "B4", ["joint-commissioning"], "positive", "A joint AP commissioning plan exists.")]
    for source, code, themes, strength, text in notes:
        evidence.add_note(inspection, by=lead, source=source, observed_on=inspection.onsite.start,
                          criterion_code=code, themes=themes, strength=strength, text=text)


def _outcome(inspection: Inspection, lead: User, outcome: int) -> None:
    experience, effective, improve = TEXT[outcome]
    workflow.record_outcome(inspection, outcome=outcome, experience=experience, effective=effective,
                            improve=improve, by=lead)
    la = inspection.area.partners.get(kind="la")
    icb = inspection.area.partners.filter(kind="icb").first()
    evidence.add_recommendation(inspection, by=lead, kind="improvement",
                                text="Leaders across the partnership should make sure EHC plans are issued "
                                     "within 20 weeks and are of consistently high quality.",
                                partner_ids=[la.pk] + ([icb.pk] if icb else []), whole_partnership=False,
                                themes=["ehc-plans"])
    if outcome == 3:
        evidence.add_recommendation(inspection, by=lead, kind="priority_action",
                                    text="Leaders should urgently reduce waiting times for neurodevelopmental "
                                         "assessments.", partner_ids=[icb.pk] if icb else [],
                                    whole_partnership=icb is None, themes=["health-waiting-times"])


def _advance(inspection: Inspection, team: dict[str, User], target: str, outcome: int = 2,
             lap: User | None = None) -> None:
    lead = team["hmi"]
    steps = ["fieldwork", "evaluating", "draft_report", "factual_accuracy", "published"]
    if inspection.state != "notified":
        return
    _tracking(inspection, lap, lead, consents=target != "notified")
    if target == "notified":
        return
    workflow.start_fieldwork(inspection, by=lead)
    _evidence(inspection, lead)
    for step in steps[1:steps.index(target) + 1]:
        if step == "evaluating":
            workflow.start_evaluating(inspection, by=lead)
        elif step == "draft_report":
            _outcome(inspection, lead, outcome)
            workflow.draft_report(inspection, by=lead)
        elif step == "factual_accuracy":
            sent = add_working_days(inspection.onsite.last_day, 20)
            if target == "factual_accuracy":  # the one still open: sent a working day ago
                sent = add_working_days(_working_day_on_or_before(timezone.localdate()), -1)
            workflow.send_for_factual_accuracy(inspection, by=lead, sent_on=sent)
            if lap is not None:
                workflow.add_accuracy_comment(inspection, paragraph="effective-1", by=lap,
                                              comment="The joint plan was agreed in March, not May.")
        elif step == "published":
            for comment in inspection.accuracy_comments.all():
                workflow.answer_accuracy_comment(comment, response="Thank you: corrected.", accepted=True, by=lead)
            workflow.publish(inspection, by=lead, published_on=add_working_days(inspection.onsite.last_day, 45))


def _demo_data_returns(laps: dict[str, User]) -> None:
    """Issue 10: a synthetic person-level return (5,000 made-up rows, a few deliberate errors) for
    each live demo inspection whose partnership has a demo user; never counted anywhere."""
    from areasend.datareturns import returns, synthetic

    live = Inspection.objects.filter(synthetic=True, state__in=cases.CASE_STATES, data_returns__isnull=True)
    for inspection in live.select_related("area"):
        lap = laps.get(inspection.area.gss_code)
        if lap is not None:
            data = synthetic.csv_bytes(5_000, as_at=timezone.localdate(), seed=inspection.pk, errors=12)
            returns.upload_return(inspection, SimpleUploadedFile("return.csv", data, "text/csv"), by=lap)


@transaction.atomic
def build_demo() -> list[Any]:
    if not settings.DEBUG:
        raise ImproperlyConfigured("Demo users are refused when DEBUG is off")
    users = create_demo_users()
    planner = User.objects.get(username="planner")
    team = _inspectors()
    monday = _working_monday(timezone.localdate())
    laps = {u.area.gss_code: u for u in User.objects.filter(role=Role.LAP).select_related("area") if u.area}
    plan = [  # area, weeks before this Monday, stage, outcome
        ("E09000006", 0, "notified", 2),        # Bromley
        ("E08000032", 2, "fieldwork", 2),       # Bradford
        ("E09000007", 3, "evaluating", 2),      # Camden
        ("E09000003", 7, "factual_accuracy", 2),  # Barnet
        ("E06000022", 34, "published", 1),      # Bath and North East Somerset
        ("E06000023", 30, "published", 2),      # Bristol
        ("E08000026", 26, "published", 3),      # Coventry
    ]
    for code, weeks, stage, outcome in plan:
        inspection = _start(code, _working_monday(monday - timedelta(weeks=weeks)), planner, team)
        _advance(inspection, team, stage, outcome, laps.get(code))
    _followup_demo(planner, team, monday)
    _demo_data_returns(laps)
    _surveys()
    _programme(planner)
    _easy_read(team["hmi"])
    return users


def _followup_demo(planner: User, team: dict[str, User], monday: date) -> None:
    """Issue 9, after publication (all synthetic, never counted): Coventry's priority action plan
    awaiting its adviser's review and its monitoring inspection notified; Bristol's engagement
    meeting recorded."""
    from areasend.followup import demo as followup_demo

    followup_demo.build(planner=planner, lead=team["hmi"], cqc=team["cqc"], monday=monday)


def _surveys() -> None:
    """Synthetic survey responses (issue 11), never counted in public figures."""
    from areasend.surveys.demo import build_demo_surveys

    build_demo_surveys()


def _programme(planner: User) -> None:
    """A synthetic inspector pool and a solved national programme (issue 12)."""
    from areasend.planning.demo import build_programme

    build_programme(planner)


def _easy_read(lead: User) -> None:
    """Coventry's easy-read summary (issue 13), written as its lead inspector would."""
    from areasend.reports.demo import build

    build(lead)
