"""Issue 8 §4: bodies over the limit refused before parsing; HTML routes answer only GET, HEAD and
POST; OPTIONS on the API docs; over-long reasons and case-list cells are a 400, never a 500."""

import io

import pytest
from django.test import Client, RequestFactory

from areasend.accounts.models import AuditAction, AuditEvent
from areasend.datareturns import caselist
from areasend.middleware import RequestBodyLimitMiddleware
from tests.datareturns.conftest import HEADER, ROWS, csv_upload

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


def test_a_300_mb_anonymous_post_is_refused_before_it_is_read():
    before = AuditEvent.objects.count()
    response = Client().generic("POST", "/accounts/login/", b"username=x&password=y",
                                content_type="application/x-www-form-urlencoded",
                                CONTENT_LENGTH=str(300 * MB))
    assert response.status_code == 413
    assert b"govuk-heading-xl" in response.content and b"too large" in response.content
    assert AuditEvent.objects.count() == before  # no log-in was even tried


def test_a_real_body_over_the_limit_is_refused_and_one_under_it_is_not(settings, cast):
    settings.AREASEND_MAX_REQUEST_BYTES = 1 * MB
    client = Client()
    big = client.post("/accounts/login/", {"username": "pip-planner", "password": "x" * (2 * MB)})
    assert big.status_code == 413
    ok = client.post("/accounts/login/", {"username": "pip-planner", "password": "a-long-test-password"})
    assert ok.status_code == 302


def test_the_api_gets_json_413():
    response = Client().generic("POST", "/api/v1/areas/", b"{}", content_type="application/json",
                                CONTENT_LENGTH=str(300 * MB))
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def _chunked(body: bytes):
    request = RequestFactory().generic("POST", "/accounts/login/")
    request.META.pop("CONTENT_LENGTH", None)
    request.META["HTTP_TRANSFER_ENCODING"] = "chunked"
    request.META["wsgi.input"] = io.BytesIO(body)
    return request


def test_a_streamed_body_is_counted(settings):
    settings.AREASEND_MAX_REQUEST_BYTES = 1 * MB
    reached = []

    def view(request):
        reached.append(request.body)
        from django.http import HttpResponse
        return HttpResponse("ok")

    middleware = RequestBodyLimitMiddleware(view)
    assert middleware(_chunked(b"x" * (MB + 1))).status_code == 413
    assert reached == []
    assert middleware(_chunked(b"a=1")).status_code == 200
    assert reached == [b"a=1"]


@pytest.mark.parametrize("method", ["put", "delete", "patch", "options"])
def test_html_routes_answer_other_methods_with_405_and_audit_nothing(client_for, method):
    planner = client_for("planner")
    before = AuditEvent.objects.filter(action=AuditAction.EXPORT).count()
    for path in ["/overview.csv", "/accounts/audit/", "/areas/", "/"]:
        response = getattr(planner, method)(path)
        assert response.status_code == 405, path
        assert response["Allow"] == "GET, HEAD, POST"
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == before


def test_options_on_the_api_docs_is_not_a_500():
    response = Client().options("/api/v1/docs/")
    assert response.status_code == 204
    assert "GET" in response["Allow"]


def test_a_pause_reason_over_the_limit_is_a_400_with_a_message(client_for, inspection):
    response = client_for("planner").post(f"/inspections/{inspection.pk}/actions/pause/", {"reason": "x" * 5000})
    assert response.status_code == 400
    assert b"The reason must be 500 characters or fewer" in response.content
    inspection.refresh_from_db()
    assert inspection.state != "paused"


def test_a_case_list_cell_over_131072_characters_is_a_row_error(client_for, inspection):
    text = "\n".join([HEADER, ROWS[0], "BED-X," + "y" * 140_000 + ",ASD,ehc_plan,special_school,no"])
    with pytest.raises(caselist.CaseListInvalid) as raised:
        caselist.parse(text)
    assert [e.row for e in raised.value.errors] == [3]
    upload = csv_upload([ROWS[0], "BED-X," + "y" * 140_000 + ",ASD,ehc_plan,special_school,no"])
    response = client_for("lap_a").post(f"/inspections/{inspection.pk}/cases/upload/", {"case_list": upload})
    assert response.status_code == 400
    assert b"131,072" in response.content
