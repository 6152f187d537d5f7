"""API of the cascade, strategy, request-from-strategy and links."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from inti.exceptions import KonflikError
from inti.models import AksiAudit
from penugasan.models import Rute, Sifat

from .. import selectors, services
from ..models import BentukPelaksanaan, CaraBagi, KebutuhanPegawai, StrategiTarget, TargetJabatan
from ._umum import DESIMAL, TargetOutput, indikator_terlihat, ip, target_terlihat


class KaskadeBagiApi(APIView):
    """Divide an indikator's target among positions (replacing the previous division); with
    ``induk_id``, divide a cascaded share to the third level where the region's rules allow.
    Shares must add up to the target (``nilai``) or to 100 (``persen``)."""

    class BagianInput(serializers.Serializer):
        jabatan_id = serializers.IntegerField(min_value=1)
        cara = serializers.ChoiceField(choices=CaraBagi.choices)
        nilai = serializers.DecimalField(required=False, allow_null=True, min_value=0, **DESIMAL)
        persen = serializers.DecimalField(required=False, allow_null=True, max_digits=7, decimal_places=4,
                                          min_value=0, max_value=100)
        aspek = serializers.CharField(required=False, allow_blank=True, default="")
        catatan = serializers.CharField(required=False, allow_blank=True, default="")
        penanggung_jawab_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)

        class Meta:
            ref_name = "KinerjaKaskadeBagian"

    class InputSerializer(serializers.Serializer):
        induk_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        bagian = serializers.ListField(child=serializers.DictField(), min_length=1, max_length=200)

        class Meta:
            ref_name = "KinerjaKaskadeInput"

    @extend_schema(request=InputSerializer, responses=TargetOutput(many=True), operation_id="kinerja_kaskade_bagi")
    def post(self, request, pk: int):
        indikator_terlihat(request, pk, AksiAudit.KINERJA_KASKADE_BAGI)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        bagian = []
        for i, b in enumerate(s.validated_data["bagian"]):
            bs = self.BagianInput(data=b)
            if not bs.is_valid():
                raise serializers.ValidationError({f"bagian[{i}].{k}": v for k, v in bs.errors.items()})
            bagian.append(dict(bs.validated_data))
        targets = services.kaskade_bagi(actor=request.user, ip=ip(request), indikator_id=pk, bagian=bagian,
                                        induk_id=s.validated_data.get("induk_id"))
        return Response(TargetOutput(targets, many=True).data)


class StrategiOutput(serializers.Serializer):
    target_id = serializers.IntegerField()
    bentuk = serializers.CharField()
    perlu_ketua = serializers.BooleanField()
    kebutuhan = serializers.CharField()
    jumlah_dibutuhkan = serializers.IntegerField()
    kompetensi_dibutuhkan = serializers.CharField()
    arahan = serializers.CharField()
    nama_penetap = serializers.CharField()
    penetap_sebagai = serializers.CharField()

    class Meta:
        ref_name = "KinerjaStrategi"


class StrategiTetapkanApi(APIView):
    """Set or revise the strategy of a cascaded target (who decides: the region's rules)."""

    class InputSerializer(serializers.Serializer):
        bentuk = serializers.ChoiceField(choices=BentukPelaksanaan.choices)
        perlu_ketua = serializers.BooleanField(default=False)
        kebutuhan = serializers.ChoiceField(choices=KebutuhanPegawai.choices, default=KebutuhanPegawai.TIDAK)
        jumlah_dibutuhkan = serializers.IntegerField(default=0, min_value=0, max_value=500)
        kompetensi_dibutuhkan = serializers.CharField(required=False, allow_blank=True, default="")
        arahan = serializers.CharField(required=False, allow_blank=True, default="")

        class Meta:
            ref_name = "KinerjaStrategiInput"

    @extend_schema(request=InputSerializer, responses=StrategiOutput, operation_id="kinerja_strategi_tetapkan")
    def post(self, request, pk: int):
        target_terlihat(request, pk, AksiAudit.KINERJA_STRATEGI_TETAPKAN)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.strategi_tetapkan(actor=request.user, ip=ip(request), target_id=pk, **s.validated_data)
        return Response(StrategiOutput(obj).data)


class PratinjauPermohonanOutput(serializers.Serializer):
    rute = serializers.ChoiceField(choices=Rute.choices)
    judul = serializers.CharField()
    maksud_tujuan = serializers.CharField()
    kompetensi_uraian = serializers.CharField()
    hasil_diharapkan = serializers.CharField()
    jumlah_dibutuhkan = serializers.IntegerField()
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    sifat = serializers.ChoiceField(choices=Sifat.choices)

    class Meta:
        ref_name = "KinerjaPratinjauPermohonan"


class StrategiPratinjauPermohonanApi(APIView):
    """The pre-filled content the request from this target's strategy would carry."""

    @extend_schema(responses=PratinjauPermohonanOutput, operation_id="kinerja_strategi_pratinjau_permohonan")
    def get(self, request, pk: int):
        target_terlihat(request, pk, AksiAudit.KINERJA_STRATEGI_PERMOHONAN)
        target = TargetJabatan.objects.select_related("indikator__sasaran__pk_kinerja__jabatan").get(pk=pk)
        strategi = StrategiTarget.objects.filter(target=target).first()
        if strategi is None or not strategi.perlu_permohonan:
            raise KonflikError("Strategi target ini tidak membutuhkan pegawai dari luar unit.")
        isi = services.isi_permohonan_dari_strategi(target=target, strategi=strategi,
                                                    tanggal=selectors.hari_ini())
        return Response(PratinjauPermohonanOutput(isi).data)


class PermohonanDibuatOutput(serializers.Serializer):
    id = serializers.IntegerField()
    rute = serializers.CharField()
    status = serializers.CharField()
    judul = serializers.CharField()
    hasil_diharapkan = serializers.CharField()

    class Meta:
        ref_name = "KinerjaPermohonanDibuat"


class StrategiBuatPermohonanApi(APIView):
    """Open the pre-filled penunjukan request for a target whose strategy needs staff from
    another unit/PD/agency; the request stays linked to the target."""

    class InputSerializer(serializers.Serializer):
        unit_tujuan_id = serializers.IntegerField(min_value=1)
        mulai = serializers.DateField(required=False, allow_null=True)
        selesai = serializers.DateField(required=False, allow_null=True)
        nama_tim = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
        ketua_tim_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        kriteria = serializers.CharField(required=False, allow_blank=True, default="")
        pegawai_diminta_ids = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False,
                                                    default=list, max_length=500)
        draf = serializers.BooleanField(default=False)

        class Meta:
            ref_name = "KinerjaStrategiPermohonanInput"

    @extend_schema(request=InputSerializer, responses={201: PermohonanDibuatOutput},
                   operation_id="kinerja_strategi_buat_permohonan")
    def post(self, request, pk: int):
        target_terlihat(request, pk, AksiAudit.KINERJA_STRATEGI_PERMOHONAN)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        data = dict(s.validated_data)
        draf = data.pop("draf")
        permohonan = services.strategi_buat_permohonan(actor=request.user, ip=ip(request), target_id=pk,
                                                       ajukan=not draf, **data)
        return Response(PermohonanDibuatOutput(permohonan).data, status=status.HTTP_201_CREATED)


class TautanOutput(serializers.Serializer):
    id = serializers.IntegerField()
    target_id = serializers.IntegerField()
    permohonan_id = serializers.IntegerField(allow_null=True)
    penugasan_id = serializers.IntegerField(allow_null=True)
    tim_id = serializers.IntegerField(allow_null=True)
    sumber = serializers.CharField()

    class Meta:
        ref_name = "KinerjaTautan"


class TautkanApi(APIView):
    """Link a request, an assignment or a team (exactly one) to a target, also after the fact."""

    class InputSerializer(serializers.Serializer):
        permohonan_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        penugasan_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        tim_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)

        class Meta:
            ref_name = "KinerjaTautkanInput"

    @extend_schema(request=InputSerializer, responses={201: TautanOutput}, operation_id="kinerja_tautkan")
    def post(self, request, pk: int):
        target_terlihat(request, pk, AksiAudit.KINERJA_TAUTKAN)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.tautkan(actor=request.user, ip=ip(request), target_id=pk, **s.validated_data)
        return Response(TautanOutput(obj).data, status=status.HTTP_201_CREATED)
