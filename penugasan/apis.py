"""REST API of the assignment workflow: one APIView per operation, nested Input/Output
serializers, services for writes and selectors for reads. Errors are mapped by
``inti.api.exception_handler`` (400/403/404/409, Bahasa Indonesia)."""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from inti.jejak import jejak_tolak
from inti.klien import alamat_klien
from inti.models import AksiAudit
from organisasi import selectors_akses as selektor_akses
from organisasi.models import Instansi, Jabatan, Kompetensi, Pegawai, UnitOrganisasi

from . import selectors, services
from .services.pemeriksaan import JUMLAH_MAKS
from .filters import PenugasanFilter, PermohonanFilter, TimFilter
from .models import (
    Penugasan,
    PeranPenugasan,
    PermohonanPenugasan,
    Rute,
    Sifat,
    StatusPermohonan,
    TimKerja,
    sebutan_peran_tim,
)


def _ip(request) -> str | None:
    return alamat_klien(request)


class Paginasi(PageNumberPagination):
    page_size = 25
    page_size_query_param = "ukuran"
    max_page_size = 100


# --------------------------------------------------------------------------- bounded input fields
# Every value is bounded before it reaches a service or the database: ids within a 64-bit key,
# counts within their column, dates within a plausible range, texts within a page or two.

ID_MAKS = 2**63 - 1
TEKS_MAKS = 5000
ALASAN_MAKS = 2000
TANGGAL_MIN, TANGGAL_MAKS = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


