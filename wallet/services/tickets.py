"""Betstack tickets: the state machine T1-T17 of betstack.md §1.3 and its money.

Every function expects the ticket's wallet locked by the caller (``ticket_lock``
or ``wallet_lock``) inside one atomic block. Idempotency is state-based (§6.1):
an action whose target state is already reached changes nothing; each money
movement has a unique ledger key (ticket id, settlement number), so a win after
a rollback is a new movement and a resent win is not.
"""

from dataclasses import dataclass, fields
from decimal import Decimal

from wallet.exceptions import (
    InvalidAmountError,
    TicketAlreadySettledError,
    TicketConflictError,
    TicketDiscardedError,
    TicketStateError,
)
from wallet.lock_objects import wallet_qs_select_for_update
from wallet.models import Provider, Ticket, TicketEvent, Transaction, Wallet
from wallet.services.ledger import (
    insufficient_funds,
    player_may_bet_check,
    wallet_credit,
    wallet_debit,
)

Status = Ticket.Status
SETTLED = (Status.WON, Status.LOST, Status.VOID, Status.REFUNDED)
UNSETTLED = (Status.OPEN, Status.RESERVED)


@dataclass(frozen=True)
class TicketFigures:
    """The money figures of a payload, in currency units; None when absent."""

    price: Decimal | None = None
    stake: Decimal | None = None
    wht_amount: Decimal | None = None
    wht: Decimal | None = None
    ext_amount: Decimal | None = None
    ext: Decimal | None = None
    ext_type: str | None = None
    gross_payout: Decimal | None = None
    net_payout: Decimal | None = None
    tax: Decimal | None = None
    payout: Decimal | None = None

    def present(self) -> dict:
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) is not None
        }


@dataclass(frozen=True)
class TicketOpening:
    ticket_id: str
    code: str
    ticket_type: str
    figures: TicketFigures
    fingerprint: str
    atag: str = ""
    rtag: str = ""
    psp: str = ""


def ticket_lock(*, ticket_id: str) -> Ticket | None:
    """The ticket, read again after its wallet is locked; None if unknown.

    The wallet is locked first, as in every money operation, so that ticket
    actions and bets of one player serialise in one order.
    """
    found = Ticket.objects.filter(ticket_id=ticket_id).values_list("wallet_id").first()
    if found is None:
        return None
    wallet = wallet_qs_select_for_update().get(pk=found[0]) if found[0] else None
    ticket = Ticket.objects.get(ticket_id=ticket_id)
    ticket.wallet = wallet
    return ticket


def _event(ticket, action, from_status, *, amount=Decimal(0), entry=None, reason=""):
    TicketEvent.objects.create(
        ticket=ticket,
        action=action,
        from_status=from_status,
        to_status=ticket.status,
        amount=amount,
        transaction=entry,
        reason=reason,
    )


def _save(ticket: Ticket, *names: str) -> None:
    ticket.save(update_fields=[*names, "updated_at"])


def _entry(ticket: Ticket, kind: str, suffix: str) -> dict:
    return {
        "kind": kind,
        "provider": Provider.BETSTACK,
        "ticket": ticket,
        "external_reference": f"{ticket.ticket_id}{suffix}",
    }


def _opening_checks(wallet: Wallet, opening: TicketOpening) -> Ticket | None:
    """The ticket already holding this id (a resend), or None for a new one.

    Refuses a discarded id, another payload under the same id, and a player
    who may not bet.
    """
    existing = Ticket.objects.filter(ticket_id=opening.ticket_id).first()
    if existing is not None:
        if existing.status == Status.DISCARDED:
            raise TicketDiscardedError(f"ticket {existing.ticket_id} was discarded")
        if existing.fingerprint != opening.fingerprint:
            raise TicketConflictError(
                f"ticket {existing.ticket_id} already exists with another payload"
            )
        return existing
    player_may_bet_check(wallet.player)
    return None


def _ticket_open(
    wallet: Wallet, opening: TicketOpening, status: str, debited=Decimal(0)
) -> Ticket:
    return Ticket.objects.create(
        ticket_id=opening.ticket_id,
        code=opening.code,
        player=wallet.player,
        wallet=wallet,
        ticket_type=opening.ticket_type,
        status=status,
        currency=wallet.currency,
        atag=opening.atag,
        rtag=opening.rtag,
        psp=opening.psp,
        fingerprint=opening.fingerprint,
        debited=debited,
        **opening.figures.present(),
    )


