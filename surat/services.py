"""Writes of the letters app: issue (number + row + render after commit), render, revoke.

The four builders (permohonan, jawaban, penugasan, keputusan tim) turn penugasan objects
into a frozen ``konteks`` snapshot and call the generic ``surat_terbitkan``. They are meant
to be called inside the penugasan service's transaction: the letter, its number and the
workflow step commit or roll back together.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import logging
from dataclasses import dataclass, field
from typing import Any, Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from inti import antrean, waktu
from inti.exceptions import KonflikError
from inti.jejak import jejak_catat, jejak_catat_banyak, jejak_tolak
from inti.models import AksiAudit
from organisasi import selectors as org
from organisasi.models import (
    Instansi,
    JenisJabatan,
    JenisSurat,
    Pegawai,
    Penandatangan,
    PerangkatDaerah,
    TujuanLaporan,
)
from organisasi.selectors import Pejabat
from organisasi.selectors_aturan import aturan_pada
from penugasan.models import (
    STATUS_TERBUKA,
    Keputusan,
    LangkahPermohonan,
    Penugasan,
    PeranPenugasan,
    PermohonanPenugasan,
    Rute,
    StatusPenugasan,
    sebutan_peran_tim,
)

from . import konteks as k
from .models import JenisDokumen, StatusSurat, Surat
from .numbering import nomor_alokasikan_banyak
from . import tasks
from .pdf import NOMOR_DRAF, surat_render_pdf, tanggal_indonesia

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------- snapshots


def penandatangan_snapshot(penandatangan: Pejabat | dict, *, atas_nama: str = "") -> dict:
    """Freeze who signs: {nama, nip, pangkat, jabatan, pegawai_id}.

    ``jabatan`` carries the Plt./Plh. prefix of an acting official and, when signing on
    behalf of a higher authority, ``a.n. <authority>`` on the line before.
    """
    if isinstance(penandatangan, Pejabat):
        pegawai = penandatangan.pegawai
        data = {
            "nama": pegawai.nama_lengkap, "nip": pegawai.nip, "pangkat": pegawai.pangkat_golongan,
            "jabatan": penandatangan.sebutan, "pegawai_id": pegawai.pk,
        }
    elif isinstance(penandatangan, dict):
        data = {k: str(penandatangan.get(k) or "") for k in ("nama", "nip", "pangkat", "jabatan")}
        data["pegawai_id"] = penandatangan.get("pegawai_id")
    else:
        raise ValidationError({"penandatangan": _("Penandatangan surat tidak ditemukan (jabatan kosong).")})
    if not data["nama"] or not data["jabatan"]:
        raise ValidationError({"penandatangan": _("Nama dan jabatan penandatangan wajib diisi.")})
    if atas_nama:
        data["jabatan"] = f"a.n. {atas_nama},\n{data['jabatan']}"
    return data


def kop_snapshot(*, instansi: Instansi, perangkat_daerah: PerangkatDaerah | None) -> dict:
    """Letterhead data frozen at issue time."""
    pemerintah = instansi.nama
    if perangkat_daerah is None:
        return {"pemerintah": pemerintah, "nama_pd": instansi.nama_daerah, "alamat": "", "telepon": "",
                "email": "", "website": "", "kode_pos": "", "logo_berkas": ""}
    pd = perangkat_daerah
    alamat = ", ".join(x for x in (pd.alamat, pd.kota) if x)
    return {
        "pemerintah": pemerintah, "nama_pd": pd.nama, "alamat": alamat, "telepon": pd.telepon,
        "email": pd.email, "website": pd.website, "kode_pos": pd.kode_pos,
        "logo_berkas": pd.logo.name if pd.logo else "",
    }


def pegawai_snapshot(pegawai: Pegawai, *, jabatan: str = "", unit: str = "") -> dict:
    return {"nama": pegawai.nama_lengkap, "nip": pegawai.nip, "pangkat": pegawai.pangkat_golongan,
            "jabatan": jabatan, "unit": unit, "pegawai_id": pegawai.pk}


def _json_bersih(konteks: dict) -> dict:
    """Round-trip through JSON so the stored snapshot is exactly what the template later reads."""
    try:
        return json.loads(json.dumps(konteks, cls=DjangoJSONEncoder))
    except (TypeError, ValueError) as exc:
        raise ValidationError({"konteks": _("Isi surat tidak dapat disimpan: %(e)s") % {"e": exc}}) from exc


# --------------------------------------------------------------------------- generic issue


def surat_isi(*, instansi: Instansi, perangkat_daerah: PerangkatDaerah | None, konteks: dict) -> dict:
    """The frozen snapshot a letter template reads: letterhead, place, then the builder's konteks.
    Shared by the issuing service and the unnumbered draft (``surat.selectors``)."""
    isi = {"kop": kop_snapshot(instansi=instansi, perangkat_daerah=perangkat_daerah),
           "tempat": (perangkat_daerah.kota if perangkat_daerah and perangkat_daerah.kota else instansi.ibu_kota)
           or instansi.nama_daerah}
    isi.update(konteks)
    return _json_bersih(isi)


def _render_setelah_commit(surat_id: int) -> None:
    try:
        # no publish retries, and nothing asked of a broker that just failed (inti.antrean)
        antre = antrean.antrekan(tasks.render_surat_task, surat_id)
    except Exception:  # the broker's connection pool unusable: never fail the response either
        logger.exception("Gagal mengantrekan pembuatan PDF surat %s", surat_id)
        return
    if not antre:  # broker down or frozen: the letter stays "menunggu_render"; render_surat_tertunda_task retries
        logger.warning("Gagal mengantrekan pembuatan PDF surat %s", surat_id)
        return
    Surat.objects.filter(pk=surat_id, render_diantrekan_pada__isnull=True).update(
        render_diantrekan_pada=timezone.now())


def surat_antrekan_ulang_render(*, menit: int, sewa_menit: int, batas: int = 500) -> list[int]:
    """Letters still without a PDF that need their render queued again: never queued and older
    than ``menit`` (the broker was down at issue), or queued longer ago than the lease
    ``sewa_menit`` (the worker died or the render failed). Each is marked as queued now before
    being queued, so a sweep every few minutes never puts the same letter twice in the queue
    while its render may still be pending. Concurrent sweeps skip each other's rows."""
    sekarang = timezone.now()
    with transaction.atomic():
        ids = list(
            Surat.objects.select_for_update(skip_locked=True)
            .filter(berkas="")
            .filter(Q(render_diantrekan_pada__isnull=True, created_at__lt=sekarang - datetime.timedelta(minutes=menit))
                    | Q(render_diantrekan_pada__lt=sekarang - datetime.timedelta(minutes=sewa_menit)))
            .order_by("pk").values_list("pk", flat=True)[:batas])
        Surat.objects.filter(pk__in=ids).update(render_diantrekan_pada=sekarang)
    antre = []
    for pk in ids:
        try:
            ok = antrean.antrekan(tasks.render_surat_task, pk)
        except Exception:  # broker's connection pool unusable: the lease brings it back on a later sweep
            logger.exception("Gagal mengantrekan ulang pembuatan PDF surat %s", pk)
            continue
        if not ok:  # broker down again: the lease brings it back on a later sweep
            continue
        antre.append(pk)
    return antre


