"""Checking a return: every rule is a polars expression over the whole table, so 100,000 rows take
a fraction of a second; what fails becomes one long table of (row, field, message), errors and
queries (warnings) kept apart. Rules of Ofsted's lists carry Data to Insight's numbers (101a ...).

The same code serves `areasend check_return` and the upload page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from . import indicators, reader, spec
from .reader import ROW_COLUMN

TYPED = ":t"  # suffix of a column's typed value (a date, a number, a code in its canonical spelling)
AGE = "age" + TYPED


@dataclass(frozen=True)
class Issue:
    row: int
    field: str
    message: str
    severity: str  # "error" or "query"
    sheet: str | None = None

    def as_json(self, with_sheet: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"row": self.row, "field": self.field, "message": self.message}
        if with_sheet:
            out["sheet"] = self.sheet
        return out


@dataclass
class Checked:
    """A return checked: its counts, issues and indicators (over the rows without errors)."""

    format: str
    layouts: list[str]
    rows: int
    valid_rows: int
    errors: list[Issue]
    warnings: list[Issue]
    indicators: dict[str, indicators.Indicator]
    valid: dict[str, pl.DataFrame] = field(default_factory=dict, repr=False)

    @property
    def several_sheets(self) -> bool:
        return len(self.layouts) > 1

    def as_json(self) -> dict[str, Any]:
        sheets = self.several_sheets
        return {
            "rows": self.rows,
            "valid_rows": self.valid_rows,
            "errors": [e.as_json(sheets) for e in self.errors],
            "warnings": [w.as_json(sheets) for w in self.warnings],
            "indicators": {k: {"numerator": v.numerator, "denominator": v.denominator}
                           for k, v in self.indicators.items()},
        }


@dataclass(frozen=True)
class Rule:
    """`message` may hold `{value}`: the failing cell's text (at most 40 characters), or the
    column named by `value` when that is given."""

    field: str  # the column key
    when: pl.Expr
    message: str
    severity: str = "error"
    code: str = ""
    value: str | None = None

    def text(self, value: Any) -> str:
        shown = "" if value is None else str(value)[:40]
        message = self.message.replace("{value}", shown)
        return f"{message} (rule {self.code})" if self.code else message


def t(key: str) -> pl.Expr:
    return pl.col(key + TYPED)


def raw(key: str) -> pl.Expr:
    return pl.col(key)


def check_file(data: bytes, filename: str = "", *, as_at: date) -> Checked:
    """Read and check a return; reader.ReturnUnreadable when the file cannot be read at all."""
    try:
        return _check(data, filename, as_at)
    except pl.exceptions.PanicException:
        # An internal failure of the table engine must still give the user a message, not a 500.
        raise reader.ReturnUnreadable("The file could not be checked; save it again as CSV (UTF-8)") from None


def _check(data: bytes, filename: str, as_at: date) -> Checked:
    kind, sheets = reader.read(data, filename)
    errors: list[Issue] = []
    warnings: list[Issue] = []
    valid: dict[str, pl.DataFrame] = {}
    rows = valid_rows = 0
    for sheet in sheets:
        typed = typed_frame(sheet.layout, sheet.frame, as_at)
        issues = find_issues(sheet.layout, typed, as_at, sheet.name)
        bad_rows = sorted({i.row for i in issues if i.severity == "error"})
        good = typed.filter(~pl.col(ROW_COLUMN).is_in(pl.Series(bad_rows, dtype=pl.Int64).implode()))
        errors += [i for i in issues if i.severity == "error"]
        warnings += [i for i in issues if i.severity == "query"]
        rows, valid_rows = rows + typed.height, valid_rows + good.height
        key = sheet.layout.key  # two sheets of one layout are one list
        valid[key] = pl.concat([valid[key], good]) if key in valid else good
    return Checked(kind, [s.layout.key for s in sheets], rows, valid_rows, errors, warnings,
                   indicators.compute(valid, as_at), valid)


# --- Typing -------------------------------------------------------------------------------------


def typed_frame(layout: spec.Layout, frame: pl.DataFrame, as_at: date) -> pl.DataFrame:
    typed = frame.with_columns(_typed(layout, c).alias(c.key + TYPED) for c in layout.columns)
    if layout.key != "v1":
        typed = typed.with_columns(age_on(t("dob"), as_at).alias(AGE))
    return typed


def _typed(layout: spec.Layout, column: spec.Column) -> pl.Expr:
    value = raw(column.key)
    if column.kind == "date":
        iso = value.str.strptime(pl.Date, "%Y-%m-%d", strict=False)
        return iso if layout.key == "v1" else pl.coalesce(iso, value.str.strptime(pl.Date, "%d/%m/%Y", strict=False))
    if column.kind == "int":
        return value.str.replace(r"\.0+$", "").cast(pl.Int64, strict=False)
    if column.kind == "percent":
        return value.str.strip_suffix("%").str.strip_chars().cast(pl.Float64, strict=False)
    if column.kind == "code" and layout.key == "v1":  # version 1's codes are exact, as the contract lists them
        return pl.when(value.is_in(list(column.codes))).then(value)
    if column.kind == "code":
        return value.str.to_lowercase().replace_strict(_spellings(column), default=None, return_dtype=pl.String)
    return value


def _spellings(column: spec.Column) -> dict[str, str]:
    """Every accepted spelling, lower case, of each code: the code itself, and for the official
    lists' lettered codes also "a) male" and "a"."""
    out = {code.lower(): code for code in column.codes}
    if column.lettered:
        for letter, code in zip("abcdefghijklmnopqrstuvwxyz", column.codes, strict=False):
            out[f"{letter}) {code.lower()}"] = code
            out[f"{letter}) {code.lower()}".replace(") ", ")")] = code
            out[letter] = code
    return out


