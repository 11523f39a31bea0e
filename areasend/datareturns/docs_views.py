"""The published return specification (public): a page built from `spec.py`, and the templates to
download, so the documentation can never drift from the checks."""

from __future__ import annotations

import io

import xlsxwriter
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import spec
from .indicators import limit_days
from .synthetic import ods_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
GUIDANCE_COLUMNS = ("heading", "required", "codes", "guidance", "extension")


def _codes(column: spec.Column) -> str:
    if not column.codes:
        return ""
    if column.lettered:
        return ", ".join(f"{letter}) {code}" for letter, code in zip("abcdefghijklmnopqrstu", column.codes,
                                                                     strict=False))
    return ", ".join(column.codes)


def _rows(layout: spec.Layout) -> list[dict[str, str]]:
    return [{"heading": c.heading, "kind": c.kind, "required": "Yes" if c.required else "No",
             "codes": _codes(c), "guidance": c.guidance, "extension": "Yes" if c.extension else ""}
            for c in layout.columns]


@require_GET
def specification(request: HttpRequest) -> HttpResponse:
    layouts = [(layout, _rows(layout)) for layout in spec.LAYOUTS]
    return render(request, "datareturns/specification.html", {
        "layouts": layouts, "decision_days": limit_days("decision_to_assess"),
        "final_days": limit_days("final_plan"),
    })


def _attachment(body: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def template_csv(request: HttpRequest) -> HttpResponse:
    return _attachment((",".join(spec.V1.headings) + "\r\n").encode(), "text/csv; charset=utf-8",
                       "areasend-return-v1.csv")


def template_xlsx_bytes() -> bytes:
    """The version 1 template: a `Return` sheet with the headings and a `Guidance` sheet."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet(spec.V1.sheet)
    for col, heading in enumerate(spec.V1.headings):
        sheet.write_string(0, col, heading, bold)
    guidance = book.add_worksheet("Guidance")
    for col, title in enumerate(("Column", "Required", "Accepted values", "Guidance", "areasend extension")):
        guidance.write_string(0, col, title, bold)
    for row, item in enumerate(_rows(spec.V1), start=1):
        for col, key in enumerate(GUIDANCE_COLUMNS):
            guidance.write_string(row, col, item[key] or (item["kind"] if key == "codes" else ""))
    book.close()
    return buffer.getvalue()


@require_GET
def template_xlsx(request: HttpRequest) -> HttpResponse:
    return _attachment(template_xlsx_bytes(), XLSX, "areasend-return-v1.xlsx")


def template_ods_bytes() -> bytes:
    """The same template as OpenDocument: a `Return` sheet and a `Guidance` sheet."""
    guidance = [["Column", "Required", "Accepted values", "Guidance", "areasend extension"]]
    guidance += [[item[k] or (item["kind"] if k == "codes" else "") for k in GUIDANCE_COLUMNS]
                 for item in _rows(spec.V1)]
    return ods_bytes({spec.V1.sheet: [list(spec.V1.headings)], "Guidance": guidance})


@require_GET
def template_ods(request: HttpRequest) -> HttpResponse:
    return _attachment(template_ods_bytes(), ODS, "areasend-return-v1.ods")
