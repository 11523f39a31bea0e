"""Issue 8 §4: the audit log and the lock-out use the client address from a configured number of
trusted proxies, never a header the client chose."""

import pytest
from django.test import Client, RequestFactory

from areasend.accounts.client_ip import client_ip
from areasend.accounts.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.1"
PASSWORD = "a-long-test-password"


def _meta(forwarded: str):
    return RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


@pytest.mark.parametrize(("proxies", "forwarded", "expected"), [
    (0, "6.6.6.6", PROXY),  # no proxies trusted: the header is ignored
    (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the leftmost entry is the client's own claim
    (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
    (1, "", PROXY),
    (2, "203.0.113.7", PROXY),  # not through every trusted proxy
    (1, "not-an-address", PROXY),
])
def test_client_ip(settings, proxies, forwarded, expected):
    settings.AREASEND_TRUSTED_PROXIES = proxies
    assert client_ip(_meta(forwarded)) == expected


def _sign_in(client: Client, password: str, forwarded: str):
    return client.post("/accounts/login/", {"username": "pip-planner", "password": password},
                       REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def test_the_audit_row_has_the_forwarded_address(settings, cast):
    settings.AREASEND_TRUSTED_PROXIES = 1
    _sign_in(Client(), "wrong-password-1", "6.6.6.6, 203.0.113.7")
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).latest("id").ip_address == "203.0.113.7"


def test_the_lock_out_is_per_client_behind_the_proxy_and_cannot_be_dodged(settings, cast):
    settings.AREASEND_TRUSTED_PROXIES = 1
    settings.AXES_FAILURE_LIMIT = 3
    for n in range(3):  # the attacker changes the part of the header they control every time
        _sign_in(Client(), "wrong-password-1", f"198.51.100.{n}, 203.0.113.7")
    assert _sign_in(Client(), PASSWORD, "198.51.100.99, 203.0.113.7").status_code == 429
    # The real user, through the same proxy from another address, is not locked out with them.
    assert _sign_in(Client(), PASSWORD, "203.0.113.8").status_code == 302
