"""The outbox in the admin: readable by administrators, changed by nobody."""

from __future__ import annotations


def test_admin_lists_the_outbox(inspection, client_for):
    page = client_for("admin").get("/admin/notifications/notification/")
    assert page.status_code == 200
    assert b"nora@bedford.example" in page.content


def test_admin_cannot_add_change_or_delete(inspection, client_for):
    admin = client_for("admin")
    pk = inspection.notifications.get().pk
    assert admin.get("/admin/notifications/notification/add/").status_code == 403
    assert admin.post(f"/admin/notifications/notification/{pk}/change/", {"subject": "x"}).status_code == 403
    assert admin.get(f"/admin/notifications/notification/{pk}/delete/").status_code == 403
    assert inspection.notifications.get().subject == "Full area SEND inspection of Bedford"


def test_other_roles_cannot_see_the_outbox(inspection, client_for):
    assert client_for("planner").get("/admin/notifications/notification/").status_code == 302
