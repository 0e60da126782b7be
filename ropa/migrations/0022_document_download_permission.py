"""Downloading a signed document (DPA, transfer impact assessment, DPIA report) is a permission of its own.

ropa.security.roles gives it to the privacy officer and the auditor after `migrate`; not to the request handler.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('ropa', '0021_activity_completeness_as_an_authority_reads_it'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='dataprocessingagreement',
            options={'default_permissions': ('add', 'change', 'delete', 'view', 'import', 'export', 'download'), 'ordering': ['processor__name', '-signed_on'], 'verbose_name': 'data processing agreement', 'verbose_name_plural': 'data processing agreements'},
        ),
        migrations.AlterModelOptions(
            name='dpia',
            options={'default_permissions': ('add', 'change', 'delete', 'view', 'import', 'export', 'download'), 'ordering': ['activity', '-decided_on', '-pk'], 'verbose_name': 'data protection impact assessment', 'verbose_name_plural': 'data protection impact assessments'},
        ),
        migrations.AlterModelOptions(
            name='transfer',
            options={'default_permissions': ('add', 'change', 'delete', 'view', 'import', 'export', 'download'), 'ordering': ['destination_country', 'international_organisation', 'pk'], 'verbose_name': 'transfer to a third country', 'verbose_name_plural': 'transfers to third countries'},
        ),
    ]
