"""Benchmark: checking a person-level data return (DESIGN.md measures).

Builds a synthetic version 1 return of --rows rows with a known number of deliberate errors, then
times areasend's check (reading, row-level errors, indicators) on CSV and XLSX, and
`frictionless validate` on the same CSV with an equivalent schema, in the same run. Prints the
figures and ends with one JSON line.

    .venv/bin/python bench/returns.py [--rows 100000] [--errors 2000] [--skip-xlsx]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "areasend.settings")

import django

django.setup()

from areasend.datareturns import spec, synthetic, validation  # noqa: E402

AS_AT = date(2026, 3, 1)
REPEATS = 2  # each timing is the best of this many runs, ours and frictionless's alike


def _timed(label: str, data: bytes, name: str) -> tuple[float, validation.Checked]:
    best, checked = float("inf"), None
    for _ in range(REPEATS):
        start = time.perf_counter()
        checked = validation.check_file(data, name, as_at=AS_AT)
        best = min(best, time.perf_counter() - start)
    assert checked is not None
    print(f"{label}: {best:.2f} s (best of {REPEATS}), {checked.rows / best:,.0f} rows/s; "
          f"{len(checked.errors)} errors, {len(checked.warnings)} warnings, {checked.valid_rows} valid rows")
    return best, checked


def _frictionless_schema() -> dict[str, object]:
    fields: list[dict[str, object]] = []
    for column in spec.V1.columns:
        field: dict[str, object] = {"name": column.key, "type": "string"}
        if column.kind == "date":
            field["type"] = "date"
        elif column.kind == "int":
            field.update(type="integer", constraints={"minimum": 0, "maximum": 25})
        if column.codes:
            field["constraints"] = {"enum": list(column.codes)}
        if column.required:
            field.setdefault("constraints", {})
            field["constraints"]["required"] = True  # type: ignore[index]
        fields.append(field)
    return {"fields": fields, "primaryKey": ["case_ref"]}


def _frictionless(data: bytes) -> tuple[float, int]:
    from frictionless import Resource, Schema

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "return.csv"
        path.write_bytes(data)
        seconds = float("inf")
        for _ in range(REPEATS):
            start = time.perf_counter()
            resource = Resource(path.name, basepath=folder, schema=Schema.from_descriptor(_frictionless_schema()))
            report = resource.validate(limit_errors=10_000_000)
            seconds = min(seconds, time.perf_counter() - start)
    errors = len(report.flatten(["rowNumber"]))
    print(f"frictionless validate (same CSV, equivalent schema): {seconds:.2f} s (best of {REPEATS}); "
          f"{errors} errors")
    return seconds, errors


def _xlsx(rows: int, errors: int) -> bytes:
    buffer = io.BytesIO()
    synthetic.frame(rows, as_at=AS_AT, errors=errors).write_excel(buffer, worksheet="Return")
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--errors", type=int, default=2_000)
    parser.add_argument("--skip-xlsx", action="store_true", help="XLSX writing alone takes ~15 s")
    args = parser.parse_args()
    data = synthetic.csv_bytes(args.rows, as_at=AS_AT, errors=args.errors)
    print(f"return: {args.rows:,} rows, {len(data) / 1e6:.1f} MB CSV, {args.errors} deliberate errors")
    csv_s, checked = _timed("areasend check, CSV", data, "return.csv")
    found = len(checked.errors)
    result: dict[str, object] = {"rows": args.rows, "deliberate_errors": args.errors, "errors_found": found,
                                 "csv_s": round(csv_s, 3), "csv_rows_per_s": round(args.rows / csv_s)}
    if not args.skip_xlsx:
        xlsx_s, xchecked = _timed("areasend check, XLSX", _xlsx(args.rows, args.errors), "return.xlsx")
        result.update(xlsx_s=round(xlsx_s, 3), xlsx_errors_found=len(xchecked.errors))
    ods = synthetic.ods_of(args.rows, as_at=AS_AT, errors=args.errors)
    ods_s, ochecked = _timed("areasend check, ODS", ods, "return.ods")
    result.update(ods_s=round(ods_s, 3), ods_errors_found=len(ochecked.errors))
    baseline_s, baseline_errors = _frictionless(data)
    result.update(frictionless_s=round(baseline_s, 3), frictionless_errors=baseline_errors,
                  ratio=round(baseline_s / csv_s, 1))
    print(f"deliberate errors found: {found} of {args.errors}; {baseline_s / csv_s:.1f}x faster than frictionless")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
