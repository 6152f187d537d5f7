"""Shared pieces of the kinerja HTML pages: visibility lookups (an object the user may not see
is a 404 page, the same answer as the API), and turning a service's ValidationError into
messages that name the field. PermissionDenied and KonflikError are not caught: inti's one
error mapping renders them as the 403 and 409 pages with the service's Indonesian reason."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from inti.klien import alamat_klien
from penugasan.models import TimKerja

from .. import selectors
from ..models import (
    BarisMatriksPeran,
    IndikatorKinerja,
    PerjanjianKinerja,
    RencanaKegiatanAnggaran,
    TargetJabatan,
)

LABEL_FIELD = {
    "uraian": _("uraian"), "satuan": _("satuan"), "target_tahunan": _("target tahunan"), "baseline": _("baseline"),
    "berkas": _("berkas"), "bagian": _("pembagian"), "alasan_perubahan": _("alasan perubahan"),
}


def ip(request: HttpRequest) -> str | None:
    return alamat_klien(request)


def pesan_validasi(exc: ValidationError) -> list[str]:
    """'field: message' lines of a service's ValidationError (the field as the API names it)."""
    if hasattr(exc, "error_dict"):
        hasil = []
        for field, errors in exc.message_dict.items():
            for m in errors:
                hasil.append(m if field in ("__all__", "berkas") else f"{field}: {m}")
        return hasil
    return list(exc.messages)


def pk_atau_404(request: HttpRequest, pk: int) -> PerjanjianKinerja:
    obj = (selectors.pk_terlihat(user=request.user).select_related("versi_sebelumnya", "instansi")
           .filter(pk=pk).first())
    if obj is None:
        raise Http404(_("Perjanjian Kinerja tidak ditemukan."))
    return obj


def _pk_ids(request: HttpRequest):
    return selectors.pk_terlihat(user=request.user).values("pk")


def indikator_atau_404(request: HttpRequest, pk: int) -> IndikatorKinerja:
    obj = (IndikatorKinerja.objects.select_related("sasaran__pk_kinerja__jabatan__unit",
                                                   "sasaran__pk_kinerja__perangkat_daerah")
           .filter(pk=pk, sasaran__pk_kinerja__in=_pk_ids(request)).first())
    if obj is None:
        raise Http404(_("Indikator tidak ditemukan."))
    return obj


def target_atau_404(request: HttpRequest, pk: int) -> TargetJabatan:
    obj = (TargetJabatan.objects.select_related("jabatan__unit", "indikator__sasaran__pk_kinerja__jabatan",
                                                "indikator__sasaran__pk_kinerja__instansi",
                                                "indikator__sasaran__pk_kinerja__perangkat_daerah", "penanggung_jawab")
           .filter(pk=pk, indikator__sasaran__pk_kinerja__in=_pk_ids(request)).first())
    if obj is None:
        raise Http404(_("Target tidak ditemukan."))
    return obj


def rencana_anggaran_atau_404(request: HttpRequest, pk: int) -> RencanaKegiatanAnggaran:
    obj = (RencanaKegiatanAnggaran.objects.select_related("target__jabatan", "target__indikator__sasaran__pk_kinerja",
                                                          "disusun_oleh", "disetujui_oleh")
           .filter(pk=pk, target__indikator__sasaran__pk_kinerja__in=_pk_ids(request)).first())
    if obj is None:
        raise Http404(_("Rencana tidak ditemukan."))
    return obj


def tim_atau_404(request: HttpRequest, pk: int) -> TimKerja:
    obj = selectors.tim_terlihat(user=request.user).select_related("unit", "instansi").filter(pk=pk).first()
    if obj is None:
        raise Http404(_("Tim kerja tidak ditemukan."))
    return obj


def baris_atau_404(request: HttpRequest, pk: int) -> BarisMatriksPeran:
    obj = BarisMatriksPeran.objects.filter(pk=pk, tim__in=selectors.tim_terlihat(user=request.user).values("pk")).first()
    if obj is None:
        raise Http404(_("Baris matriks tidak ditemukan."))
    return obj
