"""Issue 8 §4: a killed document upload leaves nothing the purge cannot find. Bytes are written
under a temporary name, the row is inserted, then the file is moved into place before commit;
`purge_tracking_data` sweeps stale temporary files, Django's spooled uploads and files no row names."""

import os
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from areasend.datareturns import documents, services
from areasend.datareturns.models import TrackingDocument
from tests.datareturns.conftest import PDF, upload

pytestmark = pytest.mark.django_db


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _age(path: Path, hours: float) -> None:
    old = time.time() - hours * 3600
    os.utime(path, (old, old))


def test_while_the_row_is_written_the_bytes_are_only_under_a_temporary_name(agreed_case, cast, media, monkeypatch):
    seen: list[set[str]] = []
    original = TrackingDocument.save

    def spy(self, *args, **kwargs):
        seen.append(_files(media))
        original(self, *args, **kwargs)

    monkeypatch.setattr(TrackingDocument, "save", spy)
    document = services.upload_document(agreed_case, upload("plan.pdf", PDF), by=cast["lap_a"])
    assert len(seen) == 1 and all(name.startswith(f"{documents.INCOMING}/") for name in seen[0]), seen
    assert _files(media) == {document.file.name}  # moved into place; nothing left under incoming
    assert Path(document.file.path).read_bytes() == PDF


def test_a_failed_row_leaves_no_file(agreed_case, cast, media, monkeypatch):
    def fail(self, *args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(TrackingDocument, "save", fail)
    with pytest.raises(RuntimeError):
        services.upload_document(agreed_case, upload("plan.pdf", PDF), by=cast["lap_a"])
    assert _files(media) == set()


def test_the_purge_sweeps_what_a_killed_upload_left_behind(agreed_case, cast, media, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "spool")
    kept = services.upload_document(agreed_case, upload("plan.pdf", PDF), by=cast["lap_a"])
    _age(Path(kept.file.path), 48)  # old, but its row names it
    leftovers = {
        "incoming": media / documents.INCOMING / "0123abcd",  # killed before the row committed
        "orphan": media / "tracking" / "4567ef01",  # killed after the move, before the commit
        "spooled": tmp_path / "spool" / "tmpab12.upload.pdf",  # Django's spool of a large upload
    }
    for path in leftovers.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(PDF)
        _age(path, 7)
    fresh = media / "tracking" / "89abcdef"  # an upload that may still be in progress
    fresh.write_bytes(PDF)
    out = StringIO()
    call_command("purge_tracking_data", "--dry-run", stdout=out)
    assert "would sweep 2 stale temporary files and 1 files with no record" in out.getvalue()
    assert all(p.exists() for p in leftovers.values())
    call_command("purge_tracking_data", stdout=out)
    assert "swept 2 stale temporary files and 1 files with no record" in out.getvalue()
    assert not any(p.exists() for p in leftovers.values())
    assert fresh.exists() and Path(kept.file.path).exists()
