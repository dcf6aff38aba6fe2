"""One HTTP POST of a webhook (pure: no Django), and what its outcome means.

Built on ``http.client`` (what ``urllib`` uses underneath) rather than ``urllib.request``, so that
the connection goes to the address :func:`addresses.resolve` checked (TLS still verifies the
certificate against the host name) and so that redirects are never followed (a 3xx is an
answer like any other). Timeout 10 s for connecting and for each read; at most
:data:`EXCERPT_BYTES` of the answer are read and kept.

Outcomes (:func:`judge`): 2xx delivered; 408, 429, 5xx, timeouts and connection errors are worth
retrying; every other answer (3xx, 4xx) and a refused address fail this delivery for good.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from dataclasses import dataclass

from coitrack.webhooks import addresses

TIMEOUT = 10.0
EXCERPT_BYTES = 4096
RETRY_STATUSES = frozenset({408, 429})

DELIVERED, RETRY, PERMANENT = "delivered", "retry", "permanent"


@dataclass(frozen=True, slots=True)
class Result:
    status: int | None  # the HTTP status, None when no answer came
    excerpt: str = ""  # the start of the answer's body
    error: str = ""  # why it did not work, in words
    refused: bool = False  # the address was refused before connecting
    seconds: float = 0.0


def judge(result: Result) -> str:
    """``DELIVERED``, ``RETRY`` or ``PERMANENT`` for one attempt's ``result``."""
    if result.refused:
        return PERMANENT
    if result.status is None:
        return RETRY
    if 200 <= result.status < 300:
        return DELIVERED
    if result.status in RETRY_STATUSES or result.status >= 500:
        return RETRY
    return PERMANENT


def post(url: str, body: bytes, headers: dict[str, str], *, allow_private: bool,
         timeout: float = TIMEOUT, getaddrinfo=socket.getaddrinfo) -> Result:
    """POST ``body`` to ``url``; never raises for network trouble (it is in the result)."""
    started = time.monotonic()
    try:
        target = addresses.check_url(url, allow_private=allow_private)
        ips = addresses.resolve(target, allow_private=allow_private, getaddrinfo=getaddrinfo)
    except addresses.AddressRefused as error:
        return Result(None, error=str(error), refused=True)
    last_error = ""
    for ip in ips:
        connection = _connection(target, ip, timeout)
        try:
            connection.request("POST", target.path, body=body, headers={
                **headers, "Host": _host_header(target), "Content-Length": str(len(body))})
            response = connection.getresponse()
            excerpt = response.read(EXCERPT_BYTES).decode("utf-8", errors="replace")
            return Result(response.status, excerpt=excerpt,
                          error="" if 200 <= response.status < 300 else
                          f"HTTP {response.status} {response.reason}".strip(),
                          seconds=time.monotonic() - started)
        except ssl.SSLError as error:
            return Result(None, error=f"TLS error: {error}", seconds=time.monotonic() - started)
        except TimeoutError:
            return Result(None, error=f"No answer within {timeout:g} s.",
                          seconds=time.monotonic() - started)
        except (ConnectionError, OSError, http.client.HTTPException) as error:
            # Refused or unreachable: the next address of the name, if any.
            last_error = f"Connection failed ({error.__class__.__name__}: {error})."
        finally:
            connection.close()
    return Result(None, error=last_error, seconds=time.monotonic() - started)


def _host_header(target: addresses.Target) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default = 443 if target.scheme == "https" else 80
    return host if target.port == default else f"{host}:{target.port}"


def _connection(target: addresses.Target, ip: str, timeout: float) -> http.client.HTTPConnection:
    if target.scheme == "https":
        connection = http.client.HTTPSConnection(target.host, target.port, timeout=timeout,
                                                 context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(target.host, target.port, timeout=timeout)

    def pinned(address, timeout=timeout, source_address=None):
        # Connect to the checked address; the host name stays for SNI and certificate checks.
        return socket.create_connection((ip, address[1]), timeout, source_address)

    connection._create_connection = pinned
    return connection
