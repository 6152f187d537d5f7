"""Account forms: login with a message that names both fields, and the e-mail password reset."""
from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class FormMasuk(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Nama pengguna dan kata sandi tidak cocok. Periksa keduanya; huruf besar dan kecil "
                           "dibedakan."),
        "inactive": _("Akun ini tidak aktif. Hubungi admin kepegawaian."),
    }
