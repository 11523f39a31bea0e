"""National counts (/api/v1/statistics/): the same as `areasend stats --json`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
    inline_serializer,
)
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from areasend.framework.activities import Framework
from areasend.framework.outcomes import Outcome, RevisitProgress
from areasend.insights.stats import counts

if TYPE_CHECKING:
    pass

from .plumbing import (
    BAD_PARAMETER,
    BAD_TOKEN,
    ApiView,
    BadParameter,
    _responses,
    date_param,
)


def _count(help_text: str = "") -> serializers.IntegerField:
    return serializers.IntegerField(min_value=0, help_text=help_text)


def _statistics_2023() -> serializers.Serializer:
    outcomes = inline_serializer("OutcomeCounts", fields={
        str(o.value): _count(f"Outcome {o.value}: {o.label}") for o in Outcome
    })
    return inline_serializer("Statistics2023", fields={
        "inspections": _count("Full inspections started in the range"), "outcomes": outcomes,
    })


def _statistics_2016() -> serializers.Serializer:
    progress = inline_serializer("RevisitProgressCounts", fields={
        p.value: _count(f"Revisits finding sufficient progress on {p.value} of the weaknesses")
        for p in RevisitProgress
    })
    return inline_serializer("Statistics2016", fields={
        "inspections": _count("Local area SEND inspections started in the range"),
        "wsoa": _count("Of those, how many required a written statement of action"),
        "revisits": _count("Revisits started in the range"),
        "revisit_progress": progress,
    })


_STATISTICS_2016, _STATISTICS_2023 = _statistics_2016(), _statistics_2023()


StatisticsResponse = PolymorphicProxySerializer(
    component_name="Statistics",
    serializers=[
        _STATISTICS_2016,
        _STATISTICS_2023,
        inline_serializer("StatisticsBothFrameworks", fields={
            "2016": _STATISTICS_2016, "2023": _STATISTICS_2023,
        }),
    ],
    resource_type_field_name=None,
)


class Statistics(ApiView):
    """The same counts as `areasend stats --json`, over inspections whose start date is in the
    range (revisits by revisit start date). With `framework` the counts for that framework;
    without it an object with both, under the keys `2016` and `2023`."""

    permission_classes = [permissions.AllowAny]
    query_parameters = frozenset({"framework", "from", "to"})

    @extend_schema(
        parameters=[
            OpenApiParameter("framework", str, enum=[f.value for f in Framework]),
            OpenApiParameter("from", OpenApiTypes.DATE, description="Start date on or after"),
            OpenApiParameter("to", OpenApiTypes.DATE,
                             description="Start date on or before; not before `from`"),
        ],
        responses=_responses(StatisticsResponse, {400: BAD_PARAMETER, 401: BAD_TOKEN}),
    )
    def get(self, request: Request) -> Response:
        framework = request.query_params.get("framework") or None
        if framework not in {None, *Framework}:
            raise BadParameter("framework", f"'{framework}' is not one of 2016, 2023")
        start, end = date_param(request, "from"), date_param(request, "to")
        if start and end and start > end:
            raise BadParameter("from", f"{start} is after 'to' ({end})")
        return Response(counts(framework, start, end))

