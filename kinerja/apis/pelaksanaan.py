"""API of Kinerja II (running the work): reports and their evidence, report requests, kendala,
handed-in results walking the review chain, the per-target board and the PPK's notes on their
subordinates. One APIView per operation; writes through ``services``, reads through
``selectors_pelaksanaan``; an object the user may not see is a 404 (audited)."""
from __future__ import annotations

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from inti.models import AksiAudit

from .. import selectors_pelaksanaan as sel
from .. import services
from ..models import BuktiLaporan, JenisLaporan, Kendala, Laporan, PenyerahanHasil, PermintaanLaporan, TargetJabatan
from ._umum import DESIMAL, _tidak_ditemukan, ip, target_terlihat

TEKS = dict(max_length=5000)


def _terlihat(request, qs, model, pk: int, aksi: str):
    obj = qs.filter(pk=pk).first()
    return obj if obj is not None else _tidak_ditemukan(request, model, pk, aksi)


# --------------------------------------------------------------------------- outputs


class BuktiOutput(serializers.Serializer):
    id = serializers.IntegerField()
    nama = serializers.CharField()
    tautan = serializers.CharField()
    ukuran = serializers.IntegerField()
    jenis_berkas = serializers.CharField()
    sha256 = serializers.CharField()
    berkas = serializers.SerializerMethodField()

    class Meta:
        ref_name = "KinerjaBukti"

    def get_berkas(self, obj) -> str | None:
        return f"/api/kinerja/bukti/{obj.pk}/unduh/" if obj.berkas else None


class ProgresOutput(serializers.Serializer):
    tonggak_id = serializers.IntegerField()
    tonggak = serializers.CharField(source="tonggak.uraian")
    persen = serializers.IntegerField()
    catatan = serializers.CharField()

    class Meta:
        ref_name = "KinerjaProgres"


class LaporanOutput(serializers.Serializer):
    id = serializers.IntegerField()
    jenis = serializers.CharField()
    status = serializers.CharField()
    periode_mulai = serializers.DateField(allow_null=True)
    periode_selesai = serializers.DateField(allow_null=True)
    pelapor_id = serializers.IntegerField()
    pelapor = serializers.CharField(source="pelapor.nama_lengkap")
    penerima_jabatan_id = serializers.IntegerField(allow_null=True)
    penerima_pegawai_id = serializers.IntegerField(allow_null=True)
    penerima = serializers.SerializerMethodField()
    tembusan = serializers.SerializerMethodField()
    tim_id = serializers.IntegerField(allow_null=True)
    penugasan_id = serializers.IntegerField(allow_null=True)
    target_id = serializers.IntegerField(allow_null=True)
    tentang_pegawai_id = serializers.IntegerField(allow_null=True)
    permintaan_id = serializers.IntegerField(allow_null=True)
    ringkasan = serializers.CharField()
    realisasi = serializers.DecimalField(allow_null=True, **DESIMAL)
    dikirim_pada = serializers.DateTimeField(allow_null=True)
    ditanggapi_pada = serializers.DateTimeField(allow_null=True)
    catatan_penerima = serializers.CharField()
    progres = ProgresOutput(many=True, source="progres.all")
    bukti = BuktiOutput(many=True, source="bukti.all")

    class Meta:
        ref_name = "KinerjaLaporan"

    def get_penerima(self, obj) -> str:
        return obj.penerima_pegawai.nama_lengkap if obj.penerima_pegawai_id else obj.penerima_jabatan.nama

    def get_tembusan(self, obj) -> list[str]:
        return [j.nama for j in obj.tembusan_jabatan.all()]


class PermintaanOutput(serializers.Serializer):
    id = serializers.IntegerField()
    peminta_id = serializers.IntegerField()
    jabatan_peminta_id = serializers.IntegerField(allow_null=True)
    kepada_id = serializers.IntegerField()
    kepada = serializers.CharField(source="kepada.nama_lengkap")
    tim_id = serializers.IntegerField(allow_null=True)
    target_id = serializers.IntegerField(allow_null=True)
    uraian = serializers.CharField()
    tenggat = serializers.DateField()
    status = serializers.CharField()
    terlambat = serializers.BooleanField(default=False)

    class Meta:
        ref_name = "KinerjaPermintaan"


