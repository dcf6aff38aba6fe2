"""Password reset by e-mail, with links to the public address."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse


def _reset_link(mail) -> str:
    match = re.search(r"https?://\S+/password-reset/\S+/\S+/", mail.body)
    assert match, mail.body
    return match.group(0)


def test_reset_mail_links_to_the_public_url(client, admin_user, mailoutbox, settings):
    settings.PUBLIC_URL = "https://coi.example.org"
    response = client.post(reverse("password_reset"), {"email": "alice@example.com"},
                           HTTP_HOST="localhost")
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["alice@example.com"]
    assert _reset_link(mailoutbox[0]).startswith("https://coi.example.org/password-reset/")


def test_unknown_address_gets_the_same_answer_and_no_mail(client, db, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response["Location"] == reverse("password_reset_done")
    assert mailoutbox == []


def test_reset_link_sets_a_new_password_once(client, admin_user, mailoutbox):
    client.post(reverse("password_reset"), {"email": "alice@example.com"})
    path = _reset_link(mailoutbox[0]).split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert form_page.status_code == 200
    assert b"Choose a new password" in form_page.content
    response = client.post(form_page.redirect_chain[-1][0], {
        "new_password1": "a new Long passphrase 42", "new_password2": "a new Long passphrase 42",
    })
    assert response["Location"] == reverse("password_reset_complete")
    assert get_user_model().objects.get(pk=admin_user.pk).check_password(
        "a new Long passphrase 42"
    )
    used_again = client.get("/" + path, follow=True)
    assert b"This link no longer works" in used_again.content


def test_tampered_reset_link_is_refused(client, admin_user):
    response = client.get("/password-reset/MQ/bogus-token/", follow=True)
    assert b"This link no longer works" in response.content
