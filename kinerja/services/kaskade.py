"""Cascade of each indikator's target to Level 2 (and Level 3) positions, the strategy per
cascaded target, the request opened from a strategy, and links to requests, assignments and
teams (DOMAIN §4.1 steps 2–4)."""
from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from inti.exceptions import KonflikError
from inti.models import AksiAudit
from organisasi import selectors as org
from organisasi.models import Instansi, Jabatan, JenisJabatan, Pegawai, UnitOrganisasi
from penugasan import services as penugasan_services
from penugasan.models import Penugasan, PermohonanPenugasan, Rute, Sifat, TimKerja

from ..models import (
    BentukPelaksanaan,
    CaraBagi,
    IndikatorKinerja,
    KebutuhanPegawai,
    PenentuStrategi,
    StatusPK,
    StrategiTarget,
    SumberTautan,
    TargetJabatan,
    TautanTarget,
)
from ._umum import angka, aturan, dengan_jejak, hari_ini, jejak_catat, pegawai_actor, pejabat_untuk
from .pk import jabatan_penetap_pk

SERATUS = Decimal(100)
JENIS_PEMILIK_TARGET = (JenisJabatan.JPT_PRATAMA, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS)


def _pastikan_pk_aktif(pk) -> None:
    if pk.status == StatusPK.DIUBAH:
        raise KonflikError(_("Perjanjian Kinerja ini telah diganti versi baru; gunakan versi yang berlaku."))


def _fmt(n: Decimal) -> str:
    return f"{n.normalize():f}"


def _bagian_bersih(bagian: list[dict], *, pk, unit_atas: UnitOrganisasi, jabatan_atas: Jabatan) -> list[dict]:
    if not isinstance(bagian, list) or not bagian:
        raise ValidationError({"bagian": [_("Isi paling sedikit satu pembagian target.")]})
    galat: dict[str, list[str]] = {}
    hasil = []
    subtree = set(UnitOrganisasi.objects.descendants(unit_atas, include_self=True).values_list("pk", flat=True))
    jabatan_ids = [b.get("jabatan_id") for b in bagian if isinstance(b, dict)]
    jabatan_peta = Jabatan.objects.select_related("unit").in_bulk([j for j in jabatan_ids if isinstance(j, int)])
    pj_ids = [b.get("penanggung_jawab_id") for b in bagian if isinstance(b, dict) and b.get("penanggung_jawab_id")]
    pj_peta = Pegawai.objects.in_bulk([p for p in pj_ids if isinstance(p, int)])
    dilihat = set()
    for i, b in enumerate(bagian):
        awalan = f"bagian[{i}]."
        if not isinstance(b, dict):
            galat.setdefault(f"bagian[{i}]", []).append(_("Format pembagian tidak dikenal."))
            continue
        jabatan = jabatan_peta.get(b.get("jabatan_id"))
        if jabatan is None:
            galat.setdefault(awalan + "jabatan_id", []).append(_("Jabatan tidak ditemukan."))
            continue
        if jabatan.pk in dilihat:
            galat.setdefault(awalan + "jabatan_id", []).append(_("%(j)s disebut dua kali.") % {"j": jabatan.nama})
        dilihat.add(jabatan.pk)
        if jabatan.pk == jabatan_atas.pk or jabatan.unit_id not in subtree:
            galat.setdefault(awalan + "jabatan_id", []).append(
                _("%(j)s bukan jabatan di bawah %(atas)s.") % {"j": jabatan.nama, "atas": jabatan_atas.nama})
        elif jabatan.jenis not in JENIS_PEMILIK_TARGET and not jabatan.kepala_unit:
            galat.setdefault(awalan + "jabatan_id", []).append(
                _("%(j)s bukan jabatan pimpinan; target dibagi kepada jabatan pimpinan (Level 2/3).") % {"j": jabatan.nama})
        cara = b.get("cara")
        if cara not in CaraBagi.values:
            galat.setdefault(awalan + "cara", []).append(
                _("Pilih salah satu: %(p)s.") % {"p": ", ".join(CaraBagi.values)})
            continue
        baris = {"jabatan": jabatan, "cara": cara, "nilai": None, "persen": None, "aspek": "",
                 "catatan": str(b.get("catatan") or "").strip(), "penanggung_jawab": None}
        try:
            if cara == CaraBagi.NILAI:
                baris["nilai"] = angka(b.get("nilai"), field=awalan + "nilai", wajib=True, boleh_negatif=False)
            elif cara == CaraBagi.PERSEN:
                baris["persen"] = angka(b.get("persen"), field=awalan + "persen", wajib=True, boleh_negatif=False)
                if not Decimal(0) < baris["persen"] <= SERATUS:
                    raise ValidationError({awalan + "persen": [_("Persentase harus lebih dari 0 dan paling banyak 100.")]})
            aspek = str(b.get("aspek") or "").strip()
            if cara == CaraBagi.ASPEK and not aspek:
                raise ValidationError({awalan + "aspek": [_("Uraikan aspek yang menjadi tanggung jawab jabatan ini.")]})
            baris["aspek"] = aspek
        except ValidationError as exc:
            for k, v in exc.message_dict.items():
                galat.setdefault(k, []).extend(v)
        pj_id = b.get("penanggung_jawab_id")
        if pj_id:
            pj = pj_peta.get(pj_id)
            if pj is None or pj.instansi_id != pk.instansi_id:
                galat.setdefault(awalan + "penanggung_jawab_id", []).append(_("Pegawai tidak ditemukan pada instansi ini."))
            baris["penanggung_jawab"] = pj
        hasil.append(baris)
    if galat:
        raise ValidationError(galat)
    cara_set = {b["cara"] for b in hasil}
    if len(cara_set) > 1:
        raise ValidationError({"bagian": [_("Gunakan satu cara pembagian untuk semua jabatan (porsi nilai, "
                                            "persentase, atau aspek).")]})
    return hasil


