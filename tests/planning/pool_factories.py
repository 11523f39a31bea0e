"""Small pure instances of the national programme for the planning tests."""

from __future__ import annotations

from datetime import date, timedelta

from areasend.planning.programme import FULL, MONITORING, Instance, Job, Person, Pin

START = date(2027, 1, 11)  # a working Monday in term time
TRAINED = ((date(2026, 6, 1), date(2029, 6, 1)),)


def person(pid: int, role: str, remit: str = "education", region: str = "R1", send_ap: bool = True,
           **kw: object) -> Person:
    return Person(pid, f"Person {pid}", role, remit, region, send_ap, kw.pop("trained", TRAINED),  # type: ignore[arg-type]
                  **kw)  # type: ignore[arg-type]


def pool(teams: int = 2) -> list[Person]:
    people = []
    for n in range(teams):
        base = 10 * n
        people += [person(base + 1, "hmi", "education"), person(base + 2, "ofsted_inspector", "social_care"),
                   person(base + 3, "cqc_lead", "health"), person(base + 4, "cqc_inspector", "health")]
    return people


def job(code: str = "E1", kind: str = FULL, weeks_to_due: int = 20, region: str = "R1", **kw: object) -> Job:
    return Job(code, f"Area {code}", region, kind, START + timedelta(weeks=weeks_to_due), **kw)  # type: ignore[arg-type]


def instance(jobs: list[Job], people: list[Person] | None = None, weeks: int = 26,
             pins: list[Pin] | None = None, **kw: object) -> Instance:
    return Instance(START, weeks, people if people is not None else pool(), jobs, pins or [], **kw)  # type: ignore[arg-type]


__all__ = ["FULL", "MONITORING", "START", "instance", "job", "person", "pool"]
