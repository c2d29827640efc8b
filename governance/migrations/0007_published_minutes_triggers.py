"""On PostgreSQL, the database itself keeps published minutes and a final decision's attachments (R8).

Migration 0006 locked the final decisions and kept published minutes published. The minutes are
more than the decisions: what they say of the meeting (when, where, who else was there, the notes),
its attendance rows and the attachments of its final decisions. The Python guards (save/delete and
the querysets of Meeting, Attendance and CaseAttachment) give the friendly message; these triggers
also stop raw SQL. Status and the approval fields of a meeting still move on: approving the minutes
in the next meeting is a later event, not a change of the minutes.
"""

from django.db import migrations

MEETING_0006 = """
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
"""

FORWARDS = """
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
        IF (NEW.body_id, NEW.date, NEW.starts_at, NEW.ends_at, NEW.place, NEW.video_link,
            NEW.other_attendees, NEW.minutes_notes)
           IS DISTINCT FROM (OLD.body_id, OLD.date, OLD.starts_at, OLD.ends_at, OLD.place, OLD.video_link,
            OLD.other_attendees, OLD.minutes_notes) THEN
            RAISE EXCEPTION 'governance: the published minutes of meeting % never change (R8)', OLD.id;
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION governance_attendance_minutes_published() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF EXISTS (
            SELECT 1 FROM governance_meeting m WHERE m.id = OLD.meeting_id AND m.minutes_published_at IS NOT NULL
        ) THEN
            RAISE EXCEPTION 'governance: attendance at meeting % is part of its published minutes (R8)',
                OLD.meeting_id;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF EXISTS (
            SELECT 1 FROM governance_meeting m WHERE m.id = NEW.meeting_id AND m.minutes_published_at IS NOT NULL
        ) THEN
            RAISE EXCEPTION 'governance: attendance at meeting % is part of its published minutes (R8)',
                NEW.meeting_id;
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER governance_attendance_minutes_published
    BEFORE INSERT OR UPDATE OR DELETE ON governance_attendance
    FOR EACH ROW EXECUTE FUNCTION governance_attendance_minutes_published();

CREATE OR REPLACE FUNCTION governance_caseattachment_decision_final() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF EXISTS (
            SELECT 1 FROM governance_case c JOIN governance_meeting m ON m.id = c.meeting_id
            WHERE c.id = OLD.case_id AND c.status = 'decided' AND m.minutes_published_at IS NOT NULL
        ) THEN
            RAISE EXCEPTION 'governance: attachment % belongs to a final decision and never changes (R8)', OLD.id;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF EXISTS (
            SELECT 1 FROM governance_case c JOIN governance_meeting m ON m.id = c.meeting_id
            WHERE c.id = NEW.case_id AND c.status = 'decided' AND m.minutes_published_at IS NOT NULL
        ) THEN
            RAISE EXCEPTION 'governance: a final decision takes no new attachment (R8)';
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER governance_caseattachment_decision_final
    BEFORE INSERT OR UPDATE OR DELETE ON governance_caseattachment
    FOR EACH ROW EXECUTE FUNCTION governance_caseattachment_decision_final();
"""

BACKWARDS = (
    """
DROP TRIGGER IF EXISTS governance_caseattachment_decision_final ON governance_caseattachment;
DROP FUNCTION IF EXISTS governance_caseattachment_decision_final();
DROP TRIGGER IF EXISTS governance_attendance_minutes_published ON governance_attendance;
DROP FUNCTION IF EXISTS governance_attendance_minutes_published();
"""
    + MEETING_0006
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(FORWARDS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [("governance", "0006_final_decision_triggers")]

    operations = [migrations.RunPython(forwards, backwards)]
