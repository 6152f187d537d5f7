"""Checks shared by creation and revision: the request's content, the staff asked for, the
team and the workload warnings."""
from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from inti import waktu
from organisasi import selectors as org
from organisasi.models import (
    PERINGKAT_JENJANG,
    Instansi,
    JenisJabatan,
    Jenjang,
    KetuaDariUnitPemilik,
    Pegawai,
    UnitOrganisasi,
)
from organisasi.selectors_aturan import aturan_pada

from ..models import RUTE_PENUNJUKAN, RUTE_SUKARELA, PermohonanPenugasan, Rute, Sifat, TimKerja
from ..selectors import beban_kerja_status
from ._umum import JENIS_PELAKSANA_TUGAS, _jabatan_pegawai, _unit_dalam
from .lingkup import KETUA, STAF, KonteksRute, diluar_lingkup, lingkup_peran, pesan_di_luar


def _periksa_pegawai_tugas(*, pegawai: list[Pegawai], konteks: KonteksRute, tanggal: datetime.date,
                           permohonan: PermohonanPenugasan | None = None, field: str) -> None:
    """Each pegawai must be a JF/Pelaksana within the staff scope of the route (``lingkup``)
    and match the criteria; every person refused is named (name, NIP)."""
    salah = []
    lingkup = lingkup_peran(konteks, STAF)
    org.muat_pegawai(pegawai_ids=[pg.pk for pg in pegawai], tanggal=tanggal)  # in a decision: all at once
    for pg in pegawai:
        jabatan = _jabatan_pegawai(pg, tanggal)
        if jabatan is None or jabatan.unit_id is None:
            salah.append(_("%(nama)s (NIP %(nip)s) tidak memangku jabatan pada tanggal mulai.")
                         % {"nama": pg.nama_lengkap, "nip": pg.nip})
            continue
        if jabatan.jenis not in JENIS_PELAKSANA_TUGAS:
            salah.append(_("%(nama)s (NIP %(nip)s) bukan Pejabat Fungsional atau Pelaksana.")
                         % {"nama": pg.nama_lengkap, "nip": pg.nip})
        elif not lingkup.memuat(jabatan):
            salah.append(pesan_di_luar(konteks, pg, jabatan, lingkup))
        elif permohonan is not None:
            if permohonan.kriteria_jenis_jabatan and jabatan.jenis != permohonan.kriteria_jenis_jabatan:
                salah.append(_("%(nama)s tidak sesuai kriteria jenis jabatan (%(jenis)s).")
                             % {"nama": pg.nama_lengkap, "jenis": JenisJabatan(permohonan.kriteria_jenis_jabatan).label})
            elif permohonan.kriteria_jenjang and jabatan.jenjang != permohonan.kriteria_jenjang:
                salah.append(_("%(nama)s tidak sesuai kriteria jenjang (%(jenjang)s).")
                             % {"nama": pg.nama_lengkap, "jenjang": _label_jenjang(permohonan.kriteria_jenjang)})
    if salah:
        raise ValidationError({field: salah})


def _label_jenjang(nilai: str) -> str:
    return str(Jenjang(nilai).label) if nilai in Jenjang.values else nilai


def tim_periksa(*, instansi: Instansi, unit: UnitOrganisasi, ketua: Pegawai | None, anggota: list[Pegawai],
                tanggal: datetime.date | None = None) -> list[str]:
    """Check a team: raise ValidationError when the ketua is not eligible under the regional
    setting; return warnings (not blocking) for the ketua's unit, jenjang and workload."""
    tanggal = tanggal or waktu.hari_ini()
    peringatan: list[str] = []
    semua = list({p.pk: p for p in [*anggota, *([ketua] if ketua else [])]}.values())
    jabatan = {p.pk: _jabatan_pegawai(p, tanggal) for p in semua}
    aturan = aturan_pada(instansi=instansi, tanggal=tanggal) or instansi  # the rule set in force (DOMAIN §9)
    if ketua is not None:
        jk = jabatan.get(ketua.pk)
        boleh = set(aturan.ketua_tim_jenis_jabatan or JENIS_PELAKSANA_TUGAS)
        if aturan.ketua_tim_pengawas_jika_dua_level and org.unit_punya_pengawas(unit=unit):
            boleh.add(JenisJabatan.PENGAWAS)
        if jk is None or jk.jenis not in boleh:
            raise ValidationError({"ketua_tim": _(
                "%(nama)s tidak dapat menjadi ketua tim: menurut pengaturan %(instansi)s ketua tim berasal dari %(jenis)s.")
                % {"nama": ketua.nama_lengkap, "instansi": instansi.nama,
                   "jenis": ", ".join(str(JenisJabatan(j).label) for j in sorted(boleh))}})
        ketua_di_unit = bool(jk.unit_id and _unit_dalam(jk.unit, unit))
        if not ketua_di_unit and aturan.ketua_tim_dari_unit_pemilik == KetuaDariUnitPemilik.WAJIB:
            raise ValidationError({"ketua_tim": _(
                "%(nama)s tidak dapat menjadi ketua tim: ketua tim wajib berasal dari unit pemilik kinerja "
                "(%(unit)s) menurut %(peraturan)s (%(pasal)s).") % {
                "nama": ketua.nama_lengkap, "unit": unit.nama,
                "peraturan": getattr(aturan, "peraturan", "") or instansi.dasar_hukum,
                "pasal": (getattr(aturan, "kutipan", None) or {}).get("ketua_tim_dari_unit_pemilik", "")}})
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
    beban = beban_kerja_status(pegawai, tanggal=tanggal, tambahan=tambahan)
    return [_("Beban kerja %(nama)s akan menjadi %(n)d penugasan/tim aktif (batas %(batas)d).")
            % {"nama": p.nama_lengkap, "n": beban[p.pk].jumlah + tambahan, "batas": beban[p.pk].batas}
            for p in pegawai if beban[p.pk].melebihi]


