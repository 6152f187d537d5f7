from django.urls import path

from . import views

urlpatterns: list = [
    path("pemeriksaan/", views.beranda, name="pemeriksaan_beranda"),
    path("pemeriksaan/dasbor/", views.dasbor, name="pemeriksaan_dasbor"),
    path("pemeriksaan/cari/", views.cari, name="pemeriksaan_cari"),
    path("pemeriksaan/objek/<str:jenis>/<int:pk>/", views.detail, name="pemeriksaan_detail"),
    path("pemeriksaan/register/<str:kode>/", views.register_lihat, name="pemeriksaan_register"),
    path("pemeriksaan/register/<str:kode>/ekspor/", views.register_ekspor, name="pemeriksaan_register_ekspor"),
    path("pemeriksaan/ekspor/", views.ekspor_saya, name="pemeriksaan_ekspor_saya"),
    path("pemeriksaan/ekspor/<int:pk>/status/", views.ekspor_status, name="pemeriksaan_ekspor_status"),
    path("pemeriksaan/ekspor/<int:pk>/unduh/", views.ekspor_unduh, name="pemeriksaan_ekspor_unduh"),
]
