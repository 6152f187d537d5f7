"""HTML pages of the assignment workflow: inbox, decisions, new requests, my assignments, teams.
Data is set up through the real services (penugasan.services / organisasi factories)."""
import datetime
import re

import pytest
from django.urls import reverse

from organisasi.models import JenisJabatan
from organisasi.tests.factories import JabatanFactory, pejabat_baru
from penugasan import services
from penugasan.models import PermohonanPenugasan, Rute, StatusPermohonan
from penugasan.tests.helpers import MULAI, SELESAI, ajukan, bangun_pemda

pytestmark = pytest.mark.django_db


@pytest.fixture
def d():
    return bangun_pemda("belu")


def _lintas_unit(d, pegawai=None, **kw):
    """Kepala Bidang 1 (Pimpinan Unit) asks for a JF of Bidang 2; Kepala Bidang 2 (its PPK) decides."""
    return ajukan(d.kabid[0], Rute.PENUNJUKAN_LINTAS_UNIT, unit_tujuan=d.bidang[1],
                  pegawai_diminta=[pegawai or d.jf_muda[1]], **kw)


def test_kotak_masuk_menampilkan_yang_menunggu_saya_saja(client, d):
    p = _lintas_unit(d, judul="Renstra Bidang 1")
    client.force_login(d.kabid[1].user)
    html = client.get(reverse("kotak_masuk")).content.decode()
    assert "Renstra Bidang 1" in html and f'data-permohonan="{p.pk}"' in html
    assert "Keputusan Pejabat Penilai Kinerja dituju" in html
    assert 'data-testid="lencana-kotak-masuk">1<' in html  # navigation badge
    client.force_login(d.kasi[0].user)
    html = client.get(reverse("kotak_masuk")).content.decode()
    assert "Renstra Bidang 1" not in html and 'data-testid="kotak-masuk-kosong"' in html


def test_beranda_menampilkan_yang_menunggu_dan_permohonan_saya(client, d):
    p = _lintas_unit(d, judul="Renstra Beranda")
    client.force_login(d.kabid[1].user)
    html = client.get(reverse("beranda")).content.decode()
    assert 'data-testid="bagian-menunggu"' in html
    assert reverse("permohonan_detail", args=[p.pk]) in html
    client.force_login(d.kabid[0].user)
    html = client.get(reverse("beranda")).content.decode()
    assert 'data-testid="bagian-permohonan"' in html and "Renstra Beranda" in html
    assert 'data-testid="bagian-menunggu"' not in html


def test_kotak_masuk_plt_melihat_dan_memutuskan_definitif_yang_berhalangan_tidak(client, d):
    from organisasi.models import JenisPemangku
    from organisasi.tests.factories import PegawaiFactory, angkat

    plt = PegawaiFactory(instansi=d.instansi, nama="Rina Plt")
    angkat(plt, d.jabatan_kabid[1], jenis=JenisPemangku.PLT, mulai=datetime.date.today())
    p = _lintas_unit(d, judul="Untuk Plt")
    client.force_login(plt.user)
    html = client.get(reverse("kotak_masuk")).content.decode()
    assert "Untuk Plt" in html and '<span class="plt">Plt.</span> Kepala Bidang 2' in html
    client.force_login(d.kabid[1].user)  # the definitive holder is replaced while the Plt is in force
    assert "Untuk Plt" not in client.get(reverse("kotak_masuk")).content.decode()
    client.force_login(plt.user)
    client.post(reverse("permohonan_setujui", args=[p.pk]), {"pegawai_ids": [d.jf_muda[1].pk], "langkah": 0})
    assert PermohonanPenugasan.objects.get(pk=p.pk).status == StatusPermohonan.DISETUJUI


def test_kotak_masuk_saring_rute_dan_umur(client, d):
    _lintas_unit(d, judul="Lintas unit A")
    client.force_login(d.kabid[1].user)
    html = client.get(reverse("kotak_masuk"), {"rute": Rute.SUKARELA_LINTAS_UNIT}).content.decode()
    assert "Lintas unit A" not in html
    html = client.get(reverse("kotak_masuk"), {"rute": Rute.PENUNJUKAN_LINTAS_UNIT}).content.decode()
    assert "Lintas unit A" in html
    html = client.get(reverse("kotak_masuk"), {"umur": 3}).content.decode()
    assert "Lintas unit A" not in html  # submitted today


