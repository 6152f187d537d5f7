"""Reads of the kinerja cycle: the rules in force, what a user may see, the cascade tree,
"kinerja saya", the role matrix. Each list read has a fixed number of queries whatever the data
size (pinned in tests)."""
from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from inti.waktu import hari_ini
from organisasi import selectors as org
from organisasi.models import Instansi, JenisPemangku, Pegawai, PemangkuJabatan, UnitOrganisasi
from penugasan.models import AnggotaTim, Penugasan, TimKerja
from surat.models import Surat

from .models import (
    AturanKinerja,
    BarisMatriksPeran,
    IndikatorKinerja,
    PerjanjianKinerja,
    RencanaKerjaIndividu,
    SasaranKinerja,
    StatusPK,
    TargetJabatan,
    TautanTarget,
)
from .presets import nilai_preset


def aturan_kinerja_pada(*, instansi: Instansi, tanggal: datetime.date | None = None) -> AturanKinerja:
    """The Instansi's kinerja rules in force on ``tanggal`` (one query). Without any recorded
    version, the values of the Instansi's preset (unsaved record), so a region works at once."""
    tanggal = tanggal or hari_ini()
    aturan = (AturanKinerja.objects.filter(instansi=instansi, berlaku_mulai__lte=tanggal)
              .order_by("-berlaku_mulai", "-id").first())
    if aturan is not None:
        return aturan
    return AturanKinerja(instansi=instansi, **nilai_preset(instansi.preset))


# --------------------------------------------------------------------------- visibility

def _boleh_semua(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.has_perm("organisasi.kelola_instansi")))


def pk_terlihat(*, user) -> QuerySet[PerjanjianKinerja]:
    """PKs a user may read: those of their own Instansi (a PK is an open document inside the
    Pemda); everything for a global organisation admin."""
    qs = PerjanjianKinerja.objects.select_related("jabatan", "perangkat_daerah")
    if _boleh_semua(user):
        return qs
    pegawai = getattr(user, "pegawai", None)
    if pegawai is None:
        return qs.none()
    return qs.filter(instansi_id=pegawai.instansi_id)


def pk_list(*, user, tahun: int | None = None, perangkat_daerah_id: int | None = None,
            status: str | None = None) -> QuerySet[PerjanjianKinerja]:
    qs = pk_terlihat(user=user)
    if tahun:
        qs = qs.filter(tahun=tahun)
    if perangkat_daerah_id:
        qs = qs.filter(perangkat_daerah_id=perangkat_daerah_id)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-tahun", "perangkat_daerah__nama", "-versi")


def tim_terlihat(*, user) -> QuerySet[TimKerja]:
    if _boleh_semua(user):
        return TimKerja.objects.all()
    pegawai = getattr(user, "pegawai", None)
    if pegawai is None:
        return TimKerja.objects.none()
    return TimKerja.objects.filter(Q(instansi_id=pegawai.instansi_id) | Q(anggota__pegawai=pegawai)).distinct()


# --------------------------------------------------------------------------- cascade tree


def _pejabat_per_jabatan(jabatan_ids, tanggal: datetime.date) -> dict[int, dict]:
    """{jabatan_id: {nama, nip, sebagai}} of whoever holds or acts for each position (one query;
    Plh before Plt before the definitive holder, as ``organisasi.selectors.pejabat_pada``)."""
    urutan = {JenisPemangku.PLH: 0, JenisPemangku.PLT: 1, JenisPemangku.DEFINITIF: 2}
    hasil: dict[int, tuple] = {}
    rows = (PemangkuJabatan.objects.filter(jabatan_id__in=set(jabatan_ids), mulai__lte=tanggal)
            .filter(Q(selesai__isnull=True) | Q(selesai__gte=tanggal)).select_related("pegawai"))
    for r in rows:
        kunci = (urutan.get(r.jenis, 3), -r.mulai.toordinal())
        if r.jabatan_id not in hasil or kunci < hasil[r.jabatan_id][0]:
            hasil[r.jabatan_id] = (kunci, r)
    return {j: {"pegawai_id": r.pegawai_id, "nama": r.pegawai.nama_lengkap, "nip": r.pegawai.nip,
                "sebagai": r.jenis} for j, (_k, r) in hasil.items()}


