"""The vocabulary of assignment routes, defined once (DOMAIN.md §2).

A route (``Instansi.langkah_rute[kunci]``) is ``{"pengaju": peran, "langkah": [step, ...]}``;
each step is ``{"kode", "peran", "aksi", "judul", "boleh_dikembalikan"}``. The closed sets
(route keys, roles, actions) are TextChoices here; every reader asks a :class:`Langkah` what a
step does (``memilih_pegawai()``, ``bisa_disetujui_massal()``...) instead of comparing strings.
``rute_validasi`` checks a whole route set (to be wired into the route-saving service and the admin).

Pure module: no queries. The engine that resolves roles to people is in ``penugasan.services``.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class KunciRute(models.TextChoices):
    """Keys of ``Instansi.langkah_rute``: the request routes (``penugasan.models.Rute``) plus the
    cross-PD variant of the cross-unit route."""

    PENUNJUKAN_DALAM_UNIT = "penunjukan_dalam_unit", gettext_lazy("Penunjukan dalam Unit Organisasi")
    PENUNJUKAN_LINTAS_UNIT = "penunjukan_lintas_unit", gettext_lazy("Penunjukan lintas Unit Organisasi")
    PENUNJUKAN_LINTAS_PERANGKAT_DAERAH = (
        "penunjukan_lintas_perangkat_daerah", gettext_lazy("Penunjukan lintas Perangkat Daerah"))
    PENUNJUKAN_LINTAS_INSTANSI = "penunjukan_lintas_instansi", gettext_lazy("Penunjukan lintas Instansi Pemerintah")
    SUKARELA_DALAM_UNIT = "sukarela_dalam_unit", gettext_lazy("Pengajuan sukarela dalam Unit Organisasi")
    SUKARELA_LINTAS_UNIT = "sukarela_lintas_unit", gettext_lazy("Pengajuan sukarela lintas Unit Organisasi")


KUNCI_SUKARELA = (KunciRute.SUKARELA_DALAM_UNIT, KunciRute.SUKARELA_LINTAS_UNIT)


class PeranLangkah(models.TextChoices):
    """Who submits or decides a step, resolved to a position on the decision date."""

    PEGAWAI = "pegawai", gettext_lazy("Pegawai (JF/Pelaksana) sendiri")
    PIMPINAN_UNIT_ASAL = "pimpinan_unit_asal", gettext_lazy("Pimpinan Unit asal")
    PIMPINAN_UNIT_TUJUAN = "pimpinan_unit_tujuan", gettext_lazy("Pimpinan Unit dituju")
    PPK_ASAL = "ppk_asal", gettext_lazy("PPK asal")
    PPK_TUJUAN = "ppk_tujuan", gettext_lazy("PPK dituju")
    PYB_ASAL = "pyb_asal", gettext_lazy("PyB asal")
    PYB_TUJUAN = "pyb_tujuan", gettext_lazy("PyB dituju")
    SEKDA_ASAL = "sekda_asal", gettext_lazy("Sekda asal")
    KEPALA_PD_ASAL = "kepala_pd_asal", gettext_lazy("Kepala PD asal")
    KEPALA_PD_TUJUAN = "kepala_pd_tujuan", gettext_lazy("Kepala PD dituju")


# who may submit each kind of route
PENGAJU_PENUNJUKAN = PeranLangkah.PIMPINAN_UNIT_ASAL
PENGAJU_SUKARELA = PeranLangkah.PEGAWAI


class AksiLangkah(models.TextChoices):
    """What the official of a step does (besides refusing or returning)."""

    SETUJUI = "setujui", gettext_lazy("setujui")
    JAWAB_KETERSEDIAAN = "jawab_ketersediaan", gettext_lazy("jawab ketersediaan")


@dataclass(frozen=True)
class Langkah:
    """One step of a route, typed. Build it with :meth:`dari_data` from the stored dict."""

    kode: str
    peran: PeranLangkah
    aksi: AksiLangkah
    judul: str
    boleh_dikembalikan: bool = True

    @classmethod
    def dari_data(cls, data: dict) -> Langkah:
        """A stored step (already validated when its route was saved). Steps copied into a
        request before ``boleh_dikembalikan`` existed may not be returned."""
        return cls(kode=data["kode"], peran=PeranLangkah(data["peran"]), aksi=AksiLangkah(data["aksi"]),
                   judul=data.get("judul") or data["kode"],
                   boleh_dikembalikan=bool(data.get("boleh_dikembalikan", False)))

    def sebagai_data(self) -> dict:
        return {"kode": self.kode, "peran": self.peran.value, "aksi": self.aksi.value, "judul": self.judul,
                "boleh_dikembalikan": self.boleh_dikembalikan}

    def menjawab_ketersediaan(self) -> bool:
        """The official answers with the list of available staff (a Surat Jawaban follows)."""
        return self.aksi == AksiLangkah.JAWAB_KETERSEDIAAN

    def menyetujui(self) -> bool:
        return self.aksi == AksiLangkah.SETUJUI

    def memilih_pegawai(self, *, penunjukan: bool) -> bool:
        """Whether deciding this step chooses the staff: an availability answer, or the PPK
        where the staff sit approving a penunjukan."""
        return penunjukan and (self.menjawab_ketersediaan() or self.peran == PeranLangkah.PPK_TUJUAN)

    def bisa_disetujui_massal(self) -> bool:
        """Approvable from the inbox together with others (no list of staff to give)."""
        return self.menyetujui()

    def meneruskan_permohonan(self) -> bool:
        """Approving this (non-final) step forwards the request with a Surat Permohonan to the
        next decider: the requesting PyB writes to the target's PyB."""
        return self.peran == PeranLangkah.PYB_ASAL


