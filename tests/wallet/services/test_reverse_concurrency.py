"""A double-submitted reversal, for real: two threads, one reversal."""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection

from tests.ledger import balance_of
from wallet.exceptions import AlreadyReversedError
from wallet.services import wallet_adjust
from wallet.services.backoffice import transaction_reverse

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_simultaneous_reversals_reverse_once(make_wallet):
    staff = User.objects.create_user("fin")
    wallet = make_wallet(user_id="26", balance="100.00")
    debit = wallet_adjust(wallet=wallet, amount=Decimal("-40"), reason="charge")
    barrier = threading.Barrier(4)

    def reverse(_):
        barrier.wait()
        try:
            transaction_reverse(transaction_id=debit.pk, staff_user=staff, reason="x")
            return "reversed"
        except AlreadyReversedError:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(4) as pool:
        outcomes = sorted(pool.map(reverse, range(4)))

    assert outcomes == ["refused", "refused", "refused", "reversed"]
    assert balance_of(wallet) == "100.00"
