from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import FormMasuk

urlpatterns: list = [
    path("masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=False, authentication_form=FormMasuk),
         name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    # Password reset by e-mail (Django's own views; templates in templates/registration/). An
    # address without an account gets the same answer as one with (no account enumeration).
    path("lupa-kata-sandi/", views.LupaKataSandi.as_view(), name="password_reset"),
    path("lupa-kata-sandi/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("atur-ulang-kata-sandi/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("atur-ulang-kata-sandi/selesai/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("organisasi/bagan/", views.bagan, name="organisasi_bagan"),
    path("organisasi/instansi/<int:pk>/aturan/", views.aturan_berlaku, name="organisasi_aturan_berlaku"),
]
