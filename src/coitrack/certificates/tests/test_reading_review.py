"""The review screen: boxes of what was read, values to check, confirming, correcting."""

import re

import pytest
from django.urls import reverse

from coitrack.audit.models import Event
from coitrack.certificates.models import (
    CertificateEvidence,
    CertificateStatus,
    Policy,
    ReadingCorrection,
)
from coitrack.certificates.tests import reading
from coitrack.certificates.tests.reading import form_data, synthetic, upload


@pytest.fixture
def insured_vendor(org):
    return reading.insured_vendor(org)


@pytest.fixture
def cert(reviewer_client, insured_vendor, django_capture_on_commit_callbacks):
    """A text certificate uploaded through the upload page and read in the background."""
    return upload(reviewer_client, insured_vendor, ("coi.pdf", synthetic(7)[0]),
                  capture=django_capture_on_commit_callbacks)


def review_url(cert):
    return reverse("certificates:review", args=[cert.pk])


def boxes(html: str) -> dict[str, str]:
    """data-evidence-path -> style of each box drawn over the page images."""
    return dict(re.findall(
        r'<span class="evidence-box[^"]*" data-evidence-path="([^"]+)" style="([^"]+)"', html))


def test_the_review_page_draws_a_box_over_each_value_read(reviewer_client, cert):
    html = reviewer_client.get(review_url(cert)).content.decode()
    drawn = boxes(html)
    assert set(cert.evidence.values) <= set(drawn)
    x0, y0, x1, y1 = cert.evidence.values["insured.name"]["box"]
    style = {k: float(v) for k, v in re.findall(r"(\w+):([\d.]+)%", drawn["insured.name"])}
    # Points -> percent of the letter page (612 x 792 pt), with a 1.5 pt margin around the text.
    assert style["left"] == pytest.approx((x0 - 1.5) / 612 * 100, abs=0.01)
    assert style["top"] == pytest.approx((y0 - 1.5) / 792 * 100, abs=0.01)
    assert style["width"] == pytest.approx((x1 - x0 + 3) / 612 * 100, abs=0.01)
    assert style["height"] == pytest.approx((y1 - y0 + 3) / 792 * 100, abs=0.01)
    doc = cert.documents.get()
    assert reverse("certificates:preview", args=[doc.pk, 1]) in html


def test_each_input_names_the_value_it_holds(reviewer_client, cert):
    html = reviewer_client.get(review_url(cert)).content.decode()
    assert re.search(r'name="cert-insured_name"[^>]*data-evidence-path="insured.name"', html) \
        or re.search(r'data-evidence-path="insured.name"[^>]*name="cert-insured_name"', html)
    assert 'data-evidence-path="policies[0].limits.each_occurrence"' in html
    assert "review.js" in html


def test_a_value_the_reader_was_not_sure_of_stands_out(reviewer_client, cert):
    evidence = cert.evidence
    evidence.values["policies[0].policy_number"]["flag"] = "low_confidence"
    evidence.save()
    Policy.objects.filter(pk=evidence.policy_ids[0]).update(policy_number="")
    html = reviewer_client.get(review_url(cert)).content.decode()
    assert re.search(r'class="evidence-box evidence-low" data-evidence-path='
                     r'"policies\[0\].policy_number"', html)
    field = re.search(r'<input[^>]*name="policies-0-policy_number"[^>]*>', html).group(0)
    assert "evidence-low" in field
    assert "The reader was not sure of this value" in html
    assert "To check (1)" in html


def test_an_empty_critical_value_stands_out_as_missing(reviewer_client, cert):
    Policy.objects.filter(pk=cert.evidence.policy_ids[1]).update(expiration_date=None)
    html = reviewer_client.get(review_url(cert)).content.decode()
    field = re.search(r'<input[^>]*name="policies-1-expiration_date"[^>]*>', html).group(0)
    assert "evidence-missing" in field and "Not found on the document" in html


