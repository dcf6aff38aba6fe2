"""A reviewer's decision on a certificate: accept, reject, needs review."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from coitrack.accounts.access import member_required
from coitrack.accounts.models import Role
from coitrack.certificates.forms.upload import StatusForm
from coitrack.certificates.services import StatusChangeRefused, set_status
from coitrack.certificates.views.lookups import certificate_or_404
from coitrack.certificates.views.review import open_flags

DONE = {
    "accepted": "Certificate accepted.",
    "rejected": "Certificate rejected.",
    "needs_review": "Certificate marked as needing review.",
}


@require_POST
@member_required(Role.REVIEWER)
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = certificate_or_404(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That is not a decision this page can make.")
        return redirect("certificates:detail", pk=certificate.pk)
    status = form.cleaned_data["status"]
    flags = open_flags(certificate) if status == "accepted" else 0
    # The page asks for this tick box too, but the server is what must refuse: a certificate
    # with open misinformation flags is accepted only when the reviewer says so explicitly.
    if flags and not request.POST.get("confirm_flags"):
        messages.error(request, f"Not accepted: {flags} flag{'s are' if flags != 1 else ' is'} "
                                "still open. Resolve them, or tick “Accept although flags are "
                                "open”.")
        return redirect("certificates:detail", pk=certificate.pk)
    try:
        set_status(certificate=certificate, status=status,
                   reason=form.cleaned_data["reason"], actor=request.user)
    except StatusChangeRefused as refused:
        messages.error(request, str(refused))
    else:
        if flags:
            from coitrack.review.services import resolve_open_flags

            resolve_open_flags(certificate=certificate, actor=request.user,
                               note="Accepted by the reviewer although the flag was open.")
        messages.success(request, DONE[status])
        if certificate.status == "superseded":
            messages.info(request, "A newer certificate of the vendor already covers these "
                                   "policies, so this one was filed as superseded.")
    return redirect("certificates:detail", pk=certificate.pk)
