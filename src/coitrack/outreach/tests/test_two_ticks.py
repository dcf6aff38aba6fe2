"""Two ticks at the same moment, in two processes or two database connections: each step of
each request is taken once, so each message is queued once."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from coitrack.core.tests.processes import clean_env, coitrack

SEED = """
import datetime as dt
from coitrack.testing import factories
from coitrack.certificates.services.summary import refresh_vendor_summary
org = factories.organization("Harbor Point Properties")
for i in range({n}):
    vendor = factories.vendor(org, f"Vendor {{i}} LLC")
    factories.contact(vendor, email=f"v{{i}}@example.com")
    factories.certificate(vendor, expiration=dt.date.today() + dt.timedelta(days=10),
                          effective=dt.date.today() - dt.timedelta(days=300))
    refresh_vendor_summary(vendor)
print("seeded")
"""

TICK = """
import datetime as dt
from django.utils import timezone
from coitrack.outreach.services.tick import tick
# Inside any send window: a weekday at noon, organization time (UTC here).
now = timezone.now().replace(hour=12, minute=0)
while now.weekday() >= 5:
    now += dt.timedelta(days=1)
print(tick(now=now).messages)
"""


def test_two_tick_processes_at_once_queue_each_message_once(tmp_path):
    env = clean_env(tmp_path / "data")
    assert coitrack("migrate", "--verbosity", "0", env=env, timeout=180).returncode == 0
    seeded = coitrack("shell", "-c", SEED.format(n=40), env=env, timeout=120)
    assert seeded.returncode == 0, seeded.stderr
    import subprocess

    from coitrack.core.tests.processes import COITRACK

    both = [subprocess.Popen([*COITRACK, "shell", "-c", TICK], env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [process.communicate(timeout=120) for process in both]
    assert all(p.returncode == 0 for p in both), [err for _, err in results]
    sent = sorted(int(out.strip().splitlines()[-1]) for out, _ in results)
    assert sum(sent) == 40  # every vendor's request once, whoever took it
    count = coitrack("shell", "-c", (
        "from coitrack.outreach.models import OutboxMessage, Request\n"
        "print(OutboxMessage.objects.count(), Request.objects.count(),"
        " len(set(OutboxMessage.objects.values_list('request_id', flat=True))))"), env=env)
    assert count.stdout.strip().splitlines()[-1].split() == ["40", "40", "40"]


@pytest.mark.django_db(transaction=True)
def test_two_ticks_in_two_connections_at_once_queue_each_message_once():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time; the process test above covers it")
    from coitrack.certificates.services.summary import refresh_vendor_summary
    from coitrack.outreach.models import OutboxMessage
    from coitrack.outreach.services.tick import tick
    from coitrack.testing import factories

    org = factories.organization("Harbor Point Properties")
    today = dt.date(2027, 3, 11)  # a Thursday
    for i in range(60):
        vendor = factories.vendor(org, f"Vendor {i} LLC")
        factories.contact(vendor, email=f"v{i}@example.com")
        factories.certificate(vendor, expiration=today + dt.timedelta(days=10),
                              effective=today - dt.timedelta(days=300))
        refresh_vendor_summary(vendor)
    now = dt.datetime(2027, 3, 11, 12, tzinfo=dt.UTC)
    barrier, counts, errors = threading.Barrier(2), [], []

    def run():
        try:
            barrier.wait()
            counts.append(tick(now=now).messages)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert sum(counts) == 60
    assert OutboxMessage.objects.count() == 60
