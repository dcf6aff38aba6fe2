"""A small organization in every situation the widgets count, with known numbers."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from coitrack.certificates.models import CertificateStatus
from coitrack.compliance.models import OpenDeficiency
from coitrack.dashboard.models import DashboardWidget
from coitrack.outreach.models import Request
from coitrack.testing import factories
from coitrack.vendors.models import Vendor, VendorProject


@pytest.fixture
def world(org, admin_user, reviewer_user):
    """Vendors (active unless said): A, B Roofing non-compliant on Tower (A owned by the admin,
    expiring in 10 days; B in 45), C Catering compliant on Mall, D expiring in 20 days owned by
    the reviewer, E expired, F without requirements, G inactive non-compliant. Open requests:
    A waiting, B reminded and unresponsive, D answered. Three certificates await review."""
    today = timezone.localdate()
    roofing = factories.vendor_type(org, "Roofing")
    catering = factories.vendor_type(org, "Catering")
    tower = factories.project(org, "Tower")
    mall = factories.project(org, "Mall")

    def vendor(name, compliance, days=None, **kwargs):
        v = factories.vendor(org, name, **kwargs)
        Vendor.objects.filter(pk=v.pk).update(
            compliance_status=compliance,
            next_expiration=None if days is None else today + dt.timedelta(days=days))
        return Vendor.objects.get(pk=v.pk)

    v = {
        "A": vendor("Apex Roofing", "non_compliant", 10, vendor_type=roofing, owner=admin_user),
        "B": vendor("Birch Roofing", "non_compliant", 45, vendor_type=roofing),
        "C": vendor("Cedar Catering", "compliant", 200, vendor_type=catering),
        "D": vendor("Dune Electric", "expiring", 20, owner=reviewer_user),
        "E": vendor("Elm Janitorial", "expired", -3),
        "F": vendor("Fir Landscaping", "no_requirements"),
        "G": vendor("Gone Roofing", "non_compliant", 5, vendor_type=roofing, status="inactive"),
    }
    VendorProject.objects.bulk_create([VendorProject(vendor=v["A"], project=tower),
                                       VendorProject(vendor=v["B"], project=tower),
                                       VendorProject(vendor=v["C"], project=mall),
                                       VendorProject(vendor=v["G"], project=tower)])
    OpenDeficiency.objects.bulk_create([
        OpenDeficiency(organization=org, vendor=v["A"], code="LIMIT_BELOW_MINIMUM"),
        OpenDeficiency(organization=org, vendor=v["A"], code="ADDITIONAL_INSURED_MISSING"),
        OpenDeficiency(organization=org, vendor=v["B"], code="LIMIT_BELOW_MINIMUM"),
        OpenDeficiency(organization=org, vendor=v["G"], code="LIMIT_BELOW_MINIMUM"),
        OpenDeficiency(organization=org, vendor=v["E"], code="POLICY_EXPIRED"),
    ])
    now = timezone.now()
    for key, extra in (("A", {"unanswered": 1}),
                       ("B", {"unanswered": 3, "unresponsive_at": now}),
                       ("D", {"status": "answered", "answered_at": now})):
        Request.objects.create(organization=org, vendor=v[key], reason="expiring",
                               opened_at=now, opened_on=today, **extra)
    factories.certificate(v["A"], status=CertificateStatus.RECEIVED)
    factories.certificate(v["B"], status=CertificateStatus.NEEDS_REVIEW)
    factories.certificate(v["C"], status=CertificateStatus.NEEDS_REVIEW)
    factories.certificate(v["C"], status=CertificateStatus.ACCEPTED)
    return {"vendors": v, "roofing": roofing, "catering": catering, "tower": tower,
            "mall": mall, "today": today}


def widget_of(client, username: str, kind: str) -> DashboardWidget:
    """The widget of ``kind`` on the member's dashboard (opening it first makes it)."""
    client.get(reverse("dashboard"))
    return DashboardWidget.objects.get(layout__membership__user__username=username, kind=kind)


def body(client, widget: DashboardWidget) -> str:
    response = client.get(reverse("dashboard:widget", args=[widget.pk]),
                          headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


def configure(client, widget: DashboardWidget, **settings):
    return client.post(reverse("dashboard:configure", args=[widget.pk]), settings)


LINK = re.compile(r'<a href="(/vendors/\?[^"]+)"[^>]*>(.*?)</a>', re.S)


def vendor_links(page: str) -> list[tuple[str, int]]:
    """(URL, number shown) of every link to the vendor list whose text holds a number."""
    found = []
    for href, text in LINK.findall(page):
        numbers = re.findall(r"\d+", re.sub(r"<[^>]+>", " ", text))
        if numbers:
            found.append((html.unescape(href), int(numbers[-1])))
    return found


def listed(client, url: str) -> int:
    """How many vendors the vendor list says ``url`` shows."""
    page = client.get(url).content.decode()
    if "No vendors" in page:
        return 0
    return int(re.search(r"\u2013\d+ of (\d+)", page).group(1))  # an en dash: "1-50 of 123"
