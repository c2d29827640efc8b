"""Networks (issue 22): the rest of 0007 — names unique, every membership in a network, one current membership per organisation and network."""

import django.core.validators
import django.db.models.deletion
import members.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0007_agreement_terms_become_networks'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='historicalnetwork',
            options={'get_latest_by': ('history_date', 'history_id'), 'ordering': ('-history_date', '-history_id'), 'verbose_name': 'historical nettverk', 'verbose_name_plural': 'historical nettverk'},
        ),
        migrations.AlterModelOptions(
            name='network',
            options={'ordering': ['name', 'pk'], 'verbose_name': 'nettverk', 'verbose_name_plural': 'nettverk'},
        ),
        migrations.RemoveConstraint(
            model_name='membership',
            name='membership_one_current_per_organisation',
        ),
        migrations.AlterField(
            model_name='historicalnetwork',
            name='admitted_kinds',
            field=models.JSONField(blank=True, default=list, help_text='Organisasjonstypene nettverket tar opp.', verbose_name='hvem kan være part'),
        ),
        migrations.AlterField(
            model_name='historicalnetwork',
            name='agreement_ends_on',
            field=models.DateField(blank=True, help_text='En fast sluttdato for alle parter.', null=True, verbose_name='avtalen gjelder til'),
        ),
        migrations.AlterField(
            model_name='historicalnetwork',
            name='agreement_years',
            field=models.PositiveSmallIntegerField(blank=True, default=3, help_text='Fra hver parts signering. Tom når avtalen gjelder til en fast dato.', null=True, verbose_name='avtalens varighet (år)'),
        ),
        migrations.AlterField(
            model_name='historicalnetwork',
            name='has_dues',
            field=models.BooleanField(default=True, help_text='Satsene og hvem som fakturerer, settes under fakturering.', verbose_name='partene betaler kontingent'),
        ),
        migrations.AlterField(
            model_name='historicalnetwork',
            name='name',
            field=models.CharField(max_length=200, validators=[members.validators.validate_no_control_characters], verbose_name='navn'),
        ),
        migrations.AlterField(
            model_name='historicalnetwork',
            name='notice_months',
            field=models.PositiveSmallIntegerField(default=6, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(60)], verbose_name='oppsigelsestid (måneder)'),
        ),
        migrations.AlterField(
            model_name='historicalnetwork',
            name='parent',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='For eksempel en kommuneklynge i en KSF-region.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.network', verbose_name='del av'),
        ),
        migrations.AlterField(
            model_name='historicalnetwork',
            name='public_intro',
            field=models.TextField(blank=True, verbose_name='tekst på den offentlige siden'),
        ),
        migrations.AlterField(
            model_name='historicalnetwork',
            name='public_intro_en',
            field=models.TextField(blank=True, verbose_name='tekst på den offentlige siden, engelsk'),
        ),
        migrations.AlterField(
            model_name='historicalnetwork',
            name='sender_email',
            field=models.EmailField(blank=True, help_text='Tom: installasjonens standardavsender.', max_length=254, verbose_name='avsenderadresse'),
        ),
        migrations.AlterField(
            model_name='historicalnetwork',
            name='short_name',
            field=models.CharField(blank=True, help_text='Brukes der det er trangt, for eksempel i menyen.', max_length=60, verbose_name='kortnavn'),
        ),
        migrations.AlterField(
            model_name='historicalnetwork',
            name='slug',
            field=models.SlugField(help_text='Små bokstaver, tall og bindestrek.', max_length=60, verbose_name='nettadresse'),
        ),
        migrations.AlterField(
            model_name='historicalnetwork',
            name='tagline',
            field=models.CharField(blank=True, help_text='Vises etter navnet nederst på hver side.', max_length=200, verbose_name='kort beskrivelse'),
        ),
        migrations.AlterField(
            model_name='historicalnetwork',
            name='tagline_en',
            field=models.CharField(blank=True, max_length=200, verbose_name='kort beskrivelse på engelsk'),
        ),
        migrations.AlterField(
            model_name='membership',
            name='network',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='memberships', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AlterField(
            model_name='network',
            name='admitted_kinds',
            field=models.JSONField(blank=True, default=list, help_text='Organisasjonstypene nettverket tar opp.', verbose_name='hvem kan være part'),
        ),
        migrations.AlterField(
            model_name='network',
            name='agreement_ends_on',
            field=models.DateField(blank=True, help_text='En fast sluttdato for alle parter.', null=True, verbose_name='avtalen gjelder til'),
        ),
        migrations.AlterField(
            model_name='network',
            name='agreement_years',
            field=models.PositiveSmallIntegerField(blank=True, default=3, help_text='Fra hver parts signering. Tom når avtalen gjelder til en fast dato.', null=True, verbose_name='avtalens varighet (år)'),
        ),
        migrations.AlterField(
            model_name='network',
            name='has_dues',
            field=models.BooleanField(default=True, help_text='Satsene og hvem som fakturerer, settes under fakturering.', verbose_name='partene betaler kontingent'),
        ),
        migrations.AlterField(
            model_name='network',
            name='name',
            field=models.CharField(max_length=200, validators=[members.validators.validate_no_control_characters], verbose_name='navn'),
        ),
        migrations.AlterField(
            model_name='network',
            name='notice_months',
            field=models.PositiveSmallIntegerField(default=6, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(60)], verbose_name='oppsigelsestid (måneder)'),
        ),
        migrations.AlterField(
            model_name='network',
            name='parent',
            field=models.ForeignKey(blank=True, help_text='For eksempel en kommuneklynge i en KSF-region.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='members.network', verbose_name='del av'),
        ),
        migrations.AlterField(
            model_name='network',
            name='public_intro',
            field=models.TextField(blank=True, verbose_name='tekst på den offentlige siden'),
        ),
        migrations.AlterField(
            model_name='network',
            name='public_intro_en',
            field=models.TextField(blank=True, verbose_name='tekst på den offentlige siden, engelsk'),
        ),
        migrations.AlterField(
            model_name='network',
            name='sender_email',
            field=models.EmailField(blank=True, help_text='Tom: installasjonens standardavsender.', max_length=254, verbose_name='avsenderadresse'),
        ),
        migrations.AlterField(
            model_name='network',
            name='short_name',
            field=models.CharField(blank=True, help_text='Brukes der det er trangt, for eksempel i menyen.', max_length=60, verbose_name='kortnavn'),
        ),
        migrations.AlterField(
            model_name='network',
            name='slug',
            field=models.SlugField(help_text='Små bokstaver, tall og bindestrek.', max_length=60, unique=True, verbose_name='nettadresse'),
        ),
        migrations.AlterField(
            model_name='network',
            name='tagline',
            field=models.CharField(blank=True, help_text='Vises etter navnet nederst på hver side.', max_length=200, verbose_name='kort beskrivelse'),
        ),
        migrations.AlterField(
            model_name='network',
            name='tagline_en',
            field=models.CharField(blank=True, max_length=200, verbose_name='kort beskrivelse på engelsk'),
        ),
        migrations.AddConstraint(
            model_name='membership',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'resigned'), _negated=True), fields=('network', 'organisation'), name='membership_one_current_per_organisation_and_network'),
        ),
        migrations.AddConstraint(
            model_name='network',
            constraint=models.CheckConstraint(condition=models.Q(('notice_months__gte', 1), ('notice_months__lte', 60)), name='network_notice_months_in_range'),
        ),
        migrations.AddConstraint(
            model_name='network',
            constraint=models.CheckConstraint(condition=models.Q(('agreement_starts_on__isnull', True), ('agreement_ends_on__isnull', True), ('agreement_ends_on__gt', models.F('agreement_starts_on')), _connector='OR'), name='network_agreement_ends_after_start'),
        ),
    ]
