"""Reading an uploaded certificate in the background: data, evidence, status, and safety."""

import datetime as dt

import pytest
from django.utils import timezone

from coitrack.audit.models import Event
from coitrack.certificates.models import (
    CertificateEvidence,
    CertificateStatus,
    Policy,
    ReadingState,
)
from coitrack.certificates.schema_io import certificate_to_schema, schema_to_data
from coitrack.certificates.services import (
    accept_certificate,
    reject_certificate,
    save_certificate_data,
)
from coitrack.certificates.services import reading_files as reading_service
from coitrack.certificates.services.reading import ReadingRefused, schedule_reading
from coitrack.certificates.tasks import read_certificate
from coitrack.certificates.tests import samples
from coitrack.certificates.tests.reading import synthetic, upload


@pytest.fixture
def read(reviewer_client, vendor, django_capture_on_commit_callbacks):
    """Upload files through the upload page and let the background tasks run."""
    def read(*files):
        return upload(reviewer_client, vendor, *files, capture=django_capture_on_commit_callbacks)
    return read


@pytest.mark.parametrize(("variant", "reader"), [("text", "layout"), ("fillable", "acroform")])
def test_an_uploaded_certificate_is_read_and_waits_for_review(read, variant, reader):
    pdf, truth = synthetic(7, variant)
    cert = read(("coi.pdf", pdf))
    assert cert.status == CertificateStatus.NEEDS_REVIEW
    assert "Read automatically from coi.pdf" in cert.status_reason
    data = certificate_to_schema(cert)
    assert data["insured"]["name"] == truth["insured"]["name"]
    assert data["certificate_holder"]["name"] == truth["certificate_holder"]["name"]
    assert [p["policy_number"] for p in data["policies"]] == [
        p["policy_number"] for p in truth["policies"]
    ]
    assert data["policies"][0]["limits"] == truth["policies"][0]["limits"]
    evidence = cert.evidence
    assert evidence.state == ReadingState.DONE and evidence.reader == reader
    assert evidence.run == 1 and evidence.document == cert.documents.get()
    assert evidence.page_sizes == [[612.0, 792.0]]
    box = evidence.values["insured.name"]
    assert box["page"] == 1 and len(box["box"]) == 4 and box["confidence"] >= 0.6
    assert evidence.policy_ids == list(cert.policies.values_list("pk", flat=True))


def test_a_scanned_image_is_read_by_ocr_with_boxes_on_the_image(read, reviewer_client,
                                                                 monkeypatch):
    from coitrack.reading import isolation
    from coitrack.reading.synth import generate

    # OCR's first page also loads the model; a busy test machine must not make it time out.
    monkeypatch.setattr(isolation, "DEFAULT_TIMEOUT", max(isolation.DEFAULT_TIMEOUT, 180))
    png, truth = generate(7, "scan200", container="png", quarters=0)
    cert = read(("scan.png", png))
    assert cert.status == CertificateStatus.NEEDS_REVIEW, cert.status_reason
    assert cert.evidence.reader == "ocr"
    assert cert.insured_name == truth["insured"]["name"]
    assert cert.evidence.page_sizes == [[612.0, 792.0]]  # 1700 x 2200 px at 200 dpi
    html = reviewer_client.get(f"/certificates/{cert.pk}/review/").content.decode()
    assert 'data-evidence-path="insured.name" style="left:' in html


def test_a_scanned_insurer_name_is_set_right_from_the_organizations_own_carriers(
    read, vendor, monkeypatch
):
    from coitrack.reading import isolation
    from coitrack.reading.carriers import CARRIERS
    from coitrack.requirements.models import Carrier

    monkeypatch.setattr(isolation, "DEFAULT_TIMEOUT", max(isolation.DEFAULT_TIMEOUT, 180))
    # a fax whose insurer C is misread, and an insurer the reader's own list does not hold
    tiff, truth = synthetic(3_100_045, "fax")
    insurer = next(i for i in truth["insurers"] if i["letter"] == "C")
    assert insurer["naic"] not in CARRIERS
    Carrier.objects.create(organization=vendor.organization, name=insurer["name"],
                           naic=insurer["naic"])
    cert = read(("fax.tif", tiff))
    assert cert.evidence.reader == "ocr"
    names = {i["letter"]: i["name"] for i in certificate_to_schema(cert)["insurers"]}
    assert names["C"] == insurer["name"]


