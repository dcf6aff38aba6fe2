"""Outreach: renewal requests to vendors, their schedules, the outbox and the communications log.

The rules of *when* live in ``coitrack.chasing`` (pure); these rows keep each request's state so
the scheduler's tick can claim due work with conditional updates (``step`` is the version every
update checks), and every e-mail is an :class:`OutboxMessage` row written in the transaction of
the change that causes it, delivered later by the worker.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class ScheduleSettings(models.Model):
    """One layer of chasing parameters: the organization's (no scope), or overrides for one
    requirement template or one vendor type. ``parameters`` holds only the keys this layer sets
    (``coitrack.chasing.schedule.clean_overrides``)."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    template = models.ForeignKey(
        "requirements.RequirementTemplate", null=True, blank=True, on_delete=models.CASCADE,
        related_name="+",
    )
    vendor_type = models.ForeignKey(
        "vendors.VendorType", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    parameters = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(template__isnull=True) | Q(vendor_type__isnull=True),
                name="schedule_one_scope",
            ),
            models.UniqueConstraint(
                fields=["organization"], condition=Q(template__isnull=True,
                                                     vendor_type__isnull=True),
                name="one_schedule_per_org",
            ),
            models.UniqueConstraint(fields=["organization", "template"],
                                    condition=Q(template__isnull=False),
                                    name="one_schedule_per_template"),
            models.UniqueConstraint(fields=["organization", "vendor_type"],
                                    condition=Q(vendor_type__isnull=False),
                                    name="one_schedule_per_vendor_type"),
        ]

    def __str__(self) -> str:
        scope = self.template or self.vendor_type or "organization"
        return f"schedule for {scope}"


class Reason(models.TextChoices):
    EXPIRING = "expiring", "Policy expiring"
    EXPIRED = "expired", "Policy expired"
    DEFICIENT = "deficient", "Certificate deficient"
    MANUAL = "manual", "Requested by hand"


class RequestStatus(models.TextChoices):
    OPEN = "open", "Waiting for the vendor"
    ANSWERED = "answered", "Answered, awaiting review"
    CLOSED = "closed", "Closed"


class CloseReason(models.TextChoices):
    COMPLIANT = "compliant", "Vendor compliant"
    DEACTIVATED = "deactivated", "Vendor deactivated"
    PROJECTS_ENDED = "projects_ended", "All projects ended"
    MERGED = "merged", "Vendor merged"
    CANCELLED = "cancelled", "Cancelled"


class Request(models.Model):
    """One conversation with a vendor about everything it owes now (at most one open each).

    The counters mirror ``coitrack.chasing.plan.RequestState``. ``next_action_at`` is the moment
    the tick should look at it again (``None``: nothing scheduled, e.g. awaiting review).
    ``missing`` is what the last message asked for: ``[{"code", "label", "text"}]``.
    """

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    vendor = models.ForeignKey(
        "vendors.Vendor", on_delete=models.CASCADE, related_name="outreach_requests"
    )
    reason = models.CharField(max_length=16, choices=Reason.choices)
    status = models.CharField(max_length=16, choices=RequestStatus.choices,
                              default=RequestStatus.OPEN)
    close_reason = models.CharField(max_length=16, choices=CloseReason.choices, blank=True)
    opened_at = models.DateTimeField()
    opened_on = models.DateField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    expiration = models.DateField(null=True, blank=True)
    missing = models.JSONField(default=list)

    step = models.PositiveIntegerField(default=0)
    messages_sent = models.PositiveIntegerField(default=0)
    last_sent_on = models.DateField(null=True, blank=True)
    waiting_since = models.DateField(null=True, blank=True)
    round_reminders = models.PositiveSmallIntegerField(default=0)
    followups = models.PositiveSmallIntegerField(default=0)
    unanswered = models.PositiveSmallIntegerField(default=0)
    escalated_at = models.DateTimeField(null=True, blank=True)
    unresponsive_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    fix_due = models.BooleanField(default=False)
    send_now = models.BooleanField(default=False)
    next_action_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["vendor"], condition=Q(closed_at__isnull=True),
                                    name="one_open_request_per_vendor"),
        ]
        indexes = [
            models.Index(fields=["next_action_at"], name="request_next_action",
                         condition=Q(closed_at__isnull=True)),
            models.Index(fields=["organization", "status"], name="request_org_status"),
        ]

    def __str__(self) -> str:
        return f"request {self.pk} to vendor {self.vendor_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class PortalLink(models.Model):
    """A no-login link to the vendor portal for one request. Only the SHA-256 of the token is
    kept; the token itself exists in the e-mail that carried it."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(Request, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    first_opened_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)
    open_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"portal link {self.pk} for vendor {self.vendor_id}"


class Audience(models.TextChoices):
    VENDOR = "vendor", "Vendor"
    AGENT = "agent", "Insurance agent"
    STAFF = "staff", "Organization member"  # notifications and digests (coitrack.notifications)


class MessageStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Sending"
    RETRYING = "retrying", "Failed, will retry"
    SENT = "sent", "Sent"
    REJECTED = "rejected", "Rejected by the mail server"
    FAILED = "failed", "Gave up"
    CANCELLED = "cancelled", "Cancelled"


class OutboxMessage(models.Model):
    """An e-mail to send: written with the change that causes it, sent by the worker.

    ``dedupe_key`` is unique: the same step of the same request can never be queued twice, even
    by two ticks at once. The bodies may contain ``PORTAL_LINK_MARK`` and ``REPLY_TO_MARK``: at
    sending time they become a fresh portal link and the message's reply address, so no usable
    token is ever stored.
    """

    PORTAL_LINK_MARK = "[[portal-link]]"
    REPLY_TO_MARK = "[[reply-to]]"  # becomes the reply address minted at sending time

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    vendor = models.ForeignKey("vendors.Vendor", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="outbox_messages")
    request = models.ForeignKey(Request, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="messages")
    kind = models.CharField(max_length=16)
    audience = models.CharField(max_length=8, choices=Audience.choices, default=Audience.VENDOR)
    dedupe_key = models.CharField(max_length=120, unique=True)
    to = models.JSONField(default=list)
    cc = models.JSONField(default=list, blank=True)
    reply_to = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=300)
    text_body = models.TextField()
    html_body = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=MessageStatus.choices,
                              default=MessageStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    # Files attached to the e-mail (scheduled reports): [{"name", "content_type", "path",
    # "size"}], the bytes in the default storage at "path", written by ``outbox.queue``.
    attachments = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {', '.join(self.to)} ({self.status})"


class LogKind(models.TextChoices):
    REQUEST_OPENED = "request_opened", "Request opened"
    MESSAGE_QUEUED = "message_queued", "Message queued"
    MESSAGE_SENT = "message_sent", "Message sent"
    MESSAGE_RETRY = "message_retry", "Delivery failed, will retry"
    MESSAGE_REJECTED = "message_rejected", "Message rejected"
    MESSAGE_FAILED = "message_failed", "Delivery given up"
    NO_RECIPIENT = "no_recipient", "No address to write to"
    ESCALATED = "escalated", "Escalated to the agent"
    UNRESPONSIVE = "unresponsive", "Marked unresponsive"
    LINK_OPENED = "link_opened", "Portal link opened"
    UPLOAD = "upload", "Uploaded a file"
    REPLY = "reply", "Replied by e-mail"
    ANSWER_JUDGED = "answer_judged", "Answer judged"
    REQUEST_CLOSED = "request_closed", "Request closed"


class CommunicationLog(models.Model):
    """One line of a vendor's communications log: messages, link openings, uploads, replies."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.CASCADE,
                               related_name="communications")
    request = models.ForeignKey(Request, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="log")
    message = models.ForeignKey(OutboxMessage, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="log")
    kind = models.CharField(max_length=20, choices=LogKind.choices)
    at = models.DateTimeField()
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["vendor", "at"], name="communication_vendor_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.vendor_id})"


