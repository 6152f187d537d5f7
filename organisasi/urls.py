from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns: list = [
    path("masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=False), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("organisasi/bagan/", views.bagan, name="organisasi_bagan"),
    path("organisasi/instansi/<int:pk>/aturan/", views.aturan_berlaku, name="organisasi_aturan_berlaku"),
]
