"""Decisions at the current step: approve, refuse, return for revision, answer availability."""
from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from inti import waktu
from inti.exceptions import KonflikError
from inti.models import AksiAudit
from organisasi import selectors as org
from organisasi.models import Pegawai

from .. import dokumen, permissions
from ..models import RUTE_PENUNJUKAN, Keputusan, PermohonanPenugasan, StatusPermohonan
from ..rencana import rencana_keputusan
from ._jejak import _dengan_jejak
from ._umum import _catat_langkah, _url, _users_tembusan
from .lingkup import KonteksRute
from .pemeriksaan import _periksa_pegawai_tugas
from .penyelesaian import _selesaikan_rute
from .rute import _beritahu_penentu, _tetapkan_penentu, pastikan_penentu


def _pilih_pegawai(permohonan: PermohonanPenugasan, pegawai_ids, tanggal: datetime.date) -> list[Pegawai]:
    if pegawai_ids:
        ids = list(dict.fromkeys(int(i) for i in pegawai_ids))
        pegawai = list(Pegawai.objects.filter(pk__in=ids).select_related("user"))
        if len(pegawai) != len(ids):
            raise ValidationError({"pegawai": _("Ada pegawai yang tidak ditemukan.")})
    else:
        pegawai = list(permohonan.pegawai_diminta.select_related("user"))
    if not pegawai:
        raise ValidationError({"pegawai": _("Pilih pegawai yang ditugaskan sesuai kriteria permohonan.")})
    konteks = KonteksRute(rute=permohonan.rute, unit_asal=permohonan.unit_asal, unit_tujuan=permohonan.unit_tujuan)
    _periksa_pegawai_tugas(pegawai=pegawai, konteks=konteks, tanggal=max(permohonan.mulai, tanggal),
                           permohonan=permohonan, field="pegawai")
    return pegawai


def _putuskan(**kwargs) -> PermohonanPenugasan:
    """One decision asks the organisation the same questions many times (the decider, the
    signers and tembusan of each letter, each assignee's PPK): answered once (``ingat_resolusi``)."""
    with org.ingat_resolusi():
        return _putuskan_dalam(**kwargs)


