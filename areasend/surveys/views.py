"""Survey pages. Answering (`/surveys/s/<token>/…`) needs no account and sets no cookie: the
form carries the answers of earlier pages in hidden fields and a signed submission key instead of
a session or CSRF cookie (the key is what a forged cross-site post cannot have). Nothing about the
respondent is stored or logged. The team's results and the families' summary go through the
access policy."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from areasend import policy
from areasend.accounts import audit
from areasend.accounts.models import AuditAction
from areasend.inspections.models import Inspection, WorkflowError

from . import answers as ans
from . import flood, published, services
from .models import Survey, SurveyStatus
from .questions import SYMBOLS, Audience, Kind, Question, Questionnaire
from .results import MIN_RESPONSES_TO_SHOW, SUPPRESSION_NOTE, from_counts
from .retention import RETENTION_YEARS

EASY = "easy-read"
KEY_SLOT = "__submission-key__"
TOO_MANY = "Too many forms from your network could not be used in the last minute. Wait a minute and try again."
BLANK_FORM_SECONDS = 300


# What the answering pages read of a survey, its inspection and area: the lookup runs on every
# form and every post, so it leaves out the inspection's report text and the rest.
ANSWERING_FIELDS = ("token", "audience", "version", "opens_on", "closes_on", "inspection__kind",
                    "inspection__state", "inspection__synthetic", "inspection__area__name")


def _survey(token: str) -> Survey:
    surveys = Survey.objects.select_related("inspection__area").only(*ANSWERING_FIELDS)
    return get_object_or_404(surveys, token=token)


def _closed(request: HttpRequest, survey: Survey, status: int = 200) -> HttpResponse:
    message = services.closed_message(survey, timezone.localdate())
    return render(request, "surveys/closed.html", {"survey": survey, "message": message}, status=status)


@require_GET
def start(request: HttpRequest, token: str) -> HttpResponse:
    survey = _survey(token)
    if survey.status is not SurveyStatus.OPEN:
        return _closed(request, survey)
    context = {"survey": survey, "q": survey.questionnaire, "threshold": MIN_RESPONSES_TO_SHOW,
               "retention_years": RETENTION_YEARS}
    return render(request, "surveys/start.html", context)


@require_GET
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    return render(request, "surveys/thanks.html", {"survey": _survey(token)})


# --- Answering, page by page -------------------------------------------------------------------


def _options(question: Question, easy_read: bool, chosen: Any) -> list[dict[str, Any]]:
    picked = set(chosen) if isinstance(chosen, list) else {chosen}
    return [{"value": o.value, "label": (o.easy_label or o.label) if easy_read else o.label,
             "id": f"q-{question.id}" + (f"-{i}" if i else ""), "checked": o.value in picked,
             "symbol": o.symbol if easy_read else "", "alt": SYMBOLS.get(o.symbol, "")}
            for i, o in enumerate(question.options)]


def _question_context(question: Question, easy_read: bool, answers: ans.Answers,
                      errors: dict[str, str]) -> dict[str, Any]:
    name = ans.field_name(question)
    return {"q": question, "name": name, "text": question.wording(easy_read), "error": errors.get(name, ""),
            "kind": question.kind.value, "value": answers.get(question.id, ""),
            "options": _options(question, easy_read, answers.get(question.id))}


def _carried(q: Questionnaire, page: tuple[Question, ...], answers: ans.Answers) -> list[tuple[str, str]]:
    """Hidden fields for the answers given on other pages."""
    on_page = {x.id for x in page}
    carried = []
    for qid, value in answers.items():
        if qid in q.by_id and qid not in on_page:
            for v in value if isinstance(value, list) else [value]:
                carried.append((ans.field_name(q.by_id[qid]), v))
    return carried


def _page(request: HttpRequest, survey: Survey, *, index: int, easy_read: bool, key: str,
          answers: ans.Answers, errors: dict[str, str] | None = None, status: int = 200) -> HttpResponse:
    q = survey.questionnaire
    pages = q.pages(easy_read)
    page = pages[index]
    errors = errors or {}
    context = {
        "survey": survey, "questionnaire": q, "easy_read": easy_read, "key": key, "index": index,
        "number": index + 1, "total": len(pages), "last": index == len(pages) - 1,
        "questions": [_question_context(x, easy_read, answers, errors) for x in page],
        "carried": _carried(q, page, answers),
        "errors": [{"field": f"{name}", "message": message} for name, message in errors.items()],
        "single": len(page) == 1,
    }
    return render(request, "surveys/question.html", context, status=status)


def _refuse(request: HttpRequest, survey: Survey, message: str) -> HttpResponse:
    flood.note_refusal(request)
    context = {"survey": survey, "message": message, "errors": [{"field": "", "message": message}]}
    return render(request, "surveys/refused.html", context, status=400)


def _index(request: HttpRequest, pages: int) -> int | None:
    try:
        index = int(request.POST.get("page", ""))
    except ValueError:
        return None
    return index if 0 <= index < pages else None


@csrf_exempt  # no cookie is set; the signed submission key does the CSRF token's job
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    survey = _survey(token)
    if survey.status is not SurveyStatus.OPEN:
        return _closed(request, survey, status=200 if request.method == "GET" else 400)
    if request.method == "GET":
        easy_read = request.GET.get("version") == EASY and survey.questionnaire.easy_read
        return _blank_form(request, survey, easy_read)
    return _post(request, survey)


def _blank_form(request: HttpRequest, survey: Survey, easy_read: bool) -> HttpResponse:
    """The first page, as everyone without an account sees it: rendered once per survey and
    version and kept in the cache, with only the fresh submission key put in (links go out in
    bursts; this keeps the page as cheap as the post)."""
    key = services.issue_key(survey)
    if request.user.is_authenticated:  # the header names a signed-in user: render for them
        return _page(request, survey, index=0, easy_read=easy_read, key=key, answers={})
    cache_key = f"surveys:blank:{survey.token}:{easy_read}:{survey.version}"
    html = cache.get(cache_key)
    if html is None:
        html = _page(request, survey, index=0, easy_read=easy_read, key=KEY_SLOT, answers={}).content.decode()
        cache.set(cache_key, html, BLANK_FORM_SECONDS)
    return HttpResponse(html.replace(KEY_SLOT, key, 1))


def _post(request: HttpRequest, survey: Survey) -> HttpResponse:
    if flood.flooding(request):
        context = {"survey": survey, "message": TOO_MANY, "errors": [{"field": "", "message": TOO_MANY}]}
        return render(request, "surveys/refused.html", context, status=429)
    q = survey.questionnaire
    easy_read = request.POST.get("version") == EASY and q.easy_read
    pages = q.pages(easy_read)
    index = _index(request, len(pages))
    key = request.POST.get("key", "")
    if index is None:
        return _refuse(request, survey, "The form was incomplete. Start the survey again.")
    try:
        services.read_key(survey, key)
    except WorkflowError as error:
        return _refuse(request, survey, str(error))
    earlier = [x for page in pages[:index] for x in page]
    before = ans.check(q, request.POST, earlier, easy_read=easy_read)
    if not before.ok:
        return _refuse(request, survey, before.refused or "Some earlier answers were changed. Start the survey again.")
    answers = dict(before.answers)
    if "back" in request.POST and index > 0:
        later = ans.check(q, request.POST, [x for page in pages[index:] for x in page], easy_read=easy_read)
        return _page(request, survey, index=index - 1, easy_read=easy_read, key=key,
                     answers={**answers, **later.answers})
    return _continue(request, survey, index=index, easy_read=easy_read, key=key, answers=answers)


def _continue(request: HttpRequest, survey: Survey, *, index: int, easy_read: bool, key: str,
              answers: ans.Answers) -> HttpResponse:
    q = survey.questionnaire
    pages = q.pages(easy_read)
    current = ans.check(q, request.POST, pages[index], easy_read=easy_read)
    later = ans.check(q, request.POST, [x for page in pages[index + 1:] for x in page], easy_read=easy_read)
    answers = {**answers, **current.answers, **later.answers}
    if current.refused:
        return _refuse(request, survey, current.refused)
    if current.errors:
        return _page(request, survey, index=index, easy_read=easy_read, key=key, answers=answers,
                     errors=current.errors, status=400)
    if index + 1 < len(pages):
        return _page(request, survey, index=index + 1, easy_read=easy_read, key=key, answers=answers)
    only_known = {qid: v for qid, v in answers.items() if qid in q.by_id}
    try:
        services.submit(survey, only_known, signed_key=key, easy_read=easy_read)
    except services.SurveyClosed:
        return _closed(request, survey, status=400)
    except WorkflowError as error:
        return _refuse(request, survey, str(error))
    return redirect("surveys:thanks", token=survey.token)


# --- The team's results and the families' summary ----------------------------------------------


def _results(survey: Survey, *, with_comments: bool) -> Any:
    """From the running totals; the comments (team only) from the responses that have one."""
    comments: dict[str, list[str]] = {}
    if with_comments:
        for q in survey.questionnaire.questions:
            if q.kind is Kind.TEXT:
                found = survey.responses.filter(answers__has_key=q.id).values_list(f"answers__{q.id}", flat=True)
                comments[q.id] = [str(c) for c in found]
    return from_counts(survey.questionnaire, services.counts_of(survey), comments)


def _window_closed(inspection: Inspection) -> bool:
    step = services.window(inspection)
    return step is not None and step.last_day < timezone.localdate()


def _team_page(request: HttpRequest, inspection: Inspection, *, errors: list[dict[str, str]] | None = None,
               status: int = 200) -> HttpResponse:
    surveys = list(inspection.surveys.all())
    step = services.window(inspection)
    context = {
        "inspection": inspection, "window": step, "errors": errors or [],
        "rows": [{"survey": s, "link": request.build_absolute_uri(f"/surveys/s/{s.token}/"),
                  "result": _results(s, with_comments=True)} for s in surveys],
        "may_open": policy.may_open_surveys(request.user, inspection) and step is not None
        and len(surveys) < len(Audience),
        "threshold": MIN_RESPONSES_TO_SHOW, "suppression_note": SUPPRESSION_NOTE,
        # The inspection's section navigation (results are working papers: whoever reads them has those).
        "staff": policy.is_staff_role(request.user), "working_papers": True,
        "cases_url": reverse("cases:list", args=[inspection.pk])
        if policy.may_see_person_level(request.user, inspection) else "",
    }
    audit.record(request.user, AuditAction.VIEW, inspection, request=request, area_code=inspection.area.gss_code,
                 page="survey-results", surveys=len(surveys))
    return render(request, "surveys/results.html", context, status=status)


@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    return _team_page(request, policy.survey_results_of(request.user, pk))


@require_POST
def open_surveys(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = policy.survey_results_of(request.user, pk)
    policy.require(policy.may_open_surveys(request.user, inspection),
                   "Only the lead inspector or a planner can open the surveys")
    try:
        services.open_surveys(inspection, by=request.user, request=request)
    except WorkflowError as error:
        return _team_page(request, inspection, errors=[{"field": "", "message": str(error)}], status=400)
    flash.success(request, "The surveys are open. Share the links with the partnership.")
    return redirect("surveys:results", pk=inspection.pk)


@require_GET
def summary(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = policy.get_inspection_for(request.user, pk)
    if not policy.may_read_survey_summary(request.user, inspection, window_closed=_window_closed(inspection)):
        raise Http404("No such inspection")
    context = {"inspection": inspection, "sections": published.sections_for(inspection),
               "threshold": MIN_RESPONSES_TO_SHOW,
               "suppression_note": SUPPRESSION_NOTE, "window": services.window(inspection),
               "window_closed": _window_closed(inspection), "kind_text": Kind.TEXT.value}
    return render(request, "surveys/summary.html", context)
