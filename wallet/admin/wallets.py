"""Wallets: balances, and staff adjustments with a reason."""

from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path

from operator_site.exceptions import ApplicationError
from wallet.admin.base import ReadOnlyAdmin, client_ip, money
from wallet.currencies import amount_fits_currency
from wallet.models import MoneyRequest, Wallet
from wallet.services.backoffice import (
    four_eyes_enabled,
    money_request_create,
    staff_wallet_adjust,
)


class AdjustForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[("credit", "Credit (add)"), ("debit", "Debit (take)")]
    )
    amount = forms.DecimalField(
        min_value=Decimal("0.0001"), max_digits=15, decimal_places=4
    )
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if not amount_fits_currency(amount, self.currency):
            raise forms.ValidationError(f"Too many decimals for {self.currency}.")
        return amount

    def signed_amount(self) -> Decimal:
        amount = self.cleaned_data["amount"]
        return -amount if self.cleaned_data["direction"] == "debit" else amount


@admin.register(Wallet)
class WalletAdmin(ReadOnlyAdmin):
    list_display = ("player", "currency", "balance_display", "updated_at")
    list_filter = ("currency",)
    search_fields = ("=player__user_id",)
    list_select_related = ("player",)

    @admin.display(description="balance", ordering="balance")
    def balance_display(self, obj):
        return money(obj.balance, obj.currency)

    def get_urls(self):
        return [
            path(
                "<int:pk>/adjust/",
                self.admin_site.admin_view(self.adjust_view),
                name="wallet_wallet_adjust",
            ),
            *super().get_urls(),
        ]

    def adjust_view(self, request, pk):
        if not request.user.has_perm("wallet.adjust_wallet"):
            raise PermissionDenied
        wallet = get_object_or_404(Wallet.objects.select_related("player"), pk=pk)
        form = AdjustForm(request.POST or None, currency=wallet.currency)
        submitted = request.method == "POST" and form.is_valid()
        if submitted and self._adjust_submit(request, wallet, form):
            return redirect("admin:wallet_player_change", wallet.player_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Adjust wallet {wallet}",
            "wallet": wallet,
            "form": form,
            "balance": money(wallet.balance, wallet.currency),
            "four_eyes": four_eyes_enabled(),
        }
        return TemplateResponse(request, "admin/wallet/wallet/adjust.html", context)

    def _adjust_submit(self, request, wallet, form) -> bool:
        amount, reason = form.signed_amount(), form.cleaned_data["reason"]
        try:
            if four_eyes_enabled():
                pending = money_request_create(
                    kind=MoneyRequest.Kind.ADJUSTMENT,
                    wallet_id=wallet.pk,
                    amount=amount,
                    staff_user=request.user,
                    reason=reason,
                    ip_address=client_ip(request),
                )
                self.message_user(
                    request,
                    f"Adjustment request #{pending.pk} awaits a second Finance user.",
                    messages.SUCCESS,
                )
            else:
                entry = staff_wallet_adjust(
                    wallet_id=wallet.pk,
                    amount=amount,
                    staff_user=request.user,
                    reason=reason,
                    ip_address=client_ip(request),
                )
                self.message_user(
                    request, f"Adjusted by transaction {entry.pk}.", messages.SUCCESS
                )
        except ApplicationError as error:
            self.message_user(request, error.message, messages.ERROR)
            return False
        return True
