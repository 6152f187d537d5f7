"""Org-chart import: parsing, validation (every bad row reported), matching by key, all-or-nothing apply."""
from __future__ import annotations

import datetime
import io

import pytest

from organisasi import importer, selectors, sintetis
from organisasi.models import (
    Instansi,
    Jabatan,
    JenisPemangku,
    Kedudukan,
    Pegawai,
    PemangkuJabatan,
    PerangkatDaerah,
    UnitOrganisasi,
)
from organisasi.tests.factories import InstansiFactory, bangun_pd_dua_level

pytestmark = pytest.mark.django_db

NIP_KADIS = "197501012000031001"
NIP_KABID = "198002022005011002"
NIP_KASI = "198503032010012003"
NIP_JF = "199004042015032004"
NIP_PELAKSANA = "199505052020011005"
NIP_JF2 = "199106062016022006"


def baris(**kw) -> dict[str, str]:
    row = dict.fromkeys(importer.KOLOM, "")
    row.update(kw)
    return row


PD = {"kode_pd": "DINKES", "nama_pd": "Dinas Kesehatan", "jenis_pd": "dinas"}
ROOT = {"kode_unit": "DINKES.0", "nama_unit": "Dinas Kesehatan", "jenis_unit": "pimpinan"}
BIDANG = {"kode_unit": "DINKES.1", "nama_unit": "Bidang Pelayanan", "jenis_unit": "bidang",
          "kode_unit_induk": "DINKES.0"}
SEKSI = {"kode_unit": "DINKES.1.1", "nama_unit": "Seksi Rujukan", "jenis_unit": "seksi",
         "kode_unit_induk": "DINKES.1"}


def bagan_dasar() -> list[dict[str, str]]:
    """A Dinas with Kadis (JPT) → Kabid (Administrator) → Kasi (Pengawas), a JF Ahli Muda under the
    Kabid, a JF Ahli Pertama and a Pelaksana under the Kasi, and a vacant JF seat."""
    return [
        baris(**PD, **ROOT, kode_jabatan="DINKES.0.K", nama_jabatan="Kepala Dinas Kesehatan",
              jenis_jabatan="jpt_pratama", kepala_unit="ya", nip=NIP_KADIS, nama="Budi Santoso",
              gelar_depan="dr.", gelar_belakang="M.Kes.", pangkat="Pembina Tingkat I", golongan="IV/b",
              mulai="2024-01-02"),
        baris(**PD, **BIDANG, kode_jabatan="DINKES.1.K", nama_jabatan="Kepala Bidang Pelayanan",
              jenis_jabatan="administrator", kepala_unit="ya", nip=NIP_KABID, nama="Citra Lestari",
              mulai="2024-01-02"),
        baris(**PD, **SEKSI, kode_jabatan="DINKES.1.1.K", nama_jabatan="Kepala Seksi Rujukan",
              jenis_jabatan="pengawas", kepala_unit="ya", nip=NIP_KASI, nama="Dewi Kusuma", mulai="2024-01-02"),
        baris(**PD, **BIDANG, kode_jabatan="DINKES.1.F1", nama_jabatan="Perencana Ahli Muda",
              jenis_jabatan="fungsional", nama_jf="Perencana", jenjang="ahli_muda", nip=NIP_JF, nama="Eko Saputra",
              email="eko@contoh.go.id", kompetensi="Perencanaan; Penganggaran", mulai="2024-01-02",
              kode_jabatan_ppk="DINKES.1.K"),
        baris(**PD, **SEKSI, kode_jabatan="DINKES.1.1.F1", nama_jabatan="Perencana Ahli Pertama",
              jenis_jabatan="fungsional", nama_jf="Perencana", jenjang="ahli_pertama", nip=NIP_JF2,
              nama="Fitri Hidayat", mulai="2024-01-02", kode_jabatan_ppk="DINKES.1.1.K",
              kode_jabatan_pimpinan="DINKES.1.K"),
        baris(**PD, **SEKSI, kode_jabatan="DINKES.1.1.P1", nama_jabatan="Pengadministrasi Perkantoran",
              jenis_jabatan="pelaksana", nip=NIP_PELAKSANA, nama="Gita Pratama", jenis_asn="pppk",
              mulai="2024-01-02", kode_jabatan_ppk="DINKES.1.1.K"),
        baris(**PD, **ROOT, kode_jabatan="DINKES.0.F1", nama_jabatan="Analis Kebijakan Ahli Madya",
              jenis_jabatan="fungsional", nama_jf="Analis Kebijakan", jenjang="ahli_madya"),
    ]


