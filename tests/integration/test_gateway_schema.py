"""The gateway against its own OpenAPI document: schemathesis calls every route with generated input.

One embedded ``maestro serve`` for the module (the same one :mod:`test_gateway` starts), with the
write token, a few derandomized examples per operation, and the event stream left out (it streams
until the job ends). A generated GDD is at most a few characters of random text: refused at once,
or a small job the server's one worker thread runs in the background.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from tests.integration.test_gateway import AUTH, gateway_server

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with gateway_server(tmp_path_factory.mktemp("gateway-schema")) as base:
        yield base


@pytest.fixture(scope="module")
def api(base_url: str) -> Any:
    return schemathesis.openapi.from_url(f"{base_url}/openapi.json", headers=AUTH).exclude(path_regex=r"/events$")


CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def test_every_route_answers_as_its_schema_says(api: Any, base_url: str) -> None:
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=12, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)
        def answers_as_documented(case: Any) -> None:
            case.call_and_validate(base_url=base_url, headers=AUTH, timeout=20, checks=CHECKS)

        answers_as_documented()
