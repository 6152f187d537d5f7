"""REST endpoints of Kinerja II under /api/kinerja/ (included by ``kinerja.api_urls``)."""
from django.urls import path

from .apis import pelaksanaan as a

urlpatterns = [
    path("laporan/", a.LaporanListApi.as_view(), name="api-kinerja-laporan-list"),
    path("laporan/kirim/", a.LaporanKirimApi.as_view(), name="api-kinerja-laporan-kirim"),
    path("laporan/<int:pk>/", a.LaporanDetailApi.as_view(), name="api-kinerja-laporan-detail"),
    path("laporan/<int:pk>/kirim-ulang/", a.LaporanKirimUlangApi.as_view(), name="api-kinerja-laporan-kirim-ulang"),
    path("laporan/<int:pk>/terima/", a.LaporanTerimaApi.as_view(), name="api-kinerja-laporan-terima"),
    path("laporan/<int:pk>/kembalikan/", a.LaporanKembalikanApi.as_view(), name="api-kinerja-laporan-kembalikan"),
    path("laporan/<int:pk>/bukti/", a.BuktiTambahApi.as_view(), name="api-kinerja-bukti-tambah"),
    path("bukti/<int:pk>/unduh/", a.BuktiUnduhApi.as_view(), name="api-kinerja-bukti-unduh"),
    path("permintaan/", a.PermintaanListApi.as_view(), name="api-kinerja-permintaan-list"),
    path("permintaan/buat/", a.PermintaanBuatApi.as_view(), name="api-kinerja-permintaan-buat"),
    path("permintaan/<int:pk>/batalkan/", a.PermintaanBatalkanApi.as_view(), name="api-kinerja-permintaan-batalkan"),
    path("kendala/", a.KendalaListApi.as_view(), name="api-kinerja-kendala-list"),
    path("kendala/ajukan/", a.KendalaAjukanApi.as_view(), name="api-kinerja-kendala-ajukan"),
    path("kendala/<int:pk>/", a.KendalaDetailApi.as_view(), name="api-kinerja-kendala-detail"),
    path("kendala/<int:pk>/putuskan/", a.KendalaPutuskanApi.as_view(), name="api-kinerja-kendala-putuskan"),
    path("kendala/<int:pk>/teruskan/", a.KendalaTeruskanApi.as_view(), name="api-kinerja-kendala-teruskan"),
    path("kendala/<int:pk>/tindaklanjuti/", a.KendalaTindaklanjutiApi.as_view(),
         name="api-kinerja-kendala-tindaklanjuti"),
    path("kendala/<int:pk>/tutup/", a.KendalaTutupApi.as_view(), name="api-kinerja-kendala-tutup"),
    path("hasil/", a.HasilListApi.as_view(), name="api-kinerja-hasil-list"),
    path("hasil/serahkan/", a.HasilSerahkanApi.as_view(), name="api-kinerja-hasil-serahkan"),
    path("hasil/<int:pk>/", a.HasilDetailApi.as_view(), name="api-kinerja-hasil-detail"),
    path("hasil/<int:pk>/teruskan/", a.HasilTeruskanApi.as_view(), name="api-kinerja-hasil-teruskan"),
    path("hasil/<int:pk>/kembalikan/", a.HasilKembalikanApi.as_view(), name="api-kinerja-hasil-kembalikan"),
    path("hasil/<int:pk>/perbaiki/", a.HasilPerbaikiApi.as_view(), name="api-kinerja-hasil-perbaiki"),
    path("hasil/<int:pk>/terima/", a.HasilTerimaApi.as_view(), name="api-kinerja-hasil-terima"),
    path("hasil/<int:pk>/serahkan-ulang/", a.HasilSerahkanUlangApi.as_view(), name="api-kinerja-hasil-serahkan-ulang"),
    path("target/<int:pk>/papan/", a.PapanTargetApi.as_view(), name="api-kinerja-papan-target"),
    path("catatan-bawahan/", a.CatatanBawahanApi.as_view(), name="api-kinerja-catatan-bawahan"),
]
