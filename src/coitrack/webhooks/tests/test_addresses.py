"""The SSRF guard: webhooks go over https to public addresses; private, loopback and link-local
ones (the server's own network, cloud metadata) only when the operator allows them."""

from __future__ import annotations

import socket

import pytest

from coitrack.webhooks import transport
from coitrack.webhooks.addresses import AddressRefused, check_url, resolve


def resolving_to(*ips):
    def getaddrinfo(host, port, type=0):
        return [(socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                 (ip, port)) for ip in ips]
    return getaddrinfo


def test_a_public_https_url_is_accepted_with_its_port_and_path():
    target = check_url("https://hooks.example.com:8443/in?x=1", allow_private=False)
    assert (target.scheme, target.host, target.port, target.path) == (
        "https", "hooks.example.com", 8443, "/in?x=1")


@pytest.mark.parametrize("url", ["http://hooks.example.com/in", "ftp://hooks.example.com/",
                                 "hooks.example.com/in", "", "https:///nohost"])
def test_anything_but_https_to_a_host_is_refused(url):
    with pytest.raises(AddressRefused):
        check_url(url, allow_private=True)


def test_credentials_in_the_url_are_refused():
    with pytest.raises(AddressRefused, match="user name and password"):
        check_url("https://user:pw@hooks.example.com/", allow_private=False)


@pytest.mark.parametrize("url", [
    "https://10.0.0.5/in", "https://192.168.1.1/", "https://172.16.3.4/",
    "https://169.254.169.254/latest/meta-data/",  # cloud metadata (link-local)
    "https://[fe80::1]/", "https://[fd00::1]/", "https://100.64.0.1/",
    "https://[::ffff:127.0.0.1]/", "https://0.0.0.0/",
    "http://127.0.0.1:8080/", "http://localhost/", "http://[::1]/",
])
def test_private_loopback_and_link_local_addresses_are_refused(url):
    with pytest.raises(AddressRefused, match="private or local"):
        check_url(url, allow_private=False)


def test_the_operator_may_allow_private_addresses_and_plain_http_to_localhost():
    assert check_url("http://127.0.0.1:8080/x", allow_private=True).port == 8080
    assert check_url("https://10.0.0.5/in", allow_private=True).host == "10.0.0.5"
    with pytest.raises(AddressRefused, match="plain http:// is only for localhost"):
        check_url("http://10.0.0.5/in", allow_private=True)


def test_a_name_resolving_to_a_private_address_is_refused_when_sending():
    target = check_url("https://intranet.example.com/", allow_private=False)
    with pytest.raises(AddressRefused, match=r"resolves to a private or local address \(10\."):
        resolve(target, allow_private=False, getaddrinfo=resolving_to("10.1.2.3"))


def test_one_private_address_among_public_ones_is_enough_to_refuse():
    target = check_url("https://mixed.example.com/", allow_private=False)
    with pytest.raises(AddressRefused, match=r"127\.0\.0\.1"):
        resolve(target, allow_private=False,
                getaddrinfo=resolving_to("93.184.216.34", "127.0.0.1"))


def test_public_addresses_are_returned_to_connect_to():
    target = check_url("https://hooks.example.com/", allow_private=False)
    assert resolve(target, allow_private=False,
                   getaddrinfo=resolving_to("93.184.216.34")) == ["93.184.216.34"]


def test_a_refused_address_is_a_permanent_failure_without_any_connection():
    result = transport.post("https://intranet.example.com/", b"{}", {}, allow_private=False,
                            getaddrinfo=resolving_to("192.168.0.10"))
    assert result.refused and result.status is None
    assert transport.judge(result) == transport.PERMANENT
