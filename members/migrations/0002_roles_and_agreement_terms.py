"""The two staff roles as groups, and the agreement's terms as their one row (R5, §11)."""

from django.db import migrations

COORDINATOR_GROUP = "Koordinator"
BILLING_ADMIN_GROUP = "Fakturaadministrator"


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=COORDINATOR_GROUP)
    Group.objects.get_or_create(name=BILLING_ADMIN_GROUP)
    try:
        AgreementTerms = apps.get_model("members", "AgreementTerms")
    except LookupError:  # called with today's models (tests re-seed a flushed database): 0007 makes the network
        return
    AgreementTerms.objects.get_or_create(
        pk=1,
        defaults={"notice_months": 6, "agreement_years": 3, "renewal_reminder_months": 3, "refund_on_resignation": False},
    )


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
