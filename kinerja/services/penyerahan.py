"""Evaluation and acceptance (DOMAIN §4.3): a team's ketua or an individual assignee hands in
the results for a target; the review chain of the region × PD kind (``penerima.rantai_evaluasi``,
copied into ``langkah_rantai`` at hand-in, each step resolved on the decision date to whoever
holds or acts for the post, a vacant post escalating upwards) reviews step by step. A reviewer
forwards, or returns for rework with a reason (where the rules say off-target results are
returned) — or, where the rules say the receiving official corrects them (Pasuruan), the last
reviewer corrects; the top of the chain accepts. Every decision names the step it decides
(``langkah``): a stale step or a second concurrent decision is a 409.

On acceptance: the realisation is written to the target, its parent share and the indikator,
and to the members' role-matrix rows; the individual assignment finishes and an insidental
team is dissolved through penugasan's ending services (``penugasan.services.pengakhiran``).
"""
from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from inti.exceptions import KonflikError
from inti.models import AksiAudit
from organisasi.models import Jabatan, Pegawai
from penugasan import services as penugasan_services
from penugasan.models import Penugasan, Sifat, StatusPenugasan, StatusTim, TimKerja

from ..models import (
    AksiPenyerahan,
    BarisMatriksPeran,
    HasilTidakSesuai,
    IndikatorKinerja,
    LangkahPenyerahan,
    PenyerahanHasil,
    StatusPenyerahan,
    TargetJabatan,
)
from ..penerima import ketua_tim, pastikan_pejabat, rantai_evaluasi
from ._pelaksanaan import beri_tahu, id_wajib, teks, url_objek
from ._umum import angka, aturan, dengan_jejak, hari_ini, jejak_catat, pegawai_actor
from .laporan import _target, _tim_aktif


def _realisasi_anggota(nilai, *, tim: TimKerja | None) -> dict:
    if nilai in (None, "", {}):
        return {}
    if not isinstance(nilai, dict) or tim is None:
        raise ValidationError({"realisasi_anggota": [_("Isi {id baris matriks: realisasi} untuk tim.")]})
    baris = set(BarisMatriksPeran.objects.filter(tim=tim).values_list("pk", flat=True))
    hasil, galat = {}, {}
    for k, v in nilai.items():
        try:
            kunci = int(k)
        except (TypeError, ValueError):
            kunci = None
        if kunci not in baris:
            galat[f"realisasi_anggota[{k}]"] = [_("Bukan baris matriks %(tim)s.") % {"tim": tim.nama}]
            continue
        try:
            hasil[str(kunci)] = str(angka(v, field=f"realisasi_anggota[{k}]", wajib=True))
        except ValidationError as exc:
            galat.update(exc.message_dict)
    if galat:
        raise ValidationError(galat)
    return hasil


def _langkah_sekarang(p: PenyerahanHasil) -> dict:
    return p.langkah_rantai[p.langkah_ke]


def _jabatan_langkah(langkah: dict) -> Jabatan | None:
    return Jabatan.objects.filter(pk=langkah["jabatan_id"]).first() if langkah.get("jabatan_id") else None


def _pegawai_langkah(langkah: dict) -> Pegawai | None:
    return Pegawai.objects.filter(pk=langkah["pegawai_id"]).first() if langkah.get("pegawai_id") else None


def _beri_tahu_peninjau(p: PenyerahanHasil, *, actor) -> None:
    langkah = _langkah_sekarang(p)
    jab, peg = _jabatan_langkah(langkah), _pegawai_langkah(langkah)
    beri_tahu(jabatan=[jab] if jab else [], pegawai=[peg] if peg else [], jenis="penyerahan_hasil",
              judul=_("Hasil kerja menunggu peninjauan Anda: %(t)s") % {"t": str(p.target)[:120]},
              pesan=p.uraian_hasil[:500], url=url_objek("hasil", p.pk), objek=p, kecuali=actor,
              kunci=f"hasil:{p.pk}:{p.putaran}:{p.langkah_ke}")


def _susun_rantai(*, target: TargetJabatan, tim: TimKerja | None, hari) -> list[dict]:
    rantai = rantai_evaluasi(target=target, tim=tim, tanggal=hari)
    if not rantai:
        raise KonflikError(_("Rantai peninjauan target ini tidak dapat disusun dari struktur organisasi."))
    return rantai


