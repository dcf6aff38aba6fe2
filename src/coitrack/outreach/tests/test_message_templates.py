"""Settings > Messages: editing the wording of each kind of message, with variables, syntax
errors, a live preview and a reset to the built-in wording, through HTTP."""

from __future__ import annotations

import html

from coitrack.audit.models import Event
from coitrack.outreach import messages
from coitrack.outreach.models import MessageTemplate

EDIT = "/settings/messages/reminder/"
SAVE = "/settings/messages/reminder/save/"
PREVIEW = "/settings/messages/reminder/preview/"
RESET = "/settings/messages/reminder/reset/"
GOOD = {"subject": "Still waiting, {{ vendor_name }}",
        "text": "Hello {{ contact_name }},\n{% for item in items %}- {{ item }}\n{% endfor %}"
                "{{ portal_link }}",
        "html": "<p>Hello {{ contact_name }}</p><p><a href=\"{{ portal_link }}\">Upload</a></p>"}


def test_the_list_names_every_kind_of_message_as_built_in(viewer_client):
    page = viewer_client.get("/settings/messages/").content.decode()
    for label in messages.KINDS.values():
        assert html.escape(label) in page
    assert page.count("Built-in") == len(messages.KINDS)


def test_the_editor_starts_from_the_built_in_wording_and_lists_the_variables(admin_client):
    page = admin_client.get(EDIT).content.decode()
    assert html.escape(messages.builtin_source("reminder")["subject"]) in page
    for name in messages.VARIABLES:
        assert name in page


def test_the_editor_shows_a_preview_with_example_values_in_a_sandboxed_frame(admin_client):
    page = admin_client.get(EDIT).content.decode()
    assert "Reminder: certificate of insurance needed for Summit Roofing LLC" in page
    assert '<iframe class="preview-html" title="HTML version of the message" sandbox=""' in page


def test_admin_saves_own_wording_which_the_next_messages_use(admin_client, org):
    response = admin_client.post(SAVE, GOOD)
    assert response.status_code == 302
    assert messages.source_for(org, "reminder") == GOOD


def test_saving_wording_is_audited(admin_client, org):
    admin_client.post(SAVE, GOOD)
    event = Event.objects.get(organization=org, object_type="messagetemplate")
    assert event.action == "create"
    assert event.changes["subject"][1] == GOOD["subject"]


def test_a_syntax_error_is_shown_on_its_part_and_nothing_is_saved(admin_client, org):
    response = admin_client.post(SAVE, {**GOOD, "text": "{% for item in items %}- {{ item }}"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Unclosed tag" in page
    assert not MessageTemplate.objects.filter(organization=org).exists()


def test_an_empty_subject_is_refused(admin_client, org):
    response = admin_client.post(SAVE, {**GOOD, "subject": "  "})
    assert response.status_code == 400
    assert "The subject cannot be empty." in response.content.decode()
    assert not MessageTemplate.objects.filter(organization=org).exists()


def test_the_preview_renders_the_posted_wording(admin_client):
    response = admin_client.post(PREVIEW, GOOD)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Still waiting, Summit Roofing LLC" in page
    assert "Hello Dana Reyes" in page
    assert "General liability additional insured is not marked." in page
    # The HTML is in the frame's srcdoc, escaped once as an attribute value.
    assert 'srcdoc="&lt;p&gt;Hello Dana Reyes&lt;/p&gt;' in page


def test_the_preview_escapes_values_in_the_html_version(admin_client, org):
    org.name = "Smith & <Sons>"
    org.save()
    page = admin_client.post(PREVIEW, {**GOOD, "html": "<p>{{ organization_name }}</p>"}
                             ).content.decode()
    # Escaped by the message engine (&amp;lt;), then again as the attribute value.
    assert "Smith &amp;amp; &amp;lt;Sons&amp;gt;" in page


def test_the_preview_shows_a_syntax_error_instead(admin_client):
    page = admin_client.post(PREVIEW, {**GOOD, "subject": "{{ vendor_name|nosuchfilter }}"}
                             ).content.decode()
    assert "The preview cannot be shown" in page
    assert "nosuchfilter" in page


def test_reset_goes_back_to_the_built_in_wording_and_is_audited(admin_client, org):
    admin_client.post(SAVE, GOOD)
    response = admin_client.post(RESET)
    assert response.status_code == 302
    assert messages.source_for(org, "reminder") == messages.builtin_source("reminder")
    assert list(Event.objects.filter(object_type="messagetemplate").order_by("pk")
                .values_list("action", flat=True)) == ["create", "delete"]


def test_reviewer_reads_but_cannot_save_preview_or_reset(reviewer_client, org):
    page = reviewer_client.get(EDIT).content.decode()
    assert "Only admins change the wording." in page
    assert "disabled" in page
    for url in (SAVE, PREVIEW, RESET):
        assert reviewer_client.post(url, GOOD).status_code == 403
    assert not MessageTemplate.objects.filter(organization=org).exists()


def test_an_unknown_kind_of_message_is_not_found(admin_client):
    assert admin_client.get("/settings/messages/nonsense/").status_code == 404


def test_own_wording_of_another_organization_is_never_used_or_shown(admin_client, org,
                                                                    other_org):
    MessageTemplate.objects.create(organization=other_org, kind="reminder", subject="Theirs",
                                   text="Theirs", html="<p>Theirs</p>")
    page = admin_client.get(EDIT).content.decode()
    assert "Theirs" not in page
    assert messages.source_for(org, "reminder") == messages.builtin_source("reminder")


def test_html_wording_cannot_break_out_of_the_preview_frame(admin_client):
    hostile = '"><script>alert(1)</script><p x="'
    page = admin_client.post(PREVIEW, {**GOOD, "html": hostile}).content.decode()
    assert "<script>" not in page
    assert "&quot;&gt;&lt;script&gt;" in page