def _periksa_jumlah(hasil: list[dict], *, indikator: IndikatorKinerja, induk: TargetJabatan | None) -> None:
    cara = hasil[0]["cara"]
    if cara == CaraBagi.NILAI:
        if induk is not None and induk.cara != CaraBagi.NILAI:
            raise ValidationError({"bagian": [_("Target induk dibagi menurut %(cara)s; bagi lanjutannya menurut "
                                                "persentase atau aspek.") % {"cara": induk.get_cara_display().lower()}]})
        dasar = induk.nilai if induk is not None else indikator.target_tahunan
        jumlah = sum(b["nilai"] for b in hasil)
        if jumlah != dasar:
            raise ValidationError({"bagian": [
                _("Jumlah porsi (%(jumlah)s %(satuan)s) tidak sama dengan target %(dasar_nama)s (%(dasar)s %(satuan)s); "
                  "selisih %(selisih)s.") % {
                    "jumlah": _fmt(jumlah), "dasar": _fmt(dasar), "satuan": indikator.satuan,
                    "selisih": _fmt(dasar - jumlah),
                    "dasar_nama": _("induk") if induk is not None else _("indikator")}]})
    elif cara == CaraBagi.PERSEN:
        jumlah = sum(b["persen"] for b in hasil)
        if jumlah != SERATUS:
            raise ValidationError({"bagian": [_("Jumlah persentase %(jumlah)s%%, harus 100%%; selisih %(selisih)s%%.")
                                              % {"jumlah": _fmt(jumlah), "selisih": _fmt(SERATUS - jumlah)}]})