def _angka(n):
    return None if n is None else f"{n.normalize():f}"


def _anggota_dict(a: AnggotaTim) -> dict:
    baris = getattr(a, "baris_matriks", None)
    return {
        "anggota_id": a.pk, "pegawai_id": a.pegawai_id, "nama": a.pegawai.nama_lengkap, "nip": a.pegawai.nip,
        "instansi_id": a.pegawai.instansi_id, "peran_tim": a.peran,
        "matriks": None if baris is None else {
            "id": baris.pk, "peran": baris.peran, "hasil": baris.hasil, "indikator": baris.indikator,
            "target": baris.target_teks, "status": baris.status, "komentar": baris.komentar_anggota,
            "realisasi": _angka(baris.realisasi)},
    }


_KOLOM_ANGGOTA = ("pk", "tim_id", "pegawai_id", "peran", "pegawai__nama", "pegawai__gelar_depan",
                  "pegawai__gelar_belakang", "pegawai__nip", "pegawai__instansi_id", "baris_matriks__pk",
                  "baris_matriks__peran", "baris_matriks__hasil", "baris_matriks__indikator",
                  "baris_matriks__target_nilai", "baris_matriks__satuan", "baris_matriks__status",
                  "baris_matriks__komentar_anggota", "baris_matriks__realisasi")


def _anggota_per_tim(tim_ids) -> dict[int, list[dict]]:
    """Members of the teams with their matrix rows, as ``_anggota_dict`` shapes them. One query
    of columns (no model instances: the tree and the unit matrix read hundreds of members)."""
    hasil: dict[int, list[dict]] = {t: [] for t in tim_ids}
    qs = (AnggotaTim.objects.filter(tim_id__in=set(tim_ids)).order_by("tim_id", "peran", "pegawai__nama")
          .values_list(*_KOLOM_ANGGOTA))
    for (pk, tim_id, pegawai_id, peran, nama, depan, belakang, nip, instansi_id, b_pk, b_peran, b_hasil,
         b_indikator, b_nilai, b_satuan, b_status, b_komentar, b_realisasi) in qs:
        hasil[tim_id].append({
            "anggota_id": pk, "pegawai_id": pegawai_id, "nama": Pegawai.susun_nama_lengkap(nama, depan, belakang),
            "nip": nip, "instansi_id": instansi_id, "peran_tim": peran,
            "matriks": None if b_pk is None else {
                "id": b_pk, "peran": b_peran, "hasil": b_hasil, "indikator": b_indikator,
                "target": BarisMatriksPeran.susun_target_teks(b_nilai, b_satuan), "status": b_status,
                "komentar": b_komentar, "realisasi": _angka(b_realisasi)},
        })
    return hasil


