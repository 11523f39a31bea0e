"""Reading a return file into tables of text, whatever its format, and refusing what cannot be read.

The type is decided by the file's content, never by its name alone: a ZIP that holds a workbook is
XLSX, one that holds an OpenDocument spreadsheet is ODS, anything else must be UTF-8 text (CSV).
Spreadsheets are read with calamine (`fastexcel`), which reads a formula's stored value and never
runs anything; CSV with polars. Every cell is read as text so that the checks, not the reader,
decide what is wrong, and can say so by row and column.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import fastexcel
import polars as pl

from . import spec

MAX_BYTES = 40 * 1024 * 1024
MAX_ROWS = 300_000
# A workbook is a ZIP of XML: refuse one that would expand past this, or far more than a real
# workbook does (a "zip bomb" named .xlsx).
MAX_UNZIPPED_BYTES = 400 * 1024 * 1024
MAX_ZIP_RATIO = 200
FORMATS = ("csv", "xlsx", "ods")
ROW_COLUMN = "__row"


class ReturnUnreadable(ValueError):
    """The file cannot be read as a return at all; the message says why in one line."""


@dataclass
class Sheet:
    """One list in the file: its layout, the sheet's name (None for CSV) and its cells as text,
    columns renamed to the layout's keys, with `__row` the row number a spreadsheet shows."""

    layout: spec.Layout
    name: str | None
    frame: pl.DataFrame


def sniff(data: bytes, filename: str = "") -> str:
    """The file's format from its content; the name's extension, when it has one, must agree."""
    if not data:
        raise ReturnUnreadable("The file is empty")
    if len(data) > MAX_BYTES:
        raise ReturnUnreadable(f"The file is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB")
    found = _sniff_content(data)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension and extension not in FORMATS:
        raise ReturnUnreadable(f"'.{extension}' files are not accepted: send CSV (UTF-8), XLSX or ODS")
    if extension and extension != found:
        raise ReturnUnreadable(f"The file is named .{extension} but its content is {found.upper()}")
    return found


def _sniff_content(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReturnUnreadable("This is an old Excel (.xls) file: save it as .xlsx or as CSV (UTF-8)")
    if b"\x00" in data[:4096]:
        raise ReturnUnreadable("The file is not text, XLSX or ODS")
    return "csv"


def _zip_kind(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        mimetype = archive.read("mimetype")[:100] if "mimetype" in archive.namelist() else b""
    except (zipfile.BadZipFile, KeyError, OSError):
        raise ReturnUnreadable("The file looks like a spreadsheet but is damaged") from None
    unzipped = sum(i.file_size for i in infos)
    if unzipped > MAX_UNZIPPED_BYTES or unzipped > MAX_ZIP_RATIO * max(len(data), 1) + 10_000_000:
        raise ReturnUnreadable("The spreadsheet expands to far more than a real return; it was not opened")
    if b"opendocument.spreadsheet" in mimetype:
        return "ods"
    if any(i.filename == "xl/workbook.xml" for i in infos):
        return "xlsx"
    raise ReturnUnreadable("The file is a ZIP archive but not an XLSX or ODS spreadsheet")


def read(data: bytes, filename: str = "") -> tuple[str, list[Sheet]]:
    """The format and every list in the file; ReturnUnreadable when there is none."""
    kind = sniff(data, filename)
    tables = _read_csv(data) if kind == "csv" else _read_workbook(data)
    sheets = [_as_sheet(name, frame) for name, frame in tables]
    found = [s for s in sheets if s is not None]
    if not found:
        raise ReturnUnreadable(_no_layout_message(tables))
    return kind, found


def _read_csv(data: bytes) -> list[tuple[str | None, pl.DataFrame]]:
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ReturnUnreadable(f"The file is not UTF-8 text (line {line}): save it as 'CSV UTF-8'") from None
    try:
        frame = pl.read_csv(data, infer_schema=False, has_header=True, n_rows=MAX_ROWS + 1)
    except (pl.exceptions.PolarsError, ValueError) as error:
        raise ReturnUnreadable(f"The CSV cannot be read: {_first_line(error)}") from None
    return [(None, frame)]


def _read_workbook(data: bytes) -> list[tuple[str | None, pl.DataFrame]]:
    try:
        workbook = fastexcel.read_excel(data)
        names = workbook.sheet_names
        return [(name, _load(workbook, name)) for name in names]
    except ReturnUnreadable:
        raise
    except Exception as error:  # calamine raises its own error types for a damaged workbook
        raise ReturnUnreadable(f"The spreadsheet cannot be read: {_first_line(error)}") from None


def _load(workbook: fastexcel.ExcelReader, name: str) -> pl.DataFrame:
    sheet = workbook.load_sheet(name, dtypes="string", n_rows=MAX_ROWS + 1)
    frame = sheet.to_polars()
    return frame.with_columns(pl.all().cast(pl.String))


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or ["unknown error"])[0][:200]


def _as_sheet(name: str | None, frame: pl.DataFrame) -> Sheet | None:
    headings = [str(c) for c in frame.columns]
    layout = spec.detect(headings)
    if layout is None:
        return None
    missing = spec.missing_columns(layout, headings)
    where = f"Sheet '{name}': " if name else ""
    if missing:
        raise ReturnUnreadable(f"{where}required columns missing: {', '.join(missing)}")
    if frame.height > MAX_ROWS:
        raise ReturnUnreadable(f"{where}more than {MAX_ROWS:,} rows; the limit is {MAX_ROWS:,}")
    return Sheet(layout, name, _rename(layout, frame))


def _rename(layout: spec.Layout, frame: pl.DataFrame) -> pl.DataFrame:
    """Columns renamed to the layout's keys; a missing optional column is blank; others dropped.
    Cells are trimmed and a blank is null; a spreadsheet's date cell ("2025-01-31 00:00:00") is
    its date."""
    by_heading = {spec.normalise_heading(str(c)): str(c) for c in frame.columns}
    trimmed = frame.with_columns(pl.all().cast(pl.String).str.strip_chars())
    cleaned = trimmed.with_columns(pl.when(pl.all() != "").then(pl.all()))  # otherwise null
    columns = []
    for column in layout.columns:
        source = by_heading.get(spec.normalise_heading(column.heading))
        expr = pl.col(source) if source is not None else pl.lit(None, dtype=pl.String)
        if column.kind == "date":
            expr = expr.str.strip_suffix(" 00:00:00")
        columns.append(expr.alias(column.key))
    rows = pl.int_range(2, frame.height + 2, dtype=pl.Int64).alias(ROW_COLUMN)
    return cleaned.select(rows, *columns)


def _no_layout_message(tables: list[tuple[str | None, pl.DataFrame]]) -> str:
    if len(tables) == 1 and tables[0][0] is None:
        found = ", ".join(str(c) for c in tables[0][1].columns[:6]) or "none"
        return ("The columns are not those of a return (version 1 needs case_ref; Ofsted's lists their "
                f"headings); the first columns found: {found}")
    names = ", ".join(repr(n) for n, _ in tables) or "none"
    return f"No sheet holds a return's columns (sheets found: {names}); Ofsted's lists are List_1 and List_2"

