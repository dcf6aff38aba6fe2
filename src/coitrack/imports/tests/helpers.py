"""Driving an import through HTTP as a person does: upload, columns, preview, run."""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from coitrack.imports.models import ImportJob

VENDOR_HEADER = ["Vendor Name", "FEIN", "Trade", "Project", "City", "State", "E-mail",
                 "Contact", "Agent Email"]


def csv_bytes(rows, header=VENDOR_HEADER, encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def upload(client, raw: bytes, *, kind="vendors", name="vendors.csv"):
    return client.post("/imports/new/", {"kind": kind,
                                         "file": SimpleUploadedFile(name, raw, "text/csv")})


def uploaded_job(client, raw: bytes, **kwargs) -> ImportJob:
    response = upload(client, raw, **kwargs)
    assert response.status_code == 302, response.content.decode()[:3000]
    return ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def set_policy(client, job: ImportJob, policy: str) -> None:
    data = {f"map_{key}": str(index) for key, index in job.mapping.items()}
    data["duplicate_policy"] = policy
    response = client.post(f"/imports/{job.pk}/mapping/", data)
    assert response.status_code == 302, response.content.decode()[:3000]


def run(client, job: ImportJob, capture) -> ImportJob:
    """POST run; the worker's task runs when the transaction commits (immediate queue)."""
    with capture(execute=True):
        response = client.post(f"/imports/{job.pk}/run/")
    assert response.status_code == 302
    job.refresh_from_db()
    return job


def import_file(client, raw: bytes, capture, *, policy="update", **kwargs) -> ImportJob:
    job = uploaded_job(client, raw, **kwargs)
    if policy != job.duplicate_policy:
        set_policy(client, job, policy)
    return run(client, job, capture)
