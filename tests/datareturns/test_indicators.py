"""The vectorised indicators agree, row for row, with a plain-Python reading of the statutory
limits in `framework/statutory.py` (`met`, `deadline`), on synthetic returns of several seeds."""

from __future__ import annotations

from datetime import date

import pytest

from areasend.datareturns import indicators, synthetic, validation
from areasend.framework import statutory
from areasend.framework.calendar import add_months

AS_AT = date(2026, 3, 1)


def _d(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def naive(rows: list[dict[str, str]]) -> dict[str, tuple[int, int]]:
    counts = {"decision_within_6_weeks": [0, 0], "final_plan_within_20_weeks": [0, 0],
              "annual_reviews_overdue": [0, 0]}
    for row in rows:
        request, decision, final = _d(row["request_received"]), _d(row["decision_date"]), _d(row["final_plan_issued"])
        if request and decision:
            counts["decision_within_6_weeks"][1] += 1
            counts["decision_within_6_weeks"][0] += statutory.met("decision_to_assess", request, decision, AS_AT)
        if request and final and not row["exception_reason"]:
            counts["final_plan_within_20_weeks"][1] += 1
            counts["final_plan_within_20_weeks"][0] += statutory.met("final_plan", request, final, AS_AT)
        if row["sen_provision"] == "EHCP" and final:
            latest = max(d for d in (final, _d(row["last_annual_review"])) if d)
            counts["annual_reviews_overdue"][1] += 1
            counts["annual_reviews_overdue"][0] += add_months(latest, 12) < AS_AT  # "more than 12 months"
    return {k: (n, d) for k, (n, d) in counts.items()}


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_vectorised_indicators_match_the_statutory_functions(seed: int) -> None:
    rows = synthetic.rows(2_000, as_at=AS_AT, seed=seed)
    data = synthetic.csv_bytes(2_000, as_at=AS_AT, seed=seed)
    checked = validation.check_file(data, "s.csv", as_at=AS_AT)
    assert checked.errors == []
    got = {k: (v.numerator, v.denominator) for k, v in checked.indicators.items() if k in naive(rows)}
    assert got == naive(rows)


def test_limits_come_from_the_framework() -> None:
    assert indicators.limit_days("decision_to_assess") == 42
    assert indicators.limit_days("final_plan") == 140


def test_weeks_to_final_plan_bands() -> None:
    rows = [{**r, "request_received": "2024-01-01", "final_plan_issued": f}
            for r, f in zip(synthetic.rows(4, as_at=AS_AT, seed=1),
                            ["2024-05-20", "2024-05-21", "2024-12-30", "2025-01-01"], strict=True)]
    for r in rows:
        r.update(sen_provision="EHCP", decision_date="", draft_plan_issued="", last_annual_review="")
    import polars as pl

    frame = pl.DataFrame(rows).with_columns(
        pl.col("request_received").str.to_date().alias("request_received:t"),
        pl.col("final_plan_issued").str.to_date().alias("final_plan_issued:t"))
    assert indicators.weeks_to_final_plan(frame) == [
        ("20 weeks or less", 1), ("21 to 26 weeks", 1), ("27 to 52 weeks", 1), ("more than 52 weeks", 1)]
