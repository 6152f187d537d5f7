"""Reads that only the kinerja HTML pages need (the API has its own shapes): which positions a
user sets a PK for, the candidates of a cascade form, the progress of each target in the
cascade tree, the pages' lookups of plans and teams. Each has a fixed number of queries."""
from __future__ import annotations

from decimal import Decimal

from django.db.models import Q

from inti.waktu import hari_ini
from organisasi import selectors as org
from organisasi.models import Jabatan, JenisJabatan, UnitOrganisasi

from .models import CaraBagi, IndikatorKinerja, TargetJabatan
from .selectors import _pejabat_per_jabatan
from .services.pk import jabatan_penetap_pk

JENIS_PEMILIK = (JenisJabatan.JPT_PRATAMA, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS)


def jabatan_penetap_milik(*, user) -> list[tuple[int, str]]:
    """(id, label) of the positions the user holds or acts for today that set their PD's PK."""
    pegawai = getattr(user, "pegawai", None)
    if pegawai is None:
        return []
    hasil = []
    for pj in org.jabatan_dipangku(pegawai=pegawai):
        jabatan = pj.jabatan
        pd = jabatan.unit.perangkat_daerah if jabatan.unit_id else None
        if pd is None:
            continue
        penetap = jabatan_penetap_pk(perangkat_daerah=pd)
        if penetap is not None and penetap.pk == jabatan.pk:
            awalan = {"plt": "Plt. ", "plh": "Plh. "}.get(pj.jenis, "")
            hasil.append((jabatan.pk, f"{awalan}{jabatan.nama}"))
    return hasil


def calon_pemilik_target(*, jabatan_atas: Jabatan, indikator: IndikatorKinerja,
                         induk: TargetJabatan | None = None) -> dict:
    """The positions a target can be divided among in the form: heads of the units directly
    below ``jabatan_atas``'s unit and leadership positions inside it, plus whoever already owns
    a share; each with today's holder and the current share. Four queries."""
    unit = jabatan_atas.unit
    anak = UnitOrganisasi.objects.filter(parent=unit).values("pk")
    ada = {t.jabatan_id: t for t in TargetJabatan.objects.filter(indikator=indikator, induk=induk)}
    jabatan = list(Jabatan.objects.filter(
        Q(unit__in=anak, kepala_unit=True) | Q(unit=unit, jenis__in=JENIS_PEMILIK) | Q(pk__in=list(ada)))
        .exclude(pk=jabatan_atas.pk).select_related("unit").order_by("unit__nama", "nama"))
    pejabat = _pejabat_per_jabatan([j.pk for j in jabatan], hari_ini())
    cara = next(iter(ada.values())).cara if ada else CaraBagi.NILAI
    baris = []
    for j in jabatan:
        t = ada.get(j.pk)
        isi = ""
        if t is not None:
            isi = (t.aspek if t.cara == CaraBagi.ASPEK else
                   f"{(t.nilai if t.cara == CaraBagi.NILAI else t.persen).normalize():f}")
        baris.append({"id": j.pk, "nama": j.nama, "unit": j.unit.nama if j.unit_id else "",
                      "pejabat": pejabat.get(j.pk), "isi": isi})
    dasar = induk.nilai if induk is not None and induk.cara == CaraBagi.NILAI else indikator.target_tahunan
    return {"jabatan": baris, "cara": cara, "dasar": dasar}


def _persen(realisasi, target) -> int | None:
    if realisasi in (None, "") or target in (None, ""):
        return None
    target = Decimal(target)
    if target <= 0:
        return None
    return max(0, min(100, int(Decimal(realisasi) * 100 / target)))


