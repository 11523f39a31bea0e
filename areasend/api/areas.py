"""The local area partnerships (/api/v1/areas/)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
)
from rest_framework import generics, permissions, serializers

from areasend.areas.models import AreaType, LocalAreaPartnership, Partner
from areasend.policy import (
    areas_visible_to,
    get_area_for,
)

if TYPE_CHECKING:
    pass

from .plumbing import (
    BAD_PAGE,
    BAD_PARAMETER,
    BAD_TOKEN,
    GSS_CODE,
    ApiListView,
    ApiView,
    _responses,
)


class PartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = ["kind", "name", "code"]
        read_only_fields = fields


class AreaSerializer(serializers.ModelSerializer):
    partners = PartnerSerializer(many=True, read_only=True)

    class Meta:
        model = LocalAreaPartnership
        fields = ["gss_code", "dfe_code", "name", "area_type", "region_code", "region_name",
                  "ofsted_urn", "partners"]
        read_only_fields = fields


class AreaFilter(filters.FilterSet):
    region_code = filters.CharFilter()
    area_type = filters.ChoiceFilter(choices=AreaType.choices)
    name = filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = LocalAreaPartnership
        fields = ["region_code", "area_type", "name"]


AREA_FILTER_PARAMETERS = [
    OpenApiParameter("region_code", str, description="ONS code of a region, e.g. E12000006"),
    OpenApiParameter("area_type", str, enum=AreaType.values),
    OpenApiParameter("name", str, description="Part of the name, any case"),
]


NO_AREA = "No partnership with this code that you may see."


@extend_schema(
    parameters=AREA_FILTER_PARAMETERS,
    responses=_responses(AreaSerializer(many=True), {
        400: BAD_PARAMETER, 401: BAD_TOKEN, 404: BAD_PAGE,
    }),
)
class AreaList(ApiListView):
    """All local area partnerships you may see (a partnership user: only their own)."""

    serializer_class = AreaSerializer
    filterset_class = AreaFilter
    permission_classes = [permissions.AllowAny]

    def get_queryset(self) -> QuerySet[LocalAreaPartnership]:
        return areas_visible_to(self.request.user).prefetch_related("partners").order_by("gss_code")


@extend_schema(
    parameters=[GSS_CODE],
    responses=_responses(AreaSerializer, {400: BAD_PARAMETER, 401: BAD_TOKEN, 404: NO_AREA}),
)
class AreaDetail(ApiView, generics.RetrieveAPIView):
    """One local area partnership and its partners."""

    serializer_class = AreaSerializer
    permission_classes = [permissions.AllowAny]

    def get_object(self) -> LocalAreaPartnership:
        return get_area_for(self.request.user, self.kwargs["gss_code"])

