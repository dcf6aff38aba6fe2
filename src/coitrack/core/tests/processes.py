"""Helpers for tests that run ``coitrack`` commands as real processes."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

COITRACK = [sys.executable, "-m", "coitrack.cli"]


TEST_QUEUE_URL = os.environ.get("COITRACK_TEST_QUEUE_URL", "")


def clean_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """This process's environment without coitrack settings, pointed at ``data_dir``.

    With ``COITRACK_TEST_QUEUE_URL`` set (CI sets a Redis URL for its second run of the
    ``queue`` tests), the processes use that queue, under a name of their own so that
    parallel runs sharing the server never take each other's jobs.
    """
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith("COITRACK_") and key not in {"DATABASE_URL",
                                                            "DJANGO_SETTINGS_MODULE"}
    }
    env.update({"COITRACK_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"})
    if TEST_QUEUE_URL:
        env.update({"COITRACK_QUEUE_URL": TEST_QUEUE_URL,
                    "COITRACK_QUEUE_NAME": f"coitrack-test-{uuid.uuid4().hex[:12]}"})
    env.update(extra)
    return env


def coitrack(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    """Run one ``coitrack`` command to completion."""
    return subprocess.run([*COITRACK, *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def wait_for(condition: Callable[[], object], *, timeout: float, what: str,
             interval: float = 0.1):
    """Poll ``condition`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class Running:
    """A ``coitrack`` command running in the background, its output collected line by line."""

    def __init__(self, *args: str, env: dict[str, str]):
        self.process = subprocess.Popen(
            [*COITRACK, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, bufsize=1,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for_line(self, pattern: str, *, timeout: float = 60, after: int = 0) -> re.Match:
        """The first match of ``pattern`` in lines from index ``after`` on."""
        regex = re.compile(pattern)

        def find():
            finished = self.process.poll() is not None and not self._reader.is_alive()
            for line in self.lines[after:]:
                match = regex.search(line)
                if match:
                    return match
            if finished:
                raise AssertionError(f"process exited ({self.process.returncode}):\n{self.output}")
            return None

        try:
            return wait_for(find, timeout=timeout, what=f"a line matching {pattern!r}")
        except AssertionError as error:
            raise AssertionError(f"{error}\n--- output ---\n{self.output}") from None

    def stop(self) -> None:
        """Stop what is left (cleanup after a test): SIGINT, then SIGKILL if it lingers."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def pid_alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return True
    return state != "Z"
