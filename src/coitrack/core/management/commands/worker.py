"""``coitrack worker``: run background tasks and periodic jobs (the Huey consumer).

One worker is started by ``coitrack run``; more can run on other machines when the queue is
Redis (``COITRACK_QUEUE_URL=redis://...``) and the database is shared.

Stopping: SIGINT (Ctrl-C) stops gracefully: running tasks may finish, for at most
``--shutdown-timeout`` seconds; SIGTERM stops at once. ``--graceful-signal TERM`` swaps the two
(what ``coitrack run`` uses for its worker, and what suits service managers that send SIGTERM).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import autodiscover_modules
from huey.consumer_options import ConsumerConfig

logger = logging.getLogger("coitrack.worker")


class Command(BaseCommand):
    help = "Run the background worker: queued tasks and periodic jobs."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=None,
                            help="worker threads (default: COITRACK_WORKERS, else 2)")
        parser.add_argument("--no-periodic", action="store_true",
                            help="do not run periodic jobs here (another worker does)")
        parser.add_argument("--shutdown-timeout", type=float, default=30.0,
                            help="seconds running tasks get to finish on SIGINT (default 30)")
        parser.add_argument("--graceful-signal", choices=["INT", "TERM"], default="INT",
                            help="the signal that stops gracefully; the other stops at once")
        parser.add_argument("--parent-pid", type=int, default=None,
                            help="stop when this process is no longer the parent "
                                 "(used by `coitrack run`)")

    def handle(self, *args, **options):
        from huey.contrib.djhuey import HUEY

        if HUEY.immediate:
            raise CommandError(
                "COITRACK_QUEUE_URL=immediate runs tasks inside each request: there is no queue "
                "for a worker to consume."
            )
        values = dict(settings.HUEY.get("consumer", {}))
        values["shutdown_timeout"] = options["shutdown_timeout"]
        values["graceful_signal"] = options["graceful_signal"]
        if options["workers"] is not None:
            if options["workers"] < 1:
                raise CommandError("--workers must be at least 1")
            values["workers"] = options["workers"]
        if options["no_periodic"]:
            values["periodic"] = False
        config = ConsumerConfig(**values)
        config.validate()

        autodiscover_modules("tasks")  # registers every app's tasks with Huey
        if options["parent_pid"] is not None:
            _exit_with_parent(options["parent_pid"])
        consumer = HUEY.create_consumer(**config.values)
        logger.info(
            "worker started (pid %s): %s thread(s), periodic jobs %s, queue %s",
            os.getpid(), config.workers, "on" if config.periodic else "off",
            settings.QUEUE.kind,
        )
        try:
            consumer.run()
        finally:
            # also when a signal lands before the consumer has set its own handlers (a Ctrl-C
            # right after start-up raises KeyboardInterrupt here): "started" always gets its
            # "stopped", which supervisors and tests wait for
            logger.info("worker stopped")


def _exit_with_parent(parent: int, interval: float = 1.0) -> None:
    """Stop this worker (SIGTERM to itself) once ``parent`` is no longer its parent process.

    ``coitrack run`` starts the worker in its own session so a terminal's Ctrl-C reaches only the
    supervisor; this watch makes sure the worker never outlives a supervisor killed with SIGKILL,
    even one killed while the worker was still starting (hence the pid passed in, not read here).
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        logger.warning("the process that started this worker is gone; stopping")
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