def _catat_langkah(p: PenyerahanHasil, *, actor, aksi: str, pejabat=None, alasan: str = "") -> LangkahPenyerahan:
    urutan = LangkahPenyerahan.objects.filter(penyerahan=p).count() + 1
    langkah = p.langkah_rantai[p.langkah_ke] if p.langkah_rantai and aksi != AksiPenyerahan.SERAHKAN else {}
    return LangkahPenyerahan.objects.create(
        penyerahan=p, urutan=urutan, putaran=p.putaran, peran=langkah.get("peran", ""), aksi=aksi, actor=actor,
        jabatan=pejabat.jabatan if pejabat is not None and pejabat.jabatan.pk else None,
        sebagai=pejabat.sebagai if pejabat is not None else "",
        nama_pegawai=(pejabat.pegawai.nama_lengkap if pejabat is not None else pegawai_actor(actor).nama_lengkap)[:250],
        alasan=alasan)


@dengan_jejak(AksiAudit.KINERJA_HASIL_SERAHKAN, model=TargetJabatan, kunci="target_id")
def hasil_serahkan(*, actor, ip: str | None = None, target_id, uraian_hasil: str, tim_id=None, penugasan_id=None,
                   realisasi=None, realisasi_anggota=None) -> PenyerahanHasil:
    """The ketua (team) or the assignee (individual) hands in results for a target they serve."""
    saya = pegawai_actor(actor)
    hari = hari_ini()
    tim = penugasan = None
    if tim_id not in (None, ""):
        tim = _tim_aktif(tim_id)
        ketua = ketua_tim(tim)
        if ketua is None or ketua.pk != saya.pk:
            raise PermissionDenied(_("Hasil tim diserahkan oleh ketua %(tim)s.") % {"tim": tim.nama})
    else:
        penugasan = Penugasan.objects.select_related("unit", "instansi").filter(
            pk=id_wajib(penugasan_id, field="penugasan_id"), tim__isnull=True).first()
        if penugasan is None:
            raise ValidationError({"penugasan_id": [_("Penugasan individu tidak ditemukan.")]})
        if penugasan.pegawai_id != saya.pk:
            raise PermissionDenied(_("Hanya pegawai yang ditugaskan yang menyerahkan hasil penugasan ini."))
        if penugasan.status != StatusPenugasan.AKTIF:
            raise KonflikError(_("Penugasan ini tidak aktif lagi."))
    target = _target(target_id, tim=tim, penugasan=penugasan)
    if target is None:
        raise ValidationError({"target_id": [_("Wajib diisi.")]})
    target = TargetJabatan.objects.select_for_update(of=("self",)).select_related(
        "jabatan__unit__perangkat_daerah", "induk__jabatan", "penanggung_jawab").get(pk=target.pk)
    uraian_hasil = teks(uraian_hasil, field="uraian_hasil")
    realisasi = angka(realisasi, field="realisasi")
    per_anggota = _realisasi_anggota(realisasi_anggota, tim=tim)
    terbuka = PenyerahanHasil.objects.filter(target=target, status__in=[StatusPenyerahan.DITINJAU,
                                                                        StatusPenyerahan.DIKEMBALIKAN])
    terbuka = terbuka.filter(tim=tim) if tim is not None else terbuka.filter(penugasan=penugasan)
    if terbuka.exists():
        raise KonflikError(_("Hasil untuk target ini sedang ditinjau atau menunggu perbaikan; serahkan ulang yang ada."))
    rantai = _susun_rantai(target=target, tim=tim, hari=hari)
    p = PenyerahanHasil(target=target, tim=tim, penugasan=penugasan, diserahkan_oleh=saya, uraian_hasil=uraian_hasil,
                        realisasi=realisasi, realisasi_anggota=per_anggota, langkah_rantai=rantai, langkah_ke=0,
                        jabatan_penentu_id=rantai[0]["jabatan_id"], pegawai_penentu_id=rantai[0]["pegawai_id"])
    p.save()
    _catat_langkah(p, actor=actor, aksi=AksiPenyerahan.SERAHKAN, alasan=uraian_hasil[:500])
    jejak_catat(actor=actor, objek=p, aksi=AksiAudit.KINERJA_HASIL_SERAHKAN, diizinkan=True, status_ke=p.status, ip=ip,
                alasan=" → ".join(x["nama"] for x in rantai))
    _beri_tahu_peninjau(p, actor=actor)
    return p


