"""Register 7: the rules in force on a date (the dated rule sets, ``organisasi.AturanInstansi``)
and every change to them, with who changed what.

One row per rule-set version of the scope: its regulation, the dates it was in force (until the
next version took effect), whether it is the version in force on the reference date (the "Sampai"
filter, today without it), the settings it changed against the version before it, and the audit
row written with it (who, when, which action). Audit rows on the Instansi that belong to no version
(an Instansi's other settings edited in the admin, a refused attempt) follow as rows of their own.

Rules are Instansi-wide: the Perangkat Daerah and unit filters do not narrow them. Two queries
(versions, audit rows) whatever the number of rows; the versions of one Instansi are few."""
from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from inti import waktu as inti_waktu
from inti.models import AksiAudit, JejakAudit
from organisasi.models import Instansi, Preset
from organisasi.models_aturan import FIELD_ATURAN, AturanInstansi

from .dasar import Register, Saringan, instansi_terpilih, tgl, waktu

KOLOM = ["Instansi", "Versi", "Berlaku mulai", "Berlaku sampai", "Berlaku pada tanggal acuan", "Tanggal acuan",
         "Preset", "Peraturan", "Nomor", "Tahun", "Pasal mulai berlaku", "Pengaturan yang berubah",
         "Alasan perubahan", "Dibuat oleh", "Dibuat pada", "Aksi audit", "Dicatat oleh", "Waktu dicatat",
         "Keterangan audit", "Diizinkan"]
AKSI_ATURAN = (AksiAudit.INSTANSI_TERAPKAN_PRESET, AksiAudit.INSTANSI_UBAH_RUTE, AksiAudit.INSTANSI_UBAH_PENGATURAN)
TIPE_INSTANSI = Instansi._meta.label
BERLAKU = "berlaku"


def _tanggal_acuan(saringan: Saringan) -> datetime.date:
    return saringan.sampai or inti_waktu.hari_ini()


def _label(f: str) -> str:
    try:
        return str(Instansi._meta.get_field(f).verbose_name)
    except Exception:  # a key no longer on the model: show it as stored
        return f


def _tampil(nilai) -> str:
    if isinstance(nilai, bool):
        return "ya" if nilai else "tidak"
    if isinstance(nilai, (dict, list)):
        return "(isi diubah)" if nilai else "—"
    return str(nilai) if nilai not in ("", None) else "—"


def perubahan(sebelum: dict | None, sesudah: dict) -> str:
    """The settings a version changed against the one before it: 'label: old → new; …'."""
    if sebelum is None:
        return "Versi pertama (seluruh pengaturan ditetapkan)"
    bagian = []
    for f in FIELD_ATURAN:
        lama, baru = sebelum.get(f), sesudah.get(f)
        if lama == baru:
            continue
        if isinstance(lama, (dict, list)) or isinstance(baru, (dict, list)):
            bagian.append(f"{_label(f)}: diubah")
        else:
            bagian.append(f"{_label(f)}: {_tampil(lama)} → {_tampil(baru)}")
    return "; ".join(bagian) or "Tidak ada pengaturan yang berubah"


def _berlaku_pada(versi: list[AturanInstansi], tanggal: datetime.date) -> int | None:
    """The pk of the version in force on ``tanggal`` (as ``selectors_aturan.aturan_pada``: the
    latest by effective date then number; before the first one, the first one)."""
    if not versi:
        return None
    urut = sorted(versi, key=lambda v: (v.berlaku_mulai, v.versi))
    sebelum = [v for v in urut if v.berlaku_mulai <= tanggal]
    return (sebelum[-1] if sebelum else urut[0]).pk


def _data(user, saringan: Saringan):
    instansi = instansi_terpilih(user, saringan)
    versi = list(AturanInstansi.objects.filter(instansi__in=instansi).select_related("instansi", "dibuat_oleh")
                 .order_by("instansi__nama", "instansi_id", "versi"))
    id_teks = (Instansi.objects.filter(pk__in=instansi).order_by().annotate(t=Cast("pk", CharField())).values("t"))
    jejak = list(JejakAudit.objects.filter(objek_tipe=TIPE_INSTANSI, objek_id__in=id_teks, aksi__in=AKSI_ATURAN)
                 .order_by("waktu", "pk"))
    return versi, jejak


