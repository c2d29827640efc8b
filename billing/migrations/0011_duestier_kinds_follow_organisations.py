"""The dues tiers name the kinds of organisation, which now include more kinds of party (members 0009): choices only, no SQL."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('billing', '0010_issuers_networks_required'),
    ]

    operations = [
        migrations.AlterField(
            model_name='duestier',
            name='kind',
            field=models.CharField(choices=[('kommune', 'Kommune'), ('fylkeskommune', 'Fylkeskommune'), ('council', 'Interkommunalt politisk råd'), ('state_body', 'Statlig organ'), ('interest_org', 'Interesseorganisasjon for kommunesektoren'), ('research', 'Forsknings- og kompetanseaktør')], max_length=16, verbose_name='medlemstype'),
        ),
        migrations.AlterField(
            model_name='historicalduestier',
            name='kind',
            field=models.CharField(choices=[('kommune', 'Kommune'), ('fylkeskommune', 'Fylkeskommune'), ('council', 'Interkommunalt politisk råd'), ('state_body', 'Statlig organ'), ('interest_org', 'Interesseorganisasjon for kommunesektoren'), ('research', 'Forsknings- og kompetanseaktør')], max_length=16, verbose_name='medlemstype'),
        ),
    ]
