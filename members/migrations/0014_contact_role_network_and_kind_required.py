"""Every contact role has its network and kind (filled by 0011): the columns become required."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0013_contact_roles_become_kontaktperson'),
    ]

    operations = [
        migrations.AlterField(
            model_name='contactrole',
            name='kind',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='contact_roles', to='members.contactrolekind', verbose_name='rolle'),
        ),
        migrations.AlterField(
            model_name='contactrole',
            name='network',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='contact_roles', to='members.network', verbose_name='nettverk'),
        ),
    ]