def test_kotak_masuk_menandai_yang_lewat_batas(client, d):
    p = _lintas_unit(d, judul="Lama menunggu")
    PermohonanPenugasan.objects.filter(pk=p.pk).update(
        diajukan_pada=datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc))
    from penugasan.models import LangkahPermohonan
    # the submission step's timestamp is what the inbox measures from
    assert LangkahPermohonan.objects.filter(permohonan=p).count() == 1
    client.force_login(d.kabid[1].user)
    html = client.get(reverse("kotak_masuk"), {"umur": 30}).content.decode()
    assert "Lama menunggu" in html


@pytest.mark.parametrize("jumlah", [1, 6])
def test_jumlah_query_kotak_masuk_tetap(client, d, django_assert_max_num_queries, jumlah):
    for i in range(jumlah):
        _lintas_unit(d, judul=f"Permohonan {i}", )
    client.force_login(d.kabid[1].user)
    with django_assert_max_num_queries(12):
        resp = client.get(reverse("kotak_masuk"))
    assert resp.content.decode().count('data-testid="item-kotak-masuk"') == jumlah


def test_setujui_dari_halaman_permohonan(client, d):
    p = _lintas_unit(d)
    client.force_login(d.kabid[1].user)
    html = client.get(reverse("permohonan_detail", args=[p.pk])).content.decode()
    assert 'data-testid="keputusan"' in html and 'data-wajib-isi="alasan-tolak"' in html
    assert "beban: 0 aktif" in html  # the PPK sees each candidate's workload
    resp = client.post(reverse("permohonan_setujui", args=[p.pk]), {"pegawai_ids": [d.jf_muda[1].pk], "langkah": 0})
    assert resp.status_code == 302 and resp["Location"] == reverse("kotak_masuk")
    p = PermohonanPenugasan.objects.get(pk=p.pk)
    assert p.status == StatusPermohonan.DISETUJUI
    assert list(p.pegawai_ditugaskan.all()) == [d.jf_muda[1]]


def test_tolak_tanpa_alasan_ditolak_server_dan_tidak_mengubah_apa_pun(client, d):
    p = _lintas_unit(d)
    client.force_login(d.kabid[1].user)
    resp = client.post(reverse("permohonan_tolak", args=[p.pk]), {"alasan": "   ", "langkah": 0})
    assert resp.status_code == 400
    assert "Alasan wajib diisi." in resp.content.decode()
    p = PermohonanPenugasan.objects.get(pk=p.pk)
    assert p.status == StatusPermohonan.MENUNGGU_KEPUTUSAN


def test_tolak_dengan_alasan_dan_pemohon_melihat_alasannya(client, d):
    p = _lintas_unit(d)
    client.force_login(d.kabid[1].user)
    resp = client.post(reverse("permohonan_tolak", args=[p.pk]), {"alasan": "Sedang menyusun LKjIP", "langkah": 0})
    assert resp.status_code == 302
    client.force_login(d.kabid[0].user)
    html = client.get(reverse("permohonan_saya")).content.decode()
    assert "Sedang menyusun LKjIP" in html and "Ditolak" in html
    html = client.get(reverse("permohonan_detail", args=[p.pk])).content.decode()
    assert 'data-testid="alasan-penolakan"' in html


def test_keputusan_ganda_menjadi_pesan_sudah_diputuskan(client, d):
    p = _lintas_unit(d)
    client.force_login(d.kabid[1].user)
    client.post(reverse("permohonan_setujui", args=[p.pk]), {"pegawai_ids": [d.jf_muda[1].pk], "langkah": 0})
    resp = client.post(reverse("permohonan_tolak", args=[p.pk]), {"alasan": "terlambat", "langkah": 0}, follow=True)
    assert "sudah diputuskan oleh pejabat lain" in resp.content.decode()
    p = PermohonanPenugasan.objects.get(pk=p.pk)
    assert p.status == StatusPermohonan.DISETUJUI


def test_permohonan_tak_terlihat_dijawab_404_seperti_yang_tidak_ada(client, d):
    """No enumeration: an existing request this user may not see answers exactly like a missing
    one (404), on the page, on every decision and in the API."""
    p = _lintas_unit(d)
    client.force_login(d.kasi[0].user)  # not a party to the request
    hilang = 999999
    for pk in (p.pk, hilang):
        resp = client.get(reverse("permohonan_detail", args=[pk]))
        assert resp.status_code == 404
        assert "Traceback" not in resp.content.decode()
        assert client.get(reverse("permohonan_pratinjau", args=[pk])).status_code == 404
        for nama, data in (("permohonan_setujui", {"langkah": 0}), ("permohonan_tolak", {"alasan": "x", "langkah": 0}),
                           ("permohonan_kembalikan", {"alasan": "x", "langkah": 0}),
                           ("permohonan_batalkan", {"alasan": "x"})):
            assert client.post(reverse(nama, args=[pk]), data).status_code == 404, nama
        assert client.get(reverse("api-permohonan-detail", args=[pk])).status_code == 404
    p = PermohonanPenugasan.objects.get(pk=p.pk)
    assert p.status == StatusPermohonan.MENUNGGU_KEPUTUSAN


