"""Report requests at any time (DOMAIN §4.5 "ad-hoc requests"): the team's Pimpinan Unit (and,
where the rules give the penanggung jawab that role, the penanggung jawab) asks the ketua —
and, unless the rules say "ketua only" (Bungo), an anggota — for a report by a due date. The
addressee answers with ``laporan_kirim(jenis="jawaban_permintaan")``."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from inti.exceptions import KonflikError
from inti.models import AksiAudit
from organisasi.models import JenisPemangku
from penugasan.models import AnggotaTim, PeranTim, TimKerja

from ..models import PermintaanLaporan, StatusPermintaan
from ..penerima import boleh_meminta_laporan, pastikan_pejabat
from ._pelaksanaan import beri_tahu, id_wajib, tanggal, teks, url_objek
from ._umum import aturan, dengan_jejak, hari_ini, jejak_catat, pegawai_actor
from .laporan import _target, _tim_aktif


@dengan_jejak(AksiAudit.KINERJA_PERMINTAAN_BUAT, model=TimKerja, kunci="tim_id")
def permintaan_buat(*, actor, ip: str | None = None, tim_id, kepada_id, uraian: str, tenggat,
                    target_id=None) -> PermintaanLaporan:
    """Ask a team member for a report by ``tenggat``; the addressee is told through the outbox."""
    hari = hari_ini()
    tim = _tim_aktif(tim_id)
    jab_pu, pj = boleh_meminta_laporan(tim=tim, tanggal=hari)
    saya = pegawai_actor(actor)
    if pj is not None and pj.pk == saya.pk:
        jabatan, sebagai, pejabat = None, JenisPemangku.DEFINITIF, None
    else:
        if jab_pu is None:
            raise PermissionDenied(_("Pimpinan Unit %(tim)s tidak ditemukan.") % {"tim": tim.nama})
        pejabat = pastikan_pejabat(actor=actor, jabatan=jab_pu, tanggal=hari)
        jabatan, sebagai = jab_pu, pejabat.sebagai
    uraian = teks(uraian, field="uraian")
    tenggat = tanggal(tenggat, field="tenggat")
    if tenggat < hari:
        raise ValidationError({"tenggat": [_("Tenggat tidak boleh sebelum hari ini.")]})
    anggota = AnggotaTim.objects.filter(tim=tim, pegawai_id=id_wajib(kepada_id, field="kepada_id")
                                        ).select_related("pegawai").first()
    if anggota is None:
        raise ValidationError({"kepada_id": [_("Bukan anggota %(tim)s.") % {"tim": tim.nama}]})
    atur = aturan(instansi=tim.instansi, tanggal=hari)
    if anggota.peran != PeranTim.KETUA and not atur.permintaan_laporan_ke_anggota:
        raise ValidationError({"kepada_id": [
            _("Menurut aturan kinerja %(i)s (%(dasar)s), permintaan laporan hanya ditujukan kepada ketua tim.")
            % {"i": tim.instansi.nama, "dasar": (atur.sumber or {}).get("permintaan_laporan_ke_anggota", "")}]})
    target = _target(target_id, tim=tim, penugasan=None)
    permintaan = PermintaanLaporan.objects.create(
        peminta=saya, jabatan_peminta=jabatan, peminta_sebagai=sebagai, kepada=anggota.pegawai, tim=tim,
        target=target, uraian=uraian, tenggat=tenggat)
    jejak_catat(actor=actor, objek=permintaan, aksi=AksiAudit.KINERJA_PERMINTAAN_BUAT, diizinkan=True,
                status_ke=permintaan.status, ip=ip, pejabat=pejabat, alasan=f"tenggat {tenggat:%d-%m-%Y}")
    beri_tahu(pegawai=[anggota.pegawai], jenis="permintaan_laporan",
              judul=_("Permintaan laporan (tenggat %(t)s)") % {"t": f"{tenggat:%d-%m-%Y}"}, pesan=uraian[:500],
              url=url_objek("permintaan", permintaan.pk), objek=permintaan, kunci=f"permintaan:{permintaan.pk}:buat")
    return permintaan


@dengan_jejak(AksiAudit.KINERJA_PERMINTAAN_BATALKAN, model=PermintaanLaporan, kunci="permintaan_id")
def permintaan_batalkan(*, actor, ip: str | None = None, permintaan_id, alasan: str) -> PermintaanLaporan:
    permintaan = PermintaanLaporan.objects.select_for_update(of=("self",)).get(
        pk=id_wajib(permintaan_id, field="permintaan_id"))
    if permintaan.peminta_id != pegawai_actor(actor).pk:
        raise PermissionDenied(_("Hanya peminta yang dapat membatalkan permintaan ini."))
    alasan = teks(alasan, field="alasan")
    if permintaan.status != StatusPermintaan.TERBUKA:
        raise KonflikError(_("Permintaan ini sudah %(s)s.") % {"s": permintaan.get_status_display().lower()})
    permintaan.batalkan()
    permintaan.save(update_fields=["status", "updated_at"])
    jejak_catat(actor=actor, objek=permintaan, aksi=AksiAudit.KINERJA_PERMINTAAN_BATALKAN, diizinkan=True,
                status_dari=StatusPermintaan.TERBUKA, status_ke=permintaan.status, ip=ip, alasan=alasan)
    beri_tahu(pegawai=[permintaan.kepada], jenis="permintaan_laporan", judul=_("Permintaan laporan dibatalkan"),
              pesan=alasan, url=url_objek("permintaan", permintaan.pk), objek=permintaan,
              kunci=f"permintaan:{permintaan.pk}:batal")
    return permintaan
