"""Static files: whitenoise, plus GOV.UK Frontend's fonts and images at /assets/, the path its
precompiled stylesheet asks for (they come from node_modules, installed from the npm registry)."""

from __future__ import annotations

from typing import Any

from django.conf import settings as django_settings
from whitenoise.middleware import WhiteNoiseMiddleware

GOVUK_ASSETS = django_settings.BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "assets"


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    def __init__(self, get_response: Any = None, settings: Any = django_settings) -> None:
        super().__init__(get_response, settings)
        if GOVUK_ASSETS.is_dir():
            self.add_files(str(GOVUK_ASSETS), prefix="assets/")