_FIELD_LANGKAH = {"kode", "peran", "aksi", "judul", "boleh_dikembalikan"}


def rute_validasi(langkah_rute) -> None:
    """Refuse an invalid route set with one ValidationError on ``langkah_rute`` listing every
    problem, each naming the route, the step and the field. A key may be absent (the engine
    then uses the generic route of ``organisasi.presets.langkah_rute``)."""
    salah: list[str] = []
    if not isinstance(langkah_rute, dict):
        raise ValidationError({"langkah_rute": _("Langkah rute harus berupa objek {rute: {pengaju, langkah}}.")})
    for kunci, rute in langkah_rute.items():
        if kunci not in KunciRute.values:
            salah.append(_("Rute '%(rute)s' tidak dikenal; pilihan: %(pilihan)s.")
                         % {"rute": kunci, "pilihan": ", ".join(KunciRute.values)})
            continue
        nama_rute = str(KunciRute(kunci).label)
        if not isinstance(rute, dict) or set(rute) != {"pengaju", "langkah"}:
            salah.append(_("Rute %(rute)s: harus berisi tepat 'pengaju' dan 'langkah'.") % {"rute": nama_rute})
            continue
        pengaju = PENGAJU_SUKARELA if kunci in KUNCI_SUKARELA else PENGAJU_PENUNJUKAN
        if rute["pengaju"] != pengaju:
            salah.append(_("Rute %(rute)s: pengaju harus '%(harus)s', bukan '%(isi)s'.")
                         % {"rute": nama_rute, "harus": pengaju.value, "isi": rute["pengaju"]})
        if not isinstance(rute["langkah"], list):
            salah.append(_("Rute %(rute)s: 'langkah' harus berupa daftar.") % {"rute": nama_rute})
            continue
        kode_terpakai: set[str] = set()
        for i, langkah in enumerate(rute["langkah"], start=1):
            salah.extend(_langkah_salah(langkah, nama_rute=nama_rute, nomor=i, sukarela=kunci in KUNCI_SUKARELA,
                                        kode_terpakai=kode_terpakai))
    if salah:
        raise ValidationError({"langkah_rute": salah})


def _langkah_salah(langkah, *, nama_rute: str, nomor: int, sukarela: bool, kode_terpakai: set[str]) -> list[str]:
    awal = _("Rute %(rute)s, langkah %(n)d") % {"rute": nama_rute, "n": nomor}
    if not isinstance(langkah, dict):
        return [_("%(awal)s: harus berupa objek.") % {"awal": awal}]
    salah = []
    kode = langkah.get("kode")
    if isinstance(kode, str) and kode.strip():
        awal = _("%(awal)s (%(kode)s)") % {"awal": awal, "kode": kode}
        if kode in kode_terpakai:
            salah.append(_("%(awal)s: kode dipakai dua kali dalam rute ini.") % {"awal": awal})
        kode_terpakai.add(kode)
    else:
        salah.append(_("%(awal)s: 'kode' wajib diisi.") % {"awal": awal})
    asing = sorted(set(langkah) - _FIELD_LANGKAH)
    if asing:
        salah.append(_("%(awal)s: isian tidak dikenal: %(f)s.") % {"awal": awal, "f": ", ".join(asing)})
    peran = langkah.get("peran")
    if peran not in PeranLangkah.values or peran == PeranLangkah.PEGAWAI:
        salah.append(_("%(awal)s: peran '%(isi)s' tidak dikenal; pilihan: %(pilihan)s.") % {
            "awal": awal, "isi": peran,
            "pilihan": ", ".join(v for v in PeranLangkah.values if v != PeranLangkah.PEGAWAI)})
    aksi = langkah.get("aksi")
    if aksi not in AksiLangkah.values:
        salah.append(_("%(awal)s: aksi '%(isi)s' tidak dikenal; pilihan: %(pilihan)s.")
                     % {"awal": awal, "isi": aksi, "pilihan": ", ".join(AksiLangkah.values)})
    elif aksi == AksiLangkah.JAWAB_KETERSEDIAAN and sukarela:
        salah.append(_("%(awal)s: aksi 'jawab_ketersediaan' hanya untuk rute penunjukan (pada pengajuan sukarela "
                       "pegawainya sudah pasti).") % {"awal": awal})
    judul = langkah.get("judul")
    if not (isinstance(judul, str) and judul.strip()):
        salah.append(_("%(awal)s: 'judul' wajib diisi.") % {"awal": awal})
    if "boleh_dikembalikan" in langkah and not isinstance(langkah["boleh_dikembalikan"], bool):
        salah.append(_("%(awal)s: 'boleh_dikembalikan' harus true atau false.") % {"awal": awal})
    return salah
