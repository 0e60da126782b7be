"""Every organisation, processor and system belongs to a workspace: 0016 placed each existing one (issue 23)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ropa', '0016_workspaces_for_existing_data'),
    ]

    operations = [
        migrations.AlterField(
            model_name='organisation',
            name='workspace',
            field=models.ForeignKey(blank=True, help_text='The client whose record names this organisation.', on_delete=django.db.models.deletion.PROTECT, related_name='organisations', to='ropa.workspace', verbose_name='workspace'),
        ),
        migrations.AlterField(
            model_name='processor',
            name='workspace',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='processors', to='ropa.workspace', verbose_name='workspace'),
        ),
        migrations.AlterField(
            model_name='system',
            name='workspace',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='systems', to='ropa.workspace', verbose_name='workspace'),
        ),
    ]
