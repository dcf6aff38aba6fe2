"""``coitrack run``: migrate, then serve the app with waitress and a background worker beside it.

The process management (signals, worker restarts, shutdown order) is in
:mod:`coitrack.core.runner`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from coitrack.core import runner


class Command(BaseCommand):
    help = "Run coitrack: web server and background worker in one command."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1",
                            help="address to listen on (default 127.0.0.1; 0.0.0.0 for all)")
        parser.add_argument("--port", type=int, default=8000,
                            help="port to listen on (default 8000; 0 picks a free one)")
        parser.add_argument("--threads", type=int, default=8,
                            help="web server threads (default 8)")
        parser.add_argument("--demo", action="store_true",
                            help="fill an empty database with demo data first")
        parser.add_argument("--no-worker", action="store_true",
                            help="run the web server only (workers run elsewhere)")

    def handle(self, *args, **options):
        if not 0 <= options["port"] <= 65535:
            raise CommandError("--port must be between 0 and 65535")
        if options["threads"] < 1:
            raise CommandError("--threads must be at least 1")
        call_command("migrate", interactive=False, verbosity=0)
        if options["demo"]:
            self._seed_demo(options["host"], options["port"])

        from coitrack.wsgi import application

        worker = None
        if not options["no_worker"]:
            if settings.QUEUE.kind == "immediate":
                self.stdout.write("Queue is 'immediate': tasks run inside requests, no worker.")
            else:
                worker = runner.worker_command()

        def ready(url: str) -> None:
            self.stdout.write(self.style.SUCCESS(f"coitrack is running at {url}"))
            if url.rstrip("/") != settings.PUBLIC_URL:
                self.stdout.write(f"Links in e-mails point to {settings.PUBLIC_URL} "
                                  "(COITRACK_PUBLIC_URL).")
            self.stdout.write("Press Ctrl-C to stop.")
            self.stdout.flush()

        code = runner.serve(
            application, host=options["host"], port=options["port"],
            threads=options["threads"], worker=worker, on_ready=ready,
            behind_https_proxy=settings.PUBLIC_URL.startswith("https://"),
        )
        self.stdout.write("coitrack stopped.")
        if code:
            raise SystemExit(code)

    def _seed_demo(self, host: str, port: int) -> None:
        if "seed_demo" not in get_commands():
            self.stderr.write("--demo: this version has no demo data (no seed_demo command).")
            return
        shown_host = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host
        login_url = f"http://{shown_host}:{port}/" if port else settings.PUBLIC_URL + "/"
        call_command("seed_demo", if_empty=True, login_url=login_url)
