import pytest

from kinerja import selectors, services
from kinerja.models import StatusBarisMatriks
from organisasi.models import Preset
from penugasan.models import AnggotaTim, PeranTim, StatusPermohonan
from surat.models import Surat

from .helpers import TAHUN, bagi_dua, pemda, pk_berlaku, tim_dari_strategi

pytestmark = pytest.mark.django_db


def _matriks_penuh(d, tim, target):
    baris = [{"anggota_id": a.pk, "peran": "Ketua" if a.peran == PeranTim.KETUA else "Analis data",
              "hasil": f"Hasil {a.pegawai.nama}", "indikator": "Dokumen selesai", "target_nilai": "2",
              "satuan": "dokumen", "target_id": target.pk}
             for a in AnggotaTim.objects.filter(tim=tim)]
    return services.matriks_isi(actor=d.jf_muda[0].user, tim_id=tim.pk, baris=baris)


def test_pohon_kaskade_dari_pk_sampai_anggota_dengan_jumlah_kueri_tetap(django_assert_num_queries):
    d = pemda(Preset.BELU)
    pk, s, ind = pk_berlaku(d)
    t0, t1 = bagi_dua(d, ind)
    p, tim = tim_dari_strategi(d, t0)
    assert p.status in (StatusPermohonan.DISETUJUI, StatusPermohonan.SELESAI) and tim is not None
    _matriks_penuh(d, tim, t0)

    with django_assert_num_queries(7):
        pohon = selectors.pohon_kaskade(pk=pk)
    (sasaran,) = pohon["sasaran"]
    (indikator,) = sasaran["indikator"]
    n0 = indikator["target"][0]
    assert n0["jabatan"]["id"] == d.jabatan_kabid[0].pk and n0["pejabat"]["nama"] == d.kabid[0].nama_lengkap
    assert n0["porsi"] == "60" and n0["strategi"]["bentuk"] == "tim"
    assert n0["permohonan"][0]["id"] == p.pk
    (tim_node,) = n0["tim"]
    nama = {a["nama"]: a for a in tim_node["anggota"]}
    assert set(nama) == {d.jf_muda[0].nama_lengkap, d.jf_pertama[1].nama_lengkap}
    assert nama[d.jf_pertama[1].nama_lengkap]["matriks"]["target"] == "2 dokumen"

    # more targets, teams and members: the same number of queries
    services.strategi_tetapkan(actor=d.kabid[1].user, target_id=t1.pk, bentuk="tim", perlu_ketua=True,
                               kebutuhan="lintas_unit", jumlah_dibutuhkan=1, kompetensi_dibutuhkan="x")
    p2 = services.strategi_buat_permohonan(actor=d.kabid[1].user, target_id=t1.pk, unit_tujuan_id=d.seksi[0].pk,
                                           nama_tim="Tim Dua", ketua_tim_id=d.jf_muda[1].pk,
                                           pegawai_diminta_ids=[d.jf_pertama[0].pk])
    from .helpers import putuskan_sampai_selesai
    putuskan_sampai_selesai(p2)
    with django_assert_num_queries(7):
        pohon = selectors.pohon_kaskade(pk=pk)
    assert len(pohon["sasaran"][0]["indikator"][0]["target"][1]["tim"][0]["anggota"]) == 2


def test_matriks_mengisi_anggota_tim_dan_diterima_anggota():
    d = pemda(Preset.BELU)
    pk, s, ind = pk_berlaku(d)
    t0, _t1 = bagi_dua(d, ind)
    _p, tim = tim_dari_strategi(d, t0)
    baris = _matriks_penuh(d, tim, t0)
    anggota = AnggotaTim.objects.get(tim=tim, pegawai=d.jf_pertama[1])
    assert (anggota.uraian_tugas, anggota.indikator, anggota.target) == ("Analis data", "Dokumen selesai", "2 dokumen")
    row = next(b for b in baris if b.anggota_id == anggota.pk)
    row = services.matriks_terima(actor=d.jf_pertama[1].user, baris_id=row.pk, komentar="Setuju")
    assert row.status == StatusBarisMatriks.DITERIMA and row.komentar_anggota == "Setuju"

    saya = selectors.kinerja_saya(pegawai=d.jf_pertama[1], tahun=TAHUN)
    (target,) = saya["target"]
    assert target["target_id"] == t0.pk and target["melalui"][0]["tim"] == tim.nama
    nomor = Surat.objects.filter(sumber_object_id=target["melalui"][0]["penugasan_id"]).values_list("nomor", flat=True)
    assert target["melalui"][0]["nomor_surat"] in list(nomor)
    assert saya["matriks"][0]["matriks"]["status"] == StatusBarisMatriks.DITERIMA
    assert saya["ppk"] is not None and saya["pimpinan_unit"] is not None

    unit = selectors.matriks_unit(unit=d.bidang[0], tahun=TAHUN)
    assert [m["tim"]["id"] for m in unit] == [tim.pk] and len(unit[0]["anggota"]) == 2