def _putuskan_dalam(*, actor, ip, permohonan_id: int, keputusan: str, langkah: int | None, alasan: str = "",
                    catatan: str = "", pegawai_ids=None, konfirmasi_melebihi: bool = False) -> PermohonanPenugasan:
    tanggal = waktu.hari_ini()
    # the rows every decision reads (rule sets, units, agencies, requester) in the same query; only
    # the request's own row is locked
    permohonan = (PermohonanPenugasan.objects.select_for_update(of=("self",))
                  .select_related("aturan", "aturan_tujuan", "pemohon__user", "unit_asal", "unit_tujuan",
                                  "instansi_asal", "instansi_tujuan", "jabatan_pemohon")
                  .get(pk=permohonan_id))
    if permohonan.status != StatusPermohonan.MENUNGGU_KEPUTUSAN:
        raise KonflikError(_("Permohonan berstatus '%(status)s'; tidak ada langkah yang menunggu keputusan.")
                           % {"status": permohonan.get_status_display()})
    if langkah is not None and langkah != permohonan.langkah_ke:
        raise KonflikError(_("Langkah %(n)d sudah diputuskan; permohonan kini pada langkah %(kini)d.")
                           % {"n": langkah + 1, "kini": permohonan.langkah_ke + 1})
    step = permohonan.langkah_sekarang
    if keputusan == Keputusan.KEMBALIKAN and not permohonan.boleh_dikembalikan():
        raise KonflikError(_("Rute ini tidak mengizinkan langkah '%(langkah)s' mengembalikan permohonan untuk "
                             "diperbaiki; setujui atau tolak dengan alasan.")
                           % {"langkah": step.get("judul", step["kode"])})
    if keputusan == Keputusan.SETUJUI and step["aksi"] != "setujui":
        raise KonflikError(_("Langkah ini menunggu jawaban ketersediaan pegawai, bukan persetujuan."))
    if keputusan == Keputusan.JAWAB_KETERSEDIAAN and step["aksi"] != "jawab_ketersediaan":
        raise KonflikError(_("Langkah ini menunggu persetujuan, bukan jawaban ketersediaan."))
    pejabat = pastikan_penentu(actor=actor, permohonan=permohonan, tanggal=tanggal)
    alasan, catatan = (alasan or "").strip(), (catatan or "").strip()
    if keputusan == Keputusan.TOLAK and not alasan:
        raise ValidationError({"alasan": _("Penolakan wajib disertai alasan.")})
    if keputusan == Keputusan.KEMBALIKAN and not alasan:
        raise ValidationError({"alasan": _("Pengembalian wajib disertai alasan: apa yang perlu diperbaiki.")})

    data: dict = {}
    peringatan: list[str] = []
    if keputusan not in (Keputusan.TOLAK, Keputusan.KEMBALIKAN) and (step["aksi"] == "jawab_ketersediaan" or step["peran"] == "ppk_tujuan"):
        if permohonan.rute in RUTE_PENUNJUKAN:
            dipilih = _pilih_pegawai(permohonan, pegawai_ids, tanggal)
            lebih = _peringatan_melebihi(permohonan, dipilih, konfirmasi=konfirmasi_melebihi)
            if lebih:
                peringatan.append(lebih)
                catatan = f"{catatan}\n{lebih}".strip()
            permohonan.pegawai_ditugaskan.set(dipilih)
            org.muat_pegawai(pegawai_ids=[p.pk for p in dipilih] + [permohonan.ketua_tim_id], tanggal=tanggal)
            data["pegawai"] = [{"id": p.pk, "nama": p.nama_lengkap, "nip": p.nip} for p in dipilih]
    eskalasi = getattr(pejabat, "eskalasi_dari", None)
    if eskalasi is not None:  # the deciding post fell vacant: the post above decides for it
        data["eskalasi_dari"] = {"id": eskalasi.pk, "jabatan": eskalasi.nama}
        catatan = f"{catatan}\n{_pesan_eskalasi(pejabat)}".strip()

    rencana = rencana_keputusan(permohonan=permohonan, keputusan=keputusan)
    status_dari = permohonan.status
    if keputusan == Keputusan.TOLAK:
        permohonan.tolak()
        permohonan.alasan_penolakan = alasan
        permohonan.diputuskan_pada = timezone.now()
        permohonan.jabatan_penentu = None
    elif keputusan == Keputusan.KEMBALIKAN:
        permohonan.kembalikan()
        permohonan.alasan_pengembalian = alasan
        permohonan.jabatan_penentu = None
        if permohonan.rute in RUTE_PENUNJUKAN:
            permohonan.pegawai_ditugaskan.clear()  # chosen again when the route reaches the PPK anew
    elif not rencana.selesai:
        permohonan.lanjutkan()
        penentu_baru = _tetapkan_penentu(permohonan, tanggal)
    else:
        permohonan.setujui()
        permohonan.diputuskan_pada = timezone.now()
        permohonan.jabatan_penentu = None
    permohonan.save(update_fields=["status", "langkah_ke", "jabatan_penentu", "alasan_penolakan",
                                   "alasan_pengembalian", "diputuskan_pada", "updated_at"])
    baris = _catat_langkah(permohonan=permohonan, actor=actor, pejabat=pejabat, kode=step["kode"], peran=step["peran"],
                           keputusan=keputusan, status_dari=status_dari, alasan=alasan, catatan=catatan, data=data,
                           tanggal=tanggal, ip=ip)

    permissions.cabut_hak_putuskan(permohonan=permohonan)
    permissions.beri_hak_lihat(permohonan=permohonan, users=[actor])
    if keputusan == Keputusan.KEMBALIKAN:
        # back in the requester's hands: only they may revise and resubmit (services check it)
        permissions.beri_hak_lihat(permohonan=permohonan, users=[permohonan.pemohon.user, permohonan.dibuat_oleh])
        dokumen.kirim_notifikasi(
            penerima=[permohonan.pemohon.user, permohonan.dibuat_oleh],
            jenis="permohonan_kembalikan",
            judul=_("Perlu diperbaiki: %(judul)s") % {"judul": permohonan.judul},
            pesan=_("%(langkah)s oleh %(pejabat)s: permohonan dikembalikan untuk diperbaiki. %(alasan)s: %(isi)s")
            % {"langkah": step.get("judul", step["kode"]), "pejabat": pejabat.sebutan, "alasan": _("Alasan"),
               "isi": alasan},
            url=_url(permohonan), kunci=f"permohonan:{permohonan.pk}:langkah:{baris.urutan}:{keputusan}",
            objek=permohonan)
        return permohonan
    # letters the regulation issues at this point (penugasan.rencana decides which)
    if rencana.surat_jawaban:
        dokumen.terbitkan_surat_jawaban(permohonan=permohonan, langkah=baris, actor=actor)
    elif rencana.surat_permohonan_diteruskan:
        dokumen.terbitkan_surat_permohonan(permohonan=permohonan, actor=actor)  # PyB forwards to the target PyB

    penerima = [permohonan.pemohon.user, *_users_tembusan(permohonan, tanggal)]
    if permohonan.status in (StatusPermohonan.DISETUJUI, StatusPermohonan.DITOLAK) and any(
            s.get("peran") == "pyb_asal" for s in permohonan.langkah_rute):
        # the requesting PyB forwarded the request: it learns the outcome (000 Lamp II.B.2 Penunjukan c)
        pyb = org.pyb_instansi(instansi=permohonan.instansi_asal, tanggal=tanggal)
        if pyb is not None and pyb.pegawai.user is not None:
            penerima.append(pyb.pegawai.user)
    penerima = [u for u in penerima if u is not None and u.pk != actor.pk]  # nobody is told of their own decision
    dokumen.kirim_notifikasi(
        penerima=penerima, jenis=f"permohonan_{keputusan}",
        judul=_("%(keputusan)s: %(judul)s") % {"keputusan": Keputusan(keputusan).label, "judul": permohonan.judul},
        pesan=_("%(langkah)s oleh %(pejabat)s.%(alasan)s") % {
            "langkah": step.get("judul", step["kode"]), "pejabat": pejabat.sebutan,
            "alasan": f" {_('Alasan')}: {alasan}" if alasan else ""},
        url=_url(permohonan), kunci=f"permohonan:{permohonan.pk}:langkah:{baris.urutan}:{keputusan}",
        objek=permohonan)
    if permohonan.status == StatusPermohonan.MENUNGGU_KEPUTUSAN:
        permissions.beri_hak_putuskan(permohonan=permohonan, user=penentu_baru.pegawai.user)
        _beritahu_penentu(permohonan, penentu_baru)
    if rencana.selesai:
        _selesaikan_rute(permohonan=permohonan, actor=actor, langkah=baris, rencana=rencana.penyelesaian)
    permohonan.peringatan = peringatan
    return permohonan


