"""Decide, then write.

Every money operation first builds a ``Plan`` under the wallet lock, reading
only: the rows to create or update and the ledger entries, each with its
sequence and balance already computed. ``plan_write`` then makes all the writes.
A refusal raised while deciding leaves nothing written, whatever order the
checks come in; ``decide_only`` makes any write attempted while deciding fail.
"""

from contextlib import contextmanager
from decimal import Decimal

from django.db import connection, models

from wallet.currencies import amount_fits_currency, amount_format, ledger_exponent
from wallet.exceptions import InsufficientFundsError, InvalidAmountError
from wallet.models import Transaction, Wallet

_WRITES = ("INSERT", "UPDATE", "DELETE")


def amount_check(amount: Decimal, currency: str) -> None:
    if not isinstance(amount, Decimal):
        raise TypeError(f"amount must be a Decimal, not {type(amount).__name__}")
    if not amount.is_finite() or amount < 0:
        raise InvalidAmountError(f"amount {amount} is not a non-negative number")
    if not amount_fits_currency(amount, currency):
        raise InvalidAmountError(
            f"amount {amount} has more than {ledger_exponent(currency)} "
            f"decimals for {currency}"
        )


class Plan:
    """The writes one operation will make to one wallet (or to none)."""

    def __init__(self, wallet: Wallet | None):
        self.wallet = wallet
        self.old_balance = self.balance = wallet.balance if wallet else None
        self.sequence = wallet.last_sequence if wallet else 0
        self.rows: list[tuple[models.Model, tuple[str, ...] | None]] = []
        self.entries: list[Transaction] = []
        self.bet = None
        self.ticket = None
        # A refusal that still leaves rows (a tombstone), answered after writing.
        self.refusal = None

    @property
    def transaction(self) -> Transaction | None:
        return self.entries[-1] if self.entries else None

    def create(self, row: models.Model) -> models.Model:
        self.rows.append((row, None))
        return row

    def update(self, row: models.Model, *fields: str) -> models.Model:
        self.rows.append((row, fields))
        return row

    def credit(self, amount: Decimal, **entry) -> Transaction:
        amount_check(amount, self.wallet.currency)
        if amount == 0:
            raise InvalidAmountError("a credit must be positive")
        return self._entry(amount, **entry)

    def debit(
        self, amount: Decimal, *, allow_negative: bool = False, **entry
    ) -> Transaction:
        """Take ``amount`` out; below zero only when ``allow_negative`` (flagged)."""
        amount_check(amount, self.wallet.currency)
        if amount == 0:
            raise InvalidAmountError("a debit must be positive")
        goes_negative = self.balance < amount
        if goes_negative and not allow_negative:
            raise insufficient_funds(self.wallet.currency, self.balance, amount)
        return self._entry(-amount, flagged=goes_negative, **entry)

    def _entry(self, amount: Decimal, *, flagged: bool = False, **entry):
        self.balance += amount
        self.sequence += 1
        row = Transaction(
            wallet=self.wallet,
            sequence=self.sequence,
            currency=self.wallet.currency,
            amount=amount,
            balance_after=self.balance,
            flagged=flagged,
            **entry,
        )
        self.entries.append(row)
        return self.create(row)


def insufficient_funds(currency, balance, amount) -> InsufficientFundsError:
    balance, wanted = amount_format(balance, currency), amount_format(amount, currency)
    return InsufficientFundsError(
        f"balance {balance} < amount {wanted}",
        extra={"balance": balance, "amount": wanted},
    )


def plan_write(plan: Plan) -> Plan:
    """Make the plan's writes in order, then move the cached balance once."""
    for row, fields in plan.rows:
        if fields is None:
            row.save(force_insert=True)
        else:
            row.save(update_fields=fields)
    if plan.entries:
        plan.wallet.balance, plan.wallet.last_sequence = plan.balance, plan.sequence
        plan.wallet.save(update_fields=["balance", "last_sequence", "updated_at"])
    return plan


def _refuse_writes(execute, sql, params, many, context):
    if sql.lstrip()[:6].upper() in _WRITES:
        raise RuntimeError(f"a write while deciding: {sql[:60]}")
    return execute(sql, params, many, context)


@contextmanager
def decide_only():
    """Any INSERT, UPDATE or DELETE inside the block is a programming error."""
    with connection.execute_wrapper(_refuse_writes):
        yield
