"""Inspection history of both frameworks (/api/v1/activities/ and per area)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
)
from rest_framework import permissions, serializers

from areasend.framework.activities import ActivityType, Framework
from areasend.framework.outcomes import Outcome, RevisitProgress
from areasend.inspections.models import Activity
from areasend.policy import (
    activities_visible_to,
    get_area_for,
)
from areasend.reports.links import report_link

if TYPE_CHECKING:
    pass

from .areas import NO_AREA
from .plumbing import (
    BAD_PAGE,
    BAD_PARAMETER,
    BAD_TOKEN,
    GSS_CODE,
    ApiListView,
    IsoDateFilter,
    _responses,
)


class BlankAsNullChoiceField(serializers.ChoiceField):
    """A blank model value goes out as null, as the other absent values do."""

    def to_representation(self, value: Any) -> Any:
        return None if value == "" else super().to_representation(value)


class BlankAsNullURLField(serializers.URLField):
    def to_representation(self, value: Any) -> Any:
        return None if value == "" else super().to_representation(value)


class ReportUrlField(BlankAsNullURLField):
    """Where the activity's report is: ours, as an absolute URL, for an inspection published in
    areasend (issue 13); the source's for imported history; null when the data has none."""

    def to_representation(self, value: Any) -> Any:
        link = report_link(value)
        request = self.context.get("request")
        if link.startswith("/") and request is not None:
            link = request.build_absolute_uri(link)
        return super().to_representation(link)


class ActivitySerializer(serializers.ModelSerializer):
    area_codes = serializers.SerializerMethodField(
        help_text="GSS codes of today's partnerships whose history this activity belongs to"
    )
    outcome = serializers.ChoiceField(
        choices=[(o.value, o.label) for o in Outcome], allow_null=True, read_only=True,
        help_text="2023 framework full inspections only",
    )
    significant_weaknesses = serializers.IntegerField(min_value=0, allow_null=True, read_only=True)
    revisit_progress = BlankAsNullChoiceField(
        choices=[p.value for p in RevisitProgress], allow_null=True, read_only=True,
        help_text="2016 framework revisits only: sufficient progress on all, some or none of the "
                  "significant weaknesses",
    )
    report_url = ReportUrlField(source="*", allow_null=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id", "kind", "framework", "area_codes", "inspected_code", "inspected_name",
            "start_date", "start_date_estimated", "end_date", "publication_date", "outcome",
            "wsoa_required", "significant_weaknesses", "revisit_progress", "report_url", "source",
            "synthetic",
        ]
        read_only_fields = fields

    def get_area_codes(self, obj: Activity) -> list[str]:
        return [a.gss_code for a in obj.areas.all()]


class ActivityFilter(filters.FilterSet):
    framework = filters.ChoiceFilter(choices=[(f.value, f.value) for f in Framework])
    kind = filters.ChoiceFilter(choices=[(t.value, t.value) for t in ActivityType])
    outcome = filters.ChoiceFilter(choices=[(o.value, str(o.value)) for o in Outcome])
    started_from = IsoDateFilter(field_name="start_date", lookup_expr="gte")
    started_to = IsoDateFilter(field_name="start_date", lookup_expr="lte")

    class Meta:
        model = Activity
        fields = ["framework", "kind", "outcome", "started_from", "started_to"]

    def is_valid(self) -> bool:
        if not super().is_valid():
            return False
        start, end = (self.form.cleaned_data.get(n) for n in ("started_from", "started_to"))
        if start and end and start > end:
            self.form.add_error("started_from", f"{start} is after started_to ({end})")
            return False
        return True


ACTIVITY_FILTER_PARAMETERS = [
    OpenApiParameter("framework", str, enum=[f.value for f in Framework]),
    OpenApiParameter("kind", str, enum=[t.value for t in ActivityType]),
    OpenApiParameter("outcome", int, enum=[o.value for o in Outcome]),
    OpenApiParameter("started_from", OpenApiTypes.DATE, description="Start date on or after"),
    OpenApiParameter("started_to", OpenApiTypes.DATE,
                     description="Start date on or before; not before started_from"),
]


@extend_schema(
    parameters=ACTIVITY_FILTER_PARAMETERS,
    responses=_responses(ActivitySerializer(many=True), {
        400: BAD_PARAMETER, 401: BAD_TOKEN, 404: BAD_PAGE,
    }),
)
class ActivityList(ApiListView):
    """Inspection activities under both frameworks that you may see (the public: published ones;
    a partnership user: their own area's), in order of start date."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self) -> QuerySet[Activity]:
        activities = activities_visible_to(self.request.user).prefetch_related("areas")
        return activities.order_by("start_date", "id")


@extend_schema(
    parameters=[GSS_CODE, *ACTIVITY_FILTER_PARAMETERS],
    responses=_responses(ActivitySerializer(many=True), {
        400: BAD_PARAMETER, 401: BAD_TOKEN, 404: f"{NO_AREA} Or: {BAD_PAGE}",
    }),
)
class AreaActivityList(ActivityList):
    """One partnership's inspection activities that you may see, in order of start date; those
    inspected under an older code (Cumbria) included."""

    def get_queryset(self) -> QuerySet[Activity]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular, building the schema
            return Activity.objects.none()
        area = get_area_for(self.request.user, self.kwargs["gss_code"])
        return super().get_queryset().filter(areas=area)

