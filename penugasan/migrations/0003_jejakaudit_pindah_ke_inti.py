"""The audit trail moves to the core app ``inti`` (it records every app's actions, not only
penugasan's). Rows are copied with their ids into ``inti_jejakaudit`` (created by
``inti.0001_initial``), then the old table is dropped. This migration depends on ``inti``, not
the other way round, so the dependency between the apps keeps pointing down (penugasan → inti)
on an empty database as on an existing one. Reversible: going back copies the rows back."""
from django.core.management.color import no_style
from django.db import migrations

KOLOM = ["id", "waktu", "actor_id", "nama_actor", "atas_nama", "sebagai", "objek_tipe", "objek_id", "objek_repr",
         "aksi", "status_dari", "status_ke", "alasan", "ip", "diizinkan"]


def _salin(apps, schema_editor, *, dari: str, ke: str, kosongkan_asal: bool = False) -> None:
    asal = apps.get_model(*dari.split("."))
    tujuan = apps.get_model(*ke.split("."))
    qn = schema_editor.connection.ops.quote_name
    kolom = ", ".join(qn(k) for k in KOLOM)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {qn(tujuan._meta.db_table)} ({kolom}) "
                       f"SELECT {kolom} FROM {qn(asal._meta.db_table)}")
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [tujuan]):
            cursor.execute(sql)
        if kosongkan_asal:  # raw SQL: the append-only manager refuses deletes, rightly
            cursor.execute(f"DELETE FROM {qn(asal._meta.db_table)}")


def salin_ke_inti(apps, schema_editor):
    _salin(apps, schema_editor, dari="penugasan.JejakAudit", ke="inti.JejakAudit")


def salin_kembali(apps, schema_editor):
    _salin(apps, schema_editor, dari="inti.JejakAudit", ke="penugasan.JejakAudit", kosongkan_asal=True)


class Migration(migrations.Migration):

    dependencies = [
        ("inti", "0001_initial"),
        ("penugasan", "0002_permohonan_dikembalikan"),
    ]

    operations = [
        migrations.RunPython(salin_ke_inti, salin_kembali),
        migrations.DeleteModel(name="JejakAudit"),
    ]
