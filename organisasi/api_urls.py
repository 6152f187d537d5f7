from django.urls import path

from . import apis

urlpatterns = [
    path("perangkat-daerah/<int:pk>/unit/", apis.UnitPohonApi.as_view(), name="api-organisasi-unit-pohon"),
    path("instansi/<int:pk>/aturan/", apis.AturanBerlakuApi.as_view(), name="api-organisasi-aturan-berlaku"),
    path("pegawai/", apis.PegawaiCariApi.as_view(), name="api-organisasi-pegawai-cari"),
]
