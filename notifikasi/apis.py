"""DRF endpoints for the signed-in user's notifications (thin: selectors and services do the work)."""
from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors, services
from .models import Notifikasi


class NotifikasiPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "per_halaman"
    max_page_size = 100


class NotifikasiListApi(APIView):
    """List my notifications, newest first (``?belum_dibaca=1`` for unread only)."""

    pagination_class = NotifikasiPagination  # the documented response is the page (count, next, results)

    class OutputSerializer(serializers.ModelSerializer):
        dibaca = serializers.BooleanField(source="sudah_dibaca", read_only=True)

        class Meta:
            model = Notifikasi
            fields = ["id", "jenis", "judul", "pesan", "url", "dibaca", "dibaca_pada", "created_at"]

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request):
        hanya_belum = request.query_params.get("belum_dibaca", "").lower() in {"1", "true", "ya"}
        qs = selectors.notifikasi_qs(user=request.user, hanya_belum_dibaca=hanya_belum)
        paginator = NotifikasiPagination()
        halaman = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(self.OutputSerializer(halaman, many=True).data)


class NotifikasiJumlahBelumDibacaApi(APIView):
    """How many of my notifications are unread."""

    @extend_schema(responses=inline_serializer("JumlahBelumDibaca", {"belum_dibaca": serializers.IntegerField()}))
    def get(self, request):
        return Response({"belum_dibaca": selectors.jumlah_belum_dibaca(request.user)})


class NotifikasiTandaiDibacaApi(APIView):
    """Mark one of my notifications as read."""

    @extend_schema(request=None, responses=inline_serializer(
        "TandaiDibaca", {"ditandai": serializers.IntegerField(), "belum_dibaca": serializers.IntegerField()}))
    def post(self, request, notifikasi_id: int):
        jumlah = services.notifikasi_tandai_dibaca(user=request.user, notifikasi_id=notifikasi_id)
        return Response({"ditandai": jumlah, "belum_dibaca": selectors.jumlah_belum_dibaca(request.user)},
                        status=status.HTTP_200_OK)


class NotifikasiTandaiSemuaDibacaApi(APIView):
    """Mark all my notifications as read."""

    @extend_schema(request=None, responses=inline_serializer(
        "TandaiSemuaDibaca", {"ditandai": serializers.IntegerField(), "detail": serializers.CharField()}))
    def post(self, request):
        jumlah = services.notifikasi_tandai_dibaca(user=request.user, semua=True)
        return Response({"ditandai": jumlah,
                         "detail": _("%(jumlah)d notifikasi ditandai sudah dibaca.") % {"jumlah": jumlah}})