@transaction.atomic
def surat_terbitkan(
    *,
    jenis: str,
    instansi: Instansi,
    perangkat_daerah: PerangkatDaerah | None,
    perihal: str,
    konteks: dict,
    penandatangan: Pejabat | dict | None,
    tembusan: list[str],
    sumber: Any = None,
    actor,
    pihak: Iterable[Pegawai] = (),
    tanggal: datetime.date | None = None,
    atas_nama: str = "",
    kode_klasifikasi: str | None = None,
) -> Surat:
    """Issue a letter: allocate the next number of its series (locked counter row), create the
    immutable row with the frozen context and signatory, and render the PDF after commit."""
    baru = _surat_siapkan(jenis=jenis, instansi=instansi, perangkat_daerah=perangkat_daerah, perihal=perihal,
                          konteks=konteks, penandatangan=penandatangan, tembusan=tembusan, sumber=sumber,
                          actor=actor, pihak=pihak, tanggal=tanggal, atas_nama=atas_nama,
                          kode_klasifikasi=kode_klasifikasi)
    return _surat_simpan([baru], actor=actor)[0]


@dataclass
class _SuratBaru:
    surat: Surat  # unsaved, without its number yet
    pihak_ids: set
    kode_klasifikasi: str | None


def _surat_siapkan(*, jenis, instansi, perangkat_daerah, perihal, konteks, penandatangan, tembusan, sumber, actor,
                   pihak, tanggal, atas_nama, kode_klasifikasi) -> _SuratBaru:
    """Check the letter and build its row (no query): ``_surat_simpan`` numbers and saves it."""
    galat: dict[str, str] = {}
    if jenis not in JenisDokumen.values:
        galat["jenis"] = _("Jenis surat tidak dikenal: %(j)s") % {"j": jenis}
    if not (perihal or "").strip():
        galat["perihal"] = _("Perihal surat wajib diisi.")
    if not isinstance(konteks, dict):
        galat["konteks"] = _("Isi surat harus berupa kamus (dict).")
    if not isinstance(tembusan, (list, tuple)) or not all(isinstance(t, str) and t.strip() for t in tembusan):
        galat["tembusan"] = _("Tembusan harus berupa daftar teks yang tidak kosong.")
    if perangkat_daerah is not None and perangkat_daerah.instansi_id != instansi.pk:
        galat["perangkat_daerah"] = _("Perangkat Daerah bukan bagian dari instansi penerbit.")
    if galat:
        raise ValidationError(galat)
    ttd = penandatangan_snapshot(penandatangan, atas_nama=atas_nama)
    tanggal = tanggal or waktu.hari_ini()
    isi = surat_isi(instansi=instansi, perangkat_daerah=perangkat_daerah, konteks=konteks)
    surat = Surat(
        jenis=jenis, instansi=instansi, perangkat_daerah=perangkat_daerah, tahun=tanggal.year, tanggal=tanggal,
        perihal=perihal.strip()[:300],
        penandatangan_nama=ttd["nama"], penandatangan_nip=ttd["nip"], penandatangan_pangkat=ttd["pangkat"],
        penandatangan_jabatan=ttd["jabatan"], penandatangan_pegawai_id=ttd.get("pegawai_id"),
        jabatan_penandatangan=penandatangan.jabatan if isinstance(penandatangan, Pejabat) else None,
        tembusan=[t.strip() for t in tembusan], konteks=isi,
        sumber_content_type=ContentType.objects.get_for_model(sumber) if sumber is not None else None,
        sumber_object_id=sumber.pk if sumber is not None else None,
        diterbitkan_oleh=actor if getattr(actor, "pk", None) else None,
    )
    pihak_ids = {p.pk for p in pihak if p is not None}
    if ttd.get("pegawai_id"):
        pihak_ids.add(ttd["pegawai_id"])
    return _SuratBaru(surat=surat, pihak_ids=pihak_ids, kode_klasifikasi=kode_klasifikasi)


