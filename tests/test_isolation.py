"""No organization ever sees or changes another's data, through any URL.

The test walks every URL pattern of the project. Each pattern that takes an object id is called
(GET and POST) by an admin of organization A with the ids of organization B's objects and must
answer 403, 404 or 405 without revealing anything and without changing anything. Patterns that
take no id are fetched and must not mention B's data. A new URL pattern with an id fails this test
until it is added to ``TARGETS``: isolation is checked for every screen, not just the known ones.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from coitrack.accounts.models import Invitation, Membership, Role
from coitrack.api.models import ApiToken
from coitrack.audit.models import Event
from coitrack.bulk.models import BulkItem, BulkUpload
from coitrack.certificates.models import Certificate, Document, Policy
from coitrack.compliance.models import Waiver
from coitrack.dashboard.models import DashboardLayout, DashboardWidget
from coitrack.exports.models import ReportSchedule
from coitrack.imports.models import ImportJob
from coitrack.notifications.models import Notification
from coitrack.outreach.models import (
    CommunicationLog,
    InboundMessage,
    MessageTemplate,
    OutboxMessage,
    PortalLink,
    Request,
    ScheduleSettings,
)
from coitrack.requirements.models import Carrier, RequirementTemplate, TemplateAssignment
from coitrack.review.models import CertificateFlag
from coitrack.testing import factories
from coitrack.vendors.models import Contact, Project, Tag, Vendor, VendorType
from coitrack.webhooks.models import WebhookDelivery, WebhookEndpoint

SECRET = "Zanzibar Secret Widgets"  # appears in organization B's data only

# URL name -> ways to call it: {kwarg: key of the object whose id to use}. Keys name organization
# B's objects, except "own_*" keys, which name organization A's (the caller's) own objects: an own
# vendor with B's contact must be refused too.
TARGETS: dict[str, list[dict[str, str]]] = {
    "vendors:detail": [{"pk": "vendor"}],
    "vendors:edit": [{"pk": "vendor"}],
    "vendors:deactivate": [{"pk": "vendor"}],
    "vendors:reactivate": [{"pk": "vendor"}],
    "vendors:merge": [{"pk": "vendor"}],
    "vendors:contact_add": [{"pk": "vendor"}],
    "vendors:contact_edit": [{"pk": "vendor", "contact_pk": "contact"},
                             {"pk": "own_vendor", "contact_pk": "contact"}],
    "vendors:contact_delete": [{"pk": "vendor", "contact_pk": "contact"},
                               {"pk": "own_vendor", "contact_pk": "contact"}],
    "vendors:type_edit": [{"pk": "vendor_type"}],
    "vendors:type_delete": [{"pk": "vendor_type"}],
    "vendors:project_edit": [{"pk": "project"}],
    "certificates:detail": [{"pk": "certificate"}],
    "certificates:edit": [{"pk": "certificate"}],
    "certificates:set_status": [{"pk": "certificate"}],
    "certificates:review": [{"pk": "certificate"}],
    "certificates:read_again": [{"pk": "certificate"}],
    "certificates:reading_status": [{"pk": "certificate"}],
    "certificates:upload": [{"vendor_pk": "vendor"}],
    "certificates:history": [{"vendor_pk": "vendor"}],
    "certificates:document": [{"pk": "document"}],
    "certificates:preview": [{"pk": "document", "page": "page_one"}],
    "requirements:detail": [{"pk": "requirement_template"}],
    "requirements:edit": [{"pk": "requirement_template"}],
    "requirements:duplicate": [{"pk": "requirement_template"}],
    "requirements:delete": [{"pk": "requirement_template"}],
    "requirements:export": [{"pk": "requirement_template"}],
    "requirements:assign": [{"pk": "requirement_template"}],
    "requirements:unassign": [{"pk": "template_assignment"}],
    "requirements:overrides": [{"pk": "template_assignment"}],
    "requirements:carrier_edit": [{"pk": "carrier"}],
    "requirements:carrier_delete": [{"pk": "carrier"}],
    "change_role": [{"pk": "membership"}],
    "compliance:waive": [{"vendor_pk": "vendor"}],
    "compliance:waiver_revoke": [{"pk": "waiver"}],
    "remove_member": [{"pk": "membership"}],
    "revoke_invitation": [{"pk": "invitation"}],
    "review:resolve": [{"pk": "flag"}],
    "notifications:read": [{"pk": "notification"}],
    "outreach:template_layer": [{"pk": "requirement_template"}],
    "outreach:template_layer_save": [{"pk": "requirement_template"}],
    "outreach:template_layer_remove": [{"pk": "requirement_template"}],
    "outreach:type_layer": [{"pk": "vendor_type"}],
    "outreach:type_layer_save": [{"pk": "vendor_type"}],
    "outreach:type_layer_remove": [{"pk": "vendor_type"}],
    "outreach:request_now": [{"pk": "vendor"}],
    "outreach:revoke_links": [{"pk": "vendor"}],
    "outreach:vendor_log": [{"pk": "vendor"}],
    "outreach:message_detail": [{"pk": "outbox_message"}],
    "outreach:inbox_detail": [{"pk": "inbound_message"}],
    "outreach:inbox_assign": [{"pk": "inbound_message"}],
    "outreach:inbox_discard": [{"pk": "inbound_message"}],
    "outreach:inbox_file": [{"pk": "inbound_message", "index": "page_one"}],
    "dashboard:widget": [{"pk": "dashboard_widget"}, {"pk": "default_dashboard_widget"}],
    "dashboard:configure": [{"pk": "dashboard_widget"}, {"pk": "default_dashboard_widget"}],
    "dashboard:move": [{"pk": "dashboard_widget"}, {"pk": "default_dashboard_widget"}],
    "dashboard:remove": [{"pk": "dashboard_widget"}, {"pk": "default_dashboard_widget"}],
    "api_tokens:revoke": [{"pk": "api_token"}],
    "imports:detail": [{"pk": "import_job"}],
    "imports:mapping": [{"pk": "import_job"}],
    "imports:run": [{"pk": "import_job"}],
    "imports:progress": [{"pk": "import_job"}],
    "imports:errors": [{"pk": "import_job"}],
    "webhooks:detail": [{"pk": "webhook_endpoint"}],
    "webhooks:edit": [{"pk": "webhook_endpoint"}],
    "webhooks:active": [{"pk": "webhook_endpoint"}],
    "webhooks:rotate": [{"pk": "webhook_endpoint"}],
    "webhooks:test": [{"pk": "webhook_endpoint"}],
    "webhooks:delete": [{"pk": "webhook_endpoint"}],
    "webhooks:redeliver": [{"pk": "webhook_delivery"}],
    "exports:vendor_pdf": [{"pk": "vendor"}],
    "exports:vendor_print": [{"pk": "vendor"}],
    "exports:schedule_edit": [{"pk": "report_schedule"}],
    "exports:schedule_delete": [{"pk": "report_schedule"}],
    "bulk:detail": [{"pk": "bulk_upload"}],
    "bulk:progress": [{"pk": "bulk_upload"}],
    "bulk:item_file": [{"pk": "bulk_item"}],
    "bulk:assign": [{"pk": "bulk_item"}],
    "bulk:discard": [{"pk": "bulk_item"}],
}

# Prefixes not subject to organization scoping.
# Django admin is for staff (site operators), by design. The REST API knows no session login
# (every call answers 401 without a token), so this walk cannot reach it: its own walk with
# tokens, over every operation of its OpenAPI document, is src/coitrack/api/tests/
# test_isolation.py (another organization's ids -> 404; read tokens change nothing).
EXEMPT_PREFIXES = ("admin", "api/")
# These take a secret token, not an id: whoever holds an invitation link may see which
# organization invites them, by design; their refusals are tested in the accounts app. The
# vendor portal is the same: the token is the key to one vendor (tested in outreach).
EXEMPT_NAMES = {"password_reset_confirm", "accept_invitation", "outreach:portal",
                "outreach:portal_answer"}


def walk(patterns=None, prefix: str = "", namespace: str = ""):
    """Yield ``(name, route, converters)`` for every URL pattern of the project."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, prefix + str(entry.pattern), entry.pattern.converters


