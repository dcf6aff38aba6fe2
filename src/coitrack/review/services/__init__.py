"""State changes of the review app: checking certificates for misinformation, resolving flags."""

from coitrack.review.services.check import (
    check_after_data_change,
    check_certificate,
    reason_for,
)
from coitrack.review.services.resolve import FlagError, resolve_flag, resolve_open_flags

__all__ = [
    "FlagError",
    "check_after_data_change",
    "check_certificate",
    "reason_for",
    "resolve_flag",
    "resolve_open_flags",
]