def _surat_simpan(daftar: list[_SuratBaru], *, actor) -> list[Surat]:
    """Number the letters in order (one locked counter update per series, however many
    letters), insert them, their parties and their audit rows in one statement each, and
    render each PDF after commit."""
    if not transaction.get_connection().in_atomic_block:
        with transaction.atomic():
            return _surat_simpan(daftar, actor=actor)
    per_seri: dict[tuple, list[Surat]] = {}
    for b in daftar:
        s = b.surat
        per_seri.setdefault((s.instansi.pk, s.perangkat_daerah.pk if s.perangkat_daerah else None,
                             b.kode_klasifikasi, s.tanggal), []).append(s)
    for (_i, _pd, kode, tanggal), surat_seri in per_seri.items():
        contoh = surat_seri[0]
        seri, nomor = nomor_alokasikan_banyak(instansi=contoh.instansi, perangkat_daerah=contoh.perangkat_daerah,
                                              tanggal=tanggal, jumlah=len(surat_seri), kode_klasifikasi=kode)
        for s, (urut, teks) in zip(surat_seri, nomor):
            s.seri, s.nomor_urut, s.nomor = seri, urut, teks
    semua = Surat.objects.bulk_create([b.surat for b in daftar])
    Pihak = Surat.pihak.through
    Pihak.objects.bulk_create([Pihak(surat_id=b.surat.pk, pegawai_id=i) for b in daftar for i in sorted(b.pihak_ids)])
    pelaku = actor if getattr(actor, "pk", None) else None
    jejak_catat_banyak(actor=pelaku, aksi=AksiAudit.SURAT_TERBITKAN, diizinkan=True,
                       entri=[(s, s.status, f"{s.nomor} — {s.perihal}"[:2000]) for s in semua])
    for s in semua:
        transaction.on_commit(lambda surat_id=s.pk: _render_setelah_commit(surat_id))
    return semua


# --------------------------------------------------------------------------- render (called by the task)


def surat_render(*, surat_id: int) -> Surat:
    """Render the stored snapshot to PDF once and store it with its SHA-256. Idempotent:
    a letter that already has its file is returned unchanged (retries, duplicate deliveries)."""

    surat = Surat.objects.get(pk=surat_id)
    if surat.berkas:
        return surat
    pdf = surat_render_pdf(surat)  # outside any lock: rendering may take a while
    with transaction.atomic():
        surat = Surat.objects.select_for_update().get(pk=surat_id)
        if surat.berkas:  # another worker finished first
            return surat
        surat.sha256 = hashlib.sha256(pdf).hexdigest()
        surat.berkas.save(f"{surat.uuid}.pdf", ContentFile(pdf), save=False)
        surat.dirender_pada = timezone.now()
        fields = ["berkas", "sha256", "dirender_pada", "updated_at"]
        if surat.status == StatusSurat.MENUNGGU_RENDER:
            surat.status = StatusSurat.TERBIT
            fields.append("status")
        surat.save(update_fields=fields)
    return surat


# --------------------------------------------------------------------------- revoke


def boleh_mencabut(*, actor, surat: Surat) -> bool:
    """Revocation follows the signer's post, not the button that issued the letter:

    * administrators (``surat.cabut_surat``);
    * whoever exercises the signer's post today: its holder, or the Plt./Plh. acting for it
      (a former holder no longer may; a vacant post passes to the post above it);
    * a letter signed by a person without a post (a staff member's own request letter): that
      person, only until an official has decided on the request it carries.
    """
    if not getattr(actor, "is_authenticated", False):
        return False
    if actor.is_superuser or actor.has_perm("surat.cabut_surat"):
        return True
    pegawai = getattr(actor, "pegawai", None)
    if pegawai is None:
        return False
    if surat.jabatan_penandatangan_id:
        pejabat = org.pejabat_berwenang(jabatan=surat.jabatan_penandatangan)
        return pejabat is not None and pejabat.pegawai.pk == pegawai.pk
    if surat.penandatangan_pegawai_id != pegawai.pk:
        return False
    return not _sudah_diputuskan_setelah(surat)


def _sudah_diputuskan_setelah(surat: Surat) -> bool:
    """Whether an official decided on the request a letter belongs to after it was issued."""
    permohonan = surat.sumber if isinstance(surat.sumber, PermohonanPenugasan) else None
    if permohonan is None and isinstance(surat.sumber, LangkahPermohonan):
        permohonan = surat.sumber.permohonan
    if permohonan is None:
        return False
    if permohonan.status not in STATUS_TERBUKA:
        return True
    return permohonan.riwayat.filter(waktu__gte=surat.created_at).exclude(
        keputusan__in=(Keputusan.AJUKAN, Keputusan.PERBAIKI)).exists()


def surat_cabut(*, surat_id: int, actor, alasan: str, ip: str | None = None) -> Surat:
    """Revoke an issued letter with a reason. The number stays consumed (never reused) and the
    stored PDF stays as it was; the public verification page shows the revocation. Refused
    attempts are recorded in the audit trail after the rollback."""
    try:
        with transaction.atomic():
            return _surat_cabut(surat_id=surat_id, actor=actor, alasan=alasan, ip=ip)
    except (PermissionDenied, ValidationError, KonflikError, Surat.DoesNotExist) as exc:
        pesan = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        jejak_tolak(actor=actor, model=Surat, objek_id=surat_id, aksi=AksiAudit.SURAT_CABUT, alasan=pesan, ip=ip)
        raise


def _surat_cabut(*, surat_id: int, actor, alasan: str, ip: str | None) -> Surat:
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Alasan pencabutan wajib diisi.")})
    surat = Surat.objects.select_for_update().get(pk=surat_id)
    if not boleh_mencabut(actor=actor, surat=surat):
        raise PermissionDenied(_("Anda tidak berwenang mencabut surat ini."))
    if surat.status == StatusSurat.DICABUT:
        raise KonflikError(_("Surat %(n)s sudah dicabut.") % {"n": surat.nomor})
    status_dari = surat.status  # "terbit", or "menunggu_render" when revoked before its PDF was made
    surat.status = StatusSurat.DICABUT
    surat.dicabut_pada = timezone.now()
    surat.dicabut_oleh = actor
    surat.alasan_pencabutan = alasan
    surat.save(update_fields=["status", "dicabut_pada", "dicabut_oleh", "alasan_pencabutan", "updated_at"])
    jejak_catat(actor=actor, objek=surat, aksi=AksiAudit.SURAT_CABUT, diizinkan=True, status_dari=status_dari,
                status_ke=surat.status, alasan=alasan, ip=ip)
    return surat


