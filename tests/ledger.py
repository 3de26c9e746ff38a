"""The one helper that asserts the ledger invariants of wallet.models."""

from wallet.selectors import ledger_violations


def assert_ledger_invariants() -> None:
    violations = list(ledger_violations())
    assert violations == [], "ledger invariants broken:\n" + "\n".join(
        f"  invariant {v.invariant}, wallet {v.wallet_id}: {v.detail}"
        for v in violations
    )


def ledger_entries(wallet) -> list[tuple[str, str]]:
    """The wallet's ledger as (kind, amount) pairs in order, amounts as strings."""
    return [
        (entry.kind, f"{entry.amount:.2f}")
        for entry in wallet.transactions.order_by("sequence")
    ]


def balance_of(wallet) -> str:
    wallet.refresh_from_db()
    return f"{wallet.balance:.2f}"
