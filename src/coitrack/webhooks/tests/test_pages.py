"""Settings > Webhooks through HTTP: admins add, change, test, disable and delete endpoints and
read each one's delivery log; bad input gets a message and changes nothing; others are refused."""

from __future__ import annotations

from django.urls import reverse

from coitrack.audit.models import Event
from coitrack.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from coitrack.webhooks.services import deliver_due, emit

LIST = reverse("webhooks:list")
CREATE = reverse("webhooks:create")


def test_an_admin_adds_an_endpoint_and_finds_its_secret_on_its_page(admin_client, org,
                                                                   receiver):
    response = admin_client.post(CREATE, {
        "url": receiver.url, "description": "Our ERP",
        "events": ["certificate.accepted", "vendor.status_changed"]})
    endpoint = WebhookEndpoint.objects.get()
    assert response.status_code == 302 and response.url == f"/settings/webhooks/{endpoint.pk}/"
    assert endpoint.organization == org and endpoint.secret.startswith("whsec_")
    assert endpoint.events == ["vendor.status_changed", "certificate.accepted"]
    page = admin_client.get(response.url)
    assert endpoint.secret in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")
    assert "Our ERP" in admin_client.get(LIST).content.decode()
    event = Event.objects.get(object_type__contains="webhook")
    assert endpoint.secret not in str(event.changes)


def test_a_private_address_gets_a_message_and_creates_nothing(admin_client, org):
    response = admin_client.post(CREATE, {"url": "https://169.254.169.254/latest",
                                          "events": ["certificate.accepted"]})
    assert response.status_code == 400
    assert "private or local address" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_plain_http_and_no_events_are_refused_with_messages(admin_client, org):
    response = admin_client.post(CREATE, {"url": "http://hooks.example.com/in"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Use https://" in page and "Choose at least one event." in page
    assert not WebhookEndpoint.objects.exists()


def test_editing_changes_the_url_and_events(admin_client, endpoint):
    response = admin_client.post(reverse("webhooks:edit", args=[endpoint.pk]), {
        "url": endpoint.url + "/v2", "description": "", "events": ["request.sent"]})
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.url.endswith("/v2") and endpoint.events == ["request.sent"]


def test_a_bad_edit_changes_nothing(admin_client, endpoint):
    before = (endpoint.url, endpoint.events)
    response = admin_client.post(reverse("webhooks:edit", args=[endpoint.pk]), {
        "url": "http://10.0.0.1/", "events": ["request.sent"]})  # http to a non-loopback
    assert response.status_code == 400
    endpoint.refresh_from_db()
    assert (endpoint.url, endpoint.events) == before


def test_the_test_button_sends_a_signed_test_event(admin_client, endpoint, receiver,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("webhooks:test", args=[endpoint.pk]))
    assert response.status_code == 302
    [got] = receiver.received
    assert got.headers["Coitrack-Event"] == "webhook.test"
    page = admin_client.get(reverse("webhooks:detail", args=[endpoint.pk])).content.decode()
    assert "webhook.test" in page and "Delivered" in page and "HTTP 200" in page


def test_the_log_shows_a_failure_and_redeliver_sends_the_same_event_again(
        admin_client, org, endpoint, receiver, django_capture_on_commit_callbacks):
    receiver.answers = [(410, b"no such hook")]
    [row] = emit(org, "certificate.accepted", {"certificate": {"id": 1}})
    deliver_due()
    page = admin_client.get(reverse("webhooks:detail", args=[endpoint.pk])
                            + "?status=failed").content.decode()
    assert "HTTP 410" in page and "no such hook" in page and "Redeliver" in page
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("webhooks:redeliver", args=[row.pk]))
    row.refresh_from_db()
    assert (row.status, row.attempts) == (DeliveryStatus.DELIVERED, 1)
    first, second = receiver.received
    assert first.body == second.body
    assert first.headers["Coitrack-Delivery"] == second.headers["Coitrack-Delivery"]


def test_a_waiting_event_cannot_be_redelivered(admin_client, org, endpoint):
    [row] = emit(org, "certificate.accepted", {})
    response = admin_client.post(reverse("webhooks:redeliver", args=[row.pk]), follow=True)
    assert "waiting to be sent already" in response.content.decode()
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING


def test_disabling_by_hand_and_enabling_again(admin_client, endpoint):
    url = reverse("webhooks:active", args=[endpoint.pk])
    admin_client.post(url, {"active": "0"})
    endpoint.refresh_from_db()
    assert not endpoint.active and endpoint.disabled_reason == "Disabled by an admin."
    page = admin_client.get(reverse("webhooks:detail", args=[endpoint.pk])).content.decode()
    assert "disabled" in page and "Send test event" not in page
    endpoint.consecutive_failures = 10
    endpoint.save()
    admin_client.post(url, {"active": "1"})
    endpoint.refresh_from_db()
    assert endpoint.active and endpoint.consecutive_failures == 0 and not endpoint.disabled_at


def test_rotating_the_secret_replaces_it(admin_client, endpoint):
    before = endpoint.secret
    admin_client.post(reverse("webhooks:rotate", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    assert endpoint.secret != before and endpoint.secret.startswith("whsec_")


def test_deleting_removes_the_endpoint_and_its_log(admin_client, org, endpoint):
    emit(org, "certificate.accepted", {})
    response = admin_client.post(reverse("webhooks:delete", args=[endpoint.pk]))
    assert response.status_code == 302 and response.url == LIST
    assert not WebhookEndpoint.objects.exists() and not WebhookDelivery.objects.exists()


def test_reviewers_cannot_see_or_change_webhooks(reviewer_client, endpoint):
    assert reviewer_client.get(LIST).status_code == 403
    assert reviewer_client.get(reverse("webhooks:detail", args=[endpoint.pk])).status_code == 403
    assert reviewer_client.post(reverse("webhooks:rotate", args=[endpoint.pk])).status_code == 403


def test_the_settings_tabs_link_webhooks_for_admins_only(admin_client, reviewer_client):
    assert LIST in admin_client.get(reverse("settings")).content.decode()
    assert LIST not in reviewer_client.get(reverse("notifications:preferences")).content.decode()
