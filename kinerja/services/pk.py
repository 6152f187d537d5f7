"""Perjanjian Kinerja: create, edit while draft, set, amend as a new version (DOMAIN §4.1 step 1).

Who sets the PK of a PD is a regional rule (``AturanKinerja.penetap_pk``): the head of the PD
(Level 1) or its Pimpinan Unit Organisasi; the actor must hold or act for that position on the
date. A set version is never edited: ``pk_ubah`` (only where ``pk_boleh_diubah``) copies it into
a new draft version; setting that version marks the old one ``diubah``.
"""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from inti.exceptions import KonflikError
from inti.models import AksiAudit
from organisasi import selectors as org
from organisasi.models import Jabatan, PerangkatDaerah, UnitOrganisasi

from ..models import (
    IndikatorKinerja,
    PenetapPK,
    PerjanjianKinerja,
    Polaritas,
    SasaranKinerja,
    StatusPK,
    StrategiTarget,
    TargetJabatan,
    TautanTarget,
)
from ._umum import angka, aturan, dengan_jejak, hari_ini, jejak_catat, pejabat_untuk


def jabatan_penetap_pk(*, perangkat_daerah: PerangkatDaerah, tanggal: datetime.date | None = None) -> Jabatan | None:
    """The position that sets the PD's PK under the rules in force (None: the PD has no PK)."""
    atur = aturan(instansi=perangkat_daerah.instansi, tanggal=tanggal)
    if perangkat_daerah.jenis in (atur.jenis_pd_tanpa_pk or []):
        return None
    akar = UnitOrganisasi.objects.filter(perangkat_daerah=perangkat_daerah, parent__isnull=True).first()
    if akar is None:
        return None
    if atur.penetap_pk == PenetapPK.PIMPINAN_UNIT:
        return org.jabatan_pimpinan_unit(unit=akar)
    return org.jabatan_kepala(unit=akar)


def _pastikan_penetap(*, actor, jabatan: Jabatan, tanggal: datetime.date):
    pd = jabatan.unit.perangkat_daerah if jabatan.unit_id else None
    if pd is None:
        raise PermissionDenied(_("%(jabatan)s tidak berada pada Perangkat Daerah.") % {"jabatan": jabatan.nama})
    penetap = jabatan_penetap_pk(perangkat_daerah=pd, tanggal=tanggal)
    if penetap is None:
        raise PermissionDenied(_("Menurut aturan kinerja %(instansi)s, %(pd)s tidak menyusun Perjanjian Kinerja sendiri.")
                               % {"instansi": pd.instansi.nama, "pd": pd.nama})
    if penetap.pk != jabatan.pk:
        raise PermissionDenied(_("Perjanjian Kinerja %(pd)s ditetapkan oleh %(penetap)s, bukan %(jabatan)s.")
                               % {"pd": pd.nama, "penetap": penetap.nama, "jabatan": jabatan.nama})
    return pejabat_untuk(actor=actor, jabatan=jabatan, tanggal=tanggal)


def _pk_terkunci(pk_id: int) -> PerjanjianKinerja:
    return PerjanjianKinerja.objects.select_for_update(of=("self",)).select_related("jabatan__unit__perangkat_daerah",
                                                                       "instansi").get(pk=pk_id)


def _pastikan_draf(pk: PerjanjianKinerja) -> None:
    if pk.status != StatusPK.DRAF:
        raise KonflikError(_("Perjanjian Kinerja yang telah ditetapkan tidak dapat diubah langsung; "
                             "buat perubahan sebagai versi baru."))


