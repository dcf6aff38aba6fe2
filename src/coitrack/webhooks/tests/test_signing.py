"""Signatures a receiver can check: the body and the moment are signed with the endpoint's
secret; anything else is refused with the reason."""

from __future__ import annotations

import pytest

from coitrack.webhooks.signing import SignatureError, new_secret, sign, signature, verify

SECRET = "whsec_test-secret"
BODY = b'{"id":"3f1c","type":"certificate.accepted","data":{"certificate":{"id":7}}}'
NOW = 1_800_000_000


def test_a_signed_body_verifies_and_gives_its_timestamp():
    header = sign(BODY, SECRET, timestamp=NOW)
    assert header.startswith(f"t={NOW},v1=")
    assert verify(BODY, header, SECRET, now=NOW + 10) == NOW


def test_the_signature_is_the_hmac_sha256_of_timestamp_dot_body():
    import hashlib
    import hmac

    expected = hmac.new(SECRET.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert signature(SECRET, NOW, BODY) == expected
    assert sign(BODY, SECRET, timestamp=NOW) == f"t={NOW},v1={expected}"


def test_a_text_body_signs_as_its_utf8_bytes():
    text = '{"name":"Café Lumière"}'
    assert sign(text, SECRET, NOW) == sign(text.encode(), SECRET, NOW)


def test_a_tampered_body_is_refused():
    header = sign(BODY, SECRET, timestamp=NOW)
    with pytest.raises(SignatureError, match="No signature matches"):
        verify(BODY.replace(b"7", b"8"), header, SECRET, now=NOW)


def test_a_wrong_secret_is_refused():
    header = sign(BODY, SECRET, timestamp=NOW)
    with pytest.raises(SignatureError, match="No signature matches"):
        verify(BODY, header, new_secret(), now=NOW)


def test_a_stale_timestamp_is_refused_even_with_a_valid_signature():
    header = sign(BODY, SECRET, timestamp=NOW)
    with pytest.raises(SignatureError, match="outside the 300 s tolerance"):
        verify(BODY, header, SECRET, now=NOW + 301)
    assert verify(BODY, header, SECRET, now=NOW + 300) == NOW


def test_a_timestamp_from_the_future_is_refused_too():
    header = sign(BODY, SECRET, timestamp=NOW + 600)
    with pytest.raises(SignatureError, match="tolerance"):
        verify(BODY, header, SECRET, now=NOW)


def test_a_changed_timestamp_breaks_the_signature():
    header = sign(BODY, SECRET, timestamp=NOW).replace(f"t={NOW}", f"t={NOW + 5}")
    with pytest.raises(SignatureError, match="No signature matches"):
        verify(BODY, header, SECRET, now=NOW)


@pytest.mark.parametrize("header", ["", "v1=abc", f"t={NOW}", "t=soon,v1=abc", "garbage"])
def test_a_missing_or_malformed_header_is_refused(header):
    with pytest.raises(SignatureError):
        verify(BODY, header, SECRET, now=NOW)


def test_one_matching_signature_among_several_is_enough():
    good = sign(BODY, SECRET, timestamp=NOW)
    header = f"t={NOW},v1={'0' * 64},{good.split(',')[1]}"
    assert verify(BODY, header, SECRET, now=NOW) == NOW


def test_new_secrets_differ_and_carry_their_prefix():
    first, second = new_secret(), new_secret()
    assert first != second and first.startswith("whsec_") and len(first) > 40