def ticket_create(*, wallet: Wallet, opening: TicketOpening) -> Ticket:
    """T1: open the ticket and debit ``price`` (legacy payload: ``stake``)."""
    existing = _opening_checks(wallet, opening)
    if existing is not None:
        return existing
    figures = opening.figures
    amount = figures.price if figures.price is not None else figures.stake
    if amount is None or amount <= 0:
        raise InvalidAmountError("a ticket needs a positive price")
    if wallet.balance < amount:
        raise insufficient_funds(wallet, amount)
    ticket = _ticket_open(wallet, opening, Status.OPEN, debited=amount)
    entry = wallet_debit(wallet=wallet, amount=amount, **_entry(ticket, "bet", ""))
    _event(ticket, "ticket_create", "", amount=-amount, entry=entry)
    return ticket


def ticket_reserve(*, wallet: Wallet, opening: TicketOpening) -> Ticket:
    """T2: record a ticket that is not wagered yet; no money."""
    existing = _opening_checks(wallet, opening)
    if existing is not None:
        return existing
    ticket = _ticket_open(wallet, opening, Status.RESERVED)
    _event(ticket, "ticket_reserve", "")
    return ticket


def ticket_update(*, ticket: Ticket, figures: TicketFigures, psp: str = "") -> Ticket:
    """T7: store new figures (a later win uses them); a new price is flagged, not
    charged."""
    if ticket.status not in UNSETTLED:
        raise TicketStateError(f"ticket {ticket.ticket_id} is {ticket.status}")
    changed = figures.present()
    for name, value in changed.items():
        setattr(ticket, name, value)
    names = list(changed)
    if psp:
        ticket.psp = psp
        names.append("psp")
    if ticket.debited and figures.price is not None and figures.price != ticket.debited:
        ticket.needs_review = True
        ticket.review_note += (
            f"Update changed the price to {figures.price}; {ticket.debited} was "
            "debited and left as it is.\n"
        )
        names += ["needs_review", "review_note"]
    _save(ticket, *names)
    _event(ticket, "ticket_update", ticket.status)
    return ticket


_SETTLEMENT_TARGET = {
    "ticket_win": Status.WON,
    "ticket_lost": Status.LOST,
    "ticket_void": Status.VOID,
    "ticket_refund": Status.REFUNDED,
}
_SETTLEMENT_KIND = {
    Status.WON: Transaction.Kind.WIN,
    Status.VOID: Transaction.Kind.VOID,
    Status.REFUNDED: Transaction.Kind.REFUND,
}


def _settlement_credit(ticket: Ticket, target: str, figures: TicketFigures) -> Decimal:
    """What a settlement pays (§6.4-6.5): the payload's figures when it has them."""
    if target == Status.WON:
        if figures.net_payout is not None:
            return figures.net_payout
        return ticket.win_amount or Decimal(0)
    if target == Status.VOID:
        for amount in (figures.net_payout, figures.payout):
            if amount is not None:
                return amount
        return ticket.debited
    if target == Status.REFUNDED:
        return ticket.debited
    return Decimal(0)


def ticket_settle(
    *,
    ticket: Ticket,
    action: str,
    figures: TicketFigures = TicketFigures(),
    reason: str = "",
) -> Ticket:
    """T8-T11: win, lost, void or refund an unsettled ticket, crediting what is due.

    A reserved ticket is taken as paid through its PSP (T3 has no PAM call).
    The same settlement again changes nothing; another one is refused.
    """
    target = _SETTLEMENT_TARGET[action]
    if ticket.status == target:
        return ticket
    if ticket.status == Status.DISCARDED:
        raise TicketDiscardedError(f"ticket {ticket.ticket_id} was discarded")
    if ticket.status not in UNSETTLED:
        raise TicketAlreadySettledError(
            f"ticket {ticket.ticket_id} is {ticket.status}; a rollback must come first"
        )
    previous = ticket.status
    credit = _settlement_credit(ticket, target, figures)
    ticket.settlement_count += 1
    entry = None
    if credit > 0:
        suffix = f"#{ticket.settlement_count}"
        entry = wallet_credit(
            wallet=ticket.wallet,
            amount=credit,
            **_entry(ticket, _SETTLEMENT_KIND[target], suffix),
        )
    if target == Status.VOID:
        for name, value in figures.present().items():
            setattr(ticket, name, value)
    ticket.status, ticket.last_credit = target, credit
    _save(
        ticket,
        "status",
        "last_credit",
        "settlement_count",
        *figures.present() if target == Status.VOID else (),
    )
    _event(ticket, action, previous, amount=credit, entry=entry, reason=reason)
    return ticket


