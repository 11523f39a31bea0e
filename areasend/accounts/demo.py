"""Demo users, one per role, for the embedded default. Refused when DEBUG is off."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from areasend.areas.models import LocalAreaPartnership

from .models import Inspectorate, Role, User

DEMO_PASSWORD = "demo-password-not-for-production"  # noqa: S105 - printed for the local demo only


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    description: str
    inspectorate: str = ""
    area_code: str = ""
    supports: tuple[str, ...] = ()  # a government adviser's areas


DEMO_USERS = (
    DemoUser("admin", Role.ADMIN, "administrator: everything, the audit log and the admin site"),
    DemoUser("planner", Role.PLANNER, "programme planner: the national overview and what is due"),
    DemoUser("hmi", Role.INSPECTOR, "Ofsted lead inspector (HMI) of every demo inspection", Inspectorate.OFSTED),
    DemoUser("cqc", Role.INSPECTOR, "CQC lead children's services inspector", Inspectorate.CQC),
    DemoUser("oi-olu", Role.INSPECTOR, "Ofsted Inspector on every demo team", Inspectorate.OFSTED),
    DemoUser("cqc-ceri", Role.INSPECTOR, "CQC children's services inspector on every demo team", Inspectorate.CQC),
    DemoUser("lap-bedford", Role.LAP, "Bedford partnership user: sees only Bedford", area_code="E06000055"),
    DemoUser("lap-bury", Role.LAP, "Bury partnership user: sees only Bury", area_code="E08000002"),
    DemoUser("lap-barnet", Role.LAP, "Barnet partnership user: a draft report to check for factual accuracy",
             area_code="E09000003"),
    DemoUser("lap-bromley", Role.LAP, "Bromley partnership user: an inspection notified this week",
             area_code="E09000006"),
    DemoUser("lap-bradford", Role.LAP, "Bradford partnership user: tracking cases and consent during fieldwork",
             area_code="E08000032"),
    # Issue 9: after publication.
    DemoUser("lap-coventry", Role.LAP, "Coventry partnership user: a priority action plan awaiting review",
             area_code="E08000026"),
    DemoUser("lap-nottinghamshire", Role.LAP, "Nottinghamshire partnership user: outcome 3 (May 2023)",
             area_code="E10000024"),
    DemoUser("adviser", Role.ADVISER, "government adviser (DfE and NHS England) for Coventry: reviews its "
             "priority action plan", supports=("E08000026",)),
    DemoUser("public", Role.PUBLIC, "member of the public: published information only"),
)


@transaction.atomic
def create_demo_users() -> list[DemoUser]:
    if not settings.DEBUG:
        raise ImproperlyConfigured("Demo users are refused when DEBUG is off")
    for spec in DEMO_USERS:
        area = LocalAreaPartnership.objects.get(gss_code=spec.area_code) if spec.area_code else None
        user, _ = User.objects.update_or_create(
            username=spec.username,
            defaults={
                "role": spec.role, "inspectorate": spec.inspectorate, "area": area,
                "email": f"{spec.username}@example.gov.uk", "is_staff": spec.role == Role.ADMIN,
                "is_superuser": spec.role == Role.ADMIN, "first_name": spec.username.title(),
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.supported_areas.set(LocalAreaPartnership.objects.filter(gss_code__in=spec.supports))
    return list(DEMO_USERS)


def demo_two_factor_links(base_url: str) -> list[tuple[str, str]]:
    """A one-time two-factor set-up link for each demo staff user (printed by `areasend demo`)."""
    from . import enrolment

    staff = User.objects.filter(username__in=[s.username for s in DEMO_USERS]).order_by("username")
    return [(u.username, enrolment.link_url(enrolment.issue_link(u), base_url)) for u in staff if u.is_staff_role]
