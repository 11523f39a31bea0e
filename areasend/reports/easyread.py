"""The easy-read summary's guide: its sections, the symbols a line may carry (each with its text
alternative) and the rules that keep a line short. Written by the lead inspector, never generated."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Symbol:
    key: str
    alt: str  # the text alternative, read out in place of the picture


SYMBOLS = {s.key: s for s in (
    Symbol("people", "Children and young people"),
    Symbol("family", "A family"),
    Symbol("talk", "People talking"),
    Symbol("school", "A school or college"),
    Symbol("health", "Health: doctors and nurses"),
    Symbol("plan", "A written plan"),
    Symbol("clock", "A clock: waiting and time"),
    Symbol("tick", "A tick: this is good"),
    Symbol("cross", "A cross: this needs to get better"),
    Symbol("calendar", "A calendar: what happens next"),
)}


@dataclass(frozen=True)
class Part:
    key: str
    heading: str
    guide: str


PARTS = (
    Part("about", "About this inspection",
         "Say who came, when, and who they talked to. For example: We visited in March 2027."),
    Part("good", "What is going well",
         "Say the good things children and young people told you about or you saw."),
    Part("better", "What needs to get better",
         "Say what must improve, in words a child would use."),
    Part("next", "What happens next",
         "Say what the partnership must do now and when inspectors will come back."),
)
LINES_PER_PART = 5
MAX_CHARACTERS = 100
MAX_WORDS = 15


def line_problem(text: str) -> str:
    """Why a line is not easy read, or '' when it is: one short sentence, one idea."""
    words = text.split()
    if len(words) > MAX_WORDS:
        return f"Use {MAX_WORDS} words or fewer on one line (this has {len(words)})"
    inner = text.rstrip(".!?").strip()
    if any(mark + " " in inner for mark in ".!?;"):
        return "Write one sentence on each line: put the second idea on the next line"
    return ""