def age_on(born: pl.Expr, as_at: date) -> pl.Expr:
    """Whole years between a date of birth and as_at."""
    birthday = born.dt.month().cast(pl.Int32) * 100 + born.dt.day().cast(pl.Int32)
    before_birthday = birthday > (as_at.month * 100 + as_at.day)
    return (pl.lit(as_at.year) - born.dt.year() - before_birthday.cast(pl.Int32)).cast(pl.Int32)


# --- Rules --------------------------------------------------------------------------------------


def find_issues(layout: spec.Layout, typed: pl.DataFrame, as_at: date, sheet: str | None = None) -> list[Issue]:
    """Every failing (row, field, message, severity), in row order. The rules run as one polars
    pass of boolean masks; messages are written in Python for the failing cells only."""
    rules = column_rules(layout, as_at) + (v1_rules() if layout.key == "v1" else list_rules(layout))
    masks = typed.select(rule.when.fill_null(False).alias(str(n)) for n, rule in enumerate(rules))
    rows = typed.get_column(ROW_COLUMN)
    found: list[Issue] = []
    for n, rule in enumerate(rules):
        mask = masks.get_column(str(n))
        if not mask.any():
            continue
        values = typed.get_column(rule.value or rule.field).filter(mask).to_list()
        heading = layout.column(rule.field).heading
        found += [Issue(row, heading, rule.text(value), rule.severity, sheet)
                  for row, value in zip(rows.filter(mask).to_list(), values, strict=True)]
    found.sort(key=lambda issue: issue.row)  # stable: a row's issues stay in rule order
    return found


def column_rules(layout: spec.Layout, as_at: date) -> list[Rule]:
    """What every column of its kind must satisfy: present when required, readable, in its list."""
    rules: list[Rule] = []
    for column in layout.columns:
        if column.required:
            rules.append(Rule(column.key, raw(column.key).is_null(), f"{column.heading} is missing"))
        rules += _kind_rules(layout, column, as_at)
    return rules


def _kind_rules(layout: spec.Layout, column: spec.Column, as_at: date) -> list[Rule]:
    key, given = column.key, raw(column.key).is_not_null()
    unread = given & t(key).is_null()
    if column.kind == "date":
        form = "YYYY-MM-DD" if layout.key == "v1" else "DD/MM/YYYY"
        return [Rule(key, unread, f"'{{value}}' is not a date: use {form}"),
                *_future(layout, column, as_at)]
    if column.kind == "code":
        listed = ", ".join(column.codes) if len(column.codes) <= 13 else "the codes in the specification"
        return [Rule(key, unread, f"'{{value}}' is not a {column.heading} code: use {listed}")]
    if column.kind == "int":
        return [Rule(key, unread | (t(key) < 0), "'{value}' is not a whole number, 0 or more")]
    if column.kind == "percent":
        wrong = unread | (t(key) < 0) | (t(key) > 100)
        return [Rule(key, wrong, "'{value}' is not a percentage from 0 to 100")]
    if column.kind == "urn":
        return [Rule(key, given & ~raw(key).str.contains(r"^\d{6}$"), "'{value}' is not a 6-digit URN")]
    if column.kind == "ref" and layout.key == "v1":
        return _reference_rules(key, given, column.max_length)
    too_long = given & (raw(key).str.len_chars() > column.max_length)
    return [Rule(key, too_long, f"{column.heading} is longer than {column.max_length} characters")]


