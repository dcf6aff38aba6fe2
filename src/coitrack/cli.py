"""The ``coitrack`` command: Django's management commands under the product's name.

``coitrack migrate``, ``coitrack createsuperuser``, ``coitrack run``, ``coitrack worker`` ... all go
through here. Configuration errors are printed as one clear line instead of a traceback.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coitrack.settings")
    from coitrack.config import ConfigError

    try:
        import django

        django.setup()
    except ConfigError as error:
        print(f"coitrack: configuration error: {error}", file=sys.stderr)
        raise SystemExit(2) from None

    from django.core.management import execute_from_command_line

    execute_from_command_line(["coitrack", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