@dengan_jejak(AksiAudit.KINERJA_KASKADE_BAGI, model=IndikatorKinerja, kunci="indikator_id")
def kaskade_bagi(*, actor, ip: str | None = None, indikator_id: int, bagian: list[dict],
                 induk_id: int | None = None) -> list[TargetJabatan]:
    """Divide an indikator's target (or, at the third level, a cascaded share ``induk_id``)
    among positions, replacing the previous division. ``bagian``: ``[{jabatan_id, cara,
    nilai | persen | aspek, catatan?, penanggung_jawab_id?}]``; the shares must add up to the
    target (nilai) or to 100 (persen)."""
    tanggal = hari_ini()
    indikator = IndikatorKinerja.objects.select_related("sasaran__pk_kinerja__jabatan__unit",
                                                        "sasaran__pk_kinerja__perangkat_daerah").get(pk=indikator_id)
    pk = indikator.sasaran.pk_kinerja
    pk = type(pk).objects.select_for_update(of=("self",)).select_related("jabatan__unit", "perangkat_daerah", "instansi").get(pk=pk.pk)
    induk = None
    if induk_id is not None:
        induk = TargetJabatan.objects.select_related("jabatan__unit").get(pk=induk_id, indikator=indikator)
        atur = aturan(instansi=pk.instansi, tanggal=tanggal)
        if pk.perangkat_daerah.jenis not in (atur.kaskade_tiga_tingkat or []):
            raise PermissionDenied(_("Aturan kinerja %(instansi)s tidak mengatur kaskade tingkat ketiga untuk "
                                     "%(jenis)s.") % {"instansi": pk.instansi.nama,
                                                      "jenis": pk.perangkat_daerah.get_jenis_display()})
        if induk.induk_id is not None:
            raise ValidationError({"induk_id": [_("Kaskade paling banyak tiga tingkat.")]})
        jabatan_atas = induk.jabatan
    else:
        jabatan_atas = pk.jabatan
    pejabat = pejabat_untuk(actor=actor, jabatan=jabatan_atas, tanggal=tanggal)
    _pastikan_pk_aktif(pk)
    hasil = _bagian_bersih(bagian, pk=pk, unit_atas=jabatan_atas.unit, jabatan_atas=jabatan_atas)
    _periksa_jumlah(hasil, indikator=indikator, induk=induk)

    lama = {t.jabatan_id: t for t in TargetJabatan.objects.select_for_update(of=("self",)).filter(indikator=indikator, induk=induk)}
    baru_ids = {b["jabatan"].pk for b in hasil}
    for jabatan_id, t in lama.items():
        if jabatan_id in baru_ids:
            continue
        if (StrategiTarget.objects.filter(target=t).exists() or t.tautan.exists() or t.turunan.exists()
                or t.rencana_anggaran.exists() or t.baris_matriks.exists()):
            raise KonflikError(_("Target %(j)s sudah memiliki strategi, tautan, atau rencana; tidak dapat dihapus dari "
                                 "pembagian.") % {"j": t.jabatan.nama})
        t.delete()
    simpan = []
    for b in hasil:
        t = lama.get(b["jabatan"].pk) or TargetJabatan(indikator=indikator, induk=induk, jabatan=b["jabatan"])
        t.cara, t.nilai, t.persen, t.aspek = b["cara"], b["nilai"], b["persen"], b["aspek"]
        t.catatan, t.penanggung_jawab = b["catatan"], b["penanggung_jawab"]
        t.full_clean(exclude=["indikator", "induk", "jabatan", "penanggung_jawab", "asal"], validate_unique=False)
        t.save()
        simpan.append(t)
    jejak_catat(actor=actor, objek=indikator, aksi=AksiAudit.KINERJA_KASKADE_BAGI, diizinkan=True, ip=ip, pejabat=pejabat,
                alasan="; ".join(f"{t.jabatan.nama}: {t.sebutan_porsi}" for t in simpan)[:2000])
    return simpan


# --------------------------------------------------------------------------- strategy


def penentu_strategi(*, target: TargetJabatan, tanggal: datetime.date | None = None) -> tuple[str, Jabatan | None, Pegawai | None]:
    """(rule, position, pegawai): who decides the strategy of ``target`` under the rules in
    force: the owner position, the PPK of the owner's unit, or the named penanggung jawab."""
    pk = target.indikator.sasaran.pk_kinerja
    atur = aturan(instansi=pk.instansi, tanggal=tanggal)
    if atur.penentu_strategi == PenentuStrategi.PENANGGUNG_JAWAB and target.penanggung_jawab_id:
        return atur.penentu_strategi, None, target.penanggung_jawab
    if atur.penentu_strategi == PenentuStrategi.PPK and target.jabatan.unit_id:
        return atur.penentu_strategi, org.jabatan_ppk_unit(unit=target.jabatan.unit) or target.jabatan, None
    return atur.penentu_strategi, target.jabatan, None


def _pastikan_penentu_strategi(*, actor, target: TargetJabatan, tanggal: datetime.date):
    aturan_, jabatan, pegawai = penentu_strategi(target=target, tanggal=tanggal)
    if pegawai is not None:
        if pegawai_actor(actor).pk != pegawai.pk:
            raise PermissionDenied(_("Strategi target ini ditetapkan oleh penanggung jawabnya, %(nama)s.")
                                   % {"nama": pegawai.nama_lengkap})
        return None, pegawai
    pejabat = pejabat_untuk(actor=actor, jabatan=jabatan, tanggal=tanggal)
    return pejabat, pejabat.pegawai


