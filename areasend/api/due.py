"""What is due next for each partnership (/api/v1/due/), for staff."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
)
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from areasend.framework.activities import ActivityType
from areasend.inspections.due import due_list
from areasend.policy import (
    areas_visible_to,
)

if TYPE_CHECKING:
    pass

from .plumbing import (
    AS_AT_RANGE,
    BAD_PARAMETER,
    ApiView,
    BadParameter,
    IsStaffRole,
    _responses,
    date_param,
)


class PendingSerializer(serializers.Serializer):
    activity = serializers.CharField(help_text="`full inspection` or `monitoring inspection`")
    due_by = serializers.DateField()
    rule = serializers.CharField()


class PlanDueSerializer(serializers.Serializer):
    plan = serializers.CharField(help_text="`priority action plan` or `updated strategic plan`")
    due_by = serializers.DateField()


class ProvisionalSerializer(serializers.Serializer):
    parameter = serializers.CharField()
    framework_version = serializers.CharField()
    label = serializers.CharField(help_text="How to say it: `usually`")  # type: ignore[assignment]  # popped into the fields by DRF
    source = serializers.CharField()  # type: ignore[assignment]


class DueSerializer(serializers.Serializer):
    """One row of `areasend due --json`."""

    area_code = serializers.CharField(help_text="GSS code")
    area_name = serializers.CharField()
    last_activity = serializers.ChoiceField(
        choices=[t.value for t in ActivityType if t.is_inspection], allow_null=True,
        help_text="The latest inspection",
    )
    last_activity_date = serializers.DateField(allow_null=True)
    last_outcome = serializers.CharField(
        allow_null=True, help_text="`1`-`3`, `WSoA`, `no WSoA` or `revisit: all|some|none`"
    )
    next_activity = serializers.ChoiceField(
        choices=[ActivityType.FULL_INSPECTION.value, ActivityType.MONITORING_INSPECTION.value]
    )
    due_by = serializers.DateField()
    overdue = serializers.BooleanField()
    pending = PendingSerializer(many=True, help_text="Every activity the rules make due, earliest first")
    next_engagement_meeting = serializers.DateField(
        allow_null=True, help_text="Provisional (see `provisional`); null when nothing is known")
    next_engagement_meeting_basis = serializers.CharField(help_text="What the meeting date is counted from")
    plan_due = PlanDueSerializer(allow_null=True, help_text="Provisional: the plan owed after the latest report")
    provisional = ProvisionalSerializer(many=True, help_text="Values above that rest on an unconfirmed parameter")
    rule = serializers.CharField(help_text="Which rule of the framework set the date")
    reason = serializers.CharField(help_text="The rule in words")


class DueList(ApiView):
    """What is due next for every partnership (planners, inspectors and administrators): the
    same rows as `areasend due --json`."""

    permission_classes = [IsStaffRole]
    query_parameters = frozenset({"as_at"})

    @extend_schema(
        parameters=[OpenApiParameter(
            "as_at", OpenApiTypes.DATE,
            description="Judge as at this date, in 2000-2099 (default: today in London)",
        )],
        responses=_responses(DueSerializer(many=True), {
            400: BAD_PARAMETER,
            401: "No credentials were given, or the token is not valid.",
            403: "Signed in, but not as a planner, inspector or administrator.",
        }),
    )
    def get(self, request: Request) -> Response:
        as_at = date_param(request, "as_at") or timezone.localdate()
        earliest, latest = AS_AT_RANGE
        if not earliest <= as_at <= latest:
            raise BadParameter("as_at", f"{as_at} is not between {earliest} and {latest}")
        return Response([row.as_dict() for row in due_list(as_at, areas_visible_to(request.user))])