def _terkunci_pada_langkah(*, actor, penyerahan_id, langkah):
    p = PenyerahanHasil.objects.select_for_update(of=("self",)).select_related("target").get(
        pk=id_wajib(penyerahan_id, field="penyerahan_id"))
    if langkah in (None, ""):
        raise ValidationError({"langkah": [_("Sebutkan langkah yang Anda putuskan.")]})
    try:
        langkah = int(langkah)
    except (TypeError, ValueError):
        raise ValidationError({"langkah": [_("Langkah harus angka.")]}) from None
    step = p.langkah_rantai[p.langkah_ke] if p.langkah_rantai else {}
    # state first: the loser of two concurrent decisions (or a stale page) gets 409, not 403
    if p.status != StatusPenyerahan.DITINJAU:
        raise KonflikError(_("Hasil ini sudah %(s)s.") % {"s": p.get_status_display().lower()})
    if langkah != p.langkah_ke:
        raise KonflikError(_("Langkah %(n)s sudah diputuskan; hasil ini kini menunggu %(nama)s. Muat ulang halaman.")
                           % {"n": langkah + 1, "nama": step.get("nama", "")})
    pejabat = pastikan_pejabat(actor=actor, jabatan=_jabatan_langkah(step), pegawai=_pegawai_langkah(step))
    return p, pejabat


@dengan_jejak(AksiAudit.KINERJA_HASIL_TERUSKAN, model=PenyerahanHasil, kunci="penyerahan_id")
def hasil_teruskan(*, actor, ip: str | None = None, penyerahan_id, langkah, catatan: str = "") -> PenyerahanHasil:
    """The reviewer of the current step judges the results on target and passes them up."""
    p, pejabat = _terkunci_pada_langkah(actor=actor, penyerahan_id=penyerahan_id, langkah=langkah)
    catatan = teks(catatan, field="catatan", wajib=False)
    if not p.masih_ada_langkah():
        raise KonflikError(_("Ini langkah terakhir: terima hasilnya atau kembalikan untuk diperbaiki."))
    _catat_langkah(p, actor=actor, aksi=AksiPenyerahan.TERUSKAN, pejabat=pejabat, alasan=catatan)
    p.teruskan()
    p.jabatan_penentu_id = _langkah_sekarang(p)["jabatan_id"]
    p.pegawai_penentu_id = _langkah_sekarang(p)["pegawai_id"]
    p.save(update_fields=["status", "langkah_ke", "jabatan_penentu", "pegawai_penentu", "updated_at"])
    jejak_catat(actor=actor, objek=p, aksi=AksiAudit.KINERJA_HASIL_TERUSKAN, diizinkan=True,
                status_dari=StatusPenyerahan.DITINJAU, status_ke=p.status, ip=ip, pejabat=pejabat,
                alasan=f"langkah {p.langkah_ke} → {_langkah_sekarang(p)['nama']}")
    _beri_tahu_peninjau(p, actor=actor)
    return p


@dengan_jejak(AksiAudit.KINERJA_HASIL_KEMBALIKAN, model=PenyerahanHasil, kunci="penyerahan_id")
def hasil_kembalikan(*, actor, ip: str | None = None, penyerahan_id, langkah, alasan: str) -> PenyerahanHasil:
    """A reviewer returns off-target results to the team/individual for rework, with a reason
    (where the rules return them; elsewhere the receiving official corrects them)."""
    p, pejabat = _terkunci_pada_langkah(actor=actor, penyerahan_id=penyerahan_id, langkah=langkah)
    alasan = teks(alasan, field="alasan")
    instansi = p.target.jabatan.instansi
    atur = aturan(instansi=instansi)
    if atur.hasil_tidak_sesuai != HasilTidakSesuai.DIKEMBALIKAN:
        raise PermissionDenied(_("Menurut aturan kinerja %(i)s (%(dasar)s), hasil yang belum sesuai diperbaiki oleh "
                                 "pejabat penerima, tidak dikembalikan.")
                               % {"i": instansi.nama, "dasar": (atur.sumber or {}).get("hasil_tidak_sesuai", "")})
    _catat_langkah(p, actor=actor, aksi=AksiPenyerahan.KEMBALIKAN, pejabat=pejabat, alasan=alasan)
    p.kembalikan()
    p.alasan_pengembalian = alasan
    p.jabatan_penentu = p.pegawai_penentu = None
    p.save(update_fields=["status", "alasan_pengembalian", "jabatan_penentu", "pegawai_penentu", "updated_at"])
    jejak_catat(actor=actor, objek=p, aksi=AksiAudit.KINERJA_HASIL_KEMBALIKAN, diizinkan=True,
                status_dari=StatusPenyerahan.DITINJAU, status_ke=p.status, ip=ip, pejabat=pejabat, alasan=alasan)
    beri_tahu(pegawai=[p.diserahkan_oleh], jenis="penyerahan_hasil", judul=_("Hasil dikembalikan untuk diperbaiki"),
              pesan=alasan, url=url_objek("hasil", p.pk), objek=p, kecuali=actor,
              kunci=f"hasil:{p.pk}:{p.putaran}:kembali")
    return p