def test_setujui_massal(client, d):
    a = _lintas_unit(d, judul="A")
    b = _lintas_unit(d, judul="B")
    client.force_login(d.kabid[1].user)
    pilihan = {"permohonan": [f"{a.pk}:0", f"{b.pk}:0"]}
    # first press: a confirmation naming how many and which; nothing approved yet
    resp = client.post(reverse("kotak_masuk_setujui_massal"), pilihan)
    html = resp.content.decode()
    assert resp.status_code == 200 and 'data-testid="konfirmasi-massal"' in html
    assert "Anda akan menyetujui 2 permohonan" in html and ">A</a>" in html and ">B</a>" in html
    assert "Ya, setujui 2 permohonan" in html and html.count("Langkah:") == 2
    assert not PermohonanPenugasan.objects.filter(status=StatusPermohonan.DISETUJUI).exists()
    resp = client.post(reverse("kotak_masuk_setujui_massal"), {**pilihan, "konfirmasi": "1"}, follow=True)
    assert "2 permohonan disetujui: " in resp.content.decode()
    assert set(PermohonanPenugasan.objects.filter(pk__in=[a.pk, b.pk]).values_list("status", flat=True)) == {
        StatusPermohonan.DISETUJUI}


def test_pratinjau_htmx(client, d):
    p = _lintas_unit(d, judul="Pratinjau ini")
    client.force_login(d.kabid[1].user)
    resp = client.get(reverse("permohonan_pratinjau", args=[p.pk]), HTTP_HX_REQUEST="true")
    html = resp.content.decode()
    assert resp.status_code == 200 and "<html" not in html and 'data-testid="riwayat"' in html


def test_form_penunjukan_baru_mengajukan_dan_menolak_isian_salah(client, d):
    client.force_login(d.kabid[0].user)
    assert client.get(reverse("permohonan_baru")).status_code == 200
    data = {"rute": Rute.PENUNJUKAN_LINTAS_UNIT, "unit_tujuan": d.bidang[1].pk, "judul": "Analisis data",
            "maksud_tujuan": "Membantu analisis", "kompetensi_uraian": "Statistik",
            "hasil_diharapkan": "Laporan", "mulai": MULAI.isoformat(), "selesai": SELESAI.isoformat(),
            "sifat": "insidental", "pegawai_diminta": [d.jf_muda[1].pk], "jumlah_dibutuhkan": 1}
    salah = dict(data, selesai=(MULAI - datetime.timedelta(days=1)).isoformat(), kompetensi_uraian="")
    resp = client.post(reverse("permohonan_baru"), salah)
    assert resp.status_code == 400
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in resp.content.decode()
    assert not PermohonanPenugasan.objects.exists()
    resp = client.post(reverse("permohonan_baru"), data)
    p = PermohonanPenugasan.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("permohonan_detail", args=[p.pk])
    assert p.status == StatusPermohonan.MENUNGGU_KEPUTUSAN and p.jabatan_penentu == d.jabatan_kabid[1]


def test_form_penunjukan_membentuk_tim_baru_dengan_ketua_dari_nip(client, d):
    client.force_login(d.kabid[0].user)
    data = {"rute": Rute.PENUNJUKAN_LINTAS_UNIT, "unit_tujuan": d.bidang[1].pk, "judul": "Tim Data",
            "maksud_tujuan": "Data", "kompetensi_uraian": "Statistik", "hasil_diharapkan": "Satu Data",
            "mulai": MULAI.isoformat(), "selesai": SELESAI.isoformat(), "sifat": "insidental",
            "pegawai_diminta": [d.jf_muda[1].pk], "jumlah_dibutuhkan": 1, "nama_tim": "Tim Satu Data",
            "ketua_nip": "199999999999999999"}
    resp = client.post(reverse("permohonan_baru"), data)
    assert resp.status_code == 400 and "Tidak ada pegawai aktif dengan NIP" in resp.content.decode()
    resp = client.post(reverse("permohonan_baru"), dict(data, ketua_nip=d.jf_muda[0].nip))
    assert resp.status_code == 302
    p = PermohonanPenugasan.objects.get()
    assert p.nama_tim == "Tim Satu Data" and p.ketua_tim == d.jf_muda[0]


