"""Compliance state changes: evaluations, re-evaluation scheduling, waivers.

Every function takes keyword-only arguments (after the subject) and documents its contract.
"""

from coitrack.compliance.services.clock import local_today
from coitrack.compliance.services.evaluation import evaluate_vendor, evaluate_vendors
from coitrack.compliance.services.judging import worst_status
from coitrack.compliance.services.runs import active_run, execute_run, run_due_daily_reevaluations
from coitrack.compliance.services.schedule import schedule_reevaluation

__all__ = [
    "active_run",
    "evaluate_vendor",
    "evaluate_vendors",
    "execute_run",
    "local_today",
    "run_due_daily_reevaluations",
    "schedule_reevaluation",
    "worst_status",
]
