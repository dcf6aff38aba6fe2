import pytest

from coitrack.api.tests.helpers import ApiClient, token_for


@pytest.fixture
def api(org) -> ApiClient:
    """A client with a write token of ``org``."""
    return ApiClient(token_for(org))


@pytest.fixture
def read_api(org) -> ApiClient:
    return ApiClient(token_for(org, scope="read", name="Reader"))
