"""Our tickets against Betstack's Bet Engine: state and amounts
(docs/providers/betstack.md#7-ticket-state-machine-and-money).

A ticket of ours that Betstack does not know (a discard excepted), a state that
does not map onto Betstack's status/result, or other price or payout cents,
is a difference; so is a ticket of theirs created that day that we never saw.
"""

from datetime import UTC, datetime

from django.db.models import Q

from wallet.models import Ticket
from webhooks.betstack.client import BetstackNotFoundError
from webhooks.http_client import ProviderApiError

S = Ticket.Status
# our state -> Betstack (status, result) pairs it may show; None: any result
EXPECTED = {
    S.RESERVED: {("reserved", "pending")},
    S.OPEN: {("open", "pending"), ("calculating", "pending"), ("new", "pending")},
    S.WON: {("resulted", "won")},
    S.LOST: {("resulted", "lost")},
    S.VOID: {("resulted", "void")},
    S.REFUNDED: {("cancelled", None), ("*cancelled", None)},
    S.DISCARDED: {("cancelled", None), ("*cancelled", None), ("new", None)},
}
SETTLED_RESULT = {S.WON: "won", S.LOST: "lost", S.VOID: "void"}


def _cents(amount) -> int | None:
    return None if amount is None else int(amount * 100)


def _row(kind, ticket_id, ours="", theirs="", detail=""):
    return {
        "difference": kind,
        "ticket_id": ticket_id,
        "ours": ours,
        "theirs": theirs,
        "detail": detail,
    }


def _state_fits(ticket: Ticket, status: str, result: str) -> bool:
    if ticket.status == S.CLOSED:
        wanted = SETTLED_RESULT.get(ticket.settled_as)
        return status == "closed" and (wanted is None or result == wanted)
    return any(
        status == s and (r is None or result == r)
        for s, r in EXPECTED.get(ticket.status, ())
    )


def ticket_compare(ticket: Ticket, theirs: dict | None) -> list[dict]:
    if theirs is None:
        if ticket.status == S.DISCARDED:
            return []
        return [_row("missing_theirs", ticket.ticket_id, ticket.status)]
    status = str(theirs.get("status", "")).lower()
    result = str(theirs.get("result", "")).lower()
    rows = []
    if not _state_fits(ticket, status, result):
        rows.append(
            _row(
                "state_mismatch", ticket.ticket_id, ticket.status, f"{status}/{result}"
            )
        )
    for field in ("price", "net_payout"):
        ours = _cents(getattr(ticket, field))
        if ours is not None and theirs.get(field) is not None and ours != theirs[field]:
            rows.append(
                _row(
                    "amount_mismatch",
                    ticket.ticket_id,
                    ours,
                    theirs[field],
                    f"{field} in cents",
                )
            )
    return rows


def tickets_of(start, end):
    return Ticket.objects.filter(
        Q(created_at__gte=start, created_at__lt=end)
        | Q(updated_at__gte=start, updated_at__lt=end)
    ).order_by("pk")


def _created(ticket: dict) -> datetime | None:
    try:
        return datetime.fromisoformat(str(ticket["created"])).replace(tzinfo=UTC)
    except (KeyError, ValueError):
        return None


def their_new_tickets(client, start, end):
    """Their tickets created in [start, end); the list is read newest first and
    stops at the first page entirely older than ``start``."""
    page = []
    for ticket in client.tickets_list(limit=100):
        page.append(ticket)
        created = _created(ticket)
        if created is not None and start <= created < end:
            yield ticket
        if len(page) == 100:
            if all((c := _created(t)) is not None and c < start for t in page):
                return
            page = []


def day_reconcile(client, start, end) -> tuple[list[dict], dict]:
    rows, summary, known = [], {"tickets": 0, "matched": 0}, set()
    for ticket in tickets_of(start, end).iterator():
        summary["tickets"] += 1
        known.add(ticket.ticket_id)
        try:
            theirs = client.ticket_get(ticket.ticket_id)
        except BetstackNotFoundError:
            theirs = None
        except ProviderApiError as error:
            rows.append(_row("fetch_failed", ticket.ticket_id, detail=str(error)))
            continue
        found = ticket_compare(ticket, theirs)
        rows += found
        summary["matched"] += not found
    try:
        for theirs in their_new_tickets(client, start, end):
            ticket_id = str(theirs.get("id"))
            if (
                ticket_id not in known
                and not Ticket.objects.filter(ticket_id=ticket_id).exists()
            ):
                rows.append(
                    _row(
                        "missing_ours",
                        ticket_id,
                        theirs=f"{theirs.get('status')}/{theirs.get('result')}",
                    )
                )
    except ProviderApiError as error:
        rows.append(_row("fetch_failed", "(ticket list)", detail=str(error)))
    for row in rows:
        summary[row["difference"]] = summary.get(row["difference"], 0) + 1
    return rows, summary
