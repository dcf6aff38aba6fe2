"""COITRACK_INBOUND_ADDRESS: a bare mailbox with room for the reply token, or nothing."""

from __future__ import annotations

import pytest

from coitrack import config


def read(value: str) -> str:
    return config.env_inbound_address({"COITRACK_INBOUND_ADDRESS": value})


def test_unset_means_no_inbound_mail():
    assert config.env_inbound_address({}) == ""


def test_the_address_is_kept_in_lower_case():
    assert read(" Certificates@COI.example.org ") == "certificates@coi.example.org"


@pytest.mark.parametrize("value", ["nobody", "x@localhost", "Name <a@b.org>", "a b@c.org"])
def test_anything_but_a_bare_address_is_refused_naming_the_variable(value):
    with pytest.raises(config.ConfigError, match="COITRACK_INBOUND_ADDRESS"):
        read(value)


def test_a_plus_in_the_mailbox_name_is_refused():
    with pytest.raises(config.ConfigError, match=r"must not contain '\+'"):
        read("coi+certs@example.org")


def test_a_mailbox_name_too_long_to_carry_the_token_is_refused():
    assert read("c" * config.INBOUND_LOCAL_MAX + "@example.org")
    with pytest.raises(config.ConfigError, match="at most 31 characters"):
        read("c" * (config.INBOUND_LOCAL_MAX + 1) + "@example.org")
