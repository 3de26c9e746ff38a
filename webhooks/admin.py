from datetime import UTC

from django import forms
from django.contrib import admin, messages

from wallet.admin.base import ReadOnlyAdmin, client_ip, money
from wallet.models import Player, ProviderCall
from webhooks.hypetech.free_bets import free_bets_grant
from webhooks.models import FreeBetGrant, HypetechSession


@admin.register(ProviderCall)
class ProviderCallAdmin(ReadOnlyAdmin):
    """Every provider call and our answer; refusals a resend re-evaluates are
    listed too (not definitive)."""

    list_display = (
        "created_at",
        "provider",
        "operation",
        "reference",
        "outcome",
        "error_code",
        "response_status",
        "definitive",
        "player",
    )
    list_filter = ("provider", "operation", "outcome", "definitive", "error_code")
    search_fields = (
        "=reference",
        "=idempotency_key",
        "=operator_tx_id",
        "=player__user_id",
    )
    list_select_related = ("player",)
    raw_id_fields = ("player", "bet", "ticket", "transaction")
    date_hierarchy = "created_at"


@admin.register(HypetechSession)
class HypetechSessionAdmin(ReadOnlyAdmin):
    list_display = ("player", "game", "currency", "source", "expires_at", "created_at")
    list_filter = ("source",)
    search_fields = ("player__user_id",)
    raw_id_fields = ("player",)


class FreeBetGrantForm(forms.ModelForm):
    player = forms.ModelChoiceField(
        queryset=Player.objects.all(),
        to_field_name="user_id",
        widget=forms.TextInput,
        help_text="the player's user id",
    )

    class Meta:
        model = FreeBetGrant
        fields = (
            "player",
            "game_slug",
            "quantity",
            "value",
            "currency",
            "expires_at",
            "bonus_code",
            "max_multiplier",
        )


@admin.register(FreeBetGrant)
class FreeBetGrantAdmin(ReadOnlyAdmin):
    """Granting is Finance's (webhooks.grant_free_bets); the list is for everyone."""

    list_display = (
        "created_at",
        "player",
        "game_slug",
        "quantity",
        "value_display",
        "status",
        "staff_user",
        "provider_message",
    )
    list_filter = ("status", "game_slug")
    search_fields = ("=player__user_id", "bonus_code")
    form = FreeBetGrantForm

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("webhooks.grant_free_bets")

    def get_changeform_initial_data(self, request):
        return {"player": request.GET.get("player", "")}

    @admin.display(description="value each")
    def value_display(self, obj):
        return money(obj.value, obj.currency)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        grant = free_bets_grant(
            staff_user=request.user,
            ip_address=client_ip(request),
            **{**data, "expires_at": data["expires_at"].astimezone(UTC)},
        )
        obj.pk = grant.pk
        if grant.status == FreeBetGrant.Status.FAILED:
            self.message_user(
                request, f"Hypetech refused: {grant.provider_message}", messages.ERROR
            )
        else:
            self.message_user(
                request, f"Granted: {grant.provider_message}", messages.SUCCESS
            )