def test_saving_unchanged_data_keeps_no_example(reviewer_client, cert):
    response = reviewer_client.post(review_url(cert), {**form_data(cert), "action": "save"})
    assert response.status_code == 302
    assert not ReadingCorrection.objects.exists()


def test_a_correction_is_kept_as_a_labelled_example_and_noted_in_the_history(
    reviewer_client, reviewer_user, cert
):
    truth = synthetic(7)[1]
    data = form_data(cert)
    data["policies-0-policy_number"] = "GL-CORRECTED"
    response = reviewer_client.post(review_url(cert), {**data, "action": "save"})
    assert response.status_code == 302
    example = ReadingCorrection.objects.get()
    assert example.path == "policies[0].policy_number"
    assert example.extracted == truth["policies"][0]["policy_number"]
    assert example.corrected == "GL-CORRECTED"
    assert example.document_sha256 == cert.documents.get().sha256
    assert example.reader == "layout" and example.created_by == reviewer_user
    assert example.organization == cert.organization
    assert example.evidence["box"] and example.evidence["page_size"] == [612.0, 792.0]
    note = Event.objects.get(certificate_id=cert.pk, note__startswith="Corrects what the reader")
    assert note.changes == {"read policies[0].policy_number": [example.extracted, "GL-CORRECTED"]}
    assert note.actor == reviewer_user


def test_correcting_again_updates_the_example_and_reverting_withdraws_it(reviewer_client, cert):
    original = form_data(cert)
    for value in ("9,999", "8,888"):
        reviewer_client.post(review_url(cert), {
            **form_data(cert), "policies-0-limit_medical_expense": value, "action": "save"})
    assert ReadingCorrection.objects.get().corrected == 8888
    reviewer_client.post(review_url(cert), {**original, "action": "save"})
    assert not ReadingCorrection.objects.exists()
    assert Event.objects.filter(certificate_id=cert.pk, note__contains="withdrawn").exists()


def test_filling_in_a_value_the_reader_missed_is_an_example(reviewer_client, cert):
    data = form_data(cert)
    assert "cert-certificate_number" not in data  # this certificate prints none
    reviewer_client.post(review_url(cert), {**data, "cert-certificate_number": "C-77",
                                            "action": "save"})
    example = ReadingCorrection.objects.get()
    assert (example.path, example.extracted, example.corrected) == (
        "certificate_number", None, "C-77")


def test_removing_a_policy_the_reader_invented_is_an_example(reviewer_client, cert):
    data = {**form_data(cert), "policies-2-DELETE": "on", "action": "save"}
    reviewer_client.post(review_url(cert), data)
    example = ReadingCorrection.objects.get()
    assert example.path == "policies[2]" and example.corrected is None
    assert example.extracted["policy_number"] == synthetic(7)[1]["policies"][2]["policy_number"]


def test_the_edit_page_keeps_corrections_too(reviewer_client, cert):
    data = {**form_data(cert), "cert-insured_name": "Blue Ridge Demolition LLC"}
    reviewer_client.post(reverse("certificates:edit", args=[cert.pk]), data)
    assert ReadingCorrection.objects.get().path == "insured.name"


def test_confirming_saves_the_data_and_accepts_the_certificate(reviewer_client, cert):
    data = {**form_data(cert), "policies-0-policy_number": "GL-1", "action": "confirm"}
    response = reviewer_client.post(review_url(cert), data)
    assert response["Location"] == reverse("certificates:detail", args=[cert.pk])
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.ACCEPTED
    assert ReadingCorrection.objects.count() == 1


def test_confirming_with_open_flags_needs_them_acknowledged(
    reviewer_client, vendor, django_capture_on_commit_callbacks
):
    # The certificate names another insured than this vendor: the review app flags it.
    cert = upload(reviewer_client, vendor, ("coi.pdf", synthetic(7)[0]),
                  capture=django_capture_on_commit_callbacks)
    page = reviewer_client.get(review_url(cert)).content.decode()
    assert 'name="confirm_flags"' in page
    data = {**form_data(cert), "action": "confirm"}
    refused = reviewer_client.post(review_url(cert), data, follow=True).content.decode()
    assert "not accepted" in refused and "still open" in refused
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.NEEDS_REVIEW
    reviewer_client.post(review_url(cert), {**data, "confirm_flags": "1"})
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.ACCEPTED