class PkField(serializers.PrimaryKeyRelatedField):
    """A primary key that is an integer within the key range; anything else is "not found"."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, (int, str)):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            nilai = int(data)
        except (TypeError, ValueError):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 1 <= nilai <= ID_MAKS:
            self.fail("does_not_exist", pk_value=str(data)[:30])
        return super().to_internal_value(nilai)


def _tanggal_wajar(nilai: datetime.date) -> None:
    if not TANGGAL_MIN <= nilai <= TANGGAL_MAKS:
        raise serializers.ValidationError(
            f"Tanggal harus antara {TANGGAL_MIN:%d-%m-%Y} dan {TANGGAL_MAKS:%d-%m-%Y}.")


def TanggalField(**kwargs) -> serializers.DateField:  # noqa: N802 (a field factory)
    return serializers.DateField(validators=[_tanggal_wajar], **kwargs)


def TeksField(*, max_length: int = TEKS_MAKS, **kwargs) -> serializers.CharField:  # noqa: N802
    return serializers.CharField(max_length=max_length, **kwargs)


# --------------------------------------------------------------------------- shared output shapes


class RefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    nama = serializers.CharField()

    class Meta:
        ref_name = "PenugasanRef"


class PegawaiRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    nama = serializers.CharField(source="nama_lengkap")
    nip = serializers.CharField()

    class Meta:
        ref_name = "PenugasanPegawaiRef"


class LangkahOutput(serializers.Serializer):
    urutan = serializers.IntegerField()
    kode_langkah = serializers.CharField()
    peran = serializers.CharField()
    keputusan = serializers.CharField()
    nama_pegawai = serializers.CharField()
    nama_jabatan = serializers.CharField()
    sebagai = serializers.CharField()
    nama_pejabat_definitif = serializers.CharField()
    alasan = serializers.CharField()
    catatan = serializers.CharField()
    status_dari = serializers.CharField()
    status_ke = serializers.CharField()
    data = serializers.JSONField()
    waktu = serializers.DateTimeField()

    class Meta:
        ref_name = "PenugasanLangkah"


class PermohonanRingkasOutput(serializers.Serializer):
    id = serializers.IntegerField()
    rute = serializers.CharField()
    rute_label = serializers.CharField(source="get_rute_display")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    langkah_ke = serializers.IntegerField()
    langkah_sekarang = serializers.JSONField(allow_null=True)
    judul = serializers.CharField()
    pemohon = PegawaiRefOutput()
    jabatan_pemohon = RefOutput(allow_null=True)
    unit_asal = RefOutput()
    unit_tujuan = RefOutput()
    instansi_asal = RefOutput()
    instansi_tujuan = RefOutput()
    jabatan_penentu = RefOutput(allow_null=True)
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    sifat = serializers.CharField()
    diajukan_pada = serializers.DateTimeField(allow_null=True)
    diputuskan_pada = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "PermohonanRingkas"


class PermohonanDetailOutput(PermohonanRingkasOutput):
    maksud_tujuan = serializers.CharField()
    kompetensi_uraian = serializers.CharField()
    kompetensi = RefOutput(many=True, source="kompetensi.all")
    hasil_diharapkan = serializers.CharField()
    uraian_tugas = serializers.CharField()
    peran_penugasan = serializers.CharField()
    kriteria = serializers.CharField()
    kriteria_jenis_jabatan = serializers.CharField()
    kriteria_jenjang = serializers.CharField()
    jumlah_dibutuhkan = serializers.IntegerField()
    pegawai_diminta = PegawaiRefOutput(many=True, source="pegawai_diminta.all")
    pegawai_ditugaskan = PegawaiRefOutput(many=True, source="pegawai_ditugaskan.all")
    tembusan_jabatan = RefOutput(many=True, source="tembusan_jabatan.all")
    tembusan_pegawai = PegawaiRefOutput(many=True, source="tembusan_pegawai.all")
    nama_tim = serializers.CharField()
    alasan_penolakan = serializers.CharField()
    alasan_pembatalan = serializers.CharField()
    alasan_pengembalian = serializers.CharField()
    riwayat = LangkahOutput(many=True, source="riwayat.all")
    peringatan = serializers.ListField(child=serializers.CharField(), required=False)

    class Meta:
        ref_name = "PermohonanDetail"


def _detail(request, permohonan: PermohonanPenugasan, *, http_status=status.HTTP_200_OK) -> Response:
    obj = selectors.permohonan_detail(user=request.user, permohonan_id=permohonan.pk)
    obj.peringatan = getattr(permohonan, "peringatan", [])
    return Response(PermohonanDetailOutput(obj).data, status=http_status)


def _ambil_terlihat(request, pk: int, aksi: AksiAudit) -> None:
    """404 (and a refused audit row) when the user may not even see the request."""
    if not selectors.permohonan_terlihat(request.user).filter(pk=pk).exists():
        penjelasan = selectors.penjelasan_tidak_terlihat(user=request.user, permohonan_id=pk)
        jejak_tolak(actor=request.user, model=PermohonanPenugasan, objek_id=pk, aksi=aksi,
                    alasan=penjelasan or _("Permohonan tidak ditemukan atau tidak dapat diakses."),
                    ip=_ip(request))
        if penjelasan:  # the definitive holder while a Plt./Plh. acts: say who acts, not "not found"
            raise PermissionDenied(penjelasan)
        raise NotFound(_("Permohonan tidak ditemukan."))


# --------------------------------------------------------------------------- submit


class PermohonanAjukanApi(APIView):
    """Create and submit a request (any route); ``draf=true`` keeps it as a draft."""

    class InputSerializer(serializers.Serializer):
        rute = serializers.ChoiceField(choices=Rute.choices)
        jabatan = PkField(queryset=Jabatan.objects.all(), required=False, allow_null=True,
                                                     help_text="jabatan yang dipangku/dijabat Plt./Plh. pemohon")
        unit_asal = PkField(queryset=UnitOrganisasi.objects.all(), required=False,
                                                       allow_null=True)
        unit_tujuan = PkField(queryset=UnitOrganisasi.objects.all(), required=False,
                                                         allow_null=True)
        instansi_tujuan = PkField(queryset=Instansi.objects.all(), required=False,
                                                             allow_null=True)
        judul = serializers.CharField(max_length=200)
        maksud_tujuan = TeksField()
        kompetensi_uraian = TeksField(required=False, allow_blank=True, default="")
        kompetensi = PkField(queryset=Kompetensi.objects.all(), many=True, required=False)
        hasil_diharapkan = TeksField()
        uraian_tugas = TeksField(required=False, allow_blank=True, default="")
        peran_penugasan = serializers.CharField(required=False, allow_blank=True, default="", max_length=120)
        mulai = TanggalField()
        selesai = TanggalField()
        sifat = serializers.ChoiceField(choices=Sifat.choices, default=Sifat.INSIDENTAL)
        pegawai_diminta = PkField(queryset=Pegawai.objects.all(), many=True,
                                                             required=False)
        kriteria = TeksField(required=False, allow_blank=True, default="")
        kriteria_jenis_jabatan = TeksField(max_length=20, required=False, allow_blank=True, default="")
        kriteria_jenjang = TeksField(max_length=20, required=False, allow_blank=True, default="")
        jumlah_dibutuhkan = serializers.IntegerField(required=False, min_value=1, max_value=JUMLAH_MAKS, allow_null=True)
        tim = PkField(queryset=TimKerja.objects.all(), required=False, allow_null=True)
        nama_tim = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
        ketua_tim = PkField(queryset=Pegawai.objects.all(), required=False,
                                                       allow_null=True)
        tembusan_pegawai = PkField(queryset=Pegawai.objects.all(), many=True,
                                                              required=False)
        draf = serializers.BooleanField(default=False)

        class Meta:
            ref_name = "PermohonanAjukanInput"

    @extend_schema(request=InputSerializer, responses={201: PermohonanDetailOutput}, operation_id="permohonan_ajukan")
    def post(self, request):
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        data = dict(s.validated_data)
        draf = data.pop("draf")
        permohonan = services.permohonan_buat(actor=request.user, ip=_ip(request), ajukan=not draf, **data)
        return _detail(request, permohonan, http_status=status.HTTP_201_CREATED)


class PermohonanAjukanDrafApi(APIView):
    @extend_schema(request=None, responses=PermohonanDetailOutput, operation_id="permohonan_ajukan_draf")
    def post(self, request, pk: int):
        _ambil_terlihat(request, pk, AksiAudit.PERMOHONAN_AJUKAN)
        return _detail(request, services.permohonan_ajukan(actor=request.user, ip=_ip(request), permohonan_id=pk))


# --------------------------------------------------------------------------- decisions


def _field_langkah():
    """Every decision names the step the official saw (``langkah_ke`` of the request they read);
    the service refuses it with 409 once the request moved on, so a repeated or late call never
    decides the next step."""
    return serializers.IntegerField(min_value=0, max_value=100,
                                    help_text="indeks langkah yang diputuskan (langkah_ke yang dilihat; 0 = pertama); "
                                              "409 bila permohonan sudah berada pada langkah lain")


class PermohonanSetujuiApi(APIView):
    class InputSerializer(serializers.Serializer):
        langkah = _field_langkah()
        catatan = TeksField(max_length=ALASAN_MAKS, required=False, allow_blank=True, default="")
        pegawai = PkField(queryset=Pegawai.objects.all(), many=True, required=False,
                          help_text="pegawai yang ditugaskan (langkah PPK dituju)")
        konfirmasi_melebihi = serializers.BooleanField(
            default=False, help_text="wajib true bila memilih lebih banyak pegawai daripada jumlah yang diminta")

        class Meta:
            ref_name = "PermohonanSetujuiInput"

    @extend_schema(request=InputSerializer, responses=PermohonanDetailOutput, operation_id="permohonan_setujui")
    def post(self, request, pk: int):
        _ambil_terlihat(request, pk, AksiAudit.PERMOHONAN_SETUJUI)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        pegawai = s.validated_data.get("pegawai")
        permohonan = services.permohonan_setujui(
            actor=request.user, ip=_ip(request), permohonan_id=pk, langkah=s.validated_data["langkah"],
            catatan=s.validated_data["catatan"], pegawai_ids=[p.pk for p in pegawai] if pegawai else None,
            konfirmasi_melebihi=s.validated_data["konfirmasi_melebihi"])
        return _detail(request, permohonan)


class PermohonanTolakApi(APIView):
    class InputSerializer(serializers.Serializer):
        langkah = _field_langkah()
        alasan = TeksField(max_length=ALASAN_MAKS, required=False, allow_blank=True, default="",
                                       help_text="wajib: alasan penolakan")

        class Meta:
            ref_name = "PermohonanTolakInput"

    @extend_schema(request=InputSerializer, responses=PermohonanDetailOutput, operation_id="permohonan_tolak")
    def post(self, request, pk: int):
        _ambil_terlihat(request, pk, AksiAudit.PERMOHONAN_TOLAK)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        permohonan = services.permohonan_tolak(actor=request.user, ip=_ip(request), permohonan_id=pk,
                                               langkah=s.validated_data["langkah"],
                                               alasan=s.validated_data["alasan"])
        return _detail(request, permohonan)


class PermohonanKembalikanApi(APIView):
    """Return the request to the requester for revision (only at steps whose route allows it)."""

    class InputSerializer(serializers.Serializer):
        langkah = _field_langkah()
        alasan = TeksField(max_length=ALASAN_MAKS, required=False, allow_blank=True, default="",
                                       help_text="wajib: apa yang perlu diperbaiki")

        class Meta:
            ref_name = "PermohonanKembalikanInput"

    @extend_schema(request=InputSerializer, responses=PermohonanDetailOutput, operation_id="permohonan_kembalikan")
    def post(self, request, pk: int):
        _ambil_terlihat(request, pk, AksiAudit.PERMOHONAN_KEMBALIKAN)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        permohonan = services.permohonan_kembalikan(actor=request.user, ip=_ip(request), permohonan_id=pk,
                                                    langkah=s.validated_data["langkah"],
                                                    alasan=s.validated_data["alasan"])
        return _detail(request, permohonan)


class PermohonanPerbaikiApi(APIView):
    """The requester revises a request returned for revision; only the fields sent change.
    Resubmit with ``POST .../ajukan/``."""

    class InputSerializer(serializers.Serializer):
        judul = serializers.CharField(max_length=200, required=False, allow_blank=True)
        maksud_tujuan = TeksField(required=False, allow_blank=True)
        kompetensi_uraian = TeksField(required=False, allow_blank=True)
        kompetensi = PkField(queryset=Kompetensi.objects.all(), many=True, required=False)
        hasil_diharapkan = TeksField(required=False, allow_blank=True)
        uraian_tugas = TeksField(required=False, allow_blank=True)
        peran_penugasan = serializers.CharField(required=False, allow_blank=True, max_length=120)
        mulai = TanggalField(required=False)
        selesai = TanggalField(required=False)
        sifat = serializers.ChoiceField(choices=Sifat.choices, required=False)
        pegawai_diminta = PkField(queryset=Pegawai.objects.all(), many=True,
                                                             required=False)
        kriteria = TeksField(required=False, allow_blank=True)
        kriteria_jenis_jabatan = TeksField(max_length=20, required=False, allow_blank=True)
        kriteria_jenjang = TeksField(max_length=20, required=False, allow_blank=True)
        jumlah_dibutuhkan = serializers.IntegerField(required=False, min_value=1, max_value=JUMLAH_MAKS, allow_null=True)
        tim = PkField(queryset=TimKerja.objects.all(), required=False, allow_null=True)
        nama_tim = serializers.CharField(required=False, allow_blank=True, max_length=200)
        ketua_tim = PkField(queryset=Pegawai.objects.all(), required=False,
                                                       allow_null=True)
        tembusan_pegawai = PkField(queryset=Pegawai.objects.all(), many=True,
                                                              required=False)

        class Meta:
            ref_name = "PermohonanPerbaikiInput"

        def validate(self, attrs):
            # fields not declared here are otherwise dropped silently: the route and the units
            # are said to be fixed, not ignored
            dikirim = set(self.initial_data) if isinstance(self.initial_data, dict) else set()
            tetap = sorted(dikirim & set(services.FIELD_RUTE_UNIT))
            if tetap:
                raise serializers.ValidationError({f: [str(services.PESAN_RUTE_UNIT_TETAP)] for f in tetap})
            return attrs

    @extend_schema(request=InputSerializer, responses=PermohonanDetailOutput, operation_id="permohonan_perbaiki")
    def post(self, request, pk: int):
        _ambil_terlihat(request, pk, AksiAudit.PERMOHONAN_PERBAIKI)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        permohonan = services.permohonan_perbaiki(actor=request.user, ip=_ip(request), permohonan_id=pk,
                                                  **s.validated_data)
        return _detail(request, permohonan)


class PermohonanJawabKetersediaanApi(APIView):
    class InputSerializer(serializers.Serializer):
        langkah = _field_langkah()
        pegawai = PkField(queryset=Pegawai.objects.all(), many=True,
                                                     help_text="daftar pegawai yang tersedia")
        catatan = TeksField(max_length=ALASAN_MAKS, required=False, allow_blank=True, default="",
                            help_text="rekomendasi Pimpinan Unit Organisasi")
        konfirmasi_melebihi = serializers.BooleanField(
            default=False, help_text="wajib true bila memilih lebih banyak pegawai daripada jumlah yang diminta")

        class Meta:
            ref_name = "PermohonanJawabKetersediaanInput"

    @extend_schema(request=InputSerializer, responses=PermohonanDetailOutput,
                   operation_id="permohonan_jawab_ketersediaan")
    def post(self, request, pk: int):
        _ambil_terlihat(request, pk, AksiAudit.PERMOHONAN_JAWAB_KETERSEDIAAN)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        permohonan = services.permohonan_jawab_ketersediaan(
            actor=request.user, ip=_ip(request), permohonan_id=pk, langkah=s.validated_data["langkah"],
            pegawai_ids=[p.pk for p in s.validated_data["pegawai"]], catatan=s.validated_data["catatan"],
            konfirmasi_melebihi=s.validated_data["konfirmasi_melebihi"])
        return _detail(request, permohonan)


class PermohonanBatalkanApi(APIView):
    class InputSerializer(serializers.Serializer):
        alasan = TeksField(max_length=ALASAN_MAKS, required=False, allow_blank=True, default="")

        class Meta:
            ref_name = "PermohonanBatalkanInput"

    @extend_schema(request=InputSerializer, responses=PermohonanDetailOutput, operation_id="permohonan_batalkan")
    def post(self, request, pk: int):
        _ambil_terlihat(request, pk, AksiAudit.PERMOHONAN_BATALKAN)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        permohonan = services.permohonan_batalkan(actor=request.user, ip=_ip(request), permohonan_id=pk,
                                                  alasan=s.validated_data["alasan"])
        return _detail(request, permohonan)


# --------------------------------------------------------------------------- reads


class PermohonanDetailApi(APIView):
    @extend_schema(responses=PermohonanDetailOutput, operation_id="permohonan_detail")
    def get(self, request, pk: int):
        try:
            obj = selectors.permohonan_detail(user=request.user, permohonan_id=pk)
        except PermohonanPenugasan.DoesNotExist:
            penjelasan = selectors.penjelasan_tidak_terlihat(user=request.user, permohonan_id=pk)
            if penjelasan:
                raise PermissionDenied(penjelasan) from None
            raise NotFound(_("Permohonan tidak ditemukan.")) from None
        return Response(PermohonanDetailOutput(obj).data)


# Hot list endpoints build their rows with plain functions (DRF field machinery costs more than
# the SQL on a 25-row page); the Output serializers above stay the documented schema, and
# tests/test_apis.py checks that both give identical JSON.
_DT = serializers.DateTimeField()


def _tgl(v):
    return v.isoformat() if v is not None else None


def _waktu(v):
    return _DT.to_representation(v) if v is not None else None


def _ref(o):
    return None if o is None else {"id": o.pk, "nama": o.nama}


def _pegawai_ref(p):
    return None if p is None else {"id": p.pk, "nama": p.nama_lengkap, "nip": p.nip}


_LABEL_RUTE = dict(Rute.choices)
_LABEL_STATUS = dict(StatusPermohonan.choices)
_LABEL_PERAN = dict(PeranPenugasan.choices)

# Columns the list rows need (the lists select only these, like the hand-written SQL would).
KOLOM_PERMOHONAN = (
    "id", "rute", "status", "langkah_ke", "langkah_rute", "judul", "mulai", "selesai", "sifat", "diajukan_pada",
    "diputuskan_pada", "pemohon__nama", "pemohon__gelar_depan", "pemohon__gelar_belakang", "pemohon__nip",
    "jabatan_pemohon__nama", "unit_asal__nama", "unit_tujuan__nama", "instansi_asal__nama", "instansi_tujuan__nama",
    "jabatan_penentu__nama",
)
RELASI_PERMOHONAN = ("pemohon", "jabatan_pemohon", "unit_asal", "unit_tujuan", "instansi_asal", "instansi_tujuan",
                     "jabatan_penentu")
KOLOM_PENUGASAN = (
    "id", "permohonan_id", "peran", "peran_lain", "uraian_tugas", "mulai", "selesai", "sifat", "status",
    "diterima_pada", "pegawai__nama", "pegawai__gelar_depan", "pegawai__gelar_belakang", "pegawai__nip",
    "instansi__nama", "unit__nama", "tim__nama",
)
RELASI_PENUGASAN = ("pegawai", "instansi", "unit", "tim")


def _sebutan_peran(t: Penugasan) -> str:
    """Same text as ``Penugasan.sebutan_peran`` without Django's per-call choices lookup."""
    if t.peran == PeranPenugasan.LAINNYA and t.peran_lain:
        return t.peran_lain
    label = str(_LABEL_PERAN.get(t.peran, t.peran))
    if t.tim_id and t.peran in (PeranPenugasan.KETUA, PeranPenugasan.ANGGOTA):
        return sebutan_peran_tim(label, t.tim.nama)
    return label


