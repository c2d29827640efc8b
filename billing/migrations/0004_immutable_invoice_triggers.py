"""On PostgreSQL, the database itself refuses to change or delete an issued invoice or its lines (R4).

Only the delivery state (sent_at, delivery_error) may be written after issue. The Python
guards give the friendly message; these triggers also stop raw SQL and bulk updates.
"""

from django.db import migrations

FORWARDS = """
CREATE OR REPLACE FUNCTION billing_invoice_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'billing: issued invoice % is never deleted (R4)', OLD.number;
    END IF;
    IF (to_jsonb(NEW) - 'sent_at' - 'delivery_error') IS DISTINCT FROM (to_jsonb(OLD) - 'sent_at' - 'delivery_error') THEN
        RAISE EXCEPTION 'billing: issued invoice % never changes; issue a credit note (R4)', OLD.number;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER billing_invoice_immutable
    BEFORE UPDATE OR DELETE ON billing_invoice
    FOR EACH ROW EXECUTE FUNCTION billing_invoice_immutable();

CREATE OR REPLACE FUNCTION billing_invoiceline_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'billing: lines of issued invoices never change (R4)';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER billing_invoiceline_immutable
    BEFORE UPDATE OR DELETE ON billing_invoiceline
    FOR EACH ROW EXECUTE FUNCTION billing_invoiceline_immutable();
"""

BACKWARDS = """
DROP TRIGGER IF EXISTS billing_invoiceline_immutable ON billing_invoiceline;
DROP FUNCTION IF EXISTS billing_invoiceline_immutable();
DROP TRIGGER IF EXISTS billing_invoice_immutable ON billing_invoice;
DROP FUNCTION IF EXISTS billing_invoice_immutable();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(FORWARDS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [("billing", "0003_dues_run_heartbeat")]

    operations = [migrations.RunPython(forwards, backwards)]
