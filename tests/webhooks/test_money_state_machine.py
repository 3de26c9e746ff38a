"""Hypetech, Betstack and staff act on one wallet in any order, resends and
exact replays included: the ledger holds, no answer is a 500, a replay of a
definitive answer is that answer and moves nothing, no bet or ticket pays more
than its largest credit.
"""

import contextlib
import itertools
import json
import time
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import transaction as db_transaction
from django.db.models import Count, Q, Sum
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from operator_site.exceptions import ApplicationError
from tests.conftest import BETSTACK_KEY
from tests.ledger import assert_ledger_invariants
from tests.wallet.factories import PlayerFactory
from tests.webhooks.betstack.conftest import (
    BetstackSender,
    action_payload,
    create_payload,
)
from tests.webhooks.hypetech.conftest import HypetechSender, payload
from wallet.models import Bet, Provider, Ticket, Transaction, Wallet
from wallet.services import wallet_adjust
from wallet.services.backoffice import staff_wallet_adjust, transaction_reverse
from webhooks.betstack.signature import betstack_signature

pytestmark = pytest.mark.django_db

FUNDING = Decimal("100.00")
# Three bet references and three ticket ids, the first one half the time, so
# that steps on the same bet or ticket collide often.
POOL = st.sampled_from([0, 0, 1, 2])
STAKES = [Decimal("0.01"), Decimal("5.00"), Decimal("40.00"), Decimal("150.00")]
WINS = [Decimal(0), Decimal("0.01"), Decimal("7.50"), Decimal("300.00")]
ADJUSTMENTS = [Decimal("25.00"), Decimal("-0.01"), Decimal("-30.00"), Decimal("-1000")]
NET_PAYOUT_CENTS = [None, 0, 250, 4000]
SETTLEMENTS = ["ticket_win", "ticket_lost", "ticket_void", "ticket_refund"]
AFTERMATHS = ["ticket_rollback", "ticket_closed", "ticket_discard", "ticket_update"]
# The ticket fixture's price, and the largest credit any payload here carries:
# net_payout 2602 (fixture) or 4000 cents, or a refund of the price.
PRICE = Decimal("5.00")
MAX_TICKET_CREDIT = Decimal("40.00")
HYPETECH_STATUSES = {200, 400, 403, 404, 409}
BETSTACK_STATUSES = {200, 402, 404, 409}
STAKE_RETURNS = Q(transactions__kind=Transaction.Kind.ROLLBACK) | Q(
    transactions__kind=Transaction.Kind.REVERSAL, transactions__amount__gt=0
)

_players = itertools.count()
# One clock for every example: each Betstack delivery has its own timestamp.
_betstack_clock = itertools.count(int(time.time()))


@dataclass
class HypetechRequest:
    operation: str
    data: dict
    # The first definitive answer, (status, body); None until there is one.
    answer: tuple[int, bytes] | None = None


@dataclass
class BetstackRequest:
    action: str
    body: bytes
    timestamp: str
    signature: str
    answer: tuple[int, bytes] | None = None


