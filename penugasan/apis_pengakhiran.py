"""REST API for ending work, one endpoint per action: close an approved request, finish or
cancel an assignment, finish or dissolve a team, name a team's penanggung jawab. Thin: the
services in ``penugasan.services.pengakhiran`` (and ``permohonan_selesaikan``) decide; errors
are mapped by ``inti.api`` (400 invalid input, 403 not allowed, 409 already ended).

One visibility rule with the pages: whoever may neither see the object nor end it gets 404,
exactly as for an object that does not exist (a refused audit row is written)."""
from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from inti.jejak import jejak_tolak
from inti.models import AksiAudit

from . import selectors, services
from .apis import ALASAN_MAKS, ID_MAKS, PegawaiRefOutput, PenugasanOutput, PermohonanDetailOutput, RefOutput
from .apis import TanggalField, TeksField, _ambil_terlihat, _detail, _ip
from .models import Penugasan, TimKerja

GALAT = {
    400: OpenApiResponse(description="Masukan tidak sah (mis. alasan kosong, tanggal setelah hari ini)."),
    403: OpenApiResponse(description="Bukan Pimpinan Unit Organisasi pemilik pekerjaan atau pimpinan di atasnya."),
    404: OpenApiResponse(description="Tidak ada, atau tidak dapat dilihat dan diakhiri oleh pengguna ini."),
    409: OpenApiResponse(description="Sudah diakhiri (selesai/dibatalkan/dibubarkan) atau diakhiri bersamaan."),
}


class PenugasanAkhirOutput(PenugasanOutput):
    tanggal_berakhir = serializers.DateField(allow_null=True)
    alasan_pengakhiran = serializers.CharField()

    class Meta:
        ref_name = "PenugasanAkhir"


class TimAkhirOutput(serializers.Serializer):
    id = serializers.IntegerField()
    nama = serializers.CharField()
    unit = RefOutput()
    status = serializers.CharField()
    penanggung_jawab = PegawaiRefOutput(allow_null=True)
    tanggal_berakhir = serializers.DateField(allow_null=True)
    alasan_pengakhiran = serializers.CharField()

    class Meta:
        ref_name = "TimKerjaAkhir"


class SelesaiInput(serializers.Serializer):
    tanggal = TanggalField(required=False, default=None, allow_null=True,
                           help_text="tanggal berakhir; kosong = hari ini; tidak boleh setelah hari ini")
    alasan = TeksField(max_length=ALASAN_MAKS, required=False, allow_blank=True, default="",
                       help_text="catatan (opsional)")

    class Meta:
        ref_name = "PengakhiranSelesaiInput"


class BatalInput(serializers.Serializer):
    tanggal = TanggalField(required=False, default=None, allow_null=True,
                           help_text="tanggal berakhir; kosong = hari ini; tidak boleh setelah hari ini")
    alasan = TeksField(max_length=ALASAN_MAKS, allow_blank=True, help_text="alasan (wajib)")

    class Meta:
        ref_name = "PengakhiranAlasanInput"


def _masukan(kelas, request) -> dict:
    s = kelas(data=request.data)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)


def _penugasan(request, pk: int, layanan, aksi: AksiAudit, kelas) -> Response:
    tugas = Penugasan.objects.select_related("unit").filter(pk=pk).first()
    if tugas is None or not (selectors.penugasan_terlihat(request.user).filter(pk=pk).exists()
                             or services.boleh_mengakhiri(user=request.user, unit=tugas.unit)):
        jejak_tolak(actor=request.user, model=Penugasan, objek_id=pk, aksi=aksi,
                    alasan=_("Penugasan tidak ditemukan atau tidak dapat diakses."), ip=_ip(request))
        raise NotFound(_("Penugasan tidak ditemukan."))
    data = _masukan(kelas, request)
    tugas = layanan(actor=request.user, ip=_ip(request), penugasan_id=pk, **data)
    tugas = Penugasan.objects.select_related("pegawai", "instansi", "unit", "tim").get(pk=tugas.pk)
    return Response(PenugasanAkhirOutput(tugas).data)