# --------------------------------------------------------------------------- builders for penugasan
# Called by penugasan.services inside its transaction (through penugasan/dokumen.py).


@dataclass
class RancanganSurat:
    """Everything a builder decides about a letter, before any number: issued by
    ``_terbitkan_rancangan`` or shown as a draft by ``surat.selectors.surat_draf_untuk_permohonan``."""

    jenis: str
    instansi: Instansi
    perangkat_daerah: PerangkatDaerah | None
    perihal: str
    konteks: dict
    ttd: k.Ttd
    tembusan: list[str]
    tanggal: datetime.date
    sumber: Any = None
    pihak: list = field(default_factory=list)


def _terbitkan_rancangan(rancangan: RancanganSurat, *, actor) -> Surat:
    return _terbitkan_rancangan_banyak([rancangan], actor=actor)[0]


def _terbitkan_rancangan_banyak(rancangan: list[RancanganSurat], *, actor) -> list[Surat]:
    """Issue several letters at once: each numbered in order, as many single issues would."""
    return _surat_simpan([
        _surat_siapkan(jenis=r.jenis, instansi=r.instansi, perangkat_daerah=r.perangkat_daerah, perihal=r.perihal,
                       konteks=r.konteks, penandatangan=r.ttd.penandatangan, atas_nama=r.ttd.atas_nama,
                       tembusan=r.tembusan, sumber=r.sumber, actor=actor, pihak=r.pihak, tanggal=r.tanggal,
                       kode_klasifikasi=None)
        for r in rancangan], actor=actor)


def _sekali(bersama: dict | None, kunci: tuple, hitung):
    """A read shared by the letters of one batch (``bersama``), made once; without a batch, made now."""
    if bersama is None:
        return hitung()
    if kunci not in bersama:
        bersama[kunci] = hitung()
    return bersama[kunci]


def _cakupan_permohonan(permohonan) -> str:
    if permohonan is None:
        return k.CAKUPAN_DALAM_UNIT
    if permohonan.rute == Rute.PENUNJUKAN_LINTAS_INSTANSI or permohonan.lintas_perangkat_daerah:
        return k.CAKUPAN_LINTAS_PD
    if permohonan.rute in (Rute.PENUNJUKAN_LINTAS_UNIT, Rute.SUKARELA_LINTAS_UNIT):
        return k.CAKUPAN_LINTAS_UNIT
    return k.CAKUPAN_DALAM_UNIT


def _surat_terdahulu(permohonan, jenis: str) -> Surat | None:
    ct = ContentType.objects.get_for_model(permohonan)
    return Surat.objects.filter(sumber_content_type=ct, sumber_object_id=permohonan.pk, jenis=jenis).order_by(
        "created_at", "pk").exclude(status=StatusSurat.DICABUT).last()


def surat_permohonan_terbitkan(*, permohonan, actor) -> Surat:
    """Surat Permohonan Pelibatan: signed by whoever submitted/forwarded it (last recorded step),
    addressed to the position now deciding, with the regulation's minimum content (maksud dan
    tujuan, kompetensi, target, durasi) and tembusan."""
    return _terbitkan_rancangan(rancangan_surat_permohonan(permohonan=permohonan), actor=actor)


def rancangan_surat_permohonan(*, permohonan, langkah=None, jabatan_penentu=None) -> RancanganSurat:
    """The Surat Permohonan as it would be issued now; ``langkah`` (possibly unsaved, for a
    draft) is the step that signs it, by default the last recorded one; ``jabatan_penentu`` the
    addressed position, by default the one now deciding."""
    tanggal = waktu.hari_ini()
    jabatan_penentu = jabatan_penentu or permohonan.jabatan_penentu
    if langkah is None:
        langkah = permohonan.riwayat.order_by("-urutan").first()
    if langkah is not None:
        ttd = k.ttd_dari_langkah(langkah)
    else:
        jabatan = permohonan.jabatan_pemohon
        pejabat = _pejabat(jabatan, tanggal)
        ttd = k.Ttd(pejabat=pejabat) if pejabat else k.Ttd(data=k.pegawai_baris(permohonan.pemohon, tanggal))
    jabatan_ttd = ttd.pejabat.jabatan if ttd.pejabat else permohonan.jabatan_pemohon
    instansi, pd = k.kantor_surat(jabatan_ttd, permohonan.unit_asal.perangkat_daerah)
    kepada = k.sebutan_pejabat_jabatan(jabatan_penentu, tanggal) or \
        k.sebutan_pejabat_jabatan(_jabatan_pimpinan(permohonan.unit_tujuan), tanggal) or permohonan.unit_tujuan.nama
    kompetensi = k.unik([*k.butir(permohonan.kompetensi_uraian), *(x.nama for x in permohonan.kompetensi.all())])
    if permohonan.kriteria:
        kompetensi.append(_("Kriteria: %(k)s") % {"k": permohonan.kriteria})
    tembusan = k.unik([*(k.sebutan_tembusan(j, tanggal) for j in permohonan.tembusan_jabatan.all()),
                       *(p.nama_lengkap for p in permohonan.tembusan_pegawai.all())])
    konteks = {
        "kepada": kepada,
        "kepada_tempat": permohonan.instansi_tujuan.ibu_kota or permohonan.instansi_tujuan.nama_daerah,
        "maksud_tujuan": permohonan.maksud_tujuan,
        "kompetensi": kompetensi,
        "jumlah": _("%(n)d (%(rute)s)") % {"n": permohonan.jumlah_dibutuhkan, "rute": permohonan.get_rute_display()},
        "target": k.butir(permohonan.hasil_diharapkan),
        "uraian_tugas": k.butir(permohonan.uraian_tugas),
        "mulai": permohonan.mulai, "selesai": permohonan.selesai,
        "durasi": _("%(n)d hari, %(sifat)s") % {"n": (permohonan.selesai - permohonan.mulai).days + 1,
                                                "sifat": permohonan.get_sifat_display()},
        "pegawai_diminta": [k.pegawai_baris(p, tanggal) for p in permohonan.pegawai_diminta.order_by("nama")],
        "peran": permohonan.peran_penugasan or (permohonan.nama_tim and sebutan_peran_tim(_("Tim"), permohonan.nama_tim)),
    }
    penentu = _pejabat(jabatan_penentu, tanggal)
    pihak = [permohonan.pemohon, *(permohonan.pegawai_diminta.all()), *([penentu.pegawai] if penentu else [])]
    return RancanganSurat(
        jenis=JenisDokumen.PERMOHONAN_PELIBATAN, instansi=instansi, perangkat_daerah=pd,
        perihal=_("Permohonan Pelibatan Pejabat Fungsional/Pelaksana: %(judul)s") % {"judul": permohonan.judul},
        konteks=konteks, ttd=ttd, tembusan=tembusan, sumber=permohonan, pihak=pihak, tanggal=tanggal)