def pohon_kaskade(*, pk: PerjanjianKinerja, tanggal: datetime.date | None = None) -> dict:
    """The cascade of one PK as a tree: sasaran → indikator → owner positions (and their third
    level) → strategy, requests, teams (with members and their role-matrix rows) and individual
    assignments. Seven queries whatever the size."""
    tanggal = tanggal or hari_ini()
    sasaran = list(SasaranKinerja.objects.filter(pk_kinerja=pk).order_by("urutan"))
    indikator = list(IndikatorKinerja.objects.filter(sasaran__pk_kinerja=pk).order_by("sasaran_id", "urutan"))
    targets = list(TargetJabatan.objects.filter(indikator__sasaran__pk_kinerja=pk)
                   .select_related("jabatan", "strategi", "penanggung_jawab").order_by("indikator_id", "id"))
    pejabat = _pejabat_per_jabatan([t.jabatan_id for t in targets], tanggal)
    tautan = list(TautanTarget.objects.filter(target__in=[t.pk for t in targets])
                  .select_related("permohonan__tim", "penugasan__pegawai", "penugasan__tim", "tim").order_by("id"))
    permohonan_ids = [x.permohonan_id for x in tautan if x.permohonan_id]
    penugasan_permohonan = list(Penugasan.objects.filter(permohonan_id__in=permohonan_ids)
                                .select_related("pegawai", "tim").order_by("id"))
    tims: dict[int, TimKerja] = {}
    for x in tautan:
        for tim in (x.tim, x.permohonan.tim if x.permohonan_id else None, x.penugasan.tim if x.penugasan_id else None):
            if tim is not None:
                tims[tim.pk] = tim
    for p in penugasan_permohonan:
        if p.tim_id:
            tims[p.tim_id] = p.tim
    anggota = _anggota_per_tim(tims)

    per_permohonan: dict[int, list[Penugasan]] = {}
    for p in penugasan_permohonan:
        per_permohonan.setdefault(p.permohonan_id, []).append(p)

    def individu_dict(p: Penugasan) -> dict:
        return {"penugasan_id": p.pk, "pegawai_id": p.pegawai_id, "nama": p.pegawai.nama_lengkap,
                "nip": p.pegawai.nip, "status": p.status, "mulai": p.mulai, "selesai": p.selesai}

    def tim_dict(tim: TimKerja) -> dict:
        return {"id": tim.pk, "nama": tim.nama, "status": tim.status, "mulai": tim.mulai, "selesai": tim.selesai,
                "anggota": anggota.get(tim.pk, [])}

    node: dict[int, dict] = {}
    for t in targets:
        strategi = getattr(t, "strategi", None)
        node[t.pk] = {
            "id": t.pk, "induk_id": t.induk_id, "jabatan": {"id": t.jabatan_id, "nama": t.jabatan.nama},
            "pejabat": pejabat.get(t.jabatan_id), "cara": t.cara, "porsi": t.sebutan_porsi,
            "nilai": _angka(t.nilai), "persen": _angka(t.persen), "aspek": t.aspek, "realisasi": _angka(t.realisasi),
            "penanggung_jawab": ({"id": t.penanggung_jawab_id, "nama": t.penanggung_jawab.nama_lengkap}
                                 if t.penanggung_jawab_id else None),
            "strategi": None if strategi is None else {
                "bentuk": strategi.bentuk, "perlu_ketua": strategi.perlu_ketua, "kebutuhan": strategi.kebutuhan,
                "jumlah_dibutuhkan": strategi.jumlah_dibutuhkan},
            "permohonan": [], "tim": [], "individu": [], "turunan": [],
        }
    tim_dilihat: dict[int, set] = {t: set() for t in node}
    for x in tautan:
        n = node[x.target_id]
        tim_terkait = []
        if x.permohonan_id:
            pm = x.permohonan
            n["permohonan"].append({"id": pm.pk, "judul": pm.judul, "status": pm.status, "sumber": x.sumber})
            if pm.tim_id:
                tim_terkait.append(pm.tim)
            n["individu"].extend(individu_dict(p) for p in per_permohonan.get(pm.pk, []) if not p.tim_id)
        if x.penugasan_id:
            if x.penugasan.tim_id:
                tim_terkait.append(x.penugasan.tim)
            else:
                n["individu"].append(individu_dict(x.penugasan))
        if x.tim_id:
            tim_terkait.append(x.tim)
        for tim in tim_terkait:
            if tim.pk not in tim_dilihat[x.target_id]:
                tim_dilihat[x.target_id].add(tim.pk)
                n["tim"].append(tim_dict(tim))
    per_indikator: dict[int, list[dict]] = {}
    for t in targets:
        if t.induk_id and t.induk_id in node:
            node[t.induk_id]["turunan"].append(node[t.pk])
        else:
            per_indikator.setdefault(t.indikator_id, []).append(node[t.pk])
    per_sasaran: dict[int, list[dict]] = {}
    for i in indikator:
        per_sasaran.setdefault(i.sasaran_id, []).append({
            "id": i.pk, "urutan": i.urutan, "kode": i.kode, "uraian": i.uraian, "satuan": i.satuan,
            "polaritas": i.polaritas, "baseline": _angka(i.baseline), "target_tahunan": _angka(i.target_tahunan),
            "target_triwulan": [_angka(i.target_tw1), _angka(i.target_tw2), _angka(i.target_tw3), _angka(i.target_tw4)],
            "formula": i.formula, "catatan": i.catatan, "realisasi": _angka(i.realisasi),
            "persen_realisasi": _angka(i.persen_realisasi), "target": per_indikator.get(i.pk, []),
        })
    return {
        "pk": {"id": pk.pk, "tahun": pk.tahun, "versi": pk.versi, "status": pk.status, "judul": pk.judul,
               "jabatan": {"id": pk.jabatan_id, "nama": pk.jabatan.nama}, "tanggal_berlaku": pk.tanggal_berlaku},
        "sasaran": [{"id": s.pk, "urutan": s.urutan, "kode": s.kode, "uraian": s.uraian,
                     "indikator": per_sasaran.get(s.pk, [])} for s in sasaran],
    }