def jumlah() -> dict[str, int]:
    return {"pd": PerangkatDaerah.objects.count(), "unit": UnitOrganisasi.objects.count(),
            "jabatan": Jabatan.objects.count(), "pegawai": Pegawai.objects.count(),
            "pemangku": PemangkuJabatan.objects.count(), "kedudukan": Kedudukan.objects.count()}


def periksa_bagan_dasar(instansi: Instansi) -> None:
    assert jumlah() == {"pd": 1, "unit": 3, "jabatan": 7, "pegawai": 6, "pemangku": 6, "kedudukan": 3}
    seksi = UnitOrganisasi.objects.get(kode="DINKES.1.1")
    assert seksi.parent.kode == "DINKES.1" and seksi.parent.parent.kode == "DINKES.0"
    assert seksi.perangkat_daerah.kode == "DINKES" and seksi.instansi == instansi
    jf = Pegawai.objects.get(nip=NIP_JF)
    assert sorted(jf.kompetensi.values_list("nama", flat=True)) == ["Penganggaran", "Perencanaan"]
    assert jf.email == "eko@contoh.go.id"
    kadis = Pegawai.objects.get(nip=NIP_KADIS)
    assert kadis.nama_lengkap == "dr. Budi Santoso, M.Kes." and kadis.golongan == "IV/b"
    assert Pegawai.objects.get(nip=NIP_PELAKSANA).jenis_asn == "pppk"
    tanggal = datetime.date(2024, 3, 1)
    # the resolvers see the imported chart
    jf2 = Pegawai.objects.get(nip=NIP_JF2)
    assert selectors.ppk_pegawai(pegawai=jf2, tanggal=tanggal).pegawai.nip == NIP_KASI
    assert selectors.pimpinan_unit_pegawai(pegawai=jf2, tanggal=tanggal).pegawai.nip == NIP_KABID
    assert selectors.ppk_pegawai(pegawai=jf, tanggal=tanggal).pegawai.nip == NIP_KABID
    kasi = Pegawai.objects.get(nip=NIP_KASI)
    assert selectors.ppk_pegawai(pegawai=kasi, tanggal=tanggal).pegawai.nip == NIP_KABID
    kosong = Jabatan.objects.get(kode="DINKES.0.F1")
    assert kosong.kategori_jf == "keahlian" and not kosong.pemangku.exists()


def test_impor_csv_berhasil():
    instansi = InstansiFactory()
    csv = sintetis.csv_teks(bagan_dasar()).encode()
    rencana = importer.impor_periksa(instansi=instansi, berkas=csv, nama_berkas="bagan.csv")
    assert rencana.sah, rencana.kesalahan
    assert rencana.ringkasan["pegawai"] == {"baru": 6, "diubah": 0, "tetap": 0}
    assert rencana.ringkasan["jabatan"]["baru"] == 7
    assert jumlah()["pegawai"] == 0  # the dry run wrote nothing
    importer.impor_terapkan(instansi=instansi, berkas=csv, nama_berkas="bagan.csv")
    periksa_bagan_dasar(instansi)


def test_impor_xlsx_berhasil(tmp_path):
    instansi = InstansiFactory()
    tujuan = tmp_path / "bagan.xlsx"
    sintetis.tulis_xlsx(bagan_dasar(), tujuan)
    rencana = importer.impor_terapkan(instansi=instansi, berkas=tujuan)
    assert rencana.total_baris == 7
    periksa_bagan_dasar(instansi)


