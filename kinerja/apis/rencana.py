"""API of the plans, the role matrix and "kinerja saya"."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from inti.models import AksiAudit
from organisasi.models import UnitOrganisasi

from .. import selectors, services
from ..models import RencanaKegiatanAnggaran
from ._umum import (
    DESIMAL,
    baris_terlihat,
    ip,
    rencana_anggaran_terlihat,
    target_terlihat,
    tim_terlihat,
)
from .pk import AnggotaOutput


class KegiatanInput(serializers.Serializer):
    kegiatan = serializers.CharField(max_length=250)
    kode_subkegiatan = serializers.CharField(required=False, allow_blank=True, default="", max_length=60)
    nama_subkegiatan = serializers.CharField(required=False, allow_blank=True, default="", max_length=250)
    pagu = serializers.DecimalField(max_digits=18, decimal_places=2, min_value=0, default=0)
    bulan = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=12), default=list,
                                  max_length=12)

    class Meta:
        ref_name = "KinerjaKegiatanInput"


class KegiatanOutput(serializers.Serializer):
    urutan = serializers.IntegerField()
    kegiatan = serializers.CharField()
    kode_subkegiatan = serializers.CharField()
    nama_subkegiatan = serializers.CharField()
    pagu = serializers.DecimalField(max_digits=18, decimal_places=2)
    bulan = serializers.ListField(child=serializers.IntegerField())

    class Meta:
        ref_name = "KinerjaKegiatanOutput"


class RencanaAnggaranOutput(serializers.Serializer):
    id = serializers.IntegerField()
    target_id = serializers.IntegerField()
    judul = serializers.CharField()
    status = serializers.CharField()
    disusun_oleh_id = serializers.IntegerField()
    disetujui_oleh_id = serializers.IntegerField(allow_null=True)
    penyetuju_sebagai = serializers.CharField()
    disetujui_pada = serializers.DateTimeField(allow_null=True)
    catatan = serializers.CharField()
    kegiatan = KegiatanOutput(many=True, source="kegiatan.all")

    class Meta:
        ref_name = "KinerjaRencanaAnggaran"


class RencanaAnggaranInput(serializers.Serializer):
    judul = serializers.CharField(max_length=250)
    kegiatan = KegiatanInput(many=True)

    class Meta:
        ref_name = "KinerjaRencanaAnggaranInput"


class RencanaAnggaranBuatApi(APIView):
    """Draft the activity and budget plan of a target (JF/Pelaksana with Level 2)."""

    @extend_schema(request=RencanaAnggaranInput, responses={201: RencanaAnggaranOutput},
                   operation_id="kinerja_rencana_anggaran_buat")
    def post(self, request, pk: int):
        target_terlihat(request, pk, AksiAudit.KINERJA_RENCANA_ANGGARAN_SIMPAN)
        s = RencanaAnggaranInput(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.rencana_anggaran_simpan(actor=request.user, ip=ip(request), target_id=pk,
                                               judul=s.validated_data["judul"],
                                               kegiatan=[dict(k) for k in s.validated_data["kegiatan"]])
        return Response(RencanaAnggaranOutput(obj).data, status=status.HTTP_201_CREATED)


class RencanaAnggaranUbahApi(APIView):
    @extend_schema(request=RencanaAnggaranInput, responses=RencanaAnggaranOutput,
                   operation_id="kinerja_rencana_anggaran_ubah")
    def post(self, request, pk: int):
        rencana_anggaran_terlihat(request, pk, AksiAudit.KINERJA_RENCANA_ANGGARAN_SIMPAN)
        s = RencanaAnggaranInput(data=request.data)
        s.is_valid(raise_exception=True)
        target_id = RencanaKegiatanAnggaran.objects.values_list("target_id", flat=True).get(pk=pk)
        obj = services.rencana_anggaran_simpan(actor=request.user, ip=ip(request), target_id=target_id, rencana_id=pk,
                                               judul=s.validated_data["judul"],
                                               kegiatan=[dict(k) for k in s.validated_data["kegiatan"]])
        return Response(RencanaAnggaranOutput(obj).data)


class RencanaAnggaranAjukanApi(APIView):
    @extend_schema(request=None, responses=RencanaAnggaranOutput, operation_id="kinerja_rencana_anggaran_ajukan")
    def post(self, request, pk: int):
        rencana_anggaran_terlihat(request, pk, AksiAudit.KINERJA_RENCANA_ANGGARAN_AJUKAN)
        obj = services.rencana_anggaran_ajukan(actor=request.user, ip=ip(request), rencana_id=pk)
        return Response(RencanaAnggaranOutput(obj).data)


class CatatanInput(serializers.Serializer):
    catatan = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        ref_name = "KinerjaCatatanInput"


class RencanaAnggaranSetujuiApi(APIView):
    """Level 2 (the target's owner position, or its Plt./Plh.) approves."""

    @extend_schema(request=CatatanInput, responses=RencanaAnggaranOutput,
                   operation_id="kinerja_rencana_anggaran_setujui")
    def post(self, request, pk: int):
        rencana_anggaran_terlihat(request, pk, AksiAudit.KINERJA_RENCANA_ANGGARAN_SETUJUI)
        s = CatatanInput(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.rencana_anggaran_setujui(actor=request.user, ip=ip(request), rencana_id=pk, **s.validated_data)
        return Response(RencanaAnggaranOutput(obj).data)


class RencanaAnggaranKembalikanApi(APIView):
    @extend_schema(request=CatatanInput, responses=RencanaAnggaranOutput,
                   operation_id="kinerja_rencana_anggaran_kembalikan")
    def post(self, request, pk: int):
        rencana_anggaran_terlihat(request, pk, AksiAudit.KINERJA_RENCANA_ANGGARAN_KEMBALIKAN)
        s = CatatanInput(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.rencana_anggaran_kembalikan(actor=request.user, ip=ip(request), rencana_id=pk,
                                                   **s.validated_data)
        return Response(RencanaAnggaranOutput(obj).data)


# --------------------------------------------------------------------------- team action plan, own work plan


class TonggakInput(serializers.Serializer):
    uraian = serializers.CharField(max_length=250)
    keluaran = serializers.CharField(required=False, allow_blank=True, default="", max_length=250)
    tenggat = serializers.DateField()
    pemilik_ids = serializers.ListField(child=serializers.IntegerField(min_value=1), default=list, max_length=200)
    bobot = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=100)

    class Meta:
        ref_name = "KinerjaTonggakInput"


class RencanaAksiOutput(serializers.Serializer):
    id = serializers.IntegerField()
    tim_id = serializers.IntegerField(allow_null=True)
    target_id = serializers.IntegerField(allow_null=True)
    judul = serializers.CharField()
    tonggak = serializers.SerializerMethodField()

    class Meta:
        ref_name = "KinerjaRencanaAksi"

    def get_tonggak(self, obj) -> list[dict]:
        return [{"urutan": t.urutan, "uraian": t.uraian, "keluaran": t.keluaran, "tenggat": t.tenggat,
                 "bobot": t.bobot, "progres": t.progres, "pemilik_ids": [p.pk for p in t.pemilik.all()]}
                for t in obj.tonggak.prefetch_related("pemilik")]


class RencanaAksiSimpanApi(APIView):
    """The ketua's action plan for the team: milestones with due dates and owners."""

    class InputSerializer(serializers.Serializer):
        judul = serializers.CharField(max_length=250)
        target_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        tonggak = TonggakInput(many=True)

        class Meta:
            ref_name = "KinerjaRencanaAksiInput"

    @extend_schema(request=InputSerializer, responses=RencanaAksiOutput, operation_id="kinerja_rencana_aksi_simpan")
    def post(self, request, pk: int):
        tim_terlihat(request, pk, AksiAudit.KINERJA_RENCANA_AKSI_SIMPAN)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.rencana_aksi_simpan(actor=request.user, ip=ip(request), tim_id=pk,
                                           judul=s.validated_data["judul"], target_id=s.validated_data.get("target_id"),
                                           tonggak=[dict(t) for t in s.validated_data["tonggak"]])
        return Response(RencanaAksiOutput(obj).data)


class RencanaKerjaSimpanApi(APIView):
    """The actor's own work plan for a team they belong to or an assignment of theirs."""

    class ButirInput(serializers.Serializer):
        kegiatan = serializers.CharField(max_length=250)
        hasil = serializers.CharField(required=False, allow_blank=True, default="", max_length=250)
        target = serializers.DecimalField(required=False, allow_null=True, min_value=0, **DESIMAL)
        satuan = serializers.CharField(required=False, allow_blank=True, default="", max_length=60)
        tenggat = serializers.DateField(required=False, allow_null=True)

        class Meta:
            ref_name = "KinerjaButirRencanaInput"

    class InputSerializer(serializers.Serializer):
        tahun = serializers.IntegerField(min_value=2000, max_value=2100)
        tim_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        penugasan_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        target_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        uraian = serializers.CharField(required=False, allow_blank=True, default="")
        butir = serializers.ListField(child=serializers.DictField(), min_length=1, max_length=200)

        class Meta:
            ref_name = "KinerjaRencanaKerjaInput"

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        tahun = serializers.IntegerField()
        tim_id = serializers.IntegerField(allow_null=True)
        penugasan_id = serializers.IntegerField(allow_null=True)
        target_id = serializers.IntegerField(allow_null=True)
        jumlah_butir = serializers.SerializerMethodField()

        class Meta:
            ref_name = "KinerjaRencanaKerja"

        def get_jumlah_butir(self, obj) -> int:
            return obj.butir.count()

    @extend_schema(request=InputSerializer, responses=OutputSerializer, operation_id="kinerja_rencana_kerja_simpan")
    def post(self, request):
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        data = dict(s.validated_data)
        butir = []
        for i, b in enumerate(data.pop("butir")):
            bs = self.ButirInput(data=b)
            if not bs.is_valid():
                raise serializers.ValidationError({f"butir[{i}].{k}": v for k, v in bs.errors.items()})
            butir.append(dict(bs.validated_data))
        obj = services.rencana_kerja_simpan(actor=request.user, ip=ip(request), butir=butir, **data)
        return Response(self.OutputSerializer(obj).data)


# --------------------------------------------------------------------------- role matrix


class _TimRingkas(serializers.Serializer):
    id = serializers.IntegerField()
    nama = serializers.CharField()
    status = serializers.CharField()
    unit_id = serializers.IntegerField()

    class Meta:
        ref_name = "KinerjaTimRingkas"


class MatriksOutput(serializers.Serializer):
    tim = _TimRingkas()
    anggota = AnggotaOutput(many=True)

    class Meta:
        ref_name = "KinerjaMatriksTim"


class MatriksTimApi(APIView):
    """The Matriks Pembagian Peran dan Hasil of a team (members from other units included)."""

    @extend_schema(responses=MatriksOutput, operation_id="kinerja_matriks_tim")
    def get(self, request, pk: int):
        tim = tim_terlihat(request, pk)
        return Response(MatriksOutput(selectors.matriks_tim(tim=tim)).data)


class MatriksUnitApi(APIView):
    """The matrices of every team owned by a unit or a unit below it."""

    class FilterSerializer(serializers.Serializer):
        tahun = serializers.IntegerField(required=False, min_value=2000, max_value=2100)

        class Meta:
            ref_name = "KinerjaMatriksUnitFilter"

    @extend_schema(parameters=[FilterSerializer], responses=MatriksOutput(many=True), operation_id="kinerja_matriks_unit")
    def get(self, request, pk: int):
        f = self.FilterSerializer(data=request.query_params)
        f.is_valid(raise_exception=True)
        pegawai = getattr(request.user, "pegawai", None)
        unit = UnitOrganisasi.objects.filter(pk=pk).first()
        if unit is None or not (request.user.is_superuser or (pegawai and pegawai.instansi_id == unit.instansi_id)):
            raise NotFound("Data tidak ditemukan.")
        return Response(MatriksOutput(selectors.matriks_unit(unit=unit, tahun=f.validated_data.get("tahun")),
                                      many=True).data)


class BarisInput(serializers.Serializer):
    anggota_id = serializers.IntegerField(min_value=1, help_text="id AnggotaTim")
    peran = serializers.CharField(max_length=200)
    hasil = serializers.CharField(max_length=2000)
    indikator = serializers.CharField(max_length=2000)
    target_nilai = serializers.DecimalField(required=False, allow_null=True, min_value=0, **DESIMAL)
    satuan = serializers.CharField(required=False, allow_blank=True, default="", max_length=60)
    target_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)

    class Meta:
        ref_name = "KinerjaBarisMatriksInput"


class MatriksIsiApi(APIView):
    """The ketua fills or revises rows; each changed row goes back to its member."""

    class InputSerializer(serializers.Serializer):
        baris = serializers.ListField(child=serializers.DictField(), min_length=1, max_length=500)

        class Meta:
            ref_name = "KinerjaMatriksIsiInput"

    @extend_schema(request=InputSerializer, responses=MatriksOutput, operation_id="kinerja_matriks_isi")
    def post(self, request, pk: int):
        tim = tim_terlihat(request, pk, AksiAudit.KINERJA_MATRIKS_ISI)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        baris = []
        for i, b in enumerate(s.validated_data["baris"]):
            bs = BarisInput(data=b)
            if not bs.is_valid():
                raise serializers.ValidationError({f"baris[{i}].{k}": v for k, v in bs.errors.items()})
            baris.append(dict(bs.validated_data))
        services.matriks_isi(actor=request.user, ip=ip(request), tim_id=pk, baris=baris)
        return Response(MatriksOutput(selectors.matriks_tim(tim=tim)).data)


class TanggapanInput(serializers.Serializer):
    komentar = serializers.CharField(required=False, allow_blank=True, default="")

    class Meta:
        ref_name = "KinerjaTanggapanMatriksInput"


class BarisOutput(serializers.Serializer):
    id = serializers.IntegerField()
    tim_id = serializers.IntegerField()
    anggota_id = serializers.IntegerField()
    peran = serializers.CharField()
    hasil = serializers.CharField()
    indikator = serializers.CharField()
    target = serializers.CharField(source="target_teks")
    status = serializers.CharField()
    komentar_anggota = serializers.CharField()
    ditanggapi_pada = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "KinerjaBarisMatriks"


class MatriksTerimaApi(APIView):
    """The member accepts their row (optional comment)."""

    @extend_schema(request=TanggapanInput, responses=BarisOutput, operation_id="kinerja_matriks_terima")
    def post(self, request, pk: int):
        baris_terlihat(request, pk, AksiAudit.KINERJA_MATRIKS_TERIMA)
        s = TanggapanInput(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.matriks_terima(actor=request.user, ip=ip(request), baris_id=pk, **s.validated_data)
        return Response(BarisOutput(obj).data)


class MatriksMintaPerbaikanApi(APIView):
    """The member asks the ketua to change their row (comment required)."""

    @extend_schema(request=TanggapanInput, responses=BarisOutput, operation_id="kinerja_matriks_minta_perbaikan")
    def post(self, request, pk: int):
        baris_terlihat(request, pk, AksiAudit.KINERJA_MATRIKS_MINTA_PERBAIKAN)
        s = TanggapanInput(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.matriks_minta_perbaikan(actor=request.user, ip=ip(request), baris_id=pk, **s.validated_data)
        return Response(BarisOutput(obj).data)


# --------------------------------------------------------------------------- kinerja saya


class _PejabatSaya(serializers.Serializer):
    nama = serializers.CharField()
    nip = serializers.CharField()
    jabatan = serializers.CharField()

    class Meta:
        ref_name = "KinerjaPejabatSaya"


class _Melalui(serializers.Serializer):
    penugasan_id = serializers.IntegerField(allow_null=True)
    tim = serializers.CharField(allow_null=True)
    peran = serializers.CharField()
    nomor_surat = serializers.CharField()

    class Meta:
        ref_name = "KinerjaMelalui"


class _TargetSaya(serializers.Serializer):
    target_id = serializers.IntegerField()
    indikator = serializers.CharField()
    satuan = serializers.CharField()
    porsi = serializers.CharField()
    sasaran = serializers.CharField()
    pemilik = serializers.CharField()
    pk = serializers.DictField()
    melalui = _Melalui(many=True)

    class Meta:
        ref_name = "KinerjaTargetSaya"


class KinerjaSayaOutput(serializers.Serializer):
    pegawai = serializers.DictField()
    tahun = serializers.IntegerField()
    ppk = _PejabatSaya(allow_null=True)
    pimpinan_unit = _PejabatSaya(allow_null=True)
    target = _TargetSaya(many=True)
    matriks = serializers.ListField(child=serializers.DictField())
    target_jabatan_saya = serializers.ListField(child=serializers.DictField())
    rencana_kerja = serializers.ListField(child=serializers.DictField())

    class Meta:
        ref_name = "KinerjaSaya"


class KinerjaSayaApi(APIView):
    """The targets I contribute to (through which team or assignment, with the letter number),
    my role rows, my plans, the targets my positions own, my PPK and Pimpinan Unit."""

    class FilterSerializer(serializers.Serializer):
        tahun = serializers.IntegerField(required=False, min_value=2000, max_value=2100)

        class Meta:
            ref_name = "KinerjaSayaFilter"

    @extend_schema(parameters=[FilterSerializer], responses=KinerjaSayaOutput, operation_id="kinerja_saya")
    def get(self, request):
        f = self.FilterSerializer(data=request.query_params)
        f.is_valid(raise_exception=True)
        pegawai = getattr(request.user, "pegawai", None)
        if pegawai is None:
            raise NotFound("Akun Anda tidak terhubung dengan data pegawai.")
        return Response(KinerjaSayaOutput(selectors.kinerja_saya(pegawai=pegawai,
                                                                 tahun=f.validated_data.get("tahun"))).data)
