from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisasi', '0006_lingkup_auditor'),
    ]

    operations = [
        migrations.AddField(
            model_name='imporbagan',
            name='antre_pada',
            field=models.DateTimeField(blank=True, null=True, verbose_name='diantrekan pada'),
        ),
        migrations.AddField(
            model_name='imporbagan',
            name='dimulai_pada',
            field=models.DateTimeField(blank=True, null=True, verbose_name='mulai diterapkan pada'),
        ),
    ]
