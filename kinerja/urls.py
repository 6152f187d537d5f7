import inti.converters  # noqa: F401  (registers <id:…>)
from django.urls import path

from .views import ekspor, pk, rencana, saya, strategi, tim

# Kinerja I pages (PK, cascade, strategy, plans, role matrix, "kinerja saya")
urlpatterns: list = [
    path("", pk.pk_daftar, name="kinerja_pk_daftar"),
    path("saya/", saya.kinerja_saya, name="kinerja_saya"),
    path("pk/<id:pk>/", pk.pk_detail, name="kinerja_pk_detail"),
    path("pk/<id:pk>/sasaran/", pk.sasaran_tambah, name="kinerja_sasaran_tambah"),
    path("pk/<id:pk>/tetapkan/", pk.pk_tetapkan, name="kinerja_pk_tetapkan"),
    path("pk/<id:pk>/ubah/", pk.pk_ubah, name="kinerja_pk_ubah"),
    path("pk/<id:pk>/impor/", pk.pk_impor, name="kinerja_pk_impor"),
    path("pk/<id:pk>/kaskade/", pk.pk_kaskade, name="kinerja_pk_kaskade"),
    path("sasaran/<id:pk>/indikator/", pk.indikator_tambah, name="kinerja_indikator_tambah"),
    path("indikator/<id:pk>/hapus/", pk.indikator_hapus, name="kinerja_indikator_hapus"),
    path("indikator/<id:pk>/bagi/", pk.kaskade_bagi, name="kinerja_kaskade_bagi"),
    path("target/<id:pk>/", strategi.target_detail, name="kinerja_target_detail"),
    path("target/<id:pk>/strategi/", strategi.strategi_simpan, name="kinerja_strategi_simpan"),
    path("target/<id:pk>/permohonan/", strategi.strategi_permohonan, name="kinerja_strategi_permohonan"),
    path("target/<id:pk>/tautkan/", strategi.target_tautkan, name="kinerja_target_tautkan"),
    path("target/<id:pk>/rencana-anggaran/", rencana.rka_baru, name="kinerja_rka_baru"),
    path("rencana-anggaran/<id:pk>/", rencana.rka_detail, name="kinerja_rka_detail"),
    path("rencana-anggaran/<id:pk>/ajukan/", rencana.rka_ajukan, name="kinerja_rka_ajukan"),
    path("rencana-anggaran/<id:pk>/putuskan/", rencana.rka_putuskan, name="kinerja_rka_putuskan"),
    path("tim/<id:pk>/", tim.tim_kinerja, name="kinerja_tim"),
    path("tim/<id:pk>/matriks/", tim.matriks_isi, name="kinerja_matriks_isi"),
    path("tim/<id:pk>/keputusan/", tim.keputusan_perbarui, name="kinerja_keputusan_perbarui"),
    path("tim/<id:pk>/rencana-aksi/", tim.rencana_aksi_simpan, name="kinerja_rencana_aksi"),
    path("matriks/<id:pk>/tanggapi/", tim.matriks_tanggapi, name="kinerja_matriks_tanggapi"),
    path("tim/<id:pk>/matriks.<str:jenis>", ekspor.matriks_tim_unduh, name="kinerja_matriks_tim_unduh"),
    path("unit/<id:pk>/matriks/", ekspor.matriks_unit, name="kinerja_matriks_unit"),
    path("unit/<id:pk>/matriks.<str:jenis>", ekspor.matriks_unit_unduh, name="kinerja_matriks_unit_unduh"),
]
