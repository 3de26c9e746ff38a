"""The database refuses UPDATE and DELETE on ledger rows (invariant 3)."""

from django.db import migrations

POSTGRESQL_FORWARD = """
CREATE FUNCTION wallet_transaction_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'wallet_transaction is append-only: ' || TG_OP || ' refused',
        ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER wallet_transaction_append_only
    BEFORE UPDATE OR DELETE ON wallet_transaction
    FOR EACH ROW EXECUTE FUNCTION wallet_transaction_refuse_change();
"""
POSTGRESQL_BACKWARD = """
DROP TRIGGER wallet_transaction_append_only ON wallet_transaction;
DROP FUNCTION wallet_transaction_refuse_change();
"""
SQLITE_FORWARD = [
    """CREATE TRIGGER wallet_transaction_no_update BEFORE UPDATE ON wallet_transaction
    BEGIN SELECT RAISE(ABORT, 'wallet_transaction is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER wallet_transaction_no_delete BEFORE DELETE ON wallet_transaction
    BEGIN SELECT RAISE(ABORT, 'wallet_transaction is append-only: DELETE refused'); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER wallet_transaction_no_update",
    "DROP TRIGGER wallet_transaction_no_delete",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = [POSTGRESQL_FORWARD] if vendor == "postgresql" else SQLITE_FORWARD
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = [POSTGRESQL_BACKWARD] if vendor == "postgresql" else SQLITE_BACKWARD
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("wallet", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
