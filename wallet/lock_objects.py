"""Row locks taken first in every money transaction."""

from wallet.models import Wallet


def wallet_qs_select_for_update():
    """Wallets locked FOR NO KEY UPDATE, in primary-key order.

    NO KEY: the balance changes but the key does not, so inserts of ledger rows
    that reference the wallet (FOR KEY SHARE) are not blocked by the lock.
    """
    return (
        Wallet.objects.select_related("player")
        .select_for_update(of=("self",), no_key=True)
        .order_by("pk")
    )
