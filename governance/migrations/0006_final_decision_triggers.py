"""On PostgreSQL, the database itself refuses to change or delete a final decision (R8).

A case is final once it is decided and its meeting's minutes are published. The Python guards
(Case.save/delete, CaseQuerySet.update/delete) give the friendly message; these triggers also stop
raw SQL. The meeting trigger keeps the lock itself in place: published minutes stay published, and
a meeting with published minutes is never deleted. Mirrors billing 0004 (issued invoices).
"""

from django.db import migrations

FORWARDS = """
CREATE OR REPLACE FUNCTION governance_case_decision_final() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'decided' AND EXISTS (
        SELECT 1 FROM governance_meeting m WHERE m.id = OLD.meeting_id AND m.minutes_published_at IS NOT NULL
    ) THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'governance: final decision in case %/% is never deleted (R8)', OLD.number, OLD.year;
        END IF;
        IF to_jsonb(NEW) IS DISTINCT FROM to_jsonb(OLD) THEN
            RAISE EXCEPTION 'governance: final decision in case %/% never changes; correct it in a new case (R8)',
                OLD.number, OLD.year;
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER governance_case_decision_final
    BEFORE UPDATE OR DELETE ON governance_case
    FOR EACH ROW EXECUTE FUNCTION governance_case_decision_final();

CREATE OR REPLACE FUNCTION governance_meeting_minutes_published() RETURNS trigger AS $$
BEGIN
    IF OLD.minutes_published_at IS NOT NULL THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'governance: meeting % has published minutes and is never deleted (R8)', OLD.id;
        END IF;
        IF NEW.minutes_published_at IS DISTINCT FROM OLD.minutes_published_at
           OR NEW.status NOT IN ('held', 'minutes_approved') THEN
            RAISE EXCEPTION 'governance: the published minutes of meeting % cannot be unpublished (R8)', OLD.id;
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER governance_meeting_minutes_published
    BEFORE UPDATE OR DELETE ON governance_meeting
    FOR EACH ROW EXECUTE FUNCTION governance_meeting_minutes_published();
"""

BACKWARDS = """
DROP TRIGGER IF EXISTS governance_meeting_minutes_published ON governance_meeting;
DROP FUNCTION IF EXISTS governance_meeting_minutes_published();
DROP TRIGGER IF EXISTS governance_case_decision_final ON governance_case;
DROP FUNCTION IF EXISTS governance_case_decision_final();
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
    dependencies = [("governance", "0005_merge_0002_meetings_0004_blank_actor_fields")]

    operations = [migrations.RunPython(forwards, backwards)]
