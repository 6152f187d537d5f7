"""Accounts as users meet them: a login error that names both fields, and a password reset by
e-mail (Django's views, Bahasa Indonesia pages, the link built on SITE_URL, no enumeration)."""
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_salah_kata_sandi_menyebut_nama_pengguna_dan_kata_sandi(client):
    get_user_model().objects.create_user("budi", password="rahasia-benar-1")
    r = client.post(reverse("login"), {"username": "budi", "password": "salah"})
    teks = r.content.decode()
    assert r.status_code == 200
    assert "Nama pengguna dan kata sandi tidak cocok" in teks
    assert "Lupa kata sandi?" in teks and reverse("password_reset") in teks


def test_atur_ulang_kata_sandi_lewat_email_sampai_bisa_masuk(client, settings):
    settings.SITE_URL = "https://kerja.contoh.go.id"
    user = get_user_model().objects.create_user("budi", email="budi@contoh.go.id", password="kata-sandi-lama-1",
                                                first_name="Budi")
    r = client.post(reverse("password_reset"), {"email": "budi@contoh.go.id"})
    assert r.status_code == 302 and r["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    surel = mail.outbox[0]
    assert surel.to == ["budi@contoh.go.id"] and surel.subject == "Atur ulang kata sandi Sistem Kerja"
    assert "Yth. Budi" in surel.body and "Nama pengguna: budi" in surel.body
    tautan = re.search(r"https://kerja\.contoh\.go\.id(/atur-ulang-kata-sandi/\S+/)", surel.body).group(1)

    r = client.get(tautan, follow=True)  # Django swaps the token for a session marker, then the form
    assert 'data-testid="kata-sandi-baru"' in r.content.decode() and r.context["validlink"]
    form_url = r.redirect_chain[-1][0]
    r = client.post(form_url, {"new_password1": "1234", "new_password2": "1234"})
    assert r.status_code == 200 and "new_password2" in r.context["form"].errors  # too short, all digits
    r = client.post(form_url, {"new_password1": "Kinerja-Baru-2026", "new_password2": "Kinerja-Baru-2026"})
    assert r.status_code == 302 and r["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("Kinerja-Baru-2026") and not user.check_password("kata-sandi-lama-1")

    # the link is single use
    r = client.get(tautan, follow=True)
    assert not r.context["validlink"] and "Tautan ini tidak berlaku lagi" in r.content.decode()
    r = client.post(reverse("login"), {"username": "budi", "password": "Kinerja-Baru-2026"})
    assert r.status_code == 302


def test_alamat_tak_dikenal_jawaban_sama_tanpa_email(client):
    r = client.post(reverse("password_reset"), {"email": "tidak.ada@contoh.go.id"})
    assert r.status_code == 302 and r["Location"] == reverse("password_reset_done")
    assert mail.outbox == []
    assert "Periksa e-mail Anda" in client.get(reverse("password_reset_done")).content.decode()