class OpsiOutput(serializers.Serializer):
    id = serializers.IntegerField()
    urutan = serializers.IntegerField()
    uraian = serializers.CharField()
    butuh_pegawai_lain = serializers.BooleanField()

    class Meta:
        ref_name = "KinerjaOpsiKendala"


class RiwayatKendalaOutput(serializers.Serializer):
    aksi = serializers.CharField()
    status_dari = serializers.CharField()
    status_ke = serializers.CharField()
    catatan = serializers.CharField()
    sebagai = serializers.CharField()
    waktu = serializers.DateTimeField()

    class Meta:
        ref_name = "KinerjaRiwayatKendala"


class KendalaOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    cakupan = serializers.CharField()
    uraian = serializers.CharField()
    diajukan_oleh_id = serializers.IntegerField()
    tim_id = serializers.IntegerField(allow_null=True)
    penugasan_id = serializers.IntegerField(allow_null=True)
    target_id = serializers.IntegerField(allow_null=True)
    jabatan_penentu_id = serializers.IntegerField(allow_null=True)
    penerima_jabatan_ids = serializers.SerializerMethodField()
    opsi = OpsiOutput(many=True, source="opsi.all")
    opsi_dipilih_id = serializers.IntegerField(allow_null=True)
    keputusan_lain = serializers.CharField()
    catatan_keputusan = serializers.CharField()
    diputuskan_pada = serializers.DateTimeField(allow_null=True)
    jam_sampai_keputusan = serializers.SerializerMethodField()
    permohonan_id = serializers.IntegerField(allow_null=True)
    riwayat = RiwayatKendalaOutput(many=True, source="riwayat.all")
    created_at = serializers.DateTimeField()

    class Meta:
        ref_name = "KinerjaKendala"

    def get_penerima_jabatan_ids(self, obj) -> list[int]:
        return [j.pk for j in obj.penerima_jabatan.all()]

    def get_jam_sampai_keputusan(self, obj) -> float | None:
        if obj.diputuskan_pada is None:
            return None
        return round((obj.diputuskan_pada - obj.created_at).total_seconds() / 3600, 2)


class LangkahOutput(serializers.Serializer):
    urutan = serializers.IntegerField()
    putaran = serializers.IntegerField()
    peran = serializers.CharField()
    aksi = serializers.CharField()
    jabatan_id = serializers.IntegerField(allow_null=True)
    sebagai = serializers.CharField()
    nama_pegawai = serializers.CharField()
    alasan = serializers.CharField()
    waktu = serializers.DateTimeField()

    class Meta:
        ref_name = "KinerjaLangkahPenyerahan"


class PenyerahanOutput(serializers.Serializer):
    id = serializers.IntegerField()
    target_id = serializers.IntegerField()
    tim_id = serializers.IntegerField(allow_null=True)
    penugasan_id = serializers.IntegerField(allow_null=True)
    diserahkan_oleh_id = serializers.IntegerField()
    uraian_hasil = serializers.CharField()
    realisasi = serializers.DecimalField(allow_null=True, **DESIMAL)
    realisasi_anggota = serializers.DictField(child=serializers.CharField())
    status = serializers.CharField()
    putaran = serializers.IntegerField()
    langkah_ke = serializers.IntegerField()
    langkah_rantai = serializers.ListField(child=serializers.DictField())
    jabatan_penentu_id = serializers.IntegerField(allow_null=True)
    pegawai_penentu_id = serializers.IntegerField(allow_null=True)
    alasan_pengembalian = serializers.CharField()
    diterima_pada = serializers.DateTimeField(allow_null=True)
    riwayat = LangkahOutput(many=True, source="riwayat.all")

    class Meta:
        ref_name = "KinerjaPenyerahan"


# --------------------------------------------------------------------------- reports


