from django.db import migrations

from wallet.roles import groups_sync


def forward(apps, schema_editor):
    groups_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("wallet", "0008_apikey"),
        ("webhooks", "0003_hypetechsession_launched_by_freebetgrant"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
