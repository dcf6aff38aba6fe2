"""The ``coitrack`` command: Django's management commands under the product's name.

``coitrack migrate``, ``coitrack createsuperuser``, ``coitrack run``, ``coitrack worker`` ... all go
through here. Configuration errors are printed as one clear line instead of a traceback.

Two commands need no database, no data dir and no Django at all, so they are dispatched before
Django starts: ``coitrack extract`` (the reader) and ``coitrack check --requirements ...`` (the
rules engine). A plain ``coitrack check`` is still Django's system check.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from importlib import import_module

# Long-running services: stopping one while it starts up (SIGINT or SIGTERM during Django's set-up
# or migrations) exits quietly. Their own handlers replace these once they serve.
SERVICE_COMMANDS = {"run", "worker"}

# Commands that work on files alone: their modules' ``main(argv) -> int``.
STANDALONE = {"extract": "coitrack.reading.cli", "check": "coitrack.rules.cli"}


def _exit_quietly(signum, frame) -> None:
    """Stop at once, silently: start-up holds nothing that needs cleaning up.

    Not ``raise SystemExit``: the signal may land while Python runs a callback of its own (a
    weakref finalizer during an import), where the exception is printed as "Exception ignored"
    with a traceback and the process carries on starting.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(0)


def standalone_module(args: list[str]) -> str | None:
    """The module of a Django-free command for ``args``, or None for a management command."""
    if not args or args[0] not in STANDALONE:
        return None
    if args[0] == "check" and not any(a.startswith("--requirements") for a in args[1:]):
        return None
    return STANDALONE[args[0]]


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    module = standalone_module(args)
    if module is not None:
        raise SystemExit(import_module(module).main(args[1:]))
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
