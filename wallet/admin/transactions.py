"""The ledger for staff: read-only, searchable, exportable, reversible."""

import csv

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html

from operator_site.exceptions import ApplicationError
from wallet.admin.base import ReadOnlyAdmin, client_ip, money
from wallet.admin.filters import DateRangeFilter
from wallet.currencies import amount_format
from wallet.models import Bet, MoneyRequest, Ticket, Transaction, Wallet
from wallet.services.backoffice import (
    audit_record,
    four_eyes_enabled,
    money_request_create,
    reversal_check,
    transaction_reverse,
)

CSV_COLUMNS = (
    "id",
    "created_at",
    "player",
    "currency",
    "kind",
    "amount",
    "balance_after",
    "provider",
    "external_reference",
    "bet",
    "round_id",
    "ticket",
    "reverses",
    "flagged",
    "staff_user",
    "reason",
)


class _Echo:
    def write(self, value):
        return value


def _csv_rows(queryset):
    rows = queryset.values_list(
        "pk",
        "created_at",
        "wallet__player__user_id",
        "currency",
        "kind",
        "amount",
        "balance_after",
        "provider",
        "external_reference",
        "bet__reference",
        "bet__round_id",
        "ticket__ticket_id",
        "reverses_id",
        "flagged",
        "staff_user__username",
        "reason",
    ).order_by("pk")
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for row in rows.iterator(chunk_size=2000):
        row = list(row)
        row[1] = row[1].isoformat()
        row[5] = amount_format(row[5], row[3])
        row[6] = amount_format(row[6], row[3])
        yield writer.writerow(row)


SEARCH_LIMIT = 10_000


class CappedCountPaginator(Paginator):
    """Counts at most COUNT_CAP rows: an exact COUNT(*) of the ledger is slow.

    Past the cap, narrow the list with filters or search.
    """

    COUNT_CAP = 10_000

    @cached_property
    def count(self):
        return self.object_list[: self.COUNT_CAP].count()


class CurrencyFilter(admin.SimpleListFilter):
    """Currencies from the (small) wallet table, not a DISTINCT over the ledger."""

    title = "currency"
    parameter_name = "currency"

    def lookups(self, request, model_admin):
        currencies = Wallet.objects.order_by().values_list("currency", flat=True)
        return [(code, code) for code in sorted(set(currencies))]

    def queryset(self, request, queryset):
        return queryset.filter(currency=self.value()) if self.value() else queryset


class ReverseForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


def _link(name, pk, text):
    return format_html('<a href="{}">{}</a>', reverse(name, args=[pk]), text)


