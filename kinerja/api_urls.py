from django.urls import include, path

from . import apis

urlpatterns = [
    path("pk/", apis.PkListApi.as_view(), name="api-kinerja-pk-list"),
    path("pk/buat/", apis.PkBuatApi.as_view(), name="api-kinerja-pk-buat"),
    path("pk/<int:pk>/", apis.PkDetailApi.as_view(), name="api-kinerja-pk-detail"),
    path("pk/<int:pk>/kaskade/", apis.PohonKaskadeApi.as_view(), name="api-kinerja-pk-kaskade"),
    path("pk/<int:pk>/tetapkan/", apis.PkTetapkanApi.as_view(), name="api-kinerja-pk-tetapkan"),
    path("pk/<int:pk>/ubah/", apis.PkUbahApi.as_view(), name="api-kinerja-pk-ubah"),
    path("pk/<int:pk>/impor/", apis.PkImporApi.as_view(), name="api-kinerja-pk-impor"),
    path("pk/<int:pk>/sasaran/", apis.SasaranTambahApi.as_view(), name="api-kinerja-sasaran-tambah"),
    path("sasaran/<int:pk>/ubah/", apis.SasaranUbahApi.as_view(), name="api-kinerja-sasaran-ubah"),
    path("sasaran/<int:pk>/indikator/", apis.IndikatorTambahApi.as_view(), name="api-kinerja-indikator-tambah"),
    path("indikator/<int:pk>/ubah/", apis.IndikatorUbahApi.as_view(), name="api-kinerja-indikator-ubah"),
    path("indikator/<int:pk>/hapus/", apis.IndikatorHapusApi.as_view(), name="api-kinerja-indikator-hapus"),
    path("indikator/<int:pk>/kaskade/", apis.KaskadeBagiApi.as_view(), name="api-kinerja-kaskade-bagi"),
    path("target/<int:pk>/strategi/", apis.StrategiTetapkanApi.as_view(), name="api-kinerja-strategi"),
    path("target/<int:pk>/permohonan/pratinjau/", apis.StrategiPratinjauPermohonanApi.as_view(),
         name="api-kinerja-strategi-pratinjau"),
    path("target/<int:pk>/permohonan/", apis.StrategiBuatPermohonanApi.as_view(), name="api-kinerja-strategi-permohonan"),
    path("target/<int:pk>/tautkan/", apis.TautkanApi.as_view(), name="api-kinerja-tautkan"),
    path("target/<int:pk>/rencana-anggaran/", apis.RencanaAnggaranBuatApi.as_view(), name="api-kinerja-rka-buat"),
    path("rencana-anggaran/<int:pk>/ubah/", apis.RencanaAnggaranUbahApi.as_view(), name="api-kinerja-rka-ubah"),
    path("rencana-anggaran/<int:pk>/ajukan/", apis.RencanaAnggaranAjukanApi.as_view(), name="api-kinerja-rka-ajukan"),
    path("rencana-anggaran/<int:pk>/setujui/", apis.RencanaAnggaranSetujuiApi.as_view(), name="api-kinerja-rka-setujui"),
    path("rencana-anggaran/<int:pk>/kembalikan/", apis.RencanaAnggaranKembalikanApi.as_view(),
         name="api-kinerja-rka-kembalikan"),
    path("tim/<int:pk>/rencana-aksi/", apis.RencanaAksiSimpanApi.as_view(), name="api-kinerja-rencana-aksi"),
    path("tim/<int:pk>/matriks/", apis.MatriksTimApi.as_view(), name="api-kinerja-matriks-tim"),
    path("tim/<int:pk>/matriks/isi/", apis.MatriksIsiApi.as_view(), name="api-kinerja-matriks-isi"),
    path("matriks/<int:pk>/terima/", apis.MatriksTerimaApi.as_view(), name="api-kinerja-matriks-terima"),
    path("matriks/<int:pk>/minta-perbaikan/", apis.MatriksMintaPerbaikanApi.as_view(),
         name="api-kinerja-matriks-minta-perbaikan"),
    path("unit/<int:pk>/matriks/", apis.MatriksUnitApi.as_view(), name="api-kinerja-matriks-unit"),
    path("rencana-kerja/", apis.RencanaKerjaSimpanApi.as_view(), name="api-kinerja-rencana-kerja"),
    path("saya/", apis.KinerjaSayaApi.as_view(), name="api-kinerja-saya"),
]

# Kinerja II (running the work): its own module, so the two halves' route lists merge cleanly
urlpatterns += [path("", include("kinerja.api_urls_pelaksanaan"))]
