"""The review app's arrival fixtures, so e-mail tests follow a certificate through the app."""

from coitrack.review.tests.conftest import (  # noqa: F401 - fixtures, found by name
    arriving,
    enter,
    owner,
    previous,
    storage_dir,
    vendor,
)