def id_patterns():
    return [
        (name, route, converters)
        for name, route, converters in walk()
        if converters and not route.startswith(EXEMPT_PREFIXES) and name not in EXEMPT_NAMES
    ]


def plain_patterns():
    return [
        (name, route)
        for name, route, converters in walk()
        if not converters and not route.startswith(EXEMPT_PREFIXES)
    ]


@pytest.fixture
def org_b_objects(other_org):
    """One of everything in organization B, its names containing SECRET."""
    return build_objects(other_org, factories.user("bob", org=other_org, role=Role.ADMIN))


def build_objects(other_org, member) -> dict:
    """One of everything in ``other_org`` (named so for the isolation tests), names with SECRET.

    ``member`` is a user of that organization (owner of its notification).
    """
    vendor = factories.vendor(other_org, f"{SECRET} LLC", tax_id="99-9999999")
    duplicate = factories.vendor(other_org, f"{SECRET} Duplicate Inc")
    contact = factories.contact(vendor, name=f"{SECRET} Contact", email="secret@zanzibar.test")
    vendor_type = VendorType.objects.create(organization=other_org, name=f"{SECRET} Type")
    tag = Tag.objects.create(organization=other_org, name=f"{SECRET} Tag")
    project = Project.objects.create(
        organization=other_org, name=f"{SECRET} Tower", start_date=dt.date(2026, 1, 1)
    )
    certificate = factories.certificate(vendor)
    Certificate.objects.filter(pk=certificate.pk).update(insured_name=f"{SECRET} LLC")
    document = Document.objects.create(
        organization=other_org, sha256="f" * 64, file="documents/ff/secret.pdf",
        original_name=f"{SECRET}.pdf", content_type="application/pdf", size=10,
    )
    certificate.documents.add(document)
    token, token_hash = Invitation.new_token()
    invitation = Invitation.objects.create(
        organization=other_org, email="secret@zanzibar.test", role=Role.VIEWER,
        token_hash=token_hash, expires_at=Invitation.default_expiry(),
    )
    requirement_template = RequirementTemplate.objects.create(
        organization=other_org, name=f"{SECRET} Template",
        data={"name": f"{SECRET} Template", "coverages": []},
    )
    template_assignment = TemplateAssignment.objects.create(
        organization=other_org, template=requirement_template, vendor=vendor
    )
    carrier = Carrier.objects.create(organization=other_org, name=f"{SECRET} Mutual",
                                     naic="99999", am_best_rating="A")
    outreach = _outreach_objects(other_org, vendor, requirement_template, vendor_type)
    return {
        **outreach,
        **_webhook_objects(other_org),
        **_dashboard_objects(other_org, Membership.objects.get(user=member), vendor_type),
        "requirement_template": requirement_template,
        "template_assignment": template_assignment,
        "carrier": carrier,
        "vendor": vendor,
        "duplicate": duplicate,
        "contact": contact,
        "vendor_type": vendor_type,
        "tag": tag,
        "project": project,
        "certificate": certificate,
        "policy": Policy.objects.get(certificate=certificate),
        "document": document,
        "membership": Membership.objects.get(user=member),
        "invitation": invitation,
        "invitation_token": token,
        "user": member,
        "flag": CertificateFlag.objects.create(
            organization=other_org, certificate=certificate, code="NAMED_INSURED_DIFFERS",
            message=f'The named insured "{SECRET} LLC" does not match.',
        ),
        "notification": Notification.objects.create(
            organization=other_org, user=member, kind="certificate_flagged",
            title=f"{SECRET} needs review", url=f"/certificates/{certificate.pk}/",
        ),
        "import_job": ImportJob.objects.create(
            organization=other_org, kind="vendors", file="imports/0/secret.csv",
            original_name=f"{SECRET}.csv", header=["Vendor Name"], row_count=1,
            mapping={"legal_name": 0}, errors=[{"line": 2, "name": SECRET, "problems": ["x"]}],
            created_by=member),
        "api_token": ApiToken.objects.create(
            organization=other_org, name=f"{SECRET} token", token_hash=f"{other_org.pk:064d}",
            prefix="coi_secret"),
        "waiver": Waiver.objects.create(
            organization=other_org, vendor=vendor, code="LIMIT_BELOW_MINIMUM",
            reason=f"{SECRET} reason", expires_on=dt.date(2099, 1, 1),
        ),
        "report_schedule": ReportSchedule.objects.create(
            organization=other_org, name=f"{SECRET} report", kind="vendors",
            recipients=["secret@zanzibar.test"], created_by=member),
        **_bulk_objects(other_org, vendor, member),
    }


