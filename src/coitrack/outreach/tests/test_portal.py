"""The vendor portal through HTTP: what a link shows, who it refuses, what an upload does.

The clock is set to 15 September 2025, when the synthetic certificate of seed 7 (issued
25 August 2025, policies ending in 2026) is current, so its reading can meet the requirements.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from coitrack.audit.models import Event
from coitrack.certificates.models import Certificate, CertificateSource, CertificateStatus
from coitrack.certificates.tests import samples
from coitrack.compliance.services.evaluation import evaluate_vendor
from coitrack.outreach.models import CommunicationLog, LogKind, PortalLink, RequestStatus
from coitrack.outreach.services.portal import issue_link, revoke_links
from coitrack.outreach.services.requests import request_now
from coitrack.reading.synth import generate
from coitrack.requirements.models import RequirementTemplate, TemplateAssignment
from coitrack.testing import factories

NOW = dt.datetime(2025, 9, 15, 14, 0, tzinfo=dt.UTC)
PDF, TRUTH = generate(7, "text")
INSURED = TRUTH["insured"]["name"]  # Blue Ridge Demolition LLP
HOLDER = TRUTH["certificate_holder"]  # Apex Roofing & Sheet Metal Group, LLC
ORG_NAME = "Harbor Point Properties"


def requirements(*, additional_insured: bool = False) -> dict:
    return {
        "name": "Subcontractors",
        "certificate_holder": {"name": HOLDER["name"], "address": HOLDER["address"]},
        "coverages": [{"coverage": "general_liability",
                       "limits": {"each_occurrence": 1000000, "general_aggregate": 2000000},
                       "additional_insured": additional_insured}],
    }


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=True):
        yield


def portal_vendor(org, name: str = INSURED, *, additional_insured: bool = False):
    """A vendor with the template above, evaluated, and an open request."""
    vendor = factories.vendor(org, name)
    factories.contact(vendor, name="Dana Reyes", email="dana@example.com", is_primary=True)
    template = RequirementTemplate.objects.create(
        organization=org, name=f"Internal tier {vendor.pk}",
        data=requirements(additional_insured=additional_insured))
    TemplateAssignment.objects.create(organization=org, template=template, vendor=vendor)
    evaluate_vendor(vendor)
    request_now(vendor=vendor, actor="test")
    return vendor


def link_path(vendor, **kwargs) -> str:
    """The path of a fresh portal link for ``vendor`` (its open request)."""
    request = vendor.outreach_requests.filter(closed_at__isnull=True).first()
    return urlsplit(issue_link(vendor=vendor, request=request, **kwargs)).path


@pytest.fixture
def world(db, clock):
    org = factories.organization(ORG_NAME)
    vendor = portal_vendor(org)
    return org, vendor, link_path(vendor)


def upload(client, path: str, *files, **extra):
    return client.post(path, {"files": [samples.upload(n, c) for n, c in files]}, **extra)


# --- What a link shows -------------------------------------------------------------------------

def test_a_valid_link_shows_who_asks_what_they_require_and_what_is_missing(client, world):
    _org, vendor, path = world
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert ORG_NAME in page and INSURED in page
    assert "General liability" in page
    assert "Each occurrence: at least $1,000,000" in page
    assert "General aggregate: at least $2,000,000" in page
    assert HOLDER["name"].replace("&", "&amp;") in page
    assert "What is missing now" in page
    assert "no general liability" in page.lower() or "general liability" in page.lower()
    assert f"Internal tier {vendor.pk}" not in page  # template names are internal
    assert 'type="file"' in page and "multiple" in page and 'capture="environment"' in page
    assert response["Cache-Control"].startswith("max-age=0")


def test_what_is_missing_is_what_the_vendor_owes_now(client, world):
    _org, _vendor, path = world
    page = client.get(path).content.decode()
    missing = page.split("What is missing now", 1)[1].split("Send your certificate", 1)[0]
    assert "<li>" in missing  # the missing coverage is listed


def test_only_the_first_opening_of_a_link_is_logged(client, world):
    _org, vendor, path = world
    client.get(path)
    client.get(path)
    assert CommunicationLog.objects.filter(vendor=vendor, kind=LogKind.LINK_OPENED).count() == 1
    link = PortalLink.objects.get(vendor=vendor)
    assert link.open_count == 2 and link.first_opened_at is not None


def test_the_page_shows_files_awaiting_review(client, world):
    _org, _vendor, path = world
    upload(client, path, ("renewal-2025.pdf", PDF))
    page = client.get(path).content.decode()
    assert "Received, awaiting review" in page and "renewal-2025.pdf" in page


# --- Refusals: nothing shown -------------------------------------------------------------------

def _tampered(path: str) -> str:
    token = path.rstrip("/").split("/")[-1]
    changed = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    return path.replace(token, changed)


def _refusals(org, vendor, path):
    """Each way a token must be refused, as ``name -> path`` (made now, in that state)."""
    ways = {"tampered": _tampered(path), "unknown": "/portal/" + "x" * 43 + "/"}
    ways["expired"] = link_path(vendor, lifetime=dt.timedelta(seconds=-1))
    revoked = link_path(vendor)
    revoke_links(vendor=vendor)
    ways["revoked"] = revoked
    return ways


REFUSAL_TEXT = "This link is not valid"


@pytest.mark.parametrize("way", ["expired", "revoked", "tampered", "unknown"])
def test_a_bad_token_is_refused_and_shows_nothing(client, world, way):
    org, vendor, path = world
    bad = _refusals(org, vendor, path)[way]
    for response in (client.get(bad), upload(client, bad, ("coi.pdf", PDF))):
        assert response.status_code == 404
        page = response.content.decode()
        assert REFUSAL_TEXT in page
        assert INSURED not in page and ORG_NAME not in page and "General liability" not in page
    assert not Certificate.objects.exists()


@pytest.mark.parametrize("change", ["inactive", "merged"])
def test_a_link_of_an_inactive_or_merged_vendor_is_refused(client, world, change):
    org, vendor, path = world
    if change == "inactive":
        vendor.status = "inactive"
    else:
        vendor.merged_into = factories.vendor(org, "Survivor LLC")
    vendor.save()
    response = client.get(path)
    assert response.status_code == 404 and INSURED not in response.content.decode()


def test_every_refusal_is_the_same_page(client, world):
    org, vendor, path = world
    pages = {client.get(p).content for p in _refusals(org, vendor, path).values()}
    assert len(pages) == 1


def test_another_vendors_token_shows_only_that_vendor_and_cannot_reach_this_ones_upload(
        client, world):
    org, _vendor, path = world
    other = portal_vendor(org, "Granite Masonry Inc")
    other_path = link_path(other)
    response = upload(client, path, ("coi.pdf", PDF))
    mine = response["Location"]
    page = client.get(other_path).content.decode()
    assert "Granite Masonry Inc" in page and INSURED not in page
    pk = mine.rstrip("/").split("/")[-1]
    stolen = other_path + f"answer/{pk}/"
    response = client.get(stolen)
    assert response.status_code == 404 and INSURED not in response.content.decode()
    assert "coi.pdf" not in response.content.decode()


def test_an_upload_through_another_vendors_link_goes_to_that_vendor_only(client, world):
    org, _vendor, _path = world
    other = portal_vendor(org, "Granite Masonry Inc")
    upload(client, link_path(other), ("coi.pdf", PDF))
    assert list(Certificate.objects.values_list("vendor_id", flat=True)) == [other.pk]


# --- Uploading ---------------------------------------------------------------------------------

def test_a_good_pdf_becomes_a_portal_certificate_of_that_vendor_and_pauses_the_request(
        client, world):
    _org, vendor, path = world
    response = upload(client, path, ("coi.pdf", PDF))
    assert response.status_code == 303
    cert = Certificate.objects.get()
    assert cert.vendor == vendor and cert.source == CertificateSource.PORTAL
    assert cert.received_date == dt.date(2025, 9, 15)
    request = vendor.outreach_requests.get()
    assert request.status == RequestStatus.ANSWERED and request.next_action_at is None
    logged = CommunicationLog.objects.get(vendor=vendor, kind=LogKind.UPLOAD)
    assert "through the portal" in logged.detail and "coi.pdf" in logged.detail
    assert Event.objects.filter(certificate_id=cert.pk, actor_label="vendor portal").exists()


def test_the_certificate_is_read_at_once_and_meeting_the_requirements_says_thank_you(
        client, world):
    _org, _vendor, path = world
    response = upload(client, path, ("coi.pdf", PDF), follow=True)
    cert = Certificate.objects.get()
    assert cert.status == CertificateStatus.NEEDS_REVIEW  # read, and still a person reviews
    assert cert.insured_name == INSURED
    page = response.content.decode()
    assert "Received, thank you" in page and "meets" in page
    assert "Still missing" not in page and "still reviews" in page


def test_a_certificate_that_falls_short_says_what_is_still_missing(client, db, clock):
    org = factories.organization(ORG_NAME)
    vendor = portal_vendor(org, additional_insured=True)
    response = upload(client, link_path(vendor), ("coi.pdf", PDF), follow=True)
    page = response.content.decode()
    assert "Still missing" in page
    missing = page.split("Still missing", 1)[1].split("</ul>", 1)[0]
    assert "additional insured" in missing.lower()


def test_several_files_at_once_are_one_certificate(client, world):
    _org, _vendor, path = world
    upload(client, path, ("coi.pdf", PDF), ("endorsement.pdf", samples.pdf_bytes(marker="e")))
    cert = Certificate.objects.get()
    assert sorted(cert.documents.values_list("original_name", flat=True)) == [
        "coi.pdf", "endorsement.pdf"]


def test_a_bad_file_gets_a_message_and_nothing_is_saved(client, world):
    _org, vendor, path = world
    response = upload(client, path, ("coi.pdf", b"this is not a pdf at all"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was saved" in page and "coi.pdf" in page
    assert not Certificate.objects.exists()
    assert vendor.outreach_requests.get().status == RequestStatus.OPEN
    assert not CommunicationLog.objects.filter(kind=LogKind.UPLOAD).exists()


def test_no_file_gets_a_message(client, world):
    _org, _vendor, path = world
    response = client.post(path, {})
    assert response.status_code == 400 and "Choose at least one file" in response.content.decode()


def test_the_same_file_twice_adds_nothing_the_second_time(client, world):
    _org, _vendor, path = world
    upload(client, path, ("coi.pdf", PDF))
    response = upload(client, path, ("coi-again.pdf", PDF))
    assert response.status_code == 200 and "We already have this file" in response.content.decode()
    assert Certificate.objects.count() == 1


def test_an_upload_needs_the_csrf_token_of_the_page(world):
    _org, _vendor, path = world
    browser = Client(enforce_csrf_checks=True)
    refused = upload(browser, path, ("coi.pdf", PDF))
    assert refused.status_code == 403 and not Certificate.objects.exists()
    browser.get(path)  # an anonymous visitor gets the cookie with the page
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(path, {"files": [samples.upload("coi.pdf", PDF)],
                                   "csrfmiddlewaretoken": token})
    assert accepted.status_code == 303 and Certificate.objects.count() == 1


# --- Rate limits -------------------------------------------------------------------------------

def test_uploads_over_the_links_limit_get_429_and_nothing_is_saved(client, world, monkeypatch):
    from coitrack.outreach.services import portal_rate

    _org, _vendor, path = world
    monkeypatch.setitem(portal_rate.LIMITS, "upload", portal_rate.Limit(2, 3600, "uploads"))
    for n in range(2):
        upload(client, path, ("coi.pdf", samples.pdf_bytes(marker=str(n))))
    before = Certificate.objects.count()
    response = upload(client, path, ("coi.pdf", PDF))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Too many requests" in response.content.decode()
    assert Certificate.objects.count() == before


def test_requests_over_the_address_limit_get_429(client, world, monkeypatch):
    from coitrack.outreach.services import portal_rate

    _org, _vendor, path = world
    monkeypatch.setitem(portal_rate.LIMITS, "addr", portal_rate.Limit(3, 60, "requests"))
    assert [client.get(path).status_code for _ in range(4)] == [200, 200, 200, 429]
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.get(path).status_code == 200  # another address has its own budget
    response = upload(client, path, ("coi.pdf", PDF))
    assert response.status_code == 429 and not Certificate.objects.exists()


def test_a_window_opens_again_when_it_ends(db):
    from coitrack.outreach.services.portal_rate import LIMITS, hit

    start = dt.datetime(2025, 9, 15, 14, 0, tzinfo=dt.UTC)
    for _ in range(LIMITS["addr"].count):
        assert hit("addr", "1.2.3.4", now=start) is None
    refusal = hit("addr", "1.2.3.4", now=start + dt.timedelta(seconds=10))
    assert refusal is not None and refusal.retry_after == 51
    assert hit("addr", "1.2.3.4", now=start + dt.timedelta(seconds=60)) is None


# --- The answer page ---------------------------------------------------------------------------

def test_the_answer_page_says_reading_while_the_file_waits_for_the_worker(client, world,
                                                                        monkeypatch):
    from coitrack.outreach.services import portal_answer

    _org, _vendor, path = world
    monkeypatch.setattr(portal_answer, "_needs_ocr", lambda certificate: True)  # like a photo
    response = upload(client, path, ("coi.pdf", PDF))
    answer = response["Location"]
    page = client.get(answer).content.decode()
    assert "Reading your certificate" in page and 'hx-trigger="every 3s"' in page
    assert 'http-equiv="refresh"' in page  # without JavaScript, the page refreshes itself
    fragment = client.get(answer, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("<section") and "Reading" in fragment
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5), tick=False):
        late = client.get(answer).content.decode()
    assert "still reading" in late and "hx-trigger" not in late
