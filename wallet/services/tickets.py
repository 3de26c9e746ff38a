"""Betstack tickets: the state machine T1-T17 and its money
(docs/providers/betstack.md, ticket states).

Each function adds to a ``Plan`` for the ticket's wallet, which its caller
locked, and only reads. Idempotency is state-based: an action whose target
state is already reached, with the same figures, changes nothing; other
figures are a conflict. Each money movement has a unique ledger key (ticket id,
settlement number), so a win after a rollback is a new movement and a resent
win is not. A stake is debited once and returned at most once (refund, discard
or staff cancellation); a settlement's credit is taken back at most once
(rollback, or staff claw-back).
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
from wallet.models import Provider, Ticket, TicketEvent, Transaction
from wallet.services.ledger import player_may_bet_check
from wallet.services.plan import Plan, insufficient_funds

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


def _event(plan, ticket, action, from_status, *, amount=Decimal(0), entry=None, **kw):
    plan.create(
        TicketEvent(
            ticket=ticket,
            action=action,
            from_status=from_status,
            to_status=ticket.status,
            amount=amount,
            transaction=entry,
            **kw,
        )
    )


def _update(plan: Plan, ticket: Ticket, *names: str) -> None:
    plan.update(ticket, *dict.fromkeys(names), "updated_at")


def _entry(ticket: Ticket, kind: str, suffix: str) -> dict:
    return {
        "kind": kind,
        "provider": Provider.BETSTACK,
        "ticket": ticket,
        "external_reference": f"{ticket.ticket_id}{suffix}",
    }


def _opening_checks(plan: Plan, opening: TicketOpening, existing) -> bool:
    """True when ``existing`` is this very ticket (a resend: nothing to do).

    Refuses a discarded id, another payload under the same id, and a player
    who may not bet.
    """
    plan.ticket = existing
    if existing is not None:
        if existing.status == Status.DISCARDED:
            raise TicketDiscardedError(f"ticket {existing.ticket_id} was discarded")
        if existing.fingerprint != opening.fingerprint:
            raise TicketConflictError(
                f"ticket {existing.ticket_id} already exists with another payload"
            )
        return True
    player_may_bet_check(plan.wallet.player)
    return False


def _ticket_open(plan: Plan, opening: TicketOpening, status: str, **extra) -> Ticket:
    wallet = plan.wallet
    plan.ticket = plan.create(
        Ticket(
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
            **extra,
            **opening.figures.present(),
        )
    )
    return plan.ticket


def ticket_create(plan: Plan, *, opening: TicketOpening, existing=None) -> Ticket:
    """T1: open the ticket and debit ``price`` (legacy payload: ``stake``)."""
    if _opening_checks(plan, opening, existing):
        return existing
    figures = opening.figures
    amount = figures.price if figures.price is not None else figures.stake
    if amount is None or amount <= 0:
        raise InvalidAmountError("a ticket needs a positive price")
    if plan.balance < amount:
        raise insufficient_funds(plan.wallet.currency, plan.balance, amount)
    ticket = _ticket_open(plan, opening, Status.OPEN, debited=amount)
    entry = plan.debit(amount, **_entry(ticket, Transaction.Kind.BET, ""))
    _event(plan, ticket, "ticket_create", "", amount=-amount, entry=entry)
    return ticket


def ticket_reserve(plan: Plan, *, opening: TicketOpening, existing=None) -> Ticket:
    """T2: record a ticket that is paid outside the wallet; no money."""
    if _opening_checks(plan, opening, existing):
        return existing
    ticket = _ticket_open(plan, opening, Status.RESERVED, reserved=True)
    _event(plan, ticket, "ticket_reserve", "")
    return ticket


def _review(ticket: Ticket, note: str) -> tuple[str, str]:
    ticket.needs_review = True
    ticket.review_note += note + "\n"
    return "needs_review", "review_note"


def ticket_update(plan: Plan, *, ticket: Ticket, figures: TicketFigures, psp=""):
    """T7: store new figures (a later win uses them). A new price, or a higher
    net payout, on a paid ticket is flagged for review, never charged."""
    plan.ticket = ticket
    if ticket.status not in UNSETTLED:
        raise TicketStateError(f"ticket {ticket.ticket_id} is {ticket.status}")
    names = []
    price, payout = figures.price, figures.net_payout
    if ticket.debited and price is not None and price != ticket.debited:
        names += _review(
            ticket,
            f"Update changed the price to {price}; {ticket.debited} was "
            "debited and left as it is.",
        )
    was = ticket.win_amount
    if payout is not None and was is not None and payout > was:
        names += _review(ticket, f"Update raised the net payout {was} -> {payout}.")
    changed = figures.present()
    for name, value in changed.items():
        setattr(ticket, name, value)
    if psp:
        ticket.psp = psp
        names.append("psp")
    _update(plan, ticket, *changed, *names)
    _event(plan, ticket, "ticket_update", ticket.status)
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
    """What a settlement pays: the payload's figures when it has them."""
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


