from django.db import migrations

from wallet.roles import groups_sync


def forward(apps, schema_editor):
    groups_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("wallet", "0011_provider_call_journal"),
        ("webhooks", "0005_calls_moved_to_wallet_journal"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
