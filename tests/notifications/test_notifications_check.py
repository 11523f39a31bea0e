"""The notifications system check: a bad backend setting fails `areasend check`."""

from __future__ import annotations

from areasend.notifications.checks import check_notifications_backend


def test_default_smtp_configuration_passes():
    assert check_notifications_backend() == []


def test_unknown_backend_is_an_error(settings):
    settings.AREASEND_NOTIFICATIONS_BACKEND = "pigeon"
    assert [m.id for m in check_notifications_backend()] == ["notifications.E001"]


def test_notify_without_key_or_template_is_an_error(settings):
    settings.AREASEND_NOTIFICATIONS_BACKEND = "notify"
    settings.AREASEND_NOTIFY_API_KEY, settings.AREASEND_NOTIFY_TEMPLATE_ID = "key", ""
    assert [m.id for m in check_notifications_backend()] == ["notifications.E002"]
    settings.AREASEND_NOTIFY_TEMPLATE_ID = "template"
    assert check_notifications_backend() == []
