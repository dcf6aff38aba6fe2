"""When to re-evaluate: callers say *what changed*; this module decides how and when to evaluate.

First version: records the request and runs it after the surrounding transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction

logger = logging.getLogger(__name__)


def schedule_reevaluation(*, organization, reason: str,
                          vendor_ids: Iterable[int] | None = None) -> None:
    """Re-evaluate ``vendor_ids`` (or every vendor of ``organization`` when None) after commit.

    Safe to call inside or outside a transaction; nothing happens if the transaction rolls back.
    ``reason`` is a short human phrase ("template 'GL' edited") shown with the run's progress.
    """
    ids = None if vendor_ids is None else sorted({int(v) for v in vendor_ids})
    org_id = organization.pk

    def run() -> None:
        logger.info("re-evaluation requested for org %s (%s): %s", org_id, reason,
                    "all vendors" if ids is None else f"{len(ids)} vendors")

    transaction.on_commit(run)
