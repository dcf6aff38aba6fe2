"""Which URLs a webhook may be sent to (pure: no Django): the guard against SSRF.

A webhook makes coitrack's server send requests to an address an organization admin typed, so
an admin of one organization must not be able to reach the server's own network (databases,
the cloud provider's metadata service at 169.254.169.254, admin consoles on 10.x).

- ``https://`` only, except ``http://`` to a loopback host (``localhost``, ``127.0.0.0/8``,
  ``[::1]``), for testing a receiver on one's own machine;
- no user name or password in the URL;
- every address the host name resolves to must be public (``ipaddress``'s ``is_global``: not
  private, loopback, link-local, shared, reserved or multicast), checked when the URL is saved if
  it is an IP literal and on *every* delivery after resolving, and the connection then goes to
  the checked address (no second lookup a DNS rebinding could change).

``allow_private=True`` (``COITRACK_WEBHOOKS_ALLOW_PRIVATE=true``) lifts the address check, for
installations whose receivers live on the internal network, and for tests; loopback hosts need it
too.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_LENGTH = 500
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


class AddressRefused(ValueError):
    """The URL or the address it leads to is not allowed; the message says why."""


@dataclass(frozen=True, slots=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str  # path and query, at least "/"


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether ``address`` is on the public internet (an IPv4-mapped IPv6 address is judged as
    the IPv4 address it carries)."""
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    return address.is_global and not address.is_multicast


def is_loopback_host(host: str) -> bool:
    ip = _ip(host)
    return ip.is_loopback if ip is not None else host.lower().rstrip(".") in LOOPBACK_NAMES


def check_url(url: str, *, allow_private: bool) -> Target:
    """Parse ``url`` and apply every rule that needs no DNS; raise :class:`AddressRefused`."""
    url = (url or "").strip()
    if not url:
        raise AddressRefused("Enter the URL that should receive the events.")
    if len(url) > MAX_LENGTH:
        raise AddressRefused(f"The URL is longer than {MAX_LENGTH} characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise AddressRefused(f"This is not a valid URL ({error}).") from None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not host:
        raise AddressRefused("Enter a full URL starting with https://.")
    if parts.username or parts.password:
        raise AddressRefused("Leave the user name and password out of the URL; every "
                             "request is signed instead.")
    loopback = is_loopback_host(host)
    if parts.scheme == "http" and not loopback:
        raise AddressRefused("Use https://; plain http:// is only for localhost while testing.")
    ip = _ip(host)
    if (loopback or (ip is not None and not is_public(ip))) and not allow_private:
        raise AddressRefused(
            f"{host} is a private or local address; webhooks go to public addresses only "
            "(an operator can allow private ones with COITRACK_WEBHOOKS_ALLOW_PRIVATE).")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(parts.scheme, host, port or (443 if parts.scheme == "https" else 80), path)


def resolve(target: Target, *, allow_private: bool, getaddrinfo=socket.getaddrinfo) -> list[str]:
    """The addresses to connect to for ``target``; raise :class:`AddressRefused` when the name
    does not resolve or when any address it resolves to is not public (unless allowed)."""
    try:
        infos = getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise AddressRefused(f"{target.host} could not be resolved ({error}).") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise AddressRefused(f"{target.host} has no address.")
    if not allow_private:
        refused = [a for a in addresses if not is_public(ipaddress.ip_address(a.split("%")[0]))]
        if refused:
            raise AddressRefused(f"{target.host} resolves to a private or local address "
                                 f"({', '.join(refused)}); webhooks go to public addresses only.")
    return addresses
