"""The staff roles and their permissions, synced by migrations.

Support views everything and may resend a failed SMS; Finance may also move
money (reverse, adjust, decide four-eyes requests), grant free bets and change
player status.
"""

SUPPORT = "Support"
FINANCE = "Finance"
VIEWABLE_APPS = ("wallet", "webhooks", "notifications")
SUPPORT_EXTRA = ("notifications.resend_notification",)
FINANCE_EXTRA = (
    "wallet.reverse_transaction",
    "wallet.adjust_wallet",
    "wallet.change_player_status",
    "wallet.approve_moneyrequest",
    "webhooks.grant_free_bets",
)


def groups_sync(apps) -> None:
    """Create both groups and give them exactly their permissions (idempotent)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # Historical app configs have no models module; create_permissions
        # skips those, so lend one for the call and put back what was there.
        original = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    views = Permission.objects.filter(
        content_type__app_label__in=VIEWABLE_APPS, codename__startswith="view_"
    )

    def named(names):
        found = Permission.objects.none()
        for name in names:
            label, codename = name.split(".")
            found |= Permission.objects.filter(
                content_type__app_label=label, codename=codename
            )
        return found

    support, _ = Group.objects.get_or_create(name=SUPPORT)
    support.permissions.set(views | named(SUPPORT_EXTRA))
    finance, _ = Group.objects.get_or_create(name=FINANCE)
    finance.permissions.set(views | named(SUPPORT_EXTRA + FINANCE_EXTRA))
