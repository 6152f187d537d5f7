"""Every Kinerja I list page reads a fixed number of queries whatever the data size (pinned
with two sizes each)."""
import pytest
from django.urls import reverse

from kinerja import services
from organisasi.models import Preset
from penugasan.models import AnggotaTim, PeranTim

from .helpers import TAHUN, pemda, pk_draf, tim_dari_strategi

pytestmark = pytest.mark.django_db

Q_DAFTAR = 16  # session, user, pegawai, positions + the PK-setter check, page count and rows, frame
Q_KASKADE = 17  # pohon_kaskade: 7; session, user, PK, frame
Q_TIM = 16  # + the Keputusan in force (the revoke check needs no more when the matrix is incomplete)
Q_MATRIKS_UNIT = 12
Q_SAYA = 24  # kinerja_saya (PPK and Pimpinan Unit resolved), my teams for the plan form


def _pk_dengan(d, n_indikator: int):
    """A set PK with ``n_indikator`` indikator, each divided between the two Kabid; the first
    ``n_indikator`` Kabid-1 targets get a team formed from a cross-unit request."""
    pk, s, ind = pk_draf(d)
    semua = [ind]
    for i in range(1, n_indikator):
        semua.append(services.indikator_simpan(actor=d.kepala_dinas.user, sasaran_id=s.pk, uraian=f"Indikator {i}",
                                               satuan="dokumen", target_tahunan="100"))
    services.pk_tetapkan(actor=d.kepala_dinas.user, pk_id=pk.pk)
    tims = []
    for i, x in enumerate(semua):
        t = services.kaskade_bagi(actor=d.kepala_dinas.user, indikator_id=x.pk, bagian=[
            {"jabatan_id": d.jabatan_kabid[0].pk, "cara": "nilai", "nilai": "60"},
            {"jabatan_id": d.jabatan_kabid[1].pk, "cara": "nilai", "nilai": "40"}])[0]
        tims.append(tim_dari_strategi(d, t, nama_tim=f"Tim {i}")[1])
    return pk, tims


def _isi_matriks(d, tim):
    baris = [{"anggota_id": a.pk, "peran": "Peran", "hasil": "Hasil", "indikator": "Indikator", "target_nilai": "1",
              "satuan": "dokumen"} for a in AnggotaTim.objects.filter(tim=tim)]
    services.matriks_isi(actor=d.jf_muda[0].user, tim_id=tim.pk, baris=baris)


@pytest.mark.parametrize("n", [1, 3])
def test_kueri_pohon_kaskade_dan_daftar_pk_tetap(client, django_assert_max_num_queries, n):
    d = pemda(Preset.BELU)
    pk, tims = _pk_dengan(d, n)
    for tim in tims:
        _isi_matriks(d, tim)
    for tahun in range(n):
        pk_draf(d, tahun=TAHUN + 1 + tahun)
    client.force_login(d.kepala_dinas.user)
    client.get(reverse("kinerja_pk_daftar"))
    with django_assert_max_num_queries(Q_KASKADE):
        r = client.get(reverse("kinerja_pk_kaskade", args=[pk.pk]))
    assert r.content.decode().count('data-testid="simpul-tim"') == n
    with django_assert_max_num_queries(Q_DAFTAR):
        r = client.get(reverse("kinerja_pk_daftar"))
    assert r.content.decode().count('data-testid="item-pk"') == n + 1
    with django_assert_max_num_queries(Q_MATRIKS_UNIT):
        r = client.get(reverse("kinerja_matriks_unit", args=[d.root.pk]), {"tahun": tims[0].mulai.year})
    assert r.content.decode().count('data-testid="baris-matriks-unit"') == 2 * n


@pytest.mark.parametrize("n", [1, 4])
def test_kueri_halaman_tim_dan_kinerja_saya_tetap(client, django_assert_max_num_queries, n):
    d = pemda(Preset.BELU)
    pk, tims = _pk_dengan(d, 1)
    tim = tims[0]
    # more members: the other JF/Pelaksana of the Dinas join the team
    from penugasan.models import Penugasan  # noqa: F401
    lain = [d.pelaksana[0], d.pelaksana[1], d.jf_pertama[0]][: n - 1]
    for p in lain:
        AnggotaTim.objects.create(tim=tim, pegawai=p, peran=PeranTim.ANGGOTA)
    _isi_matriks(d, tim)
    client.force_login(d.jf_muda[0].user)
    client.get(reverse("kinerja_tim", args=[tim.pk]))
    with django_assert_max_num_queries(Q_TIM):
        r = client.get(reverse("kinerja_tim", args=[tim.pk]))
    assert r.content.decode().count('data-testid="baris-matriks"') == n + 1
    client.force_login(d.jf_pertama[1].user)
    with django_assert_max_num_queries(Q_SAYA):
        r = client.get(reverse("kinerja_saya"))
    assert r.status_code == 200
