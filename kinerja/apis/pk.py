"""API of the Perjanjian Kinerja: list, detail, create, set, amend, sasaran/indikator while
draft, import, and the cascade tree."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from inti.models import AksiAudit

from .. import selectors, services
from ..models import IndikatorKinerja, Polaritas, SasaranKinerja, StatusPK
from ._umum import (
    DESIMAL,
    IndikatorOutput,
    PkOutput,
    SasaranOutput,
    indikator_terlihat,
    ip,
    pk_terlihat,
    sasaran_terlihat,
)


class Paginasi(PageNumberPagination):
    page_size = 25
    page_size_query_param = "ukuran"
    max_page_size = 100


class PkListApi(APIView):
    """Perjanjian Kinerja the user may read (own Instansi)."""

    pagination_class = Paginasi  # the documented response is the page (count, next, results)

    class FilterSerializer(serializers.Serializer):
        tahun = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
        perangkat_daerah = serializers.IntegerField(required=False, min_value=1)
        status = serializers.ChoiceField(choices=StatusPK.choices, required=False)

        class Meta:
            ref_name = "KinerjaPkFilter"

    @extend_schema(parameters=[FilterSerializer], responses=PkOutput(many=True), operation_id="kinerja_pk_list")
    def get(self, request):
        f = self.FilterSerializer(data=request.query_params)
        f.is_valid(raise_exception=True)
        qs = selectors.pk_list(user=request.user, tahun=f.validated_data.get("tahun"),
                               perangkat_daerah_id=f.validated_data.get("perangkat_daerah"),
                               status=f.validated_data.get("status"))
        paginator = Paginasi()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(PkOutput(page, many=True).data)


class PkDetailApi(APIView):
    @extend_schema(responses=PkOutput, operation_id="kinerja_pk_detail")
    def get(self, request, pk: int):
        return Response(PkOutput(pk_terlihat(request, pk)).data)


class PkBuatApi(APIView):
    """A new draft PK of a position for a year (by the position that sets PKs in the region,
    or its Plt./Plh.)."""

    class InputSerializer(serializers.Serializer):
        jabatan_id = serializers.IntegerField(min_value=1)
        tahun = serializers.IntegerField(min_value=2000, max_value=2100)
        judul = serializers.CharField(required=False, allow_blank=True, default="", max_length=250)

        class Meta:
            ref_name = "KinerjaPkBuatInput"

    @extend_schema(request=InputSerializer, responses={201: PkOutput}, operation_id="kinerja_pk_buat")
    def post(self, request):
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        pk = services.pk_buat(actor=request.user, ip=ip(request), **s.validated_data)
        return Response(PkOutput(pk).data, status=status.HTTP_201_CREATED)


class PkTetapkanApi(APIView):
    class InputSerializer(serializers.Serializer):
        tanggal_berlaku = serializers.DateField(required=False, allow_null=True)

        class Meta:
            ref_name = "KinerjaPkTetapkanInput"

    @extend_schema(request=InputSerializer, responses=PkOutput, operation_id="kinerja_pk_tetapkan")
    def post(self, request, pk: int):
        pk_terlihat(request, pk, AksiAudit.KINERJA_PK_TETAPKAN)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.pk_tetapkan(actor=request.user, ip=ip(request), pk_id=pk, **s.validated_data)
        return Response(PkOutput(obj).data)


class PkUbahApi(APIView):
    """Amend a set PK: a new draft version (only where the region's rules allow amendments)."""

    class InputSerializer(serializers.Serializer):
        alasan_perubahan = serializers.CharField()
        tanggal_berlaku = serializers.DateField(required=False, allow_null=True)

        class Meta:
            ref_name = "KinerjaPkUbahInput"

    @extend_schema(request=InputSerializer, responses={201: PkOutput}, operation_id="kinerja_pk_ubah")
    def post(self, request, pk: int):
        pk_terlihat(request, pk, AksiAudit.KINERJA_PK_UBAH)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        baru = services.pk_ubah(actor=request.user, ip=ip(request), pk_id=pk, **s.validated_data)
        return Response(PkOutput(baru).data, status=status.HTTP_201_CREATED)


class SasaranInput(serializers.Serializer):
    uraian = serializers.CharField()
    kode = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)

    class Meta:
        ref_name = "KinerjaSasaranInput"


