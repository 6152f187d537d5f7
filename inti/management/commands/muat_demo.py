"""``manage.py muat_demo``: load the fictional demo region, then the other apps' demo data.

Runs the loaders the apps registered (``inti.demo``) in INSTALLED_APPS order: organisasi (the
region and the accounts), penugasan (requests in every state), surat (the letters' PDFs); each
returns the (possibly extended) ``konteks`` for the next. Idempotent: running it again changes
nothing.
"""
from __future__ import annotations

from django.core.management.base import BaseCommand

from inti.demo import pemuat_demo


class Command(BaseCommand):
    help = "Memuat data demo: dua pemerintah daerah fiktif, pegawai, dan akun demo per peran."

    def handle(self, *args, **options):
        konteks: dict = {}
        for label, pemuat in pemuat_demo():
            hasil = pemuat(konteks)
            if isinstance(hasil, dict):
                konteks = hasil
            if label == "organisasi":
                self.stdout.write(self.style.SUCCESS(
                    f"Organisasi demo dimuat: {konteks['instansi']} dan {konteks['instansi2']}."))
            else:
                self.stdout.write(self.style.SUCCESS(f"{label}.demo dimuat."))

        self.stdout.write("")
        self.stdout.write("Buka: http://127.0.0.1:8000  (admin: http://127.0.0.1:8000/admin/)")
        self.stdout.write(f"Semua akun demo memakai kata sandi: {konteks['password']}  (hanya untuk demo lokal)")
        self.stdout.write("")
        baris = []
        for username, peran in konteks["peran"]:
            pegawai = getattr(konteks["users"][username], "pegawai", None)
            baris.append((username, peran, pegawai.nama_lengkap if pegawai else "—"))
        lebar = [max(len(r[i]) for r in baris + [("Login", "Peran", "Nama")]) for i in range(3)]
        garis = "-+-".join("-" * w for w in lebar)
        self.stdout.write(garis)
        self.stdout.write(" | ".join(h.ljust(w) for h, w in zip(("Login", "Peran", "Nama"), lebar)))
        self.stdout.write(garis)
        for r in baris:
            self.stdout.write(" | ".join(v.ljust(w) for v, w in zip(r, lebar)))
        self.stdout.write(garis)