def test_form_penunjukan_error_layanan_tampil_di_field(client, d):
    client.force_login(d.kabid[0].user)
    data = {"rute": Rute.PENUNJUKAN_LINTAS_UNIT, "unit_tujuan": d.bidang[1].pk, "judul": "X",
            "maksud_tujuan": "Y", "hasil_diharapkan": "Z", "mulai": MULAI.isoformat(),
            "selesai": SELESAI.isoformat(), "sifat": "insidental", "pegawai_diminta": [d.jf_muda[1].pk],
            "jumlah_dibutuhkan": 1}
    resp = client.post(reverse("permohonan_baru"), data)  # no competence: the service refuses
    assert resp.status_code == 400
    assert "Kompetensi, keahlian, dan/atau keterampilan yang dibutuhkan wajib diisi." in resp.content.decode()
    assert not PermohonanPenugasan.objects.exists()


def test_cari_pegawai_dengan_beban_kerja(client, d):
    client.force_login(d.kabid[0].user)
    resp = client.get(reverse("cari_pegawai"), {"cari_q": d.jf_muda[1].nama, "unit_tujuan": d.bidang[1].pk},
                      HTTP_HX_REQUEST="true")
    html = resp.content.decode()
    assert d.jf_muda[1].nip in html and "penugasan/tim aktif" in html
    assert d.jf_muda[0].nip not in html  # other unit
    resp = client.get(reverse("cari_pegawai"), {"cari_q": d.jf_muda[1].nip[:12]})
    assert d.jf_muda[1].nip in resp.content.decode()


def test_cari_pegawai_dalam_unit_hanya_unit_sendiri(client, d):
    client.force_login(d.kabid[0].user)
    resp = client.get(reverse("cari_pegawai"), {"cari_q": "Pegawai", "rute": Rute.PENUNJUKAN_DALAM_UNIT,
                                                "unit_tujuan": d.bidang[1].pk})
    html = resp.content.decode()
    assert d.jf_muda[0].nip in html and d.pelaksana[0].nip in html  # Bidang 1 and its Seksi
    assert d.jf_muda[1].nip not in html


def test_pengajuan_sukarela_lintas_unit(client, d):
    jf = d.jf_pertama[0]
    client.force_login(jf.user)
    data = {"unit_tujuan": d.bidang[1].pk, "judul": "Ikut penyusunan SOP", "maksud_tujuan": "SOP pelayanan",
            "motivasi": "Pengalaman menyusun SOP", "kompetensi_uraian": "Analisis proses",
            "hasil_diharapkan": "SOP", "mulai": MULAI.isoformat(), "selesai": SELESAI.isoformat(),
            "sifat": "insidental"}
    resp = client.post(reverse("pengajuan_sukarela"), data)
    p = PermohonanPenugasan.objects.get()
    assert resp.status_code == 302
    assert p.rute == Rute.SUKARELA_LINTAS_UNIT and p.pemohon == jf
    assert "Motivasi: Pengalaman menyusun SOP" in p.maksud_tujuan
    html = client.get(reverse("permohonan_saya")).content.decode()
    assert "Ikut penyusunan SOP" in html and "Menunggu keputusan" in html


def _setujui(d, p):
    return services.permohonan_setujui(actor=d.kabid[1].user, permohonan_id=p.pk)


def test_penugasan_saya_terima_dan_tim(client, d):
    p = _lintas_unit(d, nama_tim="Tim Renstra", ketua_tim=d.jf_muda[0])
    _setujui(d, p)
    client.force_login(d.jf_muda[1].user)
    html = client.get(reverse("penugasan_saya")).content.decode()
    assert "Tim Renstra" in html and 'data-testid="terima-penugasan"' in html
    penugasan = d.jf_muda[1].penugasan.get()
    resp = client.post(reverse("penugasan_terima", args=[penugasan.pk]), follow=True)
    assert "Penerimaan penugasan telah dikonfirmasi." in resp.content.decode()
    penugasan.refresh_from_db()
    assert penugasan.diterima_pada is not None
    html = client.get(reverse("tim_detail", args=[penugasan.tim_id])).content.decode()
    assert d.jf_muda[0].nama in html and "Ketua" in html
    # the owning Pimpinan Unit sees the ending forms in the page, and the title stays plain text
    client.force_login(d.kabid[0].user)
    html = client.get(reverse("tim_detail", args=[penugasan.tim_id])).content.decode()
    judul = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "Tim Renstra" in judul and "<" not in judul and html.count('data-testid="akhiri-tim"') == 1
    client.force_login(d.jf_muda[1].user)
    # beranda shows the team and the assignment
    html = client.get(reverse("beranda")).content.decode()
    assert 'data-testid="bagian-tim"' in html and 'data-testid="bagian-penugasan"' in html


