"""Settings > Outreach: the organization's chasing schedule and its overrides per requirement
template and per vendor type, through HTTP."""

from __future__ import annotations

import pytest

from coitrack.audit.models import Event
from coitrack.chasing.schedule import LABELS
from coitrack.outreach.models import ScheduleSettings
from coitrack.outreach.services.schedules import vendor_schedules
from coitrack.requirements.models import RequirementTemplate, TemplateAssignment
from coitrack.testing import factories

URL = "/settings/outreach/"
SAVE = "/settings/outreach/save/"


def org_layer(org) -> dict | None:
    row = ScheduleSettings.objects.filter(organization=org, template=None,
                                          vendor_type=None).first()
    return row.parameters if row else None


@pytest.fixture
def template(org):
    return RequirementTemplate.objects.create(organization=org, name="Roofers",
                                              data={"name": "Roofers", "coverages": []})


def test_every_parameter_is_shown_with_its_label_and_default(viewer_client):
    page = viewer_client.get(URL).content.decode()
    for label in LABELS.values():
        assert label in page
    assert "Which value wins" in page
    assert "smallest id" in page


def test_viewer_reads_the_schedule_but_gets_no_save_button(viewer_client):
    page = viewer_client.get(URL).content.decode()
    assert "Save schedule" not in page
    assert "Only admins change the schedule." in page


def test_admin_saves_only_the_parameters_set(admin_client, org):
    response = admin_client.post(SAVE, {"first_request_days": "45", "max_reminders": "",
                                        "business_days_only": "no", "window_start": "08:30"})
    assert response.status_code == 302
    assert org_layer(org) == {"first_request_days": 45, "business_days_only": False,
                              "window_start": "08:30"}


def test_saving_the_schedule_is_audited_with_before_and_after(admin_client, org):
    admin_client.post(SAVE, {"first_request_days": "45"})
    admin_client.post(SAVE, {"first_request_days": "60"})
    event = Event.objects.filter(organization=org, object_type="schedulesettings").first()
    assert event.action == "update"
    assert event.changes == {"first_request_days": [45, 60]}
    assert event.actor_label == "alice"


def test_an_out_of_range_value_is_refused_with_its_label_and_nothing_is_saved(admin_client, org):
    response = admin_client.post(SAVE, {"first_request_days": "400", "max_reminders": "2"})
    assert response.status_code == 400
    assert "First request, days before expiry must be between 1 and 365." in (
        response.content.decode())
    assert org_layer(org) is None


def test_a_send_window_ending_before_it_starts_is_refused(admin_client, org):
    response = admin_client.post(SAVE, {"window_start": "18:00"})
    assert response.status_code == 400
    assert "The send window must end after it starts." in response.content.decode()
    assert org_layer(org) is None


def test_a_time_that_is_not_a_time_is_refused(admin_client, org):
    response = admin_client.post(SAVE, {"window_end": "late"})
    assert response.status_code == 400
    assert "Send until (local time) must be a time such as 09:00." in response.content.decode()


def test_reviewer_cannot_change_the_schedule(reviewer_client, org):
    assert reviewer_client.post(SAVE, {"first_request_days": "45"}).status_code == 403
    assert org_layer(org) is None


def test_template_overrides_store_only_their_keys_and_show_on_the_settings_page(
        admin_client, org, template):
    response = admin_client.post(f"/settings/outreach/templates/{template.pk}/save/",
                                 {"reminder_every_days": "3", "enabled": ""})
    assert response.status_code == 302
    row = ScheduleSettings.objects.get(organization=org, template=template)
    assert row.parameters == {"reminder_every_days": 3}
    page = admin_client.get(URL).content.decode()
    assert "1 override" in page and "Remind every (days): 3" in page


def test_layer_page_shows_the_organizations_value_it_would_override(admin_client, org, template):
    admin_client.post(SAVE, {"max_reminders": "5"})
    page = admin_client.get(f"/settings/outreach/templates/{template.pk}/").content.decode()
    assert 'placeholder="5"' in page


def test_emptying_a_templates_overrides_removes_them(admin_client, org, template):
    admin_client.post(f"/settings/outreach/templates/{template.pk}/save/", {"max_reminders": "1"})
    admin_client.post(f"/settings/outreach/templates/{template.pk}/save/", {"max_reminders": ""})
    assert not ScheduleSettings.objects.filter(template=template).exists()


def test_removing_a_vendor_types_overrides_is_audited(admin_client, org):
    vendor_type = factories.vendor_type(org, "Caterer")
    admin_client.post(f"/settings/outreach/types/{vendor_type.pk}/save/",
                      {"unresponsive_after_days": "20"})
    response = admin_client.post(f"/settings/outreach/types/{vendor_type.pk}/remove/")
    assert response.status_code == 302
    assert not ScheduleSettings.objects.filter(vendor_type=vendor_type).exists()
    actions = list(Event.objects.filter(object_type="schedulesettings")
                   .order_by("pk").values_list("action", flat=True))
    assert actions == ["create", "delete"]


def test_an_override_that_breaks_the_send_window_with_the_organization_is_refused(
        admin_client, org):
    vendor_type = factories.vendor_type(org, "Caterer")
    admin_client.post(SAVE, {"window_start": "12:00"})
    response = admin_client.post(f"/settings/outreach/types/{vendor_type.pk}/save/",
                                 {"window_end": "11:00"})
    assert response.status_code == 400
    assert "The send window must end after it starts." in response.content.decode()
    assert not ScheduleSettings.objects.filter(vendor_type=vendor_type).exists()


def test_an_organization_change_that_breaks_a_vendor_types_overrides_is_refused(
        admin_client, org):
    vendor_type = factories.vendor_type(org, "Caterer")
    admin_client.post(f"/settings/outreach/types/{vendor_type.pk}/save/", {"window_end": "11:00"})
    response = admin_client.post(SAVE, {"window_start": "12:00"})
    assert response.status_code == 400
    assert "vendor type Caterer" in response.content.decode()
    assert org_layer(org) is None


def test_saved_layers_apply_in_order_organization_template_vendor_type(admin_client, org,
                                                                        template):
    vendor_type = factories.vendor_type(org, "Roofer")
    vendor = factories.vendor(org, "Summit Roofing LLC", vendor_type=vendor_type)
    TemplateAssignment.objects.create(organization=org, template=template, vendor=vendor)
    admin_client.post(SAVE, {"first_request_days": "45", "max_reminders": "5",
                             "reminder_every_days": "10"})
    admin_client.post(f"/settings/outreach/templates/{template.pk}/save/",
                      {"max_reminders": "2", "reminder_every_days": "4"})
    admin_client.post(f"/settings/outreach/types/{vendor_type.pk}/save/",
                      {"reminder_every_days": "3"})
    schedule = vendor_schedules(org, {vendor.pk: vendor_type.pk})[vendor.pk]
    assert (schedule.first_request_days, schedule.max_reminders,
            schedule.reminder_every_days) == (45, 2, 3)


def test_another_organizations_template_has_no_overrides_page(admin_client, other_org):
    theirs = RequirementTemplate.objects.create(organization=other_org, name="Theirs",
                                                data={"name": "Theirs", "coverages": []})
    assert admin_client.get(f"/settings/outreach/templates/{theirs.pk}/").status_code == 404