def surat_jawaban_terbitkan(*, permohonan, langkah, actor) -> Surat:
    """Surat Jawaban at a decided step: approval, refusal with the reason, or availability with
    the list of staff; signed by the deciding official, addressed to the requester."""
    return _terbitkan_rancangan(rancangan_surat_jawaban(permohonan=permohonan, langkah=langkah), actor=actor)


def rancangan_surat_jawaban(*, permohonan, langkah, pegawai: list | None = None) -> RancanganSurat:
    """The Surat Jawaban for a (possibly unsaved, for a draft) decided step; ``pegawai`` overrides
    the assigned staff (a draft shows those requested before the PPK has chosen)."""
    tanggal = waktu.hari_ini()
    ttd = k.ttd_dari_langkah(langkah)
    jabatan_ttd = ttd.pejabat.jabatan if ttd.pejabat else None
    instansi, pd = k.kantor_surat(jabatan_ttd, permohonan.unit_tujuan.perangkat_daerah)
    if langkah.keputusan == Keputusan.TOLAK:
        keputusan = "ditolak"
    elif langkah.keputusan == Keputusan.JAWAB_KETERSEDIAAN:
        keputusan = "ketersediaan"
    else:
        keputusan = "disetujui"
    if pegawai is None:
        pegawai = list(permohonan.pegawai_ditugaskan.order_by("nama"))
    daftar = []
    if keputusan != "ditolak":
        daftar = [k.pegawai_baris(p, tanggal) for p in pegawai]
    rujukan_surat = _surat_terdahulu(permohonan, JenisDokumen.PERMOHONAN_PELIBATAN)
    rujukan = {"perihal": permohonan.judul, "pengirim": permohonan.jabatan_pemohon.nama
               if permohonan.jabatan_pemohon_id else permohonan.pemohon.nama_lengkap}
    if rujukan_surat is not None:  # the letter answered: its sender (the signer's post and agency) and number
        pengirim = rujukan_surat.penandatangan_jabatan or rujukan_surat.penandatangan_nama
        if rujukan_surat.instansi_id != instansi.pk:
            pengirim = f"{pengirim} ({rujukan_surat.instansi.nama})"
        rujukan.update(nomor=rujukan_surat.nomor, tanggal=rujukan_surat.tanggal, perihal=rujukan_surat.perihal,
                       pengirim=pengirim)
    kepada = k.sebutan_pejabat_jabatan(permohonan.jabatan_pemohon, tanggal) or permohonan.pemohon.nama_lengkap
    tembusan = k.unik([*(k.sebutan_tembusan(j, tanggal) for j in permohonan.tembusan_jabatan.all()),
                       *(p.nama_lengkap for p in permohonan.tembusan_pegawai.all())])
    konteks = {
        "kepada": kepada,
        "kepada_tempat": permohonan.instansi_asal.ibu_kota or permohonan.instansi_asal.nama_daerah,
        "keputusan": keputusan, "alasan": langkah.alasan, "catatan": langkah.catatan,
        "langkah": langkah.kode_langkah, "rujukan": rujukan, "daftar_pegawai": daftar,
    }
    judul = {"ditolak": _("Penolakan"), "ketersediaan": _("Jawaban Ketersediaan Pegawai"),
             "disetujui": _("Persetujuan")}[keputusan]
    return RancanganSurat(
        jenis=JenisDokumen.JAWABAN, instansi=instansi, perangkat_daerah=pd,
        perihal=_("%(judul)s atas Permohonan Pelibatan: %(p)s") % {"judul": judul, "p": permohonan.judul},
        konteks=konteks, ttd=ttd, tembusan=tembusan, sumber=langkah,
        pihak=[permohonan.pemohon, *pegawai, *_pengambil_keputusan(permohonan)], tanggal=tanggal)


def _jabatan_pimpinan(unit):
    return org.jabatan_pimpinan_unit(unit=unit) if unit is not None else None


def _pejabat(jabatan, tanggal) -> Pejabat | None:
    return org.pejabat_berwenang(jabatan=jabatan, tanggal=tanggal) if jabatan is not None else None


def _penugasan_terkait(penugasan, bersama: dict | None) -> list:
    """The person's assignments in this request and this team (not cancelled), in creation
    order; in a batch, those of everyone are read once and picked per person."""
    kriteria = Q(pk=penugasan.pk)
    if penugasan.permohonan_id:
        kriteria |= Q(permohonan_id=penugasan.permohonan_id)
    if penugasan.tim_id:
        kriteria |= Q(tim_id=penugasan.tim_id)
    qs = Penugasan.objects.filter(kriteria).exclude(status=StatusPenugasan.DIBATALKAN).select_related("tim")
    if bersama is None:
        return list(qs.filter(pegawai_id=penugasan.pegawai_id).order_by("pk"))
    semua = _sekali(bersama, ("penugasan", penugasan.pk if not penugasan.permohonan_id else None,
                              penugasan.permohonan_id, penugasan.tim_id), lambda: list(qs.order_by("pk")))
    return [p for p in semua if p.pegawai_id == penugasan.pegawai_id]


