"""The worker supervisor of ``coitrack run``, with stand-in child processes."""

import os
import sys
import time

import pytest

from coitrack.core import runner
from coitrack.core.tests.processes import pid_alive, wait_for

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def stubborn(ready_file) -> list[str]:
    """A child that ignores SIGTERM and SIGINT (only SIGKILL stops it); touches ``ready_file``."""
    return [sys.executable, "-c", (
        "import pathlib, signal, sys, time\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        f"pathlib.Path({str(ready_file)!r}).touch(); time.sleep(60)")]


@pytest.fixture
def supervise():
    started = []

    def start(command):
        supervisor = runner.WorkerSupervisor(command, poll_interval=0.05)
        supervisor.start()
        started.append(supervisor)
        return supervisor

    yield start
    for supervisor in started:
        supervisor.stop()


def test_a_worker_that_dies_is_restarted(supervise, caplog):
    supervisor = supervise(SLEEPER)
    first = supervisor.process
    first.kill()
    wait_for(lambda: supervisor.process is not first, timeout=10, what="a new worker")
    assert pid_alive(supervisor.process.pid)
    assert "exited with code -9; restarting" in caplog.text


def test_stop_sends_sigterm_first_and_waits(supervise):
    supervisor = supervise(SLEEPER)
    process = supervisor.process
    began = time.monotonic()
    assert supervisor.stop() == -15  # SIGTERM ended it
    assert time.monotonic() - began < runner.GRACE_SECONDS
    assert not pid_alive(process.pid)


def test_a_worker_ignoring_signals_is_killed_within_the_deadline(supervise, tmp_path):
    ready = tmp_path / "ready"
    supervisor = supervise(stubborn(ready))
    wait_for(ready.exists, timeout=20, what="the child to ignore signals")
    process = supervisor.process
    began = time.monotonic()
    assert supervisor.stop() == -9
    elapsed = time.monotonic() - began
    assert runner.GRACE_SECONDS <= elapsed < runner.GRACE_SECONDS + runner.KILL_AFTER_SECONDS + 1
    assert not pid_alive(process.pid)


def test_no_restart_after_stop(supervise):
    supervisor = supervise(SLEEPER)
    process = supervisor.process
    supervisor.stop()
    time.sleep(0.3)
    assert supervisor.process is process


def test_worker_command_names_this_process_as_parent():
    command = runner.worker_command()
    assert command[1:4] == ["-m", "coitrack.cli", "worker"]
    assert command[command.index("--parent-pid") + 1] == str(os.getpid())
    assert command[command.index("--graceful-signal") + 1] == "TERM"
