"""Switching the active organization: only to organizations the user belongs to."""

from django.urls import reverse

from coitrack.accounts.access import SESSION_KEY
from coitrack.accounts.models import Membership, Role
from coitrack.testing import factories


def test_member_of_two_organizations_switches_between_them(admin_client, admin_user, org,
                                                           other_org):
    Membership.objects.create(user=admin_user, organization=other_org, role=Role.VIEWER)
    response = admin_client.post(reverse("switch_organization"), {"organization": other_org.pk})
    assert response.status_code == 302
    assert admin_client.session[SESSION_KEY] == other_org.pk
    page = admin_client.get(reverse("settings"))
    assert page.context["organization"] == other_org
    assert page.context["membership"].role == Role.VIEWER


def test_switching_to_an_organization_one_is_not_a_member_of_is_refused(admin_client, org,
                                                                        other_org):
    admin_client.get(reverse("dashboard"))
    response = admin_client.post(reverse("switch_organization"),
                                 {"organization": other_org.pk}, follow=True)
    assert b"not a member of that organization" in response.content
    assert admin_client.session[SESSION_KEY] == org.pk
    assert response.context["organization"] == org


def test_a_session_pointing_at_a_foreign_organization_falls_back_to_ones_own(admin_client,
                                                                            org, other_org):
    session = admin_client.session
    session[SESSION_KEY] = other_org.pk
    session.save()
    assert admin_client.get(reverse("settings")).context["organization"] == org


def test_malformed_organization_id_is_refused_without_error(admin_client, org):
    for value in ("", "abc", "-1", "1e3", "999999"):
        response = admin_client.post(reverse("switch_organization"), {"organization": value})
        assert response.status_code == 302


def test_switch_returns_to_a_local_page_but_never_to_another_site(admin_client, admin_user,
                                                                  other_org):
    Membership.objects.create(user=admin_user, organization=other_org, role=Role.ADMIN)
    local = admin_client.post(reverse("switch_organization"),
                              {"organization": other_org.pk, "next": "/settings/members/"})
    assert local["Location"] == "/settings/members/"
    remote = admin_client.post(reverse("switch_organization"),
                               {"organization": other_org.pk, "next": "https://evil.test/"})
    assert remote["Location"] == reverse("dashboard")


def test_switch_needs_a_post(admin_client, org):
    assert admin_client.get(reverse("switch_organization")).status_code == 405


def test_menu_offers_only_the_users_own_organizations(admin_client, admin_user, other_org):
    third = factories.organization("Third Org")
    Membership.objects.create(user=admin_user, organization=third, role=Role.VIEWER)
    content = admin_client.get(reverse("settings")).content.decode()
    assert "Switch to Third Org" in content
    assert "Elsewhere Holdings" not in content
