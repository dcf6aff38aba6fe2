"""The Members page: roles, role changes and removals by admins, and the last-admin rule."""

import pytest
from django.urls import reverse

from coitrack.accounts.models import Membership, Role
from coitrack.audit.models import Action, Event
from coitrack.testing import factories


def _membership(user, org=None):
    return Membership.objects.get(user=user, **({"organization": org} if org else {}))


def test_members_page_lists_members_with_their_roles(viewer_client, admin_user, reviewer_user):
    response = viewer_client.get(reverse("members"))
    content = response.content.decode()
    assert response.status_code == 200
    for name in ("alice", "rita", "victor"):
        assert name in content
    assert "Reviewer" in content


def test_members_page_does_not_list_other_organizations_members(admin_client, other_org):
    factories.user("outsider", org=other_org)
    assert b"outsider" not in admin_client.get(reverse("members")).content


def test_admin_changes_a_role(admin_client, viewer_user):
    membership = _membership(viewer_user)
    response = admin_client.post(reverse("change_role", args=[membership.pk]), {"role": "reviewer"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.REVIEWER


def test_role_change_is_audited(admin_client, admin_user, viewer_user, org):
    membership = _membership(viewer_user)
    admin_client.post(reverse("change_role", args=[membership.pk]), {"role": "admin"})
    event = Event.objects.get(organization=org, object_type="membership")
    assert (event.action, event.object_id, event.actor) == (Action.UPDATE, membership.pk,
                                                            admin_user)
    assert event.changes == {"role": ["viewer", "admin"]}


def test_unknown_role_is_refused_and_nothing_changes(admin_client, viewer_user):
    membership = _membership(viewer_user)
    admin_client.post(reverse("change_role", args=[membership.pk]), {"role": "owner"})
    membership.refresh_from_db()
    assert membership.role == Role.VIEWER
    assert not Event.objects.exists()


def test_last_admin_cannot_be_demoted(admin_client, admin_user):
    membership = _membership(admin_user)
    response = admin_client.post(reverse("change_role", args=[membership.pk]),
                                 {"role": "viewer"}, follow=True)
    assert b"only admin" in response.content
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN
    assert not Event.objects.exists()


def test_admin_may_step_down_when_another_admin_remains(admin_client, admin_user, org):
    factories.user("second_admin", org=org, role=Role.ADMIN)
    membership = _membership(admin_user)
    admin_client.post(reverse("change_role", args=[membership.pk]), {"role": "reviewer"})
    membership.refresh_from_db()
    assert membership.role == Role.REVIEWER


def test_remove_asks_for_confirmation_first(admin_client, viewer_user):
    membership = _membership(viewer_user)
    response = admin_client.get(reverse("remove_member", args=[membership.pk]))
    assert response.status_code == 200
    assert b"Remove from" in response.content
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_admin_removes_a_member_and_it_is_audited(admin_client, viewer_user, org):
    membership = _membership(viewer_user)
    response = admin_client.post(reverse("remove_member", args=[membership.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    event = Event.objects.get(organization=org, object_type="membership")
    assert (event.action, event.object_id) == (Action.DELETE, membership.pk)
    assert "victor" in event.object_repr


def test_removed_member_loses_access(admin_client, viewer_user, viewer_client):
    membership = _membership(viewer_user)
    admin_client.post(reverse("remove_member", args=[membership.pk]))
    response = viewer_client.get(reverse("members"))
    assert response.status_code == 302
    assert response["Location"] == reverse("no_organization")


def test_last_admin_cannot_be_removed(admin_client, admin_user):
    membership = _membership(admin_user)
    response = admin_client.post(reverse("remove_member", args=[membership.pk]), follow=True)
    assert b"only admin" in response.content
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("client_fixture", ["viewer_client", "reviewer_client"])
def test_non_admins_cannot_manage_members(request, client_fixture, admin_user, viewer_user):
    client = request.getfixturevalue(client_fixture)
    target = _membership(viewer_user)
    assert client.post(reverse("change_role", args=[target.pk]),
                       {"role": "admin"}).status_code == 403
    assert client.get(reverse("remove_member", args=[target.pk])).status_code == 403
    assert client.post(reverse("remove_member", args=[target.pk])).status_code == 403
    target.refresh_from_db()
    assert target.role == Role.VIEWER


def test_non_admins_see_no_member_controls(reviewer_client):
    content = reviewer_client.get(reverse("members")).content
    assert b"/role/" not in content
    assert b"Remove" not in content


def test_other_organizations_memberships_answer_404(admin_client, other_org):
    outsider = _membership(factories.user("outsider", org=other_org, role=Role.VIEWER))
    assert admin_client.post(reverse("change_role", args=[outsider.pk]),
                             {"role": "admin"}).status_code == 404
    assert admin_client.get(reverse("remove_member", args=[outsider.pk])).status_code == 404
    assert admin_client.post(reverse("remove_member", args=[outsider.pk])).status_code == 404
    outsider.refresh_from_db()
    assert outsider.role == Role.VIEWER


def test_admin_of_two_organizations_manages_only_the_active_one(admin_client, admin_user, org,
                                                                other_org):
    Membership.objects.create(user=admin_user, organization=other_org, role=Role.ADMIN)
    colleague = _membership(factories.user("colleague", org=other_org, role=Role.VIEWER))
    admin_client.post(reverse("switch_organization"), {"organization": org.pk})
    response = admin_client.post(reverse("change_role", args=[colleague.pk]), {"role": "admin"})
    assert response.status_code == 404
    colleague.refresh_from_db()
    assert colleague.role == Role.VIEWER