class LaporanListApi(APIView):
    """My reports (``kotak=saya``, default) or those addressed to me (``kotak=masuk``)."""

    class FilterSerializer(serializers.Serializer):
        kotak = serializers.ChoiceField(choices=["saya", "masuk"], default="saya")
        status = serializers.ChoiceField(choices=["draf", "dikirim", "diterima", "dikembalikan"], required=False)

        class Meta:
            ref_name = "KinerjaLaporanFilter"

    @extend_schema(parameters=[FilterSerializer], responses=LaporanOutput(many=True), operation_id="kinerja_laporan_list")
    def get(self, request):
        f = self.FilterSerializer(data=request.query_params)
        f.is_valid(raise_exception=True)
        if f.validated_data["kotak"] == "masuk":
            qs = sel.laporan_masuk(user=request.user, status=f.validated_data.get("status"))
        else:
            qs = sel.laporan_saya(user=request.user)
            if f.validated_data.get("status"):
                qs = qs.filter(status=f.validated_data["status"])
        qs = qs.prefetch_related("progres__tonggak", "bukti", "tembusan_jabatan")[:200]
        return Response(LaporanOutput(qs, many=True).data)


class ProgresInput(serializers.Serializer):
    tonggak_id = serializers.IntegerField(min_value=1, max_value=2 ** 62)
    persen = serializers.IntegerField(min_value=0, max_value=100)
    catatan = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)

    class Meta:
        ref_name = "KinerjaProgresInput"


class LaporanKirimApi(APIView):
    """Send a report: ``jenis`` anggota_ke_ketua / tim / individu / catatan_anggota /
    jawaban_permintaan; the recipient follows the rules in force."""

    class InputSerializer(serializers.Serializer):
        jenis = serializers.ChoiceField(choices=JenisLaporan.choices)
        ringkasan = serializers.CharField(**TEKS)
        tim_id = serializers.IntegerField(required=False, min_value=1, max_value=2 ** 62)
        penugasan_id = serializers.IntegerField(required=False, min_value=1, max_value=2 ** 62)
        target_id = serializers.IntegerField(required=False, min_value=1, max_value=2 ** 62)
        tentang_pegawai_id = serializers.IntegerField(required=False, min_value=1, max_value=2 ** 62)
        permintaan_id = serializers.IntegerField(required=False, min_value=1, max_value=2 ** 62)
        realisasi = serializers.DecimalField(required=False, allow_null=True, **DESIMAL)
        progres = ProgresInput(many=True, required=False)
        periode_mulai = serializers.DateField(required=False)
        periode_selesai = serializers.DateField(required=False)
        kepada = serializers.ChoiceField(choices=["", "pimpinan_unit", "penanggung_jawab", "atasan_langsung"],
                                         required=False, default="")

        class Meta:
            ref_name = "KinerjaLaporanKirimInput"

    @extend_schema(request=InputSerializer, responses={201: LaporanOutput}, operation_id="kinerja_laporan_kirim")
    def post(self, request):
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        data = dict(s.validated_data)
        if "progres" in data:
            data["progres"] = [dict(p) for p in data["progres"]]
        obj = services.laporan_kirim(actor=request.user, ip=ip(request), **data)
        return Response(LaporanOutput(obj).data, status=status.HTTP_201_CREATED)


class LaporanDetailApi(APIView):
    @extend_schema(responses=LaporanOutput, operation_id="kinerja_laporan_detail")
    def get(self, request, pk: int):
        obj = _terlihat(request, sel.laporan_terlihat(user=request.user), Laporan, pk, AksiAudit.KINERJA_LIHAT)
        return Response(LaporanOutput(obj).data)


class LaporanKirimUlangApi(APIView):
    class InputSerializer(serializers.Serializer):
        ringkasan = serializers.CharField(**TEKS)
        realisasi = serializers.DecimalField(required=False, allow_null=True, **DESIMAL)
        progres = ProgresInput(many=True, required=False)

        class Meta:
            ref_name = "KinerjaLaporanKirimUlangInput"

    @extend_schema(request=InputSerializer, responses=LaporanOutput, operation_id="kinerja_laporan_kirim_ulang")
    def post(self, request, pk: int):
        _terlihat(request, sel.laporan_terlihat(user=request.user), Laporan, pk, AksiAudit.KINERJA_LAPORAN_KIRIM)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        data = dict(s.validated_data)
        data["progres"] = [dict(p) for p in data.get("progres", [])]
        obj = services.laporan_kirim_ulang(actor=request.user, ip=ip(request), laporan_id=pk, **data)
        return Response(LaporanOutput(obj).data)


