"""``coitrack seed_demo``: load the demo organization "Harbor Point Properties".

``coitrack run --demo`` calls it with ``--if-empty`` on every start, so a fresh install opens on a
populated app and an install with real data is never touched.
"""

from __future__ import annotations

import time
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.text import slugify

from coitrack.accounts.models import Organization
from coitrack.certificates.models import Certificate
from coitrack.demo import names
from coitrack.demo.generate import DEFAULT_SEED, DEFAULT_VENDORS, generate
from coitrack.demo.load import load_demo


class Command(BaseCommand):
    help = 'Create the demo organization "Harbor Point Properties" with users and vendors.'

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true",
            help="Do nothing when any organization exists (still print the demo login).",
        )
        parser.add_argument("--vendors", type=int, default=DEFAULT_VENDORS,
                            help=f"How many vendors to create (default {DEFAULT_VENDORS}).")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                            help="Random seed: the same seed on the same day gives the same data.")
        parser.add_argument("--login-url", default="http://127.0.0.1:8000/",
                            help="The address printed in the sign-in line.")

    def handle(self, *args, **options) -> None:
        if options["vendors"] < 0:
            raise CommandError("--vendors must be 0 or more.")
        login_url = options["login_url"]
        if options["if_empty"] and Organization.objects.exists():
            self.stdout.write("Organizations already exist: no demo data added.")
            self._print_login(login_url)
            return
        if Organization.objects.filter(slug=slugify(names.ORGANIZATION_NAME)).exists():
            raise CommandError(
                f'The demo organization "{names.ORGANIZATION_NAME}" already exists; nothing was '
                "changed. Use a fresh COITRACK_DATA_DIR for a new demo."
            )
        started = time.monotonic()
        zone = ZoneInfo(names.ORGANIZATION_TIME_ZONE)
        today = timezone.localtime(timezone.now(), zone).date()
        data = generate(today=today, vendors=options["vendors"], seed=options["seed"])
        organization = load_demo(data, password=names.DEMO_PASSWORD)
        certificates = Certificate.objects.filter(organization=organization).count()
        self.stdout.write(self.style.SUCCESS(
            f"Created {organization.name}: {len(data.vendors)} vendors, {certificates} "
            f"certificates, {len(data.projects)} projects in "
            f"{time.monotonic() - started:.1f} s."
        ))
        # Renewal requests start at once, as they would on the organization's first tick; the
        # worker sends them (to the mail folder, until SMTP is configured) in the send window.
        from coitrack.outreach.services.tick import tick_organization

        report = tick_organization(organization, now=timezone.now())
        self.stdout.write(f"Outreach: {report.opened} renewal requests opened, "
                          f"{report.messages} e-mails queued.")
        self._print_login(login_url)

    def _print_login(self, login_url: str) -> None:
        admin, *others = names.USERS
        user = get_user_model().objects.filter(username=admin[0]).first()
        if user is None:
            return
        if not user.check_password(names.DEMO_PASSWORD):
            self.stdout.write(f"Sign in at {login_url} as {admin[0]} (its password was changed).")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Sign in at {login_url} with {admin[0]} / {names.DEMO_PASSWORD}"
        ))
        also = ", ".join(f"{row[0]} ({row[4]})" for row in others)
        self.stdout.write(f"Other demo users, same password: {also}.")
