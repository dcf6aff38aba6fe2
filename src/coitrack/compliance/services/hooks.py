"""What other apps' services call when something compliance depends on changes in a way that
needs more than a re-evaluation (for plain changes they call ``schedule_reevaluation``)."""

from __future__ import annotations

from coitrack.compliance.models import OpenDeficiency, VendorEvaluation, Waiver
from coitrack.compliance.services.schedule import schedule_reevaluation


def vendors_merged(*, organization, survivor, duplicate) -> None:
    """Inside the merge's transaction: the duplicate's waivers follow its certificates to the
    survivor, the duplicate (hidden from now on) loses its stored evaluation, and the survivor
    is re-evaluated after commit with the certificates it gained."""
    Waiver.objects.filter(vendor=duplicate).update(vendor=survivor)
    VendorEvaluation.objects.filter(vendor=duplicate).delete()
    OpenDeficiency.objects.filter(vendor=duplicate).delete()
    type(duplicate).objects.filter(pk=duplicate.pk).update(compliance_status="no_requirements")
    schedule_reevaluation(organization=organization, vendor_ids=[survivor.pk],
                          reason=f"vendor #{duplicate.pk} merged into it")