def _target_terkunci(target_id: int) -> TargetJabatan:
    return (TargetJabatan.objects.select_for_update(of=("self",))
            .select_related("jabatan__unit__perangkat_daerah", "indikator__sasaran__pk_kinerja__instansi",
                            "penanggung_jawab").get(pk=target_id))


@dengan_jejak(AksiAudit.KINERJA_STRATEGI_TETAPKAN, model=TargetJabatan, kunci="target_id")
def strategi_tetapkan(*, actor, ip: str | None = None, target_id: int, bentuk: str, perlu_ketua: bool = False,
                      kebutuhan: str = KebutuhanPegawai.TIDAK, jumlah_dibutuhkan: int = 0,
                      kompetensi_dibutuhkan: str = "", arahan: str = "") -> StrategiTarget:
    """Set (or revise) the strategy of a cascaded target: individual or team, ketua needed,
    staff needed from other units/PDs/agencies."""
    tanggal = hari_ini()
    target = _target_terkunci(target_id)
    pk = target.indikator.sasaran.pk_kinerja
    pejabat, pegawai = _pastikan_penentu_strategi(actor=actor, target=target, tanggal=tanggal)
    if pk.status != StatusPK.DITETAPKAN:
        raise KonflikError(_("Strategi ditetapkan untuk target Perjanjian Kinerja yang berlaku."))
    galat: dict[str, list[str]] = {}
    if bentuk not in BentukPelaksanaan.values:
        galat["bentuk"] = [_("Pilih salah satu: %(p)s.") % {"p": ", ".join(BentukPelaksanaan.values)}]
    if kebutuhan not in KebutuhanPegawai.values:
        galat["kebutuhan"] = [_("Pilih salah satu: %(p)s.") % {"p": ", ".join(KebutuhanPegawai.values)}]
    if bentuk == BentukPelaksanaan.INDIVIDU and perlu_ketua:
        galat["perlu_ketua"] = [_("Pekerjaan individu tidak memerlukan ketua tim.")]
    if not isinstance(jumlah_dibutuhkan, int) or not 0 <= jumlah_dibutuhkan <= 500:
        galat["jumlah_dibutuhkan"] = [_("Isi angka 0 sampai 500.")]
    if kebutuhan in KebutuhanPegawai.values and kebutuhan != KebutuhanPegawai.TIDAK:
        if isinstance(jumlah_dibutuhkan, int) and jumlah_dibutuhkan < 1:
            galat.setdefault("jumlah_dibutuhkan", []).append(_("Sebutkan jumlah pegawai yang dibutuhkan."))
        if not (kompetensi_dibutuhkan or "").strip():
            galat["kompetensi_dibutuhkan"] = [_("Sebutkan kompetensi yang dibutuhkan.")]
        instansi: Instansi = pk.instansi
        if kebutuhan == KebutuhanPegawai.LINTAS_INSTANSI and not instansi.lintas_instansi_aktif:
            galat["kebutuhan"] = [_("Penunjukan lintas Instansi tidak diatur di %(i)s.") % {"i": instansi.nama}]
    if galat:
        raise ValidationError(galat)
    nama = (f"{pegawai.nama_lengkap}, {pejabat.sebutan}" if pejabat else
            f"{pegawai.nama_lengkap}, {_('penanggung jawab')}")
    strategi, dibuat = StrategiTarget.objects.update_or_create(target=target, defaults=dict(
        bentuk=bentuk, perlu_ketua=bool(perlu_ketua), kebutuhan=kebutuhan, jumlah_dibutuhkan=jumlah_dibutuhkan,
        kompetensi_dibutuhkan=(kompetensi_dibutuhkan or "").strip(), arahan=(arahan or "").strip(),
        ditetapkan_oleh=pegawai, penetap_sebagai=pejabat.sebagai if pejabat else "definitif", nama_penetap=nama[:250]))
    jejak_catat(actor=actor, objek=target, aksi=AksiAudit.KINERJA_STRATEGI_TETAPKAN, diizinkan=True, ip=ip, pejabat=pejabat,
                alasan=f"{strategi.get_bentuk_display()}; {strategi.get_kebutuhan_display()}")
    return strategi


