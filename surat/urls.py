from django.urls import path

from . import views

urlpatterns: list = [
    path("verifikasi/<uuid:uuid>/", views.verifikasi, name="surat_verifikasi"),
    path("surat/<int:pk>/unduh/", views.unduh, name="surat_unduh"),
    path("surat/<int:pk>/cabut/", views.cabut, name="surat_cabut"),
    path("surat/draf/permohonan/<int:pk>/", views.draf_permohonan, name="surat_draf_permohonan"),
]
