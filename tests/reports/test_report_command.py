"""`areasend report`: the list of published reports and one report written as HTML or PDF."""

import json
from io import StringIO

import pypdf
import pytest
from django.core.management import CommandError, call_command

from tests.reports.conftest import to_factual_accuracy

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_the_list_names_published_reports_only(publish, cast, inspection):
    assert json.loads(run("--list", "--json")) == []
    published = publish(3)
    rows = json.loads(run("--list", "--json"))
    assert rows == [{"inspection": published.pk, "area_code": "E06000055", "kind": "full inspection",
                     "outcome": 3, "published": published.published_on.isoformat()}]


def test_demo_reports_are_listed_only_on_request(publish):
    published = publish(1)
    published.synthetic = True
    published.save()
    assert json.loads(run("--list", "--json")) == []
    assert len(json.loads(run("--list", "--json", "--include-demo"))) == 1


def test_a_report_is_written_as_html_and_as_pdf_from_the_same_template(publish, tmp_path):
    pk = str(publish(2).pk)
    run(pk, "--format", "html", "--output", str(tmp_path / "r.html"))
    html = (tmp_path / "r.html").read_text()
    assert '<html lang="en-GB">' in html and "What does the area partnership need to do better?" in html
    run(pk, "--format", "pdf", "--output", str(tmp_path / "r.pdf"))
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "r.pdf").pages)
    assert "What does the area partnership need to do better?" in text
    run(pk, "--card", "--format", "pdf", "--output", str(tmp_path / "c.pdf"))
    assert len(pypdf.PdfReader(tmp_path / "c.pdf").pages) == 1


def test_an_embargoed_report_is_refused(cast, inspection, tmp_path):
    to_factual_accuracy(inspection, cast["inspector"], 2)
    with pytest.raises(CommandError, match="has no published report"):
        run(str(inspection.pk), "--output", str(tmp_path / "r.html"))
    assert not (tmp_path / "r.html").exists()


def test_missing_arguments_are_explained():
    with pytest.raises(CommandError, match="--list, or an inspection ID"):
        run()
    with pytest.raises(CommandError, match="--output"):
        run("1")
