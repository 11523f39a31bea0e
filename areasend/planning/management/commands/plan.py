import json
from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from areasend.planning.models import Plan
from areasend.planning.plans import as_json, solve
from areasend.planning.programme import FULL, Pin, PlanningError

MAX_WEEKS = 260


def _date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{name} '{value}' is not a date in the form YYYY-MM-DD") from None


def _pins(weeks: list[str], people: list[str]) -> list[Pin]:
    pins = []
    for text in weeks:
        code, _, day = text.partition("=")
        pins.append(Pin(f"{code.strip()}:{FULL}", week=_date(day.strip(), f"--pin {text}")))
    for text in people:
        code, _, person = text.partition("=")
        if not person.strip().isdigit():
            raise CommandError(f"--pin-inspector {text}: give AREA_CODE=INSPECTOR_ID")
        pins.append(Pin(f"{code.strip()}:{FULL}", inspector=int(person)))
    return pins


class Command(BaseCommand):
    help = "Plan the national programme: a week and a team for every full and monitoring inspection due."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--start", required=True, help="the first Monday of the plan, YYYY-MM-DD")
        parser.add_argument("--weeks", type=int, required=True, help=f"horizon in weeks (3 to {MAX_WEEKS})")
        parser.add_argument("--seconds", type=float, default=30.0, help="time limit for the solver")
        parser.add_argument("--pin", action="append", default=[], help="AREA_CODE=MONDAY: fix a full inspection's week")
        parser.add_argument("--pin-inspector", action="append", default=[], help="AREA_CODE=INSPECTOR_ID")
        parser.add_argument("--previous", type=int, help="id of an earlier plan: move its activities only if they must")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        start = _date(options["start"], "--start")
        if not 1 <= options["weeks"] <= MAX_WEEKS:
            raise CommandError(f"--weeks {options['weeks']} is not from 1 to {MAX_WEEKS}")
        if not 0.5 <= options["seconds"] <= 3600:
            raise CommandError(f"--seconds {options['seconds']} is not from 0.5 to 3600")
        previous = None
        if options["previous"] is not None:
            previous = Plan.objects.filter(pk=options["previous"]).first()
            if previous is None:
                raise CommandError(f"--previous {options['previous']}: there is no plan with that id")
        try:
            programme = solve(start, options["weeks"], options["seconds"],
                              _pins(options["pin"], options["pin_inspector"]), previous)
        except PlanningError as error:
            raise CommandError(str(error)) from None
        data = as_json(programme)
        if options["json"]:
            self.stdout.write(json.dumps(data))
            return
        for row in data["activities"]:
            team = ", ".join(f"{t['name']} ({t['role']})" for t in row["team"])
            self.stdout.write(f"{row['notification_date']} {row['area_name']:<40} {row['activity']:<22} {team}")
        for sentence in data["feasibility"]["summary"]:
            self.stdout.write(sentence)
        for row in data["feasibility"]["not_placed_by_due_date"]:
            self.stdout.write(f"{row['area_name']} ({row['activity']}, due {row['due_by']}): {row['reason']}")
