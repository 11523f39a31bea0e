"""A synthetic but realistic inspector pool (pure Python, seeded): the shape of the national pool
for the demo, the tests and the benchmark. Names are invented; nothing here is a real person."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from areasend.framework.calendar import add_months

from .programme import TRAINING_VALID_MONTHS

# The mix of roles in a pool of 60 (next-capabilities §2.3 measured 14 lead HMIs, 30 OIs, 12 CQC
# leads and 22 CQC inspectors in 78): the same proportions, rounded.
ROLE_SHARES = (("hmi", 0.20), ("ofsted_inspector", 0.35), ("cqc_lead", 0.17), ("cqc_inspector", 0.28))
FIRST = ("Amira", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Hari", "Isla", "Jon", "Kemi", "Liam",
         "Maya", "Nia", "Owen", "Priya", "Quinn", "Ruth", "Sam", "Tom", "Uma", "Vik", "Will", "Zara")
LAST = ("Ahmed", "Baker", "Clarke", "Davies", "Evans", "Finch", "Green", "Hughes", "Iqbal", "Jones",
        "Khan", "Lewis", "Moore", "Nash", "Okafor", "Patel", "Reid", "Singh", "Taylor", "Walsh")


@dataclass(frozen=True)
class PoolMember:
    first_name: str
    last_name: str
    role: str
    remit: str
    region: str
    national_pool: bool
    send_experience: bool
    ap_experience: bool
    max_activities_per_year: int
    training: tuple[tuple[date, date], ...]
    leave: tuple[tuple[date, date], ...]

    @property
    def organisation(self) -> str:
        return "cqc" if self.role.startswith("cqc") else "ofsted"


def _roles(size: int) -> list[str]:
    roles = [role for role, share in ROLE_SHARES for _ in range(round(size * share))]
    while len(roles) < size:
        roles.append(ROLE_SHARES[len(roles) % 4][0])
    return roles[:size]


def _remit(role: str, index: int) -> str:
    if role.startswith("cqc"):
        return "health"
    return "education" if index % 3 != 2 else "social_care"


def _training(rng: random.Random, start: date, years: int) -> tuple[tuple[date, date], ...]:
    """The last course (up to a year ago) and the renewals booked before each one lapses."""
    first = start - timedelta(days=rng.randrange(0, 330))
    spans = []
    while first < start + timedelta(days=365 * years):
        until = add_months(first, TRAINING_VALID_MONTHS)
        spans.append((first, until))
        first = until - timedelta(days=rng.randrange(7, 40))
    return tuple(spans)


def _leave(rng: random.Random, start: date, years: int) -> tuple[tuple[date, date], ...]:
    """Two to four weeks a year, Monday to Friday, at random."""
    spans = []
    for year in range(years):
        for _ in range(rng.randint(2, 4)):
            monday = start + timedelta(weeks=52 * year + rng.randrange(0, 52))
            spans.append((monday, monday + timedelta(days=4)))
    return tuple(sorted(spans))


def generate_pool(size: int, regions: list[str], start: date, seed: int = 1, years: int = 3) -> list[PoolMember]:
    rng = random.Random(seed)
    members = []
    for index, role in enumerate(_roles(size)):
        members.append(PoolMember(
            first_name=rng.choice(FIRST), last_name=rng.choice(LAST), role=role,
            remit=_remit(role, index), region=regions[index % len(regions)],
            national_pool=role == "ofsted_inspector" and rng.random() < 0.3,
            send_experience=rng.random() < 0.6, ap_experience=rng.random() < 0.3,
            max_activities_per_year=rng.choice((6, 8, 8, 10)) if role in ("hmi", "cqc_lead") else rng.choice((4, 6, 8)),
            training=_training(rng, start, years), leave=_leave(rng, start, years),
        ))
    return members
