"""The JSON API (/api/v1/): thin read-only views over the same querysets and functions the pages
use. Access goes through accounts.access; public data is open, the due list needs staff."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, generics, permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from areasend.accounts.access import (
    activities_visible_to,
    areas_visible_to,
    can_see_national_overview,
    get_area_for,
)
from areasend.areas.models import LocalAreaPartnership, Partner
from areasend.framework.activities import ActivityType, Framework
from areasend.inspections.due import due_list
from areasend.inspections.models import Activity
from areasend.insights.stats import counts


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, with Django's 404 turned into the same JSON shape."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    return drf_exception_handler(exc, context)


class BadParameter(exceptions.ValidationError):
    def __init__(self, name: str, message: str) -> None:
        super().__init__({name: [message]})


def date_param(request: Request, name: str) -> date | None:
    value = request.query_params.get(name)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadParameter(name, f"'{value}' is not a date in the form YYYY-MM-DD") from None


class IsStaffRole(permissions.BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return can_see_national_overview(request.user)


# --- serializers --------------------------------------------------------------------------


class PartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = ["kind", "name", "code"]


class AreaSerializer(serializers.ModelSerializer):
    partners = PartnerSerializer(many=True, read_only=True)

    class Meta:
        model = LocalAreaPartnership
        fields = ["gss_code", "dfe_code", "name", "area_type", "region_code", "region_name",
                  "ofsted_urn", "partners"]


class ActivitySerializer(serializers.ModelSerializer):
    area_codes = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id", "kind", "framework", "area_codes", "inspected_code", "inspected_name",
            "start_date", "start_date_estimated", "end_date", "publication_date", "outcome",
            "wsoa_required", "significant_weaknesses", "revisit_progress", "report_url", "source",
        ]

    def get_area_codes(self, obj: Activity) -> list[str]:
        return [a.gss_code for a in obj.areas.all()]


DueSerializer = inline_serializer("Due", fields={
    "area_code": serializers.CharField(), "area_name": serializers.CharField(),
    "last_activity": serializers.CharField(allow_null=True),
    "last_activity_date": serializers.DateField(allow_null=True),
    "last_outcome": serializers.CharField(allow_null=True),
    "next_activity": serializers.CharField(), "due_by": serializers.DateField(),
    "overdue": serializers.BooleanField(), "next_engagement_meeting": serializers.DateField(),
    "rule": serializers.CharField(), "reason": serializers.CharField(),
}, many=True)


# --- filters ------------------------------------------------------------------------------


class AreaFilter(filters.FilterSet):
    region_code = filters.CharFilter()
    area_type = filters.ChoiceFilter(choices=LocalAreaPartnership._meta.get_field("area_type").choices)
    name = filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = LocalAreaPartnership
        fields = ["region_code", "area_type", "name"]


class ActivityFilter(filters.FilterSet):
    framework = filters.ChoiceFilter(choices=[(f.value, f.value) for f in Framework])
    kind = filters.ChoiceFilter(choices=[(t.value, t.value) for t in ActivityType])
    outcome = filters.ChoiceFilter(choices=[(1, "1"), (2, "2"), (3, "3")])
    started_from = filters.DateFilter(field_name="start_date", lookup_expr="gte")
    started_to = filters.DateFilter(field_name="start_date", lookup_expr="lte")

    class Meta:
        model = Activity
        fields = ["framework", "kind", "outcome", "started_from", "started_to"]


class StrictFilterMixin:
    """Unknown query parameters are an error naming them, not silently ignored."""

    allowed_extra = {"page", "format"}

    def check_params(self, request: Request, filterset_class: Any) -> None:
        known = set(filterset_class.base_filters) | self.allowed_extra
        for name in request.query_params:
            if name not in known:
                raise BadParameter(name, f"unknown parameter; expected one of: {', '.join(sorted(known))}")


# --- views --------------------------------------------------------------------------------


class AreaList(StrictFilterMixin, generics.ListAPIView):
    """All local area partnerships you may see (a partnership user: only their own)."""

    serializer_class = AreaSerializer
    filterset_class = AreaFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self) -> QuerySet[LocalAreaPartnership]:
        self.check_params(self.request, AreaFilter)
        return areas_visible_to(self.request.user).prefetch_related("partners").order_by("gss_code")


class AreaDetail(generics.RetrieveAPIView):
    serializer_class = AreaSerializer
    permission_classes = [permissions.AllowAny]

    def get_object(self) -> LocalAreaPartnership:
        return get_area_for(self.request.user, self.kwargs["gss_code"])


class ActivityList(StrictFilterMixin, generics.ListAPIView):
    """Inspection activities under both frameworks that you may see (the public: published)."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self) -> QuerySet[Activity]:
        self.check_params(self.request, ActivityFilter)
        qs = activities_visible_to(self.request.user).prefetch_related("areas")
        if "gss_code" in self.kwargs:
            qs = qs.filter(areas=get_area_for(self.request.user, self.kwargs["gss_code"]))
        return qs.order_by("start_date", "id")


class DueList(APIView):
    """What is due next for every partnership (planners, inspectors and administrators)."""

    permission_classes = [IsStaffRole]

    @extend_schema(
        parameters=[OpenApiParameter("as_at", OpenApiTypes.DATE, description="Judge as at this date")],
        responses=DueSerializer,
    )
    def get(self, request: Request) -> Response:
        for name in request.query_params:
            if name != "as_at":
                raise BadParameter(name, "unknown parameter; expected: as_at")
        as_at = date_param(request, "as_at") or timezone.localdate()
        return Response([row.as_dict() for row in due_list(as_at, areas_visible_to(request.user))])


class Statistics(APIView):
    """The same counts as `areasend stats`, over inspections whose start date is in the range."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("framework", str, enum=["2016", "2023"]),
            OpenApiParameter("from", OpenApiTypes.DATE),
            OpenApiParameter("to", OpenApiTypes.DATE),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request) -> Response:
        for name in request.query_params:
            if name not in {"framework", "from", "to"}:
                raise BadParameter(name, "unknown parameter; expected one of: framework, from, to")
        framework = request.query_params.get("framework")
        if framework not in {None, "2016", "2023"}:
            raise BadParameter("framework", f"'{framework}' is not 2016 or 2023")
        start, end = date_param(request, "from"), date_param(request, "to")
        if start and end and start > end:
            raise BadParameter("from", f"{start} is after 'to' {end}")
        return Response(counts(framework, start, end))
