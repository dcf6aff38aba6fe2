"""A real ``coitrack worker`` process delivers the outbox to a real SMTP server.

The web side (here a ``coitrack shell``) writes an outbox row and asks for delivery after
commit; the worker, sharing only the data dir (or Redis, when CI runs the ``queue`` tests
again with ``COITRACK_TEST_QUEUE_URL``), sends it.
"""

from __future__ import annotations

import pytest

from coitrack.core.tests.processes import Running, clean_env, coitrack, wait_for
from coitrack.testing.smtp import SmtpServer

pytestmark = pytest.mark.queue

QUEUE_ONE = """
import datetime as dt
from django.db import transaction
from django.utils import timezone
from coitrack.testing import factories
from coitrack.outreach.models import OutboxMessage
from coitrack.outreach.services.outbox import queue
org = factories.organization("Harbor Point Properties")
vendor = factories.vendor(org, "Summit Roofing LLC")
with transaction.atomic():
    message = queue(organization=org, vendor=vendor, kind="request", dedupe_key="worker-test",
                    to=["dana@summit.example"], subject="Certificate needed", text="Hello")
print(message.pk)
"""


@pytest.fixture
def smtp_server():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


def test_a_worker_process_delivers_a_queued_message(tmp_path, smtp_server):
    env = clean_env(tmp_path / "data", COITRACK_SMTP_URL=f"smtp://127.0.0.1:{smtp_server.port}")
    migrated = coitrack("migrate", "--verbosity", "0", env=env, timeout=180)
    assert migrated.returncode == 0, migrated.stderr
    worker = Running("worker", "--shutdown-timeout", "2", "--no-periodic", env=env)
    try:
        worker.wait_for_line(r"worker started \(pid \d+\)")
        queued = coitrack("shell", "-c", QUEUE_ONE, env=env)
        assert queued.returncode == 0, queued.stderr
        pk = queued.stdout.strip().splitlines()[-1]
        wait_for(lambda: smtp_server.messages, timeout=30, what="the worker to send the e-mail")
        [(to, email)] = smtp_server.messages
        assert to == ["dana@summit.example"] and email["Subject"] == "Certificate needed"
        status = coitrack("shell", "-c", (
            "from coitrack.outreach.models import OutboxMessage\n"
            f"print(OutboxMessage.objects.get(pk={pk}).status)"), env=env)
        assert status.stdout.strip().splitlines()[-1] == "sent"
    finally:
        worker.stop()
    assert "Traceback" not in worker.output
