"""``coitrack worker`` as a real process consumes what the app enqueues through django.tasks.

The worker and the process that enqueues share only a temporary data dir: the SQLite queue file
in it is the whole connection between them, as between the web server and a worker in production.
"""

import shutil
import signal
import socket
import subprocess
import time

import pytest

from coitrack.core.tests.processes import Running, clean_env, coitrack, wait_for

# Run a second time against Redis by CI (COITRACK_TEST_QUEUE_URL, see processes.clean_env).
pytestmark = pytest.mark.queue


@pytest.fixture
def worker(tmp_path):
    env = clean_env(tmp_path / "data")
    # --no-periodic: these tests are about the queue. The data dir has no migrated database, and
    # a periodic job that happens to be due (every 15 minutes for re-evaluation) would log a
    # traceback about missing tables; the periodic jobs are tested in test_periodic.py.
    running = Running("worker", "--shutdown-timeout", "2", "--no-periodic", env=env)
    running.env = env
    running.wait_for_line(r"worker started \(pid \d+\)")
    yield running
    running.stop()


def _enqueue(env, statement: str) -> str:
    """Run ``statement`` in a fresh ``coitrack shell``; its last printed line."""
    code = f"from coitrack.core.tasks_builtin import ping, ping_with_context\n{statement}"
    result = coitrack("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def test_worker_runs_a_task_enqueued_by_another_process(worker, tmp_path):
    marker = tmp_path / "ping"
    _enqueue(worker.env, f"ping.enqueue({str(marker)!r})")
    wait_for(marker.exists, timeout=20, what="the worker to run ping")
    worker_pid = worker.process.pid
    assert f"pid={worker_pid}" in marker.read_text()  # it ran in the worker, not the enqueuer


def test_worker_gives_a_context_task_its_result_id(worker, tmp_path):
    marker = tmp_path / "ctx"
    result_id = _enqueue(worker.env, f"print(ping_with_context.enqueue({str(marker)!r}).id)")
    wait_for(marker.exists, timeout=20, what="the worker to run ping_with_context")
    assert marker.read_text() == result_id


def test_worker_waits_for_run_after(worker, tmp_path):
    marker = tmp_path / "later"
    _enqueue(worker.env, (
        "import datetime as dt; from django.utils import timezone\n"
        f"ping.using(run_after=timezone.now() + dt.timedelta(seconds=4)).enqueue({str(marker)!r})"
    ))
    enqueued = time.monotonic()
    wait_for(marker.exists, timeout=30, what="the deferred ping")
    assert time.monotonic() - enqueued >= 2.5  # not before its time (minus process start-up)


def test_worker_stops_cleanly_on_sigint(worker):
    worker.process.send_signal(signal.SIGINT)
    assert worker.process.wait(timeout=10) == 0
    worker.wait_for_line("worker stopped")
    assert "Traceback" not in worker.output


@pytest.mark.parametrize("delay", [0.2, 0.6, 1.2])
def test_worker_stopped_while_starting_exits_quietly(tmp_path, delay):
    # The signal lands somewhere in Django's set-up, the task discovery or the consumer's
    # creation, depending on the delay: wherever it lands, the worker stops at once, silently.
    running = Running("worker", "--no-periodic", env=clean_env(tmp_path / "data"))
    time.sleep(delay)
    running.process.send_signal(signal.SIGTERM)
    assert running.process.wait(timeout=10) == 0
    running._reader.join(timeout=5)
    assert "Traceback" not in running.output
    assert "Exception ignored" not in running.output


def test_worker_refuses_the_immediate_queue(tmp_path):
    result = coitrack("worker", env=clean_env(tmp_path, COITRACK_QUEUE_URL="immediate"))
    assert result.returncode != 0
    assert "immediate" in result.stderr


@pytest.fixture
def redis_url(tmp_path):
    """A throwaway Redis server on a free port (skipped where redis-server is not installed)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )

    def answers():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    wait_for(answers, timeout=10, what="redis-server")
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


def test_workers_share_a_redis_queue_across_data_dirs(redis_url, tmp_path):
    # Two "machines": separate data dirs, one Redis queue. The task enqueued on one runs on the
    # other's worker.
    shared = {"COITRACK_QUEUE_URL": redis_url, "COITRACK_QUEUE_NAME": "coitrack-two-machines"}
    worker_env = clean_env(tmp_path / "worker-machine", **shared)
    web_env = clean_env(tmp_path / "web-machine", **shared)
    running = Running("worker", "--shutdown-timeout", "2", "--no-periodic", env=worker_env)
    try:
        running.wait_for_line(r"worker started \(pid \d+\).*queue redis")
        marker = tmp_path / "via-redis"
        _enqueue(web_env, f"ping.enqueue({str(marker)!r})")
        wait_for(marker.exists, timeout=20, what="the worker to run ping from Redis")
        assert f"pid={running.process.pid}" in marker.read_text()
    finally:
        running.stop()
