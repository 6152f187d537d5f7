from django.urls import path

from . import views

urlpatterns: list = [
    path("", views.beranda, name="beranda"),
]
