"""What each widget shows: one small module per subject, each function answering in a few
indexed aggregate queries whatever the number of vendors (no loop over vendors in Python).

Every function takes a :class:`Context` and the widget's cleaned settings and returns a plain
dict for its template. Numbers come with the vendor-list URL that shows the same vendors
(``links.vendor_url``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Context:
    organization: object
    user: object  # "owner: me" means this user
    today: dt.date  # the organization's local day