def test_the_reading_is_in_the_history_as_the_system(read):
    cert = read(("coi.pdf", synthetic()[0]))
    statuses = [e.changes["status"] for e in Event.objects.filter(
        certificate_id=cert.pk, action="status").order_by("id")]
    assert statuses == [["received", "processing"], ["processing", "needs_review"]]
    data_events = Event.objects.filter(certificate_id=cert.pk, action__in=["update", "create"],
                                       actor_label="system")
    assert data_events.filter(object_type="policy").count() == cert.policies.count()


def test_a_file_that_cannot_be_read_needs_review_with_the_readers_message(read):
    cert = read(("blank.pdf", samples.pdf_bytes()))
    assert cert.status == CertificateStatus.NEEDS_REVIEW
    assert cert.status_reason.startswith("The file could not be read automatically: blank.pdf:")
    assert "no certificate found" in cert.status_reason
    assert cert.evidence.state == ReadingState.FAILED
    assert "no certificate found" in cert.evidence.error
    assert not cert.policies.exists() and not cert.insurers.exists() and not cert.insured_name


def test_a_file_damaged_in_storage_fails_cleanly(reviewer_client, vendor, storage_dir):
    cert = upload(reviewer_client, vendor, ("coi.pdf", synthetic()[0]))  # tasks not run yet
    (storage_dir / cert.documents.get().file.name).write_bytes(b"%PDF-1.7\n garbage")
    assert read_certificate.call(cert.pk) == "failed"
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.NEEDS_REVIEW and "coi.pdf" in cert.status_reason
    assert not cert.policies.exists()


def test_a_reader_crash_fails_cleanly_and_writes_nothing(reviewer_client, vendor, monkeypatch):
    cert = upload(reviewer_client, vendor, ("coi.pdf", synthetic()[0]))

    def crash(*args, **kwargs):
        raise RuntimeError("reader bug")

    monkeypatch.setattr(reading_service, "read_document", crash)
    assert read_certificate.call(cert.pk) == "failed"
    cert.refresh_from_db()
    assert "failed unexpectedly" in cert.status_reason and not cert.policies.exists()


def test_running_the_task_twice_does_nothing_the_second_time(read):
    cert = read(("coi.pdf", synthetic()[0]))
    events = Event.objects.count()
    assert read_certificate.call(cert.pk) == "nothing"
    assert Event.objects.count() == events and cert.evidence.run == 1


def test_reading_again_replaces_the_reading_without_duplicating(read, reviewer_user):
    cert = read(("coi.pdf", synthetic()[0]))
    policy_ids = list(cert.policies.values_list("pk", flat=True))
    schedule_reading(certificate=cert, actor=reviewer_user)
    assert read_certificate.call(cert.pk) == "read"
    cert.refresh_from_db()
    assert list(cert.policies.values_list("pk", flat=True)) == policy_ids
    assert cert.evidence.run == 2 and cert.status == CertificateStatus.NEEDS_REVIEW


def test_data_typed_in_before_reading_is_not_overwritten(reviewer_client, vendor,
                                                         reviewer_user):
    cert = upload(reviewer_client, vendor, ("coi.pdf", synthetic()[0]))
    typed = schema_to_data({"insured": {"name": "Typed By Hand LLC"}})
    save_certificate_data(certificate=cert, data=typed, actor=reviewer_user)
    assert read_certificate.call(cert.pk) == "skipped"
    cert.refresh_from_db()
    assert cert.insured_name == "Typed By Hand LLC" and not cert.policies.exists()
    assert cert.evidence.state == ReadingState.SKIPPED
    assert "entered by hand" in cert.evidence.note and "insured.name" in cert.evidence.note
    assert Event.objects.filter(certificate_id=cert.pk, note__contains="entered by hand").exists()


