"""``coitrack run`` end to end: migrate, serve, supervise the worker, stop cleanly."""

import os
import re
import signal
import time
import urllib.request

import pytest

from coitrack.core.tests.processes import Running, clean_env, coitrack, pid_alive, wait_for

WORKER_STARTED = r"worker started \(pid (\d+)\)"


@pytest.fixture
def server(tmp_path):
    env = clean_env(tmp_path / "data")
    running = Running("run", "--host", "127.0.0.1", "--port", "0", "--threads", "2", env=env)
    running.env = env
    running.url = running.wait_for_line(r"coitrack is running at (http://\S+)").group(1)
    running.worker_pid = int(running.wait_for_line(WORKER_STARTED).group(1))
    yield running
    running.stop()


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


def test_run_serves_pages_and_static_files(server):
    assert _get(server.url + "healthz") == (200, b'{"status": "ok"}')
    status, body = _get(server.url + "login/")
    assert status == 200 and b"Sign in" in body
    status, body = _get(server.url + "static/coitrack/htmx-2.0.11.min.js")
    assert status == 200 and b"htmx" in body


def test_sigint_stops_server_and_worker_quickly(server):
    assert pid_alive(server.worker_pid)
    started = time.monotonic()
    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(timeout=10) == 0
    assert time.monotonic() - started < 5
    assert not pid_alive(server.worker_pid)
    assert "Traceback" not in server.output
    assert "coitrack stopped." in server.output


def test_sigterm_stops_server_and_worker(server):
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=10) == 0
    assert not pid_alive(server.worker_pid)
    assert "Traceback" not in server.output


def test_dead_worker_is_restarted_with_a_log_line(server):
    seen = len(server.lines)
    os.kill(server.worker_pid, signal.SIGKILL)
    server.wait_for_line(r"worker \(pid \d+\) exited with code -9; restarting", after=seen)
    new_pid = int(server.wait_for_line(WORKER_STARTED, after=seen, timeout=30).group(1))
    assert new_pid != server.worker_pid
    assert pid_alive(new_pid)
    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(timeout=10) == 0
    assert not pid_alive(new_pid)


def test_the_workers_child_consumes_the_queue(server, tmp_path):
    marker = tmp_path / "ping"
    result = coitrack("shell", "-c", "from coitrack.core.tasks_builtin import ping; "
                      f"ping.enqueue({str(marker)!r})", env=server.env)
    assert result.returncode == 0, result.stderr
    wait_for(marker.exists, timeout=20, what="the worker of `coitrack run` to run ping")
    pid = int(re.search(r"pid=(\d+)", marker.read_text()).group(1))
    assert pid == server.worker_pid


def test_run_refuses_a_bad_port(tmp_path):
    result = coitrack("run", "--port", "70000", env=clean_env(tmp_path))
    assert result.returncode != 0
    assert "--port" in result.stderr
