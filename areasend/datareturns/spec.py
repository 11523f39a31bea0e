"""The person-level data return, as code: one place for its columns, code lists and versions.

Three layouts are accepted, and the layout is detected from a file's column headings:
- `v1`, areasend's return version 1 (the contract in DESIGN.md, `areasend check_return`), with the
  EHC needs assessment journey dates that the 20-week and 6-week indicators need. Its journey and
  extension columns are an *areasend extension, not in the Ofsted template*.
- `list1` and `list2`, Ofsted's person-level lists (handbook Annex A) as partnerships already
  produce them: List 1, children and young people with an EHC plan (21 columns), and List 2, SEN
  support (17 columns), with the headings and code lists transcribed by Data to Insight
  (`annex-a-sen-validator-be`, `sen_validator/config.py`; domain/next-capabilities.md §1.1). Their
  errors and queries keep D2I's rule numbers (101a ... 209).

A change to a layout is a new `version` here, never an edit of an old one: a stored return names
the version it was checked against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["text", "ref", "int", "date", "code", "percent", "urn"]
Severity = Literal["error", "query"]

NEEDS = ("SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH")
V1_NEEDS = (*NEEDS, "NSA")
SETTINGS = (
    "early_years", "mainstream_school", "special_school", "independent_special_school",
    "alternative_provision", "further_education", "home_educated", "not_in_education", "other",
)
ETHNICITY = (
    "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN",
    "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT", "UNKNOWN",
)
YES_NO = ("Yes", "No")
Y_N = ("Y", "N")
GENDER = ("Male", "Female", "Not known", "Not specified")
PHASES = (
    "Nursery", "Primary", "Middle (deemed primary)", "Middle (deemed secondary)", "Secondary",
    "All-through", "Special", "PRU/AP", "FE college",
)
TRANSFERS = ("school", "secondary-to-post16")


@dataclass(frozen=True)
class Column:
    """One column: `key` is the name the checks use, `heading` the name in the file."""

    key: str
    heading: str
    kind: Kind = "text"
    required: bool = False
    codes: tuple[str, ...] = ()
    # Version 1's codes are exact; the official lists' are read in any case, and lettered ones
    # ("a) Male") also as "Male" or "a".
    lettered: bool = False
    guidance: str = ""
    extension: bool = False
    max_length: int = 100


@dataclass(frozen=True)
class Layout:
    key: str
    version: str
    title: str
    sheet: str
    columns: tuple[Column, ...]
    max_age: int = 25
    notes: tuple[str, ...] = field(default=())

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(c.heading for c in self.columns)

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)


_ISO = "a date, YYYY-MM-DD (a spreadsheet's own date cells also do)"
_V1_JOURNEY = "areasend extension, not in the Ofsted template: "

V1 = Layout(
    key="v1", version="1", title="areasend person-level return, version 1", sheet="Return",
    columns=(
        Column("case_ref", "case_ref", "ref", True, guidance="Unique pseudonymous reference, up to 40 characters "
               "(the case list takes up to 20 letters, digits or hyphens); never a name or a UPN", max_length=40),
        Column("age", "age", "int", True, guidance="Age in whole years on the as-at date, 0 to 25"),
        Column("sex", "sex", "code", True, ("M", "F", "U")),
        Column("primary_need", "primary_need", "code", True, V1_NEEDS, guidance="DfE SEN type code"),
        Column("sen_provision", "sen_provision", "code", True, ("EHCP", "SEN_SUPPORT")),
        Column("setting_type", "setting_type", "code", True, SETTINGS),
        Column("alternative_provision", "alternative_provision", "code", True, Y_N,
               guidance="Y if the child or young person attends alternative provision, full or part time"),
        Column("out_of_area", "out_of_area", "code", True, Y_N, guidance="Y if educated outside the area"),
        Column("request_received", "request_received", "date", guidance=_V1_JOURNEY + "EHC needs assessment "
               "request received; " + _ISO, extension=True),
        Column("decision_date", "decision_date", "date", guidance=_V1_JOURNEY + "decision whether to assess",
               extension=True),
        Column("decision", "decision", "code", codes=("assess", "not_assess"), extension=True),
        Column("draft_plan_issued", "draft_plan_issued", "date", extension=True),
        Column("final_plan_issued", "final_plan_issued", "date", extension=True),
        Column("exception_reason", "exception_reason", "text", guidance=_V1_JOURNEY + "blank when none; the "
               "reason an exception to the 20-week limit applies (SEND Regulations 2014, reg 13(3))",
               extension=True),
        Column("last_annual_review", "last_annual_review", "date", guidance="Date of the latest annual review"),
        Column("secondary_need", "secondary_need", "code", codes=V1_NEEDS, extension=True),
        Column("ethnicity", "ethnicity", "code", codes=ETHNICITY, extension=True),
        Column("setting_urn", "setting_urn", "urn", guidance="6-digit URN of the main setting (GIAS)",
               extension=True),
        Column("looked_after", "looked_after", "code", codes=Y_N, extension=True),
        Column("child_in_need", "child_in_need", "code", codes=Y_N, extension=True),
        Column("phase_transfer", "phase_transfer", "code", codes=TRANSFERS, extension=True,
               guidance="school or secondary-to-post16, for a phase transfer this year or next"),
        Column("phase_transfer_year", "phase_transfer_year", "int", extension=True,
               guidance="The calendar year of the transfer (September)"),
        Column("phase_transfer_review", "phase_transfer_review", "date", extension=True,
               guidance="When the plan was reviewed and amended for the transfer"),
    ),
)

_L = "Main education establishment"


def _official(list1: bool) -> tuple[Column, ...]:
    dated = (
        Column("initial_issued", "Date initial EHC plan issued", "date", True),
        Column("updated_issued", "Date updated EHC plan issued", "date", guidance="Blank if never updated"),
        Column("last_reviewed", "Date EHC plan last reviewed", "date", guidance="Blank if not yet reviewed"),
    ) if list1 else ()
    ehe = (Column("ehe", "Elective home education", "code", codes=YES_NO),) if list1 else ()
    return (
        Column("unique_id", "Unique ID", "ref", True, guidance="The local authority's own person ID",
               max_length=40),
        Column("upn", "UPN", guidance="Unique Pupil Number", max_length=13),
        Column("uln", "ULN", guidance="Unique Learner Number", max_length=10),
        Column("dob", "Date of birth", "date", guidance="DD/MM/YYYY; blank if unknown"),
        Column("gender", "Gender", "code", codes=GENDER, lettered=True),
        Column("ethnicity", "Ethnicity", "code", codes=ETHNICITY, lettered=True),
        *dated,
        Column("primary_need", "SEN primary need", "code", codes=NEEDS),
        Column("main_urn", f"{_L} – URN", "urn", guidance="6-digit URN from GIAS"),
        Column("main_phase", f"{_L} – phase", "code", codes=PHASES, lettered=True),
        Column("sub_phase", "Subsidiary education establishment – phase (dual registration)", "code",
               codes=PHASES, lettered=True),
        *ehe,
        Column("suspensions", "Suspensions", "int", guidance="Number in the last 6 months"),
        Column("exclusions", "Permanent exclusions", "int", guidance="Number in the last 6 months"),
        Column("absence", "Absence", "percent", guidance="% of sessions missed in the last 6 months"),
        Column("pupil_premium", "Pupil Premium", "code", codes=YES_NO),
        Column("known_csc", "Known to children's social care?", "code", codes=YES_NO),
        Column("csc_team", "Which children's social care team?", guidance="e.g. CiN, CP, CLA, early help"),
        Column("disability", "Does the child or young person have a disability?", "code", codes=YES_NO),
    )


LIST1 = Layout(key="list1", version="ofsted-2025-d2i", title="Ofsted List 1: EHC plans", sheet="List_1",
               columns=_official(True))
LIST2 = Layout(key="list2", version="ofsted-2025-d2i", title="Ofsted List 2: SEN support", sheet="List_2",
               columns=_official(False))
LAYOUTS: tuple[Layout, ...] = (LIST1, LIST2, V1)


def normalise_heading(heading: str) -> str:
    """Compare headings loosely: case, spacing and the kind of dash do not matter."""
    text = re.sub(r"[\u2010-\u2015-]", "-", str(heading)).strip().lower()
    return re.sub(r"\s+", " ", text)


def detect(headings: list[str]) -> Layout | None:
    """The layout whose columns these headings are; the official lists need all their columns, a
    version 1 return at least its case reference."""
    present = {normalise_heading(h) for h in headings}
    for layout in (LIST1, LIST2):
        if {normalise_heading(h) for h in layout.headings} <= present:
            return layout
    return V1 if "case_ref" in present else None


def missing_columns(layout: Layout, headings: list[str]) -> list[str]:
    present = {normalise_heading(h) for h in headings}
    return [c.heading for c in layout.required if normalise_heading(c.heading) not in present]
