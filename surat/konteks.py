"""Builders: penugasan objects → frozen letter context (konteks), signatory and tembusan.

Pure reads of the organisation and penugasan models; the services in ``services.py`` call
these and then ``surat_terbitkan``. Everything a template needs is copied here as plain
text, so a later change of the organisation never changes an issued letter.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from organisasi import selectors as org
from organisasi.models import Instansi, Jabatan, JenisJabatan, Pegawai, Penandatangan, PerangkatDaerah, UnitOrganisasi
from organisasi.presets import PERATURAN

CAKUPAN_DALAM_UNIT = "dalam_unit"
CAKUPAN_LINTAS_UNIT = "lintas_unit"
CAKUPAN_LINTAS_PD = "lintas_pd"

MENGINGAT_UMUM = [
    "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;",
    "Peraturan Pemerintah Nomor 18 Tahun 2016 tentang Perangkat Daerah sebagaimana telah diubah dengan Peraturan "
    "Pemerintah Nomor 72 Tahun 2019 tentang Perubahan atas Peraturan Pemerintah Nomor 18 Tahun 2016 tentang "
    "Perangkat Daerah;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 25 Tahun 2021 tentang "
    "Penyederhanaan Struktur Organisasi pada Instansi Pemerintah untuk Penyederhanaan Birokrasi;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 6 Tahun 2022 tentang "
    "Pengelolaan Kinerja Pegawai Aparatur Sipil Negara;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 7 Tahun 2022 tentang Sistem "
    "Kerja pada Instansi Pemerintah untuk Penyederhanaan Birokrasi;",
]

# The national legal bases an assignment letter cites under "Dasar" (Tata Naskah Dinas: regulation,
# number, year, article where one applies; never the Menimbang "Bahwa …" clauses).
DASAR_NASIONAL = [
    "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 6 Tahun 2022 tentang "
    "Pengelolaan Kinerja Pegawai Aparatur Sipil Negara",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 7 Tahun 2022 tentang Sistem "
    "Kerja pada Instansi Pemerintah untuk Penyederhanaan Birokrasi",
]


def dasar_regional(aturan) -> str:
    """The issuing agency's own regulation with the article behind its assignment letters:
    "Pasal 9 ayat (4) Peraturan Walikota Pasuruan Nomor 41 Tahun 2023 tentang …". ``aturan`` is the
    rule-set version (or the Instansi) in force; its ``dasar_hukum`` is the regulation's full name and
    its ``preset`` says which article (a custom rule set: the regulation alone). '' if none is set."""
    dasar_hukum = " ".join((getattr(aturan, "dasar_hukum", "") or "").split()).rstrip(";.")
    if not dasar_hukum:
        return ""
    meta = PERATURAN.get(getattr(aturan, "preset", "") or "")
    pasal = (meta or {}).get("pasal_surat_penugasan", "")
    if pasal and meta["peraturan"].lower() in dasar_hukum.lower():  # the preset's article fits only its regulation
        return f"{pasal} {dasar_hukum}"
    return dasar_hukum


def daftar_dasar(*, aturan, rujukan: list[str] | None = None) -> list[str]:
    """Dasar of a Surat Tugas/Perintah: national regulations, the agency's own regulation (with its
    article), then the letters it follows (permohonan, jawaban); each item ends with ';' and the
    last with '.', so the list reads as one numbered enumeration."""
    daftar = [*DASAR_NASIONAL, dasar_regional(aturan), *(rujukan or [])]
    daftar = [" ".join(d.split()).rstrip(";. ") for d in daftar if d and d.strip()]
    return [f"{d};" for d in daftar[:-1]] + [f"{d}." for d in daftar[-1:]]


_BUTIR = re.compile(r"^\s*(?:[-*•]|\d+[.)]|[a-zA-Z][.)])\s+")


def butir(teks: str | None) -> list[str]:
    """Free text → list items: one per non-empty line, leading bullets/numbering removed."""
    hasil = []
    for baris in (teks or "").splitlines():
        baris = _BUTIR.sub("", baris).strip()
        if baris:
            hasil.append(baris)
    return hasil


@dataclass
class Ttd:
    pejabat: org.Pejabat | None = None
    data: dict | None = None  # explicit snapshot when no Pejabat (e.g. a volunteering staff member)
    atas_nama: str = ""
    extra_pihak: list = field(default_factory=list)

    @property
    def penandatangan(self):
        return self.pejabat if self.pejabat is not None else self.data

    @property
    def pegawai(self) -> Pegawai | None:
        return self.pejabat.pegawai if self.pejabat is not None else None


_AWALAN_TIM = re.compile(r"^\s*tim(?:\s+kerja)?\s+", re.IGNORECASE)


def tentang_tim_kerja(*, nama_tim: str, lingkup: str, daerah: str) -> str:
    """"Tim Kerja <name> di Lingkungan <scope> <region>", each part once: a team named "Tim X"
    or "Tim Kerja X" is not called "Tim Kerja Tim X", and the region is not appended to a scope
    that already names it ("Pemerintah Kabupaten Alfa", "Dinas Kesehatan Kota Beta")."""
    nama = " ".join(nama_tim.split())
    tanpa_awalan = _AWALAN_TIM.sub("", nama, count=1)
    nama = tanpa_awalan or nama
    lingkup, daerah = " ".join((lingkup or "").split()), " ".join((daerah or "").split())
    if daerah and daerah.lower() not in lingkup.lower():
        lingkup = f"{lingkup} {daerah}".strip()
    return _("Tim Kerja %(t)s di Lingkungan %(lingkup)s") % {"t": nama, "lingkup": lingkup}


def nama_jabatan_pegawai(pegawai: Pegawai, tanggal: datetime.date | None = None) -> tuple[str, str, Jabatan | None]:
    """(jabatan name, unit name, Jabatan) of the pegawai's definitive position on the date."""
    jabatan = org.jabatan_definitif_pegawai(pegawai=pegawai, tanggal=tanggal)
    if jabatan is None:
        return "", "", None
    unit = jabatan.unit
    unit_nama = ""
    if unit is not None:
        unit_nama = unit.nama
        if unit.perangkat_daerah_id and unit.perangkat_daerah.nama != unit.nama:
            unit_nama = f"{unit.nama}, {unit.perangkat_daerah.nama}"
    return jabatan.nama, unit_nama, jabatan