def test_csv_titik_koma_dan_label_pilihan():
    """HR tools often export ';'-separated CSV and write labels instead of codes."""
    instansi = InstansiFactory()
    rows = bagan_dasar()
    rows[0]["jenis_jabatan"] = "JPT Pratama"
    rows[3]["jenjang"] = "Ahli Muda"
    rows[3]["kompetensi"] = "Perencanaan"
    buf = io.StringIO()
    buf.write(";".join(importer.KOLOM) + "\n")
    for r in rows:
        buf.write(";".join(r[k].replace(";", ",") if k != "kompetensi" else r[k] for k in importer.KOLOM) + "\n")
    importer.impor_terapkan(instansi=instansi, berkas=buf.getvalue().encode("utf-8-sig"), nama_berkas="a.csv")
    assert Jabatan.objects.get(kode="DINKES.0.K").jenis == "jpt_pratama"
    assert Jabatan.objects.get(kode="DINKES.1.F1").jenjang == "ahli_muda"


def test_baris_salah_semua_dilaporkan_dan_tidak_ada_yang_disimpan():
    instansi = InstansiFactory()
    rows = bagan_dasar()
    rows[1]["nip"] = "19800202200501100"                      # row 3: 17 digits
    rows[2]["jenis_jabatan"] = "eselon_iv"                    # row 4: unknown kind
    rows[3]["email"] = "bukan-email"                          # row 5: bad e-mail
    rows[4]["mulai"] = "31-31-2024"                           # row 6: bad date
    rows[5]["kode_jabatan_ppk"] = "TIDAK.ADA"                 # row 7: unknown PPK position
    rows.append(baris(**PD, **ROOT, kode_jabatan="DINKES.0.P9", nama_jabatan="Pengemudi",
                      jenis_jabatan="pelaksana", nip="199901312020131001", nama="Hadi"))  # row 9: month 13
    rows.append(baris(**PD, kode_unit="DINKES.9", kode_unit_induk="DINKES.0", kode_jabatan="DINKES.9.P1",
                      nama_jabatan="Pramu", jenis_jabatan="pelaksana", nip="199001012015011099"))  # row 10: no names
    sebelum = jumlah()
    with pytest.raises(importer.ImporGagal) as exc:
        importer.impor_terapkan(instansi=instansi, baris=rows)
    assert jumlah() == sebelum
    kesalahan = exc.value.rencana.kesalahan
    dilaporkan = {(k.baris, k.kolom) for k in kesalahan}
    assert {(3, "nip"), (4, "jenis_jabatan"), (5, "email"), (6, "mulai"), (7, "kode_jabatan_ppk"),
            (9, "nip"), (10, "nama_unit"), (10, "nama")} <= dilaporkan
    pesan = {(k.baris, k.kolom): k.pesan for k in kesalahan}
    assert pesan[(3, "nip")] == "NIP harus 18 digit, diterima 17 digit."
    assert "Bulan pengangkatan pada NIP" in pesan[(9, "nip")]
    assert "eselon_iv" in pesan[(4, "jenis_jabatan")] and "pengawas" in pesan[(4, "jenis_jabatan")]
    assert "TIDAK.ADA" in pesan[(7, "kode_jabatan_ppk")]
    assert all(k.baris >= 2 and k.kolom in importer.KOLOM and k.pesan for k in kesalahan)


def test_header_tidak_dikenal_dan_kolom_wajib_hilang():
    instansi = InstansiFactory()
    berkas = b"kode_pd,kode_unit,nip,warna\nA,A.0,197501012000031001,merah\n"
    rencana = importer.impor_periksa(instansi=instansi, berkas=berkas, nama_berkas="x.csv")
    dilaporkan = {(k.baris, k.kolom) for k in rencana.kesalahan}
    assert (1, "warna") in dilaporkan and (1, "kode_jabatan") in dilaporkan
    assert (2, "kode_jabatan") in dilaporkan


def test_nilai_berbeda_untuk_kode_yang_sama():
    instansi = InstansiFactory()
    rows = bagan_dasar()
    rows[4]["nama_unit"] = "Seksi Lain"  # row 6 names DINKES.1.1 differently from row 4
    rencana = importer.impor_periksa(instansi=instansi, baris=rows)
    [k] = [k for k in rencana.kesalahan if k.kolom == "nama_unit"]
    assert k.baris == 6 and "baris 4" in k.pesan


