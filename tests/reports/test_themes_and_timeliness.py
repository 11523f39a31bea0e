"""National themes and time to publication (/statistics/themes-and-timeliness/)."""

from __future__ import annotations

import pytest

from areasend.framework.criteria import Theme
from areasend.insights import national
from areasend.inspections.models import Activity
from tests.conftest import needs_shared

pytestmark = pytest.mark.django_db
URL = "/statistics/themes-and-timeliness/"


def row_of(theme: Theme) -> national.ThemeRow:
    return next(r for r in national.theme_table()["rows"] if r.theme is theme)


def test_no_themes_before_publication(inspection):
    assert national.theme_table()["partnerships"] == 0
    assert all(r.any == 0 for r in national.theme_table()["rows"])


def test_a_published_outcome_3_counts_its_themes_by_kind_outcome_and_region(publish):
    published = publish(3)
    table = national.theme_table()
    assert table["partnerships"] == 1 and table["regions"] == [published.area.region_name]
    ehc, waits, early = row_of(Theme.EHC_PLANS), row_of(Theme.HEALTH_WAITING_TIMES), row_of(Theme.EARLY_HELP)
    assert (ehc.improvement, ehc.priority_action, ehc.any, ehc.by_outcome, ehc.by_region) == (1, 0, 1, [0, 0, 1], [1])
    assert (waits.priority_action, waits.improvement) == (1, 0)
    assert early.any == 0


def test_a_synthetic_report_is_never_counted(inspection, publish):
    inspection.synthetic = True
    inspection.save()
    publish(2)
    assert national.theme_table()["partnerships"] == 0
    assert not [d for d in national.delays() if d.source == "areasend"]


def test_areasend_delay_is_end_of_onsite_week_to_publication(publish):
    published = publish(2)
    activity = Activity.objects.get(pk=published.activity_id)
    [mine] = [d for d in national.delays() if d.source == "areasend"]
    assert mine.days == (activity.publication_date - activity.end_date).days
    assert national.timeliness()["areasend"]["overall"].inspections == 1


@needs_shared
def test_history_timeliness_has_a_median_and_range_per_year():
    history = national.timeliness()["history"]
    overall = history["overall"]
    assert overall.inspections == sum(y.inspections for y in history["years"]) > 50
    assert overall.shortest_days <= overall.median_days <= overall.longest_days
    # Reports of the 2023 framework are published a few weeks to a few months after the visit.
    assert 20 <= overall.median_days <= 120


def test_the_page_says_the_history_has_no_themes(client):
    html = client.get(URL).content.decode()
    assert "carries no themes" in html
    for theme in Theme:
        assert theme.title in html


@needs_shared
def test_the_delay_chart_has_its_figures_in_words_and_in_the_table(client):
    years = national.timeliness()["history"]["years"]
    html = client.get(URL).content.decode()
    assert "/statistics/charts/publication-delay.svg" in html
    description = national.describe_delays(years)
    assert f"{years[0].median_days:g} days in {years[0].label}" in description
    response = client.get("/statistics/charts/publication-delay.svg")
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
