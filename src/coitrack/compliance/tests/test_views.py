"""The checklist on the vendor page, the waive and revoke screens, roles, the vendor list's
compliance filters, and the progress bar, through HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from coitrack.compliance.models import EvaluationRun, Waiver
from coitrack.compliance.services import evaluate_vendor
from coitrack.compliance.tests.helpers import GL_1M, assign, gl_certificate, template
from coitrack.dashboard.models import DashboardWidget
from coitrack.testing import factories

NOON = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
WAIVE_QUERY = "?code=LIMIT_BELOW_MINIMUM&coverage=general_liability&limit=each_occurrence"


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def roofing(org):
    return factories.vendor_type(org, "Roofing")


@pytest.fixture
def short(org, roofing):
    vendor = factories.vendor(org, "Apex Roofing LLC", vendor_type=roofing)
    umbrella = {**GL_1M, "umbrella_applies_to": ["general_liability.each_occurrence"]}
    assign(template(org, umbrella), vendor_type=roofing)
    gl_certificate(vendor, each_occurrence=500_000)
    evaluate_vendor(vendor)
    return vendor


def detail(client, vendor):
    return client.get(reverse("vendors:detail", args=[vendor.pk]))


def test_vendor_page_shows_the_checklist_with_the_engines_arithmetic(viewer_client, short):
    page = detail(viewer_client, short).content.decode()
    assert 'id="compliance"' in page
    assert "Non-compliant" in page and "General liability 1M" in page
    assert "via vendor type Roofing" in page
    assert "$500,000" in page and "$1,000,000 required" in page


def test_viewers_see_no_waive_action_reviewers_do(viewer_client, reviewer_client, short):
    assert "Waive…" not in detail(viewer_client, short).content.decode()
    assert "Waive…" in detail(reviewer_client, short).content.decode()


def test_vendor_page_evaluates_a_vendor_never_evaluated(org, roofing, viewer_client):
    vendor = factories.vendor(org, "Brand New LLC", vendor_type=roofing)
    assign(template(org), vendor_type=roofing)
    page = detail(viewer_client, vendor).content.decode()
    assert "Missing" in page
    vendor.refresh_from_db()
    assert vendor.compliance_status == "missing"


def test_vendor_page_says_when_certificates_await_review(org, roofing, viewer_client):
    vendor = factories.vendor(org, "Waiting LLC", vendor_type=roofing)
    assign(template(org), vendor_type=roofing)
    gl_certificate(vendor, status="needs_review")
    page = detail(viewer_client, vendor).content.decode()
    assert "1 certificate awaiting review" in page


def test_waive_form_then_post_waives_and_the_checklist_marks_it(
        reviewer_client, short, django_capture_on_commit_callbacks):
    url = reverse("compliance:waive", args=[short.pk]) + WAIVE_QUERY
    form = reviewer_client.get(url)
    assert form.status_code == 200 and b"$500,000" in form.content
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(url, {
            "code": "LIMIT_BELOW_MINIMUM", "coverage": "general_liability",
            "limit": "each_occurrence", "reason": "Small job", "ends": "date",
            "expires_on": "2026-09-01"})
    assert response.status_code == 302
    waiver = Waiver.objects.get()
    assert (waiver.vendor, waiver.expires_on, waiver.created_by.username) == (
        short, dt.date(2026, 9, 1), "rita")
    page = detail(reviewer_client, short).content.decode()
    assert "(waived)" in page and "In effect" in page and "Small job" in page


def test_waive_until_renewal(reviewer_client, short):
    url = reverse("compliance:waive", args=[short.pk])
    reviewer_client.post(url, {
        "code": "LIMIT_BELOW_MINIMUM", "coverage": "general_liability",
        "limit": "each_occurrence", "reason": "Until they renew", "ends": "renewal"})
    waiver = Waiver.objects.get()
    assert waiver.until_renewal and waiver.renewal_of_expiration == dt.date(2027, 1, 1)


def test_waive_without_reason_or_date_shows_errors_and_changes_nothing(reviewer_client, short):
    url = reverse("compliance:waive", args=[short.pk])
    response = reviewer_client.post(url, {
        "code": "LIMIT_BELOW_MINIMUM", "coverage": "general_liability",
        "limit": "each_occurrence", "reason": "", "ends": "date", "expires_on": "not a date"})
    assert response.status_code == 200
    assert b"This field is required" in response.content
    assert not Waiver.objects.exists()


def test_waive_of_an_unknown_deficiency_redirects_with_a_message(reviewer_client, short):
    url = reverse("compliance:waive", args=[short.pk]) + "?code=NOPE"
    response = reviewer_client.get(url, follow=True)
    assert b"not on this vendor" in response.content
    assert not Waiver.objects.exists()


def test_viewers_cannot_waive_or_revoke(org, viewer_client, reviewer_user, short):
    url = reverse("compliance:waive", args=[short.pk]) + WAIVE_QUERY
    assert viewer_client.get(url).status_code == 403
    assert viewer_client.post(url, {"reason": "x"}).status_code == 403
    waiver = Waiver.objects.create(organization=org, vendor=short, code="LIMIT_BELOW_MINIMUM",
                                   reason="x", expires_on=dt.date(2026, 9, 1))
    response = viewer_client.post(reverse("compliance:waiver_revoke", args=[waiver.pk]))
    assert response.status_code == 403
    waiver.refresh_from_db()
    assert waiver.revoked_at is None


def test_reviewer_revokes_a_waiver(org, reviewer_client, short):
    waiver = Waiver.objects.create(organization=org, vendor=short, code="LIMIT_BELOW_MINIMUM",
                                   coverage="general_liability", limit="each_occurrence",
                                   reason="x", expires_on=dt.date(2026, 9, 1))
    response = reviewer_client.post(reverse("compliance:waiver_revoke", args=[waiver.pk]))
    assert response.status_code == 302
    waiver.refresh_from_db()
    assert waiver.revoked_at is not None and waiver.revoked_by.username == "rita"


def test_revoke_only_by_post(org, reviewer_client, short):
    waiver = Waiver.objects.create(organization=org, vendor=short, code="LIMIT_BELOW_MINIMUM",
                                   reason="x", expires_on=dt.date(2026, 9, 1))
    assert reviewer_client.get(
        reverse("compliance:waiver_revoke", args=[waiver.pk])).status_code == 405


def test_vendor_list_filters_by_compliance_status_and_deficiency(org, roofing, viewer_client,
                                                                 short):
    fine = factories.vendor(org, "Fine Roofing LLC", vendor_type=roofing)
    gl_certificate(fine)
    evaluate_vendor(fine)
    url = reverse("vendors:list")
    by_status = viewer_client.get(url, {"compliance": "non_compliant"}).content.decode()
    assert "Apex Roofing LLC" in by_status and "Fine Roofing LLC" not in by_status
    by_code = viewer_client.get(url, {"deficiency": "LIMIT_BELOW_MINIMUM"}).content.decode()
    assert "Apex Roofing LLC" in by_code and "Fine Roofing LLC" not in by_code
    compliant = viewer_client.get(url, {"compliance": "compliant"}).content.decode()
    assert "Fine Roofing LLC" in compliant and "Apex Roofing LLC" not in compliant


def test_vendor_list_shows_the_compliance_column(viewer_client, short):
    page = viewer_client.get(reverse("vendors:list")).content.decode()
    assert '<span class="badge non_compliant">Non-compliant</span>' in page


def test_vendor_list_ignores_a_bad_compliance_filter(viewer_client, short):
    response = viewer_client.get(reverse("vendors:list"), {"compliance": "bogus",
                                                           "deficiency": "NOPE"})
    assert response.status_code == 200 and b"Apex Roofing LLC" in response.content


def test_progress_bar_shows_an_active_run_and_polls(org, viewer_client):
    EvaluationRun.objects.create(organization=org, reason="template edited", total=200,
                                 done=50, started_at=NOON)
    page = viewer_client.get(reverse("vendors:list")).content.decode()
    assert "Re-evaluating vendors" in page and "50 of 200" in page
    assert 'hx-trigger="every 2s"' in page
    partial = viewer_client.get(reverse("compliance:progress")).content.decode()
    assert 'value="25"' in partial


def test_progress_bar_says_done_once_the_run_finished(org, viewer_client):
    EvaluationRun.objects.create(organization=org, reason="x", total=1, done=1,
                                 started_at=NOON, finished_at=NOON)
    partial = viewer_client.get(reverse("compliance:progress"), headers={"HX-Request": "true"})
    assert b"Re-evaluation finished" in partial.content and b"hx-trigger" not in partial.content


def test_progress_of_another_organization_is_not_shown(other_org, viewer_client):
    EvaluationRun.objects.create(organization=other_org, reason="secret", total=9, started_at=NOON)
    assert b"secret" not in viewer_client.get(reverse("compliance:progress")).content


def test_dashboard_counts_vendors_by_compliance_status(org, roofing, viewer_client, short):
    factories.vendor(org, "Untemplated LLC")
    viewer_client.get(reverse("dashboard"))  # the viewer's dashboard, from the default layout
    overview = DashboardWidget.objects.get(layout__membership__user__username="victor",
                                           kind="compliance_overview")
    page = viewer_client.get(reverse("dashboard:widget", args=[overview.pk]),
                             headers={"HX-Request": "true"}).content.decode()
    assert "?status=active&amp;compliance=non_compliant" in page
    assert '<span class="badge non_compliant">1</span>' in page
    assert '<span class="badge no_requirements">1</span>' in page
