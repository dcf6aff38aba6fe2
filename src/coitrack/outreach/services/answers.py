"""What the certificates app tells outreach: a certificate arrived, a certificate was decided.

Called by ``certificates.services`` (upload; accept / reject after commit). Kept apart so the
certificates app depends on two small functions, not on the whole outreach machinery.
"""

from __future__ import annotations

import logging

from coitrack.certificates.models import Certificate, CertificateSource
from coitrack.outreach.models import LogKind

logger = logging.getLogger(__name__)

_CHANNEL = {
    CertificateSource.PORTAL: (LogKind.UPLOAD, "through the portal"),
    CertificateSource.EMAIL: (LogKind.REPLY, "by e-mail"),
    CertificateSource.API: (LogKind.UPLOAD, "through the API"),
    CertificateSource.UPLOAD: (LogKind.UPLOAD, "uploaded by {actor}"),
}


def certificate_received(*, certificate: Certificate, actor) -> None:
    """A certificate for the vendor arrived (any channel): log it and pause the vendor's open
    request until the certificate is reviewed. In the upload's transaction."""
    from coitrack.outreach.services.requests import record_answer

    kind, how = _CHANNEL.get(certificate.source, (LogKind.UPLOAD, "uploaded"))
    names = ", ".join(d.original_name for d in certificate.documents.all())
    record_answer(vendor=certificate.vendor, channel=kind,
                  detail=f"Certificate #{certificate.pk} received {how.format(actor=actor)}"
                         f"{': ' + names if names else ''}")


def certificate_decided(certificate_id: int, *, accepted: bool) -> None:
    """After a review decision and the vendor's re-evaluation: settle the vendor's open request
    (close it, or judge the answer), and when an accepted certificate leaves the vendor
    deficient with no request open, open one. Never raises (runs after commit)."""
    from coitrack.outreach.services.requests import open_for_deficiency, settle

    try:
        certificate = Certificate.objects.select_related("vendor__organization").get(
            pk=certificate_id)
        vendor = certificate.vendor
        settle(vendor.organization, vendor_ids=[vendor.pk])
        if accepted:
            open_for_deficiency(vendor=vendor)
    except Exception:
        logger.exception("Outreach could not follow up certificate %s", certificate_id)


def portal_upload_told(certificate: Certificate) -> None:
    """Publish "vendor uploaded through the portal" to the vendor's owner (and whoever follows
    every vendor for it), with the portal's own answer: what the upload still misses as far as
    the reading tells, or that it is still being read. Called by the portal view after the
    upload committed and the at-once reading ran, so the answer is the one the vendor saw.
    Never raises: the upload is stored whatever happens here (logged)."""
    from django.urls import reverse

    from coitrack.compliance.services.clock import local_today
    from coitrack.notifications import events
    from coitrack.notifications.services import publish
    from coitrack.outreach.services.portal_answer import answer_for
    from coitrack.outreach.services.portal_page import window_days

    try:
        vendor = certificate.vendor
        organization = vendor.organization
        answer = answer_for(certificate, window_days=window_days(
            vendor, today=local_today(organization)))
        names = ", ".join(d.original_name for d in certificate.documents.all())
        lines = [f"{vendor.legal_name} sent certificate #{certificate.pk} through the portal"
                 f"{': ' + names if names else ''}."]
        if answer.state == "missing":
            lines.append("As read, it still falls short:")
            lines.extend(f"- {item}" for item in answer.items)
        elif answer.state == "received":
            lines.append("As read, it meets the requirements.")
        elif answer.state == "unreadable":
            lines.append("It could not be read automatically; enter its data by hand.")
        else:
            lines.append("It is being read.")
        lines.append("It waits for your review.")
        title = (f"{vendor.legal_name} uploaded a certificate"
                 + (" that falls short" if answer.state == "missing" else ""))
        publish(events.PORTAL_UPLOAD, organization, vendor=vendor, title=title,
                body="\n".join(lines), url=reverse("certificates:detail", args=[certificate.pk]))
    except Exception:
        logger.exception("Telling of portal upload %s failed", certificate.pk)
