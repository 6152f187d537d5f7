"""Kinerja I pages: the PK editor (draft, sasaran/indikator, import with row errors, set, amend
as a new version), the cascade tree, the strategy form with its one-button request, the plans,
the role matrix and "kinerja saya"; refusals are the 403/409 pages with the service's reason."""
import datetime
import html
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.models import BarisMatriksPeran, PerjanjianKinerja, RencanaKegiatanAnggaran, StatusPK, TautanTarget
from organisasi.models import Preset
from penugasan.models import AnggotaTim, PeranTim

from .helpers import TAHUN, bagi_dua, pemda, pk_berlaku, pk_draf, tim_dari_strategi

pytestmark = pytest.mark.django_db


def teks(r) -> str:
    return html.unescape(r.content.decode())


def masuk(client, pegawai):
    client.force_login(pegawai.user)
    return client


def test_kadis_menyusun_dan_menetapkan_pk_lewat_halaman(client):
    d = pemda(Preset.BELU)
    masuk(client, d.kepala_dinas)
    r = client.get(reverse("kinerja_pk_daftar"))
    assert r.status_code == 200 and 'data-testid="form-pk-baru"' in teks(r)
    r = client.post(reverse("kinerja_pk_daftar"), {"jabatan": d.kadis.pk, "tahun": TAHUN})
    pk = PerjanjianKinerja.objects.get(jabatan=d.kadis, tahun=TAHUN)
    assert r.status_code == 302 and r.url == reverse("kinerja_pk_detail", args=[pk.pk])
    r = client.post(reverse("kinerja_sasaran_tambah", args=[pk.pk]), {"sasaran-uraian": "Meningkatnya kualitas layanan"})
    assert r.status_code == 302
    sasaran = pk.sasaran.get()
    # bad number: 400, nothing saved, the field named
    r = client.post(reverse("kinerja_indikator_tambah", args=[sasaran.pk]),
                    {"indikator-uraian": "Indeks kepuasan", "indikator-satuan": "indeks",
                     "indikator-polaritas": "maksimal", "indikator-target_tahunan": "abc"})
    assert r.status_code == 400 and "Target tahunan" in teks(r) and 'class="errorlist' in teks(r)
    assert not sasaran.indikator.exists()
    r = client.post(reverse("kinerja_indikator_tambah", args=[sasaran.pk]),
                    {"indikator-uraian": "Indeks kepuasan", "indikator-satuan": "indeks",
                     "indikator-polaritas": "maksimal", "indikator-target_tahunan": "85", "indikator-target_tw2": "40"})
    assert r.status_code == 302 and sasaran.indikator.get().target_tw2 == 40
    r = client.post(reverse("kinerja_pk_tetapkan", args=[pk.pk]), {"tanggal_berlaku": f"{TAHUN}-01-02"})
    pk.refresh_from_db()
    assert r.status_code == 302 and pk.status == StatusPK.DITETAPKAN
    r = client.get(reverse("kinerja_pk_detail", args=[pk.pk]))
    assert "Ditetapkan" in teks(r) and 'data-testid="form-sasaran"' not in teks(r)
    # set again: the 409 page with the reason
    r = client.post(reverse("kinerja_pk_tetapkan", args=[pk.pk]), {})
    assert r.status_code == 409 and "versi baru" in teks(r)
    # Belu does not provide amendments: 403 page naming the rule
    r = client.post(reverse("kinerja_pk_ubah", args=[pk.pk]), {"alasan_perubahan": "Kegiatan berubah"})
    assert r.status_code == 403 and "tidak mengatur perubahan" in teks(r)


def test_bukan_penetap_403_dan_instansi_lain_404(client):
    d = pemda(Preset.BELU)
    lain = pemda(Preset.BELU)
    pk, _s, _i = pk_draf(d)
    r = masuk(client, d.kabid[0]).post(reverse("kinerja_pk_tetapkan", args=[pk.pk]), {})
    assert r.status_code == 403 and "tidak memangku" in teks(r)
    assert 'data-testid="form-pk-baru"' not in teks(client.get(reverse("kinerja_pk_daftar")))
    masuk(client, lain.kepala_dinas)
    assert client.get(reverse("kinerja_pk_detail", args=[pk.pk])).status_code == 404
    assert client.post(reverse("kinerja_pk_tetapkan", args=[pk.pk]), {}).status_code == 404
    pk.refresh_from_db()
    assert pk.status == StatusPK.DRAF