def pegawai_baris(pegawai: Pegawai, tanggal: datetime.date | None = None) -> dict:
    jabatan, unit, _j = nama_jabatan_pegawai(pegawai, tanggal)
    return {"nama": pegawai.nama_lengkap, "nip": pegawai.nip, "pangkat": pegawai.pangkat_golongan,
            "jabatan": jabatan, "unit": unit, "pegawai_id": pegawai.pk}


def root_unit(unit: UnitOrganisasi) -> UnitOrganisasi:
    return UnitOrganisasi.objects.ancestors(unit, include_self=True).with_tree_fields().order_by("tree_depth").first()


def jabatan_kepala_pd(unit: UnitOrganisasi) -> Jabatan | None:
    return org.jabatan_kepala(unit=root_unit(unit))


def pd_dari_jabatan(jabatan: Jabatan | None) -> PerangkatDaerah | None:
    if jabatan is None or jabatan.unit_id is None:
        return None
    return jabatan.unit.perangkat_daerah


def kantor_surat(jabatan: Jabatan | None, cadangan: PerangkatDaerah) -> tuple[Instansi, PerangkatDaerah | None]:
    """Whose letterhead and number series a letter signed from ``jabatan`` uses: the signer's own
    office. A Kepala Daerah (Bupati/Walikota) signs on the Pemerintah Kabupaten/Kota letterhead and
    series (no PD); a Sekda on the Sekretariat Daerah's (the PD of the Sekda's seat); any other
    official on their own PD's, in their own Instansi. ``cadangan`` only when nobody signs."""
    if jabatan is not None and jabatan.jenis == JenisJabatan.KEPALA_DAERAH:
        return jabatan.instansi, None
    pd = pd_dari_jabatan(jabatan)
    if pd is not None:
        return pd.instansi, pd
    return cadangan.instansi, cadangan


