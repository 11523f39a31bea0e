"""What a tracking document may be. The extension and the browser's content type are the
uploader's claims; the first bytes of the file decide. A program renamed report.pdf is refused."""

from __future__ import annotations

import os
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path, PurePath
from typing import IO, Any

from django.core.files import File

MAX_BYTES = 10 * 1024 * 1024  # 10 MB
_HEAD_BYTES = 128
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class Kind:
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = Kind("PDF", "application/pdf", (".pdf",))
DOCX = Kind("Word document (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",))
ODT = Kind("OpenDocument text (ODT)", "application/vnd.oasis.opendocument.text", (".odt",))
PNG = Kind("PNG image", "image/png", (".png",))
JPEG = Kind("JPEG image", "image/jpeg", (".jpg", ".jpeg"))
KINDS = (PDF, DOCX, ODT, PNG, JPEG)
ALLOWED = "PDF, DOCX, ODT, PNG or JPEG"


class DocumentRefused(ValueError):
    """The file is not one we accept; the message says why."""


def _sniff(head: bytes) -> Kind | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        # ODF requires its first zip member to be an uncompressed "mimetype" file (ODF 1.2 part 3
        # §3.3), so the type sits at a fixed offset; any other zip is taken as OOXML and checked
        # for Word's main part by name below.
        if head[30:38] == b"mimetype":
            return ODT if head[38:38 + len(_ODT_MIMETYPE)] == _ODT_MIMETYPE else None
        return DOCX
    return None


def _is_word_package(upload: IO[bytes]) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(upload) as package:  # reads the directory only, never inflates
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and "word/document.xml" in names


def check(upload: IO[bytes], name: str, size: int) -> Kind:
    """The kind of an uploaded document, or DocumentRefused."""
    if size > MAX_BYTES:
        raise DocumentRefused("The file must be smaller than 10 MB")
    if size == 0:
        raise DocumentRefused("The file is empty")
    suffix = PurePath(name).suffix.lower()
    claimed = next((k for k in KINDS if suffix in k.extensions), None)
    if claimed is None:
        raise DocumentRefused(f"The file must be a {ALLOWED}")
    head = upload.read(_HEAD_BYTES)
    upload.seek(0)
    found = _sniff(head)
    if found is DOCX and not _is_word_package(upload):
        found = None
    if found is not claimed:
        raise DocumentRefused(f"The file is not a real {claimed.label}; upload a {ALLOWED}")
    return found


def safe_name(name: str) -> str:
    """The uploader's file name for Content-Disposition: no path, no control characters."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C")
    base = re.sub(r"\s+", " ", base).strip() or "document"
    if len(base) > 200:
        stem, suffix = PurePath(base).stem, PurePath(base).suffix[:20]
        base = stem[: 200 - len(suffix)] + suffix
    return base


# Crash-safe storage. A document's bytes are first written under INCOMING; the row is inserted;
# then the file is moved to the name the row holds, before the transaction commits. A committed
# row therefore always has its file, and a crash (even SIGKILL) at any moment leaves at worst a
# file under INCOMING or a file no row names: `purge_tracking_data` sweeps both once they are
# older than SWEEP_GRACE (never a younger one, which may belong to an upload still in progress).
INCOMING = "tracking/incoming"
SWEEP_GRACE = timedelta(hours=6)


def store(document: Any, upload: IO[bytes], save_row: Callable[[], None]) -> None:
    """Write `upload` for `document` (a TrackingDocument not yet saved), calling `save_row` to
    insert its row between writing the bytes and moving them into place."""
    field = document.file.field
    storage = field.storage
    final = field.generate_filename(document, "upload")
    temporary = storage.save(f"{INCOMING}/{PurePath(final).name}", File(upload))
    document.file.name = final
    try:
        save_row()
        target = Path(storage.path(final))
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(storage.path(temporary), target)
    except BaseException:
        storage.delete(temporary)
        storage.delete(final)
        raise


@dataclass(frozen=True)
class Swept:
    temporary: int
    orphans: int


def sweep(root: Path, referenced: set[str], upload_temp_dir: Path | None, *, dry_run: bool = False) -> Swept:
    """Delete what a crashed upload left behind, older than SWEEP_GRACE: files under INCOMING,
    Django's spooled upload files in `upload_temp_dir`, and files under tracking/ that no row
    names (`referenced` holds the names the rows hold, relative to `root`)."""
    cutoff = time.time() - SWEEP_GRACE.total_seconds()
    stale = [*_old_files(root / INCOMING, cutoff)]
    if upload_temp_dir is not None:
        stale.extend(_old_files(upload_temp_dir, cutoff))
    orphans = [f for f in _old_files(root / "tracking", cutoff)
               if f.relative_to(root).as_posix() not in referenced]
    if not dry_run:
        for path in [*stale, *orphans]:
            path.unlink(missing_ok=True)
    return Swept(temporary=len(stale), orphans=len(orphans))


def _old_files(directory: Path, cutoff: float) -> list[Path]:
    """The files directly in `directory` last changed before `cutoff`."""
    if not directory.is_dir():
        return []
    return [f for f in directory.iterdir() if f.is_file() and f.stat().st_mtime < cutoff]
