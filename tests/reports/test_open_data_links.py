"""A report published in areasend reaches the open data with its own report URL, and not before."""

from __future__ import annotations

import pytest

from areasend.insights import opendata

pytestmark = pytest.mark.django_db


def keys(client):
    text = client.get("/statistics/open-data/inspection-history.json").json()
    return {r["record_key"]: r for r in text["rows"]}


def test_a_published_inspection_joins_the_open_data_with_our_report(client, inspection, publish):
    key = f"areasend:inspection:{inspection.pk}"
    assert key not in keys(client)
    published = publish(3)
    row = keys(client)[key]
    assert row["outcome"] == 3 and row["source"] == "areasend"
    assert row["report_url"].endswith(f"/reports/{published.pk}/")


def test_a_synthetic_published_inspection_stays_out(client, inspection, publish):
    inspection.synthetic = True
    inspection.save()
    publish(2)
    assert f"areasend:inspection:{inspection.pk}" not in keys(client)
    assert not [r for r in opendata.table(opendata.DATASETS["inspection-history"], inspection.notified_on)
                if r["record_key"].endswith(f":{inspection.pk}")]