def test_perbarui_menurut_nip_tanpa_duplikat():
    instansi = InstansiFactory()
    importer.impor_terapkan(instansi=instansi, baris=bagan_dasar())
    # second file: the Ahli Pertama is renamed and moves to the Ahli Muda formation from March
    rows = bagan_dasar()
    rows[4].update(kode_jabatan="DINKES.1.F1", nama_jabatan="Perencana Ahli Muda", jenjang="ahli_muda",
                   kode_unit=BIDANG["kode_unit"], nama_unit=BIDANG["nama_unit"], jenis_unit="bidang",
                   kode_unit_induk="DINKES.0", nama="Fitri Hidayat Nasution", mulai="2024-03-01",
                   kode_jabatan_ppk="DINKES.1.K", kode_jabatan_pimpinan="")
    rencana = importer.impor_terapkan(instansi=instansi, baris=rows)
    assert rencana.ringkasan["pegawai"] == {"baru": 0, "diubah": 1, "tetap": 5}
    assert rencana.ringkasan["pemangku"] == {"baru": 1, "diakhiri": 1, "tetap": 5}
    assert Pegawai.objects.filter(nip=NIP_JF2).count() == 1 and Pegawai.objects.count() == 6
    fitri = Pegawai.objects.get(nip=NIP_JF2)
    assert fitri.nama == "Fitri Hidayat Nasution"
    assert selectors.jabatan_definitif_pegawai(pegawai=fitri, tanggal=datetime.date(2024, 2, 1)).kode == "DINKES.1.1.F1"
    assert selectors.jabatan_definitif_pegawai(pegawai=fitri, tanggal=datetime.date(2024, 3, 1)).kode == "DINKES.1.F1"
    lama = PemangkuJabatan.objects.get(pegawai=fitri, jabatan__kode="DINKES.1.1.F1")
    assert lama.selesai == datetime.date(2024, 2, 29)
    assert selectors.ppk_pegawai(pegawai=fitri, tanggal=datetime.date(2024, 3, 5)).pegawai.nip == NIP_KABID
    assert selectors.ppk_pegawai(pegawai=fitri, tanggal=datetime.date(2024, 2, 5)).pegawai.nip == NIP_KASI
    # a third identical import changes nothing
    rencana = importer.impor_terapkan(instansi=instansi, baris=rows)
    assert all(v.get("baru", 0) == 0 and v.get("diubah", 0) == 0 and v.get("diakhiri", 0) == 0
               for v in rencana.ringkasan.values())
    assert jumlah() == {"pd": 1, "unit": 3, "jabatan": 7, "pegawai": 6, "pemangku": 7, "kedudukan": 4}


def test_unit_dan_jabatan_dicocokkan_menurut_kode():
    org = bangun_pd_dua_level()
    sebelum = jumlah()
    bidang = org.bidang[0]
    kabid = org.jabatan_kabid[0]
    rows = [baris(kode_pd=org.pd.kode, kode_unit=bidang.kode, nama_unit="Bidang Pelayanan Kesehatan",
                  kode_jabatan=kabid.kode, nama_jabatan="Kepala Bidang Pelayanan Kesehatan"),
            baris(kode_pd=org.pd.kode, kode_unit=bidang.kode, kode_jabatan="BARU.F1", nama_jabatan="Epidemiolog Ahli Muda",
                  jenis_jabatan="fungsional", nama_jf="Epidemiolog", jenjang="ahli_muda", nip=NIP_JF, nama="Eko",
                  kode_jabatan_ppk=kabid.kode, mulai="2024-02-01")]
    rencana = importer.impor_terapkan(instansi=org.instansi, baris=rows)
    assert rencana.ringkasan["unit"] == {"baru": 0, "diubah": 1, "tetap": 0}
    assert rencana.ringkasan["jabatan"] == {"baru": 1, "diubah": 1, "tetap": 0}
    setelah = jumlah()
    assert setelah["unit"] == sebelum["unit"] and setelah["jabatan"] == sebelum["jabatan"] + 1
    bidang.refresh_from_db()
    kabid.refresh_from_db()
    assert bidang.nama == "Bidang Pelayanan Kesehatan" and bidang.parent_id == org.root.pk  # parent kept
    assert kabid.nama == "Kepala Bidang Pelayanan Kesehatan" and kabid.kepala_unit and kabid.unit_id == bidang.pk
    eko = Pegawai.objects.get(nip=NIP_JF)
    assert selectors.ppk_pegawai(pegawai=eko, tanggal=datetime.date(2024, 3, 1)).pegawai == org.kabid[0]


