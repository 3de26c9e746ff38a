"""Random action sequences on one ticket against a model of
docs/providers/betstack.md#7-ticket-state-machine-and-money."""

import itertools
from decimal import Decimal

import pytest
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ledger import assert_ledger_invariants
from tests.webhooks.betstack.conftest import action_payload, create_payload

pytestmark = pytest.mark.django_db

PRICE = Decimal("5.00")
STEPS = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "ticket_create",
                "ticket_reserve",
                "ticket_win",
                "ticket_lost",
                "ticket_refund",
                "ticket_rollback",
                "ticket_discard",
                "ticket_closed",
                "resend",
            ]
        ).map(lambda a: (a, None)),
        st.tuples(
            st.sampled_from(["ticket_void", "ticket_update"]),
            st.sampled_from([None, 0, 250, 4000]),
        ),
    ),
    min_size=1,
    max_size=12,
)
_tickets = itertools.count()
TARGET = {
    "ticket_win": "won",
    "ticket_lost": "lost",
    "ticket_void": "void",
    "ticket_refund": "refunded",
}


class TicketModel:
    def __init__(self, balance):
        self.balance, self.state, self.opening = balance, None, None
        self.debited = self.credit = Decimal(0)
        self.net = Decimal("26.02")

    def open(self, action):
        if self.state is None:
            if action == "ticket_create":
                if self.balance < PRICE:
                    return 402
                self.balance -= PRICE
                self.debited, self.state = PRICE, "open"
            else:
                self.state = "reserved"
            self.opening = action
            return 200
        if self.state == "discarded":
            return 409
        return 200 if self.opening == action else 409

    def settle(self, action, cents):
        target = TARGET[action]
        if self.state is None:
            return 404
        credit = {
            "won": self.net,
            "lost": Decimal(0),
            "refunded": self.debited,
            "void": self.debited if cents is None else Decimal(cents) / 100,
        }[target]
        if self.state == target:
            other_figures = cents is not None and Decimal(cents) / 100 != self.net
            return 409 if credit != self.credit or other_figures else 200
        if self.state not in ("open", "reserved"):
            return 409
        if target == "void" and cents is not None:
            self.net = Decimal(cents) / 100
        self.credit = credit
        self.balance += self.credit
        self.state = target
        return 200

    def rollback(self):
        if self.state is None:
            return 404
        if self.state in ("open", "reserved"):
            return 200
        if self.state == "discarded":
            return 409
        self.balance -= self.credit
        self.credit, self.state = Decimal(0), "open"
        return 200

    def discard(self):
        if self.state in (None, "discarded"):
            self.state = "discarded"
            return 200
        if self.state not in ("open", "reserved"):
            return 409
        self.balance += self.debited
        self.state = "discarded"
        return 200

    def close(self):
        if self.state is None:
            return 404
        if self.state in ("won", "lost", "void", "refunded", "closed"):
            self.state = "closed"
            return 200
        return 409

    def update(self, cents):
        if self.state is None:
            return 404
        if self.state not in ("open", "reserved"):
            return 409
        if cents is not None:
            self.net = Decimal(cents) / 100
        return 200

    def apply(self, action, cents):
        if action in ("ticket_create", "ticket_reserve"):
            return self.open(action)
        if action in TARGET:
            return self.settle(action, cents)
        if action == "ticket_update":
            return self.update(cents)
        return {
            "ticket_rollback": self.rollback,
            "ticket_discard": self.discard,
            "ticket_closed": self.close,
        }[action]()


def _envelope(action, ticket_id, cents):
    if action in ("ticket_create", "ticket_reserve"):
        return create_payload(ticket_id=ticket_id) | {"action": action}
    figures = {} if cents is None else {"net_payout": cents}
    return action_payload(action, ticket_id, **figures)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=STEPS)
def test_random_ticket_actions_follow_the_state_machine(betstack, wallet, steps):
    ticket_id = f"prop-{next(_tickets)}"
    wallet.refresh_from_db()
    start = wallet.balance
    model = TicketModel(start)
    sent = []
    for action, cents in steps:
        if action == "resend":
            if not sent:
                continue
            action, cents = sent[-1]
        response = betstack.send(_envelope(action, ticket_id, cents))
        assert response.status_code == model.apply(action, cents), (
            action,
            response.content,
        )
        sent.append((action, cents))
        wallet.refresh_from_db()
        moved = wallet.transactions.filter(ticket__ticket_id=ticket_id).aggregate(
            total=Sum("amount")
        )["total"] or Decimal(0)
        assert wallet.balance == model.balance == start + moved
        assert_ledger_invariants()
