"""Demo of the Kinerja I cycle, built through the real services on top of the region and the
requests (``organisasi.demo``, ``penugasan.demo``), from ``fixtures/demo/kinerja.yaml``:

* region 1 (aturan Kotabaru): the Diskominfo PK of this year set by the Kepala Dinas, its targets
  cascaded to the Kabid, one target worked by a team formed from a cross-unit request linked to
  the target (ketua ``pelaksana``, anggota ``jf`` of another Bidang), the activity and budget plan
  approved by the Kabid, the ketua's action plan, the jf's work plan and a complete role matrix
  (every member accepted their row);
* region 2 (aturan Pasuruan): the Diskominfo PK amended as version 2 with its reason (login
  ``kadis2``, created here).

Idempotent: a PK that exists for the position and year is not built again. The letters of the
team are rendered by ``surat.demo`` (which runs after this loader)."""
from __future__ import annotations

import datetime
import logging
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from inti import waktu
from organisasi import selectors as org
from penugasan import services as penugasan_services
from penugasan.models import AnggotaTim, StatusPermohonan

from . import services
from .models import PerjanjianKinerja, StatusPK

logger = logging.getLogger(__name__)

BERKAS = Path(settings.BASE_DIR) / "fixtures" / "demo" / "kinerja.yaml"


def data_kinerja() -> dict:
    return yaml.safe_load(BERKAS.read_text(encoding="utf-8"))


def _putuskan_sampai_selesai(permohonan):
    """Approve every step as whoever holds or acts for the deciding position (demo accounts)."""
    while permohonan.status == StatusPermohonan.MENUNGGU_KEPUTUSAN:
        pejabat = org.pejabat_berwenang(jabatan=permohonan.jabatan_penentu)
        if pejabat is None or pejabat.pegawai.user is None:
            raise RuntimeError(f"Pengambil keputusan {permohonan.jabatan_penentu} tidak memiliki akun demo.")
        permohonan = penugasan_services.permohonan_setujui(actor=pejabat.pegawai.user, permohonan_id=permohonan.pk,
                                                          langkah=permohonan.langkah_ke)
    return permohonan


def _isi_pk(*, actor, pk, spec: dict) -> dict:
    """Sasaran and indikator of ``spec`` into a draft PK; {indikator kode: IndikatorKinerja}."""
    per_kode = {}
    for s in spec["sasaran"]:
        sasaran = services.sasaran_simpan(actor=actor, pk_id=pk.pk, uraian=s["uraian"], kode=s["kode"])
        for ind in s["indikator"]:
            per_kode[ind["kode"]] = services.indikator_simpan(actor=actor, sasaran_id=sasaran.pk, **ind)
    return per_kode


def _bagi(*, actor, indikator: dict, kaskade: dict, jabatan: dict) -> dict:
    """{indikator kode: {peran: TargetJabatan}}."""
    hasil = {}
    for kode, bagian in kaskade.items():
        isi = [{"jabatan_id": jabatan[b["peran"]].pk, **{k: v for k, v in b.items() if k != "peran"}} for b in bagian]
        targets = services.kaskade_bagi(actor=actor, indikator_id=indikator[kode].pk, bagian=isi)
        peran_per_jabatan = {jabatan[b["peran"]].pk: b["peran"] for b in bagian}
        hasil[kode] = {peran_per_jabatan[t.jabatan_id]: t for t in targets}
    return hasil