def test_siklus_unit_ditolak_dengan_nomor_baris():
    instansi = InstansiFactory()
    rows = bagan_dasar()
    rows[0]["kode_unit_induk"] = "DINKES.1.1"  # the root now hangs below its own grandchild
    with pytest.raises(importer.ImporGagal) as exc:
        importer.impor_terapkan(instansi=instansi, baris=rows)
    [k] = [k for k in exc.value.rencana.kesalahan if "berputar" in k.pesan]
    assert k.kolom == "kode_unit_induk"
    assert "baris 2, 3, 4" in k.pesan
    assert {"DINKES.0", "DINKES.1", "DINKES.1.1"} <= set(k.pesan.replace("(", " ").split())
    assert jumlah()["unit"] == 0


def test_siklus_unit_dengan_unit_yang_sudah_ada():
    org = bangun_pd_dua_level()
    # move the Kadis' root unit below a Seksi of its own tree
    rows = [baris(kode_pd=org.pd.kode, kode_unit=org.root.kode, kode_unit_induk=org.seksi[0].kode,
                  kode_jabatan=org.kadis.kode)]
    rencana = importer.impor_periksa(instansi=org.instansi, baris=rows)
    assert any(k.baris == 2 and k.kolom == "kode_unit_induk" and "berputar" in k.pesan for k in rencana.kesalahan)


def _puskesmas(kode: str, kepala_ppk: str, nip: str) -> list[dict]:
    return [baris(kode_pd=kode, nama_pd=f"UPTD Puskesmas {kode}", jenis_pd="puskesmas", kode_unit=f"{kode}.0",
                  nama_unit=f"Puskesmas {kode}", kode_jabatan=f"{kode}.0.K", nama_jabatan=f"Kepala Puskesmas {kode}",
                  jenis_jabatan="fungsional", kepala_unit="ya", nama_jf="Dokter", jenjang="ahli_madya", nip=nip,
                  nama=f"Dokter {kode}", kode_jabatan_ppk=kepala_ppk, mulai="2024-01-02")]


def test_siklus_rantai_ppk_ditolak_dengan_nomor_baris():
    instansi = InstansiFactory()
    # two Kepala Puskesmas (JF heading a self-standing unit) appraising each other
    rows = _puskesmas("PKM1", "PKM2.0.K", NIP_KADIS) + _puskesmas("PKM2", "PKM1.0.K", NIP_KABID)
    with pytest.raises(importer.ImporGagal) as exc:
        importer.impor_terapkan(instansi=instansi, baris=rows)
    [k] = [k for k in exc.value.rencana.kesalahan if "Rantai Pejabat Penilai Kinerja berputar" in k.pesan]
    assert k.baris == 2 and k.kolom == "kode_jabatan_ppk" and "(baris 2, 3)" in k.pesan
    assert Pegawai.objects.count() == 0
    # a chain that goes up through the implicit superior: Kepala Puskesmas placed under a Pengawas
    # of its own Puskesmas (whose superior is the Kepala Puskesmas)
    rows = _puskesmas("PKM1", "PKM1.1.K", NIP_KADIS) + [
        baris(kode_pd="PKM1", kode_unit="PKM1.1", nama_unit="Subbagian Tata Usaha", kode_unit_induk="PKM1.0",
              kode_jabatan="PKM1.1.K", nama_jabatan="Kepala Subbagian Tata Usaha", jenis_jabatan="pengawas")]
    rencana = importer.impor_periksa(instansi=instansi, baris=rows)
    assert any("PKM1.0.K → PKM1.1.K → PKM1.0.K" in k.pesan and k.baris == 2 for k in rencana.kesalahan), \
        rencana.kesalahan