def test_confirming_data_that_cannot_be_accepted_saves_it_and_says_why(reviewer_client, cert):
    data = form_data(cert)
    del data["policies-0-effective_date"]
    response = reviewer_client.post(review_url(cert), {**data, "action": "confirm"}, follow=True)
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.NEEDS_REVIEW
    assert cert.policies.get(pk=cert.evidence.policy_ids[0]).effective_date is None
    assert "was not accepted" in response.content.decode()


def test_invalid_data_is_explained_and_changes_nothing(reviewer_client, cert):
    data = {**form_data(cert), "policies-0-limit_each_occurrence": "lots", "action": "confirm"}
    response = reviewer_client.post(review_url(cert), data)
    assert response.status_code == 400 and "whole dollars" in response.content.decode()
    assert boxes(response.content.decode())  # the boxes are still there to compare with
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.NEEDS_REVIEW and not ReadingCorrection.objects.exists()


def test_a_certificate_never_read_can_still_be_reviewed(reviewer_client, vendor):
    cert = upload(reviewer_client, vendor, ("coi.pdf", synthetic(7)[0]))  # task not run
    CertificateEvidence.objects.filter(certificate=cert).delete()
    response = reviewer_client.get(review_url(cert))
    assert response.status_code == 200 and "was not read automatically" in response.content.decode()
    assert not boxes(response.content.decode())


def test_viewers_cannot_review(viewer_client, cert):
    assert viewer_client.get(review_url(cert)).status_code == 403
    assert viewer_client.post(review_url(cert), {**form_data(cert), "action": "confirm"}
                              ).status_code == 403
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.NEEDS_REVIEW


def test_another_organizations_certificate_is_404(reviewer_client, other_vendor,
                                                  django_capture_on_commit_callbacks):
    from coitrack.testing import factories

    other = factories.certificate(other_vendor, status=CertificateStatus.NEEDS_REVIEW)
    assert reviewer_client.get(review_url(other)).status_code == 404
    assert reviewer_client.post(reverse("certificates:read_again", args=[other.pk])
                                ).status_code == 404


def test_a_description_continued_on_an_acord_101_page_is_boxed_on_both_pages(
    reviewer_client, insured_vendor, django_capture_on_commit_callbacks
):
    from coitrack.reading.synth import make_sample, render

    pdf = render(make_sample(7), "text", seed=7, remarks=True)
    cert = upload(reviewer_client, insured_vendor, ("coi.pdf", pdf),
                  capture=django_capture_on_commit_callbacks)
    item = cert.evidence.values["description_of_operations"]
    assert item["continued"] and item["continued"][0]["page"] == 2
    html = reviewer_client.get(review_url(cert)).content.decode()
    pages = html.split('class="page-frame"')[1:]
    assert len(pages) == 2
    for page in pages:
        assert 'data-evidence-path="description_of_operations"' in page


def test_values_read_without_full_certainty_are_marked_to_compare_with_the_document(
    reviewer_client, insured_vendor, django_capture_on_commit_callbacks
):
    # A certificate in no ACORD layout: the generic reader caps every value at 0.75.
    pdf, _truth = synthetic(7, "generic")
    cert = upload(reviewer_client, insured_vendor, ("letter.pdf", pdf),
                  capture=django_capture_on_commit_callbacks)
    assert cert.evidence.reader == "generic"
    html = reviewer_client.get(review_url(cert)).content.decode()
    assert re.search(r'class="evidence-box evidence-check" data-evidence-path="insured.name"',
                     html)
    assert "compare with the document" in html
    assert re.search(r'class="[^"]*evidence-check[^"]*"[^>]*name="cert-insured_name"', html) \
        or re.search(r'name="cert-insured_name"[^>]*class="[^"]*evidence-check', html)
