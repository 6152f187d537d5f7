"""Writes of the assignment workflow (DOMAIN.md §2).

One generic engine walks every route: the route is a list of steps taken from the requesting
Instansi (``Instansi.langkah_rute``, filled from the regional preset), each step names who
decides (``peran``, resolved to a *position* and then to whoever holds or acts for it on the
decision date) and what they do (``aksi``). Each public service:

1. locks the request row (``select_for_update``),
2. checks state (409), expected step (409), permission (403) and input (400),
3. calls the state-only FSM transition and saves with ``update_fields``,
4. writes a ``LangkahPermohonan`` and a ``JejakAudit`` row,
5. moves guardian permissions, and calls the letter/notification services, which schedule
   their own after-commit work.

A refused attempt rolls back and is then recorded in ``JejakAudit`` in its own transaction.
"""
from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from organisasi import selectors as org
from organisasi.models import (
    PERINGKAT_JENJANG,
    Instansi,
    Jabatan,
    JenisJabatan,
    JenisPemangku,
    Kompetensi,
    Pegawai,
    UnitOrganisasi,
)
from organisasi.presets import langkah_rute as langkah_rute_bawaan
from sistemkerja.exceptions import KonflikError

from . import dokumen, permissions
from .models import (
    RUTE_PENUNJUKAN,
    RUTE_SUKARELA,
    STATUS_BISA_DIAJUKAN,
    STATUS_TERBUKA,
    AnggotaTim,
    JejakAudit,
    Keputusan,
    LangkahPermohonan,
    Penugasan,
    PeranPenugasan,
    PeranTim,
    PermohonanPenugasan,
    Rute,
    Sifat,
    StatusPenugasan,
    StatusPermohonan,
    TimKerja,
)
from .selectors import beban_kerja_banyak, hari_ini

User = get_user_model()

JENIS_PELAKSANA_TUGAS = (JenisJabatan.FUNGSIONAL, JenisJabatan.PELAKSANA)
RUTE_LINTAS = (Rute.PENUNJUKAN_LINTAS_UNIT, Rute.PENUNJUKAN_LINTAS_INSTANSI, Rute.SUKARELA_LINTAS_UNIT)

# --------------------------------------------------------------------------- audit


def _nama_user(actor) -> str:
    pegawai = getattr(actor, "pegawai", None) if actor is not None else None
    if pegawai is not None:
        return pegawai.nama_lengkap
    return actor.get_username() if actor is not None else ""


def jejak_catat(*, actor, objek, aksi: str, diizinkan: bool, status_dari: str = "", status_ke: str = "",
                alasan: str = "", ip: str | None = None, pejabat: org.Pejabat | None = None,
                objek_tipe: str = "", objek_id=None) -> JejakAudit:
    """Append one audit row (the only way rows are written)."""
    return JejakAudit.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        nama_actor=_nama_user(actor)[:250],
        atas_nama=(pejabat.sebutan if pejabat else "")[:250],
        sebagai=pejabat.sebagai if pejabat else "",
        objek_tipe=objek_tipe or (objek._meta.label if objek is not None else ""),
        objek_id=str(objek.pk if objek is not None else (objek_id or "")),
        objek_repr=str(objek)[:250] if objek is not None else "",
        aksi=aksi, status_dari=status_dari or "", status_ke=status_ke or "", alasan=alasan, ip=ip or None,
        diizinkan=diizinkan,
    )