@dengan_jejak(AksiAudit.KINERJA_PK_BUAT, model=Jabatan, kunci="jabatan_id")
def pk_buat(*, actor, ip: str | None = None, jabatan_id: int, tahun: int, judul: str = "") -> PerjanjianKinerja:
    """A new draft PK (version 1) of ``jabatan`` for ``tahun``."""
    tanggal = hari_ini()
    if not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise ValidationError({"tahun": [_("Tahun harus antara 2000 dan 2100.")]})
    jabatan = Jabatan.objects.select_related("unit__perangkat_daerah").get(pk=jabatan_id)
    pejabat = _pastikan_penetap(actor=actor, jabatan=jabatan, tanggal=tanggal)
    if PerjanjianKinerja.objects.filter(jabatan=jabatan, tahun=tahun).exists():
        raise KonflikError(_("Perjanjian Kinerja %(tahun)s untuk %(jabatan)s sudah ada; ubah draf yang ada atau "
                             "buat perubahan.") % {"tahun": tahun, "jabatan": jabatan.nama})
    pd = jabatan.unit.perangkat_daerah
    pk = PerjanjianKinerja.objects.create(
        instansi=pd.instansi, perangkat_daerah=pd, jabatan=jabatan, tahun=tahun, versi=1,
        judul=(judul or f"Perjanjian Kinerja {jabatan.nama} Tahun {tahun}").strip()[:250], dibuat_oleh=actor)
    jejak_catat(actor=actor, objek=pk, aksi=AksiAudit.KINERJA_PK_BUAT, diizinkan=True, status_ke=pk.status, ip=ip,
                pejabat=pejabat)
    return pk


@dengan_jejak(AksiAudit.KINERJA_PK_TETAPKAN, model=PerjanjianKinerja, kunci="pk_id")
def pk_tetapkan(*, actor, ip: str | None = None, pk_id: int,
                tanggal_berlaku: datetime.date | None = None) -> PerjanjianKinerja:
    """Set a draft version; an amendment supersedes the version it amends."""
    tanggal = hari_ini()
    pk = _pk_terkunci(pk_id)
    pejabat = _pastikan_penetap(actor=actor, jabatan=pk.jabatan, tanggal=tanggal)
    _pastikan_draf(pk)
    if not IndikatorKinerja.objects.filter(sasaran__pk_kinerja=pk).exists():
        raise ValidationError({"sasaran": [_("Perjanjian Kinerja belum memiliki sasaran dengan indikator.")]})
    kosong = list(pk.sasaran.filter(indikator__isnull=True).values_list("urutan", flat=True))
    if kosong:
        raise ValidationError({"sasaran": [_("Sasaran nomor %(nomor)s belum memiliki indikator.")
                                           % {"nomor": ", ".join(map(str, kosong))}]})
    berlaku = tanggal_berlaku or pk.tanggal_berlaku or tanggal
    lama = None
    if pk.versi_sebelumnya_id:
        lama = PerjanjianKinerja.objects.select_for_update(of=("self",)).get(pk=pk.versi_sebelumnya_id)
        if lama.status != StatusPK.DITETAPKAN:
            raise KonflikError(_("Versi yang diubah tidak lagi berlaku."))
        if lama.tanggal_berlaku and berlaku < lama.tanggal_berlaku:
            raise ValidationError({"tanggal_berlaku": [_("Perubahan tidak dapat berlaku sebelum versi yang diubah "
                                                         "(%(tgl)s).") % {"tgl": f"{lama.tanggal_berlaku:%d-%m-%Y}"}]})
        lama.gantikan()
        lama.save(update_fields=["status", "updated_at"])
        jejak_catat(actor=actor, objek=lama, aksi=AksiAudit.KINERJA_PK_GANTIKAN, diizinkan=True,
                    status_dari=StatusPK.DITETAPKAN, status_ke=lama.status, ip=ip, pejabat=pejabat,
                    alasan=_("diganti versi %(versi)s") % {"versi": pk.versi})
    pk.tetapkan()
    pk.tanggal_berlaku = berlaku
    pk.ditetapkan_pada = timezone.now()
    pk.ditetapkan_oleh = pejabat.pegawai
    pk.penetap_sebagai = pejabat.sebagai
    pk.nama_penetap = f"{pejabat.pegawai.nama_lengkap}, {pejabat.sebutan}"[:250]
    pk.save(update_fields=["status", "tanggal_berlaku", "ditetapkan_pada", "ditetapkan_oleh", "penetap_sebagai",
                           "nama_penetap", "updated_at"])
    jejak_catat(actor=actor, objek=pk, aksi=AksiAudit.KINERJA_PK_TETAPKAN, diizinkan=True, status_dari=StatusPK.DRAF,
                status_ke=pk.status, ip=ip, pejabat=pejabat)
    return pk