RUTE_KEBUTUHAN = {
    KebutuhanPegawai.LINTAS_UNIT: Rute.PENUNJUKAN_LINTAS_UNIT,
    KebutuhanPegawai.LINTAS_PD: Rute.PENUNJUKAN_LINTAS_UNIT,
    KebutuhanPegawai.LINTAS_INSTANSI: Rute.PENUNJUKAN_LINTAS_INSTANSI,
}


def isi_permohonan_dari_strategi(*, target: TargetJabatan, strategi: StrategiTarget,
                                 tanggal: datetime.date) -> dict:
    """The pre-filled content of a penunjukan request for a target (pure: the service and the
    HTML form's initial values use the same plan). DOMAIN §2.2: purpose, competences, expected
    results/targets, duration."""
    indikator = target.indikator
    pk = indikator.sasaran.pk_kinerja
    porsi = (f"{_fmt(target.nilai)} {indikator.satuan}" if target.cara == CaraBagi.NILAI else
             f"{_fmt(target.persen)}% {_('dari')} {_fmt(indikator.target_tahunan)} {indikator.satuan}"
             if target.cara == CaraBagi.PERSEN else target.aspek)
    mulai = max(tanggal, datetime.date(pk.tahun, 1, 1))
    selesai = datetime.date(pk.tahun, 12, 31)
    return {
        "rute": RUTE_KEBUTUHAN[strategi.kebutuhan],
        "judul": (_("Pelibatan pegawai: %(ind)s") % {"ind": indikator.uraian})[:200],
        "maksud_tujuan": (_("Mendukung pencapaian sasaran \"%(sasaran)s\" pada Perjanjian Kinerja %(tahun)s "
                            "%(jabatan)s.") % {"sasaran": indikator.sasaran.uraian, "tahun": pk.tahun,
                                               "jabatan": pk.jabatan.nama}
                          + (f"\n{strategi.arahan}" if strategi.arahan else "")),
        "kompetensi_uraian": strategi.kompetensi_dibutuhkan,
        "hasil_diharapkan": f"{indikator.uraian}: {porsi}",
        "jumlah_dibutuhkan": max(strategi.jumlah_dibutuhkan, 1),
        "mulai": mulai,
        "selesai": max(selesai, mulai),
        "sifat": Sifat.RUTIN if mulai == datetime.date(pk.tahun, 1, 1) else Sifat.INSIDENTAL,
    }


@dengan_jejak(AksiAudit.KINERJA_STRATEGI_PERMOHONAN, model=TargetJabatan, kunci="target_id")
def strategi_buat_permohonan(*, actor, ip: str | None = None, target_id: int, unit_tujuan_id: int,
                             mulai: datetime.date | None = None, selesai: datetime.date | None = None,
                             nama_tim: str = "", ketua_tim_id: int | None = None, kriteria: str = "",
                             pegawai_diminta_ids: list[int] | tuple = (), ajukan: bool = True) -> PermohonanPenugasan:
    """A cross-unit need becomes a request (000 Lamp II.C.1): open a pre-filled penunjukan
    request through penugasan's own service, linked to the target."""
    tanggal = hari_ini()
    target = _target_terkunci(target_id)
    strategi = StrategiTarget.objects.filter(target=target).first()
    if strategi is None:
        raise KonflikError(_("Tetapkan strategi target lebih dahulu."))
    if not strategi.perlu_permohonan:
        raise KonflikError(_("Strategi target ini tidak membutuhkan pegawai dari luar unit."))
    pejabat = pejabat_untuk(actor=actor, jabatan=target.jabatan, tanggal=tanggal)
    _pastikan_pk_aktif(target.indikator.sasaran.pk_kinerja)
    unit_tujuan = UnitOrganisasi.objects.select_related("instansi").filter(pk=unit_tujuan_id).first()
    if unit_tujuan is None:
        raise ValidationError({"unit_tujuan_id": [_("Unit tujuan tidak ditemukan.")]})
    isi = isi_permohonan_dari_strategi(target=target, strategi=strategi, tanggal=tanggal)
    if mulai:
        isi["mulai"] = mulai
    if selesai:
        isi["selesai"] = selesai
    tim_kw = {}
    if strategi.bentuk == BentukPelaksanaan.TIM:
        tim_kw["nama_tim"] = (nama_tim or _("Tim %(ind)s") % {"ind": target.indikator.uraian})[:200]
        if ketua_tim_id:
            ketua = Pegawai.objects.filter(pk=ketua_tim_id).first()
            if ketua is None:
                raise ValidationError({"ketua_tim_id": [_("Pegawai tidak ditemukan.")]})
            tim_kw["ketua_tim"] = ketua
    diminta = list(Pegawai.objects.filter(pk__in=list(pegawai_diminta_ids)))
    if len(diminta) != len(set(pegawai_diminta_ids)):
        raise ValidationError({"pegawai_diminta_ids": [_("Sebagian pegawai tidak ditemukan.")]})
    rute = isi.pop("rute")
    permohonan = penugasan_services.permohonan_buat(
        actor=actor, ip=ip, rute=rute, jabatan=target.jabatan, unit_asal=target.jabatan.unit, unit_tujuan=unit_tujuan,
        instansi_tujuan=unit_tujuan.instansi if rute == Rute.PENUNJUKAN_LINTAS_INSTANSI else None,
        kriteria=kriteria, pegawai_diminta=diminta, ajukan=ajukan, **isi, **tim_kw)
    TautanTarget.objects.create(target=target, permohonan=permohonan, sumber=SumberTautan.STRATEGI, dibuat_oleh=actor)
    jejak_catat(actor=actor, objek=target, aksi=AksiAudit.KINERJA_STRATEGI_PERMOHONAN, diizinkan=True, ip=ip,
                pejabat=pejabat, alasan=f"permohonan #{permohonan.pk}")
    return permohonan


