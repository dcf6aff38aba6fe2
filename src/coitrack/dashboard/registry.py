"""The kinds of widget a dashboard can hold: for each, its settings (``config.Field`` s), the
function that computes what it shows (``data/``) and its template; plus the built-in layout new
organizations start from.

Adding a kind: write its data function (a few aggregate queries, see ``data/__init__``), its
template ``dashboard/widgets/<kind>.html`` and an entry in ``KINDS``. Kinds are looked up by key;
a stored widget whose kind is gone shows as "no longer available" and can still be removed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from coitrack.dashboard.config import CHOICE, INT, REF, Field
from coitrack.dashboard.data import activity, compliance, expiring, outreach, review, trend

TYPE = Field("type", "Vendor type", REF, "", ref="vendor_type")
PROJECT = Field("project", "Project", REF, "", ref="project")
OWNER = Field("owner", "Owner", REF, "", ref="owner")
SCOPE = (TYPE, PROJECT, OWNER)


def _limit(default: int, maximum: int = 25) -> Field:
    return Field("limit", "Rows shown", INT, default, minimum=1, maximum=maximum, shown=False)


@dataclass(frozen=True)
class WidgetKind:
    key: str
    title: str
    description: str
    fields: tuple[Field, ...]
    data: Callable  # (data.Context, cleaned config) -> dict for the template

    @property
    def template(self) -> str:
        return f"dashboard/widgets/{self.key}.html"


KINDS: dict[str, WidgetKind] = {kind.key: kind for kind in (
    WidgetKind("compliance_overview", "Compliance overview",
               "How many vendors have each compliance status, with a chart.",
               SCOPE, compliance.overview),
    WidgetKind("expiring", "Expiring soon",
               "Vendors whose first policy expires within the next days you choose.",
               (Field("days", "Days ahead", INT, 30, minimum=1, maximum=365), _limit(5),
                *SCOPE), expiring.expiring),
    WidgetKind("review_queue", "Review queue",
               "Certificates waiting to be read or reviewed, oldest first.",
               (_limit(5),), review.review_queue),
    WidgetKind("non_compliant", "Non-compliant vendors",
               "Non-compliant vendors and their most frequent deficiencies.",
               (_limit(5), *SCOPE), compliance.non_compliant),
    WidgetKind("outreach", "Outreach",
               "Open certificate requests: requested, reminded, unresponsive, answered.",
               SCOPE, outreach.outreach),
    WidgetKind("compliance_trend", "Compliance rate over time",
               "The share of vendors meeting their requirements, one point per day.",
               (Field("days", "Days shown", INT, 90, minimum=7, maximum=365),),
               trend.compliance_trend),
    WidgetKind("compliance_by_group", "Compliance by project",
               "Compliance per project or location, or per vendor type.",
               (Field("group_by", "Group by", CHOICE, "project",
                      choices=(("project", "Project or location"), ("type", "Vendor type"))),
                _limit(8, 30), OWNER), compliance.by_group),
    WidgetKind("recent_activity", "Recent activity",
               "The latest changes by anyone in the organization.",
               (Field("days", "Days back", INT, 7, minimum=1, maximum=90), _limit(6, 50)),
               activity.recent_activity),
)}

# What a new organization's members see until an admin saves a default layout: every kind once,
# with its default settings.
BUILT_IN_LAYOUT: tuple[str, ...] = ("compliance_overview", "expiring", "non_compliant",
                                    "review_queue", "outreach", "compliance_trend",
                                    "compliance_by_group", "recent_activity")
