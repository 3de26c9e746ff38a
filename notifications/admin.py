"""Notifications for staff: OTP codes are masked everywhere, never shown."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from notifications.models import DeliveryAttempt, Notification
from notifications.phones import phone_mask
from notifications.rendering import message_render
from notifications.services import notification_resend


class DeliveryAttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    fields = (
        "number",
        "backend",
        "outcome",
        "detail",
        "gateway_id",
        "started_at",
        "finished_at",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = (
        "received_at",
        "type",
        "status",
        "phone",
        "ticket_link",
        "attempts",
        "sent_at",
    )
    list_filter = ("type", "status", ("received_at", admin.DateFieldListFilter))
    search_fields = ("phone_e164", "msisdn", "=ticket_reference")
    date_hierarchy = "received_at"
    exclude = ("secret", "dedup_key", "data")
    readonly_fields = (
        "type",
        "status",
        "phone",
        "msisdn",
        "ticket_link",
        "message",
        "masked_data",
        "lang",
        "attempts",
        "next_attempt_at",
        "last_error",
        "received_at",
        "sent_at",
    )
    inlines = [DeliveryAttemptInline]
    actions = ["resend_failed"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("notifications.resend_notification")

    @admin.display(description="phone")
    def phone(self, obj):
        return obj.phone_e164 or phone_mask(obj.msisdn)

    @admin.display(description="ticket")
    def ticket_link(self, obj):
        if obj.ticket_id is None:
            return obj.ticket_reference or "-"
        url = reverse("admin:wallet_ticket_change", args=[obj.ticket_id])
        return format_html('<a href="{}">{}</a>', url, obj.ticket_reference)

    @admin.display(description="message (OTP masked)")
    def message(self, obj):
        return message_render(obj, reveal=False)

    @admin.display(description="data")
    def masked_data(self, obj):
        return obj.data

    @admin.action(permissions=["resend"], description="Resend the selected failed SMS")
    def resend_failed(self, request, queryset):
        resent = sum(
            notification_resend(notification_id=pk)
            for pk in queryset.filter(status=Notification.Status.FAILED).values_list(
                "pk", flat=True
            )
        )
        skipped = queryset.count() - resent
        self.message_user(request, f"{resent} queued again.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} skipped: only failed ones are resent.",
                messages.WARNING,
            )
