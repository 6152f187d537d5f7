"""HTML entry points for ending work: close an approved request (permohonan page), finish or
cancel an assignment (permohonan page, per assignment), finish or dissolve a team and name its
penanggung jawab (team page). Thin: forms parse, ``penugasan.services`` decides; a refusal is
a message on the page it came from; an object this user may neither see nor end answers 404,
as in the API (one rule)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inti.exceptions import KonflikError

from . import forms, selectors, services
from .models import Penugasan, TimKerja
from .views import _ip, _permohonan_atau_404, _pesan_validasi


def _jalankan(request: HttpRequest, layanan, *, berhasil: str, **kwargs) -> None:
    """Run one ending service; its refusal becomes a message (403 too: the page stays)."""
    try:
        layanan(actor=request.user, ip=_ip(request), **kwargs)
    except KonflikError as exc:
        messages.warning(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(_pesan_validasi(exc)))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, berhasil)


def _form_pengakhiran(request: HttpRequest) -> dict | None:
    form = forms.PengakhiranForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
        return None
    return {"tanggal": form.cleaned_data["tanggal"], "alasan": form.cleaned_data["alasan"]}


@login_required
@require_POST
def permohonan_selesaikan(request: HttpRequest, pk: int) -> HttpResponse:
    permohonan = _permohonan_atau_404(request, pk)
    data = _form_pengakhiran(request)
    if data is not None:
        _jalankan(request, services.permohonan_selesaikan, permohonan_id=permohonan.pk, tanggal=data["tanggal"],
                  catatan=data["alasan"], berhasil=_("Permohonan dinyatakan selesai; penugasannya berakhir."))
    return redirect("permohonan_detail", pk=pk)


def _penugasan_atau_404(request: HttpRequest, pk: int) -> Penugasan:
    tugas = Penugasan.objects.select_related("unit").filter(pk=pk).first()
    if tugas is None or not (selectors.penugasan_terlihat(request.user).filter(pk=pk).exists()
                             or services.boleh_mengakhiri(user=request.user, unit=tugas.unit)):
        raise Http404(_("Penugasan tidak ditemukan."))
    return tugas


def _kembali_dari_penugasan(tugas: Penugasan) -> HttpResponse:
    if tugas.permohonan_id:
        return redirect("permohonan_detail", pk=tugas.permohonan_id)
    if tugas.tim_id:
        return redirect("tim_detail", pk=tugas.tim_id)
    return redirect("penugasan_saya")


@login_required
@require_POST
def penugasan_selesaikan(request: HttpRequest, pk: int) -> HttpResponse:
    tugas = _penugasan_atau_404(request, pk)
    data = _form_pengakhiran(request)
    if data is not None:
        _jalankan(request, services.penugasan_selesaikan, penugasan_id=tugas.pk, **data,
                  berhasil=_("Penugasan dinyatakan selesai."))
    return _kembali_dari_penugasan(tugas)


@login_required
@require_POST
def penugasan_batalkan(request: HttpRequest, pk: int) -> HttpResponse:
    tugas = _penugasan_atau_404(request, pk)
    data = _form_pengakhiran(request)
    if data is not None:
        _jalankan(request, services.penugasan_batalkan, penugasan_id=tugas.pk, **data,
                  berhasil=_("Penugasan dibatalkan; pegawai telah diberi tahu."))
    return _kembali_dari_penugasan(tugas)


def _tim_atau_404(request: HttpRequest, pk: int) -> TimKerja:
    tim = TimKerja.objects.select_related("unit", "instansi").filter(pk=pk).first()
    if tim is None or not (selectors.tim_boleh_dilihat(user=request.user, tim=tim)
                           or services.boleh_mengakhiri(user=request.user, unit=tim.unit)):
        raise Http404(_("Tim kerja tidak ditemukan."))
    return tim


@login_required
@require_POST
def tim_selesaikan(request: HttpRequest, pk: int) -> HttpResponse:
    tim = _tim_atau_404(request, pk)
    data = _form_pengakhiran(request)
    if data is not None:
        _jalankan(request, services.tim_selesaikan, tim_id=tim.pk, **data,
                  berhasil=_("Tim dinyatakan selesai; penugasan anggotanya berakhir."))
    return redirect("tim_detail", pk=pk)


@login_required
@require_POST
def tim_bubarkan(request: HttpRequest, pk: int) -> HttpResponse:
    tim = _tim_atau_404(request, pk)
    data = _form_pengakhiran(request)
    if data is not None:
        _jalankan(request, services.tim_bubarkan, tim_id=tim.pk, **data,
                  berhasil=_("Tim dibubarkan; penugasan anggotanya berakhir."))
    return redirect("tim_detail", pk=pk)


@login_required
@require_POST
def tim_penanggung_jawab(request: HttpRequest, pk: int) -> HttpResponse:
    tim = _tim_atau_404(request, pk)
    form = forms.PenanggungJawabForm(request.POST, tim=tim)
    if not form.is_valid():
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
    else:
        pegawai = form.cleaned_data["pegawai"]
        _jalankan(request, services.tim_penanggung_jawab_tetapkan, tim_id=tim.pk,
                  pegawai_id=pegawai.pk if pegawai else None, berhasil=_("Penanggung jawab tim disimpan."))
    return redirect("tim_detail", pk=pk)
