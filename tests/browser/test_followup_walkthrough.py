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
