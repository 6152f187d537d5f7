from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny, IsAuthenticated

# API docs and schema: login required where settings.API_DOCS_PERLU_MASUK (production). The
# split Swagger view serves its start-up script as a separate file (no inline script, CSP).
_izin_docs = [IsAuthenticated] if settings.API_DOCS_PERLU_MASUK else [AllowAny]
_schema = SpectacularAPIView.as_view(permission_classes=_izin_docs)
_docs = SpectacularSwaggerSplitView.as_view(url_name="schema", permission_classes=_izin_docs)
if settings.API_DOCS_PERLU_MASUK:
    _docs = login_required(_docs)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/schema/", _schema, name="schema"),
    path("api/docs/", _docs, name="api-docs"),
    path("api/organisasi/", include("organisasi.api_urls")),
    path("api/penugasan/", include("penugasan.api_urls")),
    path("api/kinerja/", include("kinerja.api_urls")),
    path("api/notifikasi/", include("notifikasi.api_urls")),
    path("api/pemeriksaan/", include("pemeriksaan.api_urls")),
    path("kinerja/pelaksanaan/", include("kinerja.urls_pelaksanaan")),
    path("kinerja/", include("kinerja.urls")),
    path("", include("pemeriksaan.urls")),
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
