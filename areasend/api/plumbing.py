"""What every API view shares: errors that name the parameter, strict query parameters, ISO
dates, pagination, the schema class and the base views. Access goes through areasend.policy."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from csp.decorators import csp_update
from django import forms
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django_filters import rest_framework as filters
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
)
from rest_framework import exceptions, generics, permissions, serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from areasend.accounts.tokens import HashedTokenAuthentication
from areasend.policy import (
    can_see_national_overview,
)

if TYPE_CHECKING:
    from rest_framework.views import AsView, GenericView


GSS_CODE_PATTERN = r"^[A-Z][0-9]{8}$"


# The due rules add years and months to the date asked about; outside this range the answer is
# meaningless and, near year 9999, the date arithmetic overflows.
AS_AT_RANGE = (date(2000, 1, 1), date(2099, 12, 31))


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


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
    authentication_classes = [HashedTokenAuthentication, SessionAuthentication]
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


GSS_CODE = OpenApiParameter(
    "gss_code", str, OpenApiParameter.PATH, pattern=GSS_CODE_PATTERN,
    description="GSS code of the local authority, e.g. E06000055",
)