def test_aturan_kedudukan_jenjang_bila_instansi_menerapkannya():
    rows = bagan_dasar()
    rows[3]["kode_jabatan_ppk"] = "DINKES.1.1.K"  # JF Ahli Muda under a Pengawas
    bebas = InstansiFactory.dengan_preset("belu")  # Belu: placement free
    assert importer.impor_periksa(instansi=bebas, baris=rows).sah
    ketat = InstansiFactory.dengan_preset("kotabaru")  # Kotabaru: enforced (003 Ps.18)
    with pytest.raises(importer.ImporGagal) as exc:
        importer.impor_terapkan(instansi=ketat, baris=rows)
    [k] = exc.value.rencana.kesalahan
    assert (k.baris, k.kolom) == (5, "kode_jabatan_ppk")
    assert "JF jenjang Ahli Muda berkedudukan di bawah Jabatan Administrator" in k.pesan
    assert "Peraturan Bupati Kotabaru Nomor 68 Tahun 2024" in k.pesan and "Pasal 18 ayat (3) huruf b" in k.pesan
    assert Pegawai.objects.filter(instansi=ketat).count() == 0


def test_pelaksana_di_bawah_administrator_tanpa_pengawas_boleh():
    """Kotabaru 003 Ps.18(4)b: where the unit has no Pengawas, the Administrator appraises."""
    ketat = InstansiFactory.dengan_preset("kotabaru")
    rows = bagan_dasar()[:2] + [baris(**PD, **BIDANG, kode_jabatan="DINKES.1.P1", nama_jabatan="Pengadministrasi",
                                      jenis_jabatan="pelaksana", nip=NIP_PELAKSANA, nama="Gita",
                                      kode_jabatan_ppk="DINKES.1.K")]
    assert importer.impor_periksa(instansi=ketat, baris=rows).sah
    rows += bagan_dasar()[2:3]  # now the Bidang has a Seksi with a Pengawas
    rencana = importer.impor_periksa(instansi=ketat, baris=rows)
    assert [(k.baris, k.kolom) for k in rencana.kesalahan] == [(4, "kode_jabatan_ppk")]


def test_ppk_harus_pengawas_atau_kepala_jf():
    instansi = InstansiFactory()
    rows = bagan_dasar()
    rows[5]["kode_jabatan_ppk"] = "DINKES.1.1.F1"  # a plain JF cannot appraise
    rencana = importer.impor_periksa(instansi=instansi, baris=rows)
    [k] = rencana.kesalahan
    assert (k.baris, k.kolom) == (7, "kode_jabatan_ppk") and "tidak dapat menjadi Pejabat Penilai Kinerja" in k.pesan


def test_nip_instansi_lain_dan_pemangku_ganda():
    lain = InstansiFactory()
    importer.impor_terapkan(instansi=lain, baris=bagan_dasar()[:1])
    instansi = InstansiFactory()
    rows = bagan_dasar()
    rows[2]["nip"] = NIP_KABID  # row 4: the Kabid also holds the Kasi seat definitively
    rencana = importer.impor_periksa(instansi=instansi, baris=rows)
    dilaporkan = {(k.baris, k.kolom) for k in rencana.kesalahan}
    assert (2, "nip") in dilaporkan  # NIP of the other instansi
    assert (4, "jenis_pemangku") in dilaporkan
    assert (4, "nama") in dilaporkan  # same NIP, different name than row 3


def test_plt_pada_jabatan_kosong():
    instansi = InstansiFactory()
    rows = bagan_dasar()
    kasi = rows[2]
    rows[2] = {**kasi, **{k: "" for k in ("nip", "nama", "mulai")}}  # the Kasi seat is vacant
    rows.append({**kasi, "nip": NIP_KABID, "nama": "", "jenis_pemangku": "plt", "mulai": "2024-02-01"})
    importer.impor_terapkan(instansi=instansi, baris=rows)
    jabatan = Jabatan.objects.get(kode="DINKES.1.1.K")
    pejabat = selectors.pejabat_pada(jabatan=jabatan, tanggal=datetime.date(2024, 2, 5))
    assert pejabat.pegawai.nip == NIP_KABID and pejabat.sebagai == JenisPemangku.PLT
    # Plt on a JF formation is refused
    rows.append({**rows[3], "nip": NIP_KASI, "nama": "Dewi", "jenis_pemangku": "plt", "kode_jabatan_ppk": ""})
    rencana = importer.impor_periksa(instansi=instansi, baris=rows)
    assert [(k.baris, k.kolom) for k in rencana.kesalahan] == [(len(rows) + 1, "jenis_pemangku")]


