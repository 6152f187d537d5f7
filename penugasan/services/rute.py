"""Routes and roles: which route an Instansi walks, which position plays a step's role, and who
decides the current step on a date."""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from inti import waktu
from inti.exceptions import KonflikError
from organisasi import selectors as org
from organisasi.models import Instansi, Jabatan, UnitOrganisasi, UrutanSukarela
from organisasi.presets import langkah_rute as langkah_rute_bawaan

from .. import dokumen
from ..models import RUTE_SUKARELA, Keputusan, PermohonanPenugasan, Rute
from ._umum import _pegawai_actor, _putaran, _url


# The route of an Instansi without its own ``langkah_rute`` (no preset applied): the generic
# routes, sukarela lintas unit with the target unit first (as Belu and Indragiri Hilir; the former
# model default). Fixed in code and listed in docs/aturan-daerah.md; a region's order is its route.
RUTE_BAWAAN = langkah_rute_bawaan(urutan_sukarela=UrutanSukarela.TUJUAN_DULU)


def rute_untuk(*, instansi: Instansi, rute: str, lintas_perangkat_daerah: bool = False) -> dict:
    """``{"pengaju": ..., "langkah": [...]}`` for a route of an Instansi (its own data, else the
    generic default ``RUTE_BAWAAN``)."""
    data = instansi.langkah_rute or {}
    bawaan = RUTE_BAWAAN
    kunci = rute
    if (rute == Rute.PENUNJUKAN_LINTAS_UNIT and lintas_perangkat_daerah and instansi.lintas_perangkat_daerah_aktif):
        kunci = "penunjukan_lintas_perangkat_daerah"
    return data.get(kunci) or bawaan[kunci]


def _kepala_pd(unit: UnitOrganisasi) -> Jabatan | None:
    akar = UnitOrganisasi.objects.ancestors(unit, include_self=True).filter(parent__isnull=True).first()
    return org.jabatan_kepala(unit=akar) if akar else None


def jabatan_untuk_peran(*, permohonan: PermohonanPenugasan, peran: str,
                        tanggal: datetime.date | None = None) -> Jabatan | None:
    """The position that plays ``peran`` for this request (before resolving the person)."""
    p = permohonan
    sukarela = p.rute in RUTE_SUKARELA
    if peran == "pimpinan_unit_asal":
        return org.jabatan_pimpinan_pegawai(pegawai=p.pemohon, tanggal=tanggal) if sukarela else p.jabatan_pemohon
    if peran == "ppk_asal":
        if sukarela:
            return org.jabatan_ppk_pegawai(pegawai=p.pemohon, tanggal=tanggal)
        return org.jabatan_ppk_unit(unit=p.unit_asal)
    if peran == "pimpinan_unit_tujuan":
        return org.jabatan_pimpinan_unit(unit=p.unit_tujuan)
    if peran == "ppk_tujuan":
        diminta = p.pegawai_diminta.order_by("pk").first() if p.pk else None
        if diminta is not None:
            jabatan = org.jabatan_ppk_pegawai(pegawai=diminta, tanggal=tanggal)
            if jabatan is not None:
                return jabatan
        return org.jabatan_ppk_unit(unit=p.unit_tujuan)
    if peran == "pyb_asal":
        return p.instansi_asal.jabatan_pyb
    if peran == "pyb_tujuan":
        return p.instansi_tujuan.jabatan_pyb
    if peran == "sekda_asal":
        return p.instansi_asal.jabatan_sekda
    if peran == "kepala_pd_asal":
        return _kepala_pd(p.unit_asal)
    if peran == "kepala_pd_tujuan":
        return _kepala_pd(p.unit_tujuan)
    raise ValidationError({"rute": _("Peran langkah '%(peran)s' tidak dikenal.") % {"peran": peran}})


def _tetapkan_penentu(permohonan: PermohonanPenugasan, tanggal: datetime.date) -> org.Pejabat:
    """Resolve the current step's decider; a vacant position passes to the one above it."""
    langkah = permohonan.langkah_rute[permohonan.langkah_ke]
    jabatan = jabatan_untuk_peran(permohonan=permohonan, peran=langkah["peran"], tanggal=tanggal)
    pejabat = org.pejabat_berwenang(jabatan=jabatan, tanggal=tanggal) if jabatan else None
    if pejabat is None:
        raise ValidationError({"rute": _(
            "Pengambil keputusan untuk langkah '%(judul)s' tidak dapat ditentukan: jabatannya belum diatur "
            "atau kosong.") % {"judul": langkah.get("judul", langkah["kode"])}})
    permohonan.jabatan_penentu = pejabat.jabatan
    return pejabat


def pastikan_penentu(*, actor, permohonan: PermohonanPenugasan, tanggal: datetime.date | None = None) -> org.Pejabat:
    """The Pejabat deciding the current step on the date, if it is ``actor``; else 403 (or 409
    when the actor already decided this request's previous step: the click came too late)."""
    tanggal = tanggal or waktu.hari_ini()
    pegawai = _pegawai_actor(actor)
    pejabat = org.pejabat_berwenang(jabatan=permohonan.jabatan_penentu, tanggal=tanggal)
    if pejabat is not None and pejabat.pegawai.pk == pegawai.pk:
        return pejabat
    if permohonan.riwayat.filter(actor=actor, urutan=permohonan.riwayat.count() - 1).exclude(
            keputusan=Keputusan.AJUKAN).exists():
        raise KonflikError(_("Langkah yang Anda putuskan sudah selesai; permohonan kini menunggu langkah berikutnya."))
    if pejabat is None:
        raise PermissionDenied(_("Jabatan pengambil keputusan langkah ini kosong."))
    raise PermissionDenied(_(
        "Langkah ini diputuskan oleh %(jabatan)s (%(nama)s), bukan oleh Anda.")
        % {"jabatan": pejabat.sebutan, "nama": pejabat.pegawai.nama_lengkap})


def _beritahu_penentu(permohonan: PermohonanPenugasan, penentu: org.Pejabat) -> None:
    langkah = permohonan.langkah_sekarang or {}
    dokumen.kirim_notifikasi(
        penerima=[penentu.pegawai.user], jenis="permohonan_menunggu",
        judul=_("Menunggu keputusan Anda: %(judul)s") % {"judul": permohonan.judul},
        pesan=_("%(langkah)s untuk %(rute)s dari %(pemohon)s (%(unit)s).") % {
            "langkah": langkah.get("judul", ""), "rute": permohonan.get_rute_display(),
            "pemohon": permohonan.pemohon.nama_lengkap, "unit": permohonan.unit_asal.nama},
        url=_url(permohonan),
        kunci=f"permohonan:{permohonan.pk}:langkah:{permohonan.langkah_ke}:menunggu{_putaran(permohonan)}",
        objek=permohonan)