@dengan_jejak(AksiAudit.KINERJA_HASIL_PERBAIKI, model=PenyerahanHasil, kunci="penyerahan_id")
def hasil_perbaiki(*, actor, ip: str | None = None, penyerahan_id, langkah, alasan: str, uraian_hasil: str = "",
                   realisasi=None) -> PenyerahanHasil:
    """Where the rules say so (Pasuruan, 004 l.252, 298), the receiving official (the last step)
    corrects the results before accepting them."""
    p, pejabat = _terkunci_pada_langkah(actor=actor, penyerahan_id=penyerahan_id, langkah=langkah)
    instansi = p.target.jabatan.instansi
    atur = aturan(instansi=instansi)
    if atur.hasil_tidak_sesuai != HasilTidakSesuai.DIPERBAIKI_PENERIMA:
        raise PermissionDenied(_("Menurut aturan kinerja %(i)s, hasil yang belum sesuai dikembalikan untuk diperbaiki.")
                               % {"i": instansi.nama})
    if not p.langkah_terakhir():
        raise PermissionDenied(_("Perbaikan dilakukan oleh pejabat penerima akhir (%(nama)s).")
                               % {"nama": p.langkah_rantai[-1]["nama"]})
    alasan = teks(alasan, field="alasan")
    fields = ["updated_at"]
    if uraian_hasil:
        p.uraian_hasil = teks(uraian_hasil, field="uraian_hasil")
        fields.append("uraian_hasil")
    if realisasi not in (None, ""):
        p.realisasi = angka(realisasi, field="realisasi")
        fields.append("realisasi")
    _catat_langkah(p, actor=actor, aksi=AksiPenyerahan.PERBAIKI, pejabat=pejabat, alasan=alasan)
    p.save(update_fields=fields)
    jejak_catat(actor=actor, objek=p, aksi=AksiAudit.KINERJA_HASIL_PERBAIKI, diizinkan=True, status_dari=p.status,
                status_ke=p.status, ip=ip, pejabat=pejabat, alasan=alasan)
    return p


@dengan_jejak(AksiAudit.KINERJA_HASIL_SERAHKAN, model=PenyerahanHasil, kunci="penyerahan_id")
def hasil_serahkan_ulang(*, actor, ip: str | None = None, penyerahan_id, uraian_hasil: str, realisasi=None,
                         realisasi_anggota=None) -> PenyerahanHasil:
    """After a return, the team/individual hands in the reworked results; the chain starts
    again from its first step (re-resolved on today's organisation)."""
    p = PenyerahanHasil.objects.select_for_update(of=("self",)).select_related(
        "target__jabatan__unit__perangkat_daerah", "target__induk__jabatan", "tim").get(
        pk=id_wajib(penyerahan_id, field="penyerahan_id"))
    saya = pegawai_actor(actor)
    ketua = ketua_tim(p.tim) if p.tim_id else None
    if saya.pk not in {p.diserahkan_oleh_id, ketua.pk if ketua else None}:
        raise PermissionDenied(_("Hanya penyerah hasil (ketua tim) yang dapat menyerahkan ulang."))
    if p.status != StatusPenyerahan.DIKEMBALIKAN:
        raise KonflikError(_("Hanya hasil yang dikembalikan yang dapat diserahkan ulang."))
    p.uraian_hasil = teks(uraian_hasil, field="uraian_hasil")
    if realisasi not in (None, ""):
        p.realisasi = angka(realisasi, field="realisasi")
    if realisasi_anggota:
        p.realisasi_anggota = _realisasi_anggota(realisasi_anggota, tim=p.tim)
    p.langkah_rantai = _susun_rantai(target=p.target, tim=p.tim, hari=hari_ini())
    p.serahkan_ulang()
    p.jabatan_penentu_id = p.langkah_rantai[0]["jabatan_id"]
    p.pegawai_penentu_id = p.langkah_rantai[0]["pegawai_id"]
    p.alasan_pengembalian = ""
    p.save(update_fields=["uraian_hasil", "realisasi", "realisasi_anggota", "langkah_rantai", "status", "langkah_ke",
                          "putaran", "jabatan_penentu", "pegawai_penentu", "alasan_pengembalian", "updated_at"])
    _catat_langkah(p, actor=actor, aksi=AksiPenyerahan.SERAHKAN, alasan=_("diserahkan ulang setelah diperbaiki"))
    jejak_catat(actor=actor, objek=p, aksi=AksiAudit.KINERJA_HASIL_SERAHKAN, diizinkan=True,
                status_dari=StatusPenyerahan.DIKEMBALIKAN, status_ke=p.status, ip=ip, alasan=f"putaran {p.putaran}")
    _beri_tahu_peninjau(p, actor=actor)
    return p


