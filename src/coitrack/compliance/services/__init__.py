"""Compliance state changes: evaluations, re-evaluation scheduling, waivers.

Every function takes keyword-only arguments (after the subject) and documents its contract.
"""

from coitrack.compliance.services.schedule import schedule_reevaluation

__all__ = ["schedule_reevaluation"]
