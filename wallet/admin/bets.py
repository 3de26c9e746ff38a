"""Provider bets and tickets: state, money, history and the raw provider calls."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from wallet.admin.base import ReadOnlyAdmin, ReadOnlyInline, money
from wallet.models import Bet, Ticket, TicketEvent, Transaction


class TransactionInline(ReadOnlyInline):
    model = Transaction
    fk_name = None
    fields = (
        "sequence",
        "created_at",
        "kind",
        "amount_display",
        "balance_after_display",
        "external_reference",
        "reverses",
        "flagged",
    )
    readonly_fields = fields

    @admin.display(description="amount")
    def amount_display(self, obj):
        return money(obj.amount, obj.currency)

    @admin.display(description="balance after")
    def balance_after_display(self, obj):
        return money(obj.balance_after, obj.currency)


def _calls_table(calls, fields):
    rows = [
        (
            c.created_at,
            *(getattr(c, f) for f in fields),
            c.response_status,
            c.request_body,
            c.response_body,
        )
        for c in calls
    ]
    if not rows:
        return "-"
    cells = "<td>{}</td>" * (len(fields) + 4)
    return format_html(
        '<table class="raw-calls"><tbody>{}</tbody></table>',
        format_html_join("", "<tr>" + cells + "</tr>", rows),
    )


@admin.register(Bet)
class BetAdmin(ReadOnlyAdmin):
    list_display = (
        "reference",
        "provider",
        "wallet",
        "round_id",
        "game",
        "stake_display",
        "is_free",
        "status",
        "payout_display",
        "created_at",
    )
    list_filter = ("provider", "status", "is_free", "wallet__currency")
    search_fields = (
        "=reference",
        "=round_id",
        "=resolved_by",
        "=wallet__player__user_id",
    )
    list_select_related = ("wallet__player",)
    readonly_fields = ("provider_calls",)
    inlines = [TransactionInline]

    @admin.display(description="stake", ordering="amount")
    def stake_display(self, obj):
        return money(obj.amount, obj.wallet.currency)

    @admin.display(description="payout")
    def payout_display(self, obj):
        return money(obj.payout, obj.wallet.currency)

    @admin.display(description="raw provider calls (request, response)")
    def provider_calls(self, obj):
        return _calls_table(
            obj.calls.order_by("pk"), ("operation", "idempotency_key", "operator_tx_id")
        )


class TicketEventInline(ReadOnlyInline):
    model = TicketEvent
    fields = (
        "created_at",
        "action",
        "from_status",
        "to_status",
        "amount",
        "transaction",
        "reason",
    )
    readonly_fields = fields
    show_change_link = False


@admin.register(Ticket)
class TicketAdmin(ReadOnlyAdmin):
    """Find a ticket by id or code; its history shows every transition and movement."""

    list_display = (
        "ticket_id",
        "code",
        "player",
        "ticket_type",
        "status",
        "price_display",
        "debited_display",
        "needs_review",
        "created_at",
    )
    list_filter = ("status", "ticket_type", "needs_review", "currency")
    search_fields = ("=ticket_id", "=code", "=player__user_id")
    list_select_related = ("player",)
    readonly_fields = ("provider_calls", "sms_notifications")
    inlines = [TicketEventInline, TransactionInline]

    @admin.display(description="price", ordering="price")
    def price_display(self, obj):
        return money(obj.price, obj.currency or "USD")

    @admin.display(description="debited")
    def debited_display(self, obj):
        return money(obj.debited, obj.currency or "USD")

    @admin.display(description="raw provider calls (request, response)")
    def provider_calls(self, obj):
        return _calls_table(obj.calls.order_by("pk"), ("action",))

    @admin.display(description="SMS notifications")
    def sms_notifications(self, obj):
        return (
            format_html_join(
                ", ",
                "{} ({})",
                (
                    (n.get_type_display(), n.get_status_display())
                    for n in obj.notifications.all()
                ),
            )
            or "-"
        )
