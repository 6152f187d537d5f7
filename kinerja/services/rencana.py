"""Plans (DOMAIN §4.1 step 5, §4.2 step 6): the activity and budget plan of a target (drafted
by JF/Pelaksana with Level 2, approved by Level 2), the ketua's action plan with milestones, and
each member's own work plan."""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from inti.exceptions import KonflikError
from inti.models import AksiAudit
from organisasi import selectors as org
from organisasi.models import Pegawai, UnitOrganisasi
from penugasan.models import AnggotaTim, Penugasan, PeranTim, StatusTim, TimKerja

from ..models import (
    ButirRencanaKerja,
    KegiatanAnggaran,
    RencanaAksi,
    RencanaKegiatanAnggaran,
    RencanaKerjaIndividu,
    StatusRencana,
    TargetJabatan,
    TonggakRencana,
)
from ._umum import angka, dengan_jejak, hari_ini, jejak_catat, pegawai_actor, pejabat_untuk


def _teks(nilai, field: str, *, wajib: bool = True, maks: int = 250) -> str:
    teks = str(nilai or "").strip()
    if wajib and not teks:
        raise ValidationError({field: [_("Wajib diisi.")]})
    if len(teks) > maks:
        raise ValidationError({field: [_("Paling banyak %(n)s karakter.") % {"n": maks}]})
    return teks


def _tanggal(nilai, field: str, *, wajib: bool = True) -> datetime.date | None:
    if nilai in (None, ""):
        if wajib:
            raise ValidationError({field: [_("Wajib diisi.")]})
        return None
    if isinstance(nilai, datetime.date):
        return nilai
    try:
        return datetime.date.fromisoformat(str(nilai))
    except ValueError:
        raise ValidationError({field: [_("Tanggal harus berformat TTTT-BB-HH.")]}) from None


def _daftar(nilai, field: str) -> list[dict]:
    if not isinstance(nilai, list) or not all(isinstance(b, dict) for b in nilai):
        raise ValidationError({field: [_("Isi berupa daftar baris.")]})
    return nilai


