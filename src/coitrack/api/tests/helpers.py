"""Helpers of the API tests: tokens and a client that sends them."""

from __future__ import annotations

import json

from django.test import Client

from coitrack.api import services
from coitrack.api.models import Scope


def token_for(org, *, scope: str = Scope.WRITE, name: str = "Test program") -> str:
    return services.create_token(organization=org, actor="test", name=name, scope=scope).token


class ApiClient:
    """django.test.Client sending ``Authorization: Bearer <token>`` and JSON bodies."""

    def __init__(self, token: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def _send(self, method: str, path: str, body=None, **kwargs):
        call = getattr(self.client, method)
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return call(f"/api{path}", headers=self.headers, **kwargs)

    def get(self, path, params=None):
        return self.client.get(f"/api{path}", params or {}, headers=self.headers)

    def post(self, path, body=None, **kwargs):
        return self._send("post", path, body, **kwargs)

    def put(self, path, body=None):
        return self._send("put", path, body)

    def patch(self, path, body=None):
        return self._send("patch", path, body)

    def delete(self, path):
        return self._send("delete", path)

    def upload(self, path, files, **fields):
        return self.client.post(f"/api{path}", {"files": files, **fields}, headers=self.headers)


def assert_error(response, status: int, code: str) -> dict:
    """The response is the API's one error shape with this status and code."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]
