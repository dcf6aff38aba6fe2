"""What each widget shows, through HTTP, and that every number links to the vendor list showing
exactly that many vendors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from coitrack.audit.models import Action
from coitrack.audit.services import record
from coitrack.dashboard.models import ComplianceSnapshot
from coitrack.dashboard.registry import BUILT_IN_LAYOUT
from coitrack.dashboard.tests.conftest import body, configure, listed, vendor_links, widget_of


@pytest.mark.parametrize("kind", BUILT_IN_LAYOUT)
def test_every_number_links_to_the_vendor_list_showing_that_many(kind, world, admin_client):
    page = body(admin_client, widget_of(admin_client, "alice", kind))
    for url, number in vendor_links(page):
        assert listed(admin_client, url) == number, (url, number)


@pytest.mark.parametrize(("kind", "settings"), [
    ("compliance_overview", {"type": "roofing"}),
    ("compliance_overview", {"project": "tower", "owner": "me"}),
    ("expiring", {"days": "60", "limit": "5", "type": "roofing"}),
    ("non_compliant", {"limit": "5", "owner": "me"}),
    ("outreach", {"type": "roofing"}),
    ("compliance_by_group", {"group_by": "type", "limit": "8", "owner": ""}),
])
def test_filtered_widgets_link_to_the_same_filtered_list(kind, settings, world, admin_client):
    widget = widget_of(admin_client, "alice", kind)
    values = {k: (str(world[v].pk) if v in ("roofing", "tower") else v)
              for k, v in settings.items()}
    assert configure(admin_client, widget, **values).status_code == 302
    links = vendor_links(body(admin_client, widget))
    assert links
    for url, number in links:
        assert listed(admin_client, url) == number, (url, number)


def test_compliance_overview_counts_active_vendors_per_status(world, admin_client):
    page = body(admin_client, widget_of(admin_client, "alice", "compliance_overview"))
    assert '<a href="/vendors/?status=active">6</a>' in page
    assert ('<a href="/vendors/?status=active&amp;compliance=non_compliant" class="count">'
            '<span class="badge non_compliant">2</span></a>') in page
    assert '<span class="badge compliant">1</span>' in page
    assert '<span class="badge no_requirements">1</span>' in page
    assert "40% meet their requirements" in page  # compliant + expiring of the 5 with some
    assert "<svg" in page


def test_expiring_counts_the_chosen_number_of_days_and_links_with_it(world, admin_client):
    widget = widget_of(admin_client, "alice", "expiring")
    page = body(admin_client, widget)
    assert ('<a href="/vendors/?status=active&amp;coverage=expiring&amp;within=30&amp;'
            'sort=expires">2</a>') in page
    assert page.index("Apex Roofing") < page.index("Dune Electric")  # soonest first
    configure(admin_client, widget, days="60", limit="1")
    page = body(admin_client, widget)
    assert "within=60" in page and ">3</a>" in page
    assert "Apex Roofing" in page and "Dune Electric" not in page  # one row shown
    assert "All 3 →" in page


def test_non_compliant_lists_main_deficiencies_among_non_compliant_vendors(world, admin_client):
    page = body(admin_client, widget_of(admin_client, "alice", "non_compliant"))
    assert ('<a href="/vendors/?status=active&amp;compliance=non_compliant&amp;'
            'deficiency=LIMIT_BELOW_MINIMUM" class="count">'
            '<span class="badge non_compliant">2</span></a>') in page
    assert "Additional insured missing" in page
    assert "Policy expired" not in page  # E is expired, not non-compliant
    assert "Gone Roofing" not in page  # inactive


def test_outreach_counts_requests_by_where_they_stand(world, admin_client):
    page = body(admin_client, widget_of(admin_client, "alice", "outreach"))
    for key, number in (("open", 3), ("waiting", 2), ("reminded", 1), ("unresponsive", 1),
                        ("answered", 1)):
        assert f'href="/vendors/?status=active&amp;outreach={key}"' in page
        assert (f"/vendors/?status=active&outreach={key}", number) in vendor_links(page)


def test_review_queue_counts_certificates_waiting_and_links_to_the_certificate_list(
        world, admin_client):
    page = body(admin_client, widget_of(admin_client, "alice", "review_queue"))
    assert '<a href="/certificates/?status=review">3</a>' in page
    assert ('<a href="/certificates/?status=needs_review" class="count">'
            '<span class="badge needs_review">2</span></a>') in page
    listing = admin_client.get("/certificates/?status=review").content.decode()
    assert listing.count("Apex Roofing") >= 1 and "Cedar Catering" in listing


def test_compliance_by_project_shows_each_projects_active_vendors(world, admin_client):
    page = body(admin_client, widget_of(admin_client, "alice", "compliance_by_group"))
    tower, mall = world["tower"].pk, world["mall"].pk
    assert f'<a href="/vendors/?status=active&amp;project={tower}" class="strong">Tower</a>' in page
    assert "2 vendors" in page and "1 vendor " in page  # G (inactive) not counted
    assert page.index("Tower") < page.index("Mall")  # biggest first
    assert f"compliance=compliant&amp;project={mall}" in page


def test_recent_activity_shows_the_latest_events_linked_to_their_vendor(world, org, admin_user,
                                                                          admin_client):
    vendor = world["vendors"]["C"]
    record(organization=org, actor=admin_user, action=Action.UPDATE, obj=vendor,
           vendor_id=vendor.pk)
    page = body(admin_client, widget_of(admin_client, "alice", "recent_activity"))
    assert f'<a href="/vendors/{vendor.pk}/">Cedar Catering</a>' in page


def test_compliance_trend_draws_one_point_per_snapshot_day_and_nothing_made_up(
        world, org, admin_client):
    widget = widget_of(admin_client, "alice", "compliance_trend")
    assert "No daily snapshot" in body(admin_client, widget)
    today = world["today"]
    for days_ago, compliant in ((2, 1), (1, 3)):
        ComplianceSnapshot.objects.create(
            organization=org, day=today - dt.timedelta(days=days_ago),
            counts={"compliant": compliant, "non_compliant": 4 - compliant},
            taken_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    page = body(admin_client, widget)
    assert page.count("<circle") == 2
    assert "25.0%</title>" in page and "75.0%</title>" in page
    assert '<a href="/vendors/?status=active&amp;compliance=compliant">1</a> compliant' in page


def test_a_setting_that_went_stale_falls_back_with_a_note(world, admin_client):
    widget = widget_of(admin_client, "alice", "outreach")
    configure(admin_client, widget, type=str(world["catering"].pk))
    world["catering"].delete()
    page = body(admin_client, widget)
    assert "no longer available" in page
    assert ("/vendors/?status=active&outreach=open", 3) in vendor_links(page)


def test_without_javascript_a_widget_opens_as_a_page(world, admin_client):
    widget = widget_of(admin_client, "alice", "compliance_overview")
    page = admin_client.get(reverse("dashboard:widget", args=[widget.pk])).content.decode()
    assert "<h1>Compliance overview</h1>" in page and "<html" in page
