"""State changes of certificates. Views, the API, tasks and the CLI all call these functions.

One module per kind of change; everything callers need is importable from here.
"""

from coitrack.certificates.services.data import save_certificate_data
from coitrack.certificates.services.previews import render_document_previews
from coitrack.certificates.services.status import (
    StatusChangeRefused,
    accept_certificate,
    mark_needs_review,
    reject_certificate,
    set_status,
)
from coitrack.certificates.services.summary import refresh_vendor_summary
from coitrack.certificates.services.upload import Duplicate, UploadResult, upload_certificate

__all__ = [
    "Duplicate",
    "StatusChangeRefused",
    "UploadResult",
    "accept_certificate",
    "mark_needs_review",
    "refresh_vendor_summary",
    "reject_certificate",
    "render_document_previews",
    "save_certificate_data",
    "set_status",
    "upload_certificate",
]