def _bulk_objects(org, vendor, member) -> dict:
    """A bulk upload of ``org`` with a file waiting in its unmatched tray."""
    upload = BulkUpload.objects.create(organization=org, created_by=member,
                                       received_date=dt.date(2026, 3, 2), status="done")
    item = BulkItem.objects.create(
        upload=upload, organization=org, position=0, name=f"{SECRET}.pdf", state="unmatched",
        insured_name=f"{SECRET} LLC", staged_path="bulk/0/secret.pdf",
        candidates=[{"vendor_id": vendor.pk, "name": f"{SECRET} LLC", "score": 0.8}])
    return {"bulk_upload": upload, "bulk_item": item}


def _outreach_objects(org, vendor, template, vendor_type) -> dict:
    """Outreach rows of ``org``: schedule layers, a request with a sent message and its log
    line, an own message wording and a live portal link."""
    now = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)
    ScheduleSettings.objects.create(organization=org, template=template,
                                    parameters={"max_reminders": 5})
    ScheduleSettings.objects.create(organization=org, vendor_type=vendor_type,
                                    parameters={"reminder_every_days": 3})
    request = Request.objects.create(organization=org, vendor=vendor, reason="manual",
                                     opened_at=now, opened_on=now.date(), next_action_at=now)
    message = OutboxMessage.objects.create(
        organization=org, vendor=vendor, request=request, kind="request",
        dedupe_key=f"isolation-{org.pk}-{vendor.pk}", to=["secret@zanzibar.test"],
        subject=f"{SECRET} certificate needed", text_body=f"{SECRET} text",
        status="rejected", last_error=f"550 {SECRET} unknown mailbox", next_attempt_at=now)
    CommunicationLog.objects.create(organization=org, vendor=vendor, request=request,
                                    message=message, kind="message_rejected", at=now,
                                    detail=f"{SECRET} rejected")
    MessageTemplate.objects.create(organization=org, kind="request", subject=f"{SECRET} subject",
                                   text=f"{SECRET} text", html=f"<p>{SECRET}</p>")
    PortalLink.objects.create(organization=org, vendor=vendor, request=request,
                              token_hash=f"{org.pk:064d}", expires_at=dt.datetime(2099, 1, 1,
                                                                             tzinfo=dt.UTC))
    inbound = InboundMessage.objects.create(
        organization=org, dedupe_key=f"mid:<isolation-{org.pk}@zanzibar.test>",
        received_at=now, sender="secret@zanzibar.test", subject=f"{SECRET} certificate",
        excerpt=f"{SECRET} text", status="unmatched", suggested_vendor=vendor,
        attachments=[{"name": f"{SECRET}.pdf", "content_type": "application/pdf", "size": 9,
                      "problem": ""}] * 2)
    return {"outreach_request": request, "outbox_message": message, "inbound_message": inbound}


