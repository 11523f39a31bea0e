from typing import Any

import pytest

from areasend.areas.models import LocalAreaPartnership

BURY = "E08000002"  # area B: outcome 3, report 7 May 2024
BEDFORD = "E06000055"  # area A: outcome 1, report 4 February 2025
NOTTS = "E10000024"  # outcome 3, report 16 May 2023


@pytest.fixture
def bury() -> LocalAreaPartnership:
    return LocalAreaPartnership.objects.get(gss_code=BURY)


@pytest.fixture
def bedford() -> LocalAreaPartnership:
    return LocalAreaPartnership.objects.get(gss_code=BEDFORD)


@pytest.fixture
def adviser(make_user: Any, bury: LocalAreaPartnership) -> Any:
    user = make_user("ada-adviser", "adviser")
    user.supported_areas.add(bury)
    return user


@pytest.fixture
def other_adviser(make_user: Any) -> Any:
    return make_user("otto-adviser", "adviser")
