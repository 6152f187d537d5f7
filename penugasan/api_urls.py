import inti.converters  # noqa: F401  (registers <id:…>)
from django.urls import path

from . import apis, apis_pengakhiran

urlpatterns = [
    path("permohonan/", apis.PermohonanAjukanApi.as_view(), name="api-permohonan-ajukan"),
    path("permohonan/menunggu/", apis.MenungguKeputusanApi.as_view(), name="api-permohonan-menunggu"),
    path("permohonan/saya/", apis.PermohonanSayaApi.as_view(), name="api-permohonan-saya"),
    path("permohonan/<id:pk>/", apis.PermohonanDetailApi.as_view(), name="api-permohonan-detail"),
    path("permohonan/<id:pk>/ajukan/", apis.PermohonanAjukanDrafApi.as_view(), name="api-permohonan-ajukan-draf"),
    path("permohonan/<id:pk>/setujui/", apis.PermohonanSetujuiApi.as_view(), name="api-permohonan-setujui"),
    path("permohonan/<id:pk>/tolak/", apis.PermohonanTolakApi.as_view(), name="api-permohonan-tolak"),
    path("permohonan/<id:pk>/kembalikan/", apis.PermohonanKembalikanApi.as_view(), name="api-permohonan-kembalikan"),
    path("permohonan/<id:pk>/perbaiki/", apis.PermohonanPerbaikiApi.as_view(), name="api-permohonan-perbaiki"),
    path("permohonan/<id:pk>/jawab-ketersediaan/", apis.PermohonanJawabKetersediaanApi.as_view(),
         name="api-permohonan-jawab-ketersediaan"),
    path("permohonan/<id:pk>/batalkan/", apis.PermohonanBatalkanApi.as_view(), name="api-permohonan-batalkan"),
    path("penugasan/saya/", apis.PenugasanSayaApi.as_view(), name="api-penugasan-saya"),
    path("penugasan/<id:pk>/terima/", apis.PenugasanTerimaApi.as_view(), name="api-penugasan-terima"),
    path("tim/saya/", apis.TimSayaApi.as_view(), name="api-tim-saya"),
    path("permohonan/<id:pk>/selesaikan/", apis_pengakhiran.PermohonanSelesaikanApi.as_view(),
         name="api-permohonan-selesaikan"),
    path("penugasan/<id:pk>/selesaikan/", apis_pengakhiran.PenugasanSelesaikanApi.as_view(),
         name="api-penugasan-selesaikan"),
    path("penugasan/<id:pk>/batalkan/", apis_pengakhiran.PenugasanBatalkanApi.as_view(),
         name="api-penugasan-batalkan"),
    path("tim/<id:pk>/selesaikan/", apis_pengakhiran.TimSelesaikanApi.as_view(), name="api-tim-selesaikan"),
    path("tim/<id:pk>/bubarkan/", apis_pengakhiran.TimBubarkanApi.as_view(), name="api-tim-bubarkan"),
    path("tim/<id:pk>/penanggung-jawab/", apis_pengakhiran.TimPenanggungJawabApi.as_view(),
         name="api-tim-penanggung-jawab"),
    path("pegawai/<id:pk>/beban-kerja/", apis.BebanKerjaApi.as_view(), name="api-pegawai-beban-kerja"),
]
