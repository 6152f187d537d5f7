"""Placement by jenjang becomes per-region data with its articles (was one boolean)."""
from django.db import migrations, models

# The rule sets as they stood when this migration was written (later preset edits must not
# rewrite history): only the three regions that had the boolean switched on.
_PRESET_DIPAKAI = ("bungo", "indragiri_hilir", "kotabaru")


def isi(apps, schema_editor):
    from organisasi.presets import ATURAN_KEDUDUKAN

    Instansi = apps.get_model("organisasi", "Instansi")
    for instansi in Instansi.objects.filter(aturan_kedudukan_jenjang=True):
        preset = instansi.preset if instansi.preset in _PRESET_DIPAKAI else "kotabaru"
        instansi.aturan_kedudukan = ATURAN_KEDUDUKAN[preset]
        instansi.save(update_fields=["aturan_kedudukan"])


class Migration(migrations.Migration):
    dependencies = [("organisasi", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="instansi", name="aturan_kedudukan",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="aturan kedudukan menurut jenjang",
                help_text="jenjang JF/Pelaksana → jabatan PPK yang boleh, dengan pasal peraturannya; kosong = bebas "
                          "(lihat organisasi/kedudukan.py); diisi dari preset"),
        ),
        migrations.RunPython(isi, migrations.RunPython.noop),
        migrations.RemoveField(model_name="instansi", name="aturan_kedudukan_jenjang"),
    ]
