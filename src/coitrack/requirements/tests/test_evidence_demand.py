"""Templates may demand that additional insured, waiver and primary & non-contributory be
confirmed by an endorsement ("<flag>_evidence": "confirmed"); "box ticked is enough" is the
default and is never written."""

from __future__ import annotations

import json

from django.urls import reverse

from coitrack.requirements.models import RequirementTemplate
from coitrack.requirements.tests.helpers import DOCUMENTED, form_post, simple, without_false_flags
from coitrack.rules.requirements import parse_requirements


def _demanding(data: dict) -> dict:
    data = json.loads(json.dumps(data))
    data["coverages"][0]["additional_insured_evidence"] = "confirmed"
    data["coverages"][3]["subrogation_waived_evidence"] = "confirmed"
    return data


def _post(data: dict) -> dict:
    post = form_post(data)
    for i, entry in enumerate(data["coverages"]):
        for flag in ("additional_insured", "subrogation_waived", "primary_noncontributory"):
            post[f"coverages-{i}-{flag}_evidence"] = entry.get(f"{flag}_evidence", "indicated")
    return post


def test_endorsement_required_is_saved_and_exported_only_where_chosen(reviewer_client, org):
    wanted = _demanding(DOCUMENTED)
    response = reviewer_client.post(reverse("requirements:create"), _post(wanted))
    assert response.status_code == 302
    template = RequirementTemplate.objects.get(organization=org)
    assert template.data == without_false_flags(wanted)
    exported = json.loads(reviewer_client.get(
        reverse("requirements:export", args=[template.pk])).content)
    assert exported["coverages"][0]["additional_insured_evidence"] == "confirmed"
    assert "subrogation_waived_evidence" not in exported["coverages"][0]  # default: left out
    parsed = parse_requirements(exported).coverages
    assert parsed[0].demanded_evidence("additional_insured") == "confirmed"
    assert parsed[3].demanded_evidence("subrogation_waived") == "confirmed"


def test_box_ticked_is_enough_writes_nothing(reviewer_client, org):
    reviewer_client.post(reverse("requirements:create"), _post(DOCUMENTED))
    assert RequirementTemplate.objects.get().data == without_false_flags(DOCUMENTED)


def test_an_evidence_demand_without_its_flag_is_not_written(reviewer_client, org):
    post = form_post(simple())
    post["coverages-0-additional_insured_evidence"] = "confirmed"  # flag itself not ticked
    reviewer_client.post(reverse("requirements:create"), post)
    assert "additional_insured_evidence" not in RequirementTemplate.objects.get().data[
        "coverages"][0]


def test_edit_page_shows_the_demand_and_keeps_it(reviewer_client, org):
    reviewer_client.post(reverse("requirements:create"), _post(_demanding(DOCUMENTED)))
    template = RequirementTemplate.objects.get()
    html = reviewer_client.get(reverse("requirements:edit", args=[template.pk])).content.decode()
    assert '<option value="confirmed" selected>Endorsement required</option>' in html
    assert "Box ticked is enough" in html
    post = _post(template.data)
    post["coverages-INITIAL_FORMS"] = str(len(template.data["coverages"]))
    reviewer_client.post(reverse("requirements:edit", args=[template.pk]), post)
    template.refresh_from_db()
    assert template.data == without_false_flags(_demanding(DOCUMENTED))


def test_an_unknown_demand_is_refused(reviewer_client, org):
    post = _post(DOCUMENTED)
    post["coverages-0-additional_insured_evidence"] = "notarized"
    response = reviewer_client.post(reverse("requirements:create"), post)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not RequirementTemplate.objects.exists()


def test_imported_demand_round_trips(reviewer_client, org):
    wanted = _demanding(DOCUMENTED)
    reviewer_client.post(reverse("requirements:import"), {"text": json.dumps(wanted)})
    template = RequirementTemplate.objects.get()
    exported = reviewer_client.get(reverse("requirements:export", args=[template.pk]))
    assert json.loads(exported.content) == wanted


def test_an_imported_bad_demand_is_refused_naming_the_key(reviewer_client, org):
    bad = json.loads(json.dumps(DOCUMENTED))
    bad["coverages"][1]["additional_insured_evidence"] = "endorsement"
    html = reviewer_client.post(reverse("requirements:import"),
                                {"text": json.dumps(bad)}).content.decode()
    assert "coverages[1].additional_insured_evidence" in html
    assert not RequirementTemplate.objects.exists()