def test_kepala_unit_ganda_ditolak():
    instansi = InstansiFactory()
    rows = bagan_dasar()
    rows.append(baris(**PD, **BIDANG, kode_jabatan="DINKES.1.K2", nama_jabatan="Kepala Bidang Kedua",
                      jenis_jabatan="administrator"))  # structural → head by default
    rencana = importer.impor_periksa(instansi=instansi, baris=rows)
    [k] = rencana.kesalahan
    assert k.kolom == "kepala_unit" and "DINKES.1.K, DINKES.1.K2" in k.pesan


def test_ganti_kepala_unit_yang_ada():
    """A new head seat may replace an existing one when the old one is marked 'tidak'."""
    instansi = InstansiFactory()
    importer.impor_terapkan(instansi=instansi, baris=bagan_dasar())
    rows = [baris(**PD, **BIDANG, kode_jabatan="DINKES.1.K", kepala_unit="tidak"),
            baris(**PD, **BIDANG, kode_jabatan="DINKES.1.K2", nama_jabatan="Kepala Bidang Baru",
                  jenis_jabatan="administrator", kepala_unit="ya")]
    importer.impor_terapkan(instansi=instansi, baris=rows)
    assert Jabatan.objects.get(unit__kode="DINKES.1", kepala_unit=True).kode == "DINKES.1.K2"


