"""A member's own notification settings: a channel and a scope per kind, and the digest's
rhythm. Every role edits only their own (the view takes the membership from the request), so
it is personal state like marking read and is not written to the organization's audit trail.
"""

from __future__ import annotations

from django.db import transaction

from coitrack.notifications import events
from coitrack.notifications.models import DigestSettings, NotificationPreference

CHANNEL_KEYS = {key for key, _ in events.CHANNELS}
SCOPE_KEYS = {key for key, _ in events.SCOPES}


class PreferenceError(ValueError):
    """A choice that cannot be stored; the message says which and why, for a person."""


def digest_settings(membership) -> DigestSettings:
    """The member's digest rhythm (unsaved defaults when they never chose)."""
    found = DigestSettings.objects.filter(membership=membership).first()
    return found or DigestSettings(membership=membership)


def save_preferences(*, membership, choices: dict[str, events.Choice], frequency: str,
                     hour: int, weekday: int) -> None:
    """Store ``membership``'s choice for every kind given, and the digest's rhythm, all or
    nothing. Raises :class:`PreferenceError` (nothing stored) for an unknown kind or channel, a
    kind the member's role cannot receive, "all vendors" where the role may only follow its
    own, or a digest time out of range."""
    allowed = {k.key: k for k in events.kinds_for(membership.role)}
    for key, choice in choices.items():
        kind = allowed.get(key)
        if kind is None:
            raise PreferenceError(f"“{key}” is not a notification you can receive.")
        if choice.channel not in CHANNEL_KEYS or choice.scope not in SCOPE_KEYS:
            raise PreferenceError(f"Choose how to hear about “{kind.label}”.")
        if (choice.scope == events.ALL and kind.about_vendor
                and not kind.may_follow_all(membership.role)):
            raise PreferenceError(f"“{kind.label}” can be followed only for the vendors you own.")
    if frequency not in DigestSettings.Frequency.values:
        raise PreferenceError("Choose a daily or a weekly digest.")
    if not 0 <= hour <= 23:
        raise PreferenceError("The digest's hour must be between 0 and 23.")
    if not 0 <= weekday <= 6:
        raise PreferenceError("Choose the digest's day of the week.")
    with transaction.atomic():
        for key, choice in choices.items():
            NotificationPreference.objects.update_or_create(
                membership=membership, kind=key,
                defaults={"channel": choice.channel, "scope": choice.scope})
        DigestSettings.objects.update_or_create(
            membership=membership,
            defaults={"frequency": frequency, "hour": hour, "weekday": weekday})