def _tulis_realisasi(p: PenyerahanHasil, hari) -> None:
    """The accepted realisation: the target, the parent share (sum of its children), the
    indikator (sum of its top-level shares) and the members' matrix rows."""
    target = p.target
    if p.realisasi is not None:
        target.realisasi = p.realisasi
        target.save(update_fields=["realisasi", "updated_at"])
        if target.induk_id:
            induk = TargetJabatan.objects.select_for_update(of=("self",)).get(pk=target.induk_id)
            induk.realisasi = TargetJabatan.objects.filter(induk=induk).aggregate(s=Sum("realisasi"))["s"]
            induk.save(update_fields=["realisasi", "updated_at"])
        ind = IndikatorKinerja.objects.select_for_update(of=("self",)).get(pk=target.indikator_id)
        ind.realisasi = TargetJabatan.objects.filter(indikator=ind, induk__isnull=True).aggregate(
            s=Sum("realisasi"))["s"]
        ind.realisasi_pada = hari
        ind.save(update_fields=["realisasi", "realisasi_pada", "updated_at"])
    for baris_id, nilai in (p.realisasi_anggota or {}).items():
        BarisMatriksPeran.objects.filter(pk=int(baris_id), tim_id=p.tim_id).update(realisasi=Decimal(nilai),
                                                                                   updated_at=timezone.now())


@dengan_jejak(AksiAudit.KINERJA_HASIL_TERIMA, model=PenyerahanHasil, kunci="penyerahan_id")
def hasil_terima(*, actor, ip: str | None = None, penyerahan_id, langkah, catatan: str = "") -> PenyerahanHasil:
    """The top of the chain accepts: the work is finished (DOMAIN §4.3)."""
    p, pejabat = _terkunci_pada_langkah(actor=actor, penyerahan_id=penyerahan_id, langkah=langkah)
    catatan = teks(catatan, field="catatan", wajib=False)
    if not p.langkah_terakhir():
        raise KonflikError(_("Hasil diterima oleh %(nama)s (akhir rantai); teruskan atau kembalikan.")
                           % {"nama": p.langkah_rantai[-1]["nama"]})
    hari = hari_ini()
    _catat_langkah(p, actor=actor, aksi=AksiPenyerahan.TERIMA, pejabat=pejabat, alasan=catatan)
    p.terima()
    p.diterima_pada = timezone.now()
    p.jabatan_penentu = p.pegawai_penentu = None
    p.save(update_fields=["status", "diterima_pada", "jabatan_penentu", "pegawai_penentu", "updated_at"])
    _tulis_realisasi(p, hari)
    jejak_catat(actor=actor, objek=p, aksi=AksiAudit.KINERJA_HASIL_TERIMA, diizinkan=True,
                status_dari=StatusPenyerahan.DITINJAU, status_ke=p.status, ip=ip, pejabat=pejabat,
                alasan=f"realisasi {p.realisasi}" if p.realisasi is not None else catatan)
    selesaikan_pekerjaan(p, actor=actor, ip=ip)
    beri_tahu(pegawai=[p.diserahkan_oleh], jenis="penyerahan_hasil", judul=_("Hasil kerja diterima"),
              pesan=catatan or str(p.target), url=url_objek("hasil", p.pk), objek=p, kecuali=actor,
              kunci=f"hasil:{p.pk}:diterima")
    return p


def selesaikan_pekerjaan(p: PenyerahanHasil, *, actor, ip: str | None = None) -> None:
    """Finish the work the accepted results close, through penugasan's ending services (same
    transaction, so a refusal there refuses the acceptance): the individual assignment
    finishes; an insidental team is dissolved (its members' assignments finish with it); a
    routine team keeps working on its other targets."""
    alasan = _("Hasil kerja %(t)s diterima.") % {"t": str(p.target)[:200]}
    if p.penugasan_id:
        if Penugasan.objects.filter(pk=p.penugasan_id, status=StatusPenugasan.AKTIF).exists():
            penugasan_services.penugasan_selesaikan(actor=actor, ip=ip, penugasan_id=p.penugasan_id, alasan=alasan)
        return
    tim = TimKerja.objects.filter(pk=p.tim_id).first()
    if tim is not None and tim.status == StatusTim.AKTIF and tim.sifat == Sifat.INSIDENTAL:
        penugasan_services.tim_bubarkan(actor=actor, ip=ip, tim_id=tim.pk, alasan=alasan)