def test_impor_lewat_halaman_galat_per_baris_lalu_berhasil(client):
    d = pemda(Preset.BELU)
    pk, _s, _i = pk_draf(d)
    masuk(client, d.kepala_dinas)
    salah = ("kode_sasaran,sasaran,kode_indikator,indikator,satuan,polaritas,baseline,target_tahunan\n"
             "S1,Sasaran,I1,Indikator,%,maksimal,10,abc\n").encode()
    r = client.post(reverse("kinerja_pk_impor", args=[pk.pk]),
                    {"berkas": SimpleUploadedFile("pk.csv", salah, content_type="text/csv")})
    assert r.status_code == 400
    assert "Baris 2" in teks(r) or "baris 2" in teks(r)
    assert pk.sasaran.count() == 1
    contoh = Path(settings.BASE_DIR) / "fixtures" / "contoh-impor-pk.csv"
    r = client.post(reverse("kinerja_pk_impor", args=[pk.pk]),
                    {"berkas": SimpleUploadedFile("contoh.csv", contoh.read_bytes(), content_type="text/csv")})
    assert r.status_code == 302
    assert pk.sasaran.count() > 1


def test_perubahan_pasuruan_versi_baru_dengan_alasan(client):
    d = pemda(Preset.PASURUAN)
    pk, _s, _i = pk_berlaku(d)
    masuk(client, d.kepala_dinas)
    r = client.post(reverse("kinerja_pk_ubah", args=[pk.pk]), {"alasan_perubahan": ""})
    assert r.status_code == 400 and PerjanjianKinerja.objects.count() == 1
    r = client.post(reverse("kinerja_pk_ubah", args=[pk.pk]),
                    {"alasan_perubahan": "Perubahan kegiatan pada APBD Perubahan", "tanggal_berlaku": f"{TAHUN}-07-01"})
    baru = PerjanjianKinerja.objects.get(versi=2)
    assert r.status_code == 302 and r.url == reverse("kinerja_pk_detail", args=[baru.pk])
    r = client.get(r.url)
    t = teks(r)
    assert "Perubahan kegiatan pada APBD Perubahan" in t and 'data-testid="daftar-versi"' in t
    client.post(reverse("kinerja_pk_tetapkan", args=[baru.pk]), {})
    pk.refresh_from_db()
    baru.refresh_from_db()
    assert (pk.status, baru.status) == (StatusPK.DIUBAH, StatusPK.DITETAPKAN)


def test_bagi_target_jumlah_diperiksa_lalu_pohon_menampilkannya(client):
    d = pemda(Preset.BELU)
    pk, _s, ind = pk_berlaku(d)
    masuk(client, d.kepala_dinas)
    r = client.get(reverse("kinerja_kaskade_bagi", args=[ind.pk]))
    assert r.status_code == 200 and d.jabatan_kabid[0].nama in teks(r)
    data = {"cara": "nilai", f"porsi-{d.jabatan_kabid[0].pk}": "60", f"porsi-{d.jabatan_kabid[1].pk}": "30"}
    r = client.post(reverse("kinerja_kaskade_bagi", args=[ind.pk]), data)
    assert r.status_code == 400 and "selisih 10" in teks(r)
    assert not ind.kaskade.exists()
    data[f"porsi-{d.jabatan_kabid[1].pk}"] = "40"
    r = client.post(reverse("kinerja_kaskade_bagi", args=[ind.pk]), data)
    assert r.status_code == 302 and ind.kaskade.count() == 2
    r = client.get(reverse("kinerja_pk_kaskade", args=[pk.pk]))
    t = teks(r)
    assert t.count('data-testid="simpul-target"') == 2 and d.jabatan_kabid[0].nama in t
    assert "60 dokumen" in t and "<progress" in t
    # a Kabid may not divide the Kadis's indikator
    r = masuk(client, d.kabid[0]).post(reverse("kinerja_kaskade_bagi", args=[ind.pk]), data)
    assert r.status_code == 403


