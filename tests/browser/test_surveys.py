"""Answering the demo's open surveys with the keyboard only, in real headless Chromium, with
axe-core (WCAG 2.2 A/AA) on every page: a young person's easy-read survey (one question a page)
and a parent's survey (one short page); then the lead inspector sees both responses in the
results. The demo opens surveys for its notified inspection (Bromley) on its notification Monday,
for the window the framework timeline gives."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from .support import CheckedPage

pytestmark = pytest.mark.browser

BROMLEY = "Bromley"
MAX_TABS = 80
YOUNG_PERSON_SAYS = "I like my new college but the bus is hard"
PARENT_SAYS = "The new speech therapist has been brilliant for us"


def tab_to(page: Page, selector: str, text: str = "") -> None:
    """Press Tab until an element matching the CSS `selector` (and with `text`, if given) has
    the focus."""
    focused = ("([s, t]) => { const e = document.activeElement;"
               " return !!e && e.matches(s) && (!t || e.textContent.trim() === t); }")
    for _ in range(MAX_TABS):
        if page.evaluate(focused, [selector, text]):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector} {text}")


def choose(page: Page, name: str, downs: int = 0) -> None:
    """Tab into a radio group, move down `downs` answers with the arrow key, select with Space."""
    tab_to(page, f'input[name="{name}"]')
    for _ in range(downs):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert page.evaluate("n => !!document.querySelector(`input[name='${n}']:checked`)", name)


def press_button(tab: CheckedPage, name: str) -> None:
    tab_to(tab.page, "button, a", name)
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    tab.settled()


def survey_links(open_page: Callable[..., CheckedPage]) -> tuple[CheckedPage, str, dict[str, str]]:
    lead = open_page("hmi")
    lead.goto("/inspections/")
    href = lead.page.get_by_role("link", name=BROMLEY).first.get_attribute("href")
    pk = re.search(r"/inspections/(\d+)/", href or "").group(1)  # type: ignore[union-attr]
    results = f"/surveys/inspections/{pk}/"
    lead.goto(results)
    links = {}
    for heading in ("Children and young people", "Parents and carers"):
        section = lead.page.locator("h2", has_text=heading).locator("xpath=following-sibling::dl[1]")
        links[heading] = section.locator("code").inner_text()
    if not lead.page.locator("dd", has_text=re.compile(r"^Open,")).count():
        pytest.skip("the demo's survey window is not open today (school holiday weeks)")
    return lead, results, links


def responses(lead: CheckedPage, heading: str) -> int:
    section = lead.page.locator("h2", has_text=heading).locator("xpath=following-sibling::dl[1]")
    text = section.locator(".govuk-summary-list__row", has_text="Responses").locator("dd").inner_text()
    return int(text.split()[0])


def test_easy_read_and_parent_surveys_with_the_keyboard_only(open_page, site):
    lead, results, links = survey_links(open_page)
    before = {h: responses(lead, h) for h in links}

    young = open_page()
    young.goto(links["Children and young people"].removeprefix(site.url))
    press_button(young, "Start the easy-read survey")
    for i, name in enumerate(["listened", "right-help", "trusted-adult", "ready", "included"]):
        assert f"Question {i + 1} of 6" in young.page.inner_text("main")
        assert young.page.locator("svg[role=img][aria-label]").count() == 4  # symbols with text
        choose(young.page, f"q-{name}", downs=i % 3)
        press_button(young, "Continue")
    tab_to(young.page, "textarea")
    young.page.keyboard.type(YOUNG_PERSON_SAYS)
    press_button(young, "Send my answers")
    assert "Your answers have been sent" in young.page.inner_text("h1")

    parent = open_page(width=320, height=640)  # a phone
    parent.goto(links["Parents and carers"].removeprefix(site.url))
    press_button(parent, "Start now")
    press_button(parent, "Submit your answers")  # nothing chosen: the error summary, then fix
    assert "There is a problem" in parent.page.inner_text(".govuk-error-summary")
    for name, downs in [("needs-identified", 1), ("involved", 3), ("right-help", 0), ("next-steps", 5),
                        ("included", 2)]:
        choose(parent.page, f"q-{name}", downs)
    tab_to(parent.page, "textarea")
    parent.page.keyboard.type(PARENT_SAYS)
    press_button(parent, "Submit your answers")
    assert "Your answers have been sent" in parent.page.inner_text("h1")
    assert not parent.page.context.cookies()  # no cookies for respondents

    lead.goto(results)
    after = {h: responses(lead, h) for h in links}
    assert after == {h: n + 1 for h, n in before.items()}
    main = lead.page.locator("main")
    main.locator("summary", has_text="Read the comments").first.click()  # not a navigation
    assert YOUNG_PERSON_SAYS in main.inner_text() or PARENT_SAYS in main.inner_text()


def test_the_published_summary_for_families(open_page):
    """The demo's published inspection (Bath and North East Somerset): anyone may read what
    families said, in words and numbers, without the comments."""
    lead = open_page("hmi")
    lead.goto("/inspections/")
    row = lead.page.locator("tr", has_text="Bath and North East Somerset").filter(has_text="Full inspection")
    href = row.get_by_role("link", name="Bath and North East Somerset").first.get_attribute("href")
    pk = re.search(r"/inspections/(\d+)/", href or "").group(1)  # type: ignore[union-attr]
    public = open_page()
    public.goto(f"/surveys/inspections/{pk}/summary/")
    text = public.page.inner_text("main")
    assert "of the parents and carers who gave a view" in text
    assert "Fewer than 10 practitioners answered" in text
    assert "Demo" in text
