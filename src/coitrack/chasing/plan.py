"""The next step of one renewal request: which message, on which day, and whom it reaches.

A request is one conversation with a vendor about everything it owes now (expiring or expired
policies, deficiencies). It goes in *rounds*: a round starts with a request (or, after an answer
that fell short, a "what to fix" message) and continues with reminders every K days, at most M.
Once a policy the request is about has expired, reminders give way to follow-ups: one on the
expiration day (agents often issue renewals only then), then every F days, at most N. Messages
sent since the vendor last answered count as unanswered; after E of them every message also
goes to the vendor's insurance agent (the first such one is the escalation, which also tells the
vendor's owner). Unanswered for X days: the vendor is marked unresponsive, once per request.

While an answer awaits review (the vendor uploaded something), nothing is sent: the answer is
judged first. All days are the organization's local days; the ``outreach`` app turns a day into a
moment in the send window (:mod:`coitrack.chasing.calendar`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from coitrack.chasing.schedule import Schedule

REQUEST = "request"        # first message of a request, or one sent by hand
REMINDER = "reminder"      # unanswered, before the policy expires
FOLLOWUP = "followup"      # after the policy expired
FIX = "fix"                # the vendor answered, and what it sent falls short: what to fix
KINDS = (REQUEST, REMINDER, FOLLOWUP, FIX)
DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class RequestState:
    """What the schedule needs to know about one open request (stored on its row)."""

    opened_on: dt.date
    expiration: dt.date | None = None      # the earliest expiry the request is about, if any
    last_sent_on: dt.date | None = None
    waiting_since: dt.date | None = None   # first message after the last answer
    round_reminders: int = 0
    followups: int = 0
    unanswered: int = 0
    escalated: bool = False
    unresponsive: bool = False
    awaiting_review: bool = False
    fix_due: bool = False
    send_now: bool = False                 # someone asked for a request by hand


@dataclass(frozen=True, slots=True)
class Step:
    """A message to send on ``on`` (or as soon as possible after it)."""

    kind: str
    on: dt.date
    copy_agent: bool = False   # the agent gets its own version of this message
    escalate: bool = False     # the first message to copy the agent: tell the vendor's owner


def next_step(state: RequestState, schedule: Schedule) -> Step | None:
    """The next message of ``state`` under ``schedule``, or ``None`` when nothing more is due
    (awaiting review, or every reminder and follow-up of the round has gone out)."""
    if state.awaiting_review:
        return None
    if state.send_now:
        return _step(state, schedule, REQUEST, state.opened_on if state.last_sent_on is None
                     else state.last_sent_on)
    if state.fix_due:
        return _step(state, schedule, FIX, state.last_sent_on or state.opened_on)
    last = state.last_sent_on
    if last is None:
        return _step(state, schedule, REQUEST, state.opened_on)
    candidates: list[tuple[dt.date, str]] = []
    if state.expiration is not None and state.followups < schedule.max_followups:
        if state.followups == 0 and last < state.expiration:
            candidates.append((state.expiration, FOLLOWUP))
        else:
            candidates.append((last + schedule.followup_every_days * DAY, FOLLOWUP))
    if state.round_reminders < schedule.max_reminders:
        on = last + schedule.reminder_every_days * DAY
        if state.expiration is None or on < state.expiration:
            candidates.append((on, REMINDER))
    if not candidates:
        return None
    on, kind = min(candidates)
    return _step(state, schedule, kind, on)


def _step(state: RequestState, schedule: Schedule, kind: str, on: dt.date) -> Step:
    escalate = not state.escalated and state.unanswered >= schedule.escalate_after
    return Step(kind, on, copy_agent=state.escalated or escalate, escalate=escalate)


def after_sending(state: RequestState, step: Step, on: dt.date) -> RequestState:
    """The state once ``step`` went out on local day ``on``."""
    return replace(
        state,
        last_sent_on=on,
        waiting_since=state.waiting_since or on,
        round_reminders=state.round_reminders + 1 if step.kind == REMINDER else 0
        if step.kind in (REQUEST, FIX) else state.round_reminders,
        followups=state.followups + 1 if step.kind == FOLLOWUP else state.followups,
        unanswered=state.unanswered + 1,
        escalated=state.escalated or step.escalate,
        fix_due=False,
        send_now=False,
    )


def after_answer(state: RequestState) -> RequestState:
    """The vendor answered (uploaded something): stop and wait for the answer to be judged."""
    return replace(state, awaiting_review=True, unanswered=0, waiting_since=None,
                   fix_due=False)


def after_judging(state: RequestState) -> RequestState:
    """The answer was judged and falls short: a "what to fix" message starts a new round."""
    return replace(state, awaiting_review=False, fix_due=True, round_reminders=0)


def unresponsive_on(state: RequestState, schedule: Schedule) -> dt.date | None:
    """The day the vendor becomes unresponsive, if it stays silent; ``None`` when that is not
    pending (already marked, waiting for review, or nothing unanswered)."""
    if state.unresponsive or state.awaiting_review or state.waiting_since is None:
        return None
    return state.waiting_since + schedule.unresponsive_after_days * DAY


def next_action_on(state: RequestState, schedule: Schedule) -> dt.date | None:
    """The first day something is due: a message or the unresponsive mark."""
    step = next_step(state, schedule)
    days = [d for d in (step.on if step else None, unresponsive_on(state, schedule)) if d]
    return min(days) if days else None


def request_opens_on(expiration: dt.date, schedule: Schedule) -> dt.date:
    """The day a request about a policy expiring on ``expiration`` starts."""
    return expiration - schedule.first_request_days * DAY