# --------------------------------------------------------------------------- links


@dengan_jejak(AksiAudit.KINERJA_TAUTKAN, model=TargetJabatan, kunci="target_id")
def tautkan(*, actor, ip: str | None = None, target_id: int, permohonan_id: int | None = None,
            penugasan_id: int | None = None, tim_id: int | None = None) -> TautanTarget:
    """Link a request, an assignment or a team to a cascaded target (also after the fact). The
    owner of the target (or the PK's owner) links; the object must belong to the same Instansi."""
    tanggal = hari_ini()
    target = _target_terkunci(target_id)
    pk = target.indikator.sasaran.pk_kinerja
    try:
        pejabat = pejabat_untuk(actor=actor, jabatan=target.jabatan, tanggal=tanggal)
    except PermissionDenied:
        pejabat = pejabat_untuk(actor=actor, jabatan=pk.jabatan, tanggal=tanggal)
    _pastikan_pk_aktif(pk)
    diisi = [n for n, v in (("permohonan_id", permohonan_id), ("penugasan_id", penugasan_id), ("tim_id", tim_id)) if v]
    if len(diisi) != 1:
        raise ValidationError({"permohonan_id": [_("Isi tepat satu dari permohonan, penugasan, atau tim.")]})
    kw = {}
    if permohonan_id:
        obj = PermohonanPenugasan.objects.filter(pk=permohonan_id).first()
        milik = obj is not None and obj.instansi_asal_id == pk.instansi_id
        kw["permohonan"] = obj
    elif penugasan_id:
        obj = Penugasan.objects.filter(pk=penugasan_id).first()
        milik = obj is not None and obj.instansi_id == pk.instansi_id
        kw["penugasan"] = obj
    else:
        obj = TimKerja.objects.filter(pk=tim_id).first()
        milik = obj is not None and obj.instansi_id == pk.instansi_id
        kw["tim"] = obj
    if not milik:
        raise ValidationError({diisi[0]: [_("Data tidak ditemukan pada instansi pemilik Perjanjian Kinerja.")]})
    if TautanTarget.objects.filter(target=target, **kw).exists():
        raise KonflikError(_("Sudah ditautkan ke target ini."))
    tautan = TautanTarget.objects.create(target=target, sumber=SumberTautan.MANUAL, dibuat_oleh=actor, **kw)
    jejak_catat(actor=actor, objek=target, aksi=AksiAudit.KINERJA_TAUTKAN, diizinkan=True, ip=ip, pejabat=pejabat,
                alasan=f"{diisi[0]}={obj.pk}")
    return tautan


__all__ = ["kaskade_bagi", "strategi_tetapkan", "strategi_buat_permohonan", "tautkan", "penentu_strategi",
           "isi_permohonan_dari_strategi", "jabatan_penetap_pk"]