def _pasangkan(versi: list[AturanInstansi], jejak: list[JejakAudit]) -> dict[int, JejakAudit]:
    """Each version's audit row: the first allowed row on its Instansi written at or after the
    version (same transaction) and not taken by an earlier version."""
    sisa: dict[str, list[JejakAudit]] = {}
    for j in jejak:
        if j.diizinkan:
            sisa.setdefault(j.objek_id, []).append(j)
    hasil = {}
    for v in sorted(versi, key=lambda x: (x.created_at, x.pk)):
        daftar = sisa.get(str(v.instansi_id), [])
        for i, j in enumerate(daftar):
            if j.waktu >= v.created_at - datetime.timedelta(seconds=1):
                hasil[v.pk] = daftar.pop(i)
                break
    return hasil


def _dalam_periode(saat: datetime.datetime, saringan: Saringan) -> bool:
    if saringan.status == BERLAKU:
        return True
    hari = saat.date() if saat else None
    if hari is None:
        return False
    if saringan.dari and hari < saringan.dari:
        return False
    # the reference date is "Sampai": changes made up to it
    return not (saringan.sampai and hari > saringan.sampai)


def baris_aturan(user, saringan: Saringan) -> Iterator[list]:
    versi, jejak = _data(user, saringan)
    acuan = _tanggal_acuan(saringan)
    preset_label = dict(Preset.choices)
    aksi_label = dict(AksiAudit.choices)
    pasangan = _pasangkan(versi, jejak)
    dipakai = {j.pk for j in pasangan.values()}
    per_instansi: dict[int, list[AturanInstansi]] = {}
    for v in versi:
        per_instansi.setdefault(v.instansi_id, []).append(v)
    for instansi_id, daftar in per_instansi.items():
        berlaku = _berlaku_pada(daftar, acuan)
        urut_mulai = sorted(daftar, key=lambda v: (v.berlaku_mulai, v.versi))
        sampai = {}
        for a, b in zip(urut_mulai, urut_mulai[1:]):
            sampai[a.pk] = b.berlaku_mulai - datetime.timedelta(days=1) if b.berlaku_mulai > a.berlaku_mulai else a.berlaku_mulai
        sebelum = None
        for v in daftar:  # by version number: what this version changed
            diubah = perubahan(sebelum, v.nilai or {})
            sebelum = v.nilai or {}
            if saringan.status == BERLAKU and v.pk != berlaku:
                continue
            if not _dalam_periode(v.created_at, saringan):
                continue
            j = pasangan.get(v.pk)
            if saringan.jenis and (j is None or j.aksi != saringan.jenis):
                continue
            yield [v.instansi.nama, v.versi, tgl(v.berlaku_mulai), tgl(sampai.get(v.pk)),
                   "Ya" if v.pk == berlaku else "Tidak", tgl(acuan), str(preset_label.get(v.preset, v.preset)),
                   v.peraturan, v.nomor, v.tahun or "", v.pasal_berlaku, diubah, v.catatan,
                   v.dibuat_oleh.get_username() if v.dibuat_oleh_id else "", waktu(v.created_at),
                   str(aksi_label.get(j.aksi, j.aksi)) if j else "", j.nama_actor if j else "",
                   waktu(j.waktu) if j else "", j.alasan if j else "", "Ya" if j is None or j.diizinkan else "Tidak"]
        if saringan.status == BERLAKU:
            continue
        nama = daftar[0].instansi.nama
        for j in jejak:  # audit rows on the Instansi that belong to no version
            if j.objek_id != str(instansi_id) or j.pk in dipakai or not _dalam_periode(j.waktu, saringan):
                continue
            if saringan.jenis and j.aksi != saringan.jenis:
                continue
            yield [nama, "", "", "", "", tgl(acuan), "", "", "", "", "", j.status_dari and
                   f"{j.status_dari} → {j.status_ke}" or j.status_ke, "", "", "",
                   str(aksi_label.get(j.aksi, j.aksi)), j.nama_actor, waktu(j.waktu), j.alasan,
                   "Ya" if j.diizinkan else "Tidak"]


def hitung_aturan(user, saringan: Saringan) -> int:
    return sum(1 for _b in baris_aturan(user, saringan))


REGISTER = Register(
    kode="aturan", judul=_("Aturan yang berlaku dan perubahannya"), kolom=KOLOM, baris=baris_aturan,
    hitung=hitung_aturan,
    pilihan_jenis=[(a.value, a.label) for a in AKSI_ATURAN],
    pilihan_status=[(BERLAKU, _("Hanya versi yang berlaku pada tanggal 'Sampai' (atau hari ini)")),
                    ("riwayat", _("Semua versi dan perubahan"))],
    label_jenis=_("Aksi perubahan"),
)
