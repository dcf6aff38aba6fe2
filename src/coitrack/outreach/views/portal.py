"""The vendor portal: no account, the link's token is the key to one vendor.

Every request is first counted against its client address, then its token is resolved; any
token that does not resolve to a live link (unknown, tampered, expired, revoked, vendor merged
or inactive) gets the same 404 page, which names nobody. Uploads are counted against the link
too. The page works without JavaScript (a plain multipart form; the answer page refreshes
itself while reading); ``outreach/portal.js`` adds drag and drop and polling with htmx.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_protect, ensure_csrf_cookie
from django.views.decorators.http import require_http_methods, require_safe

from coitrack.certificates.models import Certificate, CertificateSource
from coitrack.certificates.services.upload import UploadFailed, upload_certificate
from coitrack.compliance.services.clock import local_today
from coitrack.outreach.services import portal_rate
from coitrack.outreach.services.answers import portal_upload_told
from coitrack.outreach.services.portal import resolve
from coitrack.outreach.services.portal_answer import answer_for, read_now
from coitrack.outreach.services.portal_page import note_opening, page_for, window_days

ACTOR = "vendor portal"
MAX_FILES = 10  # per upload: a certificate with its endorsements, or a few phone photos


def _private(response: HttpResponse) -> HttpResponse:
    """Nothing of a portal page may be cached or indexed: the URL is a key."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _invalid(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "outreach/portal/invalid.html", status=404))


def _limited(request: HttpRequest, refusal: portal_rate.Refusal) -> HttpResponse:
    minutes = max(1, round(refusal.retry_after / 60))
    response = render(request, "outreach/portal/limited.html", {
        "limit": refusal.limit, "minutes": minutes}, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return _private(response)


def _live_link(request: HttpRequest, token: str):
    """``(link, None)`` for a live link within the address limit, else ``(None, response)``."""
    refusal = portal_rate.hit("addr", portal_rate.client_address(request))
    if refusal is not None:
        return None, _limited(request, refusal)
    link = resolve(token)
    if link is None:
        return None, _invalid(request)
    return link, None


@require_http_methods(["GET", "HEAD", "POST"])
@ensure_csrf_cookie  # the form's CSRF cookie, for visitors who never sign in
@csrf_protect
def portal(request: HttpRequest, token: str) -> HttpResponse:
    """GET: the vendor's page. POST: an upload of one certificate's files."""
    link, refused = _live_link(request, token)
    if refused is not None:
        return refused
    if request.method == "POST":
        return _upload(request, token, link)
    note_opening(link)
    return _page(request, link)


def _page(request: HttpRequest, link, *, errors: list[str] | None = None, notice: str = "",
          status: int = 200) -> HttpResponse:
    return _private(render(request, "outreach/portal/page.html", {
        "page": page_for(link), "errors": errors or [], "notice": notice,
        "max_files": MAX_FILES,
    }, status=status))


def _upload(request: HttpRequest, token: str, link) -> HttpResponse:
    refusal = portal_rate.hit("upload", str(link.pk))
    if refusal is not None:
        return _limited(request, refusal)
    files = request.FILES.getlist("files")
    if len(files) > MAX_FILES:
        return _page(request, link, status=400, errors=[
            f"Send at most {MAX_FILES} files at once; you chose {len(files)}."])
    try:
        result = upload_certificate(
            vendor=link.vendor, files=[(f.name, f) for f in files],
            received_date=local_today(link.organization), source=CertificateSource.PORTAL,
            actor=ACTOR)
    except UploadFailed as error:
        return _page(request, link, errors=error.errors, status=400)
    if result.certificate is None:
        return _page(request, link, notice=(
            "We already have this file, so nothing new was added. If your certificate changed, "
            "send the new file."))
    read_now(result.certificate)
    portal_upload_told(result.certificate)
    # 303: the browser GETs the answer, and reloading it does not send the files again.
    response = HttpResponseRedirect(
        reverse("outreach:portal_answer", args=[token, result.certificate.pk]))
    response.status_code = 303
    return response


@require_safe
def answer(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """What we read from an upload of this link's vendor, and what is still missing.

    Polled (htmx, or a refresh without JavaScript) while the file is being read."""
    link, refused = _live_link(request, token)
    if refused is not None:
        return refused
    certificate = Certificate.objects.filter(
        pk=pk, vendor=link.vendor, organization=link.organization,
        source=CertificateSource.PORTAL).prefetch_related("documents").first()
    if certificate is None:
        return _invalid(request)
    vendor = link.vendor
    result = answer_for(certificate,
                        window_days=window_days(vendor, today=local_today(link.organization)))
    context = {"answer": result, "token": token, "organization_name": link.organization.name,
               "vendor_name": vendor.legal_name,
               "names": [d.original_name for d in certificate.documents.all()]}
    if request.headers.get("HX-Request"):
        return _private(render(request, "outreach/portal/_answer.html", context))
    return _private(render(request, "outreach/portal/answer.html", context))