def _pk_region1(konteks: dict, spec: dict, tahun: int) -> PerjanjianKinerja | None:
    users, pegawai, jabatan = konteks["users"], konteks["pegawai"], konteks["jabatan"]
    kadis = users["kadis"]
    ada = PerjanjianKinerja.objects.filter(jabatan=jabatan["kadis"], tahun=tahun).order_by("-versi").first()
    if ada is not None:
        return ada
    pk = services.pk_buat(actor=kadis, jabatan_id=jabatan["kadis"].pk, tahun=tahun, judul=f"{spec['judul']} {tahun}")
    indikator = _isi_pk(actor=kadis, pk=pk, spec=spec)
    pk = services.pk_tetapkan(actor=kadis, pk_id=pk.pk, tanggal_berlaku=datetime.date(tahun, 1, 2))
    targets = _bagi(actor=kadis, indikator=indikator, kaskade=spec["kaskade"], jabatan=jabatan)

    # the team's target: strategy → pre-filled request (cross-unit) → approved → team, linked
    t = spec["tim"]
    target = targets[t["indikator"]]["pimpinan"]
    services.strategi_tetapkan(actor=users["pimpinan"], target_id=target.pk, bentuk="tim", perlu_ketua=True,
                               kebutuhan="lintas_unit", jumlah_dibutuhkan=1, kompetensi_dibutuhkan=t["kompetensi"],
                               arahan=t["arahan"])
    permohonan = services.strategi_buat_permohonan(
        actor=users["pimpinan"], target_id=target.pk, unit_tujuan_id=konteks["unit"]["ppk"].pk, nama_tim=t["nama"],
        ketua_tim_id=pegawai["pelaksana"].pk, pegawai_diminta_ids=[pegawai["jf"].pk], kriteria=t["kompetensi"])
    permohonan = _putuskan_sampai_selesai(permohonan)
    tim = permohonan.tim
    # the other Level 2 targets: individual work in the Kabid's own unit
    for kode, per_peran in targets.items():
        for peran, x in per_peran.items():
            if x.pk != target.pk:
                services.strategi_tetapkan(actor=users[peran], target_id=x.pk, bentuk="individu",
                                           arahan="Dikerjakan oleh staf bidang sendiri.")

    # plans: activity and budget plan (pelaksana with the Kabid, approved by the Kabid), the ketua's action plan,
    # the jf's work plan
    rka = t["rencana_anggaran"]
    rencana = services.rencana_anggaran_simpan(actor=users["pelaksana"], target_id=target.pk, judul=rka["judul"],
                                               kegiatan=rka["kegiatan"])
    services.rencana_anggaran_ajukan(actor=users["pelaksana"], rencana_id=rencana.pk)
    services.rencana_anggaran_setujui(actor=users["pimpinan"], rencana_id=rencana.pk,
                                      catatan="Sesuai pagu sub kegiatan.")
    services.rencana_aksi_simpan(actor=users["pelaksana"], tim_id=tim.pk, judul=f"Rencana aksi {tim.nama}",
                                 target_id=target.pk, tonggak=[{
                                     "uraian": x["uraian"], "keluaran": x["keluaran"], "bobot": x["bobot"],
                                     "tenggat": min(tim.selesai, tim.mulai + datetime.timedelta(days=x["hari"])),
                                     "pemilik_ids": [pegawai[x["pelaksana"]].pk]} for x in t["tonggak"]])
    services.rencana_kerja_simpan(actor=users["jf"], tahun=tahun, tim_id=tim.pk, target_id=target.pk,
                                  uraian=f"Rencana kerja dalam {tim.nama}", butir=t["rencana_kerja_jf"])

    # the complete role matrix: the ketua fills every row, each member accepts
    anggota = {a.pegawai_id: a for a in AnggotaTim.objects.filter(tim=tim)}
    baris = [{"anggota_id": anggota[pegawai[peran].pk].pk, "target_id": target.pk, **isi}
             for peran, isi in t["matriks"].items()]
    for b in services.matriks_isi(actor=users["pelaksana"], tim_id=tim.pk, baris=baris):
        pemilik = next(u for p, u in users.items() if p in t["matriks"] and pegawai[p].pk == b.anggota.pegawai_id)
        services.matriks_terima(actor=pemilik, baris_id=b.pk, komentar="Setuju, sesuai arahan.")
    return pk


def _akun_kadis2(konteks: dict, akun: dict):
    """The login of the Kepala Dinas Kominfo of region 2 (the demo password)."""
    pd = konteks["pd"]["DISKOMINFO@2"]
    jabatan = services.jabatan_penetap_pk(perangkat_daerah=pd)
    pejabat = org.pejabat_pada(jabatan=jabatan)
    pegawai = pejabat.pegawai
    if pegawai.user_id is None:
        user, _dibuat = get_user_model().objects.get_or_create(username=akun["username"])
        user.set_password(konteks["password"])
        user.save()
        pegawai.user = user
        pegawai.save(update_fields=["user", "updated_at"])
    konteks["users"][akun["username"]] = pegawai.user
    if (akun["username"], akun["peran"]) not in konteks.get("peran", []):
        konteks.setdefault("peran", []).append((akun["username"], akun["peran"]))
    return jabatan, pegawai.user


def _pk_region2(konteks: dict, spec: dict, tahun: int) -> PerjanjianKinerja | None:
    jabatan, kadis2 = _akun_kadis2(konteks, spec["akun"])
    ada = PerjanjianKinerja.objects.filter(jabatan=jabatan, tahun=tahun).order_by("-versi").first()
    if ada is not None:
        return ada
    pk = services.pk_buat(actor=kadis2, jabatan_id=jabatan.pk, tahun=tahun, judul=f"{spec['judul']} {tahun}")
    indikator = _isi_pk(actor=kadis2, pk=pk, spec=spec)
    pk = services.pk_tetapkan(actor=kadis2, pk_id=pk.pk, tanggal_berlaku=datetime.date(tahun, 1, 2))
    _bagi(actor=kadis2, indikator=indikator, kaskade=spec["kaskade"], jabatan={**konteks["jabatan"], "kadis2": jabatan})
    ubah = spec["perubahan"]
    baru = services.pk_ubah(actor=kadis2, pk_id=pk.pk, alasan_perubahan=ubah["alasan"],
                            tanggal_berlaku=datetime.date(tahun, ubah["berlaku_bulan"], 1))
    tambahan = ubah["indikator_tambahan"]
    sasaran = baru.sasaran.get(kode=tambahan["sasaran"])
    services.indikator_simpan(actor=kadis2, sasaran_id=sasaran.pk, **tambahan["isi"])
    return services.pk_tetapkan(actor=kadis2, pk_id=baru.pk)


def muat(konteks: dict) -> dict:
    data = data_kinerja()
    tahun = waktu.hari_ini().year
    hasil = {}
    for kunci, bangun, spec in (("pk", _pk_region1, data["pk"]), ("pk_diubah", _pk_region2, data["pk_diubah"])):
        try:
            with transaction.atomic():
                hasil[kunci] = bangun(konteks, spec, tahun)
        except Exception:  # a demo scenario must never break the whole demo load
            logger.exception("Skenario demo kinerja '%s' gagal dibuat.", kunci)
    konteks["kinerja"] = hasil
    logger.info("Demo kinerja: %s", ", ".join(f"{k}: {v} ({v.status})" for k, v in hasil.items() if v))
    return konteks


__all__ = ["muat", "data_kinerja", "StatusPK"]
