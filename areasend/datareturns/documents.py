"""What a tracking document may be. The extension and the browser's content type are the
uploader's claims; the first bytes of the file decide. A program renamed report.pdf is refused."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

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
