"""Read-only REST API of the organisation: the unit tree of a Perangkat Daerah with its
officials resolved, and a staff search. One APIView per operation, output serializers only;
reads through selectors, access through ``permissions``."""
from __future__ import annotations

import datetime

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import get_object_or_404
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from inti import waktu

from . import permissions, selectors, selectors_aturan
from .models import Instansi, Kompetensi, PerangkatDaerah, UnitOrganisasi


class PejabatOutput(serializers.Serializer):
    pegawai_id = serializers.IntegerField(source="pegawai.pk")
    nama = serializers.CharField(source="pegawai.nama_lengkap")
    nip = serializers.CharField(source="pegawai.nip")
    jabatan = serializers.CharField(source="sebutan")
    sebagai = serializers.CharField()
    eskalasi_dari = serializers.CharField(source="eskalasi_dari.nama", default=None)

    class Meta:
        ref_name = "OrganisasiPejabat"


class SimpulOutput(serializers.Serializer):
    id = serializers.IntegerField(source="unit.pk")
    kode = serializers.CharField(source="unit.kode")
    nama = serializers.CharField(source="unit.nama")
    jenis = serializers.CharField(source="unit.jenis")
    level = serializers.IntegerField()
    jabatan_kepala = serializers.CharField(source="jabatan_kepala.nama", default=None)
    kepala = PejabatOutput(allow_null=True)
    ppk = PejabatOutput(allow_null=True)
    pimpinan = PejabatOutput(allow_null=True)
    jumlah_staf = serializers.IntegerField()
    anak = serializers.SerializerMethodField()

    def get_anak(self, obj) -> list[dict]:
        return SimpulOutput(obj.anak, many=True).data


class UnitPohonApi(APIView):
    """GET /api/organisasi/perangkat-daerah/<id>/unit/?tanggal=YYYY-MM-DD"""

    class OutputSerializer(serializers.Serializer):
        perangkat_daerah = serializers.CharField(source="pd.nama")
        tanggal = serializers.DateField()
        unit = SimpulOutput(many=True, source="akar")

        class Meta:
            ref_name = "OrganisasiUnitPohon"

    @extend_schema(responses=OutputSerializer, parameters=[OpenApiParameter("tanggal", str, required=False)])
    def get(self, request, pk: int):
        pd = get_object_or_404(PerangkatDaerah, pk=pk)
        if not permissions.boleh_baca_organisasi(request.user, pd.instansi_id):
            raise PermissionDenied("Anda tidak berwenang melihat organisasi instansi ini.")
        tanggal = _tanggal(request)
        akar = selectors.bagan_perangkat_daerah(perangkat_daerah_id=pd.pk, tanggal=tanggal)
        return Response(self.OutputSerializer({"pd": pd, "tanggal": tanggal, "akar": akar}).data)


def _tanggal(request) -> datetime.date:
    nilai = request.query_params.get("tanggal")
    if not nilai:
        return waktu.hari_ini()
    try:
        return datetime.date.fromisoformat(nilai)
    except ValueError:
        raise serializers.ValidationError({"tanggal": "Format tanggal harus YYYY-MM-DD."}) from None


class Paginasi(PageNumberPagination):
    page_size = 25
    page_size_query_param = "ukuran"
    max_page_size = 100