def pejabat_menurut_setelan(*, setelan: str, instansi: Instansi, unit: UnitOrganisasi, pegawai: Pegawai | None,
                            cakupan: str, tanggal: datetime.date) -> Ttd:
    """Resolve the regional signatory setting (Instansi.penandatangan_*) to a person.

    * PPK: the PPK of the assigned pegawai (where the staff sit), else of the unit;
    * Pimpinan Unit: of the owning unit within a unit; across units, the staff's own Pimpinan Unit
      (it recommends and issues the letter for its staff);
    * Kepala PD: head of the unit's Perangkat Daerah; Sekda; Kepala Daerah (the PyB) — when the
      PyB seat is vacant the Sekda signs "a.n." the Kepala Daerah.
    Vacant seats escalate upwards (``pejabat_berwenang``); Plt./Plh. keep their prefix.
    """
    pejabat = None
    atas_nama = ""
    if setelan == Penandatangan.PPK:
        if pegawai is not None:
            pejabat = org.ppk_pegawai(pegawai=pegawai, tanggal=tanggal)
        pejabat = pejabat or org.ppk_unit(unit=unit, tanggal=tanggal)
    elif setelan == Penandatangan.PIMPINAN_UNIT:
        if cakupan != CAKUPAN_DALAM_UNIT and pegawai is not None:
            pejabat = org.pimpinan_unit_pegawai(pegawai=pegawai, tanggal=tanggal)
        pejabat = pejabat or org.pimpinan_unit(unit=unit, tanggal=tanggal)
    elif setelan == Penandatangan.KEPALA_PD:
        pejabat = org.pejabat_berwenang(jabatan=jabatan_kepala_pd(unit), tanggal=tanggal)
    elif setelan == Penandatangan.SEKDA:
        pejabat = org.pejabat_berwenang(jabatan=instansi.jabatan_sekda, tanggal=tanggal)
    elif setelan == Penandatangan.KEPALA_DAERAH:
        pejabat = org.pyb_instansi(instansi=instansi, tanggal=tanggal)
        if pejabat is None and instansi.jabatan_sekda_id:
            pejabat = org.pejabat_berwenang(jabatan=instansi.jabatan_sekda, tanggal=tanggal)
            if pejabat is not None and instansi.jabatan_pyb_id:
                atas_nama = instansi.jabatan_pyb.nama
    if pejabat is None:  # last resort: whoever leads the owning unit, then the head of its PD
        pejabat = org.pimpinan_unit(unit=unit, tanggal=tanggal) or org.pejabat_berwenang(
            jabatan=jabatan_kepala_pd(unit), tanggal=tanggal)
    if pejabat is None:
        raise ValidationError({"penandatangan": _(
            "Penandatangan surat untuk %(unit)s tidak dapat ditentukan: jabatannya kosong tanpa Plt./Plh.")
            % {"unit": unit.nama}})
    return Ttd(pejabat=pejabat, atas_nama=atas_nama)


def ttd_dari_langkah(langkah) -> Ttd:
    """Signatory of a letter sent at a workflow step: whoever decided (or submitted) it."""
    pegawai = langkah.pegawai
    if langkah.jabatan_id and pegawai is not None:
        return Ttd(pejabat=org.Pejabat(pegawai=pegawai, jabatan=langkah.jabatan, sebagai=langkah.sebagai))
    if pegawai is not None:  # a staff member writing for themself (pengajuan sukarela)
        jabatan, _unit, _j = nama_jabatan_pegawai(pegawai)
        return Ttd(data={"nama": pegawai.nama_lengkap, "nip": pegawai.nip, "pangkat": pegawai.pangkat_golongan,
                         "jabatan": jabatan or _("Pemohon"), "pegawai_id": pegawai.pk})
    return Ttd(data={"nama": langkah.nama_pegawai or str(langkah.actor), "nip": "", "pangkat": "",
                     "jabatan": langkah.nama_jabatan or _("Pemohon")})


def sebutan_pejabat_jabatan(jabatan: Jabatan | None, tanggal: datetime.date | None = None) -> str:
    """'Kepala Dinas Kesehatan' or 'Plt. Kepala Dinas Kesehatan' for a position (tembusan / addressee)."""
    if jabatan is None:
        return ""
    pejabat = org.pejabat_pada(jabatan=jabatan, tanggal=tanggal)
    return pejabat.sebutan if pejabat else jabatan.nama


def sebutan_tembusan(jabatan: Jabatan | None, tanggal: datetime.date | None = None) -> str:
    """A copy (tembusan) to a position: whoever holds or acts for it on the date ('Plt. Kepala …'),
    or the post marked vacant so the reader knows nobody received it."""
    if jabatan is None:
        return ""
    pejabat = org.pejabat_pada(jabatan=jabatan, tanggal=tanggal)
    return pejabat.sebutan if pejabat else _("%(j)s (jabatan lowong)") % {"j": jabatan.nama}


def unik(daftar) -> list[str]:
    return [x for x in dict.fromkeys(s.strip() for s in daftar if s and s.strip())]
