"""``coitrack inbound_smtp``: receive replies to outreach e-mails over SMTP.

Listens until SIGINT or SIGTERM; see ``outreach/services/inbound_smtp.py`` for what it accepts
and ``services/inbound.py`` for what becomes of each message. Needs
``COITRACK_INBOUND_ADDRESS``; the background worker must run too (new certificates are read and
previewed there).
"""

from __future__ import annotations

import logging
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from coitrack.outreach.services.inbound_smtp import InboundSmtpServer

logger = logging.getLogger("coitrack.inbound")


class Command(BaseCommand):
    help = "Receive replies to outreach e-mails over SMTP (COITRACK_INBOUND_ADDRESS)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1",
                            help="address to listen on (default 127.0.0.1; 0.0.0.0 for all)")
        parser.add_argument("--port", type=int, default=2525,
                            help="port to listen on (default 2525; 25 as the domain's MX)")

    def handle(self, *args, **options):
        address = settings.INBOUND_ADDRESS
        if not address:
            raise CommandError("Set COITRACK_INBOUND_ADDRESS (e.g. certificates@coi.example.org) "
                               "to the mailbox this receiver accepts mail for.")
        if not 0 < options["port"] < 65536:
            raise CommandError("--port must be between 1 and 65535")
        # aiosmtpd logs every command at INFO, recipients included: those hold reply tokens.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        server = InboundSmtpServer(inbound_address=address, host=options["host"],
                                   port=options["port"])
        try:
            server.start()
        except Exception as error:
            raise CommandError(f"Cannot listen on {options['host']}:{options['port']}: "
                               f"{error}") from None
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write(f"Receiving mail for {address} (and {address.replace('@', '+…@')}) "
                          f"on {options['host']}:{options['port']}; Ctrl-C stops.")
        logger.info("inbound SMTP receiver listening on %s:%s", options["host"], options["port"])
        stop.wait()
        server.stop()
        logger.info("inbound SMTP receiver stopped")
