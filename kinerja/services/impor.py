"""Import of sasaran and indikator into a draft Perjanjian Kinerja from CSV/XLSX, all or
nothing: every row is checked first, and any error (row number as the spreadsheet shows it,
column, reason) refuses the whole file. Format: ``docs/format-impor-pk.md``; example:
``fixtures/contoh-impor-pk.csv`` / ``.xlsx``. Reading reuses the org-chart importer's reader."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from inti.models import AksiAudit
from organisasi.importer import baca_berkas

from ..models import IndikatorKinerja, PerjanjianKinerja, SasaranKinerja
from ._umum import dengan_jejak, hari_ini, jejak_catat
from .pk import _pastikan_draf, _pastikan_penetap, _pk_terkunci, periksa_indikator

KOLOM = ("kode_sasaran", "sasaran", "kode_indikator", "indikator", "satuan", "polaritas", "baseline",
         "target_tahunan", "target_tw1", "target_tw2", "target_tw3", "target_tw4", "formula", "catatan")
KOLOM_WAJIB = ("sasaran", "indikator", "satuan", "target_tahunan")
ALIAS = {"target": "target_tahunan", "kode": "kode_indikator", "tw1": "target_tw1", "tw2": "target_tw2",
         "tw3": "target_tw3", "tw4": "target_tw4"}
BATAS_BARIS = 2000
BATAS_UKURAN = 5 * 1024 * 1024
BATAS_KESALAHAN = 200


def _baca(berkas, nama_berkas: str):
    data = berkas if isinstance(berkas, bytes) else berkas.read()
    if len(data) > BATAS_UKURAN:
        raise ValidationError({"berkas": [_("Berkas lebih dari 5 MB.")]})
    try:
        header, baris = baca_berkas(data, nama_berkas)
    except ValidationError as exc:
        raise ValidationError({"berkas": exc.messages}) from None
    header = [ALIAS.get(h, h) for h in header]
    return header, baris


def periksa_berkas(berkas, nama_berkas: str = "") -> list[dict]:
    """Parse and check the whole file; returns the sasaran plan ``[{kode, uraian, indikator:[...]}]``
    or raises ValidationError({"berkas": ["Baris N, kolom K: ..."]})."""
    header, baris = _baca(berkas, nama_berkas)
    kesalahan: list[str] = []
    tidak_dikenal = [h for h in header if h and h not in KOLOM]
    if tidak_dikenal:
        kesalahan.append(_("Baris 1: kolom tidak dikenal: %(k)s.") % {"k": ", ".join(tidak_dikenal)})
    kurang = [k for k in KOLOM_WAJIB if k not in header]
    if kurang:
        kesalahan.append(_("Baris 1: kolom wajib tidak ada: %(k)s.") % {"k": ", ".join(kurang)})
    if kesalahan:
        raise ValidationError({"berkas": kesalahan})
    if not baris:
        raise ValidationError({"berkas": [_("Berkas tidak memuat baris data.")]})
    if len(baris) > BATAS_BARIS:
        raise ValidationError({"berkas": [_("Paling banyak %(n)s baris.") % {"n": BATAS_BARIS}]})

    rencana: list[dict] = []
    per_kode: dict[str, tuple[dict, int]] = {}
    per_teks: dict[str, dict] = {}
    for b in baris:
        nilai = {ALIAS.get(k, k): v for k, v in b.nilai.items()}
        for k, v in nilai.items():
            if "\x00" in v or len(v) > 5000:
                kesalahan.append(_("Baris %(b)s, kolom %(k)s: isi sel tidak sah atau terlalu panjang.")
                                 % {"b": b.nomor, "k": k})
        uraian_s = nilai.get("sasaran", "").strip()
        kode_s = nilai.get("kode_sasaran", "").strip()
        if not uraian_s:
            kesalahan.append(_("Baris %(b)s, kolom sasaran: wajib diisi.") % {"b": b.nomor})
            continue
        if len(kode_s) > 40:
            kesalahan.append(_("Baris %(b)s, kolom kode_sasaran: paling banyak 40 karakter.") % {"b": b.nomor})
        if kode_s and kode_s in per_kode:
            sasaran, nomor_awal = per_kode[kode_s]
            if sasaran["uraian"] != uraian_s:
                kesalahan.append(_("Baris %(b)s, kolom sasaran: kode %(kode)s sudah dipakai untuk sasaran lain pada "
                                   "baris %(awal)s.") % {"b": b.nomor, "kode": kode_s, "awal": nomor_awal})
                continue
        elif not kode_s and uraian_s in per_teks:
            sasaran = per_teks[uraian_s]
        else:
            sasaran = {"kode": kode_s, "uraian": uraian_s, "indikator": []}
            rencana.append(sasaran)
            per_teks.setdefault(uraian_s, sasaran)
            if kode_s:
                per_kode[kode_s] = (sasaran, b.nomor)
        data = {k: nilai.get(k, "") for k in ("indikator", "satuan", "polaritas", "baseline", "target_tahunan",
                                              "target_tw1", "target_tw2", "target_tw3", "target_tw4", "formula",
                                              "catatan")}
        data["uraian"] = data.pop("indikator")
        data["kode"] = nilai.get("kode_indikator", "")
        try:
            sasaran["indikator"].append(periksa_indikator(data))
        except ValidationError as exc:
            for kolom, pesan in exc.message_dict.items():
                kolom = {"uraian": "indikator", "kode": "kode_indikator"}.get(kolom, kolom)
                for p in pesan:
                    kesalahan.append(_("Baris %(b)s, kolom %(k)s: %(p)s") % {"b": b.nomor, "k": kolom, "p": p})
        if len(kesalahan) >= BATAS_KESALAHAN:
            kesalahan.append(_("Pemeriksaan dihentikan setelah %(n)s kesalahan.") % {"n": BATAS_KESALAHAN})
            break
    if kesalahan:
        raise ValidationError({"berkas": kesalahan})
    return rencana


@dengan_jejak(AksiAudit.KINERJA_PK_IMPOR, model=PerjanjianKinerja, kunci="pk_id")
def impor_sasaran_indikator(*, actor, ip: str | None = None, pk_id: int, berkas, nama_berkas: str = "",
                            ganti: bool = False) -> dict:
    """Import into a draft PK. Sasaran already in the PK (same kode, or same text) receive the
    new indikator; ``ganti=True`` first removes every sasaran of the draft. Returns counts."""
    pk = _pk_terkunci(pk_id)
    pejabat = _pastikan_penetap(actor=actor, jabatan=pk.jabatan, tanggal=hari_ini())
    _pastikan_draf(pk)
    rencana = periksa_berkas(berkas, nama_berkas)
    if ganti:
        IndikatorKinerja.objects.filter(sasaran__pk_kinerja=pk).delete()
        pk.sasaran.all().delete()
    ada = list(pk.sasaran.prefetch_related("indikator"))
    per_kode = {s.kode: s for s in ada if s.kode}
    per_teks = {s.uraian: s for s in ada}
    urutan_s = max((s.urutan for s in ada), default=0)
    jumlah = {"sasaran_baru": 0, "indikator_baru": 0}
    for r in rencana:
        sasaran = (per_kode.get(r["kode"]) if r["kode"] else None) or per_teks.get(r["uraian"])
        if sasaran is None:
            urutan_s += 1
            sasaran = SasaranKinerja.objects.create(pk_kinerja=pk, urutan=urutan_s, kode=r["kode"], uraian=r["uraian"])
            jumlah["sasaran_baru"] += 1
            urutan_i = 0
        else:
            urutan_i = max((i.urutan for i in sasaran.indikator.all()), default=0)
        objs = []
        for ind in r["indikator"]:
            urutan_i += 1
            objs.append(IndikatorKinerja(sasaran=sasaran, urutan=urutan_i, **ind))
        IndikatorKinerja.objects.bulk_create(objs)
        jumlah["indikator_baru"] += len(objs)
    jejak_catat(actor=actor, objek=pk, aksi=AksiAudit.KINERJA_PK_IMPOR, diizinkan=True, ip=ip, pejabat=pejabat,
                alasan=f"{nama_berkas}: {jumlah['sasaran_baru']} sasaran, {jumlah['indikator_baru']} indikator")
    return jumlah
