"""Drafts of the letters a decision would issue: same builders as the real issue, nothing written."""
import html as html_lib

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from organisasi import selectors as org
from organisasi.models import Penandatangan
from organisasi.tests.factories import bangun_pd_dua_level
from penugasan import services
from penugasan.models import PermohonanPenugasan
from penugasan.tests.helpers import ajukan, bangun_pemda
from surat.models import JenisDokumen, SeriNomor, Surat
from surat.selectors import surat_draf_untuk_permohonan
from surat.services import penandatangan_snapshot

pytestmark = pytest.mark.django_db


def _permohonan_lintas_unit(d):
    """Kabid 0 asks for JF Pertama of Seksi 1 (cross-unit, Belu: decided by Kasi 1, the PPK)."""
    return ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]],
                  uraian_tugas="Menyusun matriks Renstra\nMengolah data kinerja", peran_penugasan="Tim Perumus Renstra")


def _atribut_iframe(teks: str, nama: str) -> list[str]:
    from html.parser import HTMLParser

    nilai: list[str] = []

    class _Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "iframe":
                nilai.append(dict(attrs).get(nama) or "")

    _Parser().feed(teks)
    return nilai


def _jumlah():
    return Surat.objects.count(), list(SeriNomor.objects.order_by("pk").values_list("pk", "nomor_terakhir"))


def _penandatangan_menurut_setelan(d, pegawai):
    """Who the regional setting for a cross-unit letter names, resolved independently."""
    setelan = d.instansi.penandatangan_lintas_unit
    if setelan == Penandatangan.PPK:
        return org.ppk_pegawai(pegawai=pegawai)
    if setelan == Penandatangan.PIMPINAN_UNIT:
        return org.pimpinan_unit_pegawai(pegawai=pegawai)
    if setelan == Penandatangan.KEPALA_PD:
        return org.pejabat_berwenang(jabatan=d.kadis)
    pytest.skip(f"setelan {setelan} tidak dipakai preset ini")


def test_draf_berisi_pegawai_peran_tugas_penandatangan_dan_tanda_draf():
    d = bangun_pemda("belu")
    p = _permohonan_lintas_unit(d)
    sebelum = _jumlah()
    daftar = surat_draf_untuk_permohonan(permohonan=p, user=d.kasi[1].user)
    assert _jumlah() == sebelum  # no letter, no counter touched
    jenis = [x.jenis for x in daftar]
    assert JenisDokumen.JAWABAN in jenis
    tugas = [x for x in daftar if x.jenis in (JenisDokumen.SURAT_TUGAS, JenisDokumen.SURAT_PERINTAH)]
    assert len(tugas) == 1
    st = tugas[0]
    jf = d.jf_pertama[1]
    assert st.isi["kepada"][0]["nama"] == jf.nama_lengkap and st.isi["kepada"][0]["nip"] == jf.nip
    assert "Tim Perumus Renstra" in st.isi["peran"]
    assert st.isi["uraian_tugas"] == ["Menyusun matriks Renstra", "Mengolah data kinerja"]
    harapan = penandatangan_snapshot(_penandatangan_menurut_setelan(d, jf))
    assert st.penandatangan["nama"] == harapan["nama"] and st.penandatangan["jabatan"] == harapan["jabatan"]
    for x in daftar:
        assert "DRAF" in x.html and "(diberikan saat terbit)" in x.html
        assert "data:image/png" not in x.html and "Verifikasi keaslian" not in x.html  # no QR
    assert jf.nama_lengkap in st.html and "Tim Perumus Renstra" in st.html
    jawaban = next(x for x in daftar if x.jenis == JenisDokumen.JAWABAN)
    assert jawaban.penandatangan["nama"] == d.kasi[1].nama_lengkap  # the deciding PPK signs the answer
    assert [r["nip"] for r in jawaban.isi["daftar_pegawai"]] == [jf.nip]


def test_draf_sama_dengan_surat_yang_terbit_setelah_disetujui():
    d = bangun_pemda("belu")
    p = _permohonan_lintas_unit(d)
    draf = {x.jenis: x for x in surat_draf_untuk_permohonan(permohonan=p, user=d.kabid[0].user)}
    sudah = set(Surat.objects.values_list("pk", flat=True))  # the Surat Permohonan issued on submission
    services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk)
    terbit = {s.jenis: s for s in Surat.objects.exclude(pk__in=sudah)}
    assert set(terbit) == set(draf)
    for jenis, x in draf.items():
        s = terbit[jenis]
        if "dasar" in x.isi:  # the answer issued by the same decision is cited, its number given only then
            x.isi["dasar"] = [b.replace("(diberikan saat terbit)", terbit[JenisDokumen.JAWABAN].nomor)
                              for b in x.isi["dasar"]]
        assert s.perihal == x.perihal
        assert s.penandatangan_nama == x.penandatangan["nama"]
        assert s.penandatangan_jabatan == x.penandatangan["jabatan"]
        assert s.tembusan == x.tembusan
        for kunci in ("kepada", "peran", "uraian_tugas", "dasar", "daftar_pegawai", "kop", "tempat", "keputusan"):
            if kunci in s.konteks or kunci in x.isi:
                assert s.konteks.get(kunci) == x.isi.get(kunci), (jenis, kunci)


def test_draf_pegawai_dipilih_menurut_kriteria():
    d = bangun_pemda("belu")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], kriteria="Perencana")
    daftar = surat_draf_untuk_permohonan(permohonan=p, user=d.kasi[1].user)
    st = next(x for x in daftar if x.jenis in (JenisDokumen.SURAT_TUGAS, JenisDokumen.SURAT_PERINTAH))
    assert st.isi["kepada"][0]["nama"] == "(pegawai yang akan dipilih)"
    assert "pegawai yang akan dipilih" in st.html