def baris_permohonan(p: PermohonanPenugasan) -> dict:
    return {
        "id": p.pk, "rute": p.rute, "rute_label": str(_LABEL_RUTE.get(p.rute, p.rute)), "status": p.status,
        "status_label": str(_LABEL_STATUS.get(p.status, p.status)), "langkah_ke": p.langkah_ke,
        "langkah_sekarang": p.langkah_sekarang, "judul": p.judul, "pemohon": _pegawai_ref(p.pemohon),
        "jabatan_pemohon": _ref(p.jabatan_pemohon), "unit_asal": _ref(p.unit_asal),
        "unit_tujuan": _ref(p.unit_tujuan), "instansi_asal": _ref(p.instansi_asal),
        "instansi_tujuan": _ref(p.instansi_tujuan), "jabatan_penentu": _ref(p.jabatan_penentu),
        "mulai": _tgl(p.mulai), "selesai": _tgl(p.selesai), "sifat": p.sifat,
        "diajukan_pada": _waktu(p.diajukan_pada), "diputuskan_pada": _waktu(p.diputuskan_pada),
    }


def baris_penugasan(t: Penugasan) -> dict:
    return {
        "id": t.pk, "pegawai": _pegawai_ref(t.pegawai), "permohonan_id": t.permohonan_id,
        "instansi": _ref(t.instansi), "unit": _ref(t.unit), "peran": t.peran, "sebutan_peran": _sebutan_peran(t),
        "tim": _ref(t.tim), "uraian_tugas": t.uraian_tugas, "mulai": _tgl(t.mulai), "selesai": _tgl(t.selesai),
        "sifat": t.sifat, "status": t.status, "diterima_pada": _waktu(t.diterima_pada),
    }


