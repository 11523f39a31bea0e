"""Statutory-compliance indicators from a checked return, over its rows without errors.

Each indicator is a numerator over a denominator with the rule behind it, taken from
`areasend.framework.statutory` (the time limits of the Children and Families Act 2014 and the
SEND Regulations 2014) or, for attendance, from the DfE's published thresholds. The 20-week and
6-week indicators need the request and decision dates of return version 1: the official Ofsted
lists do not carry them, so these are an areasend extension.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from areasend.framework import statutory

TYPED = ":t"
_EPOCH = date(2001, 1, 1)


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    numerator: int
    denominator: int
    rule: str
    extension: bool = False

    @property
    def percent(self) -> float | None:
        return round(100 * self.numerator / self.denominator, 1) if self.denominator else None


def t(key: str) -> pl.Expr:
    return pl.col(key + TYPED)


def limit_days(key: str) -> int:
    """A limit in weeks or days as a number of days (6 weeks: 42; 20 weeks: 140)."""
    return (statutory.deadline(key, _EPOCH) - _EPOCH).days


def _count(frame: pl.DataFrame, over: pl.Expr, hit: pl.Expr) -> tuple[int, int]:
    counted = frame.select(over.fill_null(False).sum().alias("d"), (over & hit).fill_null(False).sum().alias("n"))
    return int(counted["n"][0] or 0), int(counted["d"][0] or 0)


def _overdue_review(latest: pl.Expr, as_at: date) -> pl.Expr:
    """More than 12 months (CFA 2014 s44(1)) between the plan or its last review and as_at."""
    months = statutory.limit("annual_review").amount
    return latest.dt.offset_by(f"{months}mo") < pl.lit(as_at)


def _phase_transfer_deadline() -> pl.Expr:
    """SEND Regulations 2014 reg 18(1): the review date for the transfer year, as a polars date."""
    days = {kind: statutory.phase_transfer_deadline(2000, kind) for kind in ("school", "secondary-to-post16")}
    month = t("phase_transfer").replace_strict({k: d.month for k, d in days.items()}, default=None,
                                               return_dtype=pl.Int32)
    day = t("phase_transfer").replace_strict({k: d.day for k, d in days.items()}, default=None,
                                             return_dtype=pl.Int32)
    return pl.date(t("phase_transfer_year"), month, day)



def _v1(frame: pl.DataFrame, as_at: date) -> list[Indicator]:
    return _timeliness(frame) + _reviews(frame, as_at) + _places(frame)


def _timeliness(frame: pl.DataFrame) -> list[Indicator]:
    """SEND Regulations 2014 reg 5(1) and 13(2), from version 1's journey dates."""
    request, final = t("request_received"), t("final_plan_issued")
    decision_days, final_days = limit_days("decision_to_assess"), limit_days("final_plan")
    return [
        _ind("decision_within_6_weeks", "Decisions whether to assess made within 6 weeks", frame,
             request.is_not_null() & t("decision_date").is_not_null(),
             (t("decision_date") - request).dt.total_days() <= decision_days,
             f"decision date − request date ≤ {decision_days} days; "
             f"{statutory.limit('decision_to_assess').source}", extension=True),
        _ind("final_plan_within_20_weeks", "EHC plans issued within 20 weeks (exceptions excluded)", frame,
             request.is_not_null() & final.is_not_null() & t("exception_reason").is_null(),
             (final - request).dt.total_days() <= final_days,
             f"final plan − request ≤ {final_days} days, rows with an exception reason left out; "
             f"{statutory.limit('final_plan').source}", extension=True),
    ]


def _reviews(frame: pl.DataFrame, as_at: date) -> list[Indicator]:
    """Annual reviews (CFA 2014 s44(1)) and phase-transfer reviews (reg 18(1))."""
    final = t("final_plan_issued")
    ehcp = (t("sen_provision") == "EHCP") & final.is_not_null()
    latest = pl.max_horizontal(final, t("last_annual_review"))
    deadline = _phase_transfer_deadline()
    due = (t("sen_provision") == "EHCP") & deadline.is_not_null() & (deadline <= pl.lit(as_at))
    late = t("phase_transfer_review").is_null() | (t("phase_transfer_review") >= deadline)
    return [
        _ind("annual_reviews_overdue", "EHC plans whose annual review is overdue", frame, ehcp,
             _overdue_review(latest, as_at), _review_rule("the later of the final plan and the last review")),
        _ind("phase_transfer_reviews_late", "Phase-transfer reviews late or missing", frame, due, late,
             "reviewed and amended on or after 15 February (school) or 31 March (to post-16) of the "
             "transfer year; SEND Regulations 2014, reg 18(1)", extension=True),
    ]