def _anggota_tim(penugasan, bersama: dict | None) -> list:
    """The person's memberships of the assignment's team (the whole team read once per batch)."""
    if bersama is None:
        return list(penugasan.tim.anggota.filter(pegawai_id=penugasan.pegawai_id))
    semua = _sekali(bersama, ("anggota", penugasan.tim_id), lambda: list(penugasan.tim.anggota.all()))
    return [a for a in semua if a.pegawai_id == penugasan.pegawai_id]


def _peran_pegawai(penugasan, bersama: dict | None = None) -> list[str]:
    """Every role the person gets in this request and team: Ketua Tim X, Anggota Tim Y,
    individual JF work (Fungsional <jabatan>), Bendahara, PPTK…"""
    semua = []
    if penugasan.pk is None:  # a draft: the assignment that approval would create
        semua.append(penugasan)
    if penugasan.pegawai_id:
        semua += _penugasan_terkait(penugasan, bersama)
    peran = []
    for p in semua:
        if p.peran == PeranPenugasan.INDIVIDU and not p.pegawai_id:
            peran.append(_("Penugasan individu"))
        elif p.peran == PeranPenugasan.INDIVIDU:
            jabatan, _unit, j = k.nama_jabatan_pegawai(p.pegawai, p.mulai)
            if j is not None and j.jenis == JenisJabatan.FUNGSIONAL:
                peran.append(_("Fungsional %(j)s") % {"j": jabatan})
            else:
                peran.append(_("Pelaksana %(j)s") % {"j": jabatan} if jabatan else _("Penugasan individu"))
        elif p.peran == PeranPenugasan.PENANGGUNG_JAWAB and p.tim_id:
            peran.append(sebutan_peran_tim(_("Penanggung Jawab Tim"), p.tim.nama))
        elif p.pk is None and not p.tim_id and p.tim is not None and p.peran in (PeranPenugasan.KETUA,
                                                                                 PeranPenugasan.ANGGOTA):
            peran.append(sebutan_peran_tim(str(p.get_peran_display()), p.tim.nama))  # draft: team formed on approval
        else:
            peran.append(p.sebutan_peran)
    if penugasan.tim_id and penugasan.pegawai_id:  # team roles recorded on the team itself (e.g. set when the team was formed)
        for a in _anggota_tim(penugasan, bersama):
            label = PeranPenugasan.KETUA.label if a.peran == "ketua" else PeranPenugasan.ANGGOTA.label
            peran.append(sebutan_peran_tim(str(label), penugasan.tim.nama))
    return k.unik(peran)


def aturan_penerbit(*, permohonan, instansi: Instansi):
    """The rule set that governs a letter issued by ``instansi``: the version stored on the request
    for that agency (in force when it was submitted, DOMAIN §9), else the version in force today."""
    if permohonan is not None:
        for versi in (permohonan.aturan, permohonan.aturan_tujuan):
            if versi is not None and versi.instansi_id == instansi.pk:
                return versi
    return aturan_pada(instansi=instansi, tanggal=waktu.hari_ini()) or instansi


def surat_penugasan_terbitkan(*, penugasan, actor) -> list[Surat]:
    """Surat Tugas (Pasuruan Lampiran II) or Surat Perintah (Kotabaru) for each assignee of
    ``penugasan`` (one or a list: those a decision creates), signed per the region's setting for
    the scope (dalam unit / lintas unit / lintas PD). The reads shared by the letters (the
    request, its earlier letters, the team, the signers) are made once for all of them."""
    daftar = list(penugasan) if isinstance(penugasan, (list, tuple)) else [penugasan]
    bersama: dict = {}
    with org.ingat_resolusi():
        hari_ini = waktu.hari_ini()
        org.muat_pegawai(pegawai_ids=[p.pegawai_id for p in daftar], tanggal=hari_ini)
        for mulai in {p.mulai for p in daftar if p.peran == PeranPenugasan.INDIVIDU}:
            org.muat_pegawai(pegawai_ids=[p.pegawai_id for p in daftar], tanggal=mulai)
        rancangan = [rancangan_surat_penugasan(penugasan=p, bersama=bersama) for p in daftar]
    surat = _terbitkan_rancangan_banyak(rancangan, actor=actor)
    return surat if isinstance(penugasan, (list, tuple)) else surat[0]


