from django.urls import path

from . import apis

urlpatterns = [
    path("bukti/", apis.BuktiListApi.as_view(), name="api-pemeriksaan-bukti"),
]