@admin.register(Transaction)
class TransactionAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "created_at",
        "player_link",
        "kind",
        "amount_display",
        "balance_after_display",
        "provider",
        "external_reference",
        "flagged",
    )
    list_filter = ("provider", "kind", CurrencyFilter, DateRangeFilter, "flagged")
    search_fields = ("=external_reference",)
    search_help_text = (
        "Exact provider transaction id, bet id, round id, ticket id "
        "or code, or operator transaction id."
    )
    list_select_related = ("wallet__player",)
    show_full_result_count = False
    paginator = CappedCountPaginator
    fields = (
        "id",
        "created_at",
        "player_link",
        "wallet",
        "sequence",
        "kind",
        "amount_display",
        "balance_after_display",
        "provider",
        "external_reference",
        "bet_link",
        "ticket_link",
        "reverses_link",
        "reversed_by_link",
        "staff_user",
        "reason",
        "flagged",
    )
    readonly_fields = fields

    @admin.display(description="player", ordering="wallet__player__user_id")
    def player_link(self, obj):
        return _link(
            "admin:wallet_player_change",
            obj.wallet.player_id,
            obj.wallet.player.user_id,
        )

    @admin.display(description="amount", ordering="amount")
    def amount_display(self, obj):
        return money(obj.amount, obj.currency)

    @admin.display(description="balance after")
    def balance_after_display(self, obj):
        return money(obj.balance_after, obj.currency)

    @admin.display(description="bet")
    def bet_link(self, obj):
        return (
            _link("admin:wallet_bet_change", obj.bet_id, obj.bet) if obj.bet_id else "-"
        )

    @admin.display(description="ticket")
    def ticket_link(self, obj):
        if not obj.ticket_id:
            return "-"
        return _link("admin:wallet_ticket_change", obj.ticket_id, obj.ticket.ticket_id)

    @admin.display(description="reverses")
    def reverses_link(self, obj):
        if not obj.reverses_id:
            return "-"
        return _link(
            "admin:wallet_transaction_change", obj.reverses_id, obj.reverses_id
        )

    @admin.display(description="reversed by")
    def reversed_by_link(self, obj):
        reversal = Transaction.objects.filter(reverses=obj).first()
        if reversal is None:
            return "-"
        return _link("admin:wallet_transaction_change", reversal.pk, reversal.pk)

    def get_search_results(self, request, queryset, search_term):
        """Exact ids, each resolved on its own index, then OR-ed on ledger indexes.

        One OR across joined tables would scan the whole ledger.
        """
        term = search_term.strip()
        if not term:
            return queryset, False
        bets = list(
            Bet.objects.filter(Q(reference=term) | Q(round_id=term)).values_list(
                "pk", flat=True
            )[:SEARCH_LIMIT]
        )
        tickets = list(
            Ticket.objects.filter(Q(ticket_id=term) | Q(code=term)).values_list(
                "pk", flat=True
            )[:SEARCH_LIMIT]
        )
        called = list(
            Transaction.objects.filter(calls__operator_tx_id=term).values_list(
                "pk", flat=True
            )
        )
        matching = (
            Transaction.objects.filter(
                Q(external_reference=term)
                | Q(bet_id__in=bets)
                | Q(ticket_id__in=tickets)
                | Q(pk__in=called)
            )
            .order_by()
            .values_list("pk", flat=True)[:SEARCH_LIMIT]
        )
        return queryset.filter(pk__in=list(matching)), False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "export.csv", view(self.export_view), name="wallet_transaction_export"
            ),
            path(
                "<int:pk>/reverse/",
                view(self.reverse_view),
                name="wallet_transaction_reverse",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request):
        """The filtered list as CSV, streamed row by row in constant memory."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        queryset = self.get_changelist_instance(request).get_queryset(request)
        audit_record(
            actor=request.user,
            action="transactions_export",
            target=request.GET.urlencode()[:200],
            ip_address=client_ip(request),
        )
        response = StreamingHttpResponse(_csv_rows(queryset), content_type="text/csv")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        response["Content-Disposition"] = (
            f'attachment; filename="transactions-{stamp}.csv"'
        )
        return response

    def _can_reverse(self, request, entry) -> bool:
        if not request.user.has_perm("wallet.reverse_transaction"):
            return False
        try:
            reversal_check(entry)
        except ApplicationError:
            return False
        return True

    def change_view(self, request, object_id, form_url="", extra_context=None):
        entry = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "can_reverse": entry is not None and self._can_reverse(request, entry),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def reverse_view(self, request, pk):
        """Confirm, with the effect on the balance and a mandatory reason."""
        if not request.user.has_perm("wallet.reverse_transaction"):
            raise PermissionDenied
        entry = get_object_or_404(
            Transaction.objects.select_related("wallet__player"), pk=pk
        )
        form = ReverseForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            return self._reverse_submit(request, entry, form.cleaned_data["reason"])
        balance = entry.wallet.balance
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Reverse transaction {entry.pk}",
            "entry": entry,
            "form": form,
            "balance": money(balance, entry.currency),
            "balance_after": money(balance - entry.amount, entry.currency),
            "goes_negative": balance - entry.amount < 0,
            "amount": money(entry.amount, entry.currency),
            "reversal": money(-entry.amount, entry.currency),
            "four_eyes": four_eyes_enabled(),
        }
        return TemplateResponse(
            request, "admin/wallet/transaction/reverse_confirm.html", context
        )

    def _reverse_submit(self, request, entry, reason):
        try:
            if four_eyes_enabled():
                pending = money_request_create(
                    kind=MoneyRequest.Kind.REVERSAL,
                    transaction_id=entry.pk,
                    staff_user=request.user,
                    reason=reason,
                    ip_address=client_ip(request),
                )
                self.message_user(
                    request,
                    f"Reversal request #{pending.pk} awaits a second Finance user.",
                    messages.SUCCESS,
                )
            else:
                reversal = transaction_reverse(
                    transaction_id=entry.pk,
                    staff_user=request.user,
                    reason=reason,
                    ip_address=client_ip(request),
                )
                self.message_user(
                    request,
                    f"Transaction {entry.pk} reversed by {reversal.pk}.",
                    messages.SUCCESS,
                )
        except ApplicationError as error:
            self.message_user(request, error.message, messages.ERROR)
        return redirect("admin:wallet_transaction_change", entry.pk)