def _same_settlement_check(ticket, target, figures) -> None:
    """A resend of the settlement the ticket has must carry the same figures."""
    credit = _settlement_credit(ticket, target, figures)
    kept = {name: getattr(ticket, name) for name in figures.present()}
    if credit != ticket.last_credit or (
        target == Status.VOID and kept != figures.present()
    ):
        raise TicketConflictError(
            f"ticket {ticket.ticket_id} is already {ticket.status} with a credit "
            f"of {ticket.last_credit}; this {target} would credit {credit}"
        )


def _cancelled_settle(ticket: Ticket, target: str) -> None:
    """Staff returned the stake: a refund is already done, anything else refused."""
    if target != Status.REFUNDED:
        raise TicketStateError(
            f"ticket {ticket.ticket_id} was cancelled by staff (stake returned)"
        )


def ticket_settle(plan: Plan, *, ticket, action, figures=TicketFigures(), reason=""):
    """T8-T11: win, lost, void or refund an unsettled ticket, crediting what is due.

    A reserved ticket is taken as paid through its PSP (T3 has no PAM call).
    The same settlement again changes nothing; another one is refused.
    """
    plan.ticket = ticket
    target = _SETTLEMENT_TARGET[action]
    if ticket.status == Status.CANCELLED:
        _cancelled_settle(ticket, target)
        return ticket
    if ticket.status == target:
        _same_settlement_check(ticket, target, figures)
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
        kind = _SETTLEMENT_KIND[target]
        entry = plan.credit(credit, **_entry(ticket, kind, suffix))
    names = ["status", "last_credit", "clawed_back", "settlement_count"]
    if target == Status.VOID:
        for name, value in figures.present().items():
            setattr(ticket, name, value)
        names += figures.present()
    ticket.status, ticket.last_credit, ticket.clawed_back = target, credit, Decimal(0)
    _update(plan, ticket, *names)
    _event(plan, ticket, action, previous, amount=credit, entry=entry, reason=reason)
    return ticket


def ticket_rollback(plan: Plan, *, ticket: Ticket, reason: str = "") -> Ticket:
    """T12-T14, T16-T17: undo the current settlement's money and reopen.

    Takes back what the settlement credited less what staff already clawed
    back. The debit may take the balance below zero: it is flagged. Rolling
    back a refund or a closed ticket is allowed but marked for review.
    """
    plan.ticket = ticket
    if ticket.status in UNSETTLED:
        return ticket
    if ticket.status == Status.DISCARDED:
        raise TicketDiscardedError(f"ticket {ticket.ticket_id} was discarded")
    if ticket.status == Status.CANCELLED:
        raise TicketStateError(f"ticket {ticket.ticket_id} was cancelled by staff")
    previous = ticket.status
    undone = ticket.settled_as if previous == Status.CLOSED else previous
    names = ["status", "settled_as", "last_credit", "clawed_back"]
    if previous == Status.CLOSED or undone == Status.REFUNDED:
        names += _review(ticket, f"Rollback of a {previous} ticket ({undone}).")
    owed = ticket.last_credit - ticket.clawed_back
    entry = None
    if owed > 0:
        suffix = f"#{ticket.settlement_count}"
        entry = plan.debit(
            owed,
            allow_negative=True,
            **_entry(ticket, Transaction.Kind.SETTLEMENT_ROLLBACK, suffix),
        )
    ticket.status, ticket.settled_as = Status.OPEN, ""
    ticket.last_credit = ticket.clawed_back = Decimal(0)
    _update(plan, ticket, *names)
    _event(
        plan,
        ticket,
        "ticket_rollback",
        previous,
        amount=-owed,
        entry=entry,
        reason=reason,
    )
    return ticket


