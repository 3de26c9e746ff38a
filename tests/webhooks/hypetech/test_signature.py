from datetime import UTC, datetime, timedelta

import pytest

from tests.ledger import balance_of
from tests.webhooks.hypetech.conftest import payload
from wallet.models import ProviderCall, Transaction
from webhooks.exceptions import ExpiredRequestError, InvalidSignatureError
from webhooks.hypetech.signature import hype_hash, hype_hash_verify, timestamp_verify

SPEC_URL = "https://operator.example.com/hypetech/bet"
SPEC_BODY = (
    b'{"user_id":"26","currency":"USD","amount":200,"provider":"hypetech",'
    b'"provider_tx_id":"559","game":"aviador","action":"bet","round_id":"255",'
    b'"mode":"default","count_register":1,'
    b'"session_token":"b72afc947ed1809d9a993d378733cfea"}'
)
SPEC_HASH = "e71c4c6b44eeadd1d5456ec1d078fbc86ff77ac6fda6983d089e4326593ac0ee"


def test_spec_test_vector():
    """docs/providers/hypetech.md#2-signature-hype-hash test vector."""
    assert hype_hash(key="test-api-key-123", url=SPEC_URL, body=SPEC_BODY) == SPEC_HASH


def test_verify_accepts_vector_in_upper_case():
    hype_hash_verify(
        signature=SPEC_HASH.upper(),
        url=SPEC_URL,
        body=SPEC_BODY,
        keys=("test-api-key-123", ""),
    )


@pytest.mark.parametrize(
    ("signature", "url", "body", "keys"),
    [
        (None, SPEC_URL, SPEC_BODY, ("test-api-key-123",)),
        ("", SPEC_URL, SPEC_BODY, ("test-api-key-123",)),
        (SPEC_HASH, SPEC_URL + "?x=1", SPEC_BODY, ("test-api-key-123",)),
        (SPEC_HASH, SPEC_URL, SPEC_BODY + b" ", ("test-api-key-123",)),
        (SPEC_HASH, SPEC_URL, SPEC_BODY, ("another-key", "")),
        (SPEC_HASH, SPEC_URL, SPEC_BODY, ("", "")),
        ("é" * 64, SPEC_URL, SPEC_BODY, ("test-api-key-123",)),
    ],
    ids=[
        "missing",
        "empty",
        "other-url",
        "other-body",
        "other-key",
        "no-key",
        "non-ascii",
    ],
)
def test_verify_refuses(signature, url, body, keys):
    with pytest.raises(InvalidSignatureError):
        hype_hash_verify(signature=signature, url=url, body=body, keys=keys)


def test_empty_body_matches_node_undefined():
    """A body-less [B] GET is signed as url + "undefined"
    (docs/providers/hypetech.md#2-signature-hype-hash)."""
    signature = hype_hash(key="k", url=SPEC_URL, body=b"undefined")
    hype_hash_verify(signature=signature, url=SPEC_URL, body=b"", keys=("k",))


NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        str(int(NOW.timestamp()) - 119),
        str(int(NOW.timestamp() * 1000) + 119_000),
        "2026-11-22T12:01:00Z",
        "2026-11-22T11:59:00+00:00",
    ],
)
def test_timestamp_inside_window(value):
    timestamp_verify(value=value, tolerance=120, now=NOW)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (str(int(NOW.timestamp()) - 121), ExpiredRequestError),
        (str(int((NOW + timedelta(minutes=5)).timestamp())), ExpiredRequestError),
        (None, InvalidSignatureError),
        ("yesterday", InvalidSignatureError),
        ("9" * 40, InvalidSignatureError),
    ],
)
def test_timestamp_refused(value, error):
    with pytest.raises(error):
        timestamp_verify(value=value, tolerance=120, now=NOW)


pytestmark_db = pytest.mark.django_db


def _nothing_happened(wallet):
    assert balance_of(wallet) == "1000.00"
    assert Transaction.objects.filter(kind=Transaction.Kind.BET).count() == 0
    assert ProviderCall.objects.count() == 0


@pytestmark_db
@pytest.mark.parametrize(
    "signature", ["", "0" * 64, "not-hex"], ids=["missing", "wrong", "garbage"]
)
def test_bad_signature_is_401_and_changes_nothing(hypetech, wallet, signature):
    response = hypetech.send("bet", payload("bet"), signature=signature)

    assert response.status_code == 401
    assert response.json()["code"] == "INVALID_SIGNATURE"
    assert response.json()["statusCode"] == 401
    _nothing_happened(wallet)


@pytestmark_db
def test_previous_key_accepted_only_while_configured(hypetech, wallet, settings):
    settings.HYPETECH_API_KEY = "new-key"
    settings.HYPETECH_API_KEY_PREVIOUS = "test-api-key-123"

    accepted = hypetech.send("bet", payload("bet"), key="test-api-key-123")
    settings.HYPETECH_API_KEY_PREVIOUS = ""
    refused = hypetech.send(
        "bet", payload("bet", provider_tx_id="9"), key="test-api-key-123"
    )

    assert accepted.status_code == 200
    assert refused.status_code == 401
    assert balance_of(wallet) == "800.00"


@pytestmark_db
def test_url_of_the_configured_public_base_is_signed(hypetech, wallet, settings):
    settings.HYPETECH_WEBHOOK_BASE_URL = "https://public.example.org"

    response = hypetech.send("bet", payload("bet"))

    assert response.status_code == 401
    _nothing_happened(wallet)


@pytestmark_db
def test_without_base_url_the_arrival_url_is_signed(hypetech, wallet, settings):
    settings.HYPETECH_WEBHOOK_BASE_URL = ""
    body = b'{"user_id":"26","currency":"USD","session_token":"t"}'
    signature = hype_hash(
        key="test-api-key-123",
        url="http://testserver/webhooks/hypetech/balance",
        body=body,
    )

    response = hypetech.send("balance", body=body, signature=signature)

    assert response.status_code == 200
    assert response.json()["balance"] == "1000.00"


@pytestmark_db
def test_expired_timestamp_is_401(hypetech, wallet, settings):
    settings.HYPETECH_TIMESTAMP_HEADER = "X-Timestamp"
    old = str(int((datetime.now(UTC) - timedelta(minutes=3)).timestamp()))

    response = hypetech.send("bet", payload("bet"), HTTP_X_TIMESTAMP=old)

    assert response.status_code == 401
    assert response.json()["code"] == "EXPIRED_REQUEST"
    _nothing_happened(wallet)


@pytestmark_db
def test_missing_timestamp_is_401_when_required(hypetech, wallet, settings):
    settings.HYPETECH_TIMESTAMP_HEADER = "X-Timestamp"

    response = hypetech.send("bet", payload("bet"))

    assert response.status_code == 401
    assert response.json()["code"] == "INVALID_SIGNATURE"
    _nothing_happened(wallet)


@pytestmark_db
def test_fresh_timestamp_is_accepted(hypetech, wallet, settings):
    settings.HYPETECH_TIMESTAMP_HEADER = "X-Timestamp"
    now = str(int(datetime.now(UTC).timestamp()))

    response = hypetech.send("bet", payload("bet"), HTTP_X_TIMESTAMP=now)

    assert response.status_code == 200
    assert balance_of(wallet) == "800.00"
