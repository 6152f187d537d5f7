"""Register 1: the letters of the scope, with signer, people, status and hash; and the gap check
of every numbering series (a number missing in a series is a finding: backdated or lost letters)."""
from __future__ import annotations

import itertools
from collections.abc import Iterator

from django.db.models import CharField, Count, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.db.models.fields.json import KT, KeyTransform
from django.utils.translation import gettext_lazy as _

from organisasi.models import JenisPemangku, PemangkuJabatan
from surat.models import JenisDokumen, SeriNomor, StatusSurat, Surat
from surat.pdf import url_verifikasi

from .dasar import UKURAN_POTONGAN, Register, Saringan, instansi_terpilih, tgl, waktu

KOLOM = [
    "Nomor", "Tanggal", "Jenis", "Seri", "Nomor urut", "Instansi", "Perangkat Daerah", "Perihal",
    "Penandatangan", "NIP penandatangan", "Jabatan penandatangan", "Plt./Plh.", "Pejabat definitif",
    "Lingkup", "Pihak (nama, NIP)", "Peran", "Mulai", "Selesai", "Status", "Alasan pencabutan",
    "Dicabut pada", "SHA-256", "Tautan verifikasi",
]


def _aktif_pada_tanggal_surat(awalan: str = "") -> Q:
    tanggal = OuterRef(f"{awalan}tanggal")
    return Q(mulai__lte=tanggal) & (Q(selesai__isnull=True) | Q(selesai__gte=tanggal))


def _definitif_subquery() -> Subquery:
    """Name of the definitive holder of the post a Plt./Plh. signer acted for, on the letter's date."""
    jabatan_pengganti = PemangkuJabatan.objects.filter(
        Q(mulai__lte=OuterRef(OuterRef("tanggal")))
        & (Q(selesai__isnull=True) | Q(selesai__gte=OuterRef(OuterRef("tanggal")))),
        pegawai_id=OuterRef(OuterRef("penandatangan_pegawai_id")),
        jenis__in=(JenisPemangku.PLT, JenisPemangku.PLH),
    ).values("jabatan_id")
    definitif = PemangkuJabatan.objects.filter(
        _aktif_pada_tanggal_surat(), jenis=JenisPemangku.DEFINITIF, jabatan_id__in=jabatan_pengganti,
    ).order_by("-mulai").values("pegawai__nama")[:1]
    return Subquery(definitif)


def surat_qs(user, saringan: Saringan) -> QuerySet[Surat]:
    """The letters of the register (scope and filters applied), oldest first by series order."""
    qs = Surat.objects.filter(instansi__in=instansi_terpilih(user, saringan))
    if saringan.perangkat_daerah:
        qs = qs.filter(perangkat_daerah_id=saringan.perangkat_daerah)
    if saringan.unit:
        di_unit = PemangkuJabatan.objects.filter(jabatan__unit_id=saringan.unit).values("pegawai_id")
        qs = qs.filter(pk__in=Surat.pihak.through.objects.filter(pegawai_id__in=di_unit).values("surat_id"))
    if saringan.dari:
        qs = qs.filter(tanggal__gte=saringan.dari)
    if saringan.sampai:
        qs = qs.filter(tanggal__lte=saringan.sampai)
    if saringan.jenis:
        qs = qs.filter(jenis=saringan.jenis)
    if saringan.status:
        qs = qs.filter(status=saringan.status)
    return qs.order_by("tanggal", "seri_id", "nomor_urut")


def _plt_plh(jabatan: str) -> str:
    baris = (jabatan or "").strip().splitlines()
    akhir = baris[-1].strip() if baris else ""
    for awalan in ("Plt.", "Plh."):
        if akhir.startswith(awalan):
            return awalan
    return ""


def _peran(nilai) -> str:
    if isinstance(nilai, list):
        return "; ".join(str(x) for x in nilai if x)
    return str(nilai or "")


def _nama_lengkap(gelar_depan: str, nama: str, gelar_belakang: str) -> str:
    """``Pegawai.nama_lengkap`` from plain values (no model instance per row)."""
    nama = f"{gelar_depan} {nama}".strip() if gelar_depan else nama
    return f"{nama}, {gelar_belakang}" if gelar_belakang else nama


KOLOM_QUERY = ("pk", "nomor", "tanggal", "jenis", "seri__kode_klasifikasi", "seri__tahun", "nomor_urut",
               "instansi__nama", "perangkat_daerah__nama", "perihal", "penandatangan_nama", "penandatangan_nip",
               "penandatangan_jabatan", "cakupan_isi", "mulai_isi", "selesai_isi", "peran_isi", "nama_definitif",
               "status", "alasan_pencabutan", "dicabut_pada", "sha256", "uuid_teks")


def register_qs(user, saringan: Saringan) -> QuerySet:
    """The register's main query as tuples (``KOLOM_QUERY``): the letter, its series, the signer's
    definitive holder and the scope/period/roles read from the frozen snapshot in the database.
    The people of each letter come from one extra query per chunk (``baris_surat``)."""
    return (surat_qs(user, saringan)
            .annotate(cakupan_isi=KT("konteks__cakupan"), mulai_isi=KT("konteks__mulai"),
                      selesai_isi=KT("konteks__selesai"), peran_isi=KeyTransform("peran", "konteks"),
                      nama_definitif=_definitif_subquery(), uuid_teks=Cast("uuid", CharField()))
            .values_list(*KOLOM_QUERY))


def _uuid(teks: str) -> str:
    """The canonical dashed form (SQLite stores a UUID as 32 hex digits, PostgreSQL casts it dashed)."""
    if len(teks) == 32:
        return f"{teks[:8]}-{teks[8:12]}-{teks[12:16]}-{teks[16:20]}-{teks[20:]}"
    return teks


