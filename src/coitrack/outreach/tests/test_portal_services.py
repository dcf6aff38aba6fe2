"""The portal's services one by one: requirements in words, the as-if-accepted judgement."""

from __future__ import annotations

import datetime as dt

import pytest

from coitrack.certificates.models import CertificateStatus
from coitrack.compliance.services.evaluation import evaluate_vendor
from coitrack.outreach.services.portal_answer import missing_after, what_if
from coitrack.outreach.services.portal_words import requirement_words
from coitrack.requirements.models import RequirementTemplate, TemplateAssignment
from coitrack.testing import factories

TEMPLATE = {
    "name": "Tier 2 (internal)",
    "certificate_holder": {"name": "Harbor Point Properties LLC",
                           "address": "1 Harbor Way,  Boston MA 02110"},
    "insurer": {"min_rating": "A-", "min_financial_size": "VII"},
    "coverages": [
        {"coverage": "general_liability", "limits": {"each_occurrence": 1000000},
         "additional_insured": True, "additional_insured_evidence": "confirmed",
         "subrogation_waived": True},
        {"coverage": "workers_compensation", "statutory": True},
    ],
}
TODAY = dt.date(2026, 3, 2)


def test_requirements_read_as_plain_words_without_internal_names():
    words = requirement_words(TEMPLATE, "vendor type Roofing")
    assert words.title == "Requirements"  # the type and the template name stay internal
    gl, wc = words.coverages
    assert gl.name == "General liability"
    assert gl.limits == ["Each occurrence: at least $1,000,000"]
    assert gl.conditions == [
        "The certificate holder named as additional insured, with the endorsement attached",
        "Waiver of subrogation in favor of the certificate holder"]
    assert wc.conditions == ["Statutory limits (PER STATUTE marked)"]
    assert words.holder == "Harbor Point Properties LLC, 1 Harbor Way, Boston MA 02110"
    assert words.general == ["Insurers rated at least A- / VII by AM Best"]


def test_requirements_of_a_project_say_which_project():
    assert requirement_words(TEMPLATE, "project Harbor Tower").title == "For project Harbor Tower"


@pytest.fixture
def vendor(db):
    org = factories.organization()
    vendor = factories.vendor(org, "Summit Roofing LLC")
    template = RequirementTemplate.objects.create(organization=org, name="GL", data={
        "name": "GL", "coverages": [{"coverage": "general_liability",
                                     "limits": {"each_occurrence": 1000000}}]})
    TemplateAssignment.objects.create(organization=org, template=template, vendor=vendor)
    return vendor


def test_what_if_judges_a_certificate_awaiting_review_as_if_accepted(vendor):
    pending = factories.certificate(vendor, status=CertificateStatus.NEEDS_REVIEW,
                                    limits={"each_occurrence": 1000000})
    assert evaluate_vendor(vendor, as_of=TODAY).status == "missing"  # stored: nothing accepted
    result = what_if(vendor, [pending], today=TODAY)
    assert result.status == "compliant" and not result.deficiencies
    assert missing_after(result, today=TODAY, window_days=30) == []
    vendor.refresh_from_db()
    assert vendor.compliance_status == "missing"  # nothing was stored


def test_what_if_lists_what_the_certificate_still_lacks(vendor):
    low = factories.certificate(vendor, status=CertificateStatus.NEEDS_REVIEW,
                                limits={"each_occurrence": 500000})
    result = what_if(vendor, [low], today=TODAY)
    lines = missing_after(result, today=TODAY, window_days=30)
    assert len(lines) == 1 and "$500,000" in lines[0] and "$1,000,000" in lines[0]


def test_a_policy_ending_within_the_request_window_still_asks_for_the_renewal(vendor):
    soon = factories.certificate(vendor, status=CertificateStatus.NEEDS_REVIEW,
                                 effective=dt.date(2025, 3, 20), expiration=dt.date(2026, 3, 20),
                                 limits={"each_occurrence": 1000000}, policy_number="GL-1")
    result = what_if(vendor, [soon], today=TODAY)
    lines = missing_after(result, today=TODAY, window_days=30)
    assert lines == ["Commercial general liability policy GL-1 expires on 03/20/2026: "
                     "send the renewal."]