# --------------------------------------------------------------------------- role matrix


def matriks_tim(*, tim: TimKerja) -> dict:
    """The Matriks Pembagian Peran dan Hasil of one team: every member (also those from other
    units/agencies) with their row, if filled. Two queries."""
    return {"tim": {"id": tim.pk, "nama": tim.nama, "status": tim.status, "unit_id": tim.unit_id},
            "anggota": _anggota_per_tim([tim.pk])[tim.pk]}


def matriks_unit(*, unit: UnitOrganisasi, tahun: int | None = None) -> list[dict]:
    """The matrix of every team owned by the unit or a unit below it (optionally active in
    ``tahun``). Three queries."""
    unit_ids = UnitOrganisasi.objects.descendants(unit, include_self=True).values("pk")
    tims = TimKerja.objects.filter(unit_id__in=unit_ids).order_by("nama", "id")
    if tahun:
        tims = tims.filter(mulai__lte=datetime.date(tahun, 12, 31), selesai__gte=datetime.date(tahun, 1, 1))
    tims = list(tims)
    anggota = _anggota_per_tim([t.pk for t in tims])
    return [{"tim": {"id": t.pk, "nama": t.nama, "status": t.status, "unit_id": t.unit_id},
             "anggota": anggota[t.pk]} for t in tims]


# --------------------------------------------------------------------------- kinerja saya


