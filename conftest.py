"""Shared pytest fixtures: two organizations, a user of each role, and logged-in clients."""

from __future__ import annotations

import pytest
from django.test import Client

from coitrack.accounts.models import Role
from coitrack.testing import factories


@pytest.fixture
def org(db):
    return factories.organization("Harbor Point Properties")


@pytest.fixture
def other_org(db):
    return factories.organization("Elsewhere Holdings")


@pytest.fixture
def admin_user(org):
    return factories.user("alice", org=org, role=Role.ADMIN)


@pytest.fixture
def reviewer_user(org):
    return factories.user("rita", org=org, role=Role.REVIEWER)


@pytest.fixture
def viewer_user(org):
    return factories.user("victor", org=org, role=Role.VIEWER)


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client(admin_user) -> Client:
    return _client_for(admin_user)


@pytest.fixture
def reviewer_client(reviewer_user) -> Client:
    return _client_for(reviewer_user)


@pytest.fixture
def viewer_client(viewer_user) -> Client:
    return _client_for(viewer_user)
