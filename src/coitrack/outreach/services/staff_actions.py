"""What staff do by hand on outreach, each with its audit event in the same transaction:
"request now" for one vendor or a filtered selection, and revoking a vendor's portal links."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.outreach.models import PortalLink, Request
from coitrack.outreach.services import portal, requests


def request_now(*, vendor, actor) -> Request:
    """Ask ``vendor`` now (``requests.request_now``), audited on the vendor's history.
    Raises ``requests.RequestRefused`` (nothing changed) for an inactive or merged vendor."""
    with transaction.atomic():
        before = requests.open_request_of(vendor)
        request = requests.request_now(vendor=vendor, actor=actor)
        record(organization=vendor.organization, actor=actor,
               action=Action.UPDATE if before else Action.CREATE, obj=request,
               vendor_id=vendor.pk,
               note="Request sent again by hand" if before else "Certificate requested by hand")
    return request


def request_now_many(*, organization, vendors, actor, description: str) -> tuple[int, int]:
    """"Request now" for a selection of the organization's vendors; returns
    ``(requested, skipped)``. One audit event on the organization names the selection."""
    with transaction.atomic():
        requested, skipped = requests.request_now_many(organization=organization,
                                                       vendors=vendors, actor=actor)
        record(organization=organization, actor=actor, action=Action.UPDATE, obj=organization,
               note=f"Certificates requested by hand from {requested} vendor"
                    f"{'s' if requested != 1 else ''} ({description}); "
                    f"{skipped} inactive skipped")
    return requested, skipped


def live_links(vendor) -> int:
    """How many of ``vendor``'s portal links still open the upload page."""
    return PortalLink.objects.filter(vendor=vendor, revoked_at__isnull=True,
                                     expires_at__gt=timezone.now()).count()


def revoke_links(*, vendor, actor) -> int:
    """Revoke every live portal link of ``vendor``; returns how many. Audited when any were."""
    with transaction.atomic():
        count = portal.revoke_links(vendor=vendor)
        if count:
            record(organization=vendor.organization, actor=actor, action=Action.UPDATE,
                   obj=vendor, vendor_id=vendor.pk,
                   note=f"Revoked {count} portal link{'s' if count != 1 else ''}: links "
                        "already sent no longer open the upload page")
    return count
