"""Roles per network (issue 22): contact-role kinds, membership roles, notice addressees, the
network's obligations; ContactRole gets its network and kind (filled by 0011), Membership a role."""

import django.db.models.deletion
import members.network_models
import members.validators
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0011_help_texts_name_no_party'),
    ]

    operations = [
        migrations.CreateModel(
            name='ContactRoleKind',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=80, validators=[members.validators.validate_name], verbose_name='navn')),
                ('name_en', models.CharField(blank=True, max_length=80, verbose_name='navn på engelsk')),
                ('key', models.SlugField(help_text='Små bokstaver, tall og bindestrek; unik i nettverket.', max_length=40, verbose_name='nøkkel')),
                ('required', models.BooleanField(default=False, help_text='Hvert medlem må ha minst én med denne rollen.', verbose_name='påkrevd')),
                ('one_per_organisation', models.BooleanField(default=False, verbose_name='høyst én per organisasjon')),
                ('organisation_kinds', models.JSONField(blank=True, default=list, help_text='Tom: alle typer parter. Påkrevd gjelder bare for medlemmer av disse typene.', verbose_name='for parter av typen')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='rekkefølge')),
            ],
            options={
                'verbose_name': 'type kontaktrolle',
                'verbose_name_plural': 'typer kontaktroller',
                'ordering': ['network', 'order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalContactRoleKind',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(max_length=80, validators=[members.validators.validate_name], verbose_name='navn')),
                ('name_en', models.CharField(blank=True, max_length=80, verbose_name='navn på engelsk')),
                ('key', models.SlugField(help_text='Små bokstaver, tall og bindestrek; unik i nettverket.', max_length=40, verbose_name='nøkkel')),
                ('required', models.BooleanField(default=False, help_text='Hvert medlem må ha minst én med denne rollen.', verbose_name='påkrevd')),
                ('one_per_organisation', models.BooleanField(default=False, verbose_name='høyst én per organisasjon')),
                ('organisation_kinds', models.JSONField(blank=True, default=list, help_text='Tom: alle typer parter. Påkrevd gjelder bare for medlemmer av disse typene.', verbose_name='for parter av typen')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='rekkefølge')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical type kontaktrolle',
                'verbose_name_plural': 'historical typer kontaktroller',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalMembershipRoleKind',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(max_length=80, validators=[members.validators.validate_name], verbose_name='navn')),
                ('name_en', models.CharField(blank=True, max_length=80, verbose_name='navn på engelsk')),
                ('one_per_network', models.BooleanField(default=False, help_text='For eksempel én motorkommune per klynge.', verbose_name='høyst ett medlem om gangen')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='rekkefølge')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical medlemsrolle',
                'verbose_name_plural': 'historical medlemsroller',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalNoticeAddressee',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('copy', models.BooleanField(default=False, help_text='Får kopi i stedet for å være mottaker.', verbose_name='kopi')),
                ('source', models.CharField(choices=[('body_leader', 'Leder av et organ i nettverket'), ('contact_role', 'Kontaktrolle hos medlemmet med en medlemsrolle')], max_length=16, verbose_name='hvem')),
                ('body_kind', models.CharField(blank=True, help_text='For leder av et organ, for eksempel «steering_group».', max_length=20, verbose_name='type organ')),
                ('title', models.CharField(blank=True, help_text='Slik brevet omtaler mottakeren, for eksempel «Styringsgruppens leder». Tom: kontaktrollens navn.', max_length=120, verbose_name='betegnelse')),
                ('title_en', models.CharField(blank=True, max_length=120, verbose_name='betegnelse på engelsk')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='rekkefølge')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical mottaker av oppsigelse',
                'verbose_name_plural': 'historical mottakere av oppsigelse',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='MembershipRoleKind',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=80, validators=[members.validators.validate_name], verbose_name='navn')),
                ('name_en', models.CharField(blank=True, max_length=80, verbose_name='navn på engelsk')),
                ('one_per_network', models.BooleanField(default=False, help_text='For eksempel én motorkommune per klynge.', verbose_name='høyst ett medlem om gangen')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='rekkefølge')),
            ],
            options={
                'verbose_name': 'medlemsrolle',
                'verbose_name_plural': 'medlemsroller',
                'ordering': ['network', 'order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='NoticeAddressee',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('copy', models.BooleanField(default=False, help_text='Får kopi i stedet for å være mottaker.', verbose_name='kopi')),
                ('source', models.CharField(choices=[('body_leader', 'Leder av et organ i nettverket'), ('contact_role', 'Kontaktrolle hos medlemmet med en medlemsrolle')], max_length=16, verbose_name='hvem')),
                ('body_kind', models.CharField(blank=True, help_text='For leder av et organ, for eksempel «steering_group».', max_length=20, verbose_name='type organ')),
                ('title', models.CharField(blank=True, help_text='Slik brevet omtaler mottakeren, for eksempel «Styringsgruppens leder». Tom: kontaktrollens navn.', max_length=120, verbose_name='betegnelse')),
                ('title_en', models.CharField(blank=True, max_length=120, verbose_name='betegnelse på engelsk')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='rekkefølge')),
            ],
            options={
                'verbose_name': 'mottaker av oppsigelse',
                'verbose_name_plural': 'mottakere av oppsigelse',
                'ordering': ['network', 'copy', 'order', 'pk'],
            },
        ),
        migrations.AlterModelOptions(
            name='contactrole',
            options={'ordering': ['-is_primary', 'kind__order', 'person__last_name', 'person__first_name'], 'verbose_name': 'kontaktperson', 'verbose_name_plural': 'kontaktpersoner'},
        ),
        migrations.RemoveConstraint(
            model_name='contactrole',
            name='contact_role_once_per_person',
        ),
        migrations.AddField(
            model_name='contactrole',
            name='network',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='contact_roles', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AddField(
            model_name='historicalcontactrole',
            name='network',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AddField(
            model_name='historicalnetwork',
            name='obligations',
            field=models.JSONField(blank=True, default=members.network_models.default_obligations, help_text='Hvilke forpliktelser som sjekkes for hvert medlem hvert år.', verbose_name='minsteforpliktelser'),
        ),
        migrations.AddField(
            model_name='network',
            name='obligations',
            field=models.JSONField(blank=True, default=members.network_models.default_obligations, help_text='Hvilke forpliktelser som sjekkes for hvert medlem hvert år.', verbose_name='minsteforpliktelser'),
        ),
        migrations.AddField(
            model_name='contactrolekind',
            name='network',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contact_role_kinds', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AddField(
            model_name='contactrole',
            name='kind',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='contact_roles', to='members.contactrolekind', verbose_name='rolle'),
        ),
        migrations.AddField(
            model_name='historicalcontactrole',
            name='kind',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.contactrolekind', verbose_name='rolle'),
        ),
        migrations.AddConstraint(
            model_name='contactrole',
            constraint=models.UniqueConstraint(fields=('organisation', 'person', 'kind'), name='contact_role_once_per_person_and_kind'),
        ),
        migrations.AddField(
            model_name='historicalcontactrolekind',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalcontactrolekind',
            name='network',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AddField(
            model_name='historicalmembershiprolekind',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalmembershiprolekind',
            name='network',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AddField(
            model_name='historicalnoticeaddressee',
            name='contact_kind',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.contactrolekind', verbose_name='kontaktrollen'),
        ),
        migrations.AddField(
            model_name='historicalnoticeaddressee',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalnoticeaddressee',
            name='network',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AddField(
            model_name='membershiprolekind',
            name='network',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='membership_role_kinds', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AddField(
            model_name='historicalnoticeaddressee',
            name='membership_role',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.membershiprolekind', verbose_name='medlemmet med rollen'),
        ),
        migrations.AddField(
            model_name='historicalcontactrolekind',
            name='held_by_role',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='For eksempel klyngelederen, som motorkommunen utpeker.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.membershiprolekind', verbose_name='bare hos medlemmet med rollen'),
        ),
        migrations.AddField(
            model_name='contactrolekind',
            name='held_by_role',
            field=models.ForeignKey(blank=True, help_text='For eksempel klyngelederen, som motorkommunen utpeker.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='contact_role_kinds', to='members.membershiprolekind', verbose_name='bare hos medlemmet med rollen'),
        ),
        migrations.AddField(
            model_name='historicalmembership',
            name='role',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='For eksempel motorkommune eller vertskommune.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='members.membershiprolekind', verbose_name='rolle i nettverket'),
        ),
        migrations.AddField(
            model_name='membership',
            name='role',
            field=models.ForeignKey(blank=True, help_text='For eksempel motorkommune eller vertskommune.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='memberships', to='members.membershiprolekind', verbose_name='rolle i nettverket'),
        ),
        migrations.AddField(
            model_name='noticeaddressee',
            name='contact_kind',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='notice_addressees', to='members.contactrolekind', verbose_name='kontaktrollen'),
        ),
        migrations.AddField(
            model_name='noticeaddressee',
            name='membership_role',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='notice_addressees', to='members.membershiprolekind', verbose_name='medlemmet med rollen'),
        ),
        migrations.AddField(
            model_name='noticeaddressee',
            name='network',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notice_addressees', to='members.network', verbose_name='nettverk'),
        ),
        migrations.AddConstraint(
            model_name='membershiprolekind',
            constraint=models.UniqueConstraint(fields=('network', 'name'), name='membership_role_kind_name_unique_in_network'),
        ),
        migrations.AddConstraint(
            model_name='contactrolekind',
            constraint=models.UniqueConstraint(fields=('network', 'key'), name='contact_role_kind_key_unique_in_network'),
        ),
        migrations.AddConstraint(
            model_name='contactrolekind',
            constraint=models.UniqueConstraint(fields=('network', 'name'), name='contact_role_kind_name_unique_in_network'),
        ),
        migrations.AddConstraint(
            model_name='noticeaddressee',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('contact_kind__isnull', True), ('membership_role__isnull', True), ('source', 'body_leader'), models.Q(('body_kind', ''), _negated=True)), models.Q(('contact_kind__isnull', False), ('membership_role__isnull', False), ('source', 'contact_role')), _connector='OR'), name='notice_addressee_source_complete'),
        ),
    ]
