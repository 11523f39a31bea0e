"""Users with roles as code, and the append-only audit log."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from areasend.caching import ChangeStamped


class Role(models.TextChoices):
    ADMIN = "admin", "Administrator"
    PLANNER = "planner", "Programme planner"
    INSPECTOR = "inspector", "Inspector"
    LAP = "lap", "Local area partnership user"
    # DfE and regional NHS England advisers: review priority action plans (from July 2025) for the
    # areas they support, and see those areas' follow-up; never person-level data.
    ADVISER = "adviser", "Government adviser"
    PUBLIC = "public", "Member of the public"


STAFF_ROLES = frozenset({Role.ADMIN, Role.PLANNER, Role.INSPECTOR})
# Who plans and steers the programme (notify, pause, withdraw, staff a team).
PLANNER_ROLES = frozenset({Role.ADMIN, Role.PLANNER})


class Inspectorate(models.TextChoices):
    OFSTED = "ofsted", "Ofsted"
    CQC = "cqc", "Care Quality Commission"


class User(ChangeStamped, AbstractUser):
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.PUBLIC)
    inspectorate = models.CharField(max_length=10, choices=Inspectorate.choices, blank=True)
    area = models.ForeignKey(
        "areas.LocalAreaPartnership", null=True, blank=True, on_delete=models.PROTECT,
        related_name="users", help_text="For a local area partnership user: their one area",
    )
    supported_areas = models.ManyToManyField(
        "areas.LocalAreaPartnership", blank=True, related_name="advisers",
        help_text="For a government adviser: the areas they support",
    )

    objects: ClassVar[UserManager[User]] = UserManager()  # type: ignore[assignment]

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="lap") | models.Q(area__isnull=False),
                name="lap_user_has_area",
            ),
            models.CheckConstraint(
                condition=models.Q(role="lap") | models.Q(area__isnull=True),
                name="only_lap_user_has_area",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.role == Role.LAP and self.area_id is None:
            raise ValidationError({"area": "A local area partnership user must belong to one area."})
        if self.role != Role.LAP and self.area_id is not None:
            raise ValidationError({"area": "Only local area partnership users belong to an area."})
        if self.role == Role.INSPECTOR and not self.inspectorate:
            raise ValidationError({"inspectorate": "An inspector works for Ofsted or CQC."})

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_planner(self) -> bool:
        return self.role in PLANNER_ROLES

    @property
    def is_adviser(self) -> bool:
        return self.role == Role.ADVISER

    @property
    def is_lap_user(self) -> bool:
        return self.role == Role.LAP


class AuditAction(models.TextChoices):
    LOGIN = "login", "Logged in"
    LOGIN_FAILED = "login-failed", "Failed log-in"
    LOGOUT = "logout", "Logged out"
    VIEW = "view", "Viewed"
    EXPORT = "export", "Exported"
    CREATE = "create", "Created"
    UPDATE = "update", "Updated"
    DELETE = "delete", "Deleted"
    TRANSITION = "transition", "Changed state"
    IMPORT = "import", "Imported"
    REFUSED = "refused", "Refused access"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Refuses changes in the ORM; the database's triggers (migration 0005) refuse them too."""

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[AuditEvent]:
        if kwargs.get("update_conflicts") or kwargs.get("ignore_conflicts"):
            raise TypeError("The audit log is append-only")
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise TypeError("The audit log is append-only")

    def update(self, **kwargs: Any) -> int:
        raise TypeError("The audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("The audit log is append-only")


class AuditEvent(models.Model):
    """Who did what to which record, when and from where. Append-only; survives user deletion
    because the username is copied."""

    created = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=60, blank=True)
    area_code = models.CharField(max_length=9, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        who = self.username or "anonymous"
        return f"{self.created:%Y-%m-%d %H:%M} {who} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("The audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("The audit log is append-only")


class TwoFactorSetupLink(models.Model):
    """A one-time link an administrator issues for a staff member to set up two-factor. Only a
    hash of the token is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Two-factor set-up link for user {self.user_id}"


class ApiToken(models.Model):
    """A staff member's key for the API. Only a hash of the key is stored; the key is shown once,
    when it is made, and stops working when it expires or is revoked. Not in the admin."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8, help_text="The key's first characters, to tell keys apart")
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"API token {self.prefix}… of user {self.user_id}"

    @property
    def active(self) -> bool:
        return self.revoked_at is None and self.expires > timezone.now()