@dengan_jejak(AksiAudit.KINERJA_PK_UBAH, model=PerjanjianKinerja, kunci="pk_id")
def pk_ubah(*, actor, ip: str | None = None, pk_id: int, alasan_perubahan: str,
            tanggal_berlaku: datetime.date | None = None) -> PerjanjianKinerja:
    """Amend a set PK: a new draft version copying its sasaran, indikator, cascade, strategies
    and links. Allowed only where the Instansi's rules provide for it (Pasuruan, 004 l.211–213)."""
    tanggal = hari_ini()
    pk = _pk_terkunci(pk_id)
    pejabat = _pastikan_penetap(actor=actor, jabatan=pk.jabatan, tanggal=tanggal)
    atur = aturan(instansi=pk.instansi, tanggal=tanggal)
    if not atur.pk_boleh_diubah:
        raise PermissionDenied(_("Aturan kinerja %(instansi)s tidak mengatur perubahan Perjanjian Kinerja.")
                               % {"instansi": pk.instansi.nama})
    if pk.status != StatusPK.DITETAPKAN:
        raise KonflikError(_("Hanya Perjanjian Kinerja yang sedang berlaku yang dapat diubah."))
    if not (alasan_perubahan or "").strip():
        raise ValidationError({"alasan_perubahan": [_("Alasan perubahan wajib diisi.")]})
    if tanggal_berlaku and pk.tanggal_berlaku and tanggal_berlaku < pk.tanggal_berlaku:
        raise ValidationError({"tanggal_berlaku": [_("Perubahan tidak dapat berlaku sebelum versi yang diubah.")]})
    if PerjanjianKinerja.objects.filter(jabatan=pk.jabatan, tahun=pk.tahun, status=StatusPK.DRAF).exists():
        raise KonflikError(_("Sudah ada draf perubahan Perjanjian Kinerja ini."))
    baru = PerjanjianKinerja.objects.create(
        instansi=pk.instansi, perangkat_daerah=pk.perangkat_daerah, jabatan=pk.jabatan, tahun=pk.tahun,
        versi=pk.versi + 1, versi_sebelumnya=pk, judul=pk.judul, alasan_perubahan=alasan_perubahan.strip(),
        tanggal_berlaku=tanggal_berlaku, dibuat_oleh=actor)
    _salin_isi(lama=pk, baru=baru, actor=actor)
    jejak_catat(actor=actor, objek=baru, aksi=AksiAudit.KINERJA_PK_UBAH, diizinkan=True, status_ke=baru.status, ip=ip,
                pejabat=pejabat, alasan=baru.alasan_perubahan)
    return baru