def baris_tim(t: TimKerja) -> dict:
    return {
        "id": t.pk, "nama": t.nama, "instansi": _ref(t.instansi), "unit": _ref(t.unit),
        "penanggung_jawab": _pegawai_ref(t.penanggung_jawab), "mulai": _tgl(t.mulai), "selesai": _tgl(t.selesai),
        "sifat": t.sifat, "status": t.status, "jumlah_anggota": t.jumlah_anggota,
    }


class _DaftarApi(APIView):
    """A paginated, filtered list from a selector (constant number of queries)."""

    filter_backends = [DjangoFilterBackend]
    pagination_class = Paginasi
    output = None  # serializer class: the documented shape
    baris = None  # function(obj) -> dict with exactly that shape

    def daftar(self, request):
        raise NotImplementedError

    def get(self, request):
        qs = self.daftar(request)
        if set(request.query_params) - {"page", "ukuran"}:  # build the filter form only when filtering
            qs = DjangoFilterBackend().filter_queryset(request, qs, self)
        paginator = self.pagination_class()
        halaman = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response([self.baris(obj) for obj in halaman])


class MenungguKeputusanApi(_DaftarApi):
    """Requests awaiting a decision by a position the user holds or acts for today."""

    queryset = PermohonanPenugasan.objects.none()
    filterset_class = PermohonanFilter
    output = PermohonanRingkasOutput
    baris = staticmethod(baris_permohonan)

    def daftar(self, request):
        return selectors.menunggu_keputusan(request.user).select_related(None).select_related(
            *RELASI_PERMOHONAN).only(*KOLOM_PERMOHONAN)

    @extend_schema(responses=PermohonanRingkasOutput(many=True), operation_id="permohonan_menunggu_keputusan")
    def get(self, request):
        return super().get(request)


