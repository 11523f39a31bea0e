"""One full inspection of Bury, from notification to publication, as the people who do it: a
planner notifies and staffs it, the partnership (lap-bury) uploads its case list and records the
families' consent, the Ofsted lead (hmi) selects the tracking cases, gathers evidence, writes the
outcome and the report, the partnership comments on the draft's factual accuracy, the lead answers
and publishes, and the public then reads the report. The inspector's and the partnership's tabs
stay open side by side throughout, each in its own browser context; every page either visits is
checked with axe-core by the fixture.

Bury has no inspection in the demo and no other browser test changes it, so this walk leaves the
others' inspections (Bedford, Barnet, Bromley, Bradford) alone. The notification Monday is fixed,
clear of the demo's inspections, so every date asserted is known; the consent date is typed in
because it may not precede the notification."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Locator, expect

from .support import CheckedPage

pytestmark = pytest.mark.browser

BURY = "E08000002"
# A working Monday in the past (time only runs forward: every step must be recordable today), with
# no bank or school holiday in its three weeks.
NOTIFIED = date(2026, 10, 5)
CONSENT_ON = date(2026, 10, 6)
CASE_LIST_HEADER = ("reference", "age_band", "need", "provision", "setting", "in_alternative_provision")
# Pseudonymous references only: a range of ages, needs, provision and settings, as the sampler wants,
# with two children in alternative provision (one as the main setting, one alongside school).
CASE_LIST = (
    ("BUR-001", "0-4", "SLCN", "sen_support", "early_years", "no"),
    ("BUR-002", "5-10", "ASD", "ehc_plan", "mainstream_school", "no"),
    ("BUR-003", "5-10", "SEMH", "sen_support", "mainstream_school", "yes"),
    ("BUR-004", "11-15", "SEMH", "ehc_plan", "alternative_provision", "no"),
    ("BUR-005", "11-15", "MLD", "sen_support", "mainstream_school", "no"),
    ("BUR-006", "11-15", "SLD", "ehc_plan", "special_school", "no"),
    ("BUR-007", "16-19", "PMLD", "ehc_plan", "special_school", "no"),
    ("BUR-008", "16-19", "SpLD", "sen_support", "further_education", "no"),
    ("BUR-009", "16-19", "ASD", "ehc_plan", "neet", "no"),
    ("BUR-010", "20-25", "PD", "ehc_plan", "further_education", "no"),
    ("BUR-011", "5-10", "HI", "sen_support", "mainstream_school", "no"),
    ("BUR-012", "0-4", "VI", "ehc_plan", "early_years", "no"),
)
TRACKING_CASES = 6  # framework version in force in October 2026
PHONE_WIDTH = 320  # CSS pixels: WCAG 1.4.10 reflow
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ICB = "NHS Greater Manchester Integrated Care Board"
OUTCOME_2 = "Outcome 2"
EXPERIENCE = (
    "Children and young people in Bury are generally well supported in their early years settings.",
    "Older young people wait too long for their needs to be assessed as they move into adulthood.",
)
EFFECTIVE = "Leaders have a shared, accurate understanding of the area's strengths and weaknesses."
IMPROVE = "Leaders should make sure that health assessments are completed within statutory timescales."
RECOMMENDATION = "The ICB should reduce waiting times for neurodevelopmental assessments."
COMMENT = "The second paragraph should say that waits are shorter for young people with an EHC plan."
ANSWER = "Agreed: the paragraph has been changed to reflect the partnership's data."


@dataclass
class Walk:
    """The inspection being walked through and the tabs of the people involved."""

    pk: int
    planner: CheckedPage
    lead: CheckedPage
    partnership: CheckedPage

    def path(self, suffix: str = "") -> str:
        return f"/inspections/{self.pk}/{suffix}"


@contextmanager
def loads_page(tab: CheckedPage) -> Iterator[None]:
    """Wrap a click that submits a form or follows a link: wait for the new page, then check it."""
    with tab.page.expect_navigation():
        yield
    tab.settled()


def press(tab: CheckedPage, button: str, within: Locator | None = None) -> None:
    with loads_page(tab):
        (within or tab.page).get_by_role("button", name=button, exact=True).click()


def status_tag(tab: CheckedPage) -> str:
    return tab.page.locator("h1 + p .govuk-tag").inner_text()


def banner(tab: CheckedPage) -> str:
    return tab.page.locator(".govuk-notification-banner__heading").inner_text()


def case_card(tab: CheckedPage, reference: str) -> Locator:
    heading = tab.page.get_by_role("heading", name=reference, exact=True)
    return tab.page.locator(".govuk-summary-card", has=heading)


def tracked_references(tab: CheckedPage) -> list[str]:
    return tab.page.locator(".govuk-summary-card[id^='case-'] .govuk-summary-card__title").all_inner_texts()


def fill_date(scope: Locator, when: date) -> None:
    scope.get_by_label("Day", exact=True).fill(str(when.day))
    scope.get_by_label("Month", exact=True).fill(str(when.month))
    scope.get_by_label("Year", exact=True).fill(str(when.year))


def write_case_list(folder: Path) -> Path:
    path = folder / "bury-case-list.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CASE_LIST_HEADER)
        writer.writerows(CASE_LIST)
    return path


def notify_bury(planner: CheckedPage) -> int:
    planner.goto("/inspections/new/")
    page = planner.page
    page.get_by_label("Local area partnership").select_option(BURY)
    page.locator("#id_notified_day").fill(str(NOTIFIED.day))
    page.locator("#id_notified_month").fill(str(NOTIFIED.month))
    page.locator("#id_notified_year").fill(str(NOTIFIED.year))
    page.locator("#id_officer_name").fill("Bea Officer")
    page.locator("#id_officer_email").fill("bea.officer@bury.example.gov.uk")
    press(planner, "Notify the partnership")

    found = re.search(r"/inspections/(\d+)/$", page.url)
    assert found, page.url
    assert status_tag(planner) == "Notified"
    expect(page.get_by_text("Monday 5 October 2026", exact=False).first).to_be_visible()
    return int(found.group(1))


def staff_the_team(walk: Walk) -> None:
    planner = walk.planner
    planner.goto(walk.path("team/"))
    for inspector, role, remit in (
        ("Harriet Malik (Ofsted)", "Lead inspector (Ofsted HMI)", "Education"),
        ("Colin Quinn (Care Quality Commission)", "CQC lead children's services inspector", "Health"),
    ):
        planner.page.get_by_label("Inspector", exact=True).select_option(label=inspector)
        planner.page.get_by_label("Role", exact=True).select_option(label=role)
        planner.page.get_by_label("Remit", exact=True).select_option(label=remit)
        press(planner, "Add to the team")
        confirm = planner.page.locator("#id_confirm")
        if confirm.count():  # the lead already leads a demo inspection in overlapping weeks
            expect(planner.page.locator(".govuk-error-summary")).to_contain_text("whose weeks overlap")
            confirm.check()
            press(planner, "Add to the team")
    rows = planner.page.get_by_role("region", name="Team members").locator("tbody tr")
    expect(rows).to_have_count(2)
    members = {tuple(row.locator("td").all_inner_texts()[:2]) for row in rows.all()}
    assert members == {
        ("Harriet Malik", "Lead inspector (Ofsted HMI)"),
        ("Colin Quinn", "CQC lead children's services inspector"),
    }
    assert not planner.page.locator(".govuk-inset-text").count(), "the team is complete"


def embargo_holds(walk: Walk, open_page: Callable[..., CheckedPage]) -> None:
    """Before publication nobody outside the partnership and the inspectorate can see it."""
    anonymous = open_page()
    anonymous.goto(walk.path(), status=404)
    anonymous.goto(walk.path("report/"), status=404)
    bedford = open_page("lap-bedford")
    bedford.goto(walk.path(), status=404)
    bedford.goto(walk.path("cases/"), status=404)
    assert "Bury" not in bedford.page.content()


def partnership_uploads_case_list(walk: Walk, folder: Path) -> None:
    lap = walk.partnership
    lap.goto(walk.path())
    tasks = lap.page.get_by_role("region", name="Your tasks")
    expect(tasks).to_contain_text("Upload the list of children and young people for tracking")
    with loads_page(lap):
        lap.page.get_by_role("link", name="Tracking cases", exact=True).click()
    expect(lap.page.get_by_text("No cases have been selected yet.")).to_be_visible()

    lap.page.get_by_label("Upload a case list").set_input_files(write_case_list(folder))
    press(lap, "Upload case list")
    assert banner(lap) == f"{len(CASE_LIST)} children and young people added to the case list"
    expect(lap.page.get_by_role("region", name="Case list").locator("tbody tr")).to_have_count(len(CASE_LIST))


def lead_selects_cases(walk: Walk) -> list[str]:
    lead = walk.lead
    lead.goto(walk.path("cases/"))
    press(lead, f"Select {TRACKING_CASES} cases")
    assert banner(lead).startswith(f"{TRACKING_CASES} cases selected with seed ")
    selected = tracked_references(lead)
    assert len(selected) == TRACKING_CASES
    ap = {row[0] for row in CASE_LIST if row[4] == "alternative_provision" or row[5] == "yes"}
    assert ap & set(selected), "the sample must include someone in alternative provision"
    for reference in selected:
        expect(case_card(lead, reference).locator(".govuk-tag").first).to_have_text("Proposed")
    return selected


def record_consent(lap: CheckedPage, reference: str, answer: str) -> None:
    card = case_card(lap, reference)
    card.get_by_label(f"Record consent for {reference}", exact=True).select_option(label=answer)
    fill_date(card, CONSENT_ON)
    press(lap, f"Record consent for {reference}", within=card)


def partnership_records_consent(walk: Walk, selected: list[str]) -> tuple[str, str, str]:
    """One family declines (a replacement is proposed at once), one agrees and their documents go up."""
    lap = walk.partnership
    declined, agreed = selected[0], selected[1]
    lap.goto(walk.path("cases/"))
    assert tracked_references(lap) == selected

    record_consent(lap, declined, "Consent declined")
    found = re.fullmatch(rf"Consent recorded for {declined}; (BUR-\d+) proposed instead", banner(lap))
    assert found, banner(lap)
    replacement = found.group(1)
    assert replacement not in selected
    now_tracked = tracked_references(lap)
    assert declined not in now_tracked and replacement in now_tracked and len(now_tracked) == TRACKING_CASES
    expect(case_card(lap, replacement).locator(".govuk-tag").first).to_have_text("Proposed")
    replaced = lap.page.locator("table", has_text="Replaced by").locator("tbody tr")
    expect(replaced).to_have_count(1)
    expect(replaced.locator("td")).to_have_text([declined, "Consent declined, 6 October 2026", replacement])

    record_consent(lap, agreed, "Consent agreed")
    assert banner(lap) == f"Consent recorded for {agreed}"
    card = case_card(lap, agreed)
    expect(card.locator(".govuk-tag").first).to_have_text("Consent agreed")
    expect(card).to_contain_text("due Thursday 8 October 2026")  # 2 working days after consent

    card.get_by_label(f"Upload a document for {agreed}", exact=True).set_input_files(
        {"name": f"{agreed}-plan.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    press(lap, f"Upload document for {agreed}", within=card)
    assert banner(lap) == f"Document uploaded for {agreed}"
    expect(case_card(lap, agreed).get_by_role("link", name=f"{agreed}-plan.pdf")).to_be_visible()
    return declined, agreed, replacement


def lead_sees_cases_and_starts_fieldwork(walk: Walk, declined: str, agreed: str, replacement: str) -> None:
    lead = walk.lead
    lead.goto(walk.path("cases/"))  # the partnership's changes, seen from the other desk
    with lead.page.expect_download() as download:
        case_card(lead, agreed).get_by_role("link", name=f"{agreed}-plan.pdf").click()
    assert download.value.suggested_filename == f"{agreed}-plan.pdf"
    assert Path(download.value.path()).read_bytes() == PDF
    expect(case_card(lead, replacement)).to_be_visible()
    expect(lead.page.locator("table", has_text="Replaced by")).to_contain_text(declined)

    lead.goto(walk.path())
    press(lead, "Start fieldwork")
    assert status_tag(lead) == "Fieldwork"


def lead_adds_evidence(walk: Walk) -> None:
    lead = walk.lead
    lead.goto(walk.path("evidence/"))
    form = lead.page.locator("form", has=lead.page.get_by_role("button", name="Save evidence"))
    form.get_by_label("Source", exact=True).select_option(label="Tracking case")
    form.get_by_label("Evaluation criterion", exact=True).select_option(index=0)
    form.get_by_label("Positive", exact=True).check()
    note = "The tracked child's EHC plan was reviewed on time and reflects the family's views."
    form.get_by_label("Evidence", exact=True).fill(note)
    press(lead, "Save evidence")
    expect(lead.page.get_by_text(note)).to_be_visible()

    lead.goto(walk.path())
    press(lead, "Finish fieldwork and start evaluating")
    assert status_tag(lead) == "Evaluating"


def lead_records_outcome(walk: Walk) -> None:
    lead = walk.lead
    page = lead.page
    lead.goto(walk.path("outcome/"))
    page.get_by_label(re.compile(rf"^{OUTCOME_2}:")).check()
    page.get_by_label("What is it like to be a child or young person with SEND in this area?").fill(
        "\n\n".join(EXPERIENCE)
    )
    page.get_by_label("What is the area partnership doing that is effective?").fill(EFFECTIVE)
    page.get_by_label("What does the area partnership need to do better?").fill(IMPROVE)
    press(lead, "Save outcome and findings")
    expect(page.get_by_label(re.compile(rf"^{OUTCOME_2}:"))).to_be_checked()

    page.get_by_label("Area for improvement", exact=True).check()
    page.get_by_label("Recommendation", exact=True).fill(RECOMMENDATION)
    page.get_by_label(ICB, exact=True).check()
    press(lead, "Add recommendation")
    card = page.locator(".govuk-summary-card", has_text="Area for improvement 1")
    expect(card).to_contain_text(ICB)
    expect(card).to_contain_text(RECOMMENDATION)
    expect(page.get_by_role("heading", name="Before you can draft the report")).to_have_count(0)

    lead.goto(walk.path())
    press(lead, "Draft the report")
    assert status_tag(lead) == "Draft report"
    press(lead, "Send the draft for the factual accuracy check")
    assert status_tag(lead) == "Factual accuracy check"


def partnership_comments(walk: Walk) -> None:
    lap = walk.partnership
    page = lap.page
    lap.goto(walk.path("report/"))
    expect(page.get_by_text("Draft under embargo: do not share.")).to_be_visible()
    # The blank line in the lead's text makes two numbered paragraphs.
    expect(page.locator("p.govuk-body", has_text=EXPERIENCE[0])).to_contain_text("1.")
    expect(page.locator("p.govuk-body", has_text=EXPERIENCE[1])).to_contain_text("2.")
    paragraph = page.get_by_label("Paragraph", exact=True)
    expect(paragraph.locator("option[value='experience-2']")).to_have_text(re.compile(r"^2\. Older young"))
    paragraph.select_option("experience-2")
    page.get_by_label("Your comment", exact=True).fill(COMMENT)
    press(lap, "Send comment")
    card = page.locator(".govuk-summary-card", has_text="Comment on paragraph 2")
    expect(card).to_contain_text(COMMENT)
    expect(card).to_contain_text("Not answered yet")


def lead_answers_and_publishes(walk: Walk) -> None:
    lead = walk.lead
    lead.goto(walk.path("report/"))
    card = lead.page.locator(".govuk-summary-card", has_text="Comment on paragraph 2")
    expect(card).to_contain_text(COMMENT)
    card.get_by_label("Your response", exact=True).fill(ANSWER)
    card.get_by_label("Accept", exact=True).check()
    press(lead, "Answer the comment", within=card)
    expect(card).to_contain_text(f"Accepted. {ANSWER}")

    walk.partnership.goto(walk.path("report/"))  # the partnership sees the answer
    expect(walk.partnership.page.locator(".govuk-summary-card", has_text=COMMENT)).to_contain_text(
        f"Accepted. {ANSWER}"
    )

    lead.goto(walk.path())
    press(lead, "Publish the report")  # refused: the partnership's check is still open
    expect(lead.page.locator(".govuk-error-summary")).to_contain_text("to comment on factual accuracy")
    assert status_tag(lead) == "Factual accuracy check"

    walk.partnership.goto(walk.path("report/"))
    press(walk.partnership, "We have no further comments")
    assert "no further comments" in banner(walk.partnership)
    lead.goto(walk.path())
    press(lead, "Publish the report")
    assert status_tag(lead) == "Published"


def fits_phone(tab: CheckedPage) -> None:
    width = tab.page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{tab.page.url} is {width}px wide in a {PHONE_WIDTH}px viewport"


def public_reads_report(walk: Walk, open_page: Callable[..., CheckedPage]) -> None:
    """A member of the public reads the published report on a phone (WCAG 1.4.10 reflow)."""
    visitor = open_page(width=PHONE_WIDTH, height=640)
    visitor.goto(walk.path("report/"))
    page = visitor.page
    assert status_tag(visitor) == "Published"
    fits_phone(visitor)
    expect(page.get_by_text("Draft under embargo")).to_have_count(0)
    for text in (*EXPERIENCE, EFFECTIVE, IMPROVE, RECOMMENDATION):
        expect(page.get_by_text(text)).to_be_visible()
    expect(page.get_by_text(COMMENT)).to_have_count(0)  # comments stay between the parties
    visitor.goto(walk.path())
    assert status_tag(visitor) == "Published"

    visitor.goto(f"/areas/{BURY}/")
    latest = page.locator("ol.govuk-list > li").first
    expect(latest).to_contain_text("Full inspection")
    expect(latest).to_contain_text(f"{OUTCOME_2}:")
    expect(latest).to_contain_text("Started 19 October 2026, ended 23 October 2026")
    fits_phone(visitor)


def test_inspection_from_notification_to_publication(open_page: Callable[..., CheckedPage], tmp_path: Path) -> None:
    planner = open_page("planner")
    pk = notify_bury(planner)
    walk = Walk(pk=pk, planner=planner, lead=open_page("hmi"), partnership=open_page("lap-bury"))
    staff_the_team(walk)
    embargo_holds(walk, open_page)

    partnership_uploads_case_list(walk, tmp_path)
    selected = lead_selects_cases(walk)
    declined, agreed, replacement = partnership_records_consent(walk, selected)
    lead_sees_cases_and_starts_fieldwork(walk, declined, agreed, replacement)
    lead_adds_evidence(walk)
    lead_records_outcome(walk)
    partnership_comments(walk)
    lead_answers_and_publishes(walk)
    public_reads_report(walk, open_page)
