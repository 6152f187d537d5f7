from django.urls import path

from . import views

urlpatterns: list = [
    path("notifikasi/", views.daftar, name="notifikasi_daftar"),
    path("notifikasi/tandai-dibaca/", views.tandai_dibaca, name="notifikasi_tandai_dibaca"),
]