class CatatanInput(serializers.Serializer):
    catatan = serializers.CharField(required=False, allow_blank=True, default="", **TEKS)

    class Meta:
        ref_name = "KinerjaPelaksanaanCatatanInput"


class LaporanTerimaApi(APIView):
    @extend_schema(request=CatatanInput, responses=LaporanOutput, operation_id="kinerja_laporan_terima")
    def post(self, request, pk: int):
        _terlihat(request, sel.laporan_terlihat(user=request.user), Laporan, pk, AksiAudit.KINERJA_LAPORAN_TERIMA)
        s = CatatanInput(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.laporan_terima(actor=request.user, ip=ip(request), laporan_id=pk, **s.validated_data)
        return Response(LaporanOutput(obj).data)


class LaporanKembalikanApi(APIView):
    @extend_schema(request=CatatanInput, responses=LaporanOutput, operation_id="kinerja_laporan_kembalikan")
    def post(self, request, pk: int):
        _terlihat(request, sel.laporan_terlihat(user=request.user), Laporan, pk,
                  AksiAudit.KINERJA_LAPORAN_KEMBALIKAN)
        s = CatatanInput(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.laporan_kembalikan(actor=request.user, ip=ip(request), laporan_id=pk, **s.validated_data)
        return Response(LaporanOutput(obj).data)


class BuktiTambahApi(APIView):
    """Attach evidence: a file (multipart ``berkas``: pdf, png, jpg, docx, xlsx, odt, ods; size
    and count limited) or a ``tautan``."""

    parser_classes = [MultiPartParser, FormParser, JSONParser]

    class InputSerializer(serializers.Serializer):
        berkas = serializers.FileField(required=False, allow_empty_file=False)
        tautan = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
        nama = serializers.CharField(required=False, allow_blank=True, default="", max_length=250)

        class Meta:
            ref_name = "KinerjaBuktiInput"

    @extend_schema(request={"multipart/form-data": InputSerializer}, responses={201: BuktiOutput},
                   operation_id="kinerja_bukti_tambah")
    def post(self, request, pk: int):
        _terlihat(request, sel.laporan_terlihat(user=request.user), Laporan, pk, AksiAudit.KINERJA_BUKTI_TAMBAH)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.bukti_tambah(actor=request.user, ip=ip(request), laporan_id=pk, **s.validated_data)
        return Response(BuktiOutput(obj).data, status=status.HTTP_201_CREATED)


class BuktiUnduhApi(APIView):
    """The stored file, only to those who may read the report."""

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.BINARY)}, operation_id="kinerja_bukti_unduh")
    def get(self, request, pk: int):
        bukti = BuktiLaporan.objects.filter(pk=pk).exclude(berkas="").first()
        if bukti is None or not sel.bukti_boleh_dibaca(user=request.user, bukti=bukti):
            _tidak_ditemukan(request, BuktiLaporan, pk, AksiAudit.KINERJA_BUKTI_UNDUH)
        return berkas_response(bukti)


def berkas_response(bukti: BuktiLaporan) -> FileResponse:
    resp = FileResponse(bukti.berkas.open("rb"), as_attachment=True, filename=bukti.nama,
                        content_type=bukti.jenis_berkas or "application/octet-stream")
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Cache-Control"] = "private, no-store"
    return resp


# --------------------------------------------------------------------------- report requests


class PermintaanListApi(APIView):
    @extend_schema(responses=PermintaanOutput(many=True), operation_id="kinerja_permintaan_list")
    def get(self, request):
        return Response(PermintaanOutput(sel.permintaan_terlihat(user=request.user)[:200], many=True).data)