def _pihak(surat_ids: list[int]) -> dict[int, list[str]]:
    hasil: dict[int, list[str]] = {pk: [] for pk in surat_ids}
    for surat_id, depan, nama, belakang, nip in (
            Surat.pihak.through.objects.filter(surat_id__in=surat_ids)
            .order_by("surat_id", "pegawai__nama")
            .values_list("surat_id", "pegawai__gelar_depan", "pegawai__nama", "pegawai__gelar_belakang",
                         "pegawai__nip")):
        hasil[surat_id].append(f"{_nama_lengkap(depan, nama, belakang)} ({nip})")
    return hasil


def baris_surat(user, saringan: Saringan) -> Iterator[list]:
    """Rows as tuples from the database in chunks of ``UKURAN_POTONGAN`` (no model instances),
    plus one query per chunk for the people: constant memory, two queries per chunk."""
    status_label = {k: str(v) for k, v in StatusSurat.choices}
    jenis_label = {k: str(v) for k, v in JenisDokumen.choices}
    verifikasi = url_verifikasi("UUID")
    awalan, akhiran = verifikasi.split("UUID")
    baris = register_qs(user, saringan).iterator(chunk_size=UKURAN_POTONGAN)
    while True:
        potongan = list(itertools.islice(baris, UKURAN_POTONGAN))
        if not potongan:
            return
        pihak = _pihak([r[0] for r in potongan])
        for (pk, nomor, tanggal, jenis, kode, tahun, urut, instansi, pd, perihal, ttd_nama, ttd_nip, ttd_jabatan,
             cakupan, mulai, selesai, peran, definitif, status, alasan, dicabut_pada, sha, uuid) in potongan:
            plt = _plt_plh(ttd_jabatan)
            yield [
                nomor, tgl(tanggal), jenis_label.get(jenis, jenis), f"{kode}/{tahun}", urut, instansi, pd or "",
                perihal, ttd_nama, ttd_nip, ttd_jabatan.replace("\n", " "), plt, (definitif or "") if plt else "",
                cakupan or "", "; ".join(pihak[pk]), _peran(peran), tgl(mulai), tgl(selesai),
                status_label.get(status, status), alasan, waktu(dicabut_pada), sha, f"{awalan}{_uuid(uuid)}{akhiran}",
            ]


def hitung_surat(user, saringan: Saringan) -> int:
    return surat_qs(user, saringan).count()


# --------------------------------------------------------------------------- gap check

KOLOM_CELAH = ["Instansi", "Perangkat Daerah", "Kode klasifikasi", "Tahun", "Nomor terakhir", "Jumlah surat",
               "Nomor hilang", "Hasil"]
MAKS_NOMOR_DITAMPILKAN = 200


def seri_qs(user, saringan: Saringan) -> QuerySet[SeriNomor]:
    qs = SeriNomor.objects.filter(instansi__in=instansi_terpilih(user, saringan))
    if saringan.perangkat_daerah:
        qs = qs.filter(perangkat_daerah_id=saringan.perangkat_daerah)
    if saringan.dari:
        qs = qs.filter(tahun__gte=saringan.dari.year)
    if saringan.sampai:
        qs = qs.filter(tahun__lte=saringan.sampai.year)
    return qs.order_by("instansi__nama", "perangkat_daerah__nama", "kode_klasifikasi", "tahun")


def celah_nomor(seri: SeriNomor) -> list[int]:
    """Numbers 1..nomor_terakhir of the series that no letter carries (one query)."""
    terpakai = set(Surat.objects.filter(seri=seri).values_list("nomor_urut", flat=True))
    return [n for n in range(1, seri.nomor_terakhir + 1) if n not in terpakai]


def baris_celah(user, saringan: Saringan) -> Iterator[list]:
    qs = (seri_qs(user, saringan).select_related("instansi", "perangkat_daerah")
          .annotate(jumlah=Count("surat"), tertinggi=Max("surat__nomor_urut")))
    for seri in qs.iterator(chunk_size=UKURAN_POTONGAN):
        lengkap = seri.jumlah == seri.nomor_terakhir and (seri.tertinggi or 0) == seri.nomor_terakhir
        hilang = [] if lengkap else celah_nomor(seri)
        teks = ", ".join(str(n) for n in hilang[:MAKS_NOMOR_DITAMPILKAN])
        if len(hilang) > MAKS_NOMOR_DITAMPILKAN:
            teks += f", … (+{len(hilang) - MAKS_NOMOR_DITAMPILKAN})"
        yield [seri.instansi.nama, seri.perangkat_daerah.nama if seri.perangkat_daerah else "",
               seri.kode_klasifikasi, seri.tahun, seri.nomor_terakhir, seri.jumlah, teks,
               "Lengkap" if not hilang else "Ada celah"]


def hitung_celah(user, saringan: Saringan) -> int:
    return seri_qs(user, saringan).count()


def seri_bercelah(user, saringan: Saringan) -> list[list]:
    """The gap-check rows with at least one missing number (should be none)."""
    return [b for b in baris_celah(user, saringan) if b[-1] != "Lengkap"]


REGISTER = Register(
    kode="surat", judul=_("Register surat"), kolom=KOLOM, baris=baris_surat, hitung=hitung_surat,
    pilihan_jenis=list(JenisDokumen.choices), pilihan_status=list(StatusSurat.choices),
    label_jenis=_("Jenis surat"),
)
REGISTER_CELAH = Register(
    kode="celah_nomor", judul=_("Pemeriksaan celah nomor surat"), kolom=KOLOM_CELAH, baris=baris_celah,
    hitung=hitung_celah,
)