def ticket_discard(plan: Plan, *, ticket, ticket_id: str, reason: str = "") -> Ticket:
    """T4-T6: the create or reserve failed on Betstack's side.

    An unknown ticket becomes a tombstone that refuses a late create; a debited
    one gets its debit back; one staff cancelled already has it back.
    """
    if ticket is None:
        ticket = plan.create(Ticket(ticket_id=ticket_id, status=Status.DISCARDED))
        plan.ticket = ticket
        _event(plan, ticket, "ticket_discard", "", reason=reason)
        return ticket
    plan.ticket = ticket
    if ticket.status in (Status.DISCARDED, Status.CANCELLED):
        return ticket
    if ticket.status not in UNSETTLED:
        raise TicketAlreadySettledError(
            f"ticket {ticket.ticket_id} is {ticket.status} and cannot be discarded"
        )
    previous, entry = ticket.status, None
    if ticket.debited > 0:
        entry = plan.credit(
            ticket.debited, **_entry(ticket, Transaction.Kind.REFUND, "#discard")
        )
    ticket.status = Status.DISCARDED
    _update(plan, ticket, "status")
    amount = ticket.debited if entry else Decimal(0)
    _event(
        plan,
        ticket,
        "ticket_discard",
        previous,
        amount=amount,
        entry=entry,
        reason=reason,
    )
    return ticket


def ticket_close(plan: Plan, *, ticket: Ticket) -> Ticket:
    """T15: a settled ticket is closed 24 h after its settlement; no money."""
    plan.ticket = ticket
    if ticket.status == Status.CLOSED:
        return ticket
    if ticket.status not in SETTLED:
        raise TicketStateError(
            f"ticket {ticket.ticket_id} is {ticket.status}, not settled"
        )
    previous = ticket.status
    ticket.status, ticket.settled_as = Status.CLOSED, previous
    _update(plan, ticket, "status", "settled_as")
    _event(plan, ticket, "ticket_closed", previous)
    return ticket


def ticket_cancel(plan: Plan, *, stake: Transaction, staff_user, reason: str):
    """Staff return the stake of an open ticket: the ticket is cancelled with it.

    Betstack's later refund or discard then moves nothing; its settlements are
    refused.
    """
    ticket = plan.ticket = stake.ticket
    if ticket.status != Status.OPEN:
        raise TicketStateError(
            f"ticket {ticket.ticket_id} is {ticket.status}; only an open ticket's "
            "stake can be returned"
        )
    entry = plan.credit(
        ticket.debited,
        kind=Transaction.Kind.REVERSAL,
        provider=Provider.STAFF,
        reverses=stake,
        ticket=ticket,
        staff_user=staff_user,
        reason=reason,
    )
    ticket.status = Status.CANCELLED
    _update(plan, ticket, "status")
    _event(
        plan,
        ticket,
        "staff_cancel",
        Status.OPEN,
        amount=ticket.debited,
        entry=entry,
        reason=reason,
    )
    return ticket


def ticket_claw_back(plan: Plan, *, credit: Transaction, staff_user, reason: str):
    """Staff take back the current settlement's credit; a later rollback then
    takes back only what is left."""
    ticket = plan.ticket = credit.ticket
    current = f"{ticket.ticket_id}#{ticket.settlement_count}"
    settled = ticket.status in SETTLED or ticket.status == Status.CLOSED
    if not settled or credit.external_reference != current or ticket.clawed_back:
        raise TicketStateError(
            f"entry {credit.pk} is not the current settlement of ticket "
            f"{ticket.ticket_id}, or it was already taken back"
        )
    entry = plan.debit(
        credit.amount,
        kind=Transaction.Kind.REVERSAL,
        provider=Provider.STAFF,
        reverses=credit,
        ticket=ticket,
        staff_user=staff_user,
        reason=reason,
    )
    ticket.clawed_back = credit.amount
    _update(plan, ticket, "clawed_back")
    _event(
        plan,
        ticket,
        "staff_claw_back",
        ticket.status,
        amount=-credit.amount,
        entry=entry,
        reason=reason,
    )
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