def _places(frame: pl.DataFrame) -> list[Indicator]:
    age = t("age")
    return [
        _ind("elective_home_education", "Electively home educated", frame, pl.col("__row").is_not_null(),
             t("setting_type") == "home_educated", "setting_type home_educated, over every row"),
        _ind("school_age_without_school_place", "School-age (5 to 16) with no school or college place", frame,
             age.is_between(5, 16), t("setting_type") == "not_in_education",
             "setting_type not_in_education, over rows aged 5 to 16"),
    ]


def _review_rule(latest: str) -> str:
    source = statutory.limit("annual_review").source
    return f"more than 12 months between {latest} and the as-at date; {source}"


def _ind(key: str, label: str, frame: pl.DataFrame, over: pl.Expr, hit: pl.Expr, rule: str, *,
         extension: bool = False) -> Indicator:
    numerator, denominator = _count(frame, over, hit)
    return Indicator(key, label, numerator, denominator, rule, extension)


def _lists(list1: pl.DataFrame | None, list2: pl.DataFrame | None, as_at: date) -> list[Indicator]:
    out = []
    if list1 is not None:
        latest = pl.coalesce(t("last_reviewed"), t("initial_issued"))
        out.append(_ind("annual_reviews_overdue", "EHC plans whose annual review is overdue", list1,
                        t("initial_issued").is_not_null(), _overdue_review(latest, as_at),
                        _review_rule("the last review (or the initial plan if never reviewed)")))
        out.append(_ind("elective_home_education", "EHC plans: electively home educated", list1,
                        t("ehe").is_not_null(), t("ehe") == "Yes", "Elective home education Yes, over rows "
                        "that answer it"))
    both = pl.concat([f.select(_common()) for f in (list1, list2) if f is not None])
    age, main = pl.col("age:t"), pl.col("main_urn").is_not_null() | pl.col("main_phase").is_not_null()
    absence, given = t("absence"), t("absence").is_not_null()
    out += [
        _ind("persistent_absence", "Persistently absent (10% or more of sessions)", both, given, absence >= 10,
             "Absence ≥ 10% of sessions in the last 6 months (DfE persistent absence)"),
        _ind("severe_absence", "Severely absent (50% or more of sessions)", both, given, absence >= 50,
             "Absence ≥ 50% of sessions in the last 6 months (DfE severe absence)"),
        _ind("suspended", "Suspended at least once", both, t("suspensions").is_not_null(), t("suspensions") >= 1,
             "Suspensions ≥ 1 in the last 6 months"),
        _ind("permanently_excluded", "Permanently excluded", both, t("exclusions").is_not_null(),
             t("exclusions") >= 1, "Permanent exclusions ≥ 1 in the last 6 months"),
        _ind("school_age_without_school_place", "School-age (5 to 16) with no education establishment", both,
             age.is_between(5, 16), ~main & pl.col("sub_phase").is_null(),
             "neither a main nor a subsidiary establishment, over rows aged 5 to 16 (D2I rule 108a)"),
        _ind("known_to_social_care", "Known to children's social care", both, t("known_csc").is_not_null(),
             t("known_csc") == "Yes", "Known to children's social care? Yes, over rows that answer it"),
    ]
    return out


def _common() -> list[pl.Expr]:
    keys = ("absence", "suspensions", "exclusions", "known_csc")
    return [pl.col("age:t"), pl.col("main_urn"), pl.col("main_phase"), pl.col("sub_phase"),
            *(t(k) for k in keys)]


def compute(valid: dict[str, pl.DataFrame], as_at: date) -> dict[str, Indicator]:
    found: list[Indicator] = []
    if "v1" in valid:
        found += _v1(valid["v1"], as_at)
    if "list1" in valid or "list2" in valid:
        found += _lists(valid.get("list1"), valid.get("list2"), as_at)
    return {i.key: i for i in found}


WEEK_BANDS = ((0, 20, "20 weeks or less"), (21, 26, "21 to 26 weeks"), (27, 52, "27 to 52 weeks"),
              (53, 10_000, "more than 52 weeks"))


def weeks_to_final_plan(frame: pl.DataFrame) -> list[tuple[str, int]]:
    """How many plans took how long from request to final plan, in whole weeks started."""
    days = (t("final_plan_issued") - t("request_received")).dt.total_days()
    weeks = frame.select(((days + 6) // 7).alias("w")).drop_nulls()["w"]
    return [(label, int(weeks.is_between(low, high).sum())) for low, high, label in WEEK_BANDS]