class SasaranTambahApi(APIView):
    @extend_schema(request=SasaranInput, responses={201: SasaranOutput}, operation_id="kinerja_sasaran_tambah")
    def post(self, request, pk: int):
        pk_terlihat(request, pk, AksiAudit.KINERJA_SASARAN_SIMPAN)
        s = SasaranInput(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.sasaran_simpan(actor=request.user, ip=ip(request), pk_id=pk, **s.validated_data)
        return Response(SasaranOutput(obj).data, status=status.HTTP_201_CREATED)


class SasaranUbahApi(APIView):
    @extend_schema(request=SasaranInput, responses=SasaranOutput, operation_id="kinerja_sasaran_ubah")
    def post(self, request, pk: int):
        sasaran_terlihat(request, pk, AksiAudit.KINERJA_SASARAN_SIMPAN)
        s = SasaranInput(data=request.data)
        s.is_valid(raise_exception=True)
        pk_id = SasaranKinerja.objects.values_list("pk_kinerja_id", flat=True).get(pk=pk)
        obj = services.sasaran_simpan(actor=request.user, ip=ip(request), pk_id=pk_id, sasaran_id=pk,
                                      **s.validated_data)
        return Response(SasaranOutput(obj).data)


class IndikatorInput(serializers.Serializer):
    uraian = serializers.CharField()
    satuan = serializers.CharField(max_length=60)
    polaritas = serializers.ChoiceField(choices=Polaritas.choices, default=Polaritas.MAKSIMAL)
    baseline = serializers.DecimalField(required=False, allow_null=True, **DESIMAL)
    target_tahunan = serializers.DecimalField(**DESIMAL)
    target_tw1 = serializers.DecimalField(required=False, allow_null=True, **DESIMAL)
    target_tw2 = serializers.DecimalField(required=False, allow_null=True, **DESIMAL)
    target_tw3 = serializers.DecimalField(required=False, allow_null=True, **DESIMAL)
    target_tw4 = serializers.DecimalField(required=False, allow_null=True, **DESIMAL)
    formula = serializers.CharField(required=False, allow_blank=True, default="")
    catatan = serializers.CharField(required=False, allow_blank=True, default="")
    kode = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)

    class Meta:
        ref_name = "KinerjaIndikatorInput"


