"""The JSON API (/api/v1/): thin read-only views over the same querysets and functions the pages
use. Access goes through accounts.access; public data is open, the due list needs staff.

Every view is strict about its query: a parameter it does not know, one given twice, or a bad
value is a 400 whose body names the parameter (`{"framework": ["..."]}`); an empty value means the
same as leaving the parameter out, as it does when an HTML filter form is submitted."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from csp.decorators import csp_update
from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.template import engines
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    inline_serializer,
)
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import exceptions, generics, permissions, serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
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
from areasend.areas.models import AreaType, LocalAreaPartnership, Partner
from areasend.framework.activities import ActivityType, Framework
from areasend.framework.outcomes import Outcome, RevisitProgress
from areasend.insights.stats import counts
from areasend.inspections.due import due_list
from areasend.inspections.models import Activity

if TYPE_CHECKING:
    from rest_framework.views import AsView, GenericView

GSS_CODE_PATTERN = r"^[A-Z][0-9]{8}$"
# The due rules add years and months to the date asked about; outside this range the answer is
# meaningless and, near year 9999, the date arithmetic overflows.
AS_AT_RANGE = (date(2000, 1, 1), date(2099, 12, 31))
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# --- errors -------------------------------------------------------------------------------


class BadParameter(exceptions.ValidationError):
    """A 400 whose body names the query parameter: {"<name>": ["<message>"]}."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__({name: [message]})


