"""Who is told: an organization's members with their choice for one kind (two queries)."""

from __future__ import annotations

from dataclasses import dataclass

from coitrack.accounts.models import Membership
from coitrack.notifications import events
from coitrack.notifications.models import NotificationPreference


@dataclass(frozen=True, slots=True)
class Member:
    membership_id: int
    user_id: int
    role: str
    email: str
    choice: events.Choice


def members(organization, kind: events.EventKind) -> list[Member]:
    """Every active member of ``organization`` with their choice for ``kind`` (their stored
    preference, else their role's default), in user id order."""
    stored = {row["membership_id"]: events.Choice(row["channel"], row["scope"])
              for row in NotificationPreference.objects.filter(
                  membership__organization=organization, kind=kind.key,
              ).values("membership_id", "channel", "scope")}
    rows = (Membership.objects.filter(organization=organization, user__is_active=True)
            .order_by("user_id").values("pk", "user_id", "role", "user__email"))
    return [Member(row["pk"], row["user_id"], row["role"], (row["user__email"] or "").strip(),
                   stored.get(row["pk"]) or kind.default_for(row["role"]))
            for row in rows]


def choices_of(membership) -> dict[str, tuple[events.Choice, bool]]:
    """``{kind: (choice, is_default)}`` of one member, for every kind their role can receive."""
    stored = {p.kind: events.Choice(p.channel, p.scope)
              for p in NotificationPreference.objects.filter(membership=membership)}
    result = {}
    for kind in events.kinds_for(membership.role):
        choice = stored.get(kind.key)
        result[kind.key] = (choice, False) if choice else (kind.default_for(membership.role),
                                                           True)
    return result
