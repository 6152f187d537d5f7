from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/organisasi/", include("organisasi.api_urls")),
    path("api/penugasan/", include("penugasan.api_urls")),
    path("api/kinerja/", include("kinerja.api_urls")),
    path("api/notifikasi/", include("notifikasi.api_urls")),
    path("", include("surat.urls")),
    path("", include("notifikasi.urls")),
    path("", include("penugasan.urls")),
    path("", include("organisasi.urls")),
]

# MEDIA_ROOT (issued letters, uploaded org charts) is never served under MEDIA_URL, not even with
# DEBUG: letters only through the permission-checked view ``surat_unduh``.

# HTML error pages: one mapping for every app (inti.galat)
handler400 = "inti.galat.halaman_400"
handler403 = "inti.galat.halaman_403"
handler404 = "inti.galat.halaman_404"
handler500 = "inti.galat.halaman_500"
