"""SQLite drops a table's triggers when Django rebuilds it to alter a column;
restore the append-only triggers of the ledger and the audit trail there.
PostgreSQL keeps triggers through ALTER TABLE: nothing to do."""

from django.db import migrations

from wallet.append_only import append_only_forward


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        return
    for table in ("wallet_transaction", "wallet_auditrecord"):
        for statement in append_only_forward(table, vendor):
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("wallet", "0009_staff_groups_free_bets")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