class PegawaiCariApi(APIView):
    """GET /api/organisasi/pegawai/?q=&instansi=&unit=&kompetensi= — active JF/Pelaksana."""

    pagination_class = Paginasi  # the documented response is the page (count, next, results)

    class InputSerializer(serializers.Serializer):
        q = serializers.CharField(required=False, allow_blank=True, max_length=100)
        instansi = serializers.IntegerField(required=False)
        unit = serializers.IntegerField(required=False)
        kompetensi = serializers.IntegerField(required=False)

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        nip = serializers.CharField()
        nama = serializers.CharField(source="nama_lengkap")
        jabatan = serializers.CharField(source="jabatan_nama", allow_null=True)
        unit = serializers.CharField(source="unit_nama", allow_null=True)
        kompetensi = serializers.SerializerMethodField()

        class Meta:
            ref_name = "OrganisasiPegawaiCari"

        def get_kompetensi(self, obj) -> list[str]:
            return [k.nama for k in obj.kompetensi.all()]

    @extend_schema(parameters=[InputSerializer], responses=OutputSerializer(many=True))
    def get(self, request):
        masukan = self.InputSerializer(data=request.query_params)
        masukan.is_valid(raise_exception=True)
        d = masukan.validated_data
        instansi_id = d.get("instansi") or permissions.instansi_pengguna(request.user)
        if instansi_id is None:
            raise serializers.ValidationError({"instansi": "Pilih instansi."})
        if not permissions.boleh_baca_organisasi(request.user, instansi_id):
            raise PermissionDenied("Anda tidak berwenang mencari pegawai instansi ini.")
        unit = None
        if d.get("unit"):
            unit = get_object_or_404(UnitOrganisasi, pk=d["unit"], instansi_id=instansi_id)
        kompetensi = get_object_or_404(Kompetensi, pk=d["kompetensi"]) if d.get("kompetensi") else None
        qs = selectors.pegawai_cari(instansi_id=instansi_id, q=d.get("q", "").strip(), unit=unit,
                                    kompetensi=kompetensi).prefetch_related(
            Prefetch("kompetensi", queryset=Kompetensi.objects.order_by("nama")))
        paginasi = Paginasi()
        halaman = paginasi.paginate_queryset(qs, request, view=self)
        return paginasi.get_paginated_response(self.OutputSerializer(halaman, many=True).data)


class AturanBerlakuApi(APIView):
    """GET /api/organisasi/instansi/<id>/aturan/?tanggal=YYYY-MM-DD — the rules of an Instansi in force
    on a date (DOMAIN §9): the version, the enacting regulation, every setting and route with its
    article, and the list of all versions. Regulations are public: any signed-in user may read them."""

    class VersiOutput(serializers.Serializer):
        versi = serializers.IntegerField()
        berlaku_mulai = serializers.DateField()
        peraturan = serializers.CharField()
        preset = serializers.CharField()

        class Meta:
            ref_name = "OrganisasiVersiAturan"

    class OutputSerializer(serializers.Serializer):
        instansi = serializers.CharField(source="instansi.nama")
        tanggal = serializers.DateField()
        versi = serializers.IntegerField(source="aturan.versi")
        berlaku_mulai = serializers.DateField(source="aturan.berlaku_mulai")
        peraturan = serializers.CharField(source="aturan.peraturan")
        nomor = serializers.CharField(source="aturan.nomor")
        tahun = serializers.IntegerField(source="aturan.tahun", allow_null=True)
        pasal_berlaku = serializers.CharField(source="aturan.pasal_berlaku")
        preset = serializers.CharField(source="aturan.preset")
        catatan = serializers.CharField(source="aturan.catatan")
        nilai = serializers.JSONField(source="aturan.nilai")
        kutipan = serializers.JSONField(source="aturan.kutipan")
        uraian = serializers.JSONField()
        riwayat = serializers.SerializerMethodField()

        class Meta:
            ref_name = "OrganisasiAturanBerlaku"

        def get_riwayat(self, obj) -> list[dict]:
            return AturanBerlakuApi.VersiOutput(obj["riwayat"], many=True).data

    @extend_schema(responses=OutputSerializer, parameters=[OpenApiParameter("tanggal", str, required=False)])
    def get(self, request, pk: int):
        instansi = get_object_or_404(Instansi, pk=pk)
        tanggal = _tanggal(request)
        aturan = selectors_aturan.aturan_pada(instansi=instansi, tanggal=tanggal)
        if aturan is None:
            raise NotFound("Instansi ini belum memiliki aturan yang tercatat.")
        return Response(self.OutputSerializer({
            "instansi": instansi, "tanggal": tanggal, "aturan": aturan,
            "uraian": selectors_aturan.aturan_uraian(versi=aturan),
            "riwayat": selectors_aturan.aturan_riwayat(instansi=instansi)}).data)