def _salin_isi(*, lama: PerjanjianKinerja, baru: PerjanjianKinerja, actor) -> None:
    """Copy sasaran → indikator → cascade (both levels) → strategy and links, keeping ``asal``."""
    peta_target: dict[int, TargetJabatan] = {}
    for sasaran in lama.sasaran.prefetch_related("indikator__kaskade").order_by("urutan"):
        s_baru = SasaranKinerja.objects.create(pk_kinerja=baru, urutan=sasaran.urutan, kode=sasaran.kode,
                                               uraian=sasaran.uraian, asal=sasaran)
        for ind in sasaran.indikator.all():
            i_baru = IndikatorKinerja.objects.create(
                sasaran=s_baru, urutan=ind.urutan, kode=ind.kode, uraian=ind.uraian, satuan=ind.satuan,
                polaritas=ind.polaritas, baseline=ind.baseline, target_tahunan=ind.target_tahunan,
                target_tw1=ind.target_tw1, target_tw2=ind.target_tw2, target_tw3=ind.target_tw3,
                target_tw4=ind.target_tw4, formula=ind.formula, catatan=ind.catatan, asal=ind)
            targets = sorted(ind.kaskade.all(), key=lambda t: (t.induk_id is not None, t.pk))
            for t in targets:
                peta_target[t.pk] = TargetJabatan.objects.create(
                    indikator=i_baru, induk=peta_target.get(t.induk_id), jabatan_id=t.jabatan_id, cara=t.cara,
                    nilai=t.nilai, persen=t.persen, aspek=t.aspek, catatan=t.catatan,
                    penanggung_jawab_id=t.penanggung_jawab_id, asal=t)
    for s in StrategiTarget.objects.filter(target_id__in=peta_target):
        StrategiTarget.objects.create(
            target=peta_target[s.target_id], bentuk=s.bentuk, perlu_ketua=s.perlu_ketua, kebutuhan=s.kebutuhan,
            jumlah_dibutuhkan=s.jumlah_dibutuhkan, kompetensi_dibutuhkan=s.kompetensi_dibutuhkan, arahan=s.arahan,
            ditetapkan_oleh_id=s.ditetapkan_oleh_id, penetap_sebagai=s.penetap_sebagai, nama_penetap=s.nama_penetap)
    TautanTarget.objects.bulk_create([
        TautanTarget(target=peta_target[t.target_id], permohonan_id=t.permohonan_id, penugasan_id=t.penugasan_id,
                     tim_id=t.tim_id, sumber=t.sumber, dibuat_oleh_id=t.dibuat_oleh_id)
        for t in TautanTarget.objects.filter(target_id__in=peta_target)
    ])


# --------------------------------------------------------------------------- sasaran and indikator (draft only)


def _teks(nilai, *, field: str, wajib: bool = True, maks: int | None = None) -> str:
    teks = (nilai or "").strip() if isinstance(nilai, str) or nilai is None else str(nilai).strip()
    if wajib and not teks:
        raise ValidationError({field: [_("Wajib diisi.")]})
    if maks and len(teks) > maks:
        raise ValidationError({field: [_("Paling banyak %(n)s karakter.") % {"n": maks}]})
    return teks


@dengan_jejak(AksiAudit.KINERJA_SASARAN_SIMPAN, model=PerjanjianKinerja, kunci="pk_id")
def sasaran_simpan(*, actor, ip: str | None = None, pk_id: int, uraian: str, kode: str = "",
                   sasaran_id: int | None = None) -> SasaranKinerja:
    """Add a sasaran (or edit ``sasaran_id``) of a draft PK."""
    pk = _pk_terkunci(pk_id)
    pejabat = _pastikan_penetap(actor=actor, jabatan=pk.jabatan, tanggal=hari_ini())
    _pastikan_draf(pk)
    uraian = _teks(uraian, field="uraian")
    kode = _teks(kode, field="kode", wajib=False, maks=40)
    if sasaran_id:
        sasaran = pk.sasaran.get(pk=sasaran_id)
        sasaran.uraian, sasaran.kode = uraian, kode
        sasaran.save(update_fields=["uraian", "kode", "updated_at"])
    else:
        urutan = (pk.sasaran.order_by("-urutan").values_list("urutan", flat=True).first() or 0) + 1
        sasaran = SasaranKinerja.objects.create(pk_kinerja=pk, urutan=urutan, uraian=uraian, kode=kode)
    jejak_catat(actor=actor, objek=pk, aksi=AksiAudit.KINERJA_SASARAN_SIMPAN, diizinkan=True, ip=ip, pejabat=pejabat,
                alasan=f"sasaran {sasaran.urutan}: {uraian[:200]}")
    return sasaran


FIELD_INDIKATOR = ("uraian", "satuan", "polaritas", "baseline", "target_tahunan", "target_tw1", "target_tw2",
                   "target_tw3", "target_tw4", "formula", "catatan", "kode")


