"""Process management of ``coitrack run``: a waitress web server plus a supervised worker.

Layout: this process serves HTTP with waitress in its main thread; the background worker
(``coitrack worker``) runs as a child process in its own session, watched by a supervisor thread
that restarts it (with a log line, and a growing pause if it keeps dying at start-up).

How shutdown works:
1. SIGINT (Ctrl-C) or SIGTERM raises ``KeyboardInterrupt`` in the main thread; waitress catches
   it, stops accepting connections and gives requests in progress a few seconds to finish.
2. The supervisor stops restarting the worker and sends it SIGTERM, which the worker it started
   treats as graceful (``--graceful-signal TERM``: a running task may finish); after
   ``GRACE_SECONDS`` it sends SIGINT (stop at once), and after ``KILL_AFTER_SECONDS`` more,
   SIGKILL. SIGTERM comes first because it is also harmless to a worker still starting up
   (Python's default SIGTERM action exits silently, where SIGINT would print a traceback). The
   worker is always waited for, so no zombie or orphan is left.
3. ``serve`` returns 0. Further signals during these steps are ignored, so a second Ctrl-C never
   prints a traceback; the steps are bounded, well under five seconds without long requests.
Because the worker has its own session, a terminal's Ctrl-C reaches only this process, which
then stops the worker in order; the worker's ``--parent-pid`` watch covers the case where this
process is killed outright. Until the server (or the worker's consumer) installs its handlers,
``coitrack.cli`` makes SIGINT/SIGTERM exit quietly, so stopping during start-up is clean too.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence

logger = logging.getLogger("coitrack.run")

GRACE_SECONDS = 2.5  # after SIGTERM (graceful), before SIGINT (at once)
KILL_AFTER_SECONDS = 1.0  # after SIGINT, before SIGKILL
MIN_HEALTHY_SECONDS = 10.0  # a worker that lived this long resets the restart pause
MAX_RESTART_PAUSE = 30.0


def worker_command(*, shutdown_timeout: float = GRACE_SECONDS) -> list[str]:
    """The command line of the worker child: this interpreter running ``coitrack worker``."""
    return [sys.executable, "-m", "coitrack.cli", "worker", "--parent-pid", str(os.getpid()),
            "--graceful-signal", "TERM", "--shutdown-timeout", str(shutdown_timeout)]


class WorkerSupervisor:
    """Keep one worker process running until :meth:`stop` is called."""

    def __init__(self, command: Sequence[str], *, env: dict[str, str] | None = None,
                 poll_interval: float = 0.5):
        self.command = list(command)
        self.env = env
        self.poll_interval = poll_interval
        self.process: subprocess.Popen | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()  # guards self.process between the thread and stop()
        self.started_at = 0.0
        self._thread = threading.Thread(target=self._watch, name="worker-supervisor",
                                        daemon=True)

    def start(self) -> None:
        self._spawn()
        self._thread.start()

    def _spawn(self) -> None:
        with self._lock:
            if self._stopping.is_set():
                return
            self.process = subprocess.Popen(self.command, env=self.env, start_new_session=True)
            self.started_at = time.monotonic()
        logger.info("worker started (pid %d)", self.process.pid)

    def _watch(self) -> None:
        pause = 1.0
        while not self._stopping.wait(self.poll_interval):
            process = self.process
            if process is None or process.poll() is None:
                continue
            lived = time.monotonic() - self.started_at
            pause = 1.0 if lived >= MIN_HEALTHY_SECONDS else min(pause * 2, MAX_RESTART_PAUSE)
            logger.warning("worker (pid %d) exited with code %s; restarting in %.0f s",
                           process.pid, process.returncode, pause)
            if self._stopping.wait(pause):
                return
            self._spawn()

    def stop(self) -> int | None:
        """Stop the worker (SIGTERM, then SIGINT, then SIGKILL) and wait for it; its exit code."""
        with self._lock:
            self._stopping.set()
            process = self.process
        if process is None:
            return None
        for sig, wait in ((signal.SIGTERM, GRACE_SECONDS), (signal.SIGINT, KILL_AFTER_SECONDS),
                          (signal.SIGKILL, None)):
            if process.poll() is not None:
                break
            try:
                process.send_signal(sig)
            except ProcessLookupError:
                break
            try:
                process.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                logger.warning("worker (pid %d) still running; sending %s", process.pid,
                               "SIGKILL" if sig == signal.SIGINT else "SIGINT")
        code = process.wait()
        self._thread.join(timeout=self.poll_interval * 2)
        logger.info("worker stopped (pid %d, exit code %s)", process.pid, code)
        return code


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(application, *, host: str, port: int, threads: int,
          worker: Sequence[str] | None, on_ready=None, behind_https_proxy: bool = False) -> int:
    """Serve ``application`` on ``host:port`` with a supervised worker until SIGINT or SIGTERM.

    ``on_ready(url)`` is called once the socket listens (``port=0`` picks a free port).
    ``worker=None`` runs the web server alone. ``behind_https_proxy`` keeps the proxy's
    ``X-Forwarded-Proto`` header (waitress drops it otherwise), which Django needs to know the
    request came over HTTPS. Returns the process exit code (0).
    """
    from waitress import create_server

    proxy = ({"trusted_proxy": "*", "trusted_proxy_headers": {"x-forwarded-proto"}}
             if behind_https_proxy else {})
    server = create_server(application, host=host, port=port, threads=threads,
                           ident="coitrack", **proxy)
    supervisor = WorkerSupervisor(worker, env=dict(os.environ)) if worker else None
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        if supervisor:
            supervisor.start()
        if on_ready:
            shown_host = f"[{host}]" if ":" in host else host
            on_ready(f"http://{shown_host}:{server.effective_port}/")
        server.run()  # returns once waitress has handled KeyboardInterrupt
    except KeyboardInterrupt:
        pass  # the signal arrived before waitress's loop started
    finally:
        for sig in previous:
            signal.signal(sig, signal.SIG_IGN)  # stopping: further Ctrl-C changes nothing
        logger.info("stopping")
        server.close()
        if supervisor:
            supervisor.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
