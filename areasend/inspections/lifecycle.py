"""The one transition function: every state change of every kind of live activity goes through
`transition`. It locks the row, re-reads the state under the lock, asks the framework's table
(through the activity's performers) whether this user may make the change, applies the change's
own effects, writes the event row, the audit row and any message's outbox rows in the same
transaction; messages are delivered only after commit. A repeated request (double click, retry)
gets the current state back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from areasend.accounts import audit
from areasend.accounts.models import AuditAction
from areasend.framework.lifecycle import Transition

from .models import Inspection, InspectionEvent, State, WorkflowError

Effect = Callable[[Inspection], Any]


def _refuse_state(inspection: Inspection, t: Transition) -> None:
    allowed = " or ".join(State(s).label.lower() for s in sorted(t.sources))
    raise WorkflowError(
        f"'{t.label}' can only be done when the {inspection.spec.noun} is {allowed}; "
        f"it is {State(inspection.state).label.lower()}"
    )


def _is_repeat(inspection: Inspection, t: Transition) -> bool:
    """The same change already made: the state is the transition's target (or, for resume, no
    longer paused) and the last event was this action."""
    last = inspection.events.order_by("-at", "-id").first()
    return last is not None and last.action == t.action and last.to_state == inspection.state


def transition(
    inspection: Inspection, action: str, *, by: Any, request: Any = None, reason: str = "",
    check: Effect | None = None, apply: Effect | None = None, message: Effect | None = None,
    **audit_data: Any,
) -> Inspection:
    """Make `action` on `inspection` as `by`; returns the activity as it now is (and updates the
    instance passed in). Raises PermissionDenied (403) or WorkflowError (a reason in words)."""
    t = inspection.spec.transition(action)
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().select_related("area").get(pk=inspection.pk)
        if not locked.may(by, action):
            raise PermissionDenied(f"You cannot '{t.label.lower()}' on this {locked.spec.noun}")
        if locked.state not in t.sources:
            if _is_repeat(locked, t):
                _refresh(inspection, locked)
                return locked
            _refuse_state(locked, t)
        _check_reason(t, reason, locked)
        if check:
            check(locked)
        if apply:
            apply(locked)
        _move(locked, t, by, request, reason.strip(), audit_data)
        if message:
            # Outbox rows in this transaction; the notifications module delivers them on commit,
            # so a change that rolls back sends nothing.
            message(locked)
    _refresh(inspection, locked)
    return locked


REASON_MAX_LENGTH = InspectionEvent._meta.get_field("reason").max_length or 500


def _check_reason(t: Transition, reason: str, inspection: Inspection) -> None:
    if t.needs_reason and not reason.strip():
        raise WorkflowError(f"Give a reason to {t.label.lower()} the {inspection.spec.noun}")
    if len(reason.strip()) > REASON_MAX_LENGTH:
        raise WorkflowError(f"The reason must be {REASON_MAX_LENGTH} characters or fewer")


def _move(inspection: Inspection, t: Transition, by: Any, request: Any, reason: str,
          audit_data: dict[str, Any]) -> None:
    old = inspection.state
    new = inspection.paused_from if t.target is None else t.target
    inspection.paused_from = old if new == State.PAUSED else ""
    inspection.state_reason = reason if t.needs_reason else ""
    inspection.state = new
    inspection.save()
    InspectionEvent.objects.create(
        inspection=inspection, action=t.action, from_state=old, to_state=new,
        by=by if getattr(by, "pk", None) else None, username=by.get_username(), reason=reason,
    )
    # The reason may hold personal details: it stays on the event row, not in the audit log.
    audit.record(by, AuditAction.TRANSITION, inspection, request=request,
                 area_code=inspection.area.gss_code, transition=t.action, old=old, new=new, **audit_data)


def _refresh(target: Inspection, source: Inspection) -> None:
    for field in target._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    target.__dict__.pop("timeline", None)