class MoneyMachine(RuleBasedStateMachine):
    """One player with a funded USD wallet, three bet references, three tickets."""

    requests = Bundle("requests")

    def __init__(self):
        super().__init__()
        # Each example is rolled back at its end (teardown): a broken ledger
        # left by one example must not fail the next ones while shrinking.
        self.savepoint = db_transaction.savepoint()
        self.user_id = f"money-sm-{next(_players)}"
        player = PlayerFactory(user_id=self.user_id)
        self.wallet = Wallet.objects.create(player=player, currency="USD")
        wallet_adjust(wallet=self.wallet, amount=FUNDING, reason="funding")
        self.staff = User.objects.create_user(f"staff-{self.user_id}", is_staff=True)
        self.hypetech = HypetechSender(Client())
        self.betstack = BetstackSender(Client())
        self.call_ids = itertools.count()
        self.stakes = {}  # bet reference -> stake of its first accepted bet
        self.largest_win = defaultdict(Decimal)  # bet reference -> largest win sent

    # -- delivery --------------------------------------------------------

    def _bet_ref(self, i: int) -> str:
        return f"{self.user_id}-bet-{i}"

    def _ticket_id(self, i: int) -> str:
        return f"{self.user_id}-ticket-{i}"

    def _send(self, request) -> tuple[tuple[int, bytes], bool]:
        """Deliver ``request``; its answer and whether that answer is definitive."""
        if isinstance(request, HypetechRequest):
            response = self._send_hypetech(request)
            allowed = HYPETECH_STATUSES
            again = request.operation == "win" and response.status_code == 404
        else:
            allowed = BETSTACK_STATUSES
            response = self.betstack.send(
                body=request.body,
                timestamp=request.timestamp,
                signature=request.signature,
            )
            again = response.status_code == 404
        assert response.status_code in allowed, (response.status_code, response.content)
        return (response.status_code, response.content), not again

    def _send_hypetech(self, request: HypetechRequest):
        """A win not answered yet whose bet is open is paid, exactly once."""
        data = request.data
        bet = None
        if request.operation == "win" and request.answer is None:
            bet = Bet.objects.filter(
                provider=Provider.HYPETECH,
                reference=data["linked_tx_id"],
                status=Bet.Status.OPEN,
            ).first()
        balance = self._balance()
        response = self.hypetech.send(request.operation, data)
        if bet is not None:
            assert response.status_code == 200, response.content
            assert self._balance() == balance + Decimal(data["amount"])
        return response

    def _first(self, request):
        answer, definitive = self._send(request)
        if definitive:
            request.answer = answer
        return request

    def _hypetech(self, operation: str, **fields) -> HypetechRequest:
        common = {"user_id": self.user_id, "session_token": self.user_id}
        return self._first(
            HypetechRequest(operation, payload(operation, **common, **fields))
        )

    def _betstack(self, envelope: dict) -> BetstackRequest:
        body = json.dumps(envelope, indent=4).encode()
        timestamp = str(next(_betstack_clock))
        signature = betstack_signature(key=BETSTACK_KEY, timestamp=timestamp, body=body)
        request = BetstackRequest(envelope["action"], body, timestamp, signature)
        return self._first(request)

    def _balance(self) -> Decimal:
        self.wallet.refresh_from_db()
        return self.wallet.balance

    def _entry_count(self) -> int:
        return Transaction.objects.filter(wallet=self.wallet).count()

    # -- first steps: one live bet and one live ticket, for depth ---------

    @initialize(target=requests, amount=st.sampled_from(STAKES[:3]))
    def hypetech_first_bet(self, amount):
        return self.hypetech_bet(0, amount)

    @initialize(target=requests)
    def betstack_first_ticket(self):
        return self.betstack_open(0, "ticket_create")

    # -- Hypetech --------------------------------------------------------

    @rule(target=requests, i=POOL, amount=st.sampled_from(STAKES))
    def hypetech_bet(self, i, amount):
        reference = self._bet_ref(i)
        request = self._hypetech(
            "bet",
            provider_tx_id=reference,
            amount=str(amount),
            round_id=f"{self.user_id}-round-{i}",
        )
        if request.answer is not None and request.answer[0] == 200:
            self.stakes.setdefault(reference, amount)
        return request

    @rule(target=requests, i=POOL, amount=st.sampled_from(WINS))
    def hypetech_win(self, i, amount):
        reference = self._bet_ref(i)
        self.largest_win[reference] = max(self.largest_win[reference], amount)
        return self._hypetech(
            "win",
            provider_tx_id=f"{self.user_id}-win-{next(self.call_ids)}",
            linked_tx_id=reference,
            amount=str(amount),
            round_id=f"{self.user_id}-round-{i}",
        )

    @rule(target=requests, i=POOL, wrong_amount=st.booleans())
    def hypetech_rollback(self, i, wrong_amount):
        reference = self._bet_ref(i)
        stake = self.stakes.get(reference, STAKES[1])
        return self._hypetech(
            "rollback",
            provider_tx_id=f"{self.user_id}-rollback-{next(self.call_ids)}",
            linked_tx_id=reference,
            amount=str(stake + Decimal("1.00") if wrong_amount else stake),
            round_id=f"{self.user_id}-round-{i}",
        )

    # -- Betstack --------------------------------------------------------

    @rule(
        target=requests,
        i=POOL,
        action=st.sampled_from(["ticket_create", "ticket_create", "ticket_reserve"]),
    )
    def betstack_open(self, i, action):
        envelope = create_payload(ticket_id=self._ticket_id(i), player_id=self.user_id)
        return self._betstack(envelope | {"action": action})

    @rule(
        target=requests,
        i=POOL,
        action=st.sampled_from(SETTLEMENTS),
        cents=st.sampled_from(NET_PAYOUT_CENTS),
    )
    def betstack_settle(self, i, action, cents):
        """``cents``: the net payout a void carries (None: none)."""
        return self._betstack_act(i, action, cents)

    @rule(
        target=requests,
        i=POOL,
        action=st.sampled_from(AFTERMATHS),
        cents=st.sampled_from(NET_PAYOUT_CENTS),
    )
    def betstack_after(self, i, action, cents):
        """``cents``: the net payout an update carries (None: none)."""
        return self._betstack_act(i, action, cents)

    def _betstack_act(self, i, action, cents):
        with_figures = cents is not None and action in ("ticket_void", "ticket_update")
        figures = {"net_payout": cents} if with_figures else {}
        return self._betstack(action_payload(action, self._ticket_id(i), **figures))

    # -- replays ---------------------------------------------------------

    @rule(request=requests)
    def replay(self, request):
        """An exact resend gets the first definitive answer and moves nothing;
        before there is one, it is evaluated again."""
        entries = self._entry_count()
        answer, definitive = self._send(request)
        if request.answer is not None:
            assert answer == request.answer, (answer, request.answer)
            assert self._entry_count() == entries, "a replayed answer moved money"
        elif definitive:
            request.answer = answer

    # -- staff -----------------------------------------------------------

    @rule(pick=st.integers(min_value=0, max_value=60))
    def staff_reverse(self, pick):
        """Reverse the entry ``pick`` (modulo the ledger's length). A refusal
        (already reversed, a return, no funds, a settled bet) is fine: the
        invariants say whether what was done is safe."""
        entries = list(
            self.wallet.transactions.order_by("sequence").values_list("pk", flat=True)
        )
        with contextlib.suppress(ApplicationError):
            transaction_reverse(
                transaction_id=entries[pick % len(entries)],
                staff_user=self.staff,
                reason="test",
            )

    @rule(amount=st.sampled_from(ADJUSTMENTS))
    def staff_adjust(self, amount):
        with contextlib.suppress(ApplicationError):
            staff_wallet_adjust(
                wallet_id=self.wallet.pk,
                amount=amount,
                staff_user=self.staff,
                reason="test",
            )

    def teardown(self):
        db_transaction.savepoint_rollback(self.savepoint)

    # -- after every step ------------------------------------------------

    @invariant()
    def ledger_invariants_hold(self):
        assert_ledger_invariants()

    @invariant()
    def balance_is_the_sum_of_entries_and_negative_only_if_flagged(self):
        self.wallet.refresh_from_db()
        total = self.wallet.transactions.aggregate(total=Sum("amount"))["total"]
        assert self.wallet.balance == total
        if self.wallet.balance < 0:
            assert self.wallet.transactions.filter(flagged=True).exists()

    @invariant()
    def each_bet_moved_what_its_status_says(self):
        """A stake is taken once and returned at most once; a win is paid at most
        once and never more than the largest win sent for the bet."""
        bets = Bet.objects.filter(wallet=self.wallet, provider=Provider.HYPETECH)
        bets = bets.annotate(
            total=Sum("transactions__amount", default=Decimal(0)),
            wins=Count("transactions", filter=Q(transactions__kind="win")),
            returns=Count("transactions", filter=STAKE_RETURNS),
        )
        for bet in bets:
            moved = {
                Bet.Status.OPEN: {-bet.amount},
                Bet.Status.LOST: {-bet.amount},
                # Staff may have reversed the win.
                Bet.Status.WON: {bet.payout - bet.amount, -bet.amount},
            }.get(bet.status, {Decimal(0)})
            assert bet.total in moved, (bet.reference, bet.status, bet.total)
            assert bet.total <= bet.payout <= self.largest_win[bet.reference]
            assert bet.wins <= 1 and bet.returns <= 1, bet.reference

    @invariant()
    def each_ticket_moved_what_its_status_says(self):
        """A ticket's entries never exceed its largest possible credit, and an
        unsettled, discarded or cancelled one holds exactly its stake or none."""
        for i in range(3):
            ticket = Ticket.objects.filter(ticket_id=self._ticket_id(i)).first()
            if ticket is None:
                continue
            total = Transaction.objects.filter(
                ticket__ticket_id=ticket.ticket_id
            ).aggregate(total=Sum("amount", default=Decimal(0)))["total"]
            staked = PRICE if ticket.wallet_id and not ticket.reserved else 0
            assert ticket.debited == staked, ticket.ticket_id
            assert -staked <= total <= MAX_TICKET_CREDIT - staked, (
                ticket.ticket_id,
                ticket.status,
                total,
            )
            expected = {
                Ticket.Status.OPEN: -staked,
                Ticket.Status.RESERVED: 0,
                Ticket.Status.DISCARDED: 0,
                Ticket.Status.CANCELLED: 0,
            }.get(ticket.status)
            if expected is not None:
                assert total == expected, (ticket.ticket_id, ticket.status, total)


def test_providers_and_staff_in_any_order_keep_the_money_safe():
    run_state_machine_as_test(
        MoneyMachine,
        settings=settings(
            max_examples=40,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture],
        ),
    )
