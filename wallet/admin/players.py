"""Players: find them, see their money and activity, block or unblock them."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from operator_site.exceptions import ApplicationError
from wallet.admin.base import ReadOnlyInline, client_ip, money
from wallet.models import Bet, Player, Ticket, Transaction, Wallet
from wallet.services.backoffice import player_status_change


class CurrencyFilter(admin.SimpleListFilter):
    title = "currency"
    parameter_name = "currency"

    def lookups(self, request, model_admin):
        currencies = Wallet.objects.values_list("currency", flat=True).distinct()
        return [(code, code) for code in sorted(currencies)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(wallets__currency=self.value()).distinct()
        return queryset


class NegativeBalanceFilter(admin.SimpleListFilter):
    title = "balance"
    parameter_name = "negative"

    def lookups(self, request, model_admin):
        return [("yes", "Below zero")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            negative = Wallet.objects.filter(player=OuterRef("pk"), balance__lt=0)
            return queryset.filter(Exists(negative))
        return queryset


class FlaggedFilter(admin.SimpleListFilter):
    title = "flagged transactions"
    parameter_name = "flagged"

    def lookups(self, request, model_admin):
        return [("yes", "Has flagged transactions")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            flagged = Transaction.objects.filter(
                wallet__player=OuterRef("pk"), flagged=True
            )
            return queryset.filter(Exists(flagged))
        return queryset


class WalletInline(ReadOnlyInline):
    model = Wallet
    fields = ("currency", "balance_display", "adjust_link", "updated_at")
    readonly_fields = fields

    @admin.display(description="balance")
    def balance_display(self, obj):
        return money(obj.balance, obj.currency)

    @admin.display(description="")
    def adjust_link(self, obj):
        url = reverse("admin:wallet_wallet_adjust", args=[obj.pk])
        return format_html('<a href="{}">Adjust…</a>', url)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Player.Status.choices)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


def _table(rows, headers):
    if not rows:
        return "-"
    head = format_html_join("", "<th>{}</th>", ((h,) for h in headers))
    body = format_html_join(
        "",
        "<tr>{}</tr>",
        (
            (format_html_join("", "<td>{}</td>", ((cell,) for cell in row)),)
            for row in rows
        ),
    )
    return format_html(
        "<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", head, body
    )


def _link(name, pk, text):
    return format_html('<a href="{}">{}</a>', reverse(name, args=[pk]), text)


@admin.register(Player)
class PlayerAdmin(admin.ModelAdmin):
    list_display = ("user_id", "display_name", "status", "balances", "created_at")
    list_filter = ("status", CurrencyFilter, NegativeBalanceFilter, FlaggedFilter)
    search_fields = ("=user_id", "display_name")
    fields = (
        "user_id",
        "display_name",
        "status",
        "lang",
        "created_at",
        "updated_at",
        "latest_transactions",
        "open_bets",
        "open_tickets",
        "notifications",
    )
    readonly_fields = (
        "user_id",
        "status",
        "created_at",
        "updated_at",
        "latest_transactions",
        "open_bets",
        "open_tickets",
        "notifications",
    )
    inlines = [WalletInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("wallets")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="balances")
    def balances(self, obj):
        return format_html_join(
            " ", "{}", ((money(w.balance, w.currency),) for w in obj.wallets.all())
        )

    @admin.display(description="latest transactions")
    def latest_transactions(self, obj):
        entries = Transaction.objects.filter(wallet__player=obj).order_by("-pk")[:20]
        return _table(
            [
                (
                    _link("admin:wallet_transaction_change", e.pk, e.pk),
                    e.created_at,
                    e.get_kind_display(),
                    money(e.amount, e.currency),
                    money(e.balance_after, e.currency),
                    e.external_reference or "",
                )
                for e in entries
            ],
            ["id", "when", "kind", "amount", "balance after", "reference"],
        )

    @admin.display(description="open bets")
    def open_bets(self, obj):
        bets = Bet.objects.filter(wallet__player=obj, status=Bet.Status.OPEN)
        return _table(
            [
                (
                    _link("admin:wallet_bet_change", b.pk, b.reference),
                    b.round_id,
                    b.game,
                    money(b.amount, b.wallet.currency),
                    b.created_at,
                )
                for b in bets.select_related("wallet")[:50]
            ],
            ["bet", "round", "game", "stake", "placed"],
        )

    @admin.display(description="open tickets")
    def open_tickets(self, obj):
        tickets = Ticket.objects.filter(
            player=obj, status__in=[Ticket.Status.OPEN, Ticket.Status.RESERVED]
        )
        return _table(
            [
                (
                    _link("admin:wallet_ticket_change", t.pk, t.ticket_id),
                    t.code,
                    t.get_status_display(),
                    money(t.debited, t.currency),
                    t.created_at,
                )
                for t in tickets[:50]
            ],
            ["ticket", "code", "status", "debited", "created"],
        )

    @admin.display(description="notifications")
    def notifications(self, obj):
        found = [
            n
            for t in Ticket.objects.filter(player=obj).prefetch_related(
                "notifications"
            )[:50]
            for n in t.notifications.all()
        ]
        return _table(
            [
                (
                    _link("admin:notifications_notification_change", n.pk, n.pk),
                    n.get_type_display(),
                    n.get_status_display(),
                    n.received_at,
                )
                for n in found[:20]
            ],
            ["id", "type", "status", "received"],
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/status/",
                self.admin_site.admin_view(self.status_view),
                name="wallet_player_status",
            ),
            *super().get_urls(),
        ]

    def status_view(self, request, pk):
        """Block, unblock or self-exclude, with a mandatory reason."""
        if not request.user.has_perm("wallet.change_player_status"):
            raise PermissionDenied
        player = get_object_or_404(Player, pk=pk)
        form = StatusForm(request.POST or None, initial={"status": player.status})
        if request.method == "POST" and form.is_valid():
            try:
                player_status_change(
                    player_id=player.pk,
                    staff_user=request.user,
                    ip_address=client_ip(request),
                    **form.cleaned_data,
                )
            except ApplicationError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"Player {player} is now {form.cleaned_data['status']}.",
                    messages.SUCCESS,
                )
                return redirect("admin:wallet_player_change", player.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Change status of player {player}",
            "player": player,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/wallet/player/status.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_change_status": request.user.has_perm("wallet.change_player_status"),
        }
        return super().change_view(request, object_id, form_url, extra_context)
