"""Reading a case list: one row per child or young person, checked in full before anything is
stored, each problem named by row number, column and value so the partnership can fix its file.

Row numbers are those a spreadsheet shows: the header is row 1, the first child is row 2.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from areasend.inspections.models import WorkflowError

from .models import REFERENCE_PATTERN, REFERENCE_RULE, AgeBand, Need, Provision, Setting

COLUMNS = ("reference", "age_band", "need", "provision", "setting", "in_alternative_provision")
MAX_BYTES = 2 * 1024 * 1024  # 2 MB: a list of every child with SEND in a large area is well under
ZIP_MAGIC = b"PK\x03\x04"  # XLSX and ODS are zip files

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return f"{self.column}: {self.message}" if self.column else self.message
        return f"row {self.row}, {self.column}: {self.message}" if self.column else f"row {self.row}: {self.message}"


class CaseListInvalid(WorkflowError):
    """The case list (or one entry) has problems; nothing was stored."""

    def __init__(self, errors: Iterable[RowError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


def _lookup(choices: Any) -> dict[str, str]:
    """Accept a choice by its code or its label, in any case, with spaces or underscores."""
    table: dict[str, str] = {}
    for value, label in choices.choices:
        for spelling in (value, label):
            table[_key(spelling)] = value
    return table


def _key(text: str) -> str:
    return re.sub(r"[\s_]+", " ", text.strip().lower())


LOOKUPS = {
    "age_band": ({_key(v): v for v in AgeBand.values}, ", ".join(AgeBand.values)),
    "need": (_lookup(Need), ", ".join(Need.values)),
    "provision": (_lookup(Provision), ", ".join(Provision.values)),
    "setting": (_lookup(Setting), ", ".join(Setting.values)),
}


def clean_row(raw: Mapping[str, Any], row: int | None = None) -> tuple[dict[str, Any], list[RowError]]:
    """One entry's values, normalised, and its problems."""
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    reference = str(raw.get("reference") or "").strip()
    if not reference:
        errors.append(RowError(row, "reference", "enter a reference"))
    elif not re.fullmatch(REFERENCE_PATTERN, reference):
        errors.append(RowError(row, "reference", f"'{reference}' must be {REFERENCE_RULE}"))
    values["reference"] = reference
    for column, (table, allowed) in LOOKUPS.items():
        given = str(raw.get(column) or "").strip()
        if given and _key(given) in table:
            values[column] = table[_key(given)]
        elif not given:
            errors.append(RowError(row, column, f"is blank; enter one of {allowed}"))
        else:
            errors.append(RowError(row, column, f"'{given}' is not one of {allowed}"))
    ap = raw.get("in_alternative_provision")
    if isinstance(ap, bool):
        values["in_alternative_provision"] = ap
    elif str(ap or "").strip().lower() in _YES | _NO:
        values["in_alternative_provision"] = str(ap).strip().lower() in _YES
    else:
        shown = str(ap or "").strip()
        problem = f"'{shown}' is not yes or no" if shown else "is blank; enter yes or no"
        errors.append(RowError(row, "in_alternative_provision", problem))
    return values, errors


def decode(upload: IO[bytes], name: str, size: int | None) -> str:
    """The text of an uploaded CSV file, or CaseListInvalid saying why it cannot be read."""
    if size is not None and size > MAX_BYTES:
        raise CaseListInvalid([RowError(None, "", "The file must be smaller than 2 MB")])
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise CaseListInvalid([RowError(None, "", "The file must be smaller than 2 MB")])
    if data.startswith(ZIP_MAGIC) or name.lower().endswith((".xlsx", ".xls", ".ods")):
        raise CaseListInvalid([RowError(None, "", "The file must be a CSV file; save the spreadsheet as CSV (UTF-8)")])
    if not name.lower().endswith(".csv"):
        raise CaseListInvalid([RowError(None, "", "The file must be a CSV file")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseListInvalid([RowError(None, "", "The file must be a CSV file saved as UTF-8")]) from None
    if "\x00" in text:
        raise CaseListInvalid([RowError(None, "", "The file must be a CSV file")])
    return text


class _Readable:
    """A CSV reader's rows; a row the csv module cannot read (a cell over its 131,072-character
    limit) ends the file with a row error instead of an exception."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.error: RowError | None = None

    def __iter__(self) -> Iterator[list[str]]:
        try:
            yield from self.reader
        except csv.Error:
            self.error = RowError(self.reader.line_num, "", "cannot be read: a cell is longer than 131,072 "
                                  "characters or its quotes do not match")


def parse(text: str) -> list[dict[str, Any]]:
    """Every row of the CSV text, cleaned; CaseListInvalid listing every problem if any row is
    bad. References repeated within the file are problems too."""
    readable = _Readable(csv.reader(io.StringIO(text, newline="")))
    reader = iter(readable)
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in COLUMNS if c not in header]
    extra = [h for h in header if h not in COLUMNS]
    if missing or extra:
        problems = []
        if missing:
            problems.append(RowError(1, "", f"the header is missing {', '.join(missing)}"))
        if extra:
            problems.append(RowError(1, "", f"the header has unknown columns {', '.join(extra)}"))
        problems.append(RowError(1, "", f"the header must be {','.join(COLUMNS)}"))
        raise CaseListInvalid(problems)
    rows: list[dict[str, Any]] = []
    errors: list[RowError] = []
    first_seen: dict[str, int] = {}
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, common at the end of exported files
        if len(cells) > len(header):
            errors.append(RowError(number, "", f"has {len(cells)} cells but the header has {len(header)}"))
            continue
        values, problems = clean_row(dict(zip(header, cells, strict=False)), number)
        errors.extend(problems)
        ref = values["reference"]
        if ref and ref in first_seen:
            errors.append(RowError(number, "reference", f"'{ref}' is also on row {first_seen[ref]}"))
        first_seen.setdefault(ref, number)
        values["row"] = number
        rows.append(values)
    if readable.error:
        errors.append(readable.error)
    if not rows and not errors:
        errors.append(RowError(None, "", "The file has no rows after the header"))
    if errors:
        raise CaseListInvalid(errors)
    return rows
