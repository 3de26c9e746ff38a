"""Our Hypetech callbacks against Hypetech's Session Transactions
(docs/providers/hypetech.md#9-calls-we-make-to-hypetech).

Matched on (operation, transaction id); compared on status (applied or not)
and amount. Hypetech's transaction types beyond BET are not documented: the
usual names are mapped, anything else is reported as unknown.
"""

from decimal import Decimal, InvalidOperation

from wallet.models import Provider, ProviderCall
from webhooks.http_client import ProviderApiError

TYPES = {
    "BET": "bet",
    "WIN": "win",
    "LOSE": "loss",
    "LOSS": "loss",
    "ROLLBACK": "rollback",
    "REFUND": "rollback",
    "CANCEL": "rollback",
}
APPLIED = "SUCCESS"


def sessions_of(start, end) -> list[str]:
    """Session tokens our Hypetech callbacks carried in [start, end)."""
    return sorted(
        set(
            ProviderCall.objects.filter(
                provider=Provider.HYPETECH, created_at__gte=start, created_at__lt=end
            )
            .exclude(session_token="")
            .values_list("session_token", flat=True)
        )
    )


def _amount(value):
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


def _row(kind, session, tx_id, operation, ours=None, theirs=None, detail=""):
    return {
        "difference": kind,
        "session": session,
        "transaction_id": tx_id,
        "operation": operation,
        "ours_outcome": ours.outcome if ours else "",
        "ours_amount": str(ours.amount) if ours and ours.amount is not None else "",
        "theirs_status": (theirs or {}).get("transactionStatus", ""),
        "theirs_amount": str((theirs or {}).get("amount", "")),
        "detail": detail,
    }


def session_compare(session: str, transactions) -> tuple[list[dict], int]:
    """Differences for one session, and how many provider transactions matched."""
    ours = {
        (cb.operation, cb.idempotency_key): cb
        for cb in ProviderCall.objects.filter(
            provider=Provider.HYPETECH, session_token=session, definitive=True
        )
    }
    rows, seen, matched = [], set(), 0
    for theirs in transactions:
        tx_id = str(theirs.get("transactionId", ""))
        operation = TYPES.get(str(theirs.get("transactionType", "")).upper())
        if operation is None:
            rows.append(
                _row(
                    "unknown_type",
                    session,
                    tx_id,
                    "",
                    theirs=theirs,
                    detail=f"type {theirs.get('transactionType')!r}",
                )
            )
            continue
        seen.add((operation, tx_id))
        mine = ours.get((operation, tx_id))
        applied = str(theirs.get("transactionStatus", "")).upper() == APPLIED
        if mine is None:
            if applied:
                rows.append(
                    _row("missing_ours", session, tx_id, operation, theirs=theirs)
                )
            continue
        accepted = mine.outcome == ProviderCall.Outcome.ACCEPTED
        if accepted != applied:
            rows.append(
                _row("status_mismatch", session, tx_id, operation, mine, theirs)
            )
        elif accepted and _amount(theirs.get("amount")) != mine.amount:
            rows.append(
                _row("amount_mismatch", session, tx_id, operation, mine, theirs)
            )
        else:
            matched += 1
    for (operation, tx_id), mine in ours.items():
        if (operation, tx_id) not in seen and mine.outcome == "accepted":
            rows.append(_row("missing_theirs", session, tx_id, operation, mine))
    return rows, matched


def sessions_reconcile(sessions, client) -> tuple[list[dict], dict]:
    rows, summary = [], {"sessions": len(sessions), "matched": 0, "fetch_failed": 0}
    for session in sessions:
        try:
            transactions = list(client.session_transactions(session))
        except ProviderApiError as error:
            summary["fetch_failed"] += 1
            rows.append(_row("fetch_failed", session, "", "", detail=str(error)))
            continue
        found, matched = session_compare(session, transactions)
        rows += found
        summary["matched"] += matched
    for row in rows:
        summary[row["difference"]] = summary.get(row["difference"], 0) + 1
    return rows, summary
