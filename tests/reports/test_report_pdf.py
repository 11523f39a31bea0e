"""The accessible PDF: tagged (PDF/UA-1), titled, in English, the same headings as the page and
in the order of a real published report; cached per version, never half-written."""

import io
import re
from pathlib import Path

import pypdf
import pytest

from areasend.reports import pdf

pytestmark = pytest.mark.django_db

REAL_REPORT = (Path(__file__).resolve().parents[2] / ".." / "shared" / "research-data" / "inspections"
               / "report_pdfs_sample" / "80443_bury_area_send_full_inspection_2024-05-07.pdf")
HEADINGS = [
    "Inspection outcome",
    "Information about the local area partnership",
    "What is it like to be a child or young person with SEND in this area?",
    "What is the area partnership doing that is effective?",
    "What does the area partnership need to do better?",
    "Areas for priority action",
    "Areas for improvement",
    "Local area partnership details",
    "Information about this inspection",
]


def text_of(reader: pypdf.PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def positions(text: str, headings: list[str]) -> list[int]:
    return [text.find(h) for h in headings]


def get_pdf(client, url: str) -> pypdf.PdfReader:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def test_the_pdf_has_the_headings_of_a_real_report_in_the_same_order(publish, client):
    ours = text_of(get_pdf(client, f"/reports/{publish(3).pk}/report.pdf"))
    real = text_of(pypdf.PdfReader(REAL_REPORT))
    for text in (ours, real):
        found = positions(text, HEADINGS)
        assert -1 not in found, [h for h, at in zip(HEADINGS, found, strict=True) if at == -1]
        assert found == sorted(found)


def test_the_pdf_is_tagged_titled_and_in_english(publish, client):
    reader = get_pdf(client, f"/reports/{publish(2).pk}/report.pdf")
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert str(catalog["/Lang"]).lower() == "en-gb"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == "Area SEND inspection of Bedford Local Area Partnership"
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()


def _struct_types(node, found: list[str]) -> list[str]:
    node = node.get_object()
    if isinstance(node, pypdf.generic.DictionaryObject):
        if "/S" in node:
            found.append(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, pypdf.generic.ArrayObject) else [kids]:
                _struct_types(kid, found)
    return found


def test_headings_and_tables_are_in_the_structure_tree(publish, client):
    reader = get_pdf(client, f"/reports/{publish(3).pk}/report.pdf")
    types = _struct_types(reader.trailer["/Root"]["/StructTreeRoot"], [])
    assert types.count("/H1") == 1
    assert types.count("/H2") >= len(HEADINGS)
    assert {"/Table", "/TH", "/TD", "/P"} <= set(types)


def test_the_text_reads_in_order_and_keeps_the_paragraph_numbers(publish, client):
    text = text_of(get_pdf(client, f"/reports/{publish(2).pk}/report.pdf"))
    assert text.index("1. Children wait too long.") < text.index("2. Some do well.") < text.index("3. Early help")


def test_a_pdf_is_rendered_once_per_version_of_the_report(publish, client):
    inspection = publish(2)
    client.get(f"/reports/{inspection.pk}/report.pdf")
    files = sorted(pdf.cache_dir().glob("report-*.pdf"))
    assert len(files) == 1
    before = files[0].stat().st_mtime_ns
    client.get(f"/reports/{inspection.pk}/report.pdf")
    assert files[0].stat().st_mtime_ns == before  # served from the cache
    inspection.improve = "Plans are late and too short."  # a correction after publication
    inspection.save()
    assert b"too short" not in files[0].read_bytes()
    get_pdf(client, f"/reports/{inspection.pk}/report.pdf")
    assert len(list(pdf.cache_dir().glob("report-*.pdf"))) == 2


def test_a_failed_render_leaves_no_file_behind(publish, monkeypatch, settings):
    publish(2)

    def broken(html: str) -> bytes:
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(pdf, "render", broken)
    with pytest.raises(RuntimeError):
        pdf.cached("report-1", "<html></html>")
    assert not pdf.cache_dir().exists() or not list(pdf.cache_dir().iterdir())


def test_the_write_is_atomic_a_partial_file_never_takes_the_good_name(tmp_path, settings, monkeypatch):
    settings.MEDIA_ROOT = tmp_path

    def failing_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(pdf, "render", lambda html: b"%PDF-1.7 fake")
    monkeypatch.setattr(pdf.os, "replace", failing_replace)
    with pytest.raises(OSError):
        pdf.cached("report-9", "<html></html>")
    assert list(pdf.cache_dir().iterdir()) == []


def test_concurrent_requests_for_the_same_pdf_leave_one_good_file(tmp_path, settings):
    import threading

    settings.MEDIA_ROOT = tmp_path
    html = '<html lang="en-GB"><head><title>T</title></head><body><h1>Report</h1><p>Text.</p></body></html>'
    paths, errors = [], []

    def fetch() -> None:
        try:
            paths.append(pdf.cached("report-1", html))
        except Exception as exc:  # any failure is the test's finding
            errors.append(exc)

    threads = [threading.Thread(target=fetch) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(set(paths)) == 1
    assert [p.name for p in pdf.cache_dir().iterdir()] == [paths[0].name]  # no partial files left
    assert pypdf.PdfReader(paths[0]).pages[0].extract_text().startswith("Report")


@pytest.mark.parametrize("outcome", [1, 2, 3])
def test_the_page_and_the_pdf_show_the_same_sections_in_the_same_order(publish, client, outcome):
    from tests.reports.test_report_page import h2s

    inspection = publish(outcome)
    html = client.get(f"/reports/{inspection.pk}/").content.decode()
    report_body = html[html.index("<main"):html.index('<aside')]  # not the site's or the sidebar's
    page_headings = h2s(report_body)
    assert len(page_headings) >= 8
    text = text_of(get_pdf(client, f"/reports/{inspection.pk}/report.pdf"))
    found = positions(text, page_headings)
    assert -1 not in found, [h for h, at in zip(page_headings, found, strict=True) if at == -1]
    assert found == sorted(found)
    assert ("Areas for priority action" in page_headings) == (outcome == 3)
