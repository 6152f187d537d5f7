import inti.converters  # noqa: F401  (registers <id:…>)
from django.urls import path

from . import views, views_pengakhiran

# Links inside notifications written by penugasan.services point at
# /penugasan/permohonan/<pk>/ and /penugasan/saya/: keep those paths stable.
urlpatterns: list = [
    path("", views.beranda, name="beranda"),
    path("kotak-masuk/", views.kotak_masuk, name="kotak_masuk"),
    path("kotak-masuk/setujui/", views.kotak_masuk_setujui_massal, name="kotak_masuk_setujui_massal"),
    path("penugasan/saya/", views.penugasan_saya, name="penugasan_saya"),
    path("penugasan/<id:pk>/terima/", views.penugasan_terima, name="penugasan_terima"),
    path("penugasan/permohonan/", views.permohonan_saya, name="permohonan_saya"),
    path("penugasan/permohonan/baru/", views.permohonan_baru, name="permohonan_baru"),
    path("penugasan/permohonan/sukarela/", views.pengajuan_sukarela, name="pengajuan_sukarela"),
    path("penugasan/permohonan/cari-pegawai/", views.cari_pegawai, name="cari_pegawai"),
    path("penugasan/permohonan/<id:pk>/", views.permohonan_detail, name="permohonan_detail"),
    path("penugasan/permohonan/<id:pk>/pratinjau/", views.permohonan_pratinjau, name="permohonan_pratinjau"),
    path("penugasan/permohonan/<id:pk>/setujui/", views.permohonan_setujui, name="permohonan_setujui"),
    path("penugasan/permohonan/<id:pk>/tolak/", views.permohonan_tolak, name="permohonan_tolak"),
    path("penugasan/permohonan/<id:pk>/kembalikan/", views.permohonan_kembalikan, name="permohonan_kembalikan"),
    path("penugasan/permohonan/<id:pk>/perbaiki/", views.permohonan_perbaiki, name="permohonan_perbaiki"),
    path("penugasan/permohonan/<id:pk>/ajukan-ulang/", views.permohonan_ajukan_ulang, name="permohonan_ajukan_ulang"),
    path("penugasan/permohonan/<id:pk>/batalkan/", views.permohonan_batalkan, name="permohonan_batalkan"),
    path("penugasan/permohonan/<id:pk>/selesaikan/", views_pengakhiran.permohonan_selesaikan,
         name="permohonan_selesaikan"),
    path("penugasan/<id:pk>/selesaikan/", views_pengakhiran.penugasan_selesaikan, name="penugasan_selesaikan"),
    path("penugasan/<id:pk>/batalkan/", views_pengakhiran.penugasan_batalkan, name="penugasan_batalkan"),
    path("penugasan/tim/<id:pk>/selesaikan/", views_pengakhiran.tim_selesaikan, name="tim_selesaikan"),
    path("penugasan/tim/<id:pk>/bubarkan/", views_pengakhiran.tim_bubarkan, name="tim_bubarkan"),
    path("penugasan/tim/<id:pk>/penanggung-jawab/", views_pengakhiran.tim_penanggung_jawab,
         name="tim_penanggung_jawab"),
    path("penugasan/tim/", views.tim_daftar, name="tim_daftar"),
    path("penugasan/tim/<id:pk>/", views.tim_detail, name="tim_detail"),
]
