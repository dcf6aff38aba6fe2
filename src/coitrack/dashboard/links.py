"""The vendors a widget counts, and the vendor-list URL that shows exactly them.

Widgets count through the vendor list's own filter function (``vendors.listing.vendor_queryset``)
with the same values they put in the link, so a number and the list it links to cannot disagree.
Active vendors only, like the list's default.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from coitrack.vendors.listing import vendor_queryset
from coitrack.vendors.models import Vendor

# The order of the query string's parameters (tests compare links as text).
URL_KEYS = ("status", "compliance", "deficiency", "coverage", "within", "outreach", "type",
            "project", "owner", "sort")
BLANK = {"q": "", "type": None, "status": "active", "project": None, "owner": "",
         "coverage": "", "compliance": "", "deficiency": "", "within": None, "outreach": "",
         "sort": "name"}


def scope(config: dict) -> dict:
    """The vendor-list filters of a widget's type / project / owner settings."""
    return {
        "type": int(config["type"]) if config.get("type") else None,
        "project": int(config["project"]) if config.get("project") else None,
        "owner": config.get("owner") or "",
    }


def values(**filters) -> dict:
    unknown = set(filters) - set(BLANK)
    if unknown:
        raise TypeError(f"not vendor-list filters: {sorted(unknown)}")
    return {**BLANK, **filters}


def vendors(organization, user, today: dt.date, **filters) -> QuerySet[Vendor]:
    """The organization's vendors the list shows for ``filters``, unordered, for counting."""
    return (vendor_queryset(organization=organization, user=user, values=values(**filters),
                            today=today)
            .prefetch_related(None).order_by())


def vendor_url(**filters) -> str:
    """``/vendors/?status=active&...``: the list filtered by ``filters`` (defaults left out,
    except ``status=active``, which says plainly that inactive vendors are not counted)."""
    chosen = values(**filters)
    params = [(key, chosen[key]) for key in URL_KEYS
              if chosen[key] not in (None, "") and (key != "sort" or chosen[key] != "name")]
    return f"{reverse('vendors:list')}?{urlencode(params)}"