def test_an_edit_made_while_the_file_is_read_is_not_overwritten(reviewer_client, vendor,
                                                                reviewer_user, monkeypatch):
    cert = upload(reviewer_client, vendor, ("coi.pdf", synthetic()[0]))
    real = reading_service.read_document

    def read_while_someone_types(*args, **kwargs):
        save_certificate_data(certificate=cert, actor=reviewer_user,
                              data=schema_to_data({"insured": {"name": "Meanwhile Inc"}}))
        return real(*args, **kwargs)

    monkeypatch.setattr(reading_service, "read_document", read_while_someone_types)
    assert read_certificate.call(cert.pk) == "skipped"
    cert.refresh_from_db()
    assert cert.insured_name == "Meanwhile Inc" and not cert.policies.exists()
    assert cert.status == CertificateStatus.NEEDS_REVIEW


def test_a_certificate_decided_before_it_was_read_is_left_alone(reviewer_client, vendor,
                                                                reviewer_user):
    cert = upload(reviewer_client, vendor, ("coi.pdf", synthetic()[0]))
    reject_certificate(certificate=cert, reason="Wrong vendor", actor=reviewer_user)
    assert read_certificate.call(cert.pk) == "skipped"
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.REJECTED and not cert.policies.exists()


def test_a_reading_claimed_by_a_live_worker_is_not_taken_twice(reviewer_client, vendor):
    cert = upload(reviewer_client, vendor, ("coi.pdf", synthetic()[0]))
    CertificateEvidence.objects.filter(certificate=cert).update(
        state=ReadingState.READING, claimed_at=timezone.now())
    assert read_certificate.call(cert.pk) == "nothing"
    CertificateEvidence.objects.filter(certificate=cert).update(
        claimed_at=timezone.now() - dt.timedelta(hours=1))  # that worker died
    assert read_certificate.call(cert.pk) == "read"


def test_only_the_first_readable_file_is_applied_and_the_rest_noted(read):
    first, second = synthetic(7)[0], synthetic(8)[0]
    cert = read(("blank.pdf", samples.pdf_bytes(marker="cover")), ("coi.pdf", first),
                ("other.pdf", second))
    evidence = cert.evidence
    assert evidence.document.original_name == "coi.pdf"
    assert cert.insured_name == synthetic(7)[1]["insured"]["name"]
    assert any(w.startswith("blank.pdf:") for w in evidence.warnings)
    assert any(w.startswith("other.pdf also reads as a certificate") for w in evidence.warnings)


def test_reading_again_is_refused_over_hand_typed_data_unless_replacing(read, reviewer_user):
    cert = read(("coi.pdf", synthetic()[0]))
    policy = cert.policies.first()
    Policy.objects.filter(pk=policy.pk).update(policy_number="HAND-1")
    with pytest.raises(ReadingRefused, match="entered by hand"):
        schedule_reading(certificate=cert, actor=reviewer_user)
    schedule_reading(certificate=cert, actor=reviewer_user, replace_human_edits=True)
    assert read_certificate.call(cert.pk) == "read"
    policy.refresh_from_db()
    assert policy.policy_number == synthetic()[1]["policies"][0]["policy_number"]


def test_reading_an_accepted_certificate_again_is_refused(read, reviewer_user):
    cert = read(("coi.pdf", synthetic()[0]))
    accept_certificate(certificate=cert, actor=reviewer_user)
    with pytest.raises(ReadingRefused, match="accepted"):
        schedule_reading(certificate=cert, actor=reviewer_user)

