"""How a vendor will stand once its accepted renewals take effect (nothing is stored).

Renewal certificates arrive before the renewal starts. Until then the policy being renewed
still covers the vendor (``loading.counting_policies``), so today's evaluation cannot tell
whether the renewal itself meets the requirements. Outreach needs exactly that to judge a
vendor's answer: :func:`status_when_renewals_start` evaluates the vendor on the day its last
accepted renewal starts (or today, when every policy has started).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Max

from coitrack.certificates.models import CertificateStatus, Policy, PolicyStatus
from coitrack.compliance.services.judging import TemplateCache, VendorResult, judge_vendor
from coitrack.compliance.services.loading import load_inputs


def renewals_start(vendor, today: dt.date) -> dt.date:
    """The day the vendor's last accepted current policy starts, if later than ``today``."""
    latest = Policy.objects.filter(
        vendor=vendor, status=PolicyStatus.CURRENT,
        certificate__status=CertificateStatus.ACCEPTED,
    ).aggregate(latest=Max("effective_date"))["latest"]
    return max(today, latest) if latest else today


def status_when_renewals_start(vendor, today: dt.date) -> VendorResult | None:
    """The evaluation of ``vendor`` on :func:`renewals_start` (``None`` for a vendor that is
    merged away or not the organization's)."""
    from coitrack.requirements.services import carrier_table

    organization = vendor.organization
    day = renewals_start(vendor, today)
    inputs = load_inputs(organization, [vendor.pk], as_of=day)
    if vendor.pk not in inputs:
        return None
    return judge_vendor(inputs[vendor.pk], as_of=day, carriers=carrier_table(organization),
                        cache=TemplateCache())
