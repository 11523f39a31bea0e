from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import enrolment
from .models import AuditEvent, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "role", "inspectorate", "area", "is_active"]
    list_filter = ["role", "inspectorate", "is_active"]
    fieldsets = (*BaseUserAdmin.fieldsets, ("Role", {"fields": ("role", "inspectorate", "area")}))  # type: ignore[misc]
    actions = ["issue_two_factor_link"]

    @admin.action(description="Issue a two-factor set-up link")
    def issue_two_factor_link(self, request: HttpRequest, queryset: Any) -> None:
        for user in queryset:
            if not user.is_staff_role:
                self.message_user(request, f"{user.username}: not a staff account", messages.WARNING)
                continue
            url = enrolment.link_url(enrolment.issue_link(user, by=request.user), request.build_absolute_uri("/"))
            self.message_user(request, f"{user.username}: {url} (works once, for 7 days)")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only."""

    list_display = ["created", "username", "action", "object_type", "object_id", "area_code", "ip_address"]
    list_filter = ["action"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# Authenticators and recovery codes are set up only through one-time links (accounts.enrolment);
# the admin must neither show recovery codes nor let anyone type in a key for someone else.
for _device in (StaticDevice, TOTPDevice):
    if admin.site.is_registered(_device):
        admin.site.unregister(_device)
