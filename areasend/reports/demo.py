"""The demo's easy-read summary (issue 13): Coventry's published outcome-3 inspection, as its
lead inspector would write it. The inspection is synthetic; no figure counts a summary."""

from __future__ import annotations

from typing import Any

from areasend.inspections.models import Inspection, State
from areasend.reports.models import EasyReadLine, EasyReadSummary

COVENTRY = "E08000026"
LINES = [
    ("about", "We visited Coventry to see how children with SEND are helped.", "calendar"),
    ("about", "We talked to children, young people and their families.", "talk"),
    ("good", "Many children told us their school helps them.", "school"),
    ("good", "Families said some workers really listen to them.", "family"),
    ("better", "Some children wait too long to see a doctor or therapist.", "clock"),
    ("better", "Many plans for children are written late.", "plan"),
    ("better", "Leaders need to work together much better.", "cross"),
    ("next", "The partnership must write a plan to fix these problems.", "plan"),
    ("next", "We will come back to check how things are going.", "calendar"),
]


def build(lead: Any) -> None:
    inspection = Inspection.objects.filter(area__gss_code=COVENTRY, state=State.PUBLISHED, synthetic=True).first()
    if inspection is None:
        return
    summary, _ = EasyReadSummary.objects.update_or_create(inspection=inspection, defaults={"updated_by": lead})
    summary.lines.all().delete()
    EasyReadLine.objects.bulk_create(EasyReadLine(summary=summary, part=part, position=n, text=text, symbol=symbol)
                                     for n, (part, text, symbol) in enumerate(LINES, start=1))