def test_pengguna_unit_lain_ditolak_dan_tidak_ada_yang_ditulis(client):
    d = bangun_pemda("belu")
    p = _permohonan_lintas_unit(d)
    luar = bangun_pd_dua_level(d.instansi, "Dinas Pendidikan")
    with pytest.raises(PermissionDenied):
        surat_draf_untuk_permohonan(permohonan=p, user=luar.kasi[0].user)
    client.force_login(luar.kasi[0].user)
    url = reverse("surat_draf_permohonan", args=[p.pk])
    assert client.get(url).status_code in (403, 404)
    assert client.get(reverse("surat_draf_permohonan", args=[p.pk + 999])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # login required


def test_view_fragmen_htmx_untuk_penentu_dan_terpasang_di_pratinjau(client):
    d = bangun_pemda("belu")
    p = _permohonan_lintas_unit(d)
    sebelum = _jumlah()
    client.force_login(d.kasi[1].user)
    r = client.get(reverse("surat_draf_permohonan", args=[p.pk]), HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    teks = r.content.decode()
    assert "<html" not in teks.split("srcdoc", 1)[0]  # a fragment; the letter sits in a sandboxed iframe
    assert 'sandbox="allow-same-origin"' in teks and "Nomor: (diberikan saat terbit)" in teks
    assert "allow-scripts" not in teks  # nothing in a letter ever runs
    isi = html_lib.unescape(teks)
    assert "DRAF" in isi and d.jf_pertama[1].nama_lengkap in isi
    # read the iframe's srcdoc as a browser does: the whole letter must be inside the attribute
    srcdoc = _atribut_iframe(teks, "srcdoc")
    assert srcdoc and all("</html>" in s for s in srcdoc)
    assert any(d.jf_pertama[1].nama_lengkap in s and "</html>" in s for s in srcdoc)
    assert _jumlah() == sebelum
    assert PermohonanPenugasan.objects.get(pk=p.pk).status == p.status
    # the inbox preview and the detail page load it
    url = reverse("surat_draf_permohonan", args=[p.pk])
    assert url in client.get(reverse("permohonan_pratinjau", args=[p.pk])).content.decode()
    assert url in client.get(reverse("permohonan_detail", args=[p.pk])).content.decode()


def test_tanpa_langkah_menunggu_tidak_ada_draf():
    d = bangun_pemda("belu")
    p = _permohonan_lintas_unit(d)
    services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk)
    p.refresh_from_db()
    assert surat_draf_untuk_permohonan(permohonan=p, user=d.kabid[0].user) == []


def test_draf_tim_baru_keputusan_dan_surat_tugas_sama_dengan_yang_terbit():
    d = bangun_pemda("belu")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]],
               nama_tim="Tim Perumus Renstra", uraian_tugas="Menyusun matriks Renstra")
    draf = {x.jenis: x for x in surat_draf_untuk_permohonan(permohonan=p, user=d.kasi[1].user)}
    assert JenisDokumen.KEPUTUSAN_TIM in draf
    kep = draf[JenisDokumen.KEPUTUSAN_TIM]
    assert [b["nip"] for b in kep.isi["lampiran"][0]["baris"]] == [d.jf_pertama[1].nip]
    assert "DRAF" in kep.html and "(diberikan saat terbit)" in kep.html
    sudah = set(Surat.objects.values_list("pk", flat=True))
    services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk)
    terbit = {s.jenis: s for s in Surat.objects.exclude(pk__in=sudah)}
    assert set(terbit) == set(draf)
    for jenis in (JenisDokumen.KEPUTUSAN_TIM, JenisDokumen.SURAT_TUGAS, JenisDokumen.SURAT_PERINTAH):
        if jenis not in draf:
            continue
        s, x = terbit[jenis], draf[jenis]
        assert (s.perihal, s.penandatangan_nama, s.tembusan) == (x.perihal, x.penandatangan["nama"], x.tembusan)
        for kunci in ("lampiran", "diktum", "tentang", "kepada", "peran", "target", "pengaturan_lain"):
            if kunci in s.konteks or kunci in x.isi:
                assert s.konteks.get(kunci) == x.isi.get(kunci), (jenis, kunci)


def test_draf_langkah_pyb_meneruskan_surat_permohonan():
    d = bangun_pemda("indragiri_hilir", kode="inhil")
    dikbud = bangun_pd_dua_level(d.instansi, "Dinas Pendidikan")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=dikbud.seksi[0], kriteria="Perencana")
    assert p.langkah_sekarang["peran"] == "pyb_asal"
    daftar = surat_draf_untuk_permohonan(permohonan=p, user=d.bupati.user)
    assert [x.jenis for x in daftar] == [JenisDokumen.PERMOHONAN_PELIBATAN]
    assert daftar[0].penandatangan["nama"] == d.bupati.nama_lengkap  # the PyB forwards and signs
    sudah = set(Surat.objects.values_list("pk", flat=True))
    services.permohonan_setujui(actor=d.bupati.user, permohonan_id=p.pk)
    baru = Surat.objects.exclude(pk__in=sudah).get()
    assert baru.penandatangan_nama == daftar[0].penandatangan["nama"] and baru.perihal == daftar[0].perihal
    assert baru.konteks["kepada"] == daftar[0].isi["kepada"]
