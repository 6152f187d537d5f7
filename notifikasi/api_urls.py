from django.urls import path

from . import apis

app_name = "notifikasi-api"

urlpatterns = [
    path("", apis.NotifikasiListApi.as_view(), name="list"),
    path("belum-dibaca/", apis.NotifikasiJumlahBelumDibacaApi.as_view(), name="belum-dibaca"),
    path("tandai-semua-dibaca/", apis.NotifikasiTandaiSemuaDibacaApi.as_view(), name="tandai-semua-dibaca"),
    path("<int:notifikasi_id>/dibaca/", apis.NotifikasiTandaiDibacaApi.as_view(), name="tandai-dibaca"),
]
