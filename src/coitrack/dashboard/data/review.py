"""Certificates waiting for a person: received (not read yet) and needing review.

These are certificates, not vendors, so the numbers link to the certificate list's filters
(``?status=review`` is both statuses together), which has no type or project filter: the widget
offers none either, so what it counts is what the link shows.
"""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from coitrack.certificates.models import Certificate, CertificateStatus
from coitrack.dashboard.data import Context

WAITING = (CertificateStatus.RECEIVED, CertificateStatus.NEEDS_REVIEW)


def review_queue(ctx: Context, config: dict) -> dict:
    waiting = Certificate.objects.filter(organization=ctx.organization, status__in=WAITING)
    counts = dict(waiting.order_by().values_list("status").annotate(n=Count("id")))
    base = reverse("certificates:list")
    oldest = list(waiting.order_by("created_at", "pk")
                  .values("pk", "status", "created_at", "vendor__legal_name")[:config["limit"]])
    labels = dict(CertificateStatus.choices)
    for row in oldest:
        row["status_label"] = labels.get(row["status"], row["status"])
    return {
        "total": sum(counts.values()),
        "url": f"{base}?status=review",
        "rows": [{"status": s, "label": labels[s], "count": counts.get(s, 0),
                  "url": f"{base}?status={s}"} for s in WAITING],
        "oldest": oldest,
    }
