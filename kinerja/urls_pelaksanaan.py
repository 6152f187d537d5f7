"""HTML pages of Kinerja II under /kinerja/pelaksanaan/ (separate from Kinerja I's ``kinerja.urls``)."""
from django.urls import path

from .views import pelaksanaan as v

urlpatterns = [
    path("", v.beranda, name="kinerja_pelaksanaan_beranda"),
    path("laporan/kirim/", v.laporan_kirim, name="kinerja_pelaksanaan_laporan_kirim"),
    path("laporan/<int:pk>/", v.laporan_detail, name="kinerja_pelaksanaan_laporan"),
    path("laporan/<int:pk>/<slug:aksi>/", v.laporan_aksi, name="kinerja_pelaksanaan_laporan_aksi"),
    path("bukti/<int:pk>/", v.bukti_unduh, name="kinerja_pelaksanaan_bukti"),
    path("permintaan/buat/", v.permintaan_buat, name="kinerja_pelaksanaan_permintaan_buat"),
    path("permintaan/<int:pk>/batalkan/", v.permintaan_batalkan, name="kinerja_pelaksanaan_permintaan_batalkan"),
    path("kendala/ajukan/", v.kendala_ajukan, name="kinerja_pelaksanaan_kendala_ajukan"),
    path("kendala/<int:pk>/", v.kendala_detail, name="kinerja_pelaksanaan_kendala"),
    path("kendala/<int:pk>/<slug:aksi>/", v.kendala_aksi, name="kinerja_pelaksanaan_kendala_aksi"),
    path("hasil/serahkan/", v.hasil_serahkan, name="kinerja_pelaksanaan_hasil_serahkan"),
    path("hasil/<int:pk>/", v.hasil_detail, name="kinerja_pelaksanaan_hasil"),
    path("hasil/<int:pk>/<slug:aksi>/", v.hasil_aksi, name="kinerja_pelaksanaan_hasil_aksi"),
    path("target/<int:pk>/papan/", v.papan_target, name="kinerja_pelaksanaan_papan"),
    path("catatan-bawahan/", v.catatan_bawahan, name="kinerja_pelaksanaan_catatan_bawahan"),
    path("dasbor/", v.dasbor, name="kinerja_pelaksanaan_dasbor"),
]
