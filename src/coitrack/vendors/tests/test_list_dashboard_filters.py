"""The vendor-list filters the dashboard links to: expiring within N days, and vendors by their
open renewal request."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from coitrack.outreach.models import Request
from coitrack.testing import factories

TODAY = dt.date(2026, 6, 1)
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
URL = reverse("vendors:list")


@pytest.fixture(autouse=True)
def fixed_today():
    with time_machine.travel(NOW, tick=False):
        yield


def names(response) -> list[str]:
    return [v.legal_name for v in response.context["page"].object_list]


def expiring_in(org, name, days):
    return factories.vendor(org, name, next_expiration=TODAY + dt.timedelta(days=days))


def test_expiring_within_n_days_widens_the_expiring_window(viewer_client, org):
    expiring_in(org, "Ten Days", 10)
    expiring_in(org, "Fifty Days", 50)
    expiring_in(org, "Expired", 0)
    assert names(viewer_client.get(URL, {"coverage": "expiring"})) == ["Ten Days"]
    response = viewer_client.get(URL, {"coverage": "expiring", "within": "60"})
    assert names(response) == ["Fifty Days", "Ten Days"]
    page = response.content.decode()
    assert '<option value="expiring" selected>Expiring in 60 days</option>' in page
    assert '<input type="hidden" name="within" value="60">' in page  # kept when filters change


@pytest.mark.parametrize("within", ["0", "366", "soon"])
def test_a_bad_number_of_days_falls_back_to_thirty(within, viewer_client, org):
    expiring_in(org, "Ten Days", 10)
    expiring_in(org, "Fifty Days", 50)
    response = viewer_client.get(URL, {"coverage": "expiring", "within": within})
    assert names(response) == ["Ten Days"]


def test_vendors_by_their_open_request(viewer_client, org):
    def request(name, **fields):
        vendor = factories.vendor(org, name)
        Request.objects.create(organization=org, vendor=vendor, reason="expiring",
                               opened_at=NOW, opened_on=TODAY, **fields)
        return vendor

    request("Asked Once", unanswered=1)
    request("Asked Thrice", unanswered=3, unresponsive_at=NOW)
    request("Answered", status="answered", answered_at=NOW)
    request("Closed", closed_at=NOW, close_reason="compliant")
    factories.vendor(org, "Never Asked")
    expected = {
        "open": ["Answered", "Asked Once", "Asked Thrice"],
        "waiting": ["Asked Once", "Asked Thrice"],
        "reminded": ["Asked Thrice"],
        "unresponsive": ["Asked Thrice"],
        "answered": ["Answered"],
        "": ["Answered", "Asked Once", "Asked Thrice", "Closed", "Never Asked"],
    }
    for value, vendors in expected.items():
        assert names(viewer_client.get(URL, {"outreach": value})) == vendors, value


def test_another_organizations_requests_never_select_a_vendor(viewer_client, org, other_org):
    mine = factories.vendor(org, "Mine")
    theirs = factories.vendor(other_org, "Theirs")
    Request.objects.create(organization=other_org, vendor=theirs, reason="manual",
                           opened_at=NOW, opened_on=TODAY)
    assert mine and names(viewer_client.get(URL, {"outreach": "open"})) == []
