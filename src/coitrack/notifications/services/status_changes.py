"""Vendors whose compliance status changed *into* non-compliant or expired, told in bulk.

``compliance.services.evaluation.evaluate_vendors`` collects, over all its chunks, the vendors
whose stored status changed and into what, and calls :func:`publish_status_changes` once at the
end. Each member then gets at most one notification per kind per evaluation run: the vendor
itself when one concerns them, else one summary ("1,234 vendors became non-compliant", the
first names, a link to the filtered vendor list). So a nightly run that expires thousands of
vendors writes one row (and at most one e-mail) per member and kind, and costs a few queries
per thousand vendors. Inactive vendors are not told about. A change out of these statuses, or
between others, tells nobody.
"""

from __future__ import annotations

from collections.abc import Iterable

from coitrack.notifications import events
from coitrack.notifications.services.publish import Event, publish_many

INTO = {"non_compliant": (events.VENDOR_NON_COMPLIANT, "became non-compliant"),
        "expired": (events.VENDOR_EXPIRED, "expired")}
NAMED = 10  # vendors named in a summary's body
ID_CHUNK = 5000  # ids per IN (...) list


def publish_status_changes(organization, changed: dict[str, Iterable[int]]) -> int:
    """Publish one kind per new status in ``changed`` (``{new status: vendor ids}``); return how
    many notification rows were written."""
    from coitrack.vendors.models import Vendor, VendorStatus

    written = 0
    for status, (kind, verb) in INTO.items():
        ids = sorted(set(changed.get(status) or ()))
        found: list[Event] = []
        for start in range(0, len(ids), ID_CHUNK):
            for pk, owner_id, name in (Vendor.objects.filter(
                    pk__in=ids[start:start + ID_CHUNK], organization=organization,
                    status=VendorStatus.ACTIVE, compliance_status=status)
                    .order_by("legal_name", "pk").values_list("pk", "owner_id", "legal_name")):
                found.append(Event(title=f"{name} {verb}"[:200], url=f"/vendors/{pk}/",
                                   body=_body(status, name), vendor_id=pk, owner_id=owner_id))
        written += len(publish_many(kind, organization, found,
                                    summary=lambda many, s=status, v=verb: _summary(s, v, many)))
    return written


def _body(status: str, name: str) -> str:
    if status == "expired":
        return f"Required insurance of {name} has expired. Its checklist says what is missing."
    return f"{name} no longer meets its requirements. Its checklist says what falls short."


def _summary(status: str, verb: str, many: list[Event]) -> Event:
    names = [e.title.removesuffix(f" {verb}") for e in many[:NAMED]]
    more = len(many) - len(names)
    return Event(title=f"{len(many):,} vendors {verb}",
                 body=", ".join(names) + (f" and {more:,} more." if more else "."),
                 url=f"/vendors/?compliance={status}")
