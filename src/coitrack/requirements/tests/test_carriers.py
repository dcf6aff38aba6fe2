"""The carrier table: editing, CSV import (preview, then all or nothing), export, engine table."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coitrack.audit.models import Event
from coitrack.requirements import services
from coitrack.requirements.models import Carrier

HEADER = "name,naic,am_best_rating,financial_size\n"


def _upload(client, text: str | bytes):
    raw = text.encode() if isinstance(text, str) else text
    return client.post(reverse("requirements:carrier_import"),
                       {"file": SimpleUploadedFile("carriers.csv", raw, content_type="text/csv")})


def _confirm(client, text: str):
    return client.post(reverse("requirements:carrier_import"), {"text": text, "confirm": "1"})


def test_table_starts_empty_and_says_why(reviewer_client, org):
    html = reviewer_client.get(reverse("requirements:carriers")).content.decode()
    assert "The carrier table is empty" in html
    assert not Carrier.objects.exists()


def test_preview_lists_rows_and_changes_nothing(reviewer_client, org):
    text = HEADER + "Zurich American Insurance Company,16535,A+,XV\nSmall Mutual,1234,b+,7\n"
    html = _upload(reviewer_client, text).content.decode()
    assert "Zurich American Insurance Company" in html
    assert "01234" in html  # the spreadsheet's lost leading zero is put back
    assert "Ready to import" in html
    assert not Carrier.objects.exists()


def test_confirmed_import_creates_the_carriers(reviewer_client, org):
    text = HEADER.strip() + ",admitted\nZurich American Insurance Company,16535,A+,XV,yes\n" \
        "Small Mutual,,B+,VII,no\nUnrated Co,,NR,,\n"
    response = _confirm(reviewer_client, text)
    assert response.status_code == 302
    rows = {c.name: (c.naic, c.am_best_rating, c.financial_size, c.admitted)
            for c in Carrier.objects.filter(organization=org)}
    assert rows == {
        "Zurich American Insurance Company": ("16535", "A+", "XV", True),
        "Small Mutual": ("", "B+", "VII", False),
        "Unrated Co": ("", "", "", None),
    }
    assert Event.objects.filter(object_type="carrier", action="create").count() == 3


def test_import_updates_by_naic_even_when_the_name_changed(reviewer_client, org):
    carrier = services.create_carrier(organization=org, actor=None, name="Old Name Insurance",
                                      naic="16535", am_best_rating="A")
    _confirm(reviewer_client, HEADER + "Zurich American Insurance Company,16535,A+,XV\n")
    carrier.refresh_from_db()
    assert (carrier.name, carrier.am_best_rating, carrier.financial_size) == (
        "Zurich American Insurance Company", "A+", "XV")
    assert Carrier.objects.count() == 1


def test_import_updates_by_normalized_name_and_fills_the_naic(reviewer_client, org):
    carrier = services.create_carrier(organization=org, actor=None,
                                      name="Harbor Mutual Insurance Co.", am_best_rating="B")
    _confirm(reviewer_client, HEADER + "HARBOR MUTUAL INSURANCE COMPANY,22222,A-,IX\n")
    carrier.refresh_from_db()
    assert (carrier.naic, carrier.am_best_rating, carrier.financial_size) == ("22222", "A-", "IX")
    assert Carrier.objects.count() == 1


def test_same_name_but_another_naic_is_another_carrier(reviewer_client, org):
    services.create_carrier(organization=org, actor=None, name="Harbor Mutual", naic="11111")
    _confirm(reviewer_client, HEADER + "Harbor Mutual,22222,A,X\n")
    assert Carrier.objects.count() == 2


def test_bad_rating_is_shown_on_its_row_and_nothing_is_imported(reviewer_client, org):
    text = HEADER + "Good Co,11111,A,X\nBad Co,22222,AA,X\n"
    html = _upload(reviewer_client, text).content.decode()
    assert "AM Best rating “AA” is not on the scale" in html
    assert "Nothing can be imported yet" in html
    response = _confirm(reviewer_client, text)  # even if the confirmation is forced
    assert "nothing was imported" in response.content.decode()
    assert not Carrier.objects.exists()


def test_missing_header_is_refused_clearly(reviewer_client, org):
    html = _upload(reviewer_client, "Zurich,16535,A+,XV\n").content.decode()
    assert "The header lacks" in html and "Nothing was imported" in html
    assert not Carrier.objects.exists()


def test_file_that_is_not_utf8_is_refused_clearly(reviewer_client, org):
    html = _upload(reviewer_client, (HEADER + "Compañía,11111,A,X\n").encode("latin-1"))
    assert "not UTF-8" in html.content.decode()
    assert not Carrier.objects.exists()


def test_binary_file_is_refused(reviewer_client, org):
    html = _upload(reviewer_client, b"PK\x03\x04\x00\x00binary").content.decode()
    assert "not a text file" in html


def test_bad_naic_size_and_duplicates_are_row_problems(reviewer_client, org):
    text = HEADER + "A Co,ABCDE,A,X\nB Co,33333,A,XX\nC Co,44444,A,X\nC2 Co,44444,A,X\n"
    html = _upload(reviewer_client, text).content.decode()
    assert "NAIC code “ABCDE” is not 5 digits" in html
    assert "financial size “XX” is not I..XV" in html
    assert "same NAIC code as line 4" in html


def test_export_gives_back_the_import_format(reviewer_client, org):
    services.create_carrier(organization=org, actor=None, name="Zurich, American", naic="16535",
                            am_best_rating="A+", financial_size="XV", admitted=True)
    response = reviewer_client.get(reverse("requirements:carrier_export"))
    text = response.content.decode()
    assert text == ('name,naic,am_best_rating,financial_size,admitted\n'
                    '"Zurich, American",16535,A+,XV,yes\n')
    Carrier.objects.all().delete()
    _confirm(reviewer_client, text)
    assert Carrier.objects.get().name == "Zurich, American"


def test_add_edit_and_delete_a_carrier_through_the_pages(reviewer_client, org):
    reviewer_client.post(reverse("requirements:carrier_create"), {
        "name": "Example Mutual", "naic": "12345", "am_best_rating": "A", "financial_size": "VIII",
        "admitted": "yes"})
    carrier = Carrier.objects.get()
    assert (carrier.naic, carrier.admitted) == ("12345", True)
    reviewer_client.post(reverse("requirements:carrier_edit", args=[carrier.pk]), {
        "name": "Example Mutual", "naic": "12345", "am_best_rating": "B+", "financial_size": "",
        "admitted": ""})
    carrier.refresh_from_db()
    assert (carrier.am_best_rating, carrier.financial_size, carrier.admitted) == ("B+", "", None)
    reviewer_client.post(reverse("requirements:carrier_delete", args=[carrier.pk]))
    assert not Carrier.objects.exists()
    assert [e.action for e in Event.objects.filter(object_type="carrier").order_by("id")] == [
        "create", "update", "delete"]


def test_naic_must_be_five_digits_and_unique(reviewer_client, org):
    services.create_carrier(organization=org, actor=None, name="First", naic="12345")
    html = reviewer_client.post(reverse("requirements:carrier_create"), {
        "name": "Second", "naic": "12345"}).content.decode()
    assert "NAIC 12345 is already First" in html
    html = reviewer_client.post(reverse("requirements:carrier_create"), {
        "name": "Third", "naic": "12a"}).content.decode()
    assert "5-digit NAIC code" in html
    assert Carrier.objects.count() == 1


def test_search_by_name_or_naic(reviewer_client, org):
    services.create_carrier(organization=org, actor=None, name="Zurich American", naic="16535")
    services.create_carrier(organization=org, actor=None, name="Travelers", naic="25658")
    html = reviewer_client.get(reverse("requirements:carriers"), {"q": "1653"}).content.decode()
    assert "<strong>Zurich American</strong>" in html
    assert "<strong>Travelers</strong>" not in html


def test_carrier_table_for_the_engine_looks_up_by_naic_then_name(org):
    services.create_carrier(organization=org, actor=None, name="Zurich American Insurance Co",
                            naic="16535", am_best_rating="A+", financial_size="XV")
    table = services.carrier_table(org)
    assert table.lookup(name="Anything", naic="16535").describe() == "A+ XV"
    assert table.lookup(name="ZURICH AMERICAN INSURANCE COMPANY", naic=None).rating == "A+"
    assert table.lookup(name="Unknown", naic="99999") is None


def test_other_organizations_carriers_are_not_in_the_table(org, other_org):
    services.create_carrier(organization=other_org, actor=None, name="Theirs", naic="16535")
    assert len(services.carrier_table(org)) == 0
