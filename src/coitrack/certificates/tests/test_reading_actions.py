"""Around a reading: its panel on the certificate page, "Read again", the examples export."""

import json

import pytest
from django.urls import reverse

from coitrack.accounts.models import Role
from coitrack.certificates.models import (
    CertificateEvidence,
    CertificateStatus,
    Policy,
    ReadingCorrection,
    ReadingState,
)
from coitrack.certificates.tests import reading
from coitrack.certificates.tests.reading import form_data, synthetic, upload
from coitrack.testing import factories


@pytest.fixture
def insured_vendor(org):
    return reading.insured_vendor(org)


@pytest.fixture
def cert(reviewer_client, insured_vendor, django_capture_on_commit_callbacks):
    return upload(reviewer_client, insured_vendor, ("coi.pdf", synthetic(7)[0]),
                  capture=django_capture_on_commit_callbacks)


def detail(client, cert) -> str:
    return client.get(reverse("certificates:detail", args=[cert.pk])).content.decode()


def read_again(client, cert, capture, **data):
    with capture(execute=True):
        return client.post(reverse("certificates:read_again", args=[cert.pk]), data, follow=True)


def test_the_certificate_page_offers_the_review_of_what_was_read(reviewer_client, cert):
    html = detail(reviewer_client, cert)
    assert "Read by the layout reader from coi.pdf" in html
    assert reverse("certificates:review", args=[cert.pk]) in html
    assert 'hx-trigger="every 3s"' not in html.split('id="reading-panel"')[1][:400]


def test_a_viewer_sees_the_reading_but_no_review_or_read_again(viewer_client, cert):
    html = detail(viewer_client, cert)
    assert "Read by the layout reader" in html
    assert reverse("certificates:review", args=[cert.pk]) not in html
    assert reverse("certificates:read_again", args=[cert.pk]) not in html


def test_while_the_file_is_read_the_panel_polls_and_then_reloads_the_page(
    reviewer_client, vendor, django_capture_on_commit_callbacks
):
    cert = upload(reviewer_client, vendor, ("coi.pdf", synthetic(7)[0]))  # queued, not run
    html = detail(reviewer_client, cert)
    status_url = reverse("certificates:reading_status", args=[cert.pk])
    assert f'hx-get="{status_url}"' in html and "Reading the certificate" in html
    polled = reviewer_client.get(status_url, headers={"HX-Request": "true"})
    assert "HX-Refresh" not in polled
    from coitrack.certificates.tasks import read_certificate

    read_certificate.call(cert.pk)
    done = reviewer_client.get(status_url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"


def test_read_again_reads_the_file_again(reviewer_client, cert,
                                         django_capture_on_commit_callbacks):
    response = read_again(reviewer_client, cert, django_capture_on_commit_callbacks)
    assert "will be read again" in response.content.decode()
    assert CertificateEvidence.objects.get(certificate=cert).run == 2


def test_read_again_over_typed_data_asks_to_confirm_replacing_it(
    reviewer_client, cert, django_capture_on_commit_callbacks
):
    reviewer_client.post(reverse("certificates:edit", args=[cert.pk]),
                         {**form_data(cert), "policies-0-policy_number": "TYPED-1"})
    assert "Replace the data entered by hand" in detail(reviewer_client, cert)
    refused = read_again(reviewer_client, cert, django_capture_on_commit_callbacks)
    assert "confirm that reading the file again may replace it" in refused.content.decode()
    assert Policy.objects.filter(policy_number="TYPED-1").exists()
    read_again(reviewer_client, cert, django_capture_on_commit_callbacks, replace="1")
    assert not Policy.objects.filter(policy_number="TYPED-1").exists()
    assert CertificateEvidence.objects.get(certificate=cert).run == 2


def test_read_again_is_refused_for_an_accepted_certificate(reviewer_client, cert,
                                                           django_capture_on_commit_callbacks):
    reviewer_client.post(reverse("certificates:review", args=[cert.pk]),
                         {**form_data(cert), "action": "confirm"})
    response = read_again(reviewer_client, cert, django_capture_on_commit_callbacks)
    assert "mark it as needing review" in response.content.decode()
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.ACCEPTED and cert.evidence.run == 1


def test_viewers_cannot_read_again(viewer_client, cert):
    response = viewer_client.post(reverse("certificates:read_again", args=[cert.pk]))
    assert response.status_code == 403
    assert CertificateEvidence.objects.get(certificate=cert).state == ReadingState.DONE


def test_read_again_answers_only_post(reviewer_client, cert):
    assert reviewer_client.get(reverse("certificates:read_again", args=[cert.pk])
                               ).status_code == 405


EXPORT = reverse("certificates:reading_examples")


def correct(client, cert, number="GL-FIXED"):
    client.post(reverse("certificates:review", args=[cert.pk]),
                {**form_data(cert), "policies-0-policy_number": number, "action": "save"})


def test_the_export_streams_each_correction_as_a_json_line(admin_client, reviewer_client, cert):
    correct(reviewer_client, cert)
    response = admin_client.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson"
    assert "attachment" in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["document_sha256"] == cert.documents.get().sha256
    assert record["path"] == "policies[0].policy_number"
    assert record["corrected"] == "GL-FIXED" and record["extracted"]
    assert record["reader"] == "layout" and record["evidence"]["box"]
    assert record["format"] == "coitrack.reading-correction/1"


def test_the_export_holds_only_the_organizations_own_examples(admin_client, cert, other_org):
    other_vendor = factories.vendor(other_org, "Elsewhere Painting Inc")
    other = factories.certificate(other_vendor)
    ReadingCorrection.objects.create(
        organization=other_org, certificate=other, run=1, document_sha256="e" * 64,
        path="insured.name", extracted="Secret Zanzibar", corrected="x", reader="layout")
    body = b"".join(admin_client.get(EXPORT).streaming_content).decode()
    assert "Zanzibar" not in body and body == ""


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.VIEWER])
def test_only_admins_may_export(client, org, role):
    user = factories.user(f"export-{role}", org=org, role=role)
    client.force_login(user)
    assert client.get(EXPORT).status_code == 403
