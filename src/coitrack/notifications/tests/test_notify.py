"""notify(): one row per member, one e-mail each once the transaction commits, failures logged."""

from __future__ import annotations

import logging

import pytest
from django.db import transaction

from coitrack.accounts.models import Role
from coitrack.notifications.models import Notification
from coitrack.notifications.services import notify, reviewers_and_admins, send_emails
from coitrack.testing import factories

TITLE = "Certificate #7 of Summit Roofing LLC needs review"


def _notify(org, users, **overrides):
    values = {"organization": org, "users": users, "kind": "certificate_flagged",
              "title": TITLE, "body": "The named insured differs.", "url": "/certificates/7/"}
    return notify(**{**values, **overrides})


def test_one_row_per_member_each_told_once(org, admin_user, reviewer_user,
                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rows = _notify(org, [admin_user, reviewer_user, admin_user, None])
    assert sorted(r.user_id for r in rows) == sorted([admin_user.pk, reviewer_user.pk])
    assert Notification.objects.count() == 2


def test_people_outside_the_organization_are_not_told(org, other_org, admin_user,
                                                      django_capture_on_commit_callbacks):
    outsider = factories.user("mallory", org=other_org)
    stranger = factories.user("sam")
    with django_capture_on_commit_callbacks(execute=True):
        rows = _notify(org, [admin_user, outsider, stranger])
    assert [r.user for r in rows] == [admin_user]


def test_mail_leaves_only_after_commit(org, admin_user, mailoutbox,
                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        _notify(org, [admin_user])
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert [m.to for m in mailoutbox] == [[admin_user.email]]
    assert Notification.objects.get().emailed_at is not None


def test_a_rolled_back_change_tells_nobody(org, admin_user, mailoutbox,
                                           django_capture_on_commit_callbacks):
    with (django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError),
          transaction.atomic()):
        _notify(org, [admin_user])
        raise RuntimeError("the change failed")
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_the_mail_has_text_and_html_with_absolute_links(settings, org, admin_user, mailoutbox,
                                                        django_capture_on_commit_callbacks):
    settings.PUBLIC_URL = "https://coi.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        _notify(org, [admin_user])
    [mail] = mailoutbox
    assert mail.subject == f"{TITLE} · Harbor Point Properties"
    assert "The named insured differs." in mail.body
    assert "Open it in coitrack: https://coi.example.org/certificates/7/" in mail.body
    assert "https://coi.example.org/notifications/" in mail.body
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="https://coi.example.org/certificates/7/"' in html


def test_html_escapes_what_it_shows(org, admin_user, mailoutbox,
                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(org, [admin_user], body='Insured "<script>x</script>"')
    assert "<script>" not in mailoutbox[0].alternatives[0][0]
    assert 'Insured "<script>x</script>"' in mailoutbox[0].body  # plain text stays as written


def test_a_user_without_an_address_is_told_in_the_app_only(org, mailoutbox,
                                                           django_capture_on_commit_callbacks):
    silent = factories.user("nomail", org=org, role=Role.REVIEWER)
    silent.email = ""
    silent.save()
    with django_capture_on_commit_callbacks(execute=True):
        [row] = _notify(org, [silent])
    row.refresh_from_db()
    assert mailoutbox == []
    assert row.emailed_at is None


def test_one_refused_address_does_not_stop_the_others(settings, org, admin_user, reviewer_user,
                                                      mailoutbox, caplog,
                                                      django_capture_on_commit_callbacks):
    settings.MAILERS = {"default": {
        "BACKEND": "coitrack.notifications.tests.backends.RefusingBackend",
        "OPTIONS": {"refuse": [admin_user.email]},
    }}
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        _notify(org, [admin_user, reviewer_user])
    assert [m.to for m in mailoutbox] == [[reviewer_user.email]]
    emailed = dict(Notification.objects.values_list("user__username", "emailed_at"))
    assert emailed["alice"] is None and emailed["rita"] is not None
    assert "could not be e-mailed to alice@example.com" in caplog.text


def test_sending_again_skips_what_was_already_sent(org, admin_user, mailoutbox,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [row] = _notify(org, [admin_user])
    assert send_emails([row.pk]) == 0
    assert len(mailoutbox) == 1


def test_reviewers_and_admins_are_the_reviewing_members(org, admin_user, reviewer_user,
                                                        viewer_user, other_org):
    factories.user("bob", org=other_org, role=Role.ADMIN)
    assert reviewers_and_admins(org) == [admin_user, reviewer_user]