def _webhook_objects(org) -> dict:
    """A webhook endpoint of ``org`` and one failed delivery in its log."""
    endpoint = WebhookEndpoint.objects.create(
        organization=org, url="https://secret.zanzibar.test/hook", description=f"{SECRET} ERP",
        events=["certificate.accepted"], secret=f"whsec_{SECRET}", active=True)
    delivery = WebhookDelivery.objects.create(
        organization=org, endpoint=endpoint, event="certificate.accepted",
        event_id=f"00000000-0000-4000-8000-{org.pk:012d}", body=f'{{"secret":"{SECRET}"}}',
        status="failed", last_error=f"HTTP 410 {SECRET}")
    return {"webhook_endpoint": endpoint, "webhook_delivery": delivery}


def _dashboard_objects(org, membership, vendor_type) -> dict:
    """A member's dashboard widget and a default-layout widget of ``org``, set to its type."""
    config = {"type": str(vendor_type.pk), "project": "", "owner": ""}
    own = DashboardLayout.objects.create(organization=org, membership=membership)
    default = DashboardLayout.objects.create(organization=org)
    return {
        "dashboard_widget": DashboardWidget.objects.create(layout=own, kind="outreach",
                                                           config=config),
        "default_dashboard_widget": DashboardWidget.objects.create(
            layout=default, kind="compliance_overview", config=config),
    }