def _pesan(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return "; ".join(f"{k}: {' '.join(m for e in v for m in e.messages)}" for k, v in exc.error_dict.items())
        return " ".join(exc.messages)
    if isinstance(exc, KonflikError):
        return exc.message
    if isinstance(exc, TransitionNotAllowed):
        return KonflikError.default_message
    if isinstance(exc, ObjectDoesNotExist):
        return _("Data tidak ditemukan.")
    return str(exc) or exc.__class__.__name__


def jejak_tolak(*, actor, model, objek_id, aksi: str, alasan: str, ip: str | None = None) -> JejakAudit:
    """Record a refused attempt in its own transaction (call it after the attempt rolled back)."""
    with transaction.atomic():
        objek = model.objects.filter(pk=objek_id).first() if objek_id else None
        return jejak_catat(actor=actor, objek=objek, objek_tipe=model._meta.label, objek_id=objek_id, aksi=aksi,
                           diizinkan=False, status_dari=getattr(objek, "status", ""), alasan=alasan[:2000], ip=ip)


DITOLAK = (PermissionDenied, ValidationError, KonflikError, TransitionNotAllowed, ObjectDoesNotExist)


def _dengan_jejak(aksi: str, model=PermohonanPenugasan, kunci: str = "permohonan_id"):
    """Run the service in its own transaction; when refused, roll it back and then record the
    refused attempt (who, what, why) in a fresh transaction before re-raising."""

    def dekorator(fn):
        @functools.wraps(fn)
        def pembungkus(*, actor, ip: str | None = None, **kwargs):
            try:
                with transaction.atomic():
                    return fn(actor=actor, ip=ip, **kwargs)
            except DITOLAK as exc:
                jejak_tolak(actor=actor, model=model, objek_id=kwargs.get(kunci), aksi=aksi,
                            alasan=_pesan(exc), ip=ip)
                raise

        return pembungkus

    return dekorator


# --------------------------------------------------------------------------- routes and roles


def rute_untuk(*, instansi: Instansi, rute: str, lintas_perangkat_daerah: bool = False) -> dict:
    """``{"pengaju": ..., "langkah": [...]}`` for a route of an Instansi (its own data, else the
    generic default built from its ``urutan_sukarela_lintas_unit``)."""
    data = instansi.langkah_rute or {}
    bawaan = langkah_rute_bawaan(urutan_sukarela=instansi.urutan_sukarela_lintas_unit)
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


def _pegawai_actor(actor) -> Pegawai:
    pegawai = getattr(actor, "pegawai", None) if actor is not None and actor.is_authenticated else None
    if pegawai is None:
        raise PermissionDenied(_("Akun Anda tidak terhubung dengan data pegawai."))
    return pegawai


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
    tanggal = tanggal or hari_ini()
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


def _nama_definitif(pejabat: org.Pejabat, tanggal: datetime.date) -> str:
    if pejabat.sebagai == JenisPemangku.DEFINITIF:
        return ""
    from organisasi.models import PemangkuJabatan

    definitif = (PemangkuJabatan.objects.filter(jabatan=pejabat.jabatan, jenis=JenisPemangku.DEFINITIF,
                                                mulai__lte=tanggal)
                 .exclude(selesai__lt=tanggal).select_related("pegawai").first())
    return definitif.pegawai.nama_lengkap if definitif else ""


def _catat_langkah(*, permohonan: PermohonanPenugasan, actor, pejabat: org.Pejabat | None, kode: str, peran: str,
                   keputusan: str, status_dari: str, alasan: str = "", catatan: str = "", data: dict | None = None,
                   tanggal: datetime.date, ip: str | None) -> LangkahPermohonan:
    urutan = permohonan.riwayat.count()
    pegawai = pejabat.pegawai if pejabat else getattr(actor, "pegawai", None)
    langkah = LangkahPermohonan.objects.create(
        permohonan=permohonan, urutan=urutan, kode_langkah=kode, peran=peran, actor=actor,
        pegawai=pegawai, jabatan=pejabat.jabatan if pejabat else None,
        sebagai=pejabat.sebagai if pejabat else JenisPemangku.DEFINITIF,
        nama_pegawai=(pegawai.nama_lengkap if pegawai else _nama_user(actor))[:250],
        nama_jabatan=(pejabat.sebutan if pejabat else "")[:250],
        nama_pejabat_definitif=(_nama_definitif(pejabat, tanggal) if pejabat else "")[:250],
        keputusan=keputusan, alasan=alasan, catatan=catatan, data=data or {},
        status_dari=status_dari, status_ke=permohonan.status,
    )
    jejak_catat(actor=actor, objek=permohonan, aksi=f"permohonan.{keputusan}", diizinkan=True,
                status_dari=status_dari, status_ke=permohonan.status, alasan=alasan or catatan, ip=ip,
                pejabat=pejabat)
    return langkah


# --------------------------------------------------------------------------- validation helpers


def _unit_dalam(unit: UnitOrganisasi, induk: UnitOrganisasi) -> bool:
    return UnitOrganisasi.objects.descendants(induk, include_self=True).filter(pk=unit.pk).exists()


def _jabatan_pegawai(pegawai: Pegawai, tanggal: datetime.date) -> Jabatan | None:
    return org.jabatan_definitif_pegawai(pegawai=pegawai, tanggal=tanggal)


def _periksa_pegawai_tugas(*, pegawai: list[Pegawai], unit: UnitOrganisasi, tanggal: datetime.date,
                           permohonan: PermohonanPenugasan | None = None, field: str) -> None:
    """Each pegawai must be a JF/Pelaksana in ``unit`` (or below it) and match the criteria."""
    salah = []
    for pg in pegawai:
        jabatan = _jabatan_pegawai(pg, tanggal)
        if jabatan is None or jabatan.unit_id is None:
            salah.append(_("%(nama)s tidak memangku jabatan pada tanggal mulai.") % {"nama": pg.nama_lengkap})
            continue
        if jabatan.jenis not in JENIS_PELAKSANA_TUGAS:
            salah.append(_("%(nama)s bukan Pejabat Fungsional atau Pelaksana.") % {"nama": pg.nama_lengkap})
        elif not _unit_dalam(jabatan.unit, unit):
            salah.append(_("%(nama)s tidak berada di %(unit)s.") % {"nama": pg.nama_lengkap, "unit": unit.nama})
        elif permohonan is not None:
            if permohonan.kriteria_jenis_jabatan and jabatan.jenis != permohonan.kriteria_jenis_jabatan:
                salah.append(_("%(nama)s tidak sesuai kriteria jenis jabatan (%(jenis)s).")
                             % {"nama": pg.nama_lengkap, "jenis": JenisJabatan(permohonan.kriteria_jenis_jabatan).label})
            elif permohonan.kriteria_jenjang and jabatan.jenjang != permohonan.kriteria_jenjang:
                salah.append(_("%(nama)s tidak sesuai kriteria jenjang.") % {"nama": pg.nama_lengkap})
    if salah:
        raise ValidationError({field: salah})


def tim_periksa(*, instansi: Instansi, unit: UnitOrganisasi, ketua: Pegawai | None, anggota: list[Pegawai],
                tanggal: datetime.date | None = None) -> list[str]:
    """Check a team: raise ValidationError when the ketua is not eligible under the regional
    setting; return warnings (not blocking) for the ketua's unit, jenjang and workload."""
    tanggal = tanggal or hari_ini()
    peringatan: list[str] = []
    semua = list({p.pk: p for p in [*anggota, *([ketua] if ketua else [])]}.values())
    jabatan = {p.pk: _jabatan_pegawai(p, tanggal) for p in semua}
    if ketua is not None:
        jk = jabatan.get(ketua.pk)
        boleh = set(instansi.ketua_tim_jenis_jabatan or JENIS_PELAKSANA_TUGAS)
        if instansi.ketua_tim_pengawas_jika_dua_level and org.unit_punya_pengawas(unit=unit):
            boleh.add(JenisJabatan.PENGAWAS)
        if jk is None or jk.jenis not in boleh:
            raise ValidationError({"ketua_tim": _(
                "%(nama)s tidak dapat menjadi ketua tim: menurut pengaturan %(instansi)s ketua tim berasal dari %(jenis)s.")
                % {"nama": ketua.nama_lengkap, "instansi": instansi.nama,
                   "jenis": ", ".join(str(JenisJabatan(j).label) for j in sorted(boleh))}})
        dari_luar = [p for p in anggota if p.pk != ketua.pk and jabatan.get(p.pk) is not None
                     and jabatan[p.pk].unit_id and not _unit_dalam(jabatan[p.pk].unit, unit)]
        if dari_luar and not (jk.unit_id and _unit_dalam(jk.unit, unit)):
            peringatan.append(_(
                "Anggota tim berasal dari luar %(unit)s; ketua tim diutamakan berasal dari unit pemilik kinerja.")
                % {"unit": unit.nama})
        rank_ketua = PERINGKAT_JENJANG.get(jk.jenjang) if jk.jenjang else None
        if rank_ketua is not None:
            lebih_tinggi = [p.nama_lengkap for p in anggota if p.pk != ketua.pk and jabatan.get(p.pk) is not None
                            and PERINGKAT_JENJANG.get(jabatan[p.pk].jenjang, 0) > rank_ketua]
            if lebih_tinggi:
                peringatan.append(_("Jenjang ketua tim lebih rendah daripada anggota: %(nama)s.")
                                  % {"nama": ", ".join(lebih_tinggi)})
    peringatan.extend(beban_kerja_peringatan(pegawai=semua, instansi=instansi, tanggal=tanggal))
    return peringatan


def beban_kerja_peringatan(*, pegawai: list[Pegawai], instansi: Instansi | None = None,
                           tanggal: datetime.date | None = None, tambahan: int = 1) -> list[str]:
    """Warnings for pegawai whose workload would exceed their Instansi's limit."""
    if not pegawai:
        return []
    beban = beban_kerja_banyak([p.pk for p in pegawai], tanggal)
    hasil = []
    batas_instansi = dict(Instansi.objects.filter(pk__in={p.instansi_id for p in pegawai})
                          .values_list("pk", "batas_beban_kerja"))
    for p in pegawai:
        batas = batas_instansi[p.instansi_id]
        if beban.get(p.pk, 0) + tambahan > batas:
            hasil.append(_("Beban kerja %(nama)s akan menjadi %(n)d penugasan/tim aktif (batas %(batas)d).")
                         % {"nama": p.nama_lengkap, "n": beban.get(p.pk, 0) + tambahan, "batas": batas})
    return hasil


# --------------------------------------------------------------------------- submit


def _periksa_isi(*, rute: str, judul: str, maksud_tujuan: str, hasil_diharapkan: str, kompetensi_uraian: str,
                kompetensi, mulai, selesai, sifat: str, tim, nama_tim: str,
                kriteria_jenis_jabatan: str) -> dict[str, list[str]]:
    """Field errors of a request's content (creation and revision share these rules)."""
    galat: dict[str, list[str]] = {}

    def salah(f: str, pesan: str) -> None:
        galat.setdefault(f, []).append(pesan)

    for nama, nilai in (("judul", judul), ("maksud_tujuan", maksud_tujuan), ("hasil_diharapkan", hasil_diharapkan)):
        if not (nilai or "").strip():
            salah(nama, _("Wajib diisi."))
    if rute in (Rute.PENUNJUKAN_LINTAS_UNIT, Rute.PENUNJUKAN_LINTAS_INSTANSI) and not (
            (kompetensi_uraian or "").strip() or kompetensi):
        salah("kompetensi", _("Kompetensi, keahlian, dan/atau keterampilan yang dibutuhkan wajib diisi."))
    if not mulai:
        salah("mulai", _("Wajib diisi."))
    if not selesai:
        salah("selesai", _("Wajib diisi."))
    if mulai and selesai and selesai < mulai:
        salah("selesai", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
    if sifat not in Sifat.values:
        salah("sifat", _("Sifat harus rutin atau insidental."))
    if tim is not None and nama_tim:
        salah("nama_tim", _("Pilih tim yang ada atau beri nama tim baru, tidak keduanya."))
    if kriteria_jenis_jabatan and kriteria_jenis_jabatan not in JENIS_PELAKSANA_TUGAS:
        salah("kriteria_jenis_jabatan", _("Penugasan hanya bagi Pejabat Fungsional atau Pelaksana."))
    return galat


def _periksa_pegawai_tim(*, rute: str, unit_asal: UnitOrganisasi, unit_tujuan: UnitOrganisasi,
                         pegawai_diminta: list[Pegawai], kriteria: str, kriteria_jenis_jabatan: str,
                         kriteria_jenjang: str, tim: TimKerja | None, nama_tim: str, ketua_tim: Pegawai | None,
                         tanggal_periksa: datetime.date) -> list[str]:
    """Check who is asked for and the team (raise ValidationError); return the non-blocking
    warnings (team, workload). Creation and revision share these rules."""
    if rute in RUTE_PENUNJUKAN:
        if rute == Rute.PENUNJUKAN_DALAM_UNIT and not pegawai_diminta:
            raise ValidationError({"pegawai_diminta": _("Pilih pegawai yang ditugaskan.")})
        if not pegawai_diminta and not ((kriteria or "").strip() or kriteria_jenis_jabatan or kriteria_jenjang):
            raise ValidationError({"kriteria": _("Sebutkan pegawai yang diminta atau kriteria pegawai yang dibutuhkan.")})
        if pegawai_diminta:
            _periksa_pegawai_tugas(pegawai=pegawai_diminta, unit=unit_tujuan, tanggal=tanggal_periksa,
                                   field="pegawai_diminta")

    # ---- team
    unit_pemilik = unit_tujuan if rute in RUTE_SUKARELA else unit_asal
    if tim is not None and (tim.unit_id != unit_pemilik.pk or tim.status != "aktif"):
        raise ValidationError({"tim": _("Tim harus tim aktif milik %(unit)s.") % {"unit": unit_pemilik.nama}})
    if tim is not None or nama_tim:
        return tim_periksa(instansi=unit_pemilik.instansi, unit=unit_pemilik, ketua=ketua_tim,
                           anggota=pegawai_diminta, tanggal=tanggal_periksa)
    if ketua_tim is not None:
        raise ValidationError({"ketua_tim": _("Ketua tim hanya diisi untuk penugasan dalam tim.")})
    if pegawai_diminta:
        return beban_kerja_peringatan(pegawai=pegawai_diminta, tanggal=tanggal_periksa)
    return []


@dataclass
class _Pengaju:
    pegawai: Pegawai
    jabatan: Jabatan | None
    sebagai: str
    pejabat: org.Pejabat | None
    peringatan: list = field(default_factory=list)


def _jabatan_pimpinan_actor(pegawai: Pegawai, tanggal: datetime.date, jabatan: Jabatan | None) -> org.Pejabat:
    """The leadership position the actor exercises today (the given one, else the first)."""
    kandidat = [jabatan] if jabatan is not None else [
        pj.jabatan for pj in org.jabatan_dipangku(pegawai=pegawai, tanggal=tanggal)
        if pj.jabatan.kepala_unit or pj.jabatan.jenis in (JenisJabatan.JPT_PRATAMA, JenisJabatan.ADMINISTRATOR,
                                                          JenisJabatan.PENGAWAS)
    ]
    for j in kandidat:
        pejabat = org.pejabat_pada(jabatan=j, tanggal=tanggal)
        if pejabat is not None and pejabat.pegawai.pk == pegawai.pk:
            return pejabat
    raise PermissionDenied(_("Anda tidak memangku atau menjabat Plt./Plh. jabatan Pimpinan Unit Organisasi "
                             "yang dapat mengajukan penunjukan ini."))


@_dengan_jejak("permohonan.buat")
def permohonan_buat(
    *, actor, ip: str | None = None, rute: str, judul: str, maksud_tujuan: str, hasil_diharapkan: str,
    mulai: datetime.date, selesai: datetime.date, sifat: str = Sifat.INSIDENTAL,
    jabatan: Jabatan | None = None, unit_asal: UnitOrganisasi | None = None,
    unit_tujuan: UnitOrganisasi | None = None, instansi_tujuan: Instansi | None = None,
    kompetensi_uraian: str = "", kompetensi: list[Kompetensi] | tuple = (), uraian_tugas: str = "",
    peran_penugasan: str = "", pegawai_diminta: list[Pegawai] | tuple = (), kriteria: str = "",
    kriteria_jenis_jabatan: str = "", kriteria_jenjang: str = "", jumlah_dibutuhkan: int | None = None,
    tim: TimKerja | None = None, nama_tim: str = "", ketua_tim: Pegawai | None = None,
    tembusan_pegawai: list[Pegawai] | tuple = (), ajukan: bool = True,
) -> PermohonanPenugasan:
    """Create a request (and submit it unless ``ajukan=False``). Penunjukan is made by the
    Pimpinan Unit (``jabatan`` = the position acted for; default: the first leadership position
    the actor exercises today); sukarela by the JF/Pelaksana for themselves.

    The returned object carries ``peringatan`` (non-blocking warnings: team, workload).
    """
    tanggal = hari_ini()
    if rute not in Rute.values:
        raise ValidationError({"rute": _("Rute '%(rute)s' tidak dikenal.") % {"rute": rute}})
    galat = _periksa_isi(rute=rute, judul=judul, maksud_tujuan=maksud_tujuan, hasil_diharapkan=hasil_diharapkan,
                         kompetensi_uraian=kompetensi_uraian, kompetensi=kompetensi, mulai=mulai, selesai=selesai,
                         sifat=sifat, tim=tim, nama_tim=nama_tim, kriteria_jenis_jabatan=kriteria_jenis_jabatan)

    def salah(f: str, pesan: str) -> None:
        galat.setdefault(f, []).append(pesan)

    pegawai = _pegawai_actor(actor)
    pegawai_diminta = list(pegawai_diminta)

    # ---- who submits, from where, to where
    if rute in RUTE_PENUNJUKAN:
        pejabat = _jabatan_pimpinan_actor(pegawai, tanggal, jabatan)
        unit_asal = unit_asal or pejabat.jabatan.unit
        if unit_asal is None or org.jabatan_pimpinan_unit(unit=unit_asal) != pejabat.jabatan:
            raise PermissionDenied(_("%(jabatan)s bukan Pimpinan Unit Organisasi %(unit)s.")
                                   % {"jabatan": pejabat.sebutan, "unit": getattr(unit_asal, "nama", "-")})
        pengaju = _Pengaju(pegawai=pegawai, jabatan=pejabat.jabatan, sebagai=pejabat.sebagai, pejabat=pejabat)
    else:
        jab = _jabatan_pegawai(pegawai, tanggal)
        if jab is None or jab.jenis not in JENIS_PELAKSANA_TUGAS or jab.unit_id is None:
            raise PermissionDenied(_("Pengajuan sukarela hanya dapat dilakukan oleh Pejabat Fungsional atau Pelaksana."))
        unit_asal = jab.unit
        pengaju = _Pengaju(pegawai=pegawai, jabatan=jab, sebagai=JenisPemangku.DEFINITIF, pejabat=None)
        pegawai_diminta = [pegawai]
    instansi_asal = unit_asal.instansi

    if rute in (Rute.PENUNJUKAN_DALAM_UNIT, Rute.SUKARELA_DALAM_UNIT):
        if unit_tujuan is not None and unit_tujuan.pk != unit_asal.pk:
            salah("unit_tujuan", _("Rute dalam unit: unit tujuan adalah unit sendiri."))
        unit_tujuan, instansi_tujuan = unit_asal, instansi_asal
    elif unit_tujuan is None:
        salah("unit_tujuan", _("Unit tujuan wajib diisi."))
    else:
        if rute == Rute.PENUNJUKAN_LINTAS_INSTANSI:
            instansi_tujuan = instansi_tujuan or unit_tujuan.instansi
            if instansi_tujuan.pk == instansi_asal.pk:
                salah("instansi_tujuan", _("Instansi tujuan harus instansi lain; gunakan rute lintas unit."))
            if unit_tujuan.instansi_id != instansi_tujuan.pk:
                salah("unit_tujuan", _("Unit tujuan tidak berada pada instansi tujuan."))
            for ins in (instansi_asal, instansi_tujuan):
                if not ins.lintas_instansi_aktif:
                    salah("rute", _("Penunjukan %(label)s tidak diaktifkan pada %(instansi)s.")
                          % {"label": ins.label_lintas_instansi, "instansi": ins.nama})
        else:
            if unit_tujuan.instansi_id != instansi_asal.pk or (instansi_tujuan and instansi_tujuan.pk != instansi_asal.pk):
                if rute == Rute.SUKARELA_LINTAS_UNIT:
                    salah("unit_tujuan", _("Pengajuan sukarela hanya dapat dilakukan di dalam unit sendiri atau lintas "
                                           "unit dalam instansi yang sama, tidak lintas instansi."))
                else:
                    salah("unit_tujuan", _("Unit tujuan berada pada instansi lain; gunakan rute lintas instansi."))
            elif unit_tujuan.pk == unit_asal.pk:
                salah("unit_tujuan", _("Unit tujuan sama dengan unit asal; gunakan rute dalam unit."))
            instansi_tujuan = instansi_asal
    if galat:
        raise ValidationError(galat)

    lintas_pd = unit_tujuan.perangkat_daerah_id != unit_asal.perangkat_daerah_id and rute == Rute.PENUNJUKAN_LINTAS_UNIT
    peringatan = _periksa_pegawai_tim(rute=rute, unit_asal=unit_asal, unit_tujuan=unit_tujuan,
                                      pegawai_diminta=pegawai_diminta, kriteria=kriteria,
                                      kriteria_jenis_jabatan=kriteria_jenis_jabatan, kriteria_jenjang=kriteria_jenjang,
                                      tim=tim, nama_tim=nama_tim, ketua_tim=ketua_tim,
                                      tanggal_periksa=max(mulai, tanggal))

    permohonan = PermohonanPenugasan(
        rute=rute, lintas_perangkat_daerah=lintas_pd,
        pemohon=pegawai, jabatan_pemohon=pengaju.jabatan, pemohon_sebagai=pengaju.sebagai, dibuat_oleh=actor,
        instansi_asal=instansi_asal, unit_asal=unit_asal, instansi_tujuan=instansi_tujuan, unit_tujuan=unit_tujuan,
        judul=judul.strip(), maksud_tujuan=maksud_tujuan.strip(), kompetensi_uraian=kompetensi_uraian.strip(),
        hasil_diharapkan=hasil_diharapkan.strip(), uraian_tugas=(uraian_tugas or maksud_tujuan).strip(),
        peran_penugasan=peran_penugasan.strip(), mulai=mulai, selesai=selesai, sifat=sifat,
        kriteria=kriteria.strip(), kriteria_jenis_jabatan=kriteria_jenis_jabatan, kriteria_jenjang=kriteria_jenjang,
        jumlah_dibutuhkan=jumlah_dibutuhkan or max(len(pegawai_diminta), 1),
        tim=tim, nama_tim=nama_tim.strip(), ketua_tim=ketua_tim,
    )
    permohonan.save()
    if kompetensi:
        permohonan.kompetensi.set(kompetensi)
    if pegawai_diminta:
        permohonan.pegawai_diminta.set(pegawai_diminta)
    if rute in (Rute.PENUNJUKAN_DALAM_UNIT, *RUTE_SUKARELA):
        permohonan.pegawai_ditugaskan.set(pegawai_diminta)
    permohonan.tembusan_jabatan.set(_tembusan_bawaan(permohonan, tanggal))
    if tembusan_pegawai:
        permohonan.tembusan_pegawai.set(tembusan_pegawai)
    jejak_catat(actor=actor, objek=permohonan, aksi="permohonan.buat", diizinkan=True,
                status_ke=permohonan.status, ip=ip, pejabat=pengaju.pejabat)
    permissions.beri_hak_lihat(permohonan=permohonan, users=[actor])
    if ajukan:
        _ajukan(permohonan=permohonan, actor=actor, pejabat=pengaju.pejabat, tanggal=tanggal, ip=ip)
    permohonan.peringatan = peringatan
    return permohonan


def _tembusan_bawaan(permohonan: PermohonanPenugasan, tanggal: datetime.date) -> list[Jabatan]:
    """Positions copied by the regulation: own PPK (lintas unit/instansi), own PPK and Pimpinan
    Unit (sukarela lintas unit). The requester's own position is left out."""
    peran = {
        Rute.PENUNJUKAN_LINTAS_UNIT: ["ppk_asal"],
        Rute.PENUNJUKAN_LINTAS_INSTANSI: ["ppk_asal"],
        Rute.SUKARELA_LINTAS_UNIT: ["ppk_asal", "pimpinan_unit_asal"],
    }.get(permohonan.rute, [])
    hasil = []
    for p in peran:
        j = jabatan_untuk_peran(permohonan=permohonan, peran=p, tanggal=tanggal)
        if j is not None and j.pk != permohonan.jabatan_pemohon_id and j not in hasil:
            hasil.append(j)
    return hasil


def _users_tembusan(permohonan: PermohonanPenugasan, tanggal: datetime.date) -> list:
    users = [p.user for p in permohonan.tembusan_pegawai.select_related("user")]
    for j in permohonan.tembusan_jabatan.all():
        pejabat = org.pejabat_berwenang(jabatan=j, tanggal=tanggal)
        if pejabat is not None:
            users.append(pejabat.pegawai.user)
    return [u for u in users if u is not None]


def _url(permohonan: PermohonanPenugasan) -> str:
    return f"/penugasan/permohonan/{permohonan.pk}/"


def _ajukan(*, permohonan: PermohonanPenugasan, actor, pejabat: org.Pejabat | None, tanggal: datetime.date,
            ip: str | None) -> None:
    data = rute_untuk(instansi=permohonan.instansi_asal, rute=permohonan.rute,
                      lintas_perangkat_daerah=permohonan.lintas_perangkat_daerah)
    permohonan.langkah_rute = list(data["langkah"])
    status_dari = permohonan.status
    permohonan.diajukan_pada = timezone.now()
    if permohonan.langkah_rute:
        permohonan.ajukan()
        penentu = _tetapkan_penentu(permohonan, tanggal)
    else:
        permohonan.tetapkan_langsung()
        permohonan.diputuskan_pada = permohonan.diajukan_pada
        penentu = None
    permohonan.save(update_fields=["status", "langkah_ke", "langkah_rute", "jabatan_penentu", "diajukan_pada",
                                   "diputuskan_pada", "updated_at"])
    langkah = _catat_langkah(permohonan=permohonan, actor=actor, pejabat=pejabat, kode="pengajuan",
                             peran=data.get("pengaju", ""), keputusan=Keputusan.AJUKAN, status_dari=status_dari,
                             tanggal=tanggal, ip=ip)
    tembusan = _users_tembusan(permohonan, tanggal)
    permissions.beri_hak_lihat(permohonan=permohonan, users=[actor, permohonan.pemohon.user, *tembusan])
    if permohonan.rute in RUTE_LINTAS:
        dokumen.terbitkan_surat_permohonan(permohonan=permohonan, actor=actor)
    if penentu is not None:
        permissions.beri_hak_putuskan(permohonan=permohonan, user=penentu.pegawai.user)
        _beritahu_penentu(permohonan, penentu)
        dokumen.kirim_notifikasi(
            penerima=tembusan, jenis="permohonan_tembusan", judul=_("Tembusan: %(judul)s") % {"judul": permohonan.judul},
            pesan=_("%(pemohon)s mengajukan %(rute)s.") % {"pemohon": permohonan.pemohon.nama_lengkap,
                                                           "rute": permohonan.get_rute_display()},
            url=_url(permohonan), kunci=f"permohonan:{permohonan.pk}:tembusan{_putaran(permohonan)}",
            objek=permohonan)
    else:
        _selesaikan_rute(permohonan=permohonan, actor=actor, langkah=langkah)


@_dengan_jejak("permohonan.ajukan")
def permohonan_ajukan(*, actor, ip: str | None = None, permohonan_id: int) -> PermohonanPenugasan:
    """Submit a draft, or resubmit a request returned for revision (the route starts again at
    its first decision step; the history is kept); only its requester."""
    permohonan = PermohonanPenugasan.objects.select_for_update().get(pk=permohonan_id)
    if permohonan.status not in STATUS_BISA_DIAJUKAN:
        raise KonflikError(_("Permohonan sudah diajukan."))
    if permohonan.dibuat_oleh_id != actor.pk:
        raise PermissionDenied(_("Hanya pemohon yang dapat mengajukan draf ini."))
    tanggal = hari_ini()
    pejabat = None
    if permohonan.rute in RUTE_PENUNJUKAN:
        pejabat = _jabatan_pimpinan_actor(_pegawai_actor(actor), tanggal, permohonan.jabatan_pemohon)
    _ajukan(permohonan=permohonan, actor=actor, pejabat=pejabat, tanggal=tanggal, ip=ip)
    return permohonan


def _putaran(permohonan: PermohonanPenugasan) -> str:
    """Suffix for notification keys after a resubmission ("" on the first submission), so that
    the officials are told again when the route restarts."""
    n = permohonan.riwayat.filter(keputusan=Keputusan.AJUKAN).count()
    return f":putaran:{n}" if n > 1 else ""


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


# --------------------------------------------------------------------------- decide


def _pilih_pegawai(permohonan: PermohonanPenugasan, pegawai_ids, tanggal: datetime.date) -> list[Pegawai]:
    if pegawai_ids:
        ids = list(dict.fromkeys(int(i) for i in pegawai_ids))
        pegawai = list(Pegawai.objects.filter(pk__in=ids))
        if len(pegawai) != len(ids):
            raise ValidationError({"pegawai": _("Ada pegawai yang tidak ditemukan.")})
    else:
        pegawai = list(permohonan.pegawai_diminta.all())
    if not pegawai:
        raise ValidationError({"pegawai": _("Pilih pegawai yang ditugaskan sesuai kriteria permohonan.")})
    _periksa_pegawai_tugas(pegawai=pegawai, unit=permohonan.unit_tujuan, tanggal=max(permohonan.mulai, tanggal),
                           permohonan=permohonan, field="pegawai")
    return pegawai


def _putuskan(*, actor, ip, permohonan_id: int, keputusan: str, langkah: int | None, alasan: str = "",
              catatan: str = "", pegawai_ids=None) -> PermohonanPenugasan:
    tanggal = hari_ini()
    permohonan = PermohonanPenugasan.objects.select_for_update().get(pk=permohonan_id)
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
    if keputusan not in (Keputusan.TOLAK, Keputusan.KEMBALIKAN) and (step["aksi"] == "jawab_ketersediaan" or step["peran"] == "ppk_tujuan"):
        if permohonan.rute in RUTE_PENUNJUKAN:
            dipilih = _pilih_pegawai(permohonan, pegawai_ids, tanggal)
            permohonan.pegawai_ditugaskan.set(dipilih)
            data["pegawai"] = [{"id": p.pk, "nama": p.nama_lengkap, "nip": p.nip} for p in dipilih]

    status_dari = permohonan.status
    selesai = False
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
    elif permohonan.masih_ada_langkah():
        permohonan.lanjutkan()
        penentu_baru = _tetapkan_penentu(permohonan, tanggal)
    else:
        permohonan.setujui()
        permohonan.diputuskan_pada = timezone.now()
        permohonan.jabatan_penentu = None
        selesai = True
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
    # letters the regulation issues at this point
    if keputusan in (Keputusan.TOLAK, Keputusan.JAWAB_KETERSEDIAAN) or (
            selesai and permohonan.rute in (Rute.PENUNJUKAN_LINTAS_UNIT, Rute.PENUNJUKAN_LINTAS_INSTANSI)):
        dokumen.terbitkan_surat_jawaban(permohonan=permohonan, langkah=baris, actor=actor)
    elif keputusan == Keputusan.SETUJUI and step["peran"] == "pyb_asal" and not selesai:
        dokumen.terbitkan_surat_permohonan(permohonan=permohonan, actor=actor)  # PyB forwards to the target PyB

    penerima = [permohonan.pemohon.user, *_users_tembusan(permohonan, tanggal)]
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
    if selesai:
        _selesaikan_rute(permohonan=permohonan, actor=actor, langkah=baris)
    return permohonan


@_dengan_jejak("permohonan.setujui")
def permohonan_setujui(*, actor, ip: str | None = None, permohonan_id: int, langkah: int | None = None,
                       catatan: str = "", pegawai_ids=None) -> PermohonanPenugasan:
    """Approve the current step. At the step of the PPK where the staff sit, ``pegawai_ids``
    chooses the staff (default: those requested by name)."""
    return _putuskan(actor=actor, ip=ip, permohonan_id=permohonan_id, keputusan=Keputusan.SETUJUI, langkah=langkah,
                     catatan=catatan, pegawai_ids=pegawai_ids)


@_dengan_jejak("permohonan.tolak")
def permohonan_tolak(*, actor, ip: str | None = None, permohonan_id: int, alasan: str,
                     langkah: int | None = None) -> PermohonanPenugasan:
    """Refuse at the current step; the reason is mandatory."""
    return _putuskan(actor=actor, ip=ip, permohonan_id=permohonan_id, keputusan=Keputusan.TOLAK, langkah=langkah,
                     alasan=alasan)


@_dengan_jejak("permohonan.kembalikan")
def permohonan_kembalikan(*, actor, ip: str | None = None, permohonan_id: int, alasan: str,
                          langkah: int | None = None) -> PermohonanPenugasan:
    """Return the request to the requester for revision at the current step, where the route
    allows it (step ``boleh_dikembalikan``; else 409); the reason is mandatory. The requester
    revises (``permohonan_perbaiki``) and resubmits (``permohonan_ajukan``)."""
    return _putuskan(actor=actor, ip=ip, permohonan_id=permohonan_id, keputusan=Keputusan.KEMBALIKAN,
                     langkah=langkah, alasan=alasan)


# fields of a request the requester may change while revising (route and units stay)
FIELD_PERBAIKAN = (
    "judul", "maksud_tujuan", "kompetensi_uraian", "kompetensi", "hasil_diharapkan", "uraian_tugas",
    "peran_penugasan", "mulai", "selesai", "sifat", "pegawai_diminta", "kriteria", "kriteria_jenis_jabatan",
    "kriteria_jenjang", "jumlah_dibutuhkan", "tim", "nama_tim", "ketua_tim", "tembusan_pegawai",
)
_FIELD_M2M = ("kompetensi", "pegawai_diminta", "tembusan_pegawai")


def _nilai_perbaikan(permohonan: PermohonanPenugasan) -> dict:
    nilai = {f: getattr(permohonan, f) for f in FIELD_PERBAIKAN if f not in _FIELD_M2M}
    for f in _FIELD_M2M:
        nilai[f] = list(getattr(permohonan, f).order_by("pk"))
    return nilai


@_dengan_jejak("permohonan.perbaiki")
def permohonan_perbaiki(*, actor, ip: str | None = None, permohonan_id: int, **fields) -> PermohonanPenugasan:
    """The requester revises a request returned for revision (only in that state), validated
    like creation; only the given fields change. Resubmit with ``permohonan_ajukan``.

    The returned object carries ``peringatan`` (non-blocking warnings: team, workload)."""
    tanggal = hari_ini()
    permohonan = PermohonanPenugasan.objects.select_for_update().get(pk=permohonan_id)
    if permohonan.status != StatusPermohonan.DIKEMBALIKAN:
        raise KonflikError(_("Permohonan berstatus '%(status)s'; hanya permohonan yang dikembalikan untuk "
                             "diperbaiki yang dapat diubah.") % {"status": permohonan.get_status_display()})
    pegawai = getattr(actor, "pegawai", None)
    if permohonan.dibuat_oleh_id != actor.pk and (pegawai is None or permohonan.pemohon_id != pegawai.pk):
        raise PermissionDenied(_("Hanya pemohon yang dapat memperbaiki permohonan."))
    asing = sorted(set(fields) - set(FIELD_PERBAIKAN))
    if asing:
        raise ValidationError({f: _("Tidak dapat diubah saat perbaikan (rute dan unit tetap).") for f in asing})
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
                         kriteria_jenis_jabatan=baru["kriteria_jenis_jabatan"])
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


@_dengan_jejak("permohonan.jawab_ketersediaan")
def permohonan_jawab_ketersediaan(*, actor, ip: str | None = None, permohonan_id: int, pegawai_ids,
                                  langkah: int | None = None, catatan: str = "") -> PermohonanPenugasan:
    """Answer availability with the list of staff (lintas instansi / lintas PD). "Not
    available" is a refusal with reason (``permohonan_tolak``)."""
    if not pegawai_ids:
        raise ValidationError({"pegawai": _("Sebutkan daftar pegawai yang tersedia.")})
    return _putuskan(actor=actor, ip=ip, permohonan_id=permohonan_id, keputusan=Keputusan.JAWAB_KETERSEDIAAN,
                     langkah=langkah, catatan=catatan, pegawai_ids=pegawai_ids)


@_dengan_jejak("permohonan.batalkan")
def permohonan_batalkan(*, actor, ip: str | None = None, permohonan_id: int, alasan: str = "") -> PermohonanPenugasan:
    """The requester withdraws the request before the final decision."""
    tanggal = hari_ini()
    permohonan = PermohonanPenugasan.objects.select_for_update().get(pk=permohonan_id)
    pegawai = getattr(actor, "pegawai", None)
    if permohonan.dibuat_oleh_id != actor.pk and (pegawai is None or permohonan.pemohon_id != pegawai.pk):
        raise PermissionDenied(_("Hanya pemohon yang dapat membatalkan permohonan."))
    if permohonan.status not in STATUS_TERBUKA:
        raise KonflikError(_("Permohonan sudah %(status)s; tidak dapat dibatalkan.")
                           % {"status": permohonan.get_status_display().lower()})
    status_dari = permohonan.status
    permohonan.batalkan()
    permohonan.alasan_pembatalan = (alasan or "").strip()
    permohonan.jabatan_penentu = None
    permohonan.save(update_fields=["status", "alasan_pembatalan", "jabatan_penentu", "updated_at"])
    pejabat = None
    if permohonan.rute in RUTE_PENUNJUKAN and permohonan.jabatan_pemohon_id:
        pj = org.pejabat_pada(jabatan=permohonan.jabatan_pemohon, tanggal=tanggal)
        pejabat = pj if pj and pegawai and pj.pegawai.pk == pegawai.pk else None
    _catat_langkah(permohonan=permohonan, actor=actor, pejabat=pejabat, kode="pembatalan", peran="pemohon",
                   keputusan=Keputusan.BATALKAN, status_dari=status_dari, alasan=permohonan.alasan_pembatalan,
                   tanggal=tanggal, ip=ip)
    penentu = list(permohonan.permohonanpenugasanuserobjectpermission_set.filter(
        permission__codename=permissions.PERM_PUTUSKAN).values_list("user_id", flat=True))
    permissions.cabut_hak_putuskan(permohonan=permohonan)
    dokumen.kirim_notifikasi(
        penerima=[*User.objects.filter(pk__in=penentu), *_users_tembusan(permohonan, tanggal)],
        jenis="permohonan_batalkan", judul=_("Dibatalkan: %(judul)s") % {"judul": permohonan.judul},
        pesan=permohonan.alasan_pembatalan or _("Permohonan dibatalkan oleh pemohon."), url=_url(permohonan),
        kunci=f"permohonan:{permohonan.pk}:batal", objek=permohonan)
    return permohonan


# --------------------------------------------------------------------------- completion


def _selesaikan_rute(*, permohonan: PermohonanPenugasan, actor, langkah: LangkahPermohonan) -> list[Penugasan]:
    """A completed route becomes Penugasan rows (and a TimKerja when a team was asked for),
    then one letter per assignee."""
    sukarela = permohonan.rute in RUTE_SUKARELA
    unit = permohonan.unit_tujuan if sukarela else permohonan.unit_asal
    instansi = permohonan.instansi_tujuan if sukarela else permohonan.instansi_asal
    pegawai = list(permohonan.pegawai_ditugaskan.order_by("nama"))
    tim, tim_baru = permohonan.tim, False
    if tim is None and permohonan.nama_tim:
        tim = TimKerja.objects.create(instansi=instansi, unit=unit, nama=permohonan.nama_tim, mulai=permohonan.mulai,
                                      selesai=permohonan.selesai, sifat=permohonan.sifat, dibentuk_oleh=actor)
        tim_baru = True
        permohonan.tim = tim
        permohonan.save(update_fields=["tim", "updated_at"])
    penugasan: list[Penugasan] = []
    if tim is not None:
        ketua = permohonan.ketua_tim
        anggota = [*([ketua] if ketua and ketua.pk not in {p.pk for p in pegawai} else []), *pegawai]
        for p in anggota:
            peran = PeranTim.KETUA if ketua and p.pk == ketua.pk else PeranTim.ANGGOTA
            if peran == PeranTim.KETUA:
                AnggotaTim.objects.filter(tim=tim, peran=PeranTim.KETUA).exclude(pegawai=p).update(
                    peran=PeranTim.ANGGOTA)
            AnggotaTim.objects.update_or_create(tim=tim, pegawai=p, defaults={
                "peran": peran, "uraian_tugas": permohonan.uraian_tugas, "sasaran": permohonan.hasil_diharapkan})
            penugasan.append(Penugasan(
                pegawai=p, permohonan=permohonan, instansi=instansi, unit=unit, tim=tim,
                peran=PeranPenugasan.KETUA if peran == PeranTim.KETUA else PeranPenugasan.ANGGOTA,
                uraian_tugas=permohonan.uraian_tugas, mulai=permohonan.mulai, selesai=permohonan.selesai,
                sifat=permohonan.sifat))
    else:
        peran_lain = permohonan.peran_penugasan
        for p in pegawai:
            penugasan.append(Penugasan(
                pegawai=p, permohonan=permohonan, instansi=instansi, unit=unit,
                peran=PeranPenugasan.LAINNYA if peran_lain else PeranPenugasan.INDIVIDU, peran_lain=peran_lain,
                uraian_tugas=permohonan.uraian_tugas, mulai=permohonan.mulai, selesai=permohonan.selesai,
                sifat=permohonan.sifat))
    for obj in penugasan:
        obj.save()
        jejak_catat(actor=actor, objek=obj, aksi="penugasan.buat", diizinkan=True, status_ke=obj.status)
    users = [obj.pegawai.user for obj in penugasan]
    permissions.beri_hak_lihat(permohonan=permohonan, users=users)
    if tim_baru:
        dokumen.terbitkan_keputusan_tim(tim=tim, actor=actor)
    for obj in penugasan:
        dokumen.terbitkan_surat_penugasan(penugasan=obj, actor=actor)
    dokumen.kirim_notifikasi(
        penerima=users, jenis="penugasan_baru", judul=_("Surat penugasan: %(judul)s") % {"judul": permohonan.judul},
        pesan=_("Anda ditugaskan %(mulai)s s.d. %(selesai)s.") % {"mulai": permohonan.mulai, "selesai": permohonan.selesai},
        url="/penugasan/saya/", kunci=f"permohonan:{permohonan.pk}:penugasan", objek=permohonan)
    return penugasan


@_dengan_jejak("penugasan.terima", model=Penugasan, kunci="penugasan_id")
def penugasan_terima(*, actor, ip: str | None = None, penugasan_id: int) -> Penugasan:
    """The assignee acknowledges receipt of the assignment letter."""
    penugasan = Penugasan.objects.select_for_update().get(pk=penugasan_id)
    if penugasan.pegawai.user_id != actor.pk:
        raise PermissionDenied(_("Hanya pegawai yang ditugaskan yang dapat menyatakan menerima penugasan."))
    if penugasan.diterima_pada is not None:
        raise KonflikError(_("Penugasan sudah dinyatakan diterima."))
    if penugasan.status != StatusPenugasan.AKTIF:
        raise KonflikError(_("Penugasan tidak aktif."))
    penugasan.diterima_pada = timezone.now()
    penugasan.save(update_fields=["diterima_pada", "updated_at"])
    jejak_catat(actor=actor, objek=penugasan, aksi="penugasan.terima", diizinkan=True, status_dari=penugasan.status,
                status_ke=penugasan.status, ip=ip)
    return penugasan


@_dengan_jejak("permohonan.selesaikan")
def permohonan_selesaikan(*, actor, ip: str | None = None, permohonan_id: int, catatan: str = "") -> PermohonanPenugasan:
    """The requester closes an approved request when the work is done: its active assignments
    become ``selesai`` (they stop counting towards workload)."""
    tanggal = hari_ini()
    permohonan = PermohonanPenugasan.objects.select_for_update().get(pk=permohonan_id)
    pegawai = getattr(actor, "pegawai", None)
    if permohonan.dibuat_oleh_id != actor.pk and (pegawai is None or permohonan.pemohon_id != pegawai.pk):
        raise PermissionDenied(_("Hanya pemohon yang dapat menyatakan penugasan selesai."))
    if permohonan.status != StatusPermohonan.DISETUJUI:
        raise KonflikError(_("Hanya permohonan yang disetujui yang dapat dinyatakan selesai."))
    status_dari = permohonan.status
    permohonan.selesaikan()
    permohonan.save(update_fields=["status", "updated_at"])
    for tugas in Penugasan.objects.select_for_update().filter(permohonan=permohonan, status=StatusPenugasan.AKTIF):
        tugas.status = StatusPenugasan.SELESAI
        tugas.save(update_fields=["status", "updated_at"])
        jejak_catat(actor=actor, objek=tugas, aksi="penugasan.selesai", diizinkan=True,
                    status_dari=StatusPenugasan.AKTIF, status_ke=tugas.status, ip=ip)
    _catat_langkah(permohonan=permohonan, actor=actor, pejabat=None, kode="penyelesaian", peran="pemohon",
                   keputusan=Keputusan.SETUJUI, status_dari=status_dari, catatan=catatan, tanggal=tanggal, ip=ip)
    return permohonan