def test_strategi_satu_tombol_membuka_permohonan_tertaut_lalu_pohon_sampai_anggota(client):
    d = pemda(Preset.BELU)
    pk, _s, ind = pk_berlaku(d)
    target = bagi_dua(d, ind)[0]
    masuk(client, d.kabid[0])
    r = client.post(reverse("kinerja_strategi_simpan", args=[target.pk]),
                    {"bentuk": "tim", "perlu_ketua": "on", "kebutuhan": "lintas_unit", "jumlah_dibutuhkan": "0",
                     "kompetensi_dibutuhkan": "Perencanaan"})
    assert r.status_code == 400 and "jumlah_dibutuhkan" in teks(r)
    r = client.post(reverse("kinerja_strategi_simpan", args=[target.pk]),
                    {"bentuk": "tim", "perlu_ketua": "on", "kebutuhan": "lintas_unit", "jumlah_dibutuhkan": "1",
                     "kompetensi_dibutuhkan": "Perencanaan", "arahan": "Selesai triwulan III"})
    assert r.status_code == 302
    r = client.get(reverse("kinerja_target_detail", args=[target.pk]))
    t = teks(r)
    assert 'data-testid="pratinjau-permohonan"' in t and "Dokumen perencanaan tepat waktu: 60 dokumen" in t
    assert d.seksi[1].nama in t  # a unit outside Bidang 1 is offered
    r = client.post(reverse("kinerja_strategi_permohonan", args=[target.pk]),
                    {"unit_tujuan": d.seksi[1].pk, "pegawai_diminta": [d.jf_pertama[1].pk], "nama_tim": "Tim RKPD", "ketua_tim": d.jf_muda[0].pk})
    tautan = TautanTarget.objects.get(target=target)
    assert r.status_code == 302 and r.url == reverse("permohonan_detail", args=[tautan.permohonan_id])
    assert tautan.permohonan.hasil_diharapkan.endswith("60 dokumen")
    assert list(tautan.permohonan.pegawai_diminta.all()) == [d.jf_pertama[1]]
    # the Kadis's tree shows the request under the Kabid's target
    r = masuk(client, d.kepala_dinas).get(reverse("kinerja_pk_kaskade", args=[pk.pk]))
    assert tautan.permohonan.judul in teks(r)


def test_matriks_ketua_mengisi_anggota_menerima(client):
    d = pemda(Preset.BELU)
    pk, _s, ind = pk_berlaku(d)
    target = bagi_dua(d, ind)[0]
    _p, tim = tim_dari_strategi(d, target)
    anggota = AnggotaTim.objects.get(tim=tim, peran=PeranTim.ANGGOTA)
    ketua = AnggotaTim.objects.get(tim=tim, peran=PeranTim.KETUA)
    masuk(client, d.jf_muda[0])
    r = client.get(reverse("kinerja_tim", args=[tim.pk]))
    assert r.status_code == 200 and 'data-testid="form-matriks"' in teks(r)
    data = {f"m-{anggota.pk}-peran": "Analis data", f"m-{anggota.pk}-hasil": "Dokumen analisis",
            f"m-{anggota.pk}-indikator": "Dokumen selesai tepat waktu", f"m-{anggota.pk}-target_nilai": "abc",
            f"m-{anggota.pk}-satuan": "dokumen", f"m-{anggota.pk}-target_id": str(target.pk)}
    r = client.post(reverse("kinerja_matriks_isi", args=[tim.pk]), data)
    assert r.status_code == 400 and "target_nilai" in teks(r) and not BarisMatriksPeran.objects.exists()
    data[f"m-{anggota.pk}-target_nilai"] = "20"
    data.update({f"m-{ketua.pk}-peran": "Ketua", f"m-{ketua.pk}-hasil": "Dokumen RKPD",
                 f"m-{ketua.pk}-indikator": "RKPD ditetapkan", f"m-{ketua.pk}-target_nilai": "40",
                 f"m-{ketua.pk}-satuan": "dokumen"})
    r = client.post(reverse("kinerja_matriks_isi", args=[tim.pk]), data)
    assert r.status_code == 302 and BarisMatriksPeran.objects.count() == 2
    baris = BarisMatriksPeran.objects.get(anggota=anggota)
    # only the member answers their row
    r = client.post(reverse("kinerja_matriks_tanggapi", args=[baris.pk]), {"tanggapan": "terima"})
    assert r.status_code == 403
    masuk(client, d.jf_pertama[1])
    r = client.get(reverse("kinerja_tim", args=[tim.pk]))
    assert 'data-testid="form-tanggapi"' in teks(r) and 'data-testid="form-matriks"' not in teks(r)
    r = client.post(reverse("kinerja_matriks_tanggapi", args=[baris.pk]),
                    {"tanggapan": "terima", "komentar": "Siap, sesuai kompetensi"})
    baris.refresh_from_db()
    assert r.status_code == 302 and baris.status == "diterima" and baris.komentar_anggota == "Siap, sesuai kompetensi"
    r = client.post(reverse("kinerja_matriks_tanggapi", args=[baris.pk]), {"tanggapan": "terima"})
    assert r.status_code == 409
    anggota.refresh_from_db()
    assert anggota.indikator == "Dokumen selesai tepat waktu" and "20" in anggota.target


