from django.urls import path

from . import apis

urlpatterns = [
    path("permohonan/", apis.PermohonanAjukanApi.as_view(), name="api-permohonan-ajukan"),
    path("permohonan/menunggu/", apis.MenungguKeputusanApi.as_view(), name="api-permohonan-menunggu"),
    path("permohonan/saya/", apis.PermohonanSayaApi.as_view(), name="api-permohonan-saya"),
    path("permohonan/<int:pk>/", apis.PermohonanDetailApi.as_view(), name="api-permohonan-detail"),
    path("permohonan/<int:pk>/ajukan/", apis.PermohonanAjukanDrafApi.as_view(), name="api-permohonan-ajukan-draf"),
    path("permohonan/<int:pk>/setujui/", apis.PermohonanSetujuiApi.as_view(), name="api-permohonan-setujui"),
    path("permohonan/<int:pk>/tolak/", apis.PermohonanTolakApi.as_view(), name="api-permohonan-tolak"),
    path("permohonan/<int:pk>/kembalikan/", apis.PermohonanKembalikanApi.as_view(), name="api-permohonan-kembalikan"),
    path("permohonan/<int:pk>/perbaiki/", apis.PermohonanPerbaikiApi.as_view(), name="api-permohonan-perbaiki"),
    path("permohonan/<int:pk>/jawab-ketersediaan/", apis.PermohonanJawabKetersediaanApi.as_view(),
         name="api-permohonan-jawab-ketersediaan"),
    path("permohonan/<int:pk>/batalkan/", apis.PermohonanBatalkanApi.as_view(), name="api-permohonan-batalkan"),
    path("penugasan/saya/", apis.PenugasanSayaApi.as_view(), name="api-penugasan-saya"),
    path("penugasan/<int:pk>/terima/", apis.PenugasanTerimaApi.as_view(), name="api-penugasan-terima"),
    path("tim/saya/", apis.TimSayaApi.as_view(), name="api-tim-saya"),
    path("pegawai/<int:pk>/beban-kerja/", apis.BebanKerjaApi.as_view(), name="api-pegawai-beban-kerja"),
]
