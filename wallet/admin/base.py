"""Shared pieces of the back office: read-only admins, money display, request IP."""

from django.contrib import admin
from django.utils.html import format_html

from wallet.currencies import amount_format


def money(amount, currency: str):
    """An amount with its currency's decimals and code, right-aligned by CSS."""
    if amount is None:
        return "-"
    return format_html(
        '<span class="money">{} {}</span>', amount_format(amount, currency), currency
    )


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class ReadOnlyAdmin(admin.ModelAdmin):
    """No add, change or delete: corrections are new entries made by services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
