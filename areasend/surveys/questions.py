"""The questionnaires, as versioned data: one place for every question, its answers, the evaluation
criterion and themes it speaks to, and its easy-read wording.

No area SEND question list is published [U] (next-capabilities §1.2). The stems follow what the
55 published reports quote from the surveys, which track criteria A1-A5 (needs identified,
involvement in decisions, right help at the right time, preparation for next steps, valued and
included) [D]; the answer scale follows Ofsted Parent View (agree/disagree statements plus
"don't know") [C]; one free-text question per audience, as Parent View adds during an inspection.

A published version is never edited: a change is a new version key, and each survey records the
version it was opened with, so its responses always read against the questions people saw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from areasend.framework.criteria import Theme


class Audience(StrEnum):
    CHILDREN = "children-and-young-people"
    PARENTS = "parents-and-carers"
    PRACTITIONERS = "practitioners"

    @property
    def label(self) -> str:
        return _AUDIENCE_LABELS[self]


_AUDIENCE_LABELS = {
    Audience.CHILDREN: "Children and young people",
    Audience.PARENTS: "Parents and carers",
    Audience.PRACTITIONERS: "Practitioners",
}


class Kind(StrEnum):
    SINGLE = "single"  # one answer (radios); agree scales are single choice
    MULTIPLE = "multiple"  # any number of answers (checkboxes)
    TEXT = "text"  # free text with a length limit


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    easy_label: str = ""
    symbol: str = ""  # a key of SYMBOLS, drawn beside the easy-read answer
    positive: bool = False  # counted as a positive answer in the plain-English summary


@dataclass(frozen=True)
class Question:
    id: str
    kind: Kind
    text: str
    options: tuple[Option, ...] = ()
    easy_text: str = ""
    hint: str = ""
    criterion: str = ""
    themes: tuple[Theme, ...] = ()
    required: bool = True
    max_length: int = 0  # free text only
    # How the plain-English summary describes a positive answer: "... {summary}".
    summary: str = ""

    @property
    def values(self) -> frozenset[str]:
        return frozenset(o.value for o in self.options)

    def wording(self, easy_read: bool) -> str:
        return self.easy_text if easy_read and self.easy_text else self.text


@dataclass(frozen=True)
class Questionnaire:
    version: str
    audience: Audience
    title: str
    intro: str
    questions: tuple[Question, ...]
    easy_read: bool = False  # an easy-read version exists
    easy_title: str = ""
    easy_intro: str = ""
    by_id: dict[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {q.id: q for q in self.questions})

    def pages(self, easy_read: bool) -> list[tuple[Question, ...]]:
        """The standard version is one short page; the easy-read version one question a page."""
        if easy_read:
            return [(q,) for q in self.questions]
        return [self.questions]


# Symbols drawn beside easy-read answers; each has a text alternative (WCAG 1.1.1).
SYMBOLS = {
    "yes": "A smiling face",
    "sometimes": "A face with a straight mouth",
    "no": "A sad face",
    "dont-know": "A question mark",
}

FREE_TEXT_MAX = 2000  # characters; about a page of writing
EASY_FREE_TEXT_MAX = 1000

AGREE_SCALE = (
    Option("strongly-agree", "Strongly agree", positive=True),
    Option("agree", "Agree", positive=True),
    Option("neither", "Neither agree nor disagree"),
    Option("disagree", "Disagree"),
    Option("strongly-disagree", "Strongly disagree"),
    Option("dont-know", "Don't know"),
)

YES_NO_SCALE = (
    Option("yes", "Yes", "Yes", "yes", positive=True),
    Option("sometimes", "Sometimes", "Sometimes", "sometimes"),
    Option("no", "No", "No", "no"),
    Option("dont-know", "I don't know", "I don't know", "dont-know"),
)


def _agree(qid: str, text: str, criterion: str, themes: tuple[Theme, ...], summary: str) -> Question:
    return Question(qid, Kind.SINGLE, text, AGREE_SCALE, criterion=criterion, themes=themes, summary=summary)


def _comments(text: str, hint: str, max_length: int = FREE_TEXT_MAX, easy_text: str = "") -> Question:
    return Question("comments", Kind.TEXT, text, easy_text=easy_text, hint=hint, required=False,
                    max_length=max_length)


T = Theme
PARENTS_2026 = Questionnaire(
    version="2026.1",
    audience=Audience.PARENTS,
    title="Survey for parents and carers",
    intro=("Tell the inspectors what it is like for your child and your family to get help for special "
           "educational needs and disabilities (SEND) in this area. It takes about 5 minutes."),
    questions=(
        _agree("needs-identified", "My child's needs were identified early enough.", "A1", (T.EARLY_HELP,),
               "their child's needs were identified early enough"),
        _agree("involved", "I am involved in decisions about my child's support.", "A2", (T.CO_PRODUCTION,),
               "they are involved in decisions about their child's support"),
        _agree("right-help", "My child gets the right help at the right time.", "A3",
               (T.EHC_PLANS, T.HEALTH_WAITING_TIMES), "their child gets the right help at the right time"),
        _agree("next-steps", "My child is well prepared for the next stage of their education or life.", "A4",
               (T.NEXT_STAGE,), "their child is well prepared for the next stage"),
        _agree("included", "My child is valued and included in their community.", "A5", (),
               "their child is valued and included"),
        Question("services", Kind.MULTIPLE, "Which services has your child used in the last year?",
                 (Option("school", "School, college or nursery"), Option("health", "Health services"),
                  Option("social-care", "Social care, including short breaks"),
                  Option("send-team", "The council's SEND team"), Option("none", "None of these"),
                  Option("prefer-not", "Prefer not to say")),
                 hint="Select all that apply.", required=False),
        _comments("Is there anything else you want to tell the inspectors?",
                  "Do not include names or anything that could identify your child or anyone else."),
    ),
)

PRACTITIONERS_2026 = Questionnaire(
    version="2026.1",
    audience=Audience.PRACTITIONERS,
    title="Survey for practitioners",
    intro=("Tell the inspectors how well the area's SEND arrangements work for the children and young people "
           "you work with. It takes about 5 minutes. If you are also a parent or carer, answer this survey "
           "as a practitioner; you can answer the parents and carers survey as well."),
    questions=(
        Question("role", Kind.SINGLE, "What is your main role?",
                 (Option("education", "Education"), Option("health", "Health"),
                  Option("social-care", "Social care"), Option("local-authority", "Local authority SEND team"),
                  Option("other", "Other"), Option("prefer-not", "Prefer not to say"))),
        _agree("needs-identified", "Children's needs in this area are identified early and accurately.", "A1",
               (T.EARLY_HELP,), "children's needs are identified early and accurately"),
        _agree("involved", "Children, young people and families are involved in decisions about support.",
               "A2", (T.CO_PRODUCTION,), "children, young people and families are involved in decisions"),
        _agree("joint-working", "Services work well together so children get the right help at the right time.",
               "A3", (T.DATA_SHARING, T.JOINT_COMMISSIONING), "services work well together"),
        _agree("next-steps", "Young people are well prepared for the next stage of their education or life.",
               "A4", (T.NEXT_STAGE,), "young people are well prepared for the next stage"),
        _comments("Is there anything else you want to tell the inspectors?",
                  "Do not include names or anything that could identify a child, a family or a colleague."),
    ),
)


def _cyp(qid: str, text: str, easy: str, criterion: str, themes: tuple[Theme, ...], summary: str) -> Question:
    return Question(qid, Kind.SINGLE, text, YES_NO_SCALE, easy_text=easy, criterion=criterion, themes=themes,
                    summary=summary)


CHILDREN_2026 = Questionnaire(
    version="2026.1",
    audience=Audience.CHILDREN,
    title="Survey for children and young people",
    intro=("Inspectors want to know what you think about the help you get with your learning, health or "
           "disability. It takes about 5 minutes. You do not have to give your name."),
    easy_read=True,
    easy_title="Tell us what you think",
    easy_intro="We want to know about the help you get. There is one question on each page. You do not give your name.",
    questions=(
        _cyp("listened", "Adults listen to me and act on what I say.", "Do adults listen to me?", "A2",
             (T.CO_PRODUCTION,), "adults listen to them and act on what they say"),
        _cyp("right-help", "I get the help I need.", "Do I get the help I need?", "A3", (T.EHC_PLANS,),
             "they get the help they need"),
        _cyp("trusted-adult", "I have a trusted adult I can talk to.", "Is there an adult I trust?", "A5", (),
             "they have a trusted adult they can talk to"),
        _cyp("ready", "I feel ready for what comes next, like a new school, college or job.",
             "Do I feel ready for what comes next?", "A4", (T.NEXT_STAGE,), "they feel ready for what comes next"),
        _cyp("included", "I can do the things I enjoy with other people my age.",
             "Can I do things I enjoy with friends?", "A5", (), "they can do the things they enjoy with others"),
        _comments("Is there anything else you want to tell us?", "Do not write your name or anyone else's name.",
                  EASY_FREE_TEXT_MAX, easy_text="Tell us anything else. You can leave this empty."),
    ),
)

CURRENT_VERSION = "2026.1"
VERSIONS: dict[str, dict[Audience, Questionnaire]] = {
    "2026.1": {q.audience: q for q in (CHILDREN_2026, PARENTS_2026, PRACTITIONERS_2026)},
}


class UnknownQuestionnaire(KeyError):
    """A survey names a questionnaire version that does not exist."""


def questionnaire(version: str, audience: Audience | str) -> Questionnaire:
    try:
        return VERSIONS[version][Audience(audience)]
    except (KeyError, ValueError):
        raise UnknownQuestionnaire(f"No questionnaire {version!r} for {audience!r}") from None
