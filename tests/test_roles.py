"""A viewer reads and never changes anything, through any URL of the project.

Every URL pattern is POSTed to by a viewer of organization A with A's own objects' ids (the
objects a viewer can see). Each must refuse (403, or 405 for read-only pages) and change nothing,
except the few actions any signed-in member may take on their own session or inbox. A new URL is
covered automatically: if it accepts a viewer's POST it fails here until it refuses or is listed
in VIEWER_MAY_POST with the reason.
"""

from __future__ import annotations

import pytest

from tests.test_isolation import (
    EXEMPT_PREFIXES,
    TARGETS,
    build_objects,
    id_patterns,
    plain_patterns,
    snapshot_counts,
)

# What a viewer may POST, and why.
VIEWER_MAY_POST = {
    "login", "logout",  # their own session
    "password_reset", "password_reset_confirm",  # their own password
    "switch_organization",  # which of their organizations they look at
    "accept_invitation",  # joining by an invitation addressed to them
    "notifications:read", "notifications:read_all",  # their own inbox
    "notifications:preferences",  # their own notification settings (owners may be viewers)
    # Their own dashboard (a personal arrangement that changes nothing others see; the default
    # layout is refused to non-admins inside these views, tested in the dashboard app).
    "dashboard:add", "dashboard:configure", "dashboard:move", "dashboard:remove",
    "dashboard:reorder", "dashboard:reset",
}


def fill(route: str, kwargs: dict) -> str:
    url = "/" + route
    for kwarg, value in kwargs.items():
        for converter in ("int:", "str:", "slug:", ""):
            url = url.replace(f"<{converter}{kwarg}>", str(value))
    return url


def viewer_cases():
    cases = [(name, route, {}) for name, route in plain_patterns()]
    for name, route, _ in id_patterns():
        ways = TARGETS.get(name, [])
        if ways:
            cases.append((name, route, ways[0]))
    return [c for c in cases if c[0] not in VIEWER_MAY_POST
            and not c[1].startswith(EXEMPT_PREFIXES)]


@pytest.mark.parametrize(("name", "route", "way"), viewer_cases(),
                         ids=[c[0] for c in viewer_cases()])
def test_viewer_cannot_change_anything(name, route, way, org, viewer_user, viewer_client):
    objects = build_objects(org, viewer_user)
    objects.update({"own_vendor": objects["vendor"], "page_one": 1})
    kwargs = {}
    for kwarg, key in way.items():
        value = objects[key]
        kwargs[kwarg] = value if isinstance(value, (str, int)) else value.pk
    before = snapshot_counts()
    response = viewer_client.post(fill(route, kwargs), {"reason": "x", "action": "accept",
                                                       "name": "Changed", "legal_name": "X"})
    assert response.status_code in {403, 404, 405}, (name, response.status_code)
    assert snapshot_counts() == before
