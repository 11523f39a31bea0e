"""Accessible PDFs of published reports: WeasyPrint's tagged PDF/UA-1 variant, cached on disk
per version of the report.

The version is a digest of the HTML the PDF is rendered from: a report corrected after
publication gets a new file and the old one is never served again. A file is written to a
temporary name and moved into place in one step, so a failed or concurrent render never leaves a
half-written PDF where a good one should be.

Known limits (WeasyPrint 70, checked in tests/reports): the structure tree, language, title,
headings, lists and tables are tagged; table header cells carry no /Scope (Kozea/WeasyPrint#1784),
so the HTML page stays the primary accessible format.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings

PDF_VARIANT = "pdf/ua-1"


def render(html: str) -> bytes:
    """One HTML document (with its own inline styles and no external resources) as a tagged PDF."""
    from weasyprint import HTML

    return bytes(HTML(string=html, base_url=None).write_pdf(pdf_variant=PDF_VARIANT))


def cache_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "report-pdfs"


def cached(name: str, html: str) -> Path:
    """The PDF of `html`, rendered once per version; `name` says what it is (e.g. report-12)."""
    digest = hashlib.sha256(html.encode()).hexdigest()[:20]
    path = cache_dir() / f"{name}-{digest}.pdf"
    if not path.exists():
        _write_atomically(path, render(html))
    return path


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".partial-", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