class IndikatorTambahApi(APIView):
    @extend_schema(request=IndikatorInput, responses={201: IndikatorOutput}, operation_id="kinerja_indikator_tambah")
    def post(self, request, pk: int):
        sasaran_terlihat(request, pk, AksiAudit.KINERJA_INDIKATOR_SIMPAN)
        s = IndikatorInput(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.indikator_simpan(actor=request.user, ip=ip(request), sasaran_id=pk, **s.validated_data)
        return Response(IndikatorOutput(obj).data, status=status.HTTP_201_CREATED)


class IndikatorUbahApi(APIView):
    """Edit an indikator of a draft PK (only the fields sent change)."""

    @extend_schema(request=IndikatorInput(partial=True), responses=IndikatorOutput,
                   operation_id="kinerja_indikator_ubah")
    def post(self, request, pk: int):
        indikator_terlihat(request, pk, AksiAudit.KINERJA_INDIKATOR_SIMPAN)
        s = IndikatorInput(data=request.data, partial=True)
        s.is_valid(raise_exception=True)
        sasaran_id = IndikatorKinerja.objects.values_list("sasaran_id", flat=True).get(pk=pk)
        obj = services.indikator_simpan(actor=request.user, ip=ip(request), sasaran_id=sasaran_id, indikator_id=pk,
                                        **s.validated_data)
        return Response(IndikatorOutput(obj).data)


class IndikatorHapusApi(APIView):
    @extend_schema(request=None, responses={204: None}, operation_id="kinerja_indikator_hapus")
    def post(self, request, pk: int):
        indikator_terlihat(request, pk, AksiAudit.KINERJA_INDIKATOR_HAPUS)
        services.indikator_hapus(actor=request.user, ip=ip(request), indikator_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PkImporApi(APIView):
    """Import sasaran and indikator from CSV/XLSX into a draft PK, all or nothing
    (format: docs/format-impor-pk.md). Errors: 400 ``{"berkas": ["Baris N, kolom K: ..."]}``."""

    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        berkas = serializers.FileField()
        ganti = serializers.BooleanField(default=False)

        class Meta:
            ref_name = "KinerjaPkImporInput"

    class OutputSerializer(serializers.Serializer):
        sasaran_baru = serializers.IntegerField()
        indikator_baru = serializers.IntegerField()

        class Meta:
            ref_name = "KinerjaPkImporOutput"

    @extend_schema(request={"multipart/form-data": InputSerializer}, responses=OutputSerializer,
                   operation_id="kinerja_pk_impor")
    def post(self, request, pk: int):
        pk_terlihat(request, pk, AksiAudit.KINERJA_PK_IMPOR)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        berkas = s.validated_data["berkas"]
        hasil = services.impor_sasaran_indikator(actor=request.user, ip=ip(request), pk_id=pk, berkas=berkas.read(),
                                                 nama_berkas=berkas.name, ganti=s.validated_data["ganti"])
        return Response(self.OutputSerializer(hasil).data)


# --------------------------------------------------------------------------- cascade tree


class _AnggotaMatriksOutput(serializers.Serializer):
    id = serializers.IntegerField()
    peran = serializers.CharField()
    hasil = serializers.CharField()
    indikator = serializers.CharField()
    target = serializers.CharField()
    status = serializers.CharField()
    komentar = serializers.CharField()
    realisasi = serializers.CharField(allow_null=True)

    class Meta:
        ref_name = "KinerjaBarisMatriksRingkas"


class AnggotaOutput(serializers.Serializer):
    anggota_id = serializers.IntegerField()
    pegawai_id = serializers.IntegerField()
    nama = serializers.CharField()
    nip = serializers.CharField()
    instansi_id = serializers.IntegerField()
    peran_tim = serializers.CharField()
    matriks = _AnggotaMatriksOutput(allow_null=True)

    class Meta:
        ref_name = "KinerjaAnggotaMatriks"


class TimNodeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    nama = serializers.CharField()
    status = serializers.CharField()
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    anggota = AnggotaOutput(many=True)

    class Meta:
        ref_name = "KinerjaTimNode"


class _PejabatOutput(serializers.Serializer):
    pegawai_id = serializers.IntegerField()
    nama = serializers.CharField()
    nip = serializers.CharField()
    sebagai = serializers.CharField()

    class Meta:
        ref_name = "KinerjaPejabatNode"


class _StrategiRingkas(serializers.Serializer):
    bentuk = serializers.CharField()
    perlu_ketua = serializers.BooleanField()
    kebutuhan = serializers.CharField()
    jumlah_dibutuhkan = serializers.IntegerField()

    class Meta:
        ref_name = "KinerjaStrategiRingkas"


class _PermohonanRingkas(serializers.Serializer):
    id = serializers.IntegerField()
    judul = serializers.CharField()
    status = serializers.CharField()
    sumber = serializers.CharField()

    class Meta:
        ref_name = "KinerjaPermohonanNode"


class _IndividuOutput(serializers.Serializer):
    penugasan_id = serializers.IntegerField()
    pegawai_id = serializers.IntegerField()
    nama = serializers.CharField()
    nip = serializers.CharField()
    status = serializers.CharField()
    mulai = serializers.DateField()
    selesai = serializers.DateField()

    class Meta:
        ref_name = "KinerjaIndividuNode"


class _RefId(serializers.Serializer):
    id = serializers.IntegerField()
    nama = serializers.CharField()

    class Meta:
        ref_name = "KinerjaRefNode"


class TargetNodeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    induk_id = serializers.IntegerField(allow_null=True)
    jabatan = _RefId()
    pejabat = _PejabatOutput(allow_null=True, help_text="pemangku atau Plt./Plh. jabatan pada tanggal ini")
    cara = serializers.CharField()
    porsi = serializers.CharField()
    nilai = serializers.CharField(allow_null=True)
    persen = serializers.CharField(allow_null=True)
    aspek = serializers.CharField()
    realisasi = serializers.CharField(allow_null=True)
    penanggung_jawab = _RefId(allow_null=True)
    strategi = _StrategiRingkas(allow_null=True)
    permohonan = _PermohonanRingkas(many=True)
    tim = TimNodeOutput(many=True)
    individu = _IndividuOutput(many=True)
    turunan = serializers.ListField(child=serializers.DictField(), help_text="target tingkat ketiga (bentuk sama)")

    class Meta:
        ref_name = "KinerjaTargetNode"


class IndikatorNodeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    urutan = serializers.IntegerField()
    kode = serializers.CharField()
    uraian = serializers.CharField()
    satuan = serializers.CharField()
    polaritas = serializers.CharField()
    baseline = serializers.CharField(allow_null=True)
    target_tahunan = serializers.CharField()
    target_triwulan = serializers.ListField(child=serializers.CharField(allow_null=True))
    formula = serializers.CharField()
    catatan = serializers.CharField()
    realisasi = serializers.CharField(allow_null=True)
    persen_realisasi = serializers.CharField(allow_null=True)
    target = TargetNodeOutput(many=True)

    class Meta:
        ref_name = "KinerjaIndikatorNode"


class SasaranNodeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    urutan = serializers.IntegerField()
    kode = serializers.CharField()
    uraian = serializers.CharField()
    indikator = IndikatorNodeOutput(many=True)

    class Meta:
        ref_name = "KinerjaSasaranNode"


class _PkNode(serializers.Serializer):
    id = serializers.IntegerField()
    tahun = serializers.IntegerField()
    versi = serializers.IntegerField()
    status = serializers.CharField()
    judul = serializers.CharField()
    jabatan = _RefId()
    tanggal_berlaku = serializers.DateField(allow_null=True)

    class Meta:
        ref_name = "KinerjaPkNode"


class PohonOutput(serializers.Serializer):
    pk = _PkNode()
    sasaran = SasaranNodeOutput(many=True)

    class Meta:
        ref_name = "KinerjaPohonKaskade"


class PohonKaskadeApi(APIView):
    """The cascade of a PK as a tree: sasaran → indikator → owner positions (and their third
    level) → strategy, requests, teams with members and role-matrix rows, individual
    assignments. Constant number of queries."""

    class FilterSerializer(serializers.Serializer):
        tanggal = serializers.DateField(required=False, help_text="tanggal pemangku jabatan (bawaan: hari ini)")

        class Meta:
            ref_name = "KinerjaPohonFilter"

    @extend_schema(parameters=[FilterSerializer], responses=PohonOutput, operation_id="kinerja_pk_kaskade")
    def get(self, request, pk: int):
        obj = pk_terlihat(request, pk)
        f = self.FilterSerializer(data=request.query_params)
        f.is_valid(raise_exception=True)
        return Response(PohonOutput(selectors.pohon_kaskade(pk=obj, tanggal=f.validated_data.get("tanggal"))).data)