class MessageTemplate(models.Model):
    """An organization's own wording for one kind of message (else the built-in one is used).

    ``subject``, ``text`` and ``html`` are Django template source with the variables listed in
    ``outreach.messages.VARIABLES``.
    """

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=16)
    subject = models.CharField(max_length=300)
    text = models.TextField()
    html = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "kind"],
                                               name="one_message_template_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind} message of organization {self.organization_id}"


class PortalRate(models.Model):
    """One fixed-window counter of the vendor portal's rate limits (``services.portal_rate``):
    ``key`` names what is counted (``"addr:<ip>"``, ``"upload:<link id>"``), ``window_start``
    the window's first moment. In the database so every thread and process shares it."""

    key = models.CharField(max_length=100)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"],
                                               name="one_portal_rate_per_window")]
        indexes = [models.Index(fields=["window_start"], name="portal_rate_window")]

    def __str__(self) -> str:
        return f"{self.key} since {self.window_start:%H:%M}: {self.count}"


class InboundStatus(models.TextChoices):
    FILED = "filed", "Filed with the vendor"
    UNMATCHED = "unmatched", "Waiting for a reviewer"
    ASSIGNED = "assigned", "Assigned by a reviewer"
    DISCARDED = "discarded", "Discarded"
    REFUSED = "refused", "Refused"


class InboundMatch(models.TextChoices):
    TOKEN = "token", "Reply address of a live link"
    STALE_TOKEN = "stale_token", "Reply address of an expired or revoked link"
    ORG_ADDRESS = "org_address", "The organization's own address"
    SENDER = "sender", "The sender is a known contact"
    NONE = "none", "Nothing"


class InboundMessage(models.Model):
    """One e-mail received at ``COITRACK_INBOUND_ADDRESS`` (``services/inbound.py``).

    ``dedupe_key`` (the Message-ID, else the SHA-256 of the bytes) makes a message delivered
    twice count once. ``organization`` is empty for mail nobody could be matched to (kept in
    quarantine, shown to no organization, purged after a while). ``raw`` names the stored
    ``.eml`` while a reviewer still has to decide (unmatched), and is emptied once decided.
    ``attachments``: ``[{"name", "content_type", "size", "problem"}]`` (``problem`` empty for
    files that can become a certificate).
    """

    organization = models.ForeignKey(
        "accounts.Organization", null=True, blank=True, on_delete=models.CASCADE,
        related_name="+",
    )
    dedupe_key = models.CharField(max_length=300, unique=True)
    received_at = models.DateTimeField()
    sender = models.CharField(max_length=254, blank=True)
    sender_name = models.CharField(max_length=200, blank=True)
    recipients = models.JSONField(default=list)
    subject = models.CharField(max_length=300, blank=True)
    excerpt = models.TextField(blank=True)
    size = models.PositiveIntegerField(default=0)
    attachments = models.JSONField(default=list)
    raw = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=InboundStatus.choices)
    matched_by = models.CharField(max_length=12, choices=InboundMatch.choices,
                                  default=InboundMatch.NONE)
    reason = models.TextField(blank=True)
    vendor = models.ForeignKey("vendors.Vendor", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    suggested_vendor = models.ForeignKey("vendors.Vendor", null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="+")
    request = models.ForeignKey(Request, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    certificate = models.ForeignKey("certificates.Certificate", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["organization", "status", "received_at"],
                                name="inbound_org_status")]

    def __str__(self) -> str:
        return f"e-mail from {self.sender or 'unknown sender'}: {self.subject or '(no subject)'}"
