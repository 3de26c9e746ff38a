"""What a refused webhook must leave as it found: money, bets, tickets, SMS."""

from notifications.models import Notification
from wallet.models import Bet, Ticket, Transaction


def state_of(wallet) -> dict:
    wallet.refresh_from_db()
    return {
        "balance": wallet.balance,
        "transactions": Transaction.objects.count(),
        "bets": Bet.objects.count(),
        "tickets": Ticket.objects.count(),
        "notifications": Notification.objects.count(),
    }
