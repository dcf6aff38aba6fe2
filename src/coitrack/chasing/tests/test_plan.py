"""The chasing rules, day by day, without a database."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from coitrack.chasing import calendar, plan
from coitrack.chasing.schedule import Schedule, ScheduleError, clean_overrides, resolve

NY = ZoneInfo("America/New_York")
D = dt.date(2027, 3, 1)


def run(state: plan.RequestState, schedule: Schedule, days: int) -> list[tuple[int, str, bool]]:
    """Send every step on its day (no business-day shifting): ``(day offset, kind, agent)``."""
    sent = []
    for offset in range(days):
        today = D + dt.timedelta(days=offset)
        step = plan.next_step(state, schedule)
        if step is not None and step.on <= today:
            sent.append((offset, step.kind, step.copy_agent))
            state = plan.after_sending(state, step, today)
    return sent


def test_the_defaults_are_those_of_the_issue():
    s = Schedule()
    assert (s.first_request_days, s.reminder_every_days, s.max_reminders) == (30, 7, 3)
    assert s.business_days_only and s.window_start == dt.time(9)


def test_a_request_without_expiry_reminds_m_times_then_stops():
    sent = run(plan.RequestState(opened_on=D), Schedule(), 60)
    assert sent == [(0, "request", False), (7, "reminder", False), (14, "reminder", False),
                    (21, "reminder", True)]


def test_reminders_give_way_to_follow_ups_on_the_expiration_day():
    state = plan.RequestState(opened_on=D, expiration=D + dt.timedelta(days=10))
    sent = run(state, Schedule(max_followups=2), 40)
    assert sent == [(0, "request", False), (7, "reminder", False), (10, "followup", False),
                    (17, "followup", True)]


def test_a_request_opened_after_expiry_follows_up_every_f_days():
    state = plan.RequestState(opened_on=D, expiration=D - dt.timedelta(days=3))
    sent = run(state, Schedule(max_followups=2, escalate_after=9), 30)
    assert sent == [(0, "request", False), (7, "followup", False), (14, "followup", False)]


def test_escalation_happens_once_after_e_unanswered_messages():
    state = plan.RequestState(opened_on=D, unanswered=2)
    step = plan.next_step(state, Schedule(escalate_after=2))
    assert step.escalate and step.copy_agent
    after = plan.after_sending(state, step, D)
    assert after.escalated and not plan.next_step(after, Schedule(escalate_after=2)).escalate


def test_an_answer_pauses_everything_until_it_is_judged():
    state = plan.after_answer(plan.RequestState(opened_on=D, last_sent_on=D, unanswered=3,
                                                waiting_since=D))
    assert plan.next_step(state, Schedule()) is None
    assert plan.unresponsive_on(state, Schedule()) is None
    judged = plan.after_judging(state)
    step = plan.next_step(judged, Schedule())
    assert step.kind == plan.FIX and step.on == D and not step.copy_agent


def test_unresponsive_counts_from_the_first_unanswered_message():
    state = plan.RequestState(opened_on=D, last_sent_on=D, waiting_since=D, unanswered=1)
    assert plan.unresponsive_on(state, Schedule(unresponsive_after_days=45)) == D + dt.timedelta(
        days=45)


def test_request_now_sends_at_once_and_starts_a_new_round():
    state = plan.RequestState(opened_on=D, last_sent_on=D, round_reminders=3, send_now=True)
    step = plan.next_step(state, Schedule())
    assert step.kind == plan.REQUEST and step.on == D
    assert plan.after_sending(state, step, D).round_reminders == 0


def test_weekends_move_to_monday_and_evenings_to_the_next_morning():
    saturday = dt.date(2027, 3, 6)
    assert calendar.send_time(saturday, NY, Schedule()) == dt.datetime(2027, 3, 8, 9, tzinfo=NY)
    evening = dt.datetime(2027, 3, 3, 18, tzinfo=NY)
    assert calendar.next_moment(evening, NY, Schedule()) == dt.datetime(2027, 3, 4, 9, tzinfo=NY)
    noon = dt.datetime(2027, 3, 3, 12, tzinfo=NY)
    assert calendar.next_moment(noon, NY, Schedule()) == noon
    assert calendar.send_time(saturday, NY, Schedule(business_days_only=False)).date() == saturday


def test_layers_apply_in_order_and_only_set_keys_override():
    s = resolve({"reminder_every_days": 5, "window_start": "08:30"}, {"reminder_every_days": 3})
    assert s.reminder_every_days == 3 and s.window_start == dt.time(8, 30)
    assert s.max_reminders == 3


@pytest.mark.parametrize("bad, words", [
    ({"reminder_every_days": 0}, "between 1 and 90"),
    ({"reminder_every_days": "7"}, "whole number"),
    ({"colour": 1}, "Unknown"),
    ({"window_start": "25:00"}, "time such as"),
    ({"enabled": "yes"}, "true or false"),
])
def test_bad_parameters_are_refused_with_their_name(bad, words):
    with pytest.raises(ScheduleError, match=words):
        clean_overrides(bad)


def test_a_send_window_that_ends_before_it_starts_is_refused():
    with pytest.raises(ScheduleError, match="end after it starts"):
        resolve({"window_start": "17:00", "window_end": "09:00"})
