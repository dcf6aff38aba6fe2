"""Arranging a dashboard through HTTP: a member's own layout starts from the organization's
default; widgets are added, set up, moved, reordered, removed and reset; bad input changes
nothing; nobody reaches another member's widgets."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coitrack.audit.models import Event
from coitrack.dashboard.models import MAX_WIDGETS, DashboardLayout, DashboardWidget
from coitrack.dashboard.registry import BUILT_IN_LAYOUT
from coitrack.dashboard.tests.conftest import configure


def kinds(username: str) -> list[str]:
    return list(DashboardWidget.objects.filter(layout__membership__user__username=username)
                .values_list("kind", flat=True))


def widgets(username: str) -> list[DashboardWidget]:
    return list(DashboardWidget.objects.filter(layout__membership__user__username=username))


def test_a_new_member_starts_with_the_built_in_widgets(viewer_client):
    page = viewer_client.get(reverse("dashboard")).content.decode()
    assert kinds("victor") == list(BUILT_IN_LAYOUT)
    for widget in widgets("victor"):
        assert f'hx-get="/dashboard/widgets/{widget.pk}/" hx-trigger="load"' in page


def test_the_page_itself_counts_nothing_so_a_slow_widget_never_blocks_it(
        viewer_client, django_assert_max_num_queries):
    viewer_client.get(reverse("dashboard"))
    with django_assert_max_num_queries(12):
        viewer_client.get(reverse("dashboard"))


def test_a_viewer_adds_sets_up_moves_and_removes_their_own_widgets(viewer_client):
    viewer_client.get(reverse("dashboard"))
    response = viewer_client.post(reverse("dashboard:add"), {"kind": "expiring"})
    added = widgets("victor")[-1]
    assert response.status_code == 302 and response["Location"] == f"/#widget-{added.pk}"
    assert added.kind == "expiring" and added.config["days"] == 30

    assert configure(viewer_client, added, days="90", limit="3", type="", project="",
                     owner="me").status_code == 302
    added.refresh_from_db()
    assert added.config == {"days": 90, "limit": 3, "type": "", "project": "", "owner": "me"}

    viewer_client.post(reverse("dashboard:move", args=[added.pk]), {"direction": "up"})
    assert kinds("victor")[-2:] == ["expiring", "recent_activity"]

    viewer_client.post(reverse("dashboard:remove", args=[added.pk]))
    assert kinds("victor") == list(BUILT_IN_LAYOUT)


def test_moving_the_first_widget_up_changes_nothing(viewer_client):
    viewer_client.get(reverse("dashboard"))
    first = widgets("victor")[0]
    viewer_client.post(reverse("dashboard:move", args=[first.pk]), {"direction": "up"})
    assert kinds("victor") == list(BUILT_IN_LAYOUT)


def test_reorder_puts_the_widgets_in_the_order_sent(viewer_client):
    viewer_client.get(reverse("dashboard"))
    ids = [w.pk for w in widgets("victor")][::-1]
    response = viewer_client.post(reverse("dashboard:reorder"),
                                  {"order": ",".join(map(str, ids))},
                                  headers={"X-Requested-With": "fetch"})
    assert response.status_code == 204
    assert [w.pk for w in widgets("victor")] == ids


@pytest.mark.parametrize("order", ["", "1,2", "x,y", "{first},{first}"])
def test_a_reorder_that_does_not_name_each_widget_once_changes_nothing(order, viewer_client):
    viewer_client.get(reverse("dashboard"))
    before = [w.pk for w in widgets("victor")]
    order = order.format(first=before[0])
    response = viewer_client.post(reverse("dashboard:reorder"), {"order": order},
                                  headers={"X-Requested-With": "fetch"})
    assert response.status_code == 400
    assert [w.pk for w in widgets("victor")] == before


@pytest.mark.parametrize(("settings", "message"), [
    ({"days": "0", "limit": "5"}, "Days ahead must be between 1 and 365."),
    ({"days": "abc", "limit": "5"}, "Days ahead must be a whole number."),
    ({"days": "30"}, "Rows shown is required."),
    ({"days": "30", "limit": "5", "owner": "999999"}, "That owner is not one of this"),
])
def test_bad_settings_are_refused_with_a_message_and_change_nothing(settings, message,
                                                                     viewer_client):
    viewer_client.get(reverse("dashboard"))
    widget = DashboardWidget.objects.get(layout__membership__user__username="victor",
                                         kind="expiring")
    before = dict(widget.config)
    response = configure(viewer_client, widget, **settings)
    assert response.status_code == 400
    assert message in response.content.decode()
    widget.refresh_from_db()
    assert widget.config == before


def test_another_organizations_vendor_type_is_refused_as_a_setting(viewer_client, other_org):
    from coitrack.testing import factories

    theirs = factories.vendor_type(other_org, "Secret Type")
    viewer_client.get(reverse("dashboard"))
    widget = DashboardWidget.objects.get(layout__membership__user__username="victor",
                                         kind="outreach")
    response = configure(viewer_client, widget, type=str(theirs.pk))
    assert response.status_code == 400 and "Secret Type" not in response.content.decode()


def test_an_unknown_widget_kind_is_refused(viewer_client):
    viewer_client.get(reverse("dashboard"))
    response = viewer_client.post(reverse("dashboard:add"), {"kind": "bitcoin"}, follow=True)
    assert "Choose one of the offered widgets." in response.content.decode()
    assert kinds("victor") == list(BUILT_IN_LAYOUT)


def test_a_dashboard_holds_at_most_twenty_widgets(viewer_client):
    viewer_client.get(reverse("dashboard"))
    for _ in range(MAX_WIDGETS - len(BUILT_IN_LAYOUT)):
        viewer_client.post(reverse("dashboard:add"), {"kind": "outreach"})
    response = viewer_client.post(reverse("dashboard:add"), {"kind": "outreach"}, follow=True)
    assert "at most 20 widgets" in response.content.decode()
    assert len(kinds("victor")) == MAX_WIDGETS


def test_members_never_reach_each_others_widgets(viewer_client, reviewer_client):
    reviewer_client.get(reverse("dashboard"))
    theirs = widgets("rita")[0] if widgets("rita") else None
    assert theirs is not None
    for name in ("dashboard:widget", "dashboard:configure"):
        assert viewer_client.get(reverse(name, args=[theirs.pk])).status_code == 404
    for name in ("dashboard:move", "dashboard:remove", "dashboard:configure"):
        assert viewer_client.post(reverse(name, args=[theirs.pk]),
                                  {"direction": "down", "days": "5"}).status_code == 404
    assert len(widgets("rita")) == len(BUILT_IN_LAYOUT)


def test_the_admins_default_layout_is_where_new_members_start(admin_client, viewer_client):
    page = admin_client.get(reverse("dashboard:default_layout"))
    assert page.status_code == 200
    default = DashboardLayout.objects.get(membership__isnull=True)
    for widget in default.widgets.exclude(kind="outreach"):
        admin_client.post(reverse("dashboard:remove", args=[widget.pk]))
    admin_client.post(reverse("dashboard:add"), {"kind": "expiring", "layout": "default"})
    added = default.widgets.get(kind="expiring")
    configure(admin_client, added, days="14", limit="5")
    assert Event.objects.filter(object_type="dashboardlayout").count() == 9  # audited

    viewer_client.get(reverse("dashboard"))
    assert kinds("victor") == ["outreach", "expiring"]
    assert widgets("victor")[1].config["days"] == 14


def test_reset_brings_back_the_organizations_default(admin_client, viewer_client):
    viewer_client.get(reverse("dashboard"))
    for widget in widgets("victor"):
        viewer_client.post(reverse("dashboard:remove", args=[widget.pk]))
    assert kinds("victor") == []
    viewer_client.post(reverse("dashboard:reset"))
    assert kinds("victor") == list(BUILT_IN_LAYOUT)


def test_only_admins_change_the_default_layout(viewer_client, reviewer_client, admin_client):
    admin_client.get(reverse("dashboard:default_layout"))
    default = DashboardLayout.objects.get(membership__isnull=True)
    first = default.widgets.first()
    assert reviewer_client.get(reverse("dashboard:default_layout")).status_code == 403
    assert viewer_client.post(reverse("dashboard:add"),
                              {"kind": "outreach", "layout": "default"}).status_code == 403
    assert reviewer_client.post(reverse("dashboard:reset"),
                                {"layout": "default"}).status_code == 403
    assert reviewer_client.post(reverse("dashboard:remove", args=[first.pk])).status_code == 404
    assert default.widgets.count() == len(BUILT_IN_LAYOUT)


def test_personal_changes_are_not_written_to_the_audit_trail(viewer_client):
    viewer_client.get(reverse("dashboard"))
    viewer_client.post(reverse("dashboard:add"), {"kind": "outreach"})
    assert not Event.objects.exists()