def rancangan_surat_penugasan(*, penugasan, jawaban_draf: RancanganSurat | None = None,
                              bersama: dict | None = None) -> RancanganSurat:
    """The Surat Tugas/Perintah of one assignment. For a draft ``penugasan`` may be unsaved, and
    may have no pegawai yet (staff chosen later by criteria): the addressee is then a placeholder;
    ``jawaban_draf`` is the not-yet-issued Surat Jawaban of the same decision, cited without number."""
    tanggal = waktu.hari_ini()
    instansi = penugasan.instansi
    permohonan = penugasan.permohonan
    cakupan = _cakupan_permohonan(permohonan)
    if (permohonan is not None and permohonan.instansi_tujuan_id
            and permohonan.instansi_tujuan_id != permohonan.instansi_asal_id):
        # across agencies the agency where the staff sit issues the letter (PU dituju, 000 Lamp II.B.2
        # Penunjukan c): its own signer rule, letter kind and legal basis, not the requester's
        instansi = permohonan.instansi_tujuan
    aturan = _sekali(bersama, ("aturan", penugasan.permohonan_id, instansi.pk),
                     lambda: aturan_penerbit(permohonan=permohonan, instansi=instansi))
    setelan = {k.CAKUPAN_DALAM_UNIT: aturan.penandatangan_dalam_unit,
               k.CAKUPAN_LINTAS_UNIT: aturan.penandatangan_lintas_unit,
               k.CAKUPAN_LINTAS_PD: aturan.penandatangan_lintas_pd}[cakupan]
    pegawai = penugasan.pegawai if penugasan.pegawai_id else None
    ttd = k.pejabat_menurut_setelan(setelan=setelan, instansi=instansi, unit=penugasan.unit,
                                    pegawai=pegawai, cakupan=cakupan, tanggal=tanggal)
    kantor, pd = k.kantor_surat(ttd.pejabat.jabatan if ttd.pejabat else None, penugasan.unit.perangkat_daerah)
    if kantor.pk != instansi.pk:  # the signer sits in another agency: its own letterhead, series and rules
        instansi = kantor
        aturan = _sekali(bersama, ("aturan", penugasan.permohonan_id, instansi.pk),
                         lambda: aturan_penerbit(permohonan=permohonan, instansi=instansi))
    perintah = aturan.jenis_surat_penugasan == JenisSurat.SURAT_PERINTAH
    jenis = JenisDokumen.SURAT_PERINTAH if perintah else JenisDokumen.SURAT_TUGAS
    nama_surat = "Surat Perintah" if perintah else "Surat Tugas"
    rujukan = []  # the letters this one follows: the request, then the answer
    if permohonan is not None:
        sebelum = _sekali(bersama, ("terdahulu", permohonan.pk),
                          lambda: _surat_terdahulu(permohonan, JenisDokumen.PERMOHONAN_PELIBATAN))
        if sebelum is not None:
            rujukan.append(_("%(jenis)s Nomor %(n)s tanggal %(t)s perihal %(p)s") % {
                "jenis": sebelum.get_jenis_display(), "n": sebelum.nomor,
                "t": tanggal_indonesia(sebelum.tanggal), "p": sebelum.perihal})
        if jawaban_draf is not None:
            rujukan.append(_("%(jenis)s Nomor %(n)s tanggal %(t)s perihal %(p)s") % {
                "jenis": JenisDokumen.JAWABAN.label, "n": NOMOR_DRAF,
                "t": tanggal_indonesia(jawaban_draf.tanggal), "p": jawaban_draf.perihal})
        else:
            sebelum = _sekali(bersama, ("jawaban", permohonan.pk), lambda: _jawaban_terakhir(permohonan))
            if sebelum is not None:
                rujukan.append(_("%(jenis)s Nomor %(n)s tanggal %(t)s perihal %(p)s") % {
                    "jenis": sebelum.get_jenis_display(), "n": sebelum.nomor,
                    "t": tanggal_indonesia(sebelum.tanggal), "p": sebelum.perihal})
    dasar = k.daftar_dasar(aturan=aturan, rujukan=rujukan)
    kepada = k.pegawai_baris(pegawai, tanggal) if pegawai is not None else {
        "nama": _("(pegawai yang akan dipilih)"), "nip": "", "pangkat": "", "jabatan": "", "unit": "",
        "pegawai_id": None}
    target = k.butir(permohonan.hasil_diharapkan) if permohonan is not None else []
    if penugasan.tim_id and pegawai is not None:
        anggota = next(iter(_anggota_tim(penugasan, bersama)), None)
        if anggota is not None:
            target = k.unik([*target, *k.butir(anggota.sasaran), *k.butir(anggota.target)])
    konteks = {
        "judul": nama_surat.upper(),
        "dasar": dasar,
        "kepada": [kepada],
        "peran": _peran_pegawai(penugasan, bersama),
        "uraian_tugas": k.butir(penugasan.uraian_tugas),
        "mulai": penugasan.mulai, "selesai": penugasan.selesai,
        "maksud_tujuan": (permohonan.maksud_tujuan if permohonan is not None else penugasan.uraian_tugas),
        "target": target,
        "pengaturan_lain": _("Melaporkan hasil pelaksanaan tugas kepada %(kpd)s.") % {
            "kpd": _("Ketua Tim dan Pimpinan Unit Organisasi") if (penugasan.tim_id or penugasan.tim) else
            TujuanLaporan(aturan.laporan_individu_ke).label},
        "cakupan": cakupan,
    }
    # tembusan: the assignee's PPK and the owning unit's leader (when not the signer); both PyBs across agencies
    jabatan_ttd_id = ttd.pejabat.jabatan.pk if ttd.pejabat else None
    tembusan_jabatan = [org.jabatan_ppk_pegawai(pegawai=pegawai, tanggal=tanggal) if pegawai is not None else None,
                        _jabatan_pimpinan(penugasan.unit)]
    if cakupan == k.CAKUPAN_LINTAS_PD and permohonan is not None:
        tembusan_jabatan += [permohonan.instansi_asal.jabatan_pyb, permohonan.instansi_tujuan.jabatan_pyb]
    tembusan = k.unik([k.sebutan_tembusan(j, tanggal) for j in tembusan_jabatan
                       if j is not None and j.pk != jabatan_ttd_id])
    tembusan.append(_("Yang bersangkutan"))
    return RancanganSurat(
        jenis=jenis, instansi=instansi, perangkat_daerah=pd,
        perihal=_("%(s)s: %(peran)s") % {"s": nama_surat, "peran": "; ".join(konteks["peran"])[:250]},
        konteks=konteks, ttd=ttd, tembusan=tembusan, sumber=penugasan,
        pihak=[pegawai, *_sekali(bersama, ("pengambil", penugasan.permohonan_id),
                                 lambda: _pengambil_keputusan(permohonan))],
        tanggal=tanggal)


def _pengambil_keputusan(permohonan) -> list[Pegawai]:
    """Everyone who submitted or decided a step of the request (they may read its letters)."""
    if permohonan is None:
        return []
    return list(Pegawai.objects.filter(pk__in=permohonan.riwayat.exclude(pegawai=None).values("pegawai")))


def _jawaban_terakhir(permohonan) -> Surat | None:
    ct = ContentType.objects.get_for_model(LangkahPermohonan)
    ids = list(permohonan.riwayat.values_list("pk", flat=True))
    return (Surat.objects.filter(sumber_content_type=ct, sumber_object_id__in=ids, jenis=JenisDokumen.JAWABAN)
            .exclude(status=StatusSurat.DICABUT).order_by("-created_at", "-pk").first())




