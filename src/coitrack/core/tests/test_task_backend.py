"""The django.tasks -> Huey bridge, in process (the queue is Huey's "immediate" mode in tests)."""

import datetime as dt

import pytest
from django.db import transaction
from django.tasks import task
from django.tasks.exceptions import InvalidTask
from django.tasks.signals import task_finished, task_started
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from coitrack.core.tasks_builtin import ping, ping_with_context

pytestmark = pytest.mark.django_db


def _raw_function(marker_path: str) -> None:  # pragma: no cover - must never run
    raise AssertionError("ran")


# Registered under another name than its function: the worker could never find it.
misnamed = task()(_raw_function)


@task()
def explode() -> None:
    raise RuntimeError("boom")


def test_task_runs_once_the_transaction_commits(tmp_path, django_capture_on_commit_callbacks):
    marker = tmp_path / "ran"
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        ping.enqueue(str(marker))
        assert not marker.exists()  # nothing handed over before the commit
    assert len(callbacks) == 1
    assert "pid=" in marker.read_text()


def test_rolled_back_transaction_leaves_no_task(tmp_path, django_capture_on_commit_callbacks):
    marker = tmp_path / "ran"
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ZeroDivisionError),
        transaction.atomic(),
    ):
        ping.enqueue(str(marker))
        1 / 0  # noqa: B018
    assert callbacks == []
    assert not marker.exists()


def test_result_describes_the_enqueued_task(tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = ping.enqueue(marker_path=str(tmp_path / "m"))
    assert result.kwargs == {"marker_path": str(tmp_path / "m")}
    assert result.backend == "default"
    assert result.enqueued_at is not None
    assert len(result.id) >= 32


def test_task_taking_context_receives_its_result_id(tmp_path, django_capture_on_commit_callbacks):
    marker = tmp_path / "ctx"
    with django_capture_on_commit_callbacks(execute=True):
        result = ping_with_context.enqueue(str(marker))
    assert marker.read_text() == result.id


def test_arguments_must_be_json_values(tmp_path, db):
    with pytest.raises(TypeError):
        ping.enqueue(tmp_path)  # a Path object, not a string


def test_task_the_worker_could_not_import_is_refused(db):
    with pytest.raises(InvalidTask, match="cannot be imported"):
        misnamed.enqueue("x")


def test_deferred_task_is_scheduled_for_later_not_run(tmp_path, django_capture_on_commit_callbacks):
    marker = tmp_path / "later"
    when = timezone.now() + dt.timedelta(hours=1)
    HUEY.flush()
    with django_capture_on_commit_callbacks(execute=True):
        result = ping.using(run_after=when).enqueue(str(marker))
    assert not marker.exists()
    scheduled = {job.id: job for job in HUEY.scheduled()}
    assert result.id in scheduled
    eta = scheduled[result.id].eta  # Huey keeps naive UTC
    assert abs(eta.replace(tzinfo=dt.UTC) - when) < dt.timedelta(seconds=1)
    HUEY.flush()


def test_priority_is_passed_to_huey(db, django_capture_on_commit_callbacks):
    seen = []
    original = HUEY.enqueue
    HUEY.enqueue = lambda job: seen.append(job)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            ping.using(priority=50).enqueue("/nonexistent/never-run")
    finally:
        HUEY.enqueue = original
    assert [job.priority for job in seen] == [50]


def test_django_signals_report_start_and_outcome(tmp_path, django_capture_on_commit_callbacks):
    events = []

    def started(sender, task_result, **kwargs):
        events.append(("started", task_result.task.name, task_result.status))

    def finished(sender, task_result, **kwargs):
        events.append(("finished", task_result.task.name, task_result.status))

    task_started.connect(started)
    task_finished.connect(finished)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            ping.enqueue(str(tmp_path / "ok"))
            explode.enqueue()
    finally:
        task_started.disconnect(started)
        task_finished.disconnect(finished)
    assert events == [
        ("started", "ping", "RUNNING"), ("finished", "ping", "SUCCESSFUL"),
        ("started", "explode", "RUNNING"), ("finished", "explode", "FAILED"),
    ]
