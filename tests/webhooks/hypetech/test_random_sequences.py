"""Random bet / win / rollback / resend sequences against a model of the rules."""

import itertools
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ledger import assert_ledger_invariants
from tests.webhooks.hypetech.conftest import payload

pytestmark = pytest.mark.django_db

AMOUNTS = [
    Decimal("0.01"),
    Decimal("1.00"),
    Decimal("5.50"),
    Decimal("40"),
    Decimal("100.25"),
]
BETS = range(3)
STEPS = st.one_of(
    st.tuples(st.just("bet"), st.sampled_from(BETS), st.sampled_from(AMOUNTS)),
    st.tuples(
        st.just("win"), st.sampled_from(BETS), st.sampled_from([Decimal(0), *AMOUNTS])
    ),
    st.tuples(st.just("rollback"), st.sampled_from(BETS), st.sampled_from(AMOUNTS)),
    st.tuples(st.just("resend"), st.integers(0, 50), st.just(None)),
)
_players = itertools.count()


class Model:
    """What the rules of
    docs/providers/hypetech.md#3-request-fields say each request must do."""

    def __init__(self, balance: Decimal):
        self.balance = balance
        self.state = {}
        self.stake = {}

    def bet(self, key, i, amount):
        if self.state.get(i) == "tombstone":
            status = 409
        elif self.balance < amount:
            status = 403
        else:
            status, self.balance = 200, self.balance - amount
            self.state[i], self.stake[i] = "open", amount
        return status

    def win(self, key, i, amount):
        """A win before its bet is refused and evaluated again when resent."""
        state = self.state.get(i)
        if state is None:
            return 404
        if state != "open":
            return 409
        self.balance += amount
        self.state[i] = "won" if amount else "lost"
        return 200

    def rollback(self, key, i, amount):
        state = self.state.get(i)
        if state is None:
            self.state[i] = "tombstone"
            return 404
        if state != "open":
            return 409
        if amount != self.stake[i]:
            return 400
        self.balance += amount
        self.state[i] = "rolled_back"
        return 200


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(STEPS, min_size=1, max_size=15))
def test_random_sequences_follow_the_rules(hypetech, make_wallet, steps):
    user_id = f"prop-{next(_players)}"
    wallet = make_wallet(user_id=user_id, balance="100.00")
    model = Model(Decimal("100.00"))
    sent, answers = [], {}
    for n, (operation, i, amount) in enumerate(steps):
        bet_ref = f"{user_id}-bet-{i}"
        common = {"user_id": user_id, "session_token": user_id}
        if operation == "resend" and sent:
            operation, data, i, amount = sent[i % len(sent)]
        elif operation == "bet":
            data = payload("bet", **common, provider_tx_id=bet_ref, amount=str(amount))
        elif operation in ("win", "rollback"):
            data = payload(
                operation,
                **common,
                provider_tx_id=f"{user_id}-{n}",
                linked_tx_id=bet_ref,
                amount=str(amount),
            )
        else:
            continue
        key = (operation, data["provider_tx_id"])
        response = hypetech.send(operation, data)
        if key in answers and answers[key][0] == data:
            assert response.content == answers[key][1].content
        elif key in answers:
            assert response.status_code == 409, "same key, another payload"
        else:
            expected = getattr(model, operation)(key, i, amount)
            assert response.status_code == expected, response.content
            if not (operation == "win" and expected == 404):
                answers[key] = (data, response)
        sent.append((operation, data, i, amount))
        wallet.refresh_from_db()
        assert wallet.balance == model.balance
        assert_ledger_invariants()
