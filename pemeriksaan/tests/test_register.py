"""Each register read back from its exported file (csv, openpyxl, pdftotext): content, filters,
escaping, scope, and the export's audit row."""
from __future__ import annotations

import hashlib
import io
import json

import pytest
from django.db.models import F
from django.urls import reverse
from openpyxl import load_workbook

from organisasi.tests.factories import UserFactory
from pemeriksaan.models import Ekspor, PengaturanPemeriksaan, StatusEkspor
from inti.models import JejakAudit
from surat.models import SeriNomor, Surat
from surat.services import surat_cabut
from surat.tests.helpers import pdf_teks_rapat

from .helpers import baca_csv, dua_pemda, penanda_b

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return dua_pemda()


def _ekspor(client, kode: str, format: str = "csv", **saringan) -> bytes:
    r = client.post(reverse("pemeriksaan_register_ekspor", args=[kode]), {"format": format, **saringan})
    assert r.status_code == 200, r.content[:300]
    assert "attachment" in r["Content-Disposition"]
    return b"".join(r.streaming_content)


def _tanpa_b(w, teks: str) -> None:
    for penanda in penanda_b(w):
        assert penanda not in teks, penanda


def test_register_surat_csv_isi_saringan_lingkup_dan_jejak(client, w):
    client.force_login(w.auditor)
    surat_a = Surat.objects.filter(instansi=w.a.instansi)
    dicabut = surat_a.filter(jenis="surat_tugas").first() or surat_a.first()
    surat_cabut(surat_id=dicabut.pk, actor=UserFactory(is_superuser=True), alasan="Salah nama pegawai")
    data = _ekspor(client, "surat")
    baris = baca_csv(data)
    kolom, isi = baris[0], baris[1:]
    assert kolom[:3] == ["Nomor", "Tanggal", "Jenis"] and "SHA-256" in kolom and "Tautan verifikasi" in kolom
    assert sorted(r[0] for r in isi) == sorted(surat_a.values_list("nomor", flat=True))
    per_nomor = {r[0]: dict(zip(kolom, r)) for r in isi}
    cabut = per_nomor[dicabut.nomor]
    assert cabut["Status"] == "Dicabut" and cabut["Alasan pencabutan"] == "Salah nama pegawai"
    assert cabut["Tautan verifikasi"].endswith(f"/verifikasi/{dicabut.uuid}/")
    assert all(r["Penandatangan"] and r["Jabatan penandatangan"] for r in per_nomor.values())
    assert any(w.a.jf_muda[1].nip in r["Pihak (nama, NIP)"] for r in per_nomor.values())
    _tanpa_b(w, data.decode())
    # filter by kind: only that kind
    jenis = surat_a.values_list("jenis", flat=True).first()
    isi = baca_csv(_ekspor(client, "surat", jenis=jenis))[1:]
    assert len(isi) == surat_a.filter(jenis=jenis).count()
    # choosing the other Instansi is refused (not in the chooser), never answered with its rows
    r = client.post(reverse("pemeriksaan_register_ekspor", args=["surat"]),
                    {"format": "csv", "instansi": w.b.instansi.pk})
    assert r.status_code == 302
    # the export is audited: who, register, filters, rows, hash of the file
    jejak = JejakAudit.objects.filter(aksi="ekspor.selesai", actor=w.auditor).order_by("-pk").first()
    catatan = json.loads(jejak.alasan)
    assert catatan["register"] == "surat" and catatan["saringan"] == {"jenis": jenis}
    assert catatan["jumlah_baris"] == surat_a.filter(jenis=jenis).count()
    ekspor = Ekspor.objects.get(pk=jejak.objek_id)
    assert ekspor.status == StatusEkspor.SELESAI and not ekspor.latar and ekspor.sha256 == catatan["sha256"]


