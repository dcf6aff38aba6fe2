"""The ``coitrack`` command: Django's management commands under the product's name.

``coitrack migrate``, ``coitrack createsuperuser``, ``coitrack run``, ``coitrack worker`` ... all go
through here. Configuration errors are printed as one clear line instead of a traceback.
"""

from __future__ import annotations

import os
import signal
import sys

# Long-running services: stopping one while it starts up (SIGINT or SIGTERM during Django's set-up
# or migrations) exits quietly. Their own handlers replace these once they serve.
SERVICE_COMMANDS = {"run", "worker"}


def _exit_quietly(signum, frame) -> None:
    raise SystemExit(0)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in SERVICE_COMMANDS:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, _exit_quietly)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coitrack.settings")
    from coitrack.config import ConfigError

    try:
        import django

        django.setup()
    except ConfigError as error:
        print(f"coitrack: configuration error: {error}", file=sys.stderr)
        raise SystemExit(2) from None

    from django.core.management import execute_from_command_line

    execute_from_command_line(["coitrack", *args])


if __name__ == "__main__":
    main()
