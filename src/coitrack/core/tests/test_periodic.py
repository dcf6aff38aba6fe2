"""The core periodic job: daily clean-up of invitations that expired unaccepted."""

import datetime as dt

from django.utils import timezone
from huey.contrib.djhuey import HUEY

from coitrack.accounts.models import Invitation
from coitrack.core import tasks


def test_cleanup_is_registered_as_a_daily_periodic_job():
    periodic = {job.name: job for job in HUEY._registry.periodic_tasks}
    job = periodic["delete_stale_invitations"]
    assert job.validate_datetime(dt.datetime(2026, 5, 4, 3, 17))
    assert not job.validate_datetime(dt.datetime(2026, 5, 4, 3, 18))
    assert not job.validate_datetime(dt.datetime(2026, 5, 4, 4, 17))


def test_cleanup_deletes_only_long_expired_invitations(org):
    now = timezone.now()
    for days, name in ((-30, "old"), (-1, "recent"), (10, "pending")):
        Invitation.objects.create(organization=org, email=f"{name}@example.com",
                                  token_hash=name.ljust(64, "0"),
                                  expires_at=now + dt.timedelta(days=days))
    tasks.delete_stale_invitations.call_local()
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "pending@example.com", "recent@example.com"]
    tasks.delete_stale_invitations.call_local()  # a second run changes nothing
    assert Invitation.objects.count() == 2
