"""A request row as the pure chasing state, and the columns a step changes."""

from __future__ import annotations

from coitrack.chasing.plan import RequestState
from coitrack.outreach.models import Request, RequestStatus


def state_of(request: Request) -> RequestState:
    return RequestState(
        opened_on=request.opened_on,
        expiration=request.expiration,
        last_sent_on=request.last_sent_on,
        waiting_since=request.waiting_since,
        round_reminders=request.round_reminders,
        followups=request.followups,
        unanswered=request.unanswered,
        escalated=request.escalated_at is not None,
        unresponsive=request.unresponsive_at is not None,
        awaiting_review=request.status == RequestStatus.ANSWERED,
        fix_due=request.fix_due,
        send_now=request.send_now,
    )


def columns_of(state: RequestState) -> dict:
    """The columns that hold ``state`` (not the timestamps, set by whoever changes them)."""
    return {
        "expiration": state.expiration,
        "last_sent_on": state.last_sent_on,
        "waiting_since": state.waiting_since,
        "round_reminders": state.round_reminders,
        "followups": state.followups,
        "unanswered": state.unanswered,
        "fix_due": state.fix_due,
        "send_now": state.send_now,
    }
