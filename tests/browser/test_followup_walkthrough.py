"""After publication, in the browser (issue 9): Coventry's priority action plan (the demo's, awaiting
review) is sent back by its government adviser with comments, resubmitted by the partnership and
accepted, the adviser and the partnership each in their own browser context; axe-core checks every
page either visits. Coventry's follow-up is the demo's alone, so no other browser test sees it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from .support import CheckedPage

pytestmark = pytest.mark.browser

COVENTRY = "/follow-up/E08000026/"
COMMENTS = "Add milestones for the health partners and say how you will measure waiting times."


def _press(tab: CheckedPage, name: str) -> None:
    with tab.page.expect_navigation():
        tab.page.get_by_role("button", name=name, exact=True).click()
    tab.settled()


def _follow(tab: CheckedPage, name: str) -> None:
    with tab.page.expect_navigation():
        tab.page.get_by_role("link", name=name).first.click()
    tab.settled()


def _review(adviser: CheckedPage, version: int, outcome: str, comments: str = "") -> None:
    adviser.goto(COVENTRY)
    _follow(adviser, f"Review version {version}")
    adviser.page.get_by_label(outcome, exact=True).check()
    if comments:
        adviser.page.get_by_label("Comments for the partnership").fill(comments)
    _press(adviser, "Record the review")


def test_plan_sent_back_resubmitted_and_accepted(open_page: Callable[..., CheckedPage]) -> None:
    adviser = open_page("adviser")
    adviser.goto("/")
    expect(adviser.page.locator("#followup-tasks")).to_contain_text("Review version 1 of Coventry")
    _review(adviser, 1, "Revise and resubmit", COMMENTS)
    expect(adviser.page.locator("#plan-status")).to_contain_text("Version 1: revise and resubmit")

    partnership = open_page("lap-coventry")
    partnership.goto("/")
    _follow(partnership, "Resubmit your priority action plan")
    expect(partnership.page.get_by_text(COMMENTS)).to_be_visible()
    _follow(partnership, "Resubmit your priority action plan")
    form = partnership.page
    form.get_by_label("Action", exact=True).fill("Commission a second assessment team with the ICB.")
    form.get_by_label("Milestones").fill("31/03/2027 Team recruited\n30/09/2027 Median wait under 18 weeks")
    form.get_by_label("How you will measure the impact").fill("Median wait in weeks, reported monthly.")
    _press(partnership, "Submit the plan")
    expect(form.locator(".govuk-notification-banner")).to_contain_text("Version 2")
    expect(form.locator("#plan-status")).to_contain_text("Version 2 awaiting review")

    _review(adviser, 2, "Accepted")
    expect(adviser.page.locator("#plan-status")).to_contain_text("Accepted (version 2)")
    partnership.goto(COVENTRY)
    expect(partnership.page.locator("#plan-status")).to_contain_text("Accepted (version 2)")
    partnership.goto("/follow-up/E08000002/", status=404)  # another area's follow-up


NOTTS = "E10000024"
MONITORING_NOTIFIED = (8, 6, 2026)  # a past working Monday in term time, clear of the demo's weeks


def _notify_monitoring(planner: CheckedPage) -> str:
    planner.goto("/inspections/new/")
    page = planner.page
    page.get_by_label("Local area partnership").select_option(NOTTS)
    page.get_by_label("Kind of inspection").select_option("monitoring inspection")
    for part, value in zip(("day", "month", "year"), MONITORING_NOTIFIED, strict=True):
        page.locator(f"#id_notified_{part}").fill(str(value))
    page.locator("#id_officer_name").fill("Nia Officer")
    page.locator("#id_officer_email").fill("nia.officer@nottinghamshire.example.gov.uk")
    _press(planner, "Notify the partnership")
    path = page.url.split(planner.base_url, 1)[-1]
    planner.goto(f"{path}team/")
    for inspector, role in (("Harriet Malik (Ofsted)", "Lead inspector (Ofsted HMI)"),
                            ("Colin Quinn (Care Quality Commission)", "CQC lead children's services inspector")):
        page.get_by_label("Inspector", exact=True).select_option(label=inspector)
        page.get_by_label("Role", exact=True).select_option(label=role)
        _press(planner, "Add to the team")
        if page.locator("#id_confirm").count():  # the lead leads a demo inspection in overlapping weeks
            page.locator("#id_confirm").check()
            _press(planner, "Add to the team")
    return path


def test_monitoring_inspection_to_published_letter(open_page: Callable[..., CheckedPage]) -> None:
    path = _notify_monitoring(open_page("planner"))
    lead = open_page("hmi")
    lead.goto(path)
    _press(lead, "Start fieldwork")
    _press(lead, "Finish fieldwork and start evaluating")
    _follow(lead, "Findings on the areas for priority action")
    page = lead.page
    page.locator("#id_f0-text").fill("Timeliness of EHC plans")
    page.locator("#id_f0-finding").check()
    page.locator("#id_f1-text").fill("Waiting times for speech and language therapy")
    page.locator("#id_f1-finding").check()
    page.locator("#id_f1-note").fill("Waits are shorter but still too long for some children.")
    _press(lead, "Record the findings")
    _press(lead, "Draft the report")
    _press(lead, "Send the draft for the factual accuracy check")

    partnership = open_page("lap-nottinghamshire")
    partnership.goto(f"{path}report/")
    expect(partnership.page.locator(".govuk-inset-text")).to_contain_text("is taking effective action")
    _press(partnership, "We have no further comments")
    lead.goto(path)
    _press(lead, "Publish the report")

    visitor = open_page()
    visitor.goto(f"{path}report/")
    expect(visitor.page.get_by_text("Waits are shorter but still too long")).to_be_visible()
    visitor.goto(f"/areas/{NOTTS}/")
    due = visitor.page.locator("#due")
    expect(due).to_contain_text("Full inspection due by 16 May 2026")
    expect(due).not_to_contain_text("Monitoring inspection")
