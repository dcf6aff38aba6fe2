"""The API against its own OpenAPI document (schemathesis): whatever a client sends, valid or
not, no answer is a server error and every answer matches the document (status documented,
content type, headers, body schema).

Bounded so the suite stays fast: a few examples per operation, data of one organization with a
vendor, a certificate, a template and a waiver to find. The WSGI app is called in-process, in
the test's database transaction.
"""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from coitrack.api.tests.helpers import token_for
from coitrack.compliance.services import evaluate_vendor
from coitrack.compliance.services.waivers import create_waiver
from coitrack.outreach.services.requests import request_now
from coitrack.requirements import services as requirements
from coitrack.testing import factories

EXAMPLES = 10  # per operation: positive and negative data both
REAL_EXAMPLES = 4  # per operation with ids in its path: the ids of existing objects
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]


def operations() -> list[tuple[str, str]]:
    """(method, path) of every operation, from the same document the app serves."""
    from coitrack.api.main import api

    paths = api.get_openapi_schema()["paths"]
    return [(method.upper(), path) for path, methods in paths.items() for method in methods]


@pytest.fixture
def existing_ids(org) -> dict[str, int]:
    """Path parameter -> the id of a real object of the token's organization."""
    vendor = factories.vendor(org, "Acme Roofing LLC")
    factories.certificate(vendor, expiration=dt.date(2099, 1, 1))  # accepted, 1M < 2M
    certificate = factories.certificate(vendor, status="needs_review",
                                        expiration=dt.date(2099, 1, 1))
    template = requirements.create_template(organization=org, actor="test", data={
        "name": "GL", "coverages": [{"coverage": "general_liability",
                                     "limits": {"each_occurrence": 2000000}}]})
    requirements.assign_template(organization=org, actor="test", template=template,
                                 vendor=vendor)
    evaluate_vendor(vendor)
    waiver = create_waiver(organization=org, actor="test", vendor=vendor,
                           code="LIMIT_BELOW_MINIMUM", coverage="general_liability",
                           limit="each_occurrence", reason="Pending", until_renewal=True)
    request = request_now(vendor=vendor, actor="test")
    return {"vendor_id": vendor.pk, "contact_id": factories.contact(vendor).pk,
            "project_id": factories.project(org, "Tower").pk, "certificate_id": certificate.pk,
            "template_id": template.pk, "waiver_id": waiver.pk, "request_id": request.pk}


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The WSGI app is called directly, not through Django's test client, so the start and end
    of each request would run ``close_old_connections`` and close the test's database
    connection (on PostgreSQL, inside the test's transaction). Django's test client
    disconnects it the same way while it handles a request."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize(("method", "path"), operations(),
                         ids=[f"{m} {p}" for m, p in operations()])
def test_api_honours_its_openapi_document(method, path, org, existing_ids, settings):
    from coitrack.wsgi import application

    settings.API_RATE_PER_MINUTE = 100_000
    operation = schemathesis.openapi.from_wsgi("/api/openapi.json", application)[path][method]
    headers = {"Authorization": f"Bearer {token_for(org)}"}
    # Data that fits the document (random ids) and data that does not; then data with ids that
    # exist. Derandomized: CI sees the same examples every run (a random draw that missed the
    # real ids failed a run now and then).
    real = {name: value for name, value in existing_ids.items() if "{" + name + "}" in path}
    statuses: list[int] = []

    def run(strategy, examples: int) -> None:
        @given(case=strategy)
        @hypothesis_settings(max_examples=examples, deadline=None, database=None,
                             derandomize=True, suppress_health_check=list(HealthCheck))
        def check(case):
            statuses.append(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

        check()

    run(st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                  operation.as_strategy(GenerationMode.NEGATIVE)), EXAMPLES)
    if real:
        run(operation.as_strategy(GenerationMode.POSITIVE, path_parameters=real), REAL_EXAMPLES)
    if method == "GET":  # the examples reached real data, not only refusals
        assert 200 in statuses, statuses