class PageNotFound(exceptions.NotFound):
    """A page past the last: a 404 that says which parameter was out of range."""

    parameter = "page"


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler (which already turns Django's Http404 into {"detail": ...}), naming the
    parameter of a page past the last."""
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, PageNotFound):
        response.data["parameter"] = exc.parameter
    return response


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any other address under /api/v1/: JSON, as from the API, never the site's HTML page."""
    return JsonResponse({"detail": "No such API endpoint."}, status=404)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong.")
    parameter = serializers.CharField(
        required=False, help_text="The query parameter to blame, when there is one (`page`)."
    )


class ParameterErrorsSerializer(serializers.Serializer):
    """Stands for the 400 body in the schema; see ParameterErrorsSchema."""


class ParameterErrorsSchema(OpenApiSerializerExtension):
    """The 400 body is a map from parameter name to messages, which a serializer cannot say."""

    target_class = ParameterErrorsSerializer

    def get_name(self, auto_schema: AutoSchema, direction: Any) -> str:
        return "ParameterErrors"

    def map_serializer(self, auto_schema: AutoSchema, direction: Any) -> dict[str, Any]:
        return {
            "type": "object",
            "description": "Each key is a query parameter; its value, what is wrong with it.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "minProperties": 1,
            "example": {"framework": ["'1999' is not one of 2016, 2023"]},
        }


def _responses(ok: Any, errors: dict[int, str]) -> dict[int, Any]:
    """The documented responses: `ok` for 200, and each error status with why it happens."""
    responses: dict[int, Any] = {200: ok}
    for status, description in errors.items():
        body = ParameterErrorsSerializer if status == 400 else ErrorSerializer
        responses[status] = OpenApiResponse(body, description=description)
    return responses


BAD_PARAMETER = "A query parameter is unknown, repeated or has a bad value; the body names it."
BAD_TOKEN = "The `Authorization: Token` header holds no valid token."  # noqa: S105
BAD_PAGE = "`page` is past the last page."


# --- parameters ---------------------------------------------------------------------------


def parse_iso_date(value: str) -> date | None:
    """YYYY-MM-DD and nothing else (date.fromisoformat alone also takes 20230105 and 2023-W01-1)."""
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def date_param(request: Request, name: str) -> date | None:
    value = request.query_params.get(name)
    if not value:
        return None
    parsed = parse_iso_date(value)
    if parsed is None:
        raise BadParameter(name, f"'{value}' is not a date in the form YYYY-MM-DD")
    return parsed


class IsoDateField(forms.DateField):
    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        parsed = parse_iso_date(str(value))
        if parsed is None:
            raise forms.ValidationError(f"'{value}' is not a date in the form YYYY-MM-DD")
        return parsed


class IsoDateFilter(filters.DateFilter):
    field_class = IsoDateField


class ApiPagination(PageNumberPagination):
    """DRF's page numbers, with a malformed page a 400 and one past the end a 404 naming it."""

    last_page_strings = ()

    def get_page_number(self, request: Request, paginator: Any) -> int:
        value = request.query_params.get(self.page_query_param) or "1"
        digits = value.lstrip("0")
        if not (value.isascii() and value.isdigit() and digits):
            raise BadParameter(self.page_query_param, f"'{value}' is not a whole number from 1")
        # Eighteen digits is past any last page; the cap keeps int() off absurd inputs.
        return int(digits) if len(digits) <= 18 else 10**18

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        try:
            return super().paginate_queryset(queryset, request, view)
        except exceptions.NotFound:
            last = self.django_paginator_class(queryset, self.get_page_size(request) or 1).num_pages
            number = request.query_params.get(self.page_query_param)
            raise PageNotFound(f"There is no page {number}; the last page is {last}.") from None

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [{
            "name": self.page_query_param, "in": "query", "required": False,
            "description": f"Page number, from 1; {self.page_size} results a page. A page past "
                           "the last is a 404.",
            "schema": {"type": "integer", "minimum": 1},
        }]

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paginated = super().get_paginated_response_schema(schema)
        paginated["required"] = ["count", "next", "previous", "results"]
        paginated["properties"]["count"] = {"type": "integer", "minimum": 0, "example": 153}
        return paginated


class ApiAutoSchema(AutoSchema):
    """Documents what the views do with an empty query value: the same as leaving it out."""

    def _get_parameters(self) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super()._get_parameters()
        for parameter in parameters:
            if parameter["in"] == "query":
                parameter["allowEmptyValue"] = True
        return parameters


# --- base view ----------------------------------------------------------------------------


class ApiBrowsableRenderer(BrowsableAPIRenderer):
    def get_context(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(*args, **kwargs)
        # Pygments CSS for code in Markdown descriptions, which we do not use; as an inline
        # <style> the CSP would block it anyway.
        context["code_style"] = None
        return context


class ApiView(APIView):
    """What every API view shares: authentication, renderers, strict query parameters."""

    # Token first: DRF takes the WWW-Authenticate header from the first class, and session
    # authentication has none, which would turn "no credentials" (401) into a 403.
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    renderer_classes = [JSONRenderer, ApiBrowsableRenderer]
    schema = ApiAutoSchema()
    query_parameters: frozenset[str] = frozenset()

    @classmethod
    def as_view(cls, **initkwargs: Any) -> AsView[GenericView]:
        view = super().as_view(**initkwargs)
        # The browsable API's templates carry a few style="..." attributes (button layout); allow
        # inline style attributes only, never <style> or script, and only on the API's pages.
        # (functools.wraps keeps the attributes DRF and drf-spectacular read: cls, csrf_exempt.)
        relax = csp_update({"style-src-attr": ["'unsafe-inline'"]})
        relaxed = relax(cast(Callable[[HttpRequest], HttpResponseBase], view))
        return cast("AsView[GenericView]", relaxed)

    def known_parameters(self) -> frozenset[str]:
        # `format` is DRF's renderer override (?format=api for the browsable API).
        return self.query_parameters | {"format"}

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # authentication and permissions come first
        known = self.known_parameters()
        for name in request.query_params:
            if name not in known:
                expected = ", ".join(sorted(known - {"format"})) or "none"
                raise BadParameter(name, f"unknown parameter; expected: {expected}")
            if len(request.query_params.getlist(name)) > 1:
                raise BadParameter(name, "given more than once")


class ApiListView(ApiView, generics.ListAPIView):
    pagination_class = ApiPagination
    filter_backends = [filters.DjangoFilterBackend]

    def known_parameters(self) -> frozenset[str]:
        filterset = cast(Any, self).filterset_class
        return super().known_parameters() | set(filterset.base_filters) | {"page"}


class IsStaffRole(permissions.BasePermission):
    message = "Only planners, inspectors and administrators may see this."

    def has_permission(self, request: Request, view: Any) -> bool:
        return can_see_national_overview(request.user)


# --- serializers --------------------------------------------------------------------------


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


class BlankAsNullChoiceField(serializers.ChoiceField):
    """A blank model value goes out as null, as the other absent values do."""

    def to_representation(self, value: Any) -> Any:
        return None if value == "" else super().to_representation(value)


class BlankAsNullURLField(serializers.URLField):
    def to_representation(self, value: Any) -> Any:
        return None if value == "" else super().to_representation(value)


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
    report_url = BlankAsNullURLField(allow_null=True, read_only=True)

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


# --- filters ------------------------------------------------------------------------------


class AreaFilter(filters.FilterSet):
    region_code = filters.CharFilter()
    area_type = filters.ChoiceFilter(choices=AreaType.choices)
    name = filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = LocalAreaPartnership
        fields = ["region_code", "area_type", "name"]


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


AREA_FILTER_PARAMETERS = [
    OpenApiParameter("region_code", str, description="ONS code of a region, e.g. E12000006"),
    OpenApiParameter("area_type", str, enum=AreaType.values),
    OpenApiParameter("name", str, description="Part of the name, any case"),
]
ACTIVITY_FILTER_PARAMETERS = [
    OpenApiParameter("framework", str, enum=[f.value for f in Framework]),
    OpenApiParameter("kind", str, enum=[t.value for t in ActivityType]),
    OpenApiParameter("outcome", int, enum=[o.value for o in Outcome]),
    OpenApiParameter("started_from", OpenApiTypes.DATE, description="Start date on or after"),
    OpenApiParameter("started_to", OpenApiTypes.DATE,
                     description="Start date on or before; not before started_from"),
]
GSS_CODE = OpenApiParameter(
    "gss_code", str, OpenApiParameter.PATH, pattern=GSS_CODE_PATTERN,
    description="GSS code of the local authority, e.g. E06000055",
)
NO_AREA = "No partnership with this code that you may see."


# --- views --------------------------------------------------------------------------------


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


# --- documentation ------------------------------------------------------------------------

# drf-spectacular's Swagger template less its inline <style>: the split view already serves the
# start-up script as a file of its own, so the page runs under the site's CSP ('self' only, no
# inline script or style) with nothing relaxed; the UI itself comes from drf-spectacular-sidecar.
DOCS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<link rel="icon" href="{{ favicon_href }}">
<link rel="stylesheet" href="{{ swagger_ui_css }}">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{{ swagger_ui_bundle }}"></script>
<script src="{{ swagger_ui_standalone }}"></script>
<script src="{{ script_url }}"></script>
</body>
</html>
"""


class ApiDocs(SpectacularSwaggerSplitView):
    """Browsable documentation of the API (Swagger UI)."""

    url_name = "api-schema"

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = super().get(request, *args, **kwargs)
        if request.GET.get("script") is not None:
            return response  # the start-up script, from the package's template
        page = engines["django"].from_string(DOCS_PAGE).render(response.data, request)
        return HttpResponse(page)
