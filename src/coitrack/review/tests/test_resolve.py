"""The flags panel on the certificate page, resolving a flag, accepting despite flags, the list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coitrack.audit.models import Event
from coitrack.certificates.models import CertificateStatus
from coitrack.review.models import CertificateFlag
from coitrack.review.tests.conftest import renewal_data
from coitrack.testing import factories


@pytest.fixture
def flagged(reviewer_client, enter, arriving):
    enter(reviewer_client, arriving, renewal_data(cert={"insured_name": "Someone Else Inc"}))
    return arriving


@pytest.fixture
def flag(flagged):
    return CertificateFlag.objects.get(certificate=flagged)


def _resolve(client, flag, note="The agent confirmed: the holding company is insured."):
    return client.post(reverse("review:resolve", args=[flag.pk]), {"note": note}, follow=True)


def test_the_page_shows_open_flags_with_a_resolve_form(reviewer_client, flagged, flag):
    page = reviewer_client.get(reverse("certificates:detail", args=[flagged.pk])).content.decode()
    assert "1 flag to check" in page
    assert "Named insured differs" in page
    assert "The named insured &quot;Someone Else Inc&quot; does not match" in page
    assert reverse("review:resolve", args=[flag.pk]) in page


def test_viewers_see_flags_without_the_form(viewer_client, flagged, flag):
    page = viewer_client.get(reverse("certificates:detail", args=[flagged.pk])).content.decode()
    assert "Named insured differs" in page
    assert reverse("review:resolve", args=[flag.pk]) not in page


def test_a_reviewer_resolves_a_flag_with_a_note(reviewer_client, reviewer_user, flagged, flag):
    response = _resolve(reviewer_client, flag)
    assert response.redirect_chain[-1][0] == reverse("certificates:detail",
                                                     args=[flagged.pk]) + "#flags"
    assert "Flag resolved: Named insured differs." in response.content.decode()
    flag.refresh_from_db()
    assert (flag.is_open, flag.resolved_by) == (False, reviewer_user)
    assert flag.resolution_note == "The agent confirmed: the holding company is insured."
    event = Event.objects.get(object_type="certificateflag", action="update")
    assert (event.actor, event.certificate_id) == (reviewer_user, flagged.pk)
    page = response.content.decode()
    assert "1 resolved flag" in page and "Every flag of this certificate was resolved." in page


def test_resolving_needs_a_note(reviewer_client, flag):
    response = _resolve(reviewer_client, flag, note="   ")
    assert "Say why the flag is resolved" in response.content.decode()
    flag.refresh_from_db()
    assert flag.is_open


def test_a_flag_is_resolved_once(reviewer_client, flag):
    _resolve(reviewer_client, flag)
    response = _resolve(reviewer_client, flag, note="again")
    assert "This flag was already resolved." in response.content.decode()
    flag.refresh_from_db()
    assert flag.resolution_note.startswith("The agent confirmed")


def test_viewers_cannot_resolve(viewer_client, flag):
    assert viewer_client.post(reverse("review:resolve", args=[flag.pk]),
                              {"note": "fine"}).status_code == 403
    flag.refresh_from_db()
    assert flag.is_open


def test_resolving_needs_a_post(reviewer_client, flag):
    assert reviewer_client.get(reverse("review:resolve", args=[flag.pk])).status_code == 405


def test_another_organizations_flag_is_not_found(reviewer_client, other_org):
    vendor = factories.vendor(other_org)
    certificate = factories.certificate(vendor)
    theirs = CertificateFlag.objects.create(organization=other_org, certificate=certificate,
                                            code="NAMED_INSURED_DIFFERS", message="x")
    assert reviewer_client.post(reverse("review:resolve", args=[theirs.pk]),
                                {"note": "mine now"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_open


def test_accepting_with_open_flags_asks_for_confirmation(reviewer_client, flagged):
    page = reviewer_client.get(reverse("certificates:detail", args=[flagged.pk])).content.decode()
    assert 'name="confirm_flags" required' in page
    assert "Accept although 1 flag is still open" in page
    response = reviewer_client.post(reverse("certificates:set_status", args=[flagged.pk]),
                                    {"status": "accepted", "confirm_flags": "on"})
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert flagged.status == CertificateStatus.ACCEPTED


def test_accepting_with_open_flags_is_refused_without_the_confirmation(reviewer_client, flagged):
    response = reviewer_client.post(reverse("certificates:set_status", args=[flagged.pk]),
                                    {"status": "accepted"})
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert flagged.status != CertificateStatus.ACCEPTED


def test_accepting_despite_open_flags_resolves_them_with_a_note(reviewer_client, flag, flagged):
    reviewer_client.post(reverse("certificates:set_status", args=[flagged.pk]),
                         {"status": "accepted", "confirm_flags": "on"})
    flag.refresh_from_db()
    assert not flag.is_open
    assert "although the flag was open" in flag.resolution_note


def test_no_confirmation_without_open_flags(reviewer_client, flag, flagged):
    _resolve(reviewer_client, flag)
    page = reviewer_client.get(reverse("certificates:detail", args=[flagged.pk])).content.decode()
    assert "confirm_flags" not in page


def test_the_flagged_list_shows_certificates_with_open_flags(reviewer_client, flagged, flag,
                                                             other_org):
    theirs = factories.certificate(factories.vendor(other_org, "Hidden Other Co"))
    CertificateFlag.objects.create(organization=other_org, certificate=theirs,
                                   code="NAMED_INSURED_DIFFERS", message="secret")
    page = reviewer_client.get(reverse("review:flagged")).content.decode()
    assert f"Certificate #{flagged.pk}" in page
    assert "Named insured differs" in page
    assert "Hidden Other Co" not in page
    _resolve(reviewer_client, flag)
    page = reviewer_client.get(reverse("review:flagged")).content.decode()
    assert "No certificate has an open flag." in page
