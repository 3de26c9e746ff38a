from decimal import Decimal

import pytest

from tests.ledger import assert_ledger_invariants
from tests.wallet.factories import PlayerFactory
from wallet.models import Wallet
from wallet.services import wallet_adjust

HYPETECH_KEY = "test-api-key-123"
HYPETECH_BASE = "https://operator.example.com"
BETSTACK_KEY = "12345ABCDE"
BETSTACK_OPERATOR = "acme"


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.HYPETECH_API_KEY = HYPETECH_KEY
    settings.HYPETECH_API_KEY_PREVIOUS = ""
    settings.HYPETECH_WEBHOOK_BASE_URL = HYPETECH_BASE
    settings.HYPETECH_TIMESTAMP_HEADER = ""
    settings.HYPETECH_REQUIRE_KNOWN_SESSION = False
    settings.HYPETECH_STATUS_OVERRIDES = {}
    settings.WEBHOOK_MAX_BODY_BYTES = 64 * 1024
    settings.BETSTACK_OPERATOR = BETSTACK_OPERATOR
    settings.BETSTACK_SECRET_KEY = BETSTACK_KEY
    settings.BETSTACK_SECRET_KEY_PREVIOUS = ""
    settings.BETSTACK_TIMESTAMP_TOLERANCE = 0
    settings.BETSTACK_TOKEN_TTL = 3600
    settings.BETSTACK_FEATURE_FLAGS = {}


@pytest.fixture(autouse=True)
def _ledger_invariants_after_test(request):
    """Every test that touched the database leaves the ledger consistent."""
    yield
    node = request.node
    tampered = node.get_closest_marker("ledger_tampered") is not None
    if node.get_closest_marker("django_db") is not None and not tampered:
        assert_ledger_invariants()


@pytest.fixture
def make_wallet(db):
    """A player's wallet funded through wallet services, never by a factory."""

    def make(*, user_id=None, currency="USD", balance="0", status=None) -> Wallet:
        fields = {"user_id": user_id, "status": status}
        player = PlayerFactory(
            **{name: value for name, value in fields.items() if value}
        )
        wallet = Wallet.objects.create(player=player, currency=currency)
        if Decimal(balance):
            wallet_adjust(wallet=wallet, amount=Decimal(balance), reason="test funding")
        wallet.refresh_from_db()
        return wallet

    return make


@pytest.fixture
def staff_member(db):
    """A staff user in the Support or Finance group (groups recreated if flushed)."""
    from django.apps import apps
    from django.contrib.auth.models import Group, User

    from wallet.roles import groups_sync

    def make(role: str, username: str | None = None) -> User:
        if not Group.objects.filter(name=role).exists():
            groups_sync(apps)
        user = User.objects.create_user(
            username or role.lower(), password="pw-12345", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make
