"""Shared pieces of the kinerja API: visibility lookups (an object the user may not see is a
404, with a refused audit row, never a 403), output shapes."""
from __future__ import annotations

from rest_framework import serializers
from rest_framework.exceptions import NotFound

from inti.jejak import jejak_tolak
from inti.klien import alamat_klien
from inti.models import AksiAudit
from penugasan.models import TimKerja

from .. import selectors
from ..models import (
    BarisMatriksPeran,
    IndikatorKinerja,
    PerjanjianKinerja,
    RencanaKegiatanAnggaran,
    SasaranKinerja,
    TargetJabatan,
)


def ip(request) -> str | None:
    """The client address for the audit trail (trusted proxy header, docs/deploy.md)."""
    return alamat_klien(request)


def _tidak_ditemukan(request, model, pk: int, aksi: str):
    jejak_tolak(actor=request.user, model=model, objek_id=pk, aksi=aksi,
                alasan="Data tidak ditemukan atau tidak dapat diakses.", ip=ip(request))
    raise NotFound("Data tidak ditemukan.")


def pk_terlihat(request, pk: int, aksi: str = AksiAudit.KINERJA_LIHAT) -> PerjanjianKinerja:
    obj = selectors.pk_terlihat(user=request.user).filter(pk=pk).first()
    return obj or _tidak_ditemukan(request, PerjanjianKinerja, pk, aksi)


def _lewat_pk(request, model, pk: int, jalur: str, aksi: str):
    pks = selectors.pk_terlihat(user=request.user).values("pk")
    if not model.objects.filter(pk=pk, **{f"{jalur}__in": pks}).exists():
        _tidak_ditemukan(request, model, pk, aksi)
    return pk


def sasaran_terlihat(request, pk: int, aksi: str) -> int:
    return _lewat_pk(request, SasaranKinerja, pk, "pk_kinerja", aksi)


def indikator_terlihat(request, pk: int, aksi: str) -> int:
    return _lewat_pk(request, IndikatorKinerja, pk, "sasaran__pk_kinerja", aksi)


def target_terlihat(request, pk: int, aksi: str) -> int:
    return _lewat_pk(request, TargetJabatan, pk, "indikator__sasaran__pk_kinerja", aksi)


def rencana_anggaran_terlihat(request, pk: int, aksi: str) -> int:
    return _lewat_pk(request, RencanaKegiatanAnggaran, pk, "target__indikator__sasaran__pk_kinerja", aksi)


def tim_terlihat(request, pk: int, aksi: str = AksiAudit.KINERJA_LIHAT):
    tim = selectors.tim_terlihat(user=request.user).filter(pk=pk).first()
    return tim or _tidak_ditemukan(request, TimKerja, pk, aksi)


def baris_terlihat(request, pk: int, aksi: str) -> int:
    tims = selectors.tim_terlihat(user=request.user).values("pk")
    if not BarisMatriksPeran.objects.filter(pk=pk, tim__in=tims).exists():
        _tidak_ditemukan(request, BarisMatriksPeran, pk, aksi)
    return pk


class RefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    nama = serializers.CharField()

    class Meta:
        ref_name = "KinerjaRef"


class PkOutput(serializers.Serializer):
    id = serializers.IntegerField()
    tahun = serializers.IntegerField()
    versi = serializers.IntegerField()
    status = serializers.CharField()
    judul = serializers.CharField()
    jabatan = RefOutput()
    perangkat_daerah = RefOutput()
    versi_sebelumnya_id = serializers.IntegerField(allow_null=True)
    alasan_perubahan = serializers.CharField()
    tanggal_berlaku = serializers.DateField(allow_null=True)
    ditetapkan_pada = serializers.DateTimeField(allow_null=True)
    nama_penetap = serializers.CharField()
    penetap_sebagai = serializers.CharField()

    class Meta:
        ref_name = "KinerjaPk"


class SasaranOutput(serializers.Serializer):
    id = serializers.IntegerField()
    urutan = serializers.IntegerField()
    kode = serializers.CharField()
    uraian = serializers.CharField()

    class Meta:
        ref_name = "KinerjaSasaran"


class IndikatorOutput(serializers.Serializer):
    id = serializers.IntegerField()
    sasaran_id = serializers.IntegerField()
    urutan = serializers.IntegerField()
    kode = serializers.CharField()
    uraian = serializers.CharField()
    satuan = serializers.CharField()
    polaritas = serializers.CharField()
    baseline = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    target_tahunan = serializers.DecimalField(max_digits=18, decimal_places=4)
    target_tw1 = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    target_tw2 = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    target_tw3 = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    target_tw4 = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    formula = serializers.CharField()
    catatan = serializers.CharField()

    class Meta:
        ref_name = "KinerjaIndikator"


class TargetOutput(serializers.Serializer):
    id = serializers.IntegerField()
    indikator_id = serializers.IntegerField()
    induk_id = serializers.IntegerField(allow_null=True)
    jabatan = RefOutput()
    cara = serializers.CharField()
    nilai = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    persen = serializers.DecimalField(max_digits=7, decimal_places=4, allow_null=True)
    aspek = serializers.CharField()
    porsi = serializers.CharField(source="sebutan_porsi")
    penanggung_jawab_id = serializers.IntegerField(allow_null=True)

    class Meta:
        ref_name = "KinerjaTarget"


DESIMAL = dict(max_digits=18, decimal_places=4)