def test_nip_sebagai_angka_pada_xlsx_ditolak(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(importer.KOLOM)
    row = bagan_dasar()[0]
    ws.append([float(row[k]) if k == "nip" else row[k] for k in importer.KOLOM])
    wb.save(tmp_path / "a.xlsx")
    rencana = importer.impor_periksa(instansi=InstansiFactory(), berkas=tmp_path / "a.xlsx")
    [k] = rencana.kesalahan
    assert (k.baris, k.kolom) == (2, "nip") and "teks" in k.pesan


def test_berkas_rusak():
    rencana = importer.impor_periksa(instansi=InstansiFactory(), berkas=b"PK\x03\x04rusak", nama_berkas="a.xlsx")
    assert not rencana.sah and "XLSX" in rencana.kesalahan[0].pesan


def test_contoh_berkas_di_fixtures_sah_dan_sama(settings):
    """fixtures/contoh-impor-bagan.csv and .xlsx (the documented example) import cleanly, even where
    the placement-by-jenjang rule is enforced, and hold the same rows."""
    from pathlib import Path

    folder = Path(settings.BASE_DIR) / "fixtures"
    _, dari_csv = importer.baca_berkas(folder / "contoh-impor-bagan.csv")
    _, dari_xlsx = importer.baca_berkas(folder / "contoh-impor-bagan.xlsx")
    assert [b.nilai for b in dari_csv] == [b.nilai for b in dari_xlsx]
    instansi = InstansiFactory.dengan_preset("kotabaru")
    rencana = importer.impor_terapkan(instansi=instansi, berkas=folder / "contoh-impor-bagan.xlsx")
    assert rencana.ringkasan["pegawai"]["baru"] == 11
    kasi = Jabatan.objects.get(kode="DINKES.1.1.K")
    assert selectors.pejabat_pada(jabatan=kasi, tanggal=datetime.date(2024, 7, 1)).sebagai == JenisPemangku.PLT
    assert PerangkatDaerah.objects.get(kode="PKM-KOTA").induk.kode == "DINKES"


def test_kepala_daerah_tanpa_unit_dan_hanya_oleh_pengelola_instansi():
    from guardian.shortcuts import assign_perm

    from organisasi.tests.factories import UserFactory

    instansi = InstansiFactory()
    bupati = baris(kode_jabatan="BUPATI", nama_jabatan="Bupati", jenis_jabatan="kepala_daerah",
                   nip="196801012000031001", nama="Bupati Contoh", mulai="2024-01-02")
    rows = bagan_dasar() + [bupati]
    admin_pd = UserFactory(is_staff=True)
    importer.impor_terapkan(instansi=instansi, baris=bagan_dasar()[:1])
    assign_perm("organisasi.kelola_perangkatdaerah", admin_pd, PerangkatDaerah.objects.get(kode="DINKES"))
    rencana = importer.impor_periksa(instansi=instansi, actor=admin_pd, baris=rows)
    assert [(k.baris, k.kolom) for k in rencana.kesalahan] == [(9, "jenis_jabatan")]
    importer.impor_terapkan(instansi=instansi, baris=rows)  # the system (or an instansi admin) may
    jabatan = Jabatan.objects.get(kode="BUPATI")
    assert jabatan.unit is None and selectors.pejabat_pada(jabatan=jabatan).pegawai.nama == "Bupati Contoh"


def test_teks_terlalu_panjang_juga_pada_baris_tanpa_nip():
    rows = bagan_dasar()
    rows[6]["nama_jabatan"] = "A" * 201  # the vacant seat (row 8)
    rencana = importer.impor_periksa(instansi=InstansiFactory(), baris=rows)
    assert [(k.baris, k.kolom, k.pesan) for k in rencana.kesalahan] == [
        (8, "nama_jabatan", "Paling panjang 200 karakter.")]


def test_siklus_ppk_melalui_kedudukan_yang_sudah_tercatat():
    """PKM2's head is already placed under PKM1's head in the database; a file placing PKM1's head
    under PKM2's head closes the loop, although PKM2 is not in the file."""
    instansi = InstansiFactory()
    importer.impor_terapkan(instansi=instansi, baris=_puskesmas("PKM1", "", NIP_KADIS))
    importer.impor_terapkan(instansi=instansi, baris=_puskesmas("PKM2", "PKM1.0.K", NIP_KABID))
    rows = _puskesmas("PKM1", "PKM2.0.K", NIP_KADIS)
    rows[0]["mulai"] = "2024-03-01"
    rencana = importer.impor_periksa(instansi=instansi, baris=rows)
    [k] = rencana.kesalahan
    assert (k.baris, k.kolom) == (2, "kode_jabatan_ppk") and "PKM1.0.K → PKM2.0.K → PKM1.0.K" in k.pesan


def test_setiap_baris_yang_bertentangan_dilaporkan():
    rows = bagan_dasar()
    for r in rows[4:6]:
        r["nama_unit"] = "Seksi Lain"  # rows 6 and 7 both contradict row 4
    rencana = importer.impor_periksa(instansi=InstansiFactory(), baris=rows)
    assert [(k.baris, k.kolom) for k in rencana.kesalahan] == [(6, "nama_unit"), (7, "nama_unit")]


def test_dua_bupati_definitif_ditolak_dengan_baris_kolom_alasan():
    """The Kepala Daerah is a single seat, as in ``pemangku_tetapkan``: a file naming two definitive
    Bupati for one position is refused (it passed before: the importer's own copy of the rule
    knew only structural and head positions)."""
    instansi = InstansiFactory()
    bupati = dict(kode_jabatan="BUPATI", nama_jabatan="Bupati", jenis_jabatan="kepala_daerah", mulai="2024-01-02")
    rows = [baris(**bupati, nip="196801012000031001", nama="Bupati Satu"),
            baris(**bupati, nip="196902022000031002", nama="Bupati Dua")]
    rencana = importer.impor_periksa(instansi=instansi, baris=rows)
    [kesalahan] = rencana.kesalahan
    assert (kesalahan.baris, kesalahan.kolom) == (3, "kode_jabatan")
    assert "BUPATI" in kesalahan.pesan and "satu pejabat definitif" in kesalahan.pesan
    with pytest.raises(importer.ImporGagal):
        importer.impor_terapkan(instansi=instansi, baris=rows)
    assert not Jabatan.objects.filter(kode="BUPATI").exists()