def keputusan_tim_terbitkan(*, tim, actor) -> Surat:
    """Keputusan tentang Tim Kerja (Pasuruan Lampiran III): set by the head of the owning PD, or
    cross PDs by the region's ``penetap_tim_lintas_pd`` (e.g. Sekda); attachment lists each member
    with position, task, sasaran, indikator and target."""
    return _terbitkan_rancangan(rancangan_keputusan_tim(tim=tim), actor=actor)


def rancangan_keputusan_tim(*, tim, anggota: list | None = None) -> RancanganSurat:
    """The Keputusan of a team; for a draft ``tim`` is unsaved and ``anggota`` the unsaved
    AnggotaTim rows approval would create."""
    tanggal = waktu.hari_ini()
    instansi = tim.instansi
    if anggota is None:
        anggota = list(tim.anggota.select_related("pegawai"))
    else:
        anggota = list(anggota)
    anggota.sort(key=lambda a: (0 if a.peran == "ketua" else 1, a.pegawai.nama))
    pd_tim = tim.unit.perangkat_daerah
    lintas_pd = False
    baris = []
    for a in anggota:
        data = k.pegawai_baris(a.pegawai, tanggal)
        _jn, _un, jabatan = k.nama_jabatan_pegawai(a.pegawai, tanggal)
        if jabatan is not None and jabatan.unit_id and jabatan.unit.perangkat_daerah_id != pd_tim.pk:
            lintas_pd = True
        baris.append({**data, "peran": _("Ketua Tim") if a.peran == "ketua" else _("Anggota Tim"),
                      "tugas": k.butir(a.uraian_tugas), "sasaran": k.butir(a.sasaran),
                      "indikator": k.butir(a.indikator), "target": k.butir(a.target)})
    aturan = aturan_penerbit(permohonan=tim.permohonan.order_by("pk").first() if tim.pk else None,
                             instansi=instansi)
    # the penanggung jawab is printed only where the region uses that role (Inhil, 002 Lamp C.3.d.2)
    penanggung_jawab = tim.penanggung_jawab if tim.penanggung_jawab_id and aturan.penanggung_jawab_tim_aktif else None
    if penanggung_jawab is not None:
        baris.insert(0, {**k.pegawai_baris(penanggung_jawab, tanggal), "peran": _("Penanggung Jawab"),
                         "tugas": [], "sasaran": [], "indikator": [], "target": []})
    setelan = aturan.penetap_tim_lintas_pd if lintas_pd else Penandatangan.KEPALA_PD
    ttd = k.pejabat_menurut_setelan(setelan=setelan, instansi=instansi, unit=tim.unit, pegawai=None,
                                    cakupan=k.CAKUPAN_LINTAS_PD if lintas_pd else k.CAKUPAN_DALAM_UNIT,
                                    tanggal=tanggal)
    penetap = ttd.pejabat.jabatan.nama if ttd.pejabat else _("Kepala Perangkat Daerah")
    instansi_ttd, pd = k.kantor_surat(ttd.pejabat.jabatan if ttd.pejabat else None, pd_tim)
    nama_lingkup = pd_tim.nama if not lintas_pd else instansi.nama
    daerah = instansi.nama_daerah
    tentang = k.tentang_tim_kerja(nama_tim=tim.nama, lingkup=nama_lingkup, daerah=daerah)
    dasar_hukum = aturan.dasar_hukum or _("ketentuan sistem kerja di lingkungan %(i)s") % {"i": instansi.nama}
    regional = k.dasar_regional(aturan)
    konteks = {
        "penetap": penetap,
        "tentang": tentang,
        "menimbang": [_("Bahwa dalam rangka melaksanakan %(d)s, maka perlu menetapkan Keputusan %(p)s tentang %(t)s.")
                      % {"d": dasar_hukum, "p": penetap, "t": tentang}],
        "mengingat": [*k.MENGINGAT_UMUM, *([f"{regional}."] if regional else [])],
        "menetapkan": _("Keputusan %(p)s tentang %(t)s.") % {"p": penetap, "t": tentang},
        "diktum": [
            ["KESATU", _("Membentuk %(t)s (%(sifat)s, %(m)s s.d. %(s)s) dalam rangka pelaksanaan tugas dan fungsi "
                         "yang lebih efektif dan efisien.") % {"t": tentang, "sifat": tim.get_sifat_display(),
                                                               "m": tanggal_indonesia(tim.mulai), "s": tanggal_indonesia(tim.selesai)}],
            ["KEDUA", _("Tugas, target kinerja dan susunan tim kerja sebagaimana dimaksud dalam diktum KESATU "
                        "tercantum dalam lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.")],
            ["KETIGA", _("Keputusan ini berlaku pada tanggal ditetapkan.")],
        ],
        "lampiran": [{"nama": tim.nama, "unit": tim.unit.nama, "baris": baris}],
    }
    tembusan = k.unik([k.sebutan_tembusan(_jabatan_pimpinan(tim.unit), tanggal),
                       *([k.sebutan_tembusan(instansi.jabatan_sekda, tanggal)] if lintas_pd else [])])
    tembusan = [t for t in tembusan if ttd.pejabat is None or t != ttd.pejabat.sebutan] + [_("Yang bersangkutan")]
    return RancanganSurat(
        jenis=JenisDokumen.KEPUTUSAN_TIM, instansi=instansi_ttd, perangkat_daerah=pd,
        perihal=_("Keputusan %(p)s tentang %(t)s") % {"p": penetap, "t": tentang}, konteks=konteks,
        ttd=ttd, tembusan=tembusan, sumber=tim,
        pihak=[a.pegawai for a in anggota] + ([penanggung_jawab] if penanggung_jawab is not None else []),
        tanggal=tanggal)
