"""A notified inspection of area A (Bedford) with the cast's inspector as Ofsted lead, a case
list uploaded by its partnership user, and files to upload."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from areasend.areas.models import LocalAreaPartnership
from areasend.datareturns import services
from areasend.datareturns.models import CaseListEntry, TrackingCase
from areasend.inspections import workflow

NOTIFIED = date(2026, 9, 7)  # a working Monday
AREA_A = "E06000055"  # Bedford
HEADER = "reference,age_band,need,provision,setting,in_alternative_provision"

# Twelve children and young people: every age band, several needs, both kinds of provision, and
# two in alternative provision (one as the main setting, one alongside a mainstream school).
ROWS = [
    "BED-001,0-4,SLCN,sen_support,early_years,no",
    "BED-002,0-4,PMLD,ehc_plan,special_school,no",
    "BED-003,5-10,ASD,ehc_plan,mainstream_school,no",
    "BED-004,5-10,SpLD,sen_support,mainstream_school,no",
    "BED-005,5-10,SEMH,sen_support,mainstream_school,yes",
    "BED-006,11-15,ASD,ehc_plan,special_school,no",
    "BED-007,11-15,SEMH,ehc_plan,alternative_provision,yes",
    "BED-008,11-15,MLD,sen_support,mainstream_school,no",
    "BED-009,16-19,HI,ehc_plan,further_education,no",
    "BED-010,16-19,SLD,ehc_plan,special_school,no",
    "BED-011,20-25,PD,ehc_plan,further_education,no",
    "BED-012,20-25,OTH,sen_support,neet,no",
]


def csv_upload(rows: list[str], *, header: str = HEADER, name: str = "cases.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join([header, *rows]).encode(), content_type="text/csv")


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", "<office:document-content/>", compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def inspection(cast: dict[str, Any]) -> Any:
    area = LocalAreaPartnership.objects.get(gss_code=AREA_A)
    inspection = workflow.notify(confirmed=True, area=area, notified_on=NOTIFIED, officer_name="Nora Officer",
                                 officer_email="nora@bedford.example", by=cast["planner"])
    workflow.add_team_member(inspection, inspector=cast["inspector"], role="ofsted_lead", remit="education",
                             by=cast["planner"])
    return inspection


@pytest.fixture
def case_list(inspection: Any, cast: dict[str, Any]) -> list[CaseListEntry]:
    services.upload_case_list(inspection, csv_upload(ROWS), by=cast["lap_a"])
    return list(CaseListEntry.objects.for_inspection(inspection))


@pytest.fixture
def cases(inspection: Any, case_list: Any, cast: dict[str, Any]) -> list[TrackingCase]:
    return services.select_cases(inspection, by=cast["inspector"], seed=42)


@pytest.fixture
def agreed_case(cases: list[TrackingCase], cast: dict[str, Any]) -> TrackingCase:
    case = cases[0]
    services.record_consent(case, "agreed", by=cast["lap_a"], on=date(2026, 9, 10))
    return case
