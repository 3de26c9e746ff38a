from django.contrib import admin

from wallet.admin.base import ReadOnlyAdmin
from webhooks.models import BetstackCall, HypetechSession, InboundCallback


@admin.register(InboundCallback)
class InboundCallbackAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "provider",
        "operation",
        "external_id",
        "outcome",
        "error_code",
        "response_status",
        "player",
    )
    list_filter = ("provider", "operation", "outcome", "error_code")
    search_fields = ("external_id", "operator_tx_id", "player__user_id")
    list_select_related = ("player",)
    raw_id_fields = ("player", "bet", "transaction")
    date_hierarchy = "created_at"


@admin.register(HypetechSession)
class HypetechSessionAdmin(ReadOnlyAdmin):
    list_display = ("player", "game", "currency", "source", "expires_at", "created_at")
    list_filter = ("source",)
    search_fields = ("player__user_id",)
    raw_id_fields = ("player",)


@admin.register(BetstackCall)
class BetstackCallAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "action",
        "ticket_reference",
        "response_status",
        "error_code",
    )
    list_filter = ("action", "response_status")
    search_fields = ("=ticket_reference",)
    raw_id_fields = ("ticket",)
    date_hierarchy = "created_at"
