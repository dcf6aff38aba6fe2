"""Template context: the active organization, the user's role and the organizations to switch to."""

from __future__ import annotations

from coitrack.accounts.models import Membership, Role


def organization(request) -> dict:
    membership = getattr(request, "membership", None)
    if membership is None:
        return {"organization": None, "membership": None}
    return {
        "organization": membership.organization,
        "membership": membership,
        "can_edit": membership.has_role(Role.REVIEWER),
        "is_org_admin": membership.has_role(Role.ADMIN),
        "other_memberships": lambda: Membership.objects.filter(user=request.user)
        .exclude(pk=membership.pk)
        .select_related("organization"),
    }
