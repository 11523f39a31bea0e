"""Browsable documentation of the API (Swagger UI) under the site's CSP."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpResponse, HttpResponseBase
from django.template.loader import render_to_string
from drf_spectacular.utils import (
    extend_schema,
)
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.request import Request

if TYPE_CHECKING:
    pass



class ApiDocs(SpectacularSwaggerSplitView):
    """Browsable documentation of the API (Swagger UI)."""

    url_name = "api-schema"

    def options(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]
        """A plain answer (DRF's metadata would render through the page's template, and fail)."""
        return HttpResponse(status=204, headers={"Allow": "GET, HEAD, OPTIONS"})

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = super().get(request, *args, **kwargs)
        if request.GET.get("script") is not None:
            return response  # the start-up script, from the package's template
        page = render_to_string("api/docs.html", response.data, request)
        return HttpResponse(page)