def _reference_rules(key: str, given: pl.Expr, longest: int) -> list[Rule]:
    """A pseudonymous reference: refused when too long; a query when it looks like a UPN or a
    name (a space), since it must never identify the child."""
    ref = raw(key)
    return [
        Rule(key, given & (ref.str.len_chars() > longest), f"'{{value}}' is longer than {longest} characters"),
        Rule(key, given & (ref.str.contains(r"^[A-Za-z]\d{11}[0-9A-Za-z]$") | ref.str.contains(" ")),
             "'{value}' looks like a UPN or a name: use a pseudonymous reference", "query"),
    ]


# D2I's numbers for a date in the future, by column (105a-d, 205a).
_FUTURE_CODES = {"dob": "a", "initial_issued": "b", "updated_issued": "c", "last_reviewed": "d"}


def _future(layout: spec.Layout, column: spec.Column, as_at: date) -> list[Rule]:
    code = f"{_prefix(layout)}05{_FUTURE_CODES[column.key]}" if column.key in _FUTURE_CODES else ""
    when = t(column.key) > pl.lit(as_at)
    message = f"{column.heading} {{value}} is after the as-at date {as_at.isoformat()}"
    return [Rule(column.key, when, message, code=code)]


def _prefix(layout: spec.Layout) -> str:
    return "1" if layout.key == "list1" else "2"


def _before(later: str, earlier: str) -> Rule:
    """A journey date before the date it follows from."""
    return Rule(later, t(later) < t(earlier), f"{later} is before {earlier}")


def v1_rules() -> list[Rule]:
    ref = raw("case_ref")
    return [
        Rule("case_ref", ref.is_not_null() & ~ref.is_first_distinct(),
             "'{value}' is repeated: it is on an earlier row"),
        Rule("age", (t("age") > 25), "Age {value} is outside 0 to 25"),
        _before("decision_date", "request_received"),
        _before("draft_plan_issued", "request_received"),
        _before("final_plan_issued", "request_received"),
        _before("final_plan_issued", "draft_plan_issued"),
        Rule("final_plan_issued", t("final_plan_issued").is_not_null() & (t("sen_provision") == "SEN_SUPPORT"),
             "A final plan is dated but sen_provision is SEN_SUPPORT", "query"),
        Rule("alternative_provision",
             (t("setting_type") == "alternative_provision") & (t("alternative_provision") == "N"),
             "setting_type is alternative_provision but alternative_provision is N", "query"),
        Rule("decision", t("decision").is_null() & t("decision_date").is_not_null(),
             "decision_date is given but not the decision (assess or not_assess)", "query"),
    ]


def list_rules(layout: spec.Layout) -> list[Rule]:
    """Data to Insight's rules for Ofsted's lists (List 2 numbers them 2xx)."""
    p = _prefix(layout)
    age = pl.col(AGE)
    main = raw("main_urn").is_not_null() | raw("main_phase").is_not_null()
    rules = [
        Rule("dob", raw("dob").is_null(), "Date of birth is missing", code=f"{p}01a"),
        Rule("gender", raw("gender").is_null(), "Gender is missing", code=f"{p}01b"),
        Rule("ethnicity", raw("ethnicity").is_null(), "Ethnicity is missing", code=f"{p}01c"),
        Rule("primary_need", raw("primary_need").is_null(), "SEN primary need is missing", code=f"{p}01d"),
        Rule("dob", age == 25, "Aged 25: check the young person is still entitled", "query", f"{p}02a"),
        Rule("dob", age >= 26, "Aged {value}: too old for this list", code=f"{p}02b", value=AGE),
        Rule("disability", raw("disability").is_null(), "Disability status is missing", "query", f"{p}03"),
        Rule("upn", (age >= 6) & raw("upn").is_null() & raw("uln").is_null(),
             "Aged 6 or over with neither a UPN nor a ULN", "query", f"{p}07"),
        Rule("main_phase", age.is_between(5, 16) & ~main & raw("sub_phase").is_null(),
             "School age with neither a main nor a subsidiary education establishment", "query", f"{p}08a"),
        Rule("sub_phase", raw("sub_phase").is_not_null() & ~main,
             "A subsidiary establishment but no main establishment", code=f"{p}08b"),
        Rule("upn", raw("upn").is_not_null() & raw("upn").is_duplicated(),
             "UPN {value} appears more than once: send only the latest plan", code=f"{p}09"),
        Rule("unique_id", raw("unique_id").is_not_null() & ~raw("unique_id").is_first_distinct(),
             "'{value}' is repeated: it is on an earlier row"),
    ]
    if layout.key == "list1":
        rules += [
            Rule("initial_issued", t("initial_issued") > t("updated_issued"),
                 "The initial EHC plan is dated after the updated plan", code="106a"),
            Rule("initial_issued", t("initial_issued") > t("last_reviewed"),
                 "The initial EHC plan is dated after its last review", code="106b"),
        ]
    return rules