def test_register_surat_xlsx_dan_pdf_dengan_celah_nomor(client, w):
    client.force_login(w.auditor)
    seri = SeriNomor.objects.filter(instansi=w.a.instansi).first()
    SeriNomor.objects.filter(pk=seri.pk).update(nomor_terakhir=F("nomor_terakhir") + 2)  # two numbers lost
    seri.refresh_from_db()
    data = _ekspor(client, "surat", format="xlsx")
    wb = load_workbook(io.BytesIO(data), read_only=True)
    lembar_surat, lembar_celah = wb.worksheets
    baris = list(lembar_surat.iter_rows(values_only=True))
    assert baris[0][0] == "Nomor" and len(baris) - 1 == Surat.objects.filter(instansi=w.a.instansi).count()
    celah = [r for r in lembar_celah.iter_rows(values_only=True)][1:]
    bercelah = [r for r in celah if r[-1] == "Ada celah"]
    assert len(bercelah) == 1
    assert bercelah[0][6] == f"{seri.nomor_terakhir - 1}, {seri.nomor_terakhir}"
    _tanpa_b(w, " ".join(str(c) for r in [*baris, *celah] for c in r if c is not None))
    # the page shows the gap too
    html = client.get(reverse("pemeriksaan_register", args=["surat"])).content.decode()
    assert "Ada seri nomor dengan nomor yang hilang" in html
    # PDF summary: title, filters, rows and the gap check
    teks = pdf_teks_rapat(_ekspor(client, "surat", format="pdf"))
    assert "Register surat" in teks and "Ada celah" in teks
    nomor = Surat.objects.filter(instansi=w.a.instansi).values_list("nomor", flat=True).first()
    assert nomor in teks.replace(" ", "") or nomor in teks
    _tanpa_b(w, teks)


def test_register_beban_di_atas_batas_lebih_dulu(client, w):
    client.force_login(w.auditor)
    PengaturanPemeriksaan.objects.create(instansi=w.a.instansi, batas_tim_per_tahun=0)
    tahun = w.a.isi.permohonan.mulai.year
    isi = baca_csv(_ekspor(client, "beban", dari=f"{tahun}-01-01", sampai=f"{tahun}-12-31"))
    kolom, isi = isi[0], isi[1:]
    assert kolom[:2] == ["NIP", "Nama"] and isi
    melebihi = [r[kolom.index("Melebihi batas")] for r in isi]
    assert melebihi == sorted(melebihi, key=lambda x: x != "Ya") and melebihi[0] == "Ya"
    nip = {r[0] for r in isi}
    assert w.a.jf_muda[1].nip in nip and w.a.jf_pertama[0].nip in nip
    assert {r[kolom.index("Batas tim per tahun")] for r in isi} == {"0"}
    _tanpa_b(w, "\n".join(",".join(r) for r in isi))
    hanya = baca_csv(_ekspor(client, "beban", status="melebihi", dari=f"{tahun}-01-01"))[1:]
    assert hanya and all(r[kolom.index("Melebihi batas")] == "Ya" for r in hanya)


def test_register_keputusan_dan_jejak_audit_memuat_percobaan_ditolak(client, w):
    client.force_login(w.auditor)
    isi = baca_csv(_ekspor(client, "keputusan"))
    kolom, isi = isi[0], isi[1:]
    milik = [dict(zip(kolom, r)) for r in isi if r[0] == str(w.a.isi.permohonan.pk)]
    assert milik and all(r["Waktu"] for r in milik)
    assert any(r["Pengguna"] == w.a.kabid[1].user.username and r["Diizinkan"] == "Ya" for r in milik)
    ditolak = [dict(zip(kolom, r)) for r in isi if r[0] == str(w.a.isi.sukarela.pk) and r[-1] == "Tidak"]
    assert ditolak and ditolak[0]["Alasan"]
    _tanpa_b(w, "\n".join(",".join(r) for r in isi))
    # filter by route
    hanya = baca_csv(_ekspor(client, "keputusan", jenis="sukarela_dalam_unit"))[1:]
    assert hanya and {r[0] for r in hanya} == {str(w.a.isi.sukarela.pk)}
    # the audit trail: refused attempts only
    jejak = baca_csv(_ekspor(client, "jejak_audit", status="ditolak"))
    kolom, isi = jejak[0], jejak[1:]
    assert isi and {r[-1] for r in isi} == {"Tidak"}
    assert str(w.a.isi.sukarela.pk) in {r[kolom.index("ID objek")] for r in isi}
    semua = baca_csv(_ekspor(client, "jejak_audit"))[1:]
    assert len(semua) > len(isi)
    _tanpa_b(w, "\n".join(",".join(r) for r in semua))
    ids_b = {str(w.b.isi.permohonan.pk), str(w.b.isi.sukarela.pk)}
    assert not any(r[kolom.index("Jenis objek")] == "penugasan.PermohonanPenugasan" and r[kolom.index("ID objek")]
                   in ids_b for r in semua)


def test_hash_jejak_sama_dengan_berkas_yang_diterima(client, w):
    client.force_login(w.auditor)
    data = _ekspor(client, "surat", format="xlsx")
    jejak = JejakAudit.objects.filter(aksi="ekspor.selesai", actor=w.auditor).latest("pk")
    assert json.loads(jejak.alasan)["sha256"] == hashlib.sha256(data).hexdigest()
