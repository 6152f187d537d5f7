from django.urls import path

from . import apis

urlpatterns = [
    path("perangkat-daerah/<int:pk>/unit/", apis.UnitPohonApi.as_view(), name="api-organisasi-unit-pohon"),
    path("pegawai/", apis.PegawaiCariApi.as_view(), name="api-organisasi-pegawai-cari"),
]
