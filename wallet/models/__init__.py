"""The money core: players, wallets, the ledger, provider bets and tickets.

Ledger invariants (DESIGN.md §3), checked by `wallet.selectors.ledger_violations`
after every test scenario and by `check_ledger`:

1. ``wallet.balance == sum(transaction.amount)`` for every wallet;
2. each transaction's ``balance_after`` equals the previous one's (by ``sequence``
   within its wallet) plus its own ``amount``; sequences run 1, 2, 3, ...;
3. a transaction is never updated or deleted: a database trigger refuses it;
4. a debit takes a balance below zero only as a flagged claw-back (a check
   constraint refuses any other).

Only ``wallet.services`` writes these rows.
"""

from wallet.models.backoffice import ApiKey, AuditRecord, MoneyRequest, StaffProfile
from wallet.models.bets import Bet
from wallet.models.journal import ProviderCall
from wallet.models.ledger import Transaction
from wallet.models.players import Player, PlayerToken, Provider, Wallet
from wallet.models.summaries import LedgerDayClosed, LedgerDayTotal
from wallet.models.tickets import Ticket, TicketEvent

__all__ = [
    "ApiKey",
    "AuditRecord",
    "Bet",
    "LedgerDayClosed",
    "LedgerDayTotal",
    "MoneyRequest",
    "Player",
    "PlayerToken",
    "Provider",
    "ProviderCall",
    "StaffProfile",
    "Ticket",
    "TicketEvent",
    "Transaction",
    "Wallet",
]