def pohon_dengan_progres(pohon: dict) -> dict:
    """Adds ``progres`` (0–100 or None when not measurable yet) to each indikator and target of
    ``selectors.pohon_kaskade``'s tree, and counts what the picture shows. Pure."""
    jumlah = {"indikator": 0, "target": 0, "tim": 0, "anggota": 0}

    def target(n: dict, ind: dict) -> None:
        jumlah["target"] += 1
        dasar = n["nilai"] if n["cara"] == CaraBagi.NILAI else None
        if n["cara"] == CaraBagi.PERSEN and ind["target_tahunan"]:
            dasar = str(Decimal(ind["target_tahunan"]) * Decimal(n["persen"]) / 100)
        n["progres"] = _persen(n["realisasi"], dasar)
        n["matriks_diterima"] = sum(1 for t in n["tim"] for a in t["anggota"]
                                    if a["matriks"] and a["matriks"]["status"] == "diterima")
        n["matriks_jumlah"] = sum(len(t["anggota"]) for t in n["tim"])
        jumlah["tim"] += len(n["tim"])
        jumlah["anggota"] += n["matriks_jumlah"] + len(n["individu"])
        for anak in n["turunan"]:
            target(anak, ind)

    for s in pohon["sasaran"]:
        for ind in s["indikator"]:
            jumlah["indikator"] += 1
            ind["progres"] = _persen(ind["realisasi"], ind["target_tahunan"])
            for n in ind["target"]:
                target(n, ind)
    pohon["jumlah"] = jumlah
    return pohon


def unit_tujuan_pilihan(*, target: TargetJabatan, kebutuhan: str) -> list[tuple[int, str]]:
    """Where staff may come from for a strategy's need: units of the same PD outside the owner's
    unit (lintas unit), the upper units of the other PDs (lintas PD), or the top units of the
    other Instansi (lintas instansi). One query, bounded."""
    unit = target.jabatan.unit
    pd_id = unit.perangkat_daerah_id
    if kebutuhan == "lintas_unit":
        sendiri = UnitOrganisasi.objects.descendants(unit, include_self=True).values("pk")
        qs = UnitOrganisasi.objects.filter(perangkat_daerah_id=pd_id).exclude(pk__in=sendiri)
    elif kebutuhan == "lintas_pd":
        qs = (UnitOrganisasi.objects.filter(instansi_id=unit.instansi_id).exclude(perangkat_daerah_id=pd_id)
              .filter(Q(parent__isnull=True) | Q(parent__parent__isnull=True)))
    elif kebutuhan == "lintas_instansi":
        qs = UnitOrganisasi.objects.exclude(instansi_id=unit.instansi_id).filter(parent__isnull=True)
    else:
        return []
    return [(u.pk, u.nama) for u in qs.select_related(None).order_by("nama")[:300]]


def ketua_pilihan(*, target: TargetJabatan) -> list[tuple[int, str]]:
    """JF/Pelaksana in the owner's unit (and below) who could lead the team. One query."""
    unit = target.jabatan.unit
    return [(p.pk, f"{p.nama_lengkap} — {p.jabatan_nama or ''}")
            for p in org.pegawai_cari(instansi_id=unit.instansi_id, unit=unit)[:200]]


def pegawai_diminta_pilihan(*, target: TargetJabatan, kebutuhan: str) -> list[tuple[int, str]]:
    """JF/Pelaksana of the same PD outside the owner's unit, for a cross-unit need (the staff a
    Level 2 may name in the request). One query, bounded; other needs are described by criteria."""
    if kebutuhan != "lintas_unit":
        return []
    unit = target.jabatan.unit
    akar = UnitOrganisasi.objects.filter(perangkat_daerah_id=unit.perangkat_daerah_id, parent__isnull=True).first()
    if akar is None:
        return []
    sendiri = org.pegawai_cari(instansi_id=unit.instansi_id, unit=unit).values("pk")
    qs = org.pegawai_cari(instansi_id=unit.instansi_id, unit=akar).exclude(pk__in=sendiri)
    return [(p.pk, f"{p.nama_lengkap} — {p.jabatan_nama or ''}, {p.unit_nama or ''}") for p in qs[:300]]
