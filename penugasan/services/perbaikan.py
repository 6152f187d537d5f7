"""Revision: the requester changes a request returned for revision (then resubmits)."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inti import waktu
from inti.exceptions import KonflikError
from inti.models import AksiAudit

from ..models import RUTE_SUKARELA, Keputusan, PermohonanPenugasan, Rute, StatusPermohonan
from ._jejak import _dengan_jejak
from ._umum import _catat_langkah
from .pemeriksaan import _periksa_isi, _periksa_pegawai_tim


# fields of a request the requester may change while revising (route and units stay)
FIELD_PERBAIKAN = (
    "judul", "maksud_tujuan", "kompetensi_uraian", "kompetensi", "hasil_diharapkan", "uraian_tugas",
    "peran_penugasan", "mulai", "selesai", "sifat", "pegawai_diminta", "kriteria", "kriteria_jenis_jabatan",
    "kriteria_jenjang", "jumlah_dibutuhkan", "tim", "nama_tim", "ketua_tim", "tembusan_pegawai",
)
_FIELD_M2M = ("kompetensi", "pegawai_diminta", "tembusan_pegawai")
# the route and the units fix who decides; changing them is a new request, not a revision
FIELD_RUTE_UNIT = ("rute", "unit_asal", "unit_tujuan", "instansi_asal", "instansi_tujuan", "jabatan",
                   "lintas_perangkat_daerah")
PESAN_RUTE_UNIT_TETAP = _lazy(
    "Rute dan unit tidak dapat diubah saat perbaikan: keduanya menentukan siapa yang memutuskan. Batalkan "
    "permohonan ini dan ajukan permohonan baru bila rute atau unitnya harus lain.")


def _nilai_perbaikan(permohonan: PermohonanPenugasan) -> dict:
    nilai = {f: getattr(permohonan, f) for f in FIELD_PERBAIKAN if f not in _FIELD_M2M}
    for f in _FIELD_M2M:
        nilai[f] = list(getattr(permohonan, f).order_by("pk"))
    return nilai


@_dengan_jejak(AksiAudit.PERMOHONAN_PERBAIKI)
def permohonan_perbaiki(*, actor, ip: str | None = None, permohonan_id: int, **fields) -> PermohonanPenugasan:
    """The requester revises a request returned for revision (only in that state), validated
    like creation; only the given fields change. Resubmit with ``permohonan_ajukan``.

    The returned object carries ``peringatan`` (non-blocking warnings: team, workload)."""
    tanggal = waktu.hari_ini()
    permohonan = PermohonanPenugasan.objects.select_for_update().get(pk=permohonan_id)
    if permohonan.status != StatusPermohonan.DIKEMBALIKAN:
        raise KonflikError(_("Permohonan berstatus '%(status)s'; hanya permohonan yang dikembalikan untuk "
                             "diperbaiki yang dapat diubah.") % {"status": permohonan.get_status_display()})
    pegawai = getattr(actor, "pegawai", None)
    if permohonan.dibuat_oleh_id != actor.pk and (pegawai is None or permohonan.pemohon_id != pegawai.pk):
        raise PermissionDenied(_("Hanya pemohon yang dapat memperbaiki permohonan."))
    asing = sorted(set(fields) - set(FIELD_PERBAIKAN))
    if asing:
        raise ValidationError({f: PESAN_RUTE_UNIT_TETAP if f in FIELD_RUTE_UNIT else
                               _("Tidak dapat diubah saat perbaikan.") for f in asing})
    sukarela = permohonan.rute in RUTE_SUKARELA
    if sukarela and "pegawai_diminta" in fields and [p.pk for p in fields["pegawai_diminta"]] != [
            permohonan.pemohon_id]:
        raise ValidationError({"pegawai_diminta": _("Pengajuan sukarela hanya untuk diri sendiri.")})

    lama = _nilai_perbaikan(permohonan)
    baru = {**lama, **{f: (list(v) if f in _FIELD_M2M else v) for f, v in fields.items()}}
    for f in ("judul", "maksud_tujuan", "kompetensi_uraian", "hasil_diharapkan", "uraian_tugas", "peran_penugasan",
              "kriteria", "nama_tim"):
        baru[f] = (baru[f] or "").strip()
    baru["kriteria_jenis_jabatan"] = baru["kriteria_jenis_jabatan"] or ""
    baru["kriteria_jenjang"] = baru["kriteria_jenjang"] or ""
    galat = _periksa_isi(rute=permohonan.rute, judul=baru["judul"], maksud_tujuan=baru["maksud_tujuan"],
                         hasil_diharapkan=baru["hasil_diharapkan"], kompetensi_uraian=baru["kompetensi_uraian"],
                         kompetensi=baru["kompetensi"], mulai=baru["mulai"], selesai=baru["selesai"],
                         sifat=baru["sifat"], tim=baru["tim"], nama_tim=baru["nama_tim"],
                         kriteria_jenis_jabatan=baru["kriteria_jenis_jabatan"],
                         kriteria_jenjang=baru["kriteria_jenjang"],
                         jumlah_dibutuhkan=baru["jumlah_dibutuhkan"] if "jumlah_dibutuhkan" in fields else None)
    if galat:
        raise ValidationError(galat)
    peringatan = _periksa_pegawai_tim(
        rute=permohonan.rute, unit_asal=permohonan.unit_asal, unit_tujuan=permohonan.unit_tujuan,
        pegawai_diminta=baru["pegawai_diminta"], kriteria=baru["kriteria"],
        kriteria_jenis_jabatan=baru["kriteria_jenis_jabatan"], kriteria_jenjang=baru["kriteria_jenjang"],
        tim=baru["tim"], nama_tim=baru["nama_tim"], ketua_tim=baru["ketua_tim"],
        tanggal_periksa=max(baru["mulai"], tanggal))
    if "maksud_tujuan" in fields and "uraian_tugas" not in fields and lama["uraian_tugas"] == lama["maksud_tujuan"]:
        baru["uraian_tugas"] = baru["maksud_tujuan"]  # it followed maksud_tujuan at creation
    baru["uraian_tugas"] = baru["uraian_tugas"] or baru["maksud_tujuan"]
    if not baru["jumlah_dibutuhkan"]:
        baru["jumlah_dibutuhkan"] = max(len(baru["pegawai_diminta"]), 1)

    diubah = [f for f in FIELD_PERBAIKAN if (
        [o.pk for o in baru[f]] != [o.pk for o in lama[f]] if f in _FIELD_M2M else baru[f] != lama[f])]
    if not diubah:
        raise ValidationError(_("Tidak ada yang diubah; perbaiki isi permohonan sesuai alasan pengembalian."))
    for f in diubah:
        if f in _FIELD_M2M:
            getattr(permohonan, f).set(baru[f])
        else:
            setattr(permohonan, f, baru[f])
    permohonan.save(update_fields=[*(f for f in diubah if f not in _FIELD_M2M), "updated_at"])
    if sukarela or permohonan.rute == Rute.PENUNJUKAN_DALAM_UNIT:
        permohonan.pegawai_ditugaskan.set(baru["pegawai_diminta"])
    _catat_langkah(permohonan=permohonan, actor=actor, pejabat=None, kode="perbaikan", peran="pemohon",
                   keputusan=Keputusan.PERBAIKI, status_dari=permohonan.status,
                   catatan=_("Diubah: %(field)s") % {"field": ", ".join(diubah)}, data={"diubah": diubah},
                   tanggal=tanggal, ip=ip)
    permohonan.peringatan = peringatan
    return permohonan
