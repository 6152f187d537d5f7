"""Evidence API for evaluators' tools (token or session auth): the documents of the caller's
audit scope by kind and year, with their status, signer and SHA-256 (read-only)."""
from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import APIView

from surat.models import JenisDokumen
from surat.pdf import url_verifikasi

from .permissions import boleh_memeriksa
from .selectors import Saringan
from .selectors.surat import surat_qs


class BuktiPagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "per_halaman"
    max_page_size = 1000


class BuktiListApi(APIView):
    """Documents (letters) of my audit scope, filtered by kind (``jenis``) and year (``tahun``),
    oldest first. Auditors and superusers only (403 otherwise); other Instansi never appear."""

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        jenis = serializers.CharField()
        nomor = serializers.CharField()
        tanggal = serializers.DateField()
        tahun = serializers.IntegerField()
        perihal = serializers.CharField()
        instansi = serializers.CharField(source="instansi.nama")
        perangkat_daerah = serializers.CharField(source="perangkat_daerah.nama", default="")
        penandatangan_nama = serializers.CharField()
        penandatangan_nip = serializers.CharField()
        penandatangan_jabatan = serializers.CharField()
        status = serializers.CharField()
        alasan_pencabutan = serializers.CharField()
        sha256 = serializers.CharField()
        url_verifikasi = serializers.SerializerMethodField()
        url_unduh = serializers.SerializerMethodField()

        class Meta:
            ref_name = "BuktiDokumen"

        def get_url_verifikasi(self, obj) -> str:
            return url_verifikasi(obj.uuid)

        def get_url_unduh(self, obj) -> str:
            return reverse("surat_unduh", args=[obj.pk])

    @extend_schema(
        operation_id="pemeriksaan_bukti_list", responses=OutputSerializer(many=True),
        parameters=[
            OpenApiParameter("jenis", OpenApiTypes.STR, enum=JenisDokumen.values,
                             description="Jenis dokumen (kosong: semua)"),
            OpenApiParameter("tahun", OpenApiTypes.INT, description="Tahun surat (kosong: semua)"),
            OpenApiParameter("instansi", OpenApiTypes.INT, description="Id instansi dalam lingkup (kosong: semua)"),
        ])
    def get(self, request):
        if not boleh_memeriksa(request.user):
            raise PermissionDenied("Hanya auditor yang dapat menarik bukti.")
        jenis = request.query_params.get("jenis", "")
        if jenis and jenis not in JenisDokumen.values:
            raise ValidationError({"jenis": [f"Jenis dokumen tidak dikenal; pilihan: {', '.join(JenisDokumen.values)}."]})
        try:
            tahun = int(request.query_params["tahun"]) if request.query_params.get("tahun") else None
            instansi = int(request.query_params["instansi"]) if request.query_params.get("instansi") else None
        except ValueError:
            raise ValidationError({"tahun": ["Tahun dan instansi harus berupa angka."]})
        qs = surat_qs(request.user, Saringan(instansi=instansi, jenis=jenis)).select_related(
            "instansi", "perangkat_daerah")
        if tahun:
            qs = qs.filter(tahun=tahun)
        paginator = BuktiPagination()
        halaman = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(self.OutputSerializer(halaman, many=True).data)
