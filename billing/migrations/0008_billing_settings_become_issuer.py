from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("billing", "0007_credit_balance"), ("members", "0008_networks_constraints")]

    operations = [
        migrations.RenameModel("BillingSettings", "Issuer"),
        migrations.RenameModel("HistoricalBillingSettings", "HistoricalIssuer"),
    ]
