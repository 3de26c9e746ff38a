"""Schemathesis against the published OpenAPI schema of the operator API."""

from io import StringIO

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, settings

from operator_site.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def api_key(transactional_db, make_wallet, settings):
    settings.HYPETECH_API_TOKEN = "t"
    settings.HYPETECH_BASE_URL = "http://127.0.0.1:9"
    settings.HYPETECH_TIMEOUT = 0.2
    make_wallet(user_id="26", balance="10.00")
    out = StringIO()
    call_command("issue_api_key", "--name", "schemathesis", stdout=out)
    return out.getvalue().strip()


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_operator_api_conforms_to_its_schema(case, api_key):
    case.call_and_validate(headers={"Authorization": f"Api-Key {api_key}"})
