"""The national programme benchmark (DESIGN.md, Measures): 153 areas with the real history
imported, a synthetic pool of 60 inspectors, a 104-week horizon from a Monday. Prints the solve
time, missed due dates (and how many no plan can avoid), objective, bound and gap (against a
bound valid for every plan; `model_bound` is now the same bound, stage 1 keeping no capacity
margin), and the earliest-due-date greedy baseline's objective and missed due dates from the same
run, with the ratio baseline / optimiser.

Builds its own SQLite database in a temporary directory (nothing else is touched):

    .venv/bin/python bench/planner.py [--start 2026-12-07] [--weeks 104] [--pool 60] [--seed 1]
        [--seconds 55]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from datetime import date
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "research-data" / "inspections"
TARGET_SECONDS = 60.0
TARGET_GAP = 0.05


def build_database(directory: str, pool: int, seed: int) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/planner.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "areasend.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_areas", verbosity=0)
    call_command("import_inspections", str(SHARED / "ofsted_area_send_2016_2022_official.csv"),
                 source="ofsted-2016-2022", verbosity=0)
    call_command("import_inspections", str(SHARED / "area_send_2023_framework_full_inspections.csv"),
                 source="area-send-2023", verbosity=0)
    call_command("demo_pool", size=pool, seed=seed, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", default="2026-12-07", help="first Monday of the horizon")
    parser.add_argument("--weeks", type=int, default=104)
    parser.add_argument("--pool", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=55.0, help="the solver's time limit")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        build_database(directory, args.pool, args.seed)
        from areasend.planning.checker import check_plan
        from areasend.planning.plans import solve, summary_json

        began = time.monotonic()
        programme = solve(date.fromisoformat(args.start), args.weeks, args.seconds)
        wall = time.monotonic() - began
        summary = summary_json(programme)
        problems = check_plan(programme.instance, programme.solved.plan)
        for sentence in programme.feasibility["summary"]:
            print(sentence)
        result = {
            "areas": 153, "due_activities": summary["due_activities"], "pool": args.pool, "weeks": args.weeks,
            "solve_s": round(wall, 2), "scheduled": summary["scheduled"], "missed": summary["missed_due_dates"],
            "unavoidable_misses": summary["unavoidable_misses"],
            "overdue_at_start": summary["overdue_at_start"], "objective": summary["objective"],
            "bound": summary["bound"], "gap": summary["gap"], "model_bound": summary["model_bound"],
            "model_gap": summary["model_gap"], "solver_status": summary["solver_status"],
            "baseline_objective": summary["baseline_objective"],
            "baseline_missed": summary["baseline_missed_due_dates"],
            "ratio_baseline_to_optimiser": round(summary["baseline_objective"] / max(1, summary["objective"]), 3),
            "hard_constraint_violations": len(problems),
            "no_avoidable_miss": summary["missed_due_dates"] <= summary["unavoidable_misses"],
            "within_time": wall <= TARGET_SECONDS, "within_gap": summary["gap"] <= TARGET_GAP,
            "within_model_gap": summary["model_gap"] <= TARGET_GAP,
        }
        print(json.dumps(result))


if __name__ == "__main__":
    main()
