"""The SMTP receiver: accepts mail for the inbound mailbox and hands it to ``receive_message``.

Run it with ``coitrack inbound_smtp`` behind the organization's mail server (which forwards the
inbound address to it, after its own spam and virus filtering), or as the domain's MX on port 25.
It relays nothing and asks for no login:

- RCPT: only the inbound mailbox, plain or plus-addressed, is accepted (``550`` otherwise), at
  most :data:`MAX_RECIPIENTS` per message;
- DATA: over ``MAX_MESSAGE_BYTES`` is refused by the protocol (``552``); a message is accepted
  (``250``) once it is recorded, filed or not; trouble on our side (database, storage) answers
  ``451`` so the sending server tries again later, and ``receive_message`` is idempotent, so a
  retry of a message that was in fact recorded is recognised.

aiosmtpd runs the protocol on an asyncio loop in its own thread; each message is processed in a
worker thread (the ORM must not run on the loop) that closes its database connection after.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from aiosmtpd.controller import Controller
from django.db import connection

from coitrack.outreach.services.inbound_parse import MAX_MESSAGE_BYTES, accepts

logger = logging.getLogger(__name__)

MAX_RECIPIENTS = 20


def _process(receive: Callable, raw: bytes, recipients: list[str]) -> None:
    try:
        receive(raw, recipients=recipients)
    finally:
        connection.close()


class InboundHandler:
    """aiosmtpd handler; ``receive`` is ``receive_message`` (replaceable for tests of failure)."""

    def __init__(self, inbound_address: str, receive: Callable | None = None) -> None:
        if receive is None:
            from coitrack.outreach.services.inbound import receive_message

            receive = receive_message
        self.inbound_address = inbound_address
        self.receive = receive

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if not accepts(address, self.inbound_address):
            return "550 5.1.1 No such mailbox here"
        if len(envelope.rcpt_tos) >= MAX_RECIPIENTS:
            return "452 4.5.3 Too many recipients"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        try:
            await asyncio.to_thread(_process, self.receive, raw, list(envelope.rcpt_tos))
        except Exception:
            logger.exception("Inbound e-mail from %s could not be recorded", envelope.mail_from)
            return "451 4.3.0 Could not file the message now; please try again later"
        return "250 2.0.0 Received"


class InboundSmtpServer:
    """The receiver on ``host``:``port``; :meth:`start` returns once it listens."""

    def __init__(self, *, inbound_address: str, host: str = "127.0.0.1", port: int = 2525,
                 receive: Callable | None = None) -> None:
        self.handler = InboundHandler(inbound_address, receive)
        self.controller = Controller(
            self.handler, hostname=host, port=port, data_size_limit=MAX_MESSAGE_BYTES,
            ident="coitrack inbound", server_hostname=inbound_address.rpartition("@")[2])

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()