JUMLAH_MAKS = 100  # staff per request (the model column is a small integer)


def _periksa_isi(*, rute: str, judul: str, maksud_tujuan: str, hasil_diharapkan: str, kompetensi_uraian: str,
                kompetensi, mulai, selesai, sifat: str, tim, nama_tim: str,
                kriteria_jenis_jabatan: str, kriteria_jenjang: str = "",
                jumlah_dibutuhkan: int | None = None) -> dict[str, list[str]]:
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
    if kriteria_jenjang and kriteria_jenjang not in Jenjang.values:
        salah("kriteria_jenjang", _("Jenjang '%(j)s' tidak dikenal; pilih salah satu: %(daftar)s.")
              % {"j": kriteria_jenjang[:40], "daftar": ", ".join(str(j.label) for j in Jenjang)})
    elif kriteria_jenjang and kriteria_jenis_jabatan == JenisJabatan.PELAKSANA:
        salah("kriteria_jenjang", _("Jenjang hanya ada pada Jabatan Fungsional, bukan Pelaksana."))
    if jumlah_dibutuhkan is not None and not (1 <= jumlah_dibutuhkan <= JUMLAH_MAKS):
        salah("jumlah_dibutuhkan", _("Jumlah pegawai dibutuhkan antara 1 dan %(n)d.") % {"n": JUMLAH_MAKS})
    return galat


def _periksa_pegawai_tim(*, rute: str, unit_asal: UnitOrganisasi, unit_tujuan: UnitOrganisasi,
                         pegawai_diminta: list[Pegawai], kriteria: str, kriteria_jenis_jabatan: str,
                         kriteria_jenjang: str, tim: TimKerja | None, nama_tim: str, ketua_tim: Pegawai | None,
                         tanggal_periksa: datetime.date) -> list[str]:
    """Check who is asked for and the team (raise ValidationError); return the non-blocking
    warnings (team, workload). Creation and revision share these rules."""
    konteks = KonteksRute(rute=rute, unit_asal=unit_asal, unit_tujuan=unit_tujuan)
    if rute in RUTE_PENUNJUKAN:
        if rute == Rute.PENUNJUKAN_DALAM_UNIT and not pegawai_diminta:
            raise ValidationError({"pegawai_diminta": _("Pilih pegawai yang ditugaskan.")})
        if not pegawai_diminta and not ((kriteria or "").strip() or kriteria_jenis_jabatan or kriteria_jenjang):
            raise ValidationError({"kriteria": _("Sebutkan pegawai yang diminta atau kriteria pegawai yang dibutuhkan.")})
        if pegawai_diminta:
            _periksa_pegawai_tugas(pegawai=pegawai_diminta, konteks=konteks, tanggal=tanggal_periksa,
                                   field="pegawai_diminta")
    else:  # the volunteer themself, relative to the route
        salah = diluar_lingkup(konteks=konteks, peran=STAF, pegawai=pegawai_diminta, tanggal=tanggal_periksa)
        if salah:
            raise ValidationError({"pegawai_diminta": salah})
    if ketua_tim is not None:
        salah = diluar_lingkup(konteks=konteks, peran=KETUA, pegawai=[ketua_tim], tanggal=tanggal_periksa)
        if salah:
            raise ValidationError({"ketua_tim": salah})

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
