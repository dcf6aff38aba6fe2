"""Reading a received e-mail (pure): tags of the reply address, files, the first lines."""

from __future__ import annotations

import io
from email.message import EmailMessage
from email.policy import SMTP

from PIL import Image

from coitrack.outreach.services.inbound_parse import accepts, parse, tags_for
from coitrack.outreach.tests.inbound_mail import INBOUND, email, image_bytes, pdf_bytes

TOKEN = "abcdefghijklmnopqrstuvwxyz234567"


def test_tags_are_read_from_plus_addresses_of_the_inbound_mailbox_only():
    assert tags_for([f"certificates+{TOKEN}@coi.example.org", "certificates@coi.example.org",
                     "other+x@coi.example.org", "certificates+y@elsewhere.example"],
                    INBOUND) == [TOKEN]


def test_a_token_in_upper_case_is_still_found():
    parsed = parse(email(to=f"CERTIFICATES+{TOKEN.upper()}@COI.example.org"),
                   inbound_address=INBOUND)
    assert parsed.tokens == [TOKEN]


def test_the_organization_address_gives_its_slug():
    parsed = parse(email(to="certificates+org-harbor-point@coi.example.org"),
                   inbound_address=INBOUND)
    assert parsed.org_slugs == ["harbor-point"] and parsed.tokens == []


def test_the_receiver_accepts_only_the_inbound_mailbox():
    assert accepts(f"certificates+{TOKEN}@coi.example.org", INBOUND)
    assert accepts("<Certificates@COI.example.org>", INBOUND)
    assert not accepts("postmaster@coi.example.org", INBOUND)
    assert not accepts("certificates@evil.example", INBOUND)


def photo() -> bytes:
    """A noisy picture, as big as a phone photo of a page is even compressed."""
    out = io.BytesIO()
    Image.effect_noise((400, 500), 80).convert("RGB").save(out, "PNG")
    return out.getvalue()


def test_a_small_inline_logo_is_no_attachment_but_a_photographed_certificate_is():
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@b.example", INBOUND, "COI"
    message.set_content("See attached.")
    message.add_alternative('<p>See attached.</p><img src="cid:logo">', subtype="html")
    html = message.get_payload()[1]
    html.add_related(image_bytes(size=(40, 20)), maintype="image", subtype="png", cid="<logo>")
    message.add_attachment(photo(), maintype="image", subtype="png", filename="IMG_2231.png",
                           cid="<photo>")
    parsed = parse(message.as_bytes(policy=SMTP), inbound_address=INBOUND)
    assert [a.name for a in parsed.attachments] == ["IMG_2231.png"]


def test_the_files_of_a_forwarded_email_count():
    inner = EmailMessage()
    inner["From"], inner["Subject"] = "agent@broker.example", "Your COI"
    inner.set_content("Attached is your certificate.")
    inner.add_attachment(pdf_bytes(), maintype="application", subtype="pdf", filename="coi.pdf")
    outer = EmailMessage()
    outer["From"], outer["To"], outer["Subject"] = "dana@summit.example", INBOUND, "Fwd: COI"
    outer.set_content("Forwarding what my agent sent.")
    outer.add_attachment(inner)
    parsed = parse(outer.as_bytes(policy=SMTP), inbound_address=INBOUND)
    assert [a.name for a in parsed.attachments] == ["coi.pdf"]
    assert parsed.excerpt == "Forwarding what my agent sent."


def test_signatures_are_no_attachments():
    raw = email(files=[("smime.p7s", b"\x30\x82", "application/pkcs7-signature"),
                       ("coi.pdf", pdf_bytes(), "application/pdf")])
    assert [a.name for a in parse(raw, inbound_address=INBOUND).attachments] == ["coi.pdf"]


def test_a_file_without_a_name_is_named_after_its_type():
    message = EmailMessage()
    message["From"], message["To"] = "a@b.example", INBOUND
    message.set_content("x")
    message.add_attachment(pdf_bytes(), maintype="application", subtype="pdf")
    [item] = parse(message.as_bytes(policy=SMTP), inbound_address=INBOUND).attachments
    assert item.name == "attachment-1.pdf"


def test_a_folder_in_a_file_name_is_dropped():
    raw = email(files=[("../../etc/coi.pdf", pdf_bytes(), "application/pdf")])
    assert parse(raw, inbound_address=INBOUND).attachments[0].name == "coi.pdf"


def test_the_excerpt_of_an_html_only_reply_stops_at_the_quoted_message():
    message = EmailMessage()
    message["From"], message["To"] = "a@b.example", INBOUND
    message.set_content("<div>New certificate<br>next week.</div><blockquote>Old text"
                        "</blockquote>", subtype="html")
    parsed = parse(message.as_bytes(policy=SMTP), inbound_address=INBOUND)
    assert parsed.excerpt == "New certificate\nnext week."


def test_a_message_without_message_id_is_known_by_its_bytes():
    message = EmailMessage()
    message["From"], message["To"] = "a@b.example", INBOUND
    message.set_content("x")
    raw = message.as_bytes(policy=SMTP)
    assert parse(raw, inbound_address=INBOUND).dedupe_key.startswith("sha256:")
    assert parse(raw, inbound_address=INBOUND).dedupe_key == parse(
        raw, inbound_address=INBOUND).dedupe_key


def test_garbage_is_read_without_raising():
    parsed = parse(b"\x00\xff not an e-mail\r\n\r\n\x80", inbound_address=INBOUND)
    assert parsed.attachments == [] and parsed.tokens == []
