"""Back office views of the money core. The ledger is read-only everywhere."""

from django.contrib import admin

from wallet.models import Bet, Player, Ticket, TicketEvent, Transaction, Wallet


class ReadOnlyAdmin(admin.ModelAdmin):
    """No add, change or delete: corrections are new entries made by services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WalletInline(admin.TabularInline):
    model = Wallet
    fields = ("currency", "balance", "last_sequence", "updated_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Player)
class PlayerAdmin(admin.ModelAdmin):
    list_display = ("user_id", "display_name", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("user_id", "display_name")
    readonly_fields = ("created_at", "updated_at")
    inlines = [WalletInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Wallet)
class WalletAdmin(ReadOnlyAdmin):
    list_display = ("player", "currency", "balance", "updated_at")
    list_filter = ("currency",)
    search_fields = ("player__user_id",)
    list_select_related = ("player",)


@admin.register(Transaction)
class TransactionAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "created_at",
        "wallet",
        "kind",
        "amount",
        "balance_after",
        "provider",
        "external_reference",
        "flagged",
    )
    list_filter = ("provider", "kind", "flagged", "wallet__currency")
    search_fields = (
        "external_reference",
        "wallet__player__user_id",
        "bet__reference",
        "bet__round_id",
    )
    list_select_related = ("wallet__player",)
    raw_id_fields = ("wallet", "bet", "reverses", "staff_user")
    date_hierarchy = "created_at"


class TransactionInline(admin.TabularInline):
    model = Transaction
    fields = (
        "sequence",
        "kind",
        "amount",
        "balance_after",
        "external_reference",
        "created_at",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Bet)
class BetAdmin(ReadOnlyAdmin):
    list_display = (
        "reference",
        "provider",
        "wallet",
        "round_id",
        "game",
        "amount",
        "is_free",
        "status",
        "payout",
        "created_at",
    )
    list_filter = ("provider", "status", "is_free", "wallet__currency")
    search_fields = ("reference", "round_id", "resolved_by", "wallet__player__user_id")
    list_select_related = ("wallet__player",)
    inlines = [TransactionInline]


class TicketEventInline(admin.TabularInline):
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
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Ticket)
class TicketAdmin(ReadOnlyAdmin):
    """Find a ticket by id or code; its history shows every transition and movement."""

    list_display = (
        "ticket_id",
        "code",
        "player",
        "ticket_type",
        "status",
        "currency",
        "price",
        "debited",
        "net_payout",
        "needs_review",
        "created_at",
    )
    list_filter = ("status", "ticket_type", "needs_review", "currency")
    search_fields = ("=ticket_id", "=code", "player__user_id")
    list_select_related = ("player",)
    inlines = [TicketEventInline, TransactionInline]