def test_rencana_aksi_dan_rencana_anggaran_dan_rencana_kerja(client):
    d = pemda(Preset.BELU)
    pk, _s, ind = pk_berlaku(d)
    target = bagi_dua(d, ind)[0]
    _p, tim = tim_dari_strategi(d, target)
    masuk(client, d.jf_muda[0])
    tenggat = min(tim.selesai, tim.mulai + datetime.timedelta(days=10)).isoformat()
    r = client.post(reverse("kinerja_rencana_aksi", args=[tim.pk]), {
        "judul": "Rencana aksi RKPD", "tonggak-0-uraian": "Rancangan awal", "tonggak-0-keluaran": "Draf",
        "tonggak-0-tenggat": "2099-01-01", "tonggak-0-bobot": "50", "tonggak-0-pemilik": str(d.jf_pertama[1].pk)})
    assert r.status_code == 400 and "tonggak[0].tenggat" in teks(r)
    r = client.post(reverse("kinerja_rencana_aksi", args=[tim.pk]), {
        "judul": "Rencana aksi RKPD", "tonggak-0-uraian": "Rancangan awal", "tonggak-0-keluaran": "Draf",
        "tonggak-0-tenggat": tenggat, "tonggak-0-bobot": "50", "tonggak-0-pemilik": str(d.jf_pertama[1].pk)})
    assert r.status_code == 302
    assert "Rancangan awal" in teks(client.get(reverse("kinerja_tim", args=[tim.pk])))
    # the activity and budget plan: drafted by a JF of the owner's unit, approved by the Kabid
    r = client.post(reverse("kinerja_rka_baru", args=[target.pk]), {
        "judul": "RKA RKPD", "kegiatan-0-kegiatan": "Rapat koordinasi", "kegiatan-0-kode_subkegiatan": "5.01.01",
        "kegiatan-0-pagu": "15000000", "kegiatan-0-bulan": "2, 3, 13"})
    assert r.status_code == 400 and "kegiatan[0].bulan" in teks(r)
    r = client.post(reverse("kinerja_rka_baru", args=[target.pk]), {
        "judul": "RKA RKPD", "kegiatan-0-kegiatan": "Rapat koordinasi", "kegiatan-0-kode_subkegiatan": "5.01.01",
        "kegiatan-0-pagu": "15000000", "kegiatan-0-bulan": "2, 3"})
    rka = RencanaKegiatanAnggaran.objects.get()
    assert r.status_code == 302 and rka.kegiatan.get().bulan == [2, 3]
    client.post(reverse("kinerja_rka_ajukan", args=[rka.pk]))
    r = client.post(reverse("kinerja_rka_putuskan", args=[rka.pk]), {"keputusan": "setujui"})
    assert r.status_code == 403
    masuk(client, d.kabid[0])
    assert 'data-testid="form-putuskan-rka"' in teks(client.get(reverse("kinerja_rka_detail", args=[rka.pk])))
    client.post(reverse("kinerja_rka_putuskan", args=[rka.pk]), {"keputusan": "setujui"})
    rka.refresh_from_db()
    assert rka.status == "disetujui"
    # an individual work plan from "kinerja saya"
    masuk(client, d.jf_pertama[1])
    r = client.post(reverse("kinerja_saya"), {"tim": tim.pk, "butir-0-kegiatan": "Mengolah data",
                                              "butir-0-target": "3", "butir-0-satuan": "dokumen"})
    assert r.status_code == 302
    assert "Mengolah data" in teks(client.get(reverse("kinerja_saya")))


def test_kinerja_saya_dan_beranda_menyebut_ppk_dan_pimpinan_unit(client):
    d = pemda(Preset.BELU)
    pk, _s, ind = pk_berlaku(d)
    target = bagi_dua(d, ind)[0]
    _p, tim = tim_dari_strategi(d, target)
    masuk(client, d.jf_pertama[1])
    t = teks(client.get(reverse("kinerja_saya")))
    assert 'data-testid="item-target-saya"' in t and "Dokumen perencanaan tepat waktu" in t and tim.nama in t
    assert 'data-testid="ppk-saya"' in t and d.kasi[1].nama_lengkap in t
    t = teks(client.get(reverse("beranda")))
    assert 'data-testid="ppk-saya"' in t and 'data-testid="pu-saya"' in t and d.kasi[1].nama_lengkap in t
    assert reverse("kinerja_saya") in t  # the navigation link


def test_ppk_dan_pimpinan_sekaligus_sama_dengan_satu_per_satu():
    from organisasi import selectors as org

    d = pemda(Preset.BELU)
    for p in (d.kepala_dinas, d.kabid[0], d.kasi[1], d.jf_muda[0], d.jf_pertama[1], d.pelaksana[0], d.bupati):
        ppk, pu = org.ppk_dan_pimpinan_pegawai(pegawai=p)
        satu = org.ppk_pegawai(pegawai=p), org.pimpinan_unit_pegawai(pegawai=p)
        assert (ppk, pu) == satu, p