def ticket_rollback(*, ticket: Ticket, reason: str = "") -> Ticket:
    """T12-T14, T16-T17: undo the current settlement's money and reopen.

    The debit may take the balance below zero (§6.6): it is flagged. Rolling
    back a refund or a closed ticket is allowed but marked for review (§6.7).
    """
    if ticket.status in UNSETTLED:
        return ticket
    if ticket.status == Status.DISCARDED:
        raise TicketDiscardedError(f"ticket {ticket.ticket_id} was discarded")
    previous = ticket.status
    undone = ticket.settled_as if previous == Status.CLOSED else previous
    if previous == Status.CLOSED or undone == Status.REFUNDED:
        ticket.needs_review = True
        ticket.review_note += f"Rollback of a {previous} ticket ({undone}).\n"
    entry = None
    if ticket.last_credit > 0:
        suffix = f"#{ticket.settlement_count}"
        entry = wallet_debit(
            wallet=ticket.wallet,
            amount=ticket.last_credit,
            allow_negative=True,
            **_entry(ticket, Transaction.Kind.SETTLEMENT_ROLLBACK, suffix),
        )
    amount = -ticket.last_credit
    ticket.status, ticket.settled_as, ticket.last_credit = Status.OPEN, "", Decimal(0)
    _save(ticket, "status", "settled_as", "last_credit", "needs_review", "review_note")
    _event(
        ticket, "ticket_rollback", previous, amount=amount, entry=entry, reason=reason
    )
    return ticket


def ticket_discard(
    *, ticket: Ticket | None, ticket_id: str, reason: str = ""
) -> Ticket:
    """T4-T6: the create or reserve failed on Betstack's side.

    An unknown ticket becomes a tombstone that refuses a late create; a debited
    one gets its debit back.
    """
    if ticket is None:
        ticket = Ticket.objects.create(ticket_id=ticket_id, status=Status.DISCARDED)
        _event(ticket, "ticket_discard", "", reason=reason)
        return ticket
    if ticket.status == Status.DISCARDED:
        return ticket
    if ticket.status not in UNSETTLED:
        raise TicketAlreadySettledError(
            f"ticket {ticket.ticket_id} is {ticket.status} and cannot be discarded"
        )
    previous, entry = ticket.status, None
    if ticket.debited > 0:
        entry = wallet_credit(
            wallet=ticket.wallet,
            amount=ticket.debited,
            **_entry(ticket, Transaction.Kind.REFUND, "#discard"),
        )
    ticket.status = Status.DISCARDED
    _save(ticket, "status")
    _event(
        ticket,
        "ticket_discard",
        previous,
        amount=ticket.debited if entry else Decimal(0),
        entry=entry,
        reason=reason,
    )
    return ticket


def ticket_close(*, ticket: Ticket) -> Ticket:
    """T15: a settled ticket is closed 24 h after its settlement; no money."""
    if ticket.status == Status.CLOSED:
        return ticket
    if ticket.status not in SETTLED:
        raise TicketStateError(
            f"ticket {ticket.ticket_id} is {ticket.status}, not settled"
        )
    previous = ticket.status
    ticket.status, ticket.settled_as = Status.CLOSED, previous
    _save(ticket, "status", "settled_as")
    _event(ticket, "ticket_closed", previous)
    return ticket


def ticket_note(*, ticket: Ticket, action: str, note: str) -> TicketEvent:
    """Add a line to the ticket's history that moves nothing (e.g. an SMS status)."""
    return TicketEvent.objects.create(
        ticket=ticket,
        action=action,
        from_status=ticket.status,
        to_status=ticket.status,
        reason=note,
    )