class PermohonanSayaApi(_DaftarApi):
    queryset = PermohonanPenugasan.objects.none()
    filterset_class = PermohonanFilter
    output = PermohonanRingkasOutput
    baris = staticmethod(baris_permohonan)

    def daftar(self, request):
        return selectors.permohonan_saya(request.user).select_related(None).select_related(
            *RELASI_PERMOHONAN).only(*KOLOM_PERMOHONAN)

    @extend_schema(responses=PermohonanRingkasOutput(many=True), operation_id="permohonan_saya")
    def get(self, request):
        return super().get(request)


class PenugasanOutput(serializers.Serializer):
    id = serializers.IntegerField()
    pegawai = PegawaiRefOutput()
    permohonan_id = serializers.IntegerField(allow_null=True)
    instansi = RefOutput()
    unit = RefOutput()
    peran = serializers.CharField()
    sebutan_peran = serializers.CharField()
    tim = RefOutput(allow_null=True)
    uraian_tugas = serializers.CharField()
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    sifat = serializers.CharField()
    status = serializers.CharField()
    diterima_pada = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "Penugasan"


class PenugasanSayaApi(_DaftarApi):
    queryset = Penugasan.objects.none()
    filterset_class = PenugasanFilter
    output = PenugasanOutput
    baris = staticmethod(baris_penugasan)

    def daftar(self, request):
        return selectors.penugasan_saya(request.user).select_related(None).select_related(
            *RELASI_PENUGASAN).only(*KOLOM_PENUGASAN)

    @extend_schema(responses=PenugasanOutput(many=True), operation_id="penugasan_saya")
    def get(self, request):
        return super().get(request)


