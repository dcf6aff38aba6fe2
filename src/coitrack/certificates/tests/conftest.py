"""Fixtures of the certificates tests: a private file storage per test, a vendor, a helper."""

from __future__ import annotations

import pytest

from coitrack.testing import factories


@pytest.fixture(autouse=True)
def storage_dir(settings, tmp_path):
    """Each test stores files in its own directory, so "already stored" means this test did it."""
    location = tmp_path / "files"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(location)}},
    }
    return location


@pytest.fixture
def vendor(org):
    return factories.vendor(org, "Summit Roofing LLC")


@pytest.fixture
def other_vendor(other_org):
    return factories.vendor(other_org, "Elsewhere Painting Inc")


def stored_files(storage_dir, under: str = "documents") -> list[str]:
    root = storage_dir / under
    if not root.exists():
        return []
    return sorted(str(p.relative_to(storage_dir)) for p in root.rglob("*") if p.is_file())