def kinerja_saya(*, pegawai: Pegawai, tahun: int | None = None, tanggal: datetime.date | None = None) -> dict:
    """What a pegawai contributes to: the set-PK targets reached through their teams and
    assignments (with the letter number that assigned them), their role-matrix rows, their work
    plans, the targets their own positions own, and their own PPK and Pimpinan Unit. A fixed
    number of queries."""
    tanggal = tanggal or hari_ini()
    tahun = tahun or tanggal.year
    keanggotaan = list(AnggotaTim.objects.filter(pegawai=pegawai).select_related("tim", "baris_matriks__target")
                       .order_by("tim__nama"))
    penugasan = list(Penugasan.objects.filter(pegawai=pegawai).select_related("tim", "permohonan").order_by("-mulai"))
    tim_ids = {a.tim_id for a in keanggotaan}
    penugasan_ids = {p.pk for p in penugasan}
    permohonan_ids = {p.permohonan_id for p in penugasan if p.permohonan_id}
    tautan = list(TautanTarget.objects.filter(
        Q(tim_id__in=tim_ids) | Q(penugasan_id__in=penugasan_ids) | Q(permohonan_id__in=permohonan_ids)
        | Q(permohonan__tim_id__in=tim_ids),
        target__indikator__sasaran__pk_kinerja__status=StatusPK.DITETAPKAN,
        target__indikator__sasaran__pk_kinerja__tahun=tahun,
    ).select_related("target__jabatan", "target__indikator__sasaran__pk_kinerja__jabatan"))
    surat = {}
    if penugasan_ids:
        ct = ContentType.objects.get_for_model(Penugasan)
        for s in Surat.objects.filter(sumber_content_type=ct, sumber_object_id__in=penugasan_ids).order_by("id"):
            surat[s.sumber_object_id] = s.nomor
    penugasan_per_tim = {p.tim_id: p for p in penugasan if p.tim_id}
    penugasan_per_permohonan = {p.permohonan_id: p for p in penugasan if p.permohonan_id}
    target_saya: dict[int, dict] = {}
    for x in tautan:
        t = x.target
        ind = t.indikator
        lewat = None
        if x.tim_id in tim_ids or (x.permohonan_id and x.permohonan_id in permohonan_ids):
            p = penugasan_per_permohonan.get(x.permohonan_id) or penugasan_per_tim.get(x.tim_id)
            lewat = p
        elif x.penugasan_id in penugasan_ids:
            lewat = next(p for p in penugasan if p.pk == x.penugasan_id)
        entri = target_saya.setdefault(t.pk, {
            "target_id": t.pk, "indikator": ind.uraian, "satuan": ind.satuan, "porsi": t.sebutan_porsi,
            "sasaran": ind.sasaran.uraian, "pemilik": t.jabatan.nama,
            "pk": {"id": ind.sasaran.pk_kinerja_id, "tahun": ind.sasaran.pk_kinerja.tahun,
                   "jabatan": ind.sasaran.pk_kinerja.jabatan.nama},
            "melalui": []})
        if lewat is not None:
            entri["melalui"].append({"penugasan_id": lewat.pk, "tim": lewat.tim.nama if lewat.tim_id else None,
                                     "peran": lewat.peran, "nomor_surat": surat.get(lewat.pk, "")})
        elif x.tim_id:
            entri["melalui"].append({"penugasan_id": None, "tim": x.tim_id and next(
                (a.tim.nama for a in keanggotaan if a.tim_id == x.tim_id), None), "peran": "", "nomor_surat": ""})
    baris = [_anggota_dict(a) | {"tim": {"id": a.tim_id, "nama": a.tim.nama}} for a in keanggotaan]
    rencana = list(RencanaKerjaIndividu.objects.filter(pegawai=pegawai, tahun=tahun).prefetch_related("butir"))
    pemilik = [pj.jabatan_id for pj in org.jabatan_dipangku(pegawai=pegawai, tanggal=tanggal)]
    dimiliki = list(TargetJabatan.objects.filter(
        jabatan_id__in=pemilik, indikator__sasaran__pk_kinerja__status=StatusPK.DITETAPKAN,
        indikator__sasaran__pk_kinerja__tahun=tahun).select_related("indikator", "jabatan"))
    ppk, pu = org.ppk_dan_pimpinan_pegawai(pegawai=pegawai, tanggal=tanggal)

    def pejabat_dict(p):
        return None if p is None else {"nama": p.pegawai.nama_lengkap, "nip": p.pegawai.nip, "jabatan": p.sebutan}

    return {
        "pegawai": {"id": pegawai.pk, "nama": pegawai.nama_lengkap, "nip": pegawai.nip},
        "tahun": tahun,
        "ppk": pejabat_dict(ppk), "pimpinan_unit": pejabat_dict(pu),
        "target": list(target_saya.values()),
        "matriks": baris,
        "target_jabatan_saya": [{"target_id": t.pk, "jabatan": t.jabatan.nama, "indikator": t.indikator.uraian,
                                 "porsi": t.sebutan_porsi} for t in dimiliki],
        "rencana_kerja": [{"id": r.pk, "tim_id": r.tim_id, "penugasan_id": r.penugasan_id, "uraian": r.uraian,
                           "butir": [{"kegiatan": b.kegiatan, "hasil": b.hasil, "target": _angka(b.target),
                                      "satuan": b.satuan, "tenggat": b.tenggat} for b in r.butir.all()]}
                          for r in rencana],
    }


__all__ = ["aturan_kinerja_pada", "hari_ini", "pk_terlihat", "pk_list", "tim_terlihat", "pohon_kaskade",
           "matriks_tim", "matriks_unit", "kinerja_saya"]
