"""Synthetic person-level returns (version 1) for the demo, the tests and the benchmark: realistic
shares of needs, settings and journey times, every reference made up, and optionally a known number
of deliberate errors, one of each kind in turn, so a check can be shown to find them all."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import date, timedelta
from xml.sax.saxutils import escape

import polars as pl

from . import spec

NEED_WEIGHTS = {"ASD": 33, "SLCN": 19, "SEMH": 15, "MLD": 8, "SLD": 5, "SPLD": 4, "PMLD": 1, "PD": 3,
                "HI": 2, "VI": 1, "MSI": 1, "OTH": 2, "NSA": 1}
SETTING_WEIGHTS = {"mainstream_school": 45, "special_school": 30, "independent_special_school": 5,
                   "further_education": 10, "early_years": 3, "alternative_provision": 2,
                   "home_educated": 2, "not_in_education": 2, "other": 1}
# One deliberate error of each kind, in turn: (column, bad value). Each breaks exactly one rule.
ERRORS = (("sex", "X"), ("primary_need", "AUT"), ("age", "31"), ("setting_type", "school"),
          ("request_received", "31/02/2024"), ("final_plan_issued", "2099-01-01"))


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _journey(rng: random.Random, as_at: date) -> dict[str, str]:
    request = as_at - timedelta(days=rng.randint(400, 2500))
    decision = request + timedelta(days=rng.choice([rng.randint(20, 42)] * 4 + [rng.randint(43, 90)]))
    final = decision + timedelta(days=rng.choice([rng.randint(60, 98)] * 1 + [rng.randint(99, 300)]))
    draft = final - timedelta(days=rng.randint(15, 40))
    review = final + timedelta(days=365 * rng.randint(0, 3) + rng.randint(-30, 120))
    return {"request_received": request.isoformat(), "decision_date": decision.isoformat(), "decision": "assess",
            "draft_plan_issued": max(draft, decision).isoformat(), "final_plan_issued": final.isoformat(),
            "exception_reason": "Family holiday" if rng.random() < 0.04 else "",
            "last_annual_review": min(review, as_at).isoformat() if review > final else ""}


def row(rng: random.Random, number: int, as_at: date) -> dict[str, str]:
    ehcp = rng.random() < 0.45
    setting = _pick(rng, SETTING_WEIGHTS)
    out = {c.key: "" for c in spec.V1.columns}
    out.update(case_ref=f"SYN-{number:06d}", age=str(rng.randint(2, 24)), sex=rng.choice("MMMFFU"),
               primary_need=_pick(rng, NEED_WEIGHTS), sen_provision="EHCP" if ehcp else "SEN_SUPPORT",
               setting_type=setting, alternative_provision="Y" if setting == "alternative_provision" else
               rng.choice("NNNNNNNNNNNNNNNNNNNY"), out_of_area=rng.choice("NNNNNNNNNY"))
    if ehcp:
        out.update(_journey(rng, as_at))
    return out


def rows(n: int, *, as_at: date, seed: int = 1, errors: int = 0) -> list[dict[str, str]]:
    """n rows; `errors` of them (spread evenly) carry one deliberate error each."""
    rng = random.Random(seed)
    out = [row(rng, i + 1, as_at) for i in range(n)]
    step = max(n // errors, 1) if errors else 0
    for k in range(min(errors, n)):
        column, value = ERRORS[k % len(ERRORS)]
        out[k * step][column] = value
    return out


def frame(n: int, *, as_at: date, seed: int = 1, errors: int = 0) -> pl.DataFrame:
    return pl.DataFrame(rows(n, as_at=as_at, seed=seed, errors=errors), schema=list(spec.V1.headings))


def csv_bytes(n: int, *, as_at: date, seed: int = 1, errors: int = 0) -> bytes:
    buffer = io.BytesIO()
    frame(n, as_at=as_at, seed=seed, errors=errors).write_csv(buffer)
    return buffer.getvalue()


def ods_of(n: int, *, as_at: date, seed: int = 1, errors: int = 0) -> bytes:
    """The same return as an OpenDocument spreadsheet (one sheet, `Return`)."""
    header = list(spec.V1.headings)
    data = rows(n, as_at=as_at, seed=seed, errors=errors)
    return ods_bytes({"Return": [header, *([r[h] for h in header] for r in data)]})


def ods_bytes(sheets: dict[str, list[list[str]]]) -> bytes:
    """A minimal OpenDocument spreadsheet: {sheet name: rows of text cells}."""
    tables = []
    for name, rows in sheets.items():
        body = "".join(
            "<table:table-row>" + "".join(
                f'<table:table-cell office:value-type="string"><text:p>{escape(c)}</text:p></table:table-cell>'
                if c != "" else "<table:table-cell/>" for c in row) + "</table:table-row>"
            for row in rows)
        tables.append(f'<table:table table:name="{escape(name)}">{body}</table:table>')
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet>{"".join(tables)}</office:spreadsheet></office:body>'
               '</office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