def _tim(request, pk: int, layanan, aksi: AksiAudit, kelas, ubah=dict) -> Response:
    tim = TimKerja.objects.select_related("unit").filter(pk=pk).first()
    if tim is None or not (selectors.tim_boleh_dilihat(user=request.user, tim=tim)
                           or services.boleh_mengakhiri(user=request.user, unit=tim.unit)):
        jejak_tolak(actor=request.user, model=TimKerja, objek_id=pk, aksi=aksi,
                    alasan=_("Tim kerja tidak ditemukan atau tidak dapat diakses."), ip=_ip(request))
        raise NotFound(_("Tim kerja tidak ditemukan."))
    data = ubah(_masukan(kelas, request))
    tim = layanan(actor=request.user, ip=_ip(request), tim_id=pk, **data)
    tim = TimKerja.objects.select_related("unit", "penanggung_jawab").get(pk=tim.pk)
    return Response(TimAkhirOutput(tim).data)


class PermohonanSelesaikanApi(APIView):
    """Close an approved request: its active assignments finish. By the requester of a
    penunjukan or the Pimpinan Unit owning the work (or a leader above it)."""

    class InputSerializer(serializers.Serializer):
        catatan = TeksField(max_length=ALASAN_MAKS, required=False, allow_blank=True, default="")
        tanggal = TanggalField(required=False, default=None, allow_null=True,
                               help_text="tanggal berakhir penugasannya; kosong = hari ini")

        class Meta:
            ref_name = "PermohonanSelesaikanInput"

    @extend_schema(request=InputSerializer, responses={200: PermohonanDetailOutput, **GALAT},
                   operation_id="permohonan_selesaikan")
    def post(self, request, pk: int):
        _ambil_terlihat(request, pk, AksiAudit.PERMOHONAN_SELESAIKAN)
        data = _masukan(self.InputSerializer, request)
        permohonan = services.permohonan_selesaikan(actor=request.user, ip=_ip(request), permohonan_id=pk, **data)
        return _detail(request, permohonan)


class PenugasanSelesaikanApi(APIView):
    """The assignment's work is done (its results were accepted): it stops counting as workload."""

    @extend_schema(request=SelesaiInput, responses={200: PenugasanAkhirOutput, **GALAT},
                   operation_id="penugasan_selesaikan")
    def post(self, request, pk: int):
        return _penugasan(request, pk, services.penugasan_selesaikan, AksiAudit.PENUGASAN_SELESAI, SelesaiInput)


class PenugasanBatalkanApi(APIView):
    """Cancel an active assignment with a reason; the assignee is notified."""

    @extend_schema(request=BatalInput, responses={200: PenugasanAkhirOutput, **GALAT},
                   operation_id="penugasan_batalkan")
    def post(self, request, pk: int):
        return _penugasan(request, pk, services.penugasan_batalkan, AksiAudit.PENUGASAN_BATALKAN, BatalInput)


class TimSelesaikanApi(APIView):
    """The team's work is done: the team and its members' active assignments finish."""

    @extend_schema(request=SelesaiInput, responses={200: TimAkhirOutput, **GALAT}, operation_id="tim_selesaikan")
    def post(self, request, pk: int):
        return _tim(request, pk, services.tim_selesaikan, AksiAudit.TIM_SELESAI, SelesaiInput)


class TimBubarkanApi(APIView):
    """Dissolve the team with a reason; its members' active assignments finish."""

    @extend_schema(request=BatalInput, responses={200: TimAkhirOutput, **GALAT}, operation_id="tim_bubarkan")
    def post(self, request, pk: int):
        return _tim(request, pk, services.tim_bubarkan, AksiAudit.TIM_BUBARKAN, BatalInput)


class TimPenanggungJawabApi(APIView):
    """Name (or clear) the team's penanggung jawab, only where the Instansi uses that role
    (``penanggung_jawab_tim_aktif``; else 400)."""

    class InputSerializer(serializers.Serializer):
        pegawai = serializers.IntegerField(allow_null=True, min_value=1, max_value=ID_MAKS,
                                           help_text="id pegawai penanggung jawab; null = dikosongkan")

        class Meta:
            ref_name = "TimPenanggungJawabInput"

    @extend_schema(request=InputSerializer, responses={200: TimAkhirOutput, **GALAT},
                   operation_id="tim_penanggung_jawab")
    def post(self, request, pk: int):
        return _tim(request, pk, services.tim_penanggung_jawab_tetapkan, AksiAudit.TIM_PENANGGUNG_JAWAB,
                    self.InputSerializer, ubah=lambda d: {"pegawai_id": d["pegawai"]})