def snapshot_counts() -> dict[str, int]:
    models = (Vendor, Contact, VendorType, Tag, Project, Certificate, Policy, Document,
              Membership, Invitation, Event, RequirementTemplate, TemplateAssignment, Carrier,
              Waiver, ScheduleSettings, Request, OutboxMessage, CommunicationLog,
              MessageTemplate)
    counts = {m.__name__: m.objects.count() for m in models}
    counts["import jobs"] = sorted(ImportJob.objects.values_list("pk", "status", "mapping"))
    counts["schedule parameters"] = sorted(
        str(p) for p in ScheduleSettings.objects.values_list("parameters", flat=True))
    counts["live portal links"] = PortalLink.objects.filter(revoked_at__isnull=True).count()
    counts["live API tokens"] = ApiToken.objects.filter(revoked_at__isnull=True).count()
    counts["report schedules"] = sorted(ReportSchedule.objects.values_list(
        "pk", "name", "recipients", "active"))
    counts["bulk items"] = sorted(BulkItem.objects.values_list("pk", "state", "vendor_id"))
    counts["bulk uploads"] = BulkUpload.objects.count()
    counts["requests sent by hand"] = Request.objects.filter(send_now=True).count()
    counts["inbound e-mail waiting"] = InboundMessage.objects.filter(status="unmatched").count()
    counts["webhook endpoints"] = sorted(WebhookEndpoint.objects.values_list(
        "pk", "url", "events", "secret", "active"))
    counts["webhook deliveries"] = sorted(WebhookDelivery.objects.values_list(
        "pk", "status", "attempts"))
    counts["dashboard widgets"] = sorted(
        (w.layout_id, w.position, w.kind, str(w.config)) for w in DashboardWidget.objects.all())
    return counts


def body(response) -> bytes:
    """The response's bytes, also for streamed downloads (exports)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_id_taking_url_is_listed_in_targets():
    missing = sorted(name for name, _, _ in id_patterns() if name not in TARGETS)
    assert not missing, f"add these URL names to TARGETS in {__file__}: {missing}"


CASES = [(name, i) for name, ways in sorted(TARGETS.items()) for i in range(len(ways))]


@pytest.mark.parametrize(("name", "way"), CASES)
def test_other_organizations_ids_are_refused(name, way, org, admin_client, org_b_objects):
    route_map = {n: (route, converters) for n, route, converters in id_patterns()}
    assert name in route_map, f"{name} is no longer a URL pattern: remove it from TARGETS"
    route, _ = route_map[name]
    objects = {**org_b_objects, "own_vendor": factories.vendor(org, "Our Own Vendor"),
               "page_one": 1}
    kwargs = {}
    for kwarg, key in TARGETS[name][way].items():
        value = objects[key]
        kwargs[kwarg] = value if isinstance(value, (str, int)) else value.pk
    url = "/" + route
    for kwarg, value in kwargs.items():
        url = url.replace(f"<int:{kwarg}>", str(value)).replace(f"<str:{kwarg}>", str(value))
        url = url.replace(f"<slug:{kwarg}>", str(value)).replace(f"<{kwarg}>", str(value))
    before = snapshot_counts()
    for method in ("get", "post"):
        response = getattr(admin_client, method)(url, {"reason": "x", "action": "accept"})
        assert response.status_code in {403, 404, 405}, (method, url, response.status_code)
        assert SECRET.encode() not in body(response)
    assert snapshot_counts() == before


@pytest.mark.parametrize(("name", "route"), plain_patterns())
def test_pages_without_ids_never_show_other_organizations_data(
    name, route, admin_client, org_b_objects
):
    b = org_b_objects
    query = {
        "q": "Zanzibar", "type": b["vendor_type"].pk, "project": b["project"].pk,
        "owner": b["user"].pk, "vendor": b["vendor"].pk, "status": "all",
    }
    response = admin_client.get("/" + route, query)
    assert response.status_code < 500
    assert SECRET.encode() not in body(response)
