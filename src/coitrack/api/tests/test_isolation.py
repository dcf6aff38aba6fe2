"""No token reaches another organization's data, and read tokens change nothing: through every
operation of the API's OpenAPI document.

The project-wide walk (tests/test_isolation.py, tests/test_roles.py) signs in with a session,
which the API ignores; this is its equivalent with tokens. Each operation that takes an id is
called with a write token of organization A and organization B's ids, with a body that would
be valid: it must answer 404 in the error shape, reveal nothing and change nothing. Lists,
filtered by B's ids and searching B's names, must not show B's data. An operation with an id
parameter not in ``OBJECT_OF`` fails here until it is added: new operations are covered.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coitrack.accounts.models import Role
from coitrack.api.main import api as ninja_api
from coitrack.api.tests.helpers import ApiClient, assert_error, token_for
from coitrack.testing import factories
from tests.test_isolation import SECRET, build_objects, snapshot_counts

# Path parameter -> key of build_objects' object whose id to use.
OBJECT_OF = {
    "vendor_id": "vendor",
    "contact_id": "contact",
    "project_id": "project",
    "certificate_id": "certificate",
    "template_id": "requirement_template",
    "waiver_id": "waiver",
    "request_id": "outreach_request",
}
# A body each operation would accept, so that only the lookup can refuse it.
BODIES = {
    "create_contact": {"name": "Pat"},
    "update_contact": {"phone": "1"},
    "update_vendor": {"dba": "Changed"},
    "update_project": {"address": "Changed"},
    "accept_certificate": {"accept_with_open_flags": True},
    "reject_certificate": {"reason": "x"},
    "replace_template": {"name": "Changed", "coverages": []},
    "create_waiver": {"code": "LIMIT_BELOW_MINIMUM", "reason": "x", "until_renewal": True},
    "revoke_waiver": {"note": "x"},
}


def operations():
    schema = ninja_api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path.removeprefix("/api"), method, operation


def id_operations():
    return [(p, m, o) for p, m, o in operations() if "{" in p]


def fill(path: str, objects: dict) -> str:
    for param, key in OBJECT_OF.items():
        path = path.replace("{" + param + "}", str(objects[key].pk))
    return path


def call(client: ApiClient, method: str, path: str, operation: dict):
    if operation["operationId"] == "upload_certificate":
        pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4 not really", "application/pdf")
        return client.upload(path, [pdf])
    if method == "get":
        return client.get(path)
    if method == "delete":
        return client.delete(path)
    return getattr(client, method)(path, BODIES.get(operation["operationId"], {}))


@pytest.fixture
def org_b(other_org):
    return build_objects(other_org, factories.user("bob", org=other_org, role=Role.ADMIN))


def test_every_id_parameter_is_known():
    params = {p["name"] for _, _, o in id_operations() for p in o.get("parameters", [])
              if p["in"] == "path"}
    assert params <= set(OBJECT_OF), f"add to OBJECT_OF: {sorted(params - set(OBJECT_OF))}"


@pytest.mark.parametrize(("path", "method", "operation"), id_operations(),
                         ids=[o["operationId"] for _, _, o in id_operations()])
def test_another_organizations_ids_answer_404(path, method, operation, org, org_b):
    client = ApiClient(token_for(org))
    before = snapshot_counts()
    response = call(client, method, fill(path, org_b), operation)
    assert_error(response, 404, "not_found")
    assert SECRET.encode() not in response.content
    assert snapshot_counts() == before


@pytest.mark.parametrize(("path", "method", "operation"),
                         [(p, m, o) for p, m, o in operations() if "{" not in p and m == "get"])
def test_lists_never_show_another_organizations_data(path, method, operation, org, org_b):
    client = ApiClient(token_for(org))
    query = {"q": "Zanzibar", "vendor_id": org_b["vendor"].pk, "state": "all"}
    names = {p["name"] for p in operation.get("parameters", [])}
    query = {k: v for k, v in query.items() if k in names}
    if path == "/vendors":
        query["status"] = "all"
    response = client.get(path, query)
    assert response.status_code == 200, response.content
    assert response.json()["count"] == 0
    assert SECRET.encode() not in response.content
    assert SECRET.encode() not in client.get(path).content


def test_own_vendor_with_another_organizations_contact_is_refused(org, org_b):
    own = factories.vendor(org, "Our Own Vendor")
    client = ApiClient(token_for(org))
    assert client.get(f"/vendors/{own.pk}/contacts").json()["count"] == 0
    response = client.patch(f"/contacts/{org_b['contact'].pk}", {"phone": "1"})
    assert_error(response, 404, "not_found")


@pytest.mark.parametrize(("path", "method", "operation"),
                         [(p, m, o) for p, m, o in operations() if m != "get"],
                         ids=[o["operationId"] for _, m, o in operations() if m != "get"])
def test_a_read_token_changes_nothing(path, method, operation, org, viewer_user):
    objects = build_objects(org, viewer_user)
    client = ApiClient(token_for(org, scope="read"))
    before = snapshot_counts()
    response = call(client, method, fill(path, objects), operation)
    assert_error(response, 403, "forbidden")
    assert snapshot_counts() == before
