"""Helpers of the reading tests: synthetic certificates uploaded through the HTTP view, and the
review form's POST data as a browser would send it back."""

from __future__ import annotations

import datetime as dt
from functools import cache

from django.urls import reverse

from coitrack.certificates.forms.editor import CertificateEditor
from coitrack.certificates.forms.fields import TriStateSelect
from coitrack.certificates.models import Certificate
from coitrack.certificates.tests import samples
from coitrack.reading.synth import generate


@cache
def synthetic(seed: int = 7, variant: str = "text") -> tuple[bytes, dict]:
    """A generated ACORD-25-like certificate and the data a perfect reader returns."""
    return generate(seed, variant)


def upload(client, vendor, *files, capture=None) -> Certificate:
    """POST ``files`` (``(name, bytes)``) to the upload page; with ``capture`` (pytest-django's
    ``django_capture_on_commit_callbacks``) the background tasks run, as the worker would."""
    data = {"received_date": "2026-03-02", "source": "upload",
            "files": [samples.upload(name, content) for name, content in files]}
    url = reverse("certificates:upload", args=[vendor.pk])
    if capture is None:
        response = client.post(url, data)
    else:
        with capture(execute=True):
            response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:500]
    return Certificate.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def form_data(certificate: Certificate) -> dict:
    """The review/edit form's fields filled with what the certificate holds now, unchanged."""
    editor = CertificateEditor(certificate)
    data: dict = {}
    for formset in (editor.insurers, editor.policies):
        for bound in formset.management_form:
            data[bound.html_name] = bound.value()
    for form in [editor.main, *editor.insurers.forms, *editor.policies.forms]:
        for bound in form:
            value = bound.value()
            if isinstance(bound.field.widget, TriStateSelect):
                value = {True: "yes", False: "no"}.get(value, "")
            elif isinstance(value, dt.date):
                value = value.isoformat()
            elif value is None or value is False:
                value = ""
            data[bound.html_name] = value
    return {key: value for key, value in data.items() if value not in ("", [])}


def insured_vendor(org):
    """The vendor the synthetic certificate of seed 7 names as insured (no name mismatch)."""
    from coitrack.testing import factories

    return factories.vendor(org, synthetic(7)[1]["insured"]["name"])
