"""Waivers: a reviewer's decision that one deficiency does not count for a vendor.

A waiver is ``{"code": ..., "coverage": ..., "limit": ...}`` (``coverage``/``limit`` absent means
``null``). It matches a deficiency with the same code, coverage and limit, exactly: a waiver of
``LIMIT_BELOW_MINIMUM`` on general liability each occurrence waives nothing else. Matching
deficiencies stay in the evaluation with ``waived: true`` and do not count for the status. Whether
a waiver is still current (its expiry, "until renewal") is the app's business: the engine is given
the waivers that apply. Unknown keys are ignored.
"""

from __future__ import annotations

from typing import Any

from coitrack.rules.deficiencies import CODES


class WaiverError(ValueError):
    """A waiver is malformed; the message names it."""


WaiverKey = tuple[str, str | None, str | None]


def parse_waivers(items: Any) -> frozenset[WaiverKey]:
    """Validate waiver dicts and return their (code, coverage, limit) keys."""
    if items is None:
        return frozenset()
    if not isinstance(items, (list, tuple)):
        raise WaiverError("waivers: expected a list")
    keys = set()
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise WaiverError(f"waivers[{i}]: expected an object")
        code = item.get("code")
        if code not in CODES:
            raise WaiverError(f"waivers[{i}].code: {code!r} is not a deficiency code")
        for key in ("coverage", "limit"):
            if item.get(key) is not None and not isinstance(item.get(key), str):
                raise WaiverError(f"waivers[{i}].{key}: expected a string or null")
        keys.add((code, item.get("coverage"), item.get("limit")))
    return frozenset(keys)
