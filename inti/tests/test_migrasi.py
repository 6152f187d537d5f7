"""The audit trail moved from penugasan to inti without losing a row (ids kept, new ids after them)."""
from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]  # migrates back and forth

SEBELUM = [("penugasan", "0002_permohonan_dikembalikan"), ("inti", None)]
SESUDAH = [("penugasan", "0003_jejakaudit_pindah_ke_inti"), ("inti", "0001_initial")]


def _migrasi(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in target if t[1] is not None]).apps


def test_jejak_lama_pindah_ke_inti_dan_kembali():
    try:
        # given: the schema of main before the move, with audit rows written by penugasan
        apps = _migrasi(SEBELUM)
        User = apps.get_model("auth", "User")
        Lama = apps.get_model("penugasan", "JejakAudit")
        user = User.objects.create(username="pejabat")
        for i in (1, 2, 3):
            Lama.objects.create(actor=user, nama_actor="Pejabat", objek_tipe="penugasan.PermohonanPenugasan",
                                objek_id=str(i), aksi="permohonan.setujui", diizinkan=i != 2, ip="10.0.0.1")
        lama = sorted(Lama.objects.values_list("id", "objek_id", "diizinkan", "actor_id", "ip"))

        # when: migrating forward
        apps = _migrasi(SESUDAH)
        Baru = apps.get_model("inti", "JejakAudit")

        # then: every row is in inti with its id, and the next row gets a new id
        assert sorted(Baru.objects.values_list("id", "objek_id", "diizinkan", "actor_id", "ip")) == lama
        assert "penugasan_jejakaudit" not in connection.introspection.table_names()
        baru = Baru.objects.create(objek_tipe="surat.Surat", aksi="surat.cabut", diizinkan=False)
        assert baru.pk > max(r[0] for r in lama)

        # and back: the rows return to penugasan
        apps = _migrasi(SEBELUM)
        assert apps.get_model("penugasan", "JejakAudit").objects.count() == 4
    finally:
        _migrasi(_ujung())


def _ujung():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
