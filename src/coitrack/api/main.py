"""The NinjaAPI: every router mounted under /api/, bearer-token auth on every operation, the
one error shape, the OpenAPI document at /api/openapi.json and its interactive docs at
/api/docs (Swagger UI served from ninja's own static files: no CDN, works offline)."""

from __future__ import annotations

from ninja import NinjaAPI, Swagger

from coitrack.api import errors
from coitrack.api.auth import TokenAuth
from coitrack.api.routers import (
    certificates,
    compliance,
    contacts,
    projects,
    requests,
    templates,
    vendors,
)

DESCRIPTION = """\
The coitrack REST API. Authenticate with a per-organization token created in
Settings > API tokens: `Authorization: Bearer coi_...`. Read tokens may only GET; write tokens
may change data. Every object belongs to the token's organization: another organization's ids
answer 404, exactly like ids that do not exist.

Lists take `limit` (1-200, default 50) and `offset` and answer `{count, limit, offset, items}`.
Every error answer has one shape: `{"error": {"code", "message", "details": [{"field",
"message"}]}}`. Each token may make 600 requests a minute; past that the answer is 429 with a
`Retry-After` header.

Certificates and requirement templates speak the documented JSON formats
(certificate-schema.md, requirements-format.md).
"""

api = NinjaAPI(
    title="coitrack API",
    version="1",
    description=DESCRIPTION,
    auth=TokenAuth(),
    urls_namespace="api",
    docs=Swagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)

for module in (vendors, contacts, projects, certificates, templates, compliance, requests):
    api.add_router("", module.router)