class PermintaanBuatApi(APIView):
    class InputSerializer(serializers.Serializer):
        tim_id = serializers.IntegerField(min_value=1, max_value=2 ** 62)
        kepada_id = serializers.IntegerField(min_value=1, max_value=2 ** 62)
        uraian = serializers.CharField(**TEKS)
        tenggat = serializers.DateField()
        target_id = serializers.IntegerField(required=False, min_value=1, max_value=2 ** 62)

        class Meta:
            ref_name = "KinerjaPermintaanInput"

    @extend_schema(request=InputSerializer, responses={201: PermintaanOutput}, operation_id="kinerja_permintaan_buat")
    def post(self, request):
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.permintaan_buat(actor=request.user, ip=ip(request), **s.validated_data)
        return Response(PermintaanOutput(obj).data, status=status.HTTP_201_CREATED)


class AlasanInput(serializers.Serializer):
    alasan = serializers.CharField(**TEKS)

    class Meta:
        ref_name = "KinerjaPelaksanaanAlasanInput"


class PermintaanBatalkanApi(APIView):
    @extend_schema(request=AlasanInput, responses=PermintaanOutput, operation_id="kinerja_permintaan_batalkan")
    def post(self, request, pk: int):
        _terlihat(request, sel.permintaan_terlihat(user=request.user), PermintaanLaporan, pk,
                  AksiAudit.KINERJA_PERMINTAAN_BATALKAN)
        s = AlasanInput(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.permintaan_batalkan(actor=request.user, ip=ip(request), permintaan_id=pk, **s.validated_data)
        return Response(PermintaanOutput(obj).data)


# --------------------------------------------------------------------------- kendala


class KendalaListApi(APIView):
    class FilterSerializer(serializers.Serializer):
        menunggu = serializers.BooleanField(default=False)

        class Meta:
            ref_name = "KinerjaKendalaFilter"

    @extend_schema(parameters=[FilterSerializer], responses=KendalaOutput(many=True), operation_id="kinerja_kendala_list")
    def get(self, request):
        f = self.FilterSerializer(data=request.query_params)
        f.is_valid(raise_exception=True)
        qs = sel.kendala_menunggu(user=request.user) if f.validated_data["menunggu"] else \
            sel.kendala_terlihat(user=request.user)
        qs = qs.prefetch_related("opsi", "riwayat", "penerima_jabatan")[:200]
        return Response(KendalaOutput(qs, many=True).data)


class OpsiInput(serializers.Serializer):
    uraian = serializers.CharField(max_length=2000)
    butuh_pegawai_lain = serializers.BooleanField(default=False)

    class Meta:
        ref_name = "KinerjaOpsiKendalaInput"


class KendalaAjukanApi(APIView):
    class InputSerializer(serializers.Serializer):
        uraian = serializers.CharField(**TEKS)
        opsi = OpsiInput(many=True, max_length=10)
        tim_id = serializers.IntegerField(required=False, min_value=1, max_value=2 ** 62)
        penugasan_id = serializers.IntegerField(required=False, min_value=1, max_value=2 ** 62)
        target_id = serializers.IntegerField(required=False, min_value=1, max_value=2 ** 62)
        libatkan_pimpinan_asal = serializers.BooleanField(default=False)

        class Meta:
            ref_name = "KinerjaKendalaInput"

    @extend_schema(request=InputSerializer, responses={201: KendalaOutput}, operation_id="kinerja_kendala_ajukan")
    def post(self, request):
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        data = dict(s.validated_data)
        data["opsi"] = [dict(o) for o in data["opsi"]]
        obj = services.kendala_ajukan(actor=request.user, ip=ip(request), **data)
        return Response(KendalaOutput(obj).data, status=status.HTTP_201_CREATED)


def _kendala(request, pk, aksi):
    return _terlihat(request, sel.kendala_terlihat(user=request.user), Kendala, pk, aksi)


class KendalaDetailApi(APIView):
    @extend_schema(responses=KendalaOutput, operation_id="kinerja_kendala_detail")
    def get(self, request, pk: int):
        return Response(KendalaOutput(_kendala(request, pk, AksiAudit.KINERJA_LIHAT)).data)


class KendalaPutuskanApi(APIView):
    """Pick an option (``opsi_id``) or decide otherwise (``keputusan_lain``); ``status_dilihat``
    (the status the page showed) turns a stale decision into 409."""

    class InputSerializer(serializers.Serializer):
        opsi_id = serializers.IntegerField(required=False, min_value=1, max_value=2 ** 62)
        keputusan_lain = serializers.CharField(required=False, allow_blank=True, default="", **TEKS)
        catatan = serializers.CharField(required=False, allow_blank=True, default="", **TEKS)
        unit_tujuan_id = serializers.IntegerField(required=False, min_value=1, max_value=2 ** 62)
        status_dilihat = serializers.CharField(required=False, max_length=20)

        class Meta:
            ref_name = "KinerjaKendalaPutuskanInput"

    @extend_schema(request=InputSerializer, responses=KendalaOutput, operation_id="kinerja_kendala_putuskan")
    def post(self, request, pk: int):
        _kendala(request, pk, AksiAudit.KINERJA_KENDALA_PUTUSKAN)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.kendala_putuskan(actor=request.user, ip=ip(request), kendala_id=pk, **s.validated_data)
        return Response(KendalaOutput(obj).data)


class KendalaTeruskanApi(APIView):
    class InputSerializer(serializers.Serializer):
        jabatan_id = serializers.IntegerField(min_value=1, max_value=2 ** 62)
        catatan = serializers.CharField(**TEKS)
        status_dilihat = serializers.CharField(required=False, max_length=20)

        class Meta:
            ref_name = "KinerjaKendalaTeruskanInput"

    @extend_schema(request=InputSerializer, responses=KendalaOutput, operation_id="kinerja_kendala_teruskan")
    def post(self, request, pk: int):
        _kendala(request, pk, AksiAudit.KINERJA_KENDALA_TERUSKAN)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.kendala_teruskan(actor=request.user, ip=ip(request), kendala_id=pk, **s.validated_data)
        return Response(KendalaOutput(obj).data)


class WajibCatatanInput(serializers.Serializer):
    catatan = serializers.CharField(**TEKS)

    class Meta:
        ref_name = "KinerjaWajibCatatanInput"


class KendalaTindaklanjutiApi(APIView):
    @extend_schema(request=WajibCatatanInput, responses=KendalaOutput, operation_id="kinerja_kendala_tindaklanjuti")
    def post(self, request, pk: int):
        _kendala(request, pk, AksiAudit.KINERJA_KENDALA_TINDAKLANJUTI)
        s = WajibCatatanInput(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.kendala_tindaklanjuti(actor=request.user, ip=ip(request), kendala_id=pk, **s.validated_data)
        return Response(KendalaOutput(obj).data)


class KendalaTutupApi(APIView):
    @extend_schema(request=CatatanInput, responses=KendalaOutput, operation_id="kinerja_kendala_tutup")
    def post(self, request, pk: int):
        _kendala(request, pk, AksiAudit.KINERJA_KENDALA_TUTUP)
        s = CatatanInput(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.kendala_tutup(actor=request.user, ip=ip(request), kendala_id=pk, **s.validated_data)
        return Response(KendalaOutput(obj).data)


# --------------------------------------------------------------------------- handed-in results


class HasilListApi(APIView):
    class FilterSerializer(serializers.Serializer):
        menunggu = serializers.BooleanField(default=False)

        class Meta:
            ref_name = "KinerjaHasilFilter"

    @extend_schema(parameters=[FilterSerializer], responses=PenyerahanOutput(many=True),
                   operation_id="kinerja_hasil_list")
    def get(self, request):
        f = self.FilterSerializer(data=request.query_params)
        f.is_valid(raise_exception=True)
        qs = sel.penyerahan_menunggu(user=request.user) if f.validated_data["menunggu"] else \
            sel.penyerahan_terlihat(user=request.user)
        return Response(PenyerahanOutput(qs.prefetch_related("riwayat")[:200], many=True).data)


class HasilSerahkanApi(APIView):
    """The ketua (``tim_id``) or the assignee (``penugasan_id``) hands in results for a target."""

    class InputSerializer(serializers.Serializer):
        target_id = serializers.IntegerField(min_value=1, max_value=2 ** 62)
        uraian_hasil = serializers.CharField(**TEKS)
        tim_id = serializers.IntegerField(required=False, min_value=1, max_value=2 ** 62)
        penugasan_id = serializers.IntegerField(required=False, min_value=1, max_value=2 ** 62)
        realisasi = serializers.DecimalField(required=False, allow_null=True, **DESIMAL)
        realisasi_anggota = serializers.DictField(child=serializers.DecimalField(**DESIMAL), required=False)

        class Meta:
            ref_name = "KinerjaHasilSerahkanInput"

    @extend_schema(request=InputSerializer, responses={201: PenyerahanOutput}, operation_id="kinerja_hasil_serahkan")
    def post(self, request):
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        target_terlihat(request, s.validated_data["target_id"], AksiAudit.KINERJA_HASIL_SERAHKAN)
        obj = services.hasil_serahkan(actor=request.user, ip=ip(request), **s.validated_data)
        return Response(PenyerahanOutput(obj).data, status=status.HTTP_201_CREATED)


def _hasil(request, pk, aksi):
    return _terlihat(request, sel.penyerahan_terlihat(user=request.user), PenyerahanHasil, pk, aksi)


class HasilDetailApi(APIView):
    @extend_schema(responses=PenyerahanOutput, operation_id="kinerja_hasil_detail")
    def get(self, request, pk: int):
        return Response(PenyerahanOutput(_hasil(request, pk, AksiAudit.KINERJA_LIHAT)).data)


class LangkahInput(serializers.Serializer):
    langkah = serializers.IntegerField(min_value=0, max_value=50, help_text="langkah yang Anda lihat (langkah_ke)")
    catatan = serializers.CharField(required=False, allow_blank=True, default="", **TEKS)

    class Meta:
        ref_name = "KinerjaHasilLangkahInput"


class HasilTeruskanApi(APIView):
    @extend_schema(request=LangkahInput, responses=PenyerahanOutput, operation_id="kinerja_hasil_teruskan")
    def post(self, request, pk: int):
        _hasil(request, pk, AksiAudit.KINERJA_HASIL_TERUSKAN)
        s = LangkahInput(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.hasil_teruskan(actor=request.user, ip=ip(request), penyerahan_id=pk, **s.validated_data)
        return Response(PenyerahanOutput(obj).data)


class HasilTerimaApi(APIView):
    @extend_schema(request=LangkahInput, responses=PenyerahanOutput, operation_id="kinerja_hasil_terima")
    def post(self, request, pk: int):
        _hasil(request, pk, AksiAudit.KINERJA_HASIL_TERIMA)
        s = LangkahInput(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.hasil_terima(actor=request.user, ip=ip(request), penyerahan_id=pk, **s.validated_data)
        return Response(PenyerahanOutput(obj).data)


class HasilKembalikanApi(APIView):
    class InputSerializer(serializers.Serializer):
        langkah = serializers.IntegerField(min_value=0, max_value=50)
        alasan = serializers.CharField(**TEKS)

        class Meta:
            ref_name = "KinerjaHasilKembalikanInput"

    @extend_schema(request=InputSerializer, responses=PenyerahanOutput, operation_id="kinerja_hasil_kembalikan")
    def post(self, request, pk: int):
        _hasil(request, pk, AksiAudit.KINERJA_HASIL_KEMBALIKAN)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.hasil_kembalikan(actor=request.user, ip=ip(request), penyerahan_id=pk, **s.validated_data)
        return Response(PenyerahanOutput(obj).data)


class HasilPerbaikiApi(APIView):
    class InputSerializer(serializers.Serializer):
        langkah = serializers.IntegerField(min_value=0, max_value=50)
        alasan = serializers.CharField(**TEKS)
        uraian_hasil = serializers.CharField(required=False, allow_blank=True, default="", **TEKS)
        realisasi = serializers.DecimalField(required=False, allow_null=True, **DESIMAL)

        class Meta:
            ref_name = "KinerjaHasilPerbaikiInput"

    @extend_schema(request=InputSerializer, responses=PenyerahanOutput, operation_id="kinerja_hasil_perbaiki")
    def post(self, request, pk: int):
        _hasil(request, pk, AksiAudit.KINERJA_HASIL_PERBAIKI)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.hasil_perbaiki(actor=request.user, ip=ip(request), penyerahan_id=pk, **s.validated_data)
        return Response(PenyerahanOutput(obj).data)


class HasilSerahkanUlangApi(APIView):
    class InputSerializer(serializers.Serializer):
        uraian_hasil = serializers.CharField(**TEKS)
        realisasi = serializers.DecimalField(required=False, allow_null=True, **DESIMAL)
        realisasi_anggota = serializers.DictField(child=serializers.DecimalField(**DESIMAL), required=False)

        class Meta:
            ref_name = "KinerjaHasilSerahkanUlangInput"

    @extend_schema(request=InputSerializer, responses=PenyerahanOutput, operation_id="kinerja_hasil_serahkan_ulang")
    def post(self, request, pk: int):
        _hasil(request, pk, AksiAudit.KINERJA_HASIL_SERAHKAN)
        s = self.InputSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        obj = services.hasil_serahkan_ulang(actor=request.user, ip=ip(request), penyerahan_id=pk, **s.validated_data)
        return Response(PenyerahanOutput(obj).data)


# --------------------------------------------------------------------------- board, notes on subordinates


class PapanTargetOutput(serializers.Serializer):
    target_id = serializers.IntegerField()
    progres = serializers.IntegerField()
    status = serializers.CharField()
    alasan_status = serializers.CharField()
    tonggak = serializers.ListField(child=serializers.DictField())
    laporan_terakhir_id = serializers.IntegerField(allow_null=True)
    laporan_terakhir_pada = serializers.DateTimeField(allow_null=True)
    kendala_terbuka_ids = serializers.ListField(child=serializers.IntegerField())
    penyerahan_id = serializers.IntegerField(allow_null=True)
    penyerahan_status = serializers.CharField(allow_null=True)

    class Meta:
        ref_name = "KinerjaPapanTarget"


class PapanTargetApi(APIView):
    """Progress against milestones, red/amber/green, last report, open kendala of a target."""

    @extend_schema(responses=PapanTargetOutput, operation_id="kinerja_papan_target")
    def get(self, request, pk: int):
        target = _terlihat(request, sel.target_papan_list(user=request.user), TargetJabatan, pk,
                           AksiAudit.KINERJA_LIHAT)
        p = sel.papan_target(target=target)
        lap, hasil = p["laporan_terakhir"], p["penyerahan"]
        return Response(PapanTargetOutput({
            "target_id": target.pk, "progres": p["progres"], "status": p["status"].warna,
            "alasan_status": p["status"].alasan,
            "tonggak": [{"id": t.pk, "uraian": t.uraian, "tenggat": t.tenggat.isoformat(), "progres": t.progres}
                        for t in p["tonggak"]],
            "laporan_terakhir_id": lap.pk if lap else None, "laporan_terakhir_pada": lap.dikirim_pada if lap else None,
            "kendala_terbuka_ids": [k.pk for k in p["kendala_terbuka"]],
            "penyerahan_id": hasil.pk if hasil else None, "penyerahan_status": hasil.status if hasil else None,
        }).data)


class CatatanBawahanOutput(serializers.Serializer):
    pegawai_id = serializers.IntegerField()
    nama = serializers.CharField()
    catatan = serializers.ListField(child=serializers.DictField())

    class Meta:
        ref_name = "KinerjaCatatanBawahan"


class CatatanBawahanApi(APIView):
    """The PPK's (or Pimpinan Unit's) notes on their subordinates from every team they served,
    with the number of the Surat Tugas that assigned them."""

    @extend_schema(responses=CatatanBawahanOutput(many=True), operation_id="kinerja_catatan_bawahan")
    def get(self, request):
        data = [{"pegawai_id": e["pegawai"].pk, "nama": e["pegawai"].nama_lengkap, "catatan": [
            {"laporan_id": c["laporan"]["pk"], "tim": c["tim"], "ketua": c["ketua"].nama_lengkap,
             "ringkasan": c["laporan"]["ringkasan"], "dikirim_pada": c["laporan"]["dikirim_pada"].isoformat(),
             "status": c["laporan"]["status"], "nomor_surat": c["nomor_surat"]} for c in e["catatan"]]}
            for e in sel.catatan_bawahan(user=request.user)]
        return Response(CatatanBawahanOutput(data, many=True).data)
