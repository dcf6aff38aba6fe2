"""Webhook test fixtures: a real HTTP receiver on 127.0.0.1 (``http.server`` in a thread) that
records what it receives and answers as told, and an endpoint of the organization pointing at it."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from coitrack.testing import factories
from coitrack.webhooks import events
from coitrack.webhooks.models import WebhookEndpoint
from coitrack.webhooks.signing import new_secret


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """What arrived, and the answers to give: ``answers`` is consumed one per request (then
    ``default``); an answer is ``(status, body)`` or ``("sleep", seconds)``."""

    port: int = 0
    received: list[Received] = field(default_factory=list)
    answers: list[tuple] = field(default_factory=list)
    default: tuple = (200, b"ok")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/coitrack"


def _handler(receiver: Receiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            receiver.received.append(Received(self.path, dict(self.headers.items()),
                                              self.rfile.read(length)))
            answer = receiver.answers.pop(0) if receiver.answers else receiver.default
            if answer[0] == "sleep":
                time.sleep(answer[1])
                answer = (200, b"late")
            status, body = answer[0], answer[1]
            self.send_response(status)
            for name, value in (answer[2] if len(answer) > 2 else {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # quiet
            pass

    return Handler


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True  # the receiver is on 127.0.0.1
    settings.PUBLIC_URL = "https://coi.example.org"
    state = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def endpoint(org, receiver) -> WebhookEndpoint:
    """An endpoint of ``org`` at the receiver, following every event."""
    return WebhookEndpoint.objects.create(organization=org, url=receiver.url,
                                          events=list(events.EVENTS), secret=new_secret())


@pytest.fixture
def vendor(org):
    return factories.vendor(org, "Summit Roofing LLC")