def periksa_indikator(data: dict, *, prefiks: str = "") -> dict:
    """Clean indikator fields (shared by the service and the importer); errors name the field."""
    galat: dict[str, list[str]] = {}
    hasil: dict = {}

    def ambil(fn, field, **kw):
        try:
            hasil[field] = fn(data.get(field), field=f"{prefiks}{field}", **kw)
        except ValidationError as exc:
            for k, v in exc.message_dict.items():
                galat.setdefault(k, []).extend(v)

    ambil(_teks, "uraian")
    ambil(_teks, "satuan", maks=60)
    ambil(_teks, "kode", wajib=False, maks=40)
    ambil(_teks, "formula", wajib=False)
    ambil(_teks, "catatan", wajib=False)
    polaritas = (data.get("polaritas") or Polaritas.MAKSIMAL)
    polaritas = str(polaritas).strip().lower()
    if polaritas not in Polaritas.values:
        galat.setdefault(f"{prefiks}polaritas", []).append(
            _("Pilih salah satu: %(pilihan)s.") % {"pilihan": ", ".join(Polaritas.values)})
    hasil["polaritas"] = polaritas
    ambil(angka, "target_tahunan", wajib=True)
    for f in ("baseline", "target_tw1", "target_tw2", "target_tw3", "target_tw4"):
        ambil(angka, f)
    if galat:
        raise ValidationError(galat)
    return hasil


@dengan_jejak(AksiAudit.KINERJA_INDIKATOR_SIMPAN, model=SasaranKinerja, kunci="sasaran_id")
def indikator_simpan(*, actor, ip: str | None = None, sasaran_id: int, indikator_id: int | None = None,
                     **data) -> IndikatorKinerja:
    """Add an indikator to a sasaran of a draft PK (or edit ``indikator_id``)."""
    sasaran = SasaranKinerja.objects.select_related("pk_kinerja").get(pk=sasaran_id)
    pk = _pk_terkunci(sasaran.pk_kinerja_id)
    pejabat = _pastikan_penetap(actor=actor, jabatan=pk.jabatan, tanggal=hari_ini())
    _pastikan_draf(pk)
    tidak_dikenal = set(data) - set(FIELD_INDIKATOR)
    if tidak_dikenal:
        raise ValidationError({f: [_("Kolom tidak dikenal.")] for f in sorted(tidak_dikenal)})
    if indikator_id:
        indikator = sasaran.indikator.get(pk=indikator_id)
        awal = {f: getattr(indikator, f) for f in FIELD_INDIKATOR}
        bersih = periksa_indikator({**awal, **data})
        for f, v in bersih.items():
            setattr(indikator, f, v)
        indikator.save(update_fields=[*bersih, "updated_at"])
    else:
        bersih = periksa_indikator(data)
        urutan = (sasaran.indikator.order_by("-urutan").values_list("urutan", flat=True).first() or 0) + 1
        indikator = IndikatorKinerja.objects.create(sasaran=sasaran, urutan=urutan, **bersih)
    jejak_catat(actor=actor, objek=pk, aksi=AksiAudit.KINERJA_INDIKATOR_SIMPAN, diizinkan=True, ip=ip, pejabat=pejabat,
                alasan=f"indikator {sasaran.urutan}.{indikator.urutan}: {indikator.uraian[:200]}")
    return indikator


@dengan_jejak(AksiAudit.KINERJA_INDIKATOR_HAPUS, model=IndikatorKinerja, kunci="indikator_id")
def indikator_hapus(*, actor, ip: str | None = None, indikator_id: int) -> None:
    indikator = IndikatorKinerja.objects.select_related("sasaran").get(pk=indikator_id)
    pk = _pk_terkunci(indikator.sasaran.pk_kinerja_id)
    pejabat = _pastikan_penetap(actor=actor, jabatan=pk.jabatan, tanggal=hari_ini())
    _pastikan_draf(pk)
    if indikator.kaskade.exists():
        raise KonflikError(_("Indikator sudah dibagi kepada jabatan; hapus pembagiannya lebih dahulu."))
    jejak_catat(actor=actor, objek=pk, aksi=AksiAudit.KINERJA_INDIKATOR_HAPUS, diizinkan=True, ip=ip, pejabat=pejabat,
                alasan=indikator.uraian[:200])
    indikator.delete()