def _kumpulkan(galat: dict, fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except ValidationError as exc:
        for k, v in exc.message_dict.items():
            galat.setdefault(k, []).extend(v)
        return None


# --------------------------------------------------------------------------- rencana kegiatan dan anggaran


def _boleh_menyusun_rka(*, pegawai: Pegawai, target: TargetJabatan, tanggal: datetime.date) -> bool:
    """The target's owner, or a JF/Pelaksana whose Pimpinan Unit is the owner position or who
    sits in the owner's unit subtree."""
    pejabat = org.pejabat_pada(jabatan=target.jabatan, tanggal=tanggal)
    if pejabat is not None and pejabat.pegawai.pk == pegawai.pk:
        return True
    if org.jabatan_pimpinan_pegawai(pegawai=pegawai, tanggal=tanggal) == target.jabatan:
        return True
    unit = org.unit_pegawai(pegawai=pegawai, tanggal=tanggal)
    return unit is not None and target.jabatan.unit_id is not None and UnitOrganisasi.objects.descendants(
        target.jabatan.unit, include_self=True).filter(pk=unit.pk).exists()


def _kegiatan_bersih(kegiatan) -> list[dict]:
    kegiatan = _daftar(kegiatan, "kegiatan")
    if not kegiatan:
        raise ValidationError({"kegiatan": [_("Isi paling sedikit satu kegiatan.")]})
    galat: dict = {}
    hasil = []
    for i, k in enumerate(kegiatan):
        a = f"kegiatan[{i}]."
        baris = {
            "kegiatan": _kumpulkan(galat, _teks, k.get("kegiatan"), a + "kegiatan"),
            "kode_subkegiatan": _kumpulkan(galat, _teks, k.get("kode_subkegiatan"), a + "kode_subkegiatan",
                                           wajib=False, maks=60),
            "nama_subkegiatan": _kumpulkan(galat, _teks, k.get("nama_subkegiatan"), a + "nama_subkegiatan",
                                           wajib=False),
            "pagu": _kumpulkan(galat, angka, k.get("pagu") or 0, field=a + "pagu", boleh_negatif=False),
        }
        bulan = k.get("bulan") or []
        if (not isinstance(bulan, list) or not all(isinstance(b, int) and 1 <= b <= 12 for b in bulan)
                or len(set(bulan)) != len(bulan)):
            galat.setdefault(a + "bulan", []).append(_("Daftar bulan 1–12 tanpa pengulangan."))
        else:
            baris["bulan"] = sorted(bulan)
        hasil.append(baris)
    if galat:
        raise ValidationError(galat)
    return hasil


@dengan_jejak(AksiAudit.KINERJA_RENCANA_ANGGARAN_SIMPAN, model=TargetJabatan, kunci="target_id")
def rencana_anggaran_simpan(*, actor, ip: str | None = None, target_id: int, judul: str, kegiatan: list[dict],
                            rencana_id: int | None = None) -> RencanaKegiatanAnggaran:
    """Draft (or revise while draft/returned) the activity and budget plan of a target."""
    tanggal = hari_ini()
    pegawai = pegawai_actor(actor)
    target = TargetJabatan.objects.select_related("jabatan__unit").get(pk=target_id)
    if not _boleh_menyusun_rka(pegawai=pegawai, target=target, tanggal=tanggal):
        raise PermissionDenied(_("Rencana kegiatan dan anggaran disusun oleh pemilik target atau pegawai di bawahnya."))
    judul = _teks(judul, "judul")
    baris = _kegiatan_bersih(kegiatan)
    if rencana_id:
        rencana = RencanaKegiatanAnggaran.objects.select_for_update(of=("self",)).get(pk=rencana_id, target=target)
        if rencana.status not in (StatusRencana.DRAF, StatusRencana.DIKEMBALIKAN):
            raise KonflikError(_("Rencana yang sudah diajukan atau disetujui tidak dapat diubah."))
        rencana.judul = judul
        rencana.save(update_fields=["judul", "updated_at"])
        rencana.kegiatan.all().delete()
    else:
        rencana = RencanaKegiatanAnggaran.objects.create(target=target, judul=judul, disusun_oleh=pegawai)
    KegiatanAnggaran.objects.bulk_create([KegiatanAnggaran(rencana=rencana, urutan=i + 1, **b)
                                          for i, b in enumerate(baris)])
    jejak_catat(actor=actor, objek=rencana, aksi=AksiAudit.KINERJA_RENCANA_ANGGARAN_SIMPAN, diizinkan=True, ip=ip,
                status_ke=rencana.status)
    return rencana


@dengan_jejak(AksiAudit.KINERJA_RENCANA_ANGGARAN_AJUKAN, model=RencanaKegiatanAnggaran, kunci="rencana_id")
def rencana_anggaran_ajukan(*, actor, ip: str | None = None, rencana_id: int) -> RencanaKegiatanAnggaran:
    rencana = RencanaKegiatanAnggaran.objects.select_for_update(of=("self",)).select_related("target__jabatan__unit").get(pk=rencana_id)
    if not _boleh_menyusun_rka(pegawai=pegawai_actor(actor), target=rencana.target, tanggal=hari_ini()):
        raise PermissionDenied(_("Rencana kegiatan dan anggaran diajukan oleh penyusunnya."))
    dari = rencana.status
    if dari not in (StatusRencana.DRAF, StatusRencana.DIKEMBALIKAN):
        raise KonflikError(_("Rencana sudah diajukan."))
    rencana.ajukan()
    rencana.save(update_fields=["status", "updated_at"])
    jejak_catat(actor=actor, objek=rencana, aksi=AksiAudit.KINERJA_RENCANA_ANGGARAN_AJUKAN, diizinkan=True, ip=ip,
                status_dari=dari, status_ke=rencana.status)
    return rencana


def _putuskan_rka(*, actor, ip, rencana_id: int, setujui: bool, catatan: str) -> RencanaKegiatanAnggaran:
    rencana = RencanaKegiatanAnggaran.objects.select_for_update(of=("self",)).select_related("target__jabatan").get(pk=rencana_id)
    pejabat = pejabat_untuk(actor=actor, jabatan=rencana.target.jabatan, tanggal=hari_ini())
    if rencana.status != StatusRencana.DIAJUKAN:
        raise KonflikError(_("Rencana tidak sedang menunggu persetujuan."))
    if not setujui and not (catatan or "").strip():
        raise ValidationError({"catatan": [_("Sebutkan apa yang perlu diperbaiki.")]})
    dari = rencana.status
    if setujui:
        rencana.setujui()
        rencana.disetujui_oleh, rencana.penyetuju_sebagai = pejabat.pegawai, pejabat.sebagai
        rencana.disetujui_pada = timezone.now()
    else:
        rencana.kembalikan()
    rencana.catatan = (catatan or "").strip()
    rencana.save(update_fields=["status", "disetujui_oleh", "penyetuju_sebagai", "disetujui_pada", "catatan",
                                "updated_at"])
    jejak_catat(actor=actor, objek=rencana, diizinkan=True, ip=ip, pejabat=pejabat, status_dari=dari,
                status_ke=rencana.status, alasan=rencana.catatan,
                aksi=AksiAudit.KINERJA_RENCANA_ANGGARAN_SETUJUI if setujui else AksiAudit.KINERJA_RENCANA_ANGGARAN_KEMBALIKAN)
    return rencana


@dengan_jejak(AksiAudit.KINERJA_RENCANA_ANGGARAN_SETUJUI, model=RencanaKegiatanAnggaran, kunci="rencana_id")
def rencana_anggaran_setujui(*, actor, ip: str | None = None, rencana_id: int,
                             catatan: str = "") -> RencanaKegiatanAnggaran:
    """Level 2 (the target's owner position, or its Plt/Plh) approves."""
    return _putuskan_rka(actor=actor, ip=ip, rencana_id=rencana_id, setujui=True, catatan=catatan)


@dengan_jejak(AksiAudit.KINERJA_RENCANA_ANGGARAN_KEMBALIKAN, model=RencanaKegiatanAnggaran, kunci="rencana_id")
def rencana_anggaran_kembalikan(*, actor, ip: str | None = None, rencana_id: int,
                                catatan: str) -> RencanaKegiatanAnggaran:
    return _putuskan_rka(actor=actor, ip=ip, rencana_id=rencana_id, setujui=False, catatan=catatan)


# --------------------------------------------------------------------------- team action plan


def ketua_tim(tim: TimKerja) -> Pegawai | None:
    anggota = AnggotaTim.objects.filter(tim=tim, peran=PeranTim.KETUA).select_related("pegawai").first()
    return anggota.pegawai if anggota else None


def _pastikan_ketua(*, actor, tim: TimKerja) -> Pegawai:
    pegawai = pegawai_actor(actor)
    ketua = ketua_tim(tim)
    if ketua is None or ketua.pk != pegawai.pk:
        raise PermissionDenied(_("Hanya ketua %(tim)s yang dapat melakukan ini.") % {"tim": tim.nama})
    if tim.status != StatusTim.AKTIF:
        raise KonflikError(_("%(tim)s tidak aktif.") % {"tim": tim.nama})
    return pegawai


@dengan_jejak(AksiAudit.KINERJA_RENCANA_AKSI_SIMPAN, model=TimKerja, kunci="tim_id")
def rencana_aksi_simpan(*, actor, ip: str | None = None, tim_id: int, judul: str, tonggak: list[dict],
                        target_id: int | None = None) -> RencanaAksi:
    """The ketua's detailed plan: milestones with due dates (within the team's period) and
    owners (team members). Saving again replaces the milestones."""
    tim = TimKerja.objects.select_for_update(of=("self",)).get(pk=tim_id)
    pegawai = _pastikan_ketua(actor=actor, tim=tim)
    judul = _teks(judul, "judul")
    tonggak = _daftar(tonggak, "tonggak")
    if not tonggak:
        raise ValidationError({"tonggak": [_("Isi paling sedikit satu tonggak.")]})
    target = None
    if target_id:
        target = TargetJabatan.objects.filter(pk=target_id).first()
        if target is None:
            raise ValidationError({"target_id": [_("Target tidak ditemukan.")]})
    anggota_ids = set(AnggotaTim.objects.filter(tim=tim).values_list("pegawai_id", flat=True))
    galat: dict = {}
    bersih = []
    for i, t in enumerate(tonggak):
        a = f"tonggak[{i}]."
        tenggat = _kumpulkan(galat, _tanggal, t.get("tenggat"), a + "tenggat")
        if tenggat and not tim.mulai <= tenggat <= tim.selesai:
            galat.setdefault(a + "tenggat", []).append(
                _("Tenggat harus dalam masa tim (%(m)s s.d. %(s)s).") % {"m": tim.mulai, "s": tim.selesai})
        pemilik = t.get("pemilik_ids") or []
        if not isinstance(pemilik, list) or any(p not in anggota_ids for p in pemilik):
            galat.setdefault(a + "pemilik_ids", []).append(_("Pelaksana harus anggota tim."))
        bobot = t.get("bobot")
        if bobot is not None and (not isinstance(bobot, int) or not 0 <= bobot <= 100):
            galat.setdefault(a + "bobot", []).append(_("Bobot 0 sampai 100."))
        bersih.append({"uraian": _kumpulkan(galat, _teks, t.get("uraian"), a + "uraian"),
                       "keluaran": _kumpulkan(galat, _teks, t.get("keluaran"), a + "keluaran", wajib=False),
                       "tenggat": tenggat, "bobot": bobot, "pemilik": pemilik})
    if not galat and sum(b["bobot"] or 0 for b in bersih) > 100:
        galat["tonggak"] = [_("Jumlah bobot tonggak melebihi 100%.")]
    if galat:
        raise ValidationError(galat)
    rencana, _baru = RencanaAksi.objects.update_or_create(
        tim=tim, defaults={"judul": judul, "target": target, "disusun_oleh": pegawai})
    rencana.tonggak.all().delete()
    for i, b in enumerate(bersih):
        pemilik = b.pop("pemilik")
        obj = TonggakRencana.objects.create(rencana=rencana, urutan=i + 1, **b)
        obj.pemilik.set(pemilik)
    jejak_catat(actor=actor, objek=tim, aksi=AksiAudit.KINERJA_RENCANA_AKSI_SIMPAN, diizinkan=True, ip=ip,
                alasan=f"{len(bersih)} tonggak")
    return rencana


# --------------------------------------------------------------------------- individual work plan


@dengan_jejak(AksiAudit.KINERJA_RENCANA_KERJA_SIMPAN, model=TimKerja, kunci="tim_id")
def rencana_kerja_simpan(*, actor, ip: str | None = None, tahun: int, butir: list[dict], uraian: str = "",
                         tim_id: int | None = None, penugasan_id: int | None = None,
                         target_id: int | None = None) -> RencanaKerjaIndividu:
    """The actor's own work plan for a team they belong to or an assignment of theirs."""
    pegawai = pegawai_actor(actor)
    if not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise ValidationError({"tahun": [_("Tahun harus antara 2000 dan 2100.")]})
    tim = penugasan = target = None
    if tim_id:
        tim = TimKerja.objects.filter(pk=tim_id).first()
        if tim is None or not AnggotaTim.objects.filter(tim=tim, pegawai=pegawai).exists():
            raise PermissionDenied(_("Anda bukan anggota tim ini."))
    if penugasan_id:
        penugasan = Penugasan.objects.filter(pk=penugasan_id, pegawai=pegawai).first()
        if penugasan is None:
            raise PermissionDenied(_("Penugasan ini bukan milik Anda."))
    if target_id:
        target = TargetJabatan.objects.filter(pk=target_id).first()
        if target is None:
            raise ValidationError({"target_id": [_("Target tidak ditemukan.")]})
    butir = _daftar(butir, "butir")
    if not butir:
        raise ValidationError({"butir": [_("Isi paling sedikit satu butir kegiatan.")]})
    galat: dict = {}
    bersih = []
    for i, b in enumerate(butir):
        a = f"butir[{i}]."
        bersih.append({
            "kegiatan": _kumpulkan(galat, _teks, b.get("kegiatan"), a + "kegiatan"),
            "hasil": _kumpulkan(galat, _teks, b.get("hasil"), a + "hasil", wajib=False),
            "target": _kumpulkan(galat, angka, b.get("target"), field=a + "target", boleh_negatif=False),
            "satuan": _kumpulkan(galat, _teks, b.get("satuan"), a + "satuan", wajib=False, maks=60),
            "tenggat": _kumpulkan(galat, _tanggal, b.get("tenggat"), a + "tenggat", wajib=False),
        })
    if galat:
        raise ValidationError(galat)
    rencana, _baru = RencanaKerjaIndividu.objects.update_or_create(
        pegawai=pegawai, tahun=tahun, tim=tim, penugasan=penugasan,
        defaults={"target": target, "uraian": str(uraian or "").strip()})
    rencana.butir.all().delete()
    ButirRencanaKerja.objects.bulk_create([ButirRencanaKerja(rencana=rencana, urutan=i + 1, **b)
                                           for i, b in enumerate(bersih)])
    jejak_catat(actor=actor, objek=rencana, aksi=AksiAudit.KINERJA_RENCANA_KERJA_SIMPAN, diizinkan=True, ip=ip,
                alasan=f"{len(bersih)} butir")
    return rencana
