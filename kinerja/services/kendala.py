"""Kendala (DOMAIN §4.2 step 9): a team (its ketua) or an individual assignee raises a problem
with alternative recommendations; it is routed by ``penerima.rute_kendala`` (in the unit,
across units, across PDs/agencies); the deciding position's holder (Plt/Plh, vacancy
escalation) picks an option or decides otherwise with a note, or forwards it; the team
follows the decision up; the kendala is closed. Every step is a ``RiwayatKendala`` row; the
time to decision is ``diputuskan_pada - created_at``. Choosing an option that needs staff
from another unit opens the pre-filled penunjukan request of Kinerja I
(``strategi_buat_permohonan``) when the target unit is given."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from inti.exceptions import KonflikError
from inti.models import AksiAudit
from organisasi.models import Jabatan
from penugasan.models import AnggotaTim, Penugasan, StatusPenugasan, TimKerja

from ..models import Kendala, OpsiKendala, RiwayatKendala, StatusKendala
from ..penerima import ketua_tim, pastikan_pejabat, rute_kendala
from ._pelaksanaan import beri_tahu, id_wajib, teks, url_objek
from ._umum import dengan_jejak, hari_ini, jejak_catat, pegawai_actor
from .kaskade import strategi_buat_permohonan
from .laporan import _target, _tim_aktif

MAKS_OPSI = 10


def _riwayat(kendala: Kendala, *, actor, aksi: str, dari: str, catatan: str = "", pejabat=None) -> None:
    RiwayatKendala.objects.create(kendala=kendala, aksi=aksi, actor=actor, status_dari=dari, status_ke=kendala.status,
                                  catatan=catatan, jabatan=pejabat.jabatan if pejabat and pejabat.jabatan.pk else None,
                                  sebagai=pejabat.sebagai if pejabat else "")


def _opsi(opsi) -> list[dict]:
    if not isinstance(opsi, list) or not opsi:
        raise ValidationError({"opsi": [_("Ajukan paling sedikit satu alternatif rekomendasi.")]})
    if len(opsi) > MAKS_OPSI:
        raise ValidationError({"opsi": [_("Paling banyak %(n)s alternatif.") % {"n": MAKS_OPSI}]})
    hasil, galat = [], {}
    for i, o in enumerate(opsi):
        if not isinstance(o, dict):
            galat[f"opsi[{i}]"] = [_("Harus berupa objek.")]
            continue
        try:
            uraian = teks(o.get("uraian"), field=f"opsi[{i}].uraian", maks=2000)
        except ValidationError as exc:
            galat.update(exc.message_dict)
            continue
        hasil.append({"uraian": uraian, "butuh_pegawai_lain": bool(o.get("butuh_pegawai_lain", False))})
    if galat:
        raise ValidationError(galat)
    return hasil


@dengan_jejak(AksiAudit.KINERJA_KENDALA_AJUKAN, model=TimKerja, kunci="tim_id")
def kendala_ajukan(*, actor, ip: str | None = None, uraian: str, opsi: list, tim_id=None, penugasan_id=None,
                   target_id=None, libatkan_pimpinan_asal: bool = False) -> Kendala:
    """Raise a kendala for a team (the ketua) or an individual assignment (the assignee)."""
    saya = pegawai_actor(actor)
    hari = hari_ini()
    tim = penugasan = None
    if tim_id not in (None, ""):
        tim = _tim_aktif(tim_id)
        ketua = ketua_tim(tim)
        if ketua is None or ketua.pk != saya.pk:
            raise PermissionDenied(_("Kendala tim diajukan oleh ketua %(tim)s.") % {"tim": tim.nama})
    else:
        penugasan = Penugasan.objects.select_related("unit", "instansi", "pegawai").filter(
            pk=id_wajib(penugasan_id, field="penugasan_id"), tim__isnull=True).first()
        if penugasan is None:
            raise ValidationError({"penugasan_id": [_("Penugasan individu tidak ditemukan.")]})
        if penugasan.pegawai_id != saya.pk:
            raise PermissionDenied(_("Hanya pegawai yang ditugaskan yang mengajukan kendala penugasan ini."))
        if penugasan.status != StatusPenugasan.AKTIF:
            raise KonflikError(_("Penugasan ini tidak aktif lagi."))
    uraian = teks(uraian, field="uraian")
    daftar = _opsi(opsi)
    target = _target(target_id, tim=tim, penugasan=penugasan)
    rute = rute_kendala(tim=tim, penugasan=penugasan, libatkan_pimpinan_asal=bool(libatkan_pimpinan_asal), tanggal=hari)
    if rute.penentu is None:
        raise KonflikError(_("Pimpinan Unit pemilik kinerja tidak dapat ditentukan dari struktur organisasi."))
    kendala = Kendala.objects.create(diajukan_oleh=saya, tim=tim, penugasan=penugasan, target=target, uraian=uraian,
                                     cakupan=rute.cakupan, jabatan_penentu=rute.penentu)
    kendala.penerima_jabatan.set(rute.penerima)
    OpsiKendala.objects.bulk_create([OpsiKendala(kendala=kendala, urutan=i, uraian=o["uraian"],
                                                 butuh_pegawai_lain=o["butuh_pegawai_lain"])
                                     for i, o in enumerate(daftar, start=1)])
    _riwayat(kendala, actor=actor, aksi="ajukan", dari="", catatan=uraian[:500])
    jejak_catat(actor=actor, objek=kendala, aksi=AksiAudit.KINERJA_KENDALA_AJUKAN, diizinkan=True,
                status_ke=kendala.status, ip=ip, alasan=f"{kendala.get_cakupan_display()}; {len(daftar)} opsi")
    beri_tahu(jabatan=rute.penerima, pegawai=rute.penerima_pegawai, jenis="kendala",
              judul=_("Kendala diajukan: %(u)s") % {"u": uraian[:80]}, pesan=uraian[:500],
              url=url_objek("kendala", kendala.pk), objek=kendala, kunci=f"kendala:{kendala.pk}:ajukan", kecuali=actor)
    return kendala


def _kendala_terkunci(kendala_id) -> Kendala:
    return Kendala.objects.select_for_update(of=("self",)).select_related(
        "jabatan_penentu", "diajukan_oleh", "tim", "target").get(pk=id_wajib(kendala_id, field="kendala_id"))


def _pastikan_terbuka(kendala: Kendala, status_dilihat: str | None) -> None:
    if kendala.status not in (StatusKendala.DIAJUKAN, StatusKendala.DITERUSKAN):
        raise KonflikError(_("Kendala ini sudah %(s)s.") % {"s": kendala.get_status_display().lower()})
    if status_dilihat and status_dilihat != kendala.status:
        raise KonflikError(_("Kendala ini telah berubah sejak Anda membukanya; muat ulang halaman."))


@dengan_jejak(AksiAudit.KINERJA_KENDALA_PUTUSKAN, model=Kendala, kunci="kendala_id")
def kendala_putuskan(*, actor, ip: str | None = None, kendala_id, opsi_id=None, keputusan_lain: str = "",
                     catatan: str = "", unit_tujuan_id=None, status_dilihat: str | None = None) -> Kendala:
    """The deciding official picks an option (``opsi_id``) or decides otherwise
    (``keputusan_lain``), with a note."""
    kendala = _kendala_terkunci(kendala_id)
    pejabat = pastikan_pejabat(actor=actor, jabatan=kendala.jabatan_penentu)
    _pastikan_terbuka(kendala, status_dilihat)
    keputusan_lain = teks(keputusan_lain, field="keputusan_lain", wajib=False)
    catatan = teks(catatan, field="catatan", wajib=False)
    if (opsi_id in (None, "")) == (not keputusan_lain):
        raise ValidationError({"opsi_id": [_("Pilih satu alternatif, atau isi keputusan lain (tidak keduanya).")]})
    opsi = None
    if opsi_id not in (None, ""):
        opsi = kendala.opsi.filter(pk=id_wajib(opsi_id, field="opsi_id")).first()
        if opsi is None:
            raise ValidationError({"opsi_id": [_("Bukan alternatif kendala ini.")]})
    dari = kendala.status
    kendala.putuskan()
    kendala.opsi_dipilih = opsi
    kendala.keputusan_lain = keputusan_lain
    kendala.catatan_keputusan = catatan
    kendala.diputuskan_oleh = pejabat.pegawai
    kendala.diputuskan_pada = timezone.now()
    if opsi is not None and opsi.butuh_pegawai_lain and unit_tujuan_id not in (None, ""):
        if kendala.target_id is None:
            raise ValidationError({"unit_tujuan_id": [_("Kendala tanpa target tidak dapat membuka permohonan.")]})
        kendala.permohonan = strategi_buat_permohonan(actor=actor, ip=ip, target_id=kendala.target_id,
                                                      unit_tujuan_id=id_wajib(unit_tujuan_id, field="unit_tujuan_id"),
                                                      kriteria=f"{opsi.uraian} (kendala: {kendala.uraian})"[:2000],
                                                      ajukan=False)
    kendala.save(update_fields=["status", "opsi_dipilih", "keputusan_lain", "catatan_keputusan", "diputuskan_oleh",
                                "diputuskan_pada", "permohonan", "updated_at"])
    isi = opsi.uraian if opsi is not None else keputusan_lain
    _riwayat(kendala, actor=actor, aksi="putuskan", dari=dari, catatan=f"{isi}\n{catatan}".strip(), pejabat=pejabat)
    jejak_catat(actor=actor, objek=kendala, aksi=AksiAudit.KINERJA_KENDALA_PUTUSKAN, diizinkan=True, status_dari=dari,
                status_ke=kendala.status, ip=ip, pejabat=pejabat, alasan=isi[:500])
    beri_tahu(jabatan=list(kendala.penerima_jabatan.all()), pegawai=[kendala.diajukan_oleh], jenis="kendala",
              judul=_("Kendala diputuskan: %(u)s") % {"u": kendala.uraian[:80]}, pesan=isi[:500],
              url=url_objek("kendala", kendala.pk), objek=kendala, kunci=f"kendala:{kendala.pk}:putuskan",
              kecuali=actor)
    return kendala


@dengan_jejak(AksiAudit.KINERJA_KENDALA_TERUSKAN, model=Kendala, kunci="kendala_id")
def kendala_teruskan(*, actor, ip: str | None = None, kendala_id, jabatan_id, catatan: str,
                     status_dilihat: str | None = None) -> Kendala:
    """The deciding official forwards the kendala to another position (e.g. the head of the
    PD or of the members' agency), who then decides."""
    kendala = _kendala_terkunci(kendala_id)
    pejabat = pastikan_pejabat(actor=actor, jabatan=kendala.jabatan_penentu)
    _pastikan_terbuka(kendala, status_dilihat)
    catatan = teks(catatan, field="catatan")
    tujuan = Jabatan.objects.filter(pk=id_wajib(jabatan_id, field="jabatan_id")).first()
    if tujuan is None:
        raise ValidationError({"jabatan_id": [_("Jabatan tujuan tidak ditemukan.")]})
    if tujuan.pk == kendala.jabatan_penentu_id:
        raise ValidationError({"jabatan_id": [_("Kendala sudah berada pada jabatan ini.")]})
    dari = kendala.status
    kendala.teruskan()
    kendala.jabatan_penentu = tujuan
    kendala.save(update_fields=["status", "jabatan_penentu", "updated_at"])
    kendala.penerima_jabatan.add(tujuan)
    _riwayat(kendala, actor=actor, aksi="teruskan", dari=dari, catatan=f"→ {tujuan.nama}: {catatan}", pejabat=pejabat)
    jejak_catat(actor=actor, objek=kendala, aksi=AksiAudit.KINERJA_KENDALA_TERUSKAN, diizinkan=True, status_dari=dari,
                status_ke=kendala.status, ip=ip, pejabat=pejabat, alasan=f"kepada {tujuan.nama}: {catatan}")
    beri_tahu(jabatan=[tujuan], jenis="kendala", judul=_("Kendala diteruskan kepada Anda: %(u)s") % {
        "u": kendala.uraian[:80]}, pesan=catatan, url=url_objek("kendala", kendala.pk), objek=kendala,
        kunci=f"kendala:{kendala.pk}:teruskan:{tujuan.pk}", kecuali=actor)
    return kendala


def _pastikan_pengaju(*, actor, kendala: Kendala) -> None:
    saya = pegawai_actor(actor)
    if kendala.diajukan_oleh_id == saya.pk:
        return
    if kendala.tim_id and AnggotaTim.objects.filter(tim_id=kendala.tim_id, pegawai=saya, peran="ketua").exists():
        return
    raise PermissionDenied(_("Hanya pengaju kendala (ketua tim) yang dapat melakukan ini."))


@dengan_jejak(AksiAudit.KINERJA_KENDALA_TINDAKLANJUTI, model=Kendala, kunci="kendala_id")
def kendala_tindaklanjuti(*, actor, ip: str | None = None, kendala_id, catatan: str) -> Kendala:
    """The team reports how it followed the decision up."""
    kendala = _kendala_terkunci(kendala_id)
    _pastikan_pengaju(actor=actor, kendala=kendala)
    catatan = teks(catatan, field="catatan")
    if kendala.status != StatusKendala.DIPUTUSKAN:
        raise KonflikError(_("Hanya kendala yang sudah diputuskan yang dapat ditindaklanjuti."))
    kendala.tindaklanjuti()
    kendala.save(update_fields=["status", "updated_at"])
    _riwayat(kendala, actor=actor, aksi="tindaklanjuti", dari=StatusKendala.DIPUTUSKAN, catatan=catatan)
    jejak_catat(actor=actor, objek=kendala, aksi=AksiAudit.KINERJA_KENDALA_TINDAKLANJUTI, diizinkan=True,
                status_dari=StatusKendala.DIPUTUSKAN, status_ke=kendala.status, ip=ip, alasan=catatan[:500])
    beri_tahu(jabatan=[kendala.jabatan_penentu], jenis="kendala", judul=_("Kendala ditindaklanjuti: %(u)s") % {
        "u": kendala.uraian[:80]}, pesan=catatan, url=url_objek("kendala", kendala.pk), objek=kendala,
        kunci=f"kendala:{kendala.pk}:tindaklanjuti", kecuali=actor)
    return kendala


@dengan_jejak(AksiAudit.KINERJA_KENDALA_TUTUP, model=Kendala, kunci="kendala_id")
def kendala_tutup(*, actor, ip: str | None = None, kendala_id, catatan: str = "") -> Kendala:
    """The raiser or the deciding official closes a decided (or followed-up) kendala."""
    kendala = _kendala_terkunci(kendala_id)
    pejabat = None
    try:
        _pastikan_pengaju(actor=actor, kendala=kendala)
    except PermissionDenied:
        pejabat = pastikan_pejabat(actor=actor, jabatan=kendala.jabatan_penentu)
    catatan = teks(catatan, field="catatan", wajib=False)
    if kendala.status not in (StatusKendala.DIPUTUSKAN, StatusKendala.DITINDAKLANJUTI):
        raise KonflikError(_("Kendala yang belum diputuskan atau sudah ditutup tidak dapat ditutup."))
    dari = kendala.status
    kendala.tutup()
    kendala.save(update_fields=["status", "updated_at"])
    _riwayat(kendala, actor=actor, aksi="tutup", dari=dari, catatan=catatan, pejabat=pejabat)
    jejak_catat(actor=actor, objek=kendala, aksi=AksiAudit.KINERJA_KENDALA_TUTUP, diizinkan=True, status_dari=dari,
                status_ke=kendala.status, ip=ip, pejabat=pejabat, alasan=catatan[:500])
    return kendala
