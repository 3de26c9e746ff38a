"""Audit trail, four-eyes requests, and each staff member's time zone."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from operator_site.exceptions import ApplicationError
from wallet.admin.base import ReadOnlyAdmin, client_ip
from wallet.models import ApiKey, AuditRecord, MoneyRequest, StaffProfile
from wallet.services.backoffice import money_request_decide


@admin.register(AuditRecord)
class AuditRecordAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "actor_name",
        "action",
        "target",
        "reason",
        "ip_address",
    )
    list_filter = ("action",)
    search_fields = ("actor_name", "=target", "reason")
    date_hierarchy = "created_at"


@admin.register(MoneyRequest)
class MoneyRequestAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "created_at",
        "kind",
        "status",
        "transaction",
        "wallet",
        "amount",
        "maker",
        "checker",
        "reason",
    )
    list_filter = ("status", "kind")
    raw_id_fields = ("transaction", "wallet", "result")
    actions = ["approve", "reject"]

    def has_approve_permission(self, request):
        return request.user.has_perm("wallet.approve_moneyrequest")

    def _decide(self, request, queryset, approve: bool):
        for pk in queryset.values_list("pk", flat=True):
            try:
                decided = money_request_decide(
                    request_id=pk,
                    staff_user=request.user,
                    approve=approve,
                    ip_address=client_ip(request),
                )
            except ApplicationError as error:
                self.message_user(
                    request, f"Request #{pk}: {error.message}", messages.ERROR
                )
            else:
                self.message_user(
                    request, f"Request #{pk} {decided.status}.", messages.SUCCESS
                )

    @admin.action(permissions=["approve"], description="Approve and carry out")
    def approve(self, request, queryset):
        self._decide(request, queryset, approve=True)

    @admin.action(permissions=["approve"], description="Reject")
    def reject(self, request, queryset):
        self._decide(request, queryset, approve=False)


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    fields = ("time_zone",)


class StaffUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, StaffProfileInline]


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are made with `manage.py issue_api_key`; here they are revoked."""

    list_display = ("name", "active", "created_at")
    fields = ("name", "active", "created_at")
    readonly_fields = ("name", "created_at")

    def has_add_permission(self, request):
        return False