class PenugasanTerimaApi(APIView):
    @extend_schema(request=None, responses=PenugasanOutput, operation_id="penugasan_terima")
    def post(self, request, pk: int):
        if not selectors.penugasan_terlihat(request.user).filter(pk=pk).exists():
            jejak_tolak(actor=request.user, model=Penugasan, objek_id=pk, aksi=AksiAudit.PENUGASAN_TERIMA,
                        alasan=_("Penugasan tidak ditemukan atau tidak dapat diakses."), ip=_ip(request))
            raise NotFound(_("Penugasan tidak ditemukan."))
        penugasan = services.penugasan_terima(actor=request.user, ip=_ip(request), penugasan_id=pk)
        return Response(PenugasanOutput(selectors.penugasan_saya(request.user).get(pk=penugasan.pk)).data)


class TimOutput(serializers.Serializer):
    id = serializers.IntegerField()
    nama = serializers.CharField()
    instansi = RefOutput()
    unit = RefOutput()
    penanggung_jawab = PegawaiRefOutput(allow_null=True)
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    sifat = serializers.CharField()
    status = serializers.CharField()
    jumlah_anggota = serializers.IntegerField()

    class Meta:
        ref_name = "TimKerja"


class TimSayaApi(_DaftarApi):
    queryset = TimKerja.objects.none()
    filterset_class = TimFilter
    output = TimOutput
    baris = staticmethod(baris_tim)

    def daftar(self, request):
        return selectors.tim_saya(request.user)

    @extend_schema(responses=TimOutput(many=True), operation_id="tim_saya")
    def get(self, request):
        return super().get(request)


class BebanKerjaApi(APIView):
    class OutputSerializer(serializers.Serializer):
        pegawai_id = serializers.IntegerField()
        penugasan_individu = serializers.IntegerField()
        tim = serializers.IntegerField()
        total = serializers.IntegerField()
        batas = serializers.IntegerField()
        melebihi = serializers.BooleanField()

        class Meta:
            ref_name = "BebanKerja"

    @extend_schema(responses=OutputSerializer, operation_id="pegawai_beban_kerja")
    def get(self, request, pk: int):
        # one visibility selector for every entry point (the org-chart and staff-search APIs too)
        pegawai = selektor_akses.pegawai_terlihat(request.user).select_related("instansi").filter(pk=pk).first()
        if pegawai is None:
            raise NotFound(_("Pegawai tidak ditemukan."))
        return Response(self.OutputSerializer(selectors.beban_kerja(pegawai)).data)