def _peringatan_melebihi(permohonan: PermohonanPenugasan, dipilih: list[Pegawai], *, konfirmasi: bool) -> str:
    """Choosing more staff than requested needs an explicit confirmation; returns the warning
    recorded with the decision ("" when within the number requested)."""
    diminta = permohonan.jumlah_dibutuhkan or 1
    if len(dipilih) <= diminta:
        return ""
    if not konfirmasi:
        raise ValidationError({"pegawai": _(
            "Anda memilih %(n)d pegawai, lebih banyak dari %(m)d yang diminta. Berikan konfirmasi "
            "(konfirmasi_melebihi) bila memang semuanya ditugaskan, atau kurangi pilihan.")
            % {"n": len(dipilih), "m": diminta}})
    return _("Jumlah pegawai yang ditugaskan (%(n)d) melebihi yang diminta (%(m)d); dikonfirmasi pengambil "
             "keputusan.") % {"n": len(dipilih), "m": diminta}


def _pesan_eskalasi(pejabat) -> str:
    return _("Jabatan %(kosong)s kosong tanpa Plt./Plh.; diputuskan oleh %(atas)s sebagai jabatan di atasnya.") % {
        "kosong": pejabat.eskalasi_dari.nama, "atas": pejabat.sebutan}


@_dengan_jejak(AksiAudit.PERMOHONAN_SETUJUI)
def permohonan_setujui(*, actor, ip: str | None = None, permohonan_id: int, langkah: int | None = None,
                       catatan: str = "", pegawai_ids=None, konfirmasi_melebihi: bool = False) -> PermohonanPenugasan:
    """Approve the current step. At the step of the PPK where the staff sit, ``pegawai_ids``
    chooses the staff (default: those requested by name); more than requested needs
    ``konfirmasi_melebihi`` (the returned object's ``peringatan`` then says so)."""
    return _putuskan(actor=actor, ip=ip, permohonan_id=permohonan_id, keputusan=Keputusan.SETUJUI, langkah=langkah,
                     catatan=catatan, pegawai_ids=pegawai_ids, konfirmasi_melebihi=konfirmasi_melebihi)


@_dengan_jejak(AksiAudit.PERMOHONAN_TOLAK)
def permohonan_tolak(*, actor, ip: str | None = None, permohonan_id: int, alasan: str,
                     langkah: int | None = None) -> PermohonanPenugasan:
    """Refuse at the current step; the reason is mandatory."""
    return _putuskan(actor=actor, ip=ip, permohonan_id=permohonan_id, keputusan=Keputusan.TOLAK, langkah=langkah,
                     alasan=alasan)


@_dengan_jejak(AksiAudit.PERMOHONAN_KEMBALIKAN)
def permohonan_kembalikan(*, actor, ip: str | None = None, permohonan_id: int, alasan: str,
                          langkah: int | None = None) -> PermohonanPenugasan:
    """Return the request to the requester for revision at the current step, where the route
    allows it (step ``boleh_dikembalikan``; else 409); the reason is mandatory. The requester
    revises (``permohonan_perbaiki``) and resubmits (``permohonan_ajukan``)."""
    return _putuskan(actor=actor, ip=ip, permohonan_id=permohonan_id, keputusan=Keputusan.KEMBALIKAN,
                     langkah=langkah, alasan=alasan)


@_dengan_jejak(AksiAudit.PERMOHONAN_JAWAB_KETERSEDIAAN)
def permohonan_jawab_ketersediaan(*, actor, ip: str | None = None, permohonan_id: int, pegawai_ids,
                                  langkah: int | None = None, catatan: str = "",
                                  konfirmasi_melebihi: bool = False) -> PermohonanPenugasan:
    """Answer availability with the list of staff (lintas instansi / lintas PD); more than
    requested needs ``konfirmasi_melebihi``. "Not available" is a refusal with reason
    (``permohonan_tolak``)."""
    if not pegawai_ids:
        raise ValidationError({"pegawai": _("Sebutkan daftar pegawai yang tersedia.")})
    return _putuskan(actor=actor, ip=ip, permohonan_id=permohonan_id, keputusan=Keputusan.JAWAB_KETERSEDIAAN,
                     langkah=langkah, catatan=catatan, pegawai_ids=pegawai_ids,
                     konfirmasi_melebihi=konfirmasi_melebihi)
