"""Auditors no longer read every letter of the deployment: the group "Auditor" loses the global
``surat.lihat_semua_surat``; auditors read the letters of their Instansi (``LingkupAuditor``)."""
from django.db import migrations


def cabut(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perm = Permission.objects.filter(content_type__app_label="surat", codename="lihat_semua_surat").first()
    grup = Group.objects.filter(name="Auditor").first()
    if perm is not None and grup is not None:
        grup.permissions.remove(perm)


class Migration(migrations.Migration):
    dependencies = [("surat", "0003_surat_render_diantrekan_pada"), ("organisasi", "0006_lingkup_auditor"),
                    ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(cabut, migrations.RunPython.noop)]
