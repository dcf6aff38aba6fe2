"""The API's one error shape, and the handlers turning every refusal into it.

Every error answer is ``{"error": {"code": ..., "message": ..., "details": [...]}}``:

| status | code | when |
|---|---|---|
| 400 | ``bad_request`` | the body is not JSON, or not the multipart form expected |
| 401 | ``unauthorized`` | no ``Authorization: Bearer`` token, or an unknown, revoked, expired one |
| 403 | ``forbidden`` | a read-only token asked to change something |
| 404 | ``not_found`` | no such object *in the token's organization* (another's ids look absent) |
| 409 | ``conflict`` | the change is not possible in the object's current state |
| 422 | ``validation_error`` | a parameter or a value is invalid; ``details`` name each field |
| 429 | ``rate_limited`` | too many requests this minute; ``Retry-After`` says when to try again |

``details`` is a list of ``{"field": "legal_name" | null, "message": "..."}``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "validation_error",
    429: "rate_limited",
}
DOCUMENTED = (400, 401, 403, 404, 409, 422, 429)


class ErrorDetail(Schema):
    field: str | None = None
    message: str


class ErrorBody(Schema):
    code: str
    message: str
    details: list[ErrorDetail]


class ErrorOut(Schema):
    """Every error answer of the API."""

    error: ErrorBody


class ApiError(Exception):
    """Raised by routers to answer with the error shape."""

    def __init__(self, status: int, message: str, *, details: list[dict] | None = None,
                 code: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details or []
        self.code = code or CODES.get(status, "error")
        self.headers = headers or {}


def responses(ok_status: int, schema: Any) -> dict[int, Any]:
    """An operation's responses: its success and every documented error, all of one shape."""
    return {ok_status: schema, **{status: ErrorOut for status in DOCUMENTED}}


def not_found(what: str = "object") -> ApiError:
    return ApiError(404, f"No such {what} in this organization.")


def error_response(api, request: HttpRequest, error: ApiError) -> HttpResponse:
    body = {"error": {"code": error.code, "message": error.message, "details": error.details}}
    response = api.create_response(request, body, status=error.status)
    for name, value in error.headers.items():
        response[name] = value
    return response


def details_from_django(error: DjangoValidationError) -> list[dict]:
    """A service's ValidationError as details: one per message, with its field if it has one."""
    if hasattr(error, "error_dict"):
        return [{"field": None if field == "__all__" else field, "message": str(message)}
                for field, messages in error.message_dict.items() for message in messages]
    return [{"field": None, "message": str(message)} for message in error.messages]


def details_from_ninja(error: NinjaValidationError) -> list[dict]:
    details = []
    for item in error.errors:
        loc = [str(part) for part in item.get("loc", ())]
        # loc starts with where the value came from (query, path, body, file, form).
        field = ".".join(loc[1:]) or (loc[0] if loc else None)
        if loc[:2] == ["body", "payload"]:
            field = ".".join(loc[2:]) or None
        details.append({"field": field, "message": str(item.get("msg", "Invalid value."))})
    return details


def install(api) -> None:
    """Register the handlers that make every error answer use the one shape."""

    def on_api_error(request, exc: ApiError):
        return error_response(api, request, exc)

    def on_ninja_validation(request, exc: NinjaValidationError):
        details = details_from_ninja(exc)
        return error_response(api, request, ApiError(
            422, "Some values are invalid; see details.", details=details))

    def on_django_validation(request, exc: DjangoValidationError):
        details = details_from_django(exc)
        message = details[0]["message"] if len(details) == 1 else \
            "Some values are invalid; see details."
        return error_response(api, request, ApiError(422, message, details=details))

    def on_auth(request, exc: AuthenticationError):
        return error_response(api, request, ApiError(
            401, "Send a valid API token: Authorization: Bearer <token>.",
            headers={"WWW-Authenticate": 'Bearer realm="coitrack"'}))

    def on_http_error(request, exc: HttpError):
        status = exc.status_code if exc.status_code in CODES else 400
        return error_response(api, request, ApiError(status, str(exc)))

    def on_404(request, exc: Http404):
        return error_response(api, request, not_found())

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(NinjaValidationError, on_ninja_validation)
    api.add_exception_handler(DjangoValidationError, on_django_validation)
    api.add_exception_handler(AuthenticationError, on_auth)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_404)
