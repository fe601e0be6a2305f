"""Central's OpenAPI description, exercised by schemathesis against the running server: whatever
the generated requests, no answer is a 5xx and every answer matches the
schema (status, content type, headers and body)."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.central_fixture import CentralServer

MAX_EXAMPLES = 20
# Uploads are bytes: the built-in binary serializer sends them as they are.
schemathesis.serializer.alias("application/offset+octet-stream", "application/octet-stream")
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def _exercise(operation: schemathesis.APIOperation, token: str) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

    run()


def test_api_conforms_to_its_schema(central_server_module: CentralServer) -> None:
    """Each operation gets its own run of generated cases (schemathesis' pytest plug-in does
    not run on this pytest, so the operations are walked here)."""
    server = central_server_module
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    admin_token = server.sign_in("quantri", "Q01").access_token
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        # Signing out the shared token would leave the other operations unauthenticated.
        token = "not-a-token" if operation.path.endswith("/sign-out") else admin_token
        try:
            _exercise(operation, token)
        except Exception as error:  # one report for every failing operation
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")
    assert operations >= 14
    assert not failures, "\n\n".join(failures)