@pytest.mark.parametrize("jumlah", [1, 5])
def test_jumlah_query_penugasan_saya_tetap(client, d, django_assert_max_num_queries, jumlah):
    for i in range(jumlah):
        p = _lintas_unit(d, judul=f"P{i}", **({"nama_tim": f"Tim {i}", "ketua_tim": d.jf_muda[0]} if i % 2 else {}))
        _setujui(d, p)
    client.force_login(d.jf_muda[1].user)
    with django_assert_max_num_queries(12):
        resp = client.get(reverse("penugasan_saya"))
    assert resp.content.decode().count('data-testid="penugasan"') == jumlah


def test_tim_peringatan_ketua_dari_luar_unit(client, d):
    # a team owned by Bidang 1 whose ketua comes from Bidang 2 while a member is from Bidang 2 too
    p = _lintas_unit(d, nama_tim="Tim Lintas", ketua_tim=d.jf_muda[0])
    _setujui(d, p)
    tim = p.tim if p.tim_id else PermohonanPenugasan.objects.get(pk=p.pk).tim
    from penugasan.models import AnggotaTim, PeranTim
    AnggotaTim.objects.filter(tim=tim).update(peran=PeranTim.ANGGOTA)
    AnggotaTim.objects.filter(tim=tim, pegawai=d.jf_muda[1]).update(peran=PeranTim.KETUA)
    AnggotaTim.objects.create(tim=tim, pegawai=d.pelaksana[1], peran=PeranTim.ANGGOTA)  # also from Bidang 2
    client.force_login(d.jf_muda[0].user)
    html = client.get(reverse("tim_detail", args=[tim.pk])).content.decode()
    assert 'data-testid="peringatan-tim"' in html and "ketua tim diutamakan berasal dari unit pemilik" in html


def test_tim_orang_luar_mendapat_404(client, d):
    p = _lintas_unit(d, nama_tim="Tim Rahasia", ketua_tim=d.jf_muda[0])
    _setujui(d, p)
    p = PermohonanPenugasan.objects.get(pk=p.pk)
    from organisasi.tests.factories import bangun_pd_dua_level
    lain = bangun_pd_dua_level(nama="Dinas Lain")  # another Instansi
    client.force_login(lain.jf_muda[0].user)
    # invisible and missing answer alike (no enumeration)
    assert client.get(reverse("tim_detail", args=[p.tim_id])).status_code == 404
    assert client.get(reverse("tim_detail", args=[999999])).status_code == 404


def test_lintas_instansi_lewat_halaman_termasuk_jawaban_ketersediaan(client):
    a, b = bangun_pemda("belu", kode="pemda-a"), bangun_pemda("belu", kode="pemda-b")
    client.force_login(a.kabid[0].user)
    resp = client.post(reverse("permohonan_baru"), {
        "rute": Rute.PENUNJUKAN_LINTAS_INSTANSI, "unit_tujuan": b.bidang[1].pk, "judul": "Bantuan auditor TI",
        "maksud_tujuan": "Audit TI", "kompetensi_uraian": "Audit TI", "hasil_diharapkan": "Laporan audit",
        "mulai": MULAI.isoformat(), "selesai": SELESAI.isoformat(), "sifat": "insidental",
        "kriteria": "JF Ahli Muda bidang perencanaan", "jumlah_dibutuhkan": 1})
    assert resp.status_code == 302, resp.content.decode()[:2000]
    p = PermohonanPenugasan.objects.get()

    def putuskan(pegawai, data=None):
        client.force_login(pegawai.user)
        html = client.get(reverse("permohonan_detail", args=[p.pk])).content.decode()
        assert 'data-testid="keputusan"' in html
        langkah = re.search(r'name="langkah" value="(\d+)"', html).group(1)  # the step the page shows
        return client.post(reverse("permohonan_setujui", args=[p.pk]), {"langkah": langkah, **(data or {})})

    assert putuskan(a.bupati).status_code == 302
    assert putuskan(b.bupati).status_code == 302
    # the PPK where the staff sit answers availability: without a staff list the form refuses
    resp = putuskan(b.kabid[1])
    assert resp.status_code == 400 and "Pegawai yang ditugaskan" in resp.content.decode()
    assert putuskan(b.kabid[1], {"pegawai_ids": [b.jf_muda[1].pk]}).status_code == 302
    assert putuskan(b.bupati).status_code == 302
    p = PermohonanPenugasan.objects.get(pk=p.pk)
    assert p.status == StatusPermohonan.DISETUJUI and list(p.pegawai_ditugaskan.all()) == [b.jf_muda[1]]
