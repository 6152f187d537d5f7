"""HTML pages of Kinerja II (running the work): my reports and those to review, report
requests, kendala, results to review, the per-target board and the PPK's notes on their
subordinates. Thin: the same services and ``selectors_pelaksanaan`` as the API. An object the
user may not see is a 404 page; PermissionDenied / KonflikError are not caught (inti's one
error mapping renders the 403 / 409 pages with the service's reason); a service's
ValidationError re-renders the page with status 400 and messages naming the field. No
JavaScript: plain forms (strict CSP)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inti.klien import alamat_klien
from penugasan.models import AnggotaTim, PeranTim, StatusTim

from .. import selectors_pelaksanaan as sel
from .. import services
from ..apis.pelaksanaan import berkas_response
from ..models import BuktiLaporan, JenisLaporan, StatusKendala, StatusPenyerahan
from ..penerima import ketua_tim
from ..services.matriks import target_tim


def _ip(request):
    return alamat_klien(request)


def pesan_validasi(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{f}: {m}" if f != "__all__" else m for f, ms in exc.message_dict.items() for m in ms]
    return list(exc.messages)


def _atau_404(qs, pk: int, pesan: str):
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404(pesan)
    return obj


def _pegawai(request):
    return getattr(request.user, "pegawai", None)


# --------------------------------------------------------------------------- overview


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """Everything of Kinerja II that concerns me, in one page."""
    peg = _pegawai(request)
    tim_saya = []
    if peg is not None:
        for a in (AnggotaTim.objects.filter(pegawai=peg, tim__status=StatusTim.AKTIF).select_related("tim")
                  .order_by("tim__nama")[:50]):
            tim_saya.append({"tim": a.tim, "ketua": a.peran == PeranTim.KETUA,
                             "target": list(target_tim(a.tim).select_related("indikator")[:20])})
    konteks = {
        "tim_saya": tim_saya,
        "laporan_masuk": sel.laporan_masuk(user=request.user, status="dikirim")[:50],
        "laporan_saya": sel.laporan_saya(user=request.user)[:20],
        "permintaan": sel.permintaan_terlihat(user=request.user).order_by("status", "tenggat")[:50],
        "kendala_menunggu": sel.kendala_menunggu(user=request.user)[:50],
        "kendala_saya": sel.kendala_terlihat(user=request.user).filter(diajukan_oleh=peg)[:20] if peg else [],
        "hasil_menunggu": sel.penyerahan_menunggu(user=request.user)[:50],
        "hasil_saya": sel.penyerahan_terlihat(user=request.user).filter(diserahkan_oleh=peg)[:20] if peg else [],
    }
    return render(request, "kinerja/pelaksanaan/beranda.html", konteks)


# --------------------------------------------------------------------------- reports


def _laporan(request, pk):
    return _atau_404(sel.laporan_terlihat(user=request.user).prefetch_related("progres__tonggak", "bukti",
                                                                              "tembusan_jabatan"),
                     pk, _("Laporan tidak ditemukan."))


@login_required
def laporan_detail(request: HttpRequest, pk: int, galat=None, status=200) -> HttpResponse:
    lap = _laporan(request, pk)
    peg = _pegawai(request)
    boleh_tanggapi = lap.status == "dikirim" and (
        (lap.penerima_pegawai_id and peg and lap.penerima_pegawai_id == peg.pk)
        or (lap.penerima_jabatan_id and lap.penerima_jabatan_id in sel.jabatan_ids(request.user)))
    return render(request, "kinerja/pelaksanaan/laporan_detail.html", {
        "lap": lap, "boleh_tanggapi": boleh_tanggapi, "pelapor": peg is not None and lap.pelapor_id == peg.pk,
        "galat": galat or []}, status=status)


@login_required
@require_POST
def laporan_aksi(request: HttpRequest, pk: int, aksi: str) -> HttpResponse:
    """terima / kembalikan / kirim-ulang / bukti on one report."""
    _laporan(request, pk)
    p = request.POST
    kw = dict(actor=request.user, ip=_ip(request), laporan_id=pk)
    try:
        if aksi == "terima":
            services.laporan_terima(catatan=p.get("catatan", ""), **kw)
            messages.success(request, _("Laporan diterima."))
        elif aksi == "kembalikan":
            services.laporan_kembalikan(catatan=p.get("catatan", ""), **kw)
            messages.success(request, _("Laporan dikembalikan dengan catatan."))
        elif aksi == "kirim-ulang":
            services.laporan_kirim_ulang(ringkasan=p.get("ringkasan", ""), realisasi=p.get("realisasi") or None, **kw)
            messages.success(request, _("Laporan dikirim ulang."))
        elif aksi == "bukti":
            services.bukti_tambah(berkas=request.FILES.get("berkas"), tautan=p.get("tautan", ""),
                                  nama=p.get("nama", ""), **kw)
            messages.success(request, _("Bukti ditambahkan."))
        else:
            raise Http404(_("Tindakan tidak dikenal."))
    except ValidationError as exc:
        return laporan_detail(request, pk, galat=pesan_validasi(exc), status=400)
    return redirect("kinerja_pelaksanaan_laporan", pk=pk)


@login_required
def laporan_kirim(request: HttpRequest) -> HttpResponse:
    """Write a report: ``?jenis=`` and ``?tim=`` / ``?penugasan=`` / ``?permintaan=`` pre-select."""
    data = request.POST if request.method == "POST" else request.GET
    galat: list[str] = []
    if request.method == "POST":
        try:
            kw = {k: data.get(k) or None for k in ("tim_id", "penugasan_id", "target_id", "tentang_pegawai_id",
                                                     "permintaan_id", "realisasi")}
            lap = services.laporan_kirim(actor=request.user, ip=_ip(request), jenis=data.get("jenis", ""),
                                         ringkasan=data.get("ringkasan", ""), kepada=data.get("kepada", ""), **kw)
        except ValidationError as exc:
            galat = pesan_validasi(exc)
        else:
            messages.success(request, _("Laporan dikirim kepada %(p)s.") % {
                "p": lap.penerima_pegawai or lap.penerima_jabatan})
            return redirect("kinerja_pelaksanaan_laporan", pk=lap.pk)
    return render(request, "kinerja/pelaksanaan/laporan_kirim.html", {
        "data": data, "jenis_pilihan": JenisLaporan.choices, "galat": galat}, status=400 if galat else 200)


@login_required
def bukti_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    bukti = BuktiLaporan.objects.filter(pk=pk).exclude(berkas="").first()
    if bukti is None or not sel.bukti_boleh_dibaca(user=request.user, bukti=bukti):
        raise Http404(_("Bukti tidak ditemukan."))
    return berkas_response(bukti)


# --------------------------------------------------------------------------- report requests


@login_required
def permintaan_buat(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    galat: list[str] = []
    if request.method == "POST":
        try:
            services.permintaan_buat(actor=request.user, ip=_ip(request), tim_id=data.get("tim_id"),
                                     kepada_id=data.get("kepada_id"), uraian=data.get("uraian", ""),
                                     tenggat=data.get("tenggat"), target_id=data.get("target_id") or None)
        except ValidationError as exc:
            galat = pesan_validasi(exc)
        else:
            messages.success(request, _("Permintaan laporan dikirim."))
            return redirect("kinerja_pelaksanaan_beranda")
    return render(request, "kinerja/pelaksanaan/permintaan_buat.html", {"data": data, "galat": galat},
                  status=400 if galat else 200)


@login_required
@require_POST
def permintaan_batalkan(request: HttpRequest, pk: int) -> HttpResponse:
    _atau_404(sel.permintaan_terlihat(user=request.user), pk, _("Permintaan tidak ditemukan."))
    try:
        services.permintaan_batalkan(actor=request.user, ip=_ip(request), permintaan_id=pk,
                                     alasan=request.POST.get("alasan", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(pesan_validasi(exc)))
        return redirect("kinerja_pelaksanaan_beranda")
    messages.success(request, _("Permintaan laporan dibatalkan."))
    return redirect("kinerja_pelaksanaan_beranda")


# --------------------------------------------------------------------------- kendala


def _kendala(request, pk):
    return _atau_404(sel.kendala_terlihat(user=request.user).prefetch_related("opsi", "riwayat", "penerima_jabatan"),
                     pk, _("Kendala tidak ditemukan."))


@login_required
def kendala_detail(request: HttpRequest, pk: int, galat=None, status=200) -> HttpResponse:
    k = _kendala(request, pk)
    saya = sel.jabatan_ids(request.user)
    terbuka = k.status in (StatusKendala.DIAJUKAN, StatusKendala.DITERUSKAN)
    menunggu_saya = terbuka and sel.kendala_menunggu(user=request.user).filter(pk=k.pk).exists()
    peg = _pegawai(request)
    ketua = ketua_tim(k.tim) if k.tim_id else None
    pengaju = peg is not None and (k.diajukan_oleh_id == peg.pk or (ketua is not None and ketua.pk == peg.pk))
    return render(request, "kinerja/pelaksanaan/kendala_detail.html", {
        "k": k, "menunggu_saya": menunggu_saya, "pengaju": pengaju, "saya": saya, "galat": galat or [],
        "lama": (k.diputuskan_pada - k.created_at) if k.diputuskan_pada else None}, status=status)


@login_required
@require_POST
def kendala_aksi(request: HttpRequest, pk: int, aksi: str) -> HttpResponse:
    _kendala(request, pk)
    p = request.POST
    kw = dict(actor=request.user, ip=_ip(request), kendala_id=pk)
    try:
        if aksi == "putuskan":
            services.kendala_putuskan(opsi_id=p.get("opsi_id") or None, keputusan_lain=p.get("keputusan_lain", ""),
                                      catatan=p.get("catatan", ""), unit_tujuan_id=p.get("unit_tujuan_id") or None,
                                      status_dilihat=p.get("status_dilihat") or None, **kw)
            messages.success(request, _("Kendala diputuskan."))
        elif aksi == "teruskan":
            services.kendala_teruskan(jabatan_id=p.get("jabatan_id"), catatan=p.get("catatan", ""),
                                      status_dilihat=p.get("status_dilihat") or None, **kw)
            messages.success(request, _("Kendala diteruskan."))
        elif aksi == "tindaklanjuti":
            services.kendala_tindaklanjuti(catatan=p.get("catatan", ""), **kw)
            messages.success(request, _("Tindak lanjut dicatat."))
        elif aksi == "tutup":
            services.kendala_tutup(catatan=p.get("catatan", ""), **kw)
            messages.success(request, _("Kendala ditutup."))
        else:
            raise Http404(_("Tindakan tidak dikenal."))
    except ValidationError as exc:
        return kendala_detail(request, pk, galat=pesan_validasi(exc), status=400)
    return redirect("kinerja_pelaksanaan_kendala", pk=pk)


@login_required
def kendala_ajukan(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    galat: list[str] = []
    if request.method == "POST":
        opsi = [{"uraian": data.get(f"opsi_{i}", ""), "butuh_pegawai_lain": data.get(f"opsi_{i}_pegawai") == "1"}
                for i in range(1, 4) if data.get(f"opsi_{i}", "").strip()]
        try:
            k = services.kendala_ajukan(actor=request.user, ip=_ip(request), uraian=data.get("uraian", ""), opsi=opsi,
                                        tim_id=data.get("tim_id") or None, penugasan_id=data.get("penugasan_id") or None,
                                        target_id=data.get("target_id") or None,
                                        libatkan_pimpinan_asal=data.get("libatkan_pimpinan_asal") == "1")
        except ValidationError as exc:
            galat = pesan_validasi(exc)
        else:
            messages.success(request, _("Kendala diajukan (%(c)s).") % {"c": k.get_cakupan_display()})
            return redirect("kinerja_pelaksanaan_kendala", pk=k.pk)
    return render(request, "kinerja/pelaksanaan/kendala_ajukan.html", {"data": data, "galat": galat},
                  status=400 if galat else 200)


# --------------------------------------------------------------------------- handed-in results


def _hasil(request, pk):
    return _atau_404(sel.penyerahan_terlihat(user=request.user).prefetch_related("riwayat"), pk,
                     _("Hasil kerja tidak ditemukan."))


@login_required
def hasil_detail(request: HttpRequest, pk: int, galat=None, status=200) -> HttpResponse:
    h = _hasil(request, pk)
    menunggu_saya = h.status == StatusPenyerahan.DITINJAU and sel.penyerahan_menunggu(
        user=request.user).filter(pk=h.pk).exists()
    peg = _pegawai(request)
    ketua = ketua_tim(h.tim) if h.tim_id else None
    penyerah = peg is not None and peg.pk in {h.diserahkan_oleh_id, ketua.pk if ketua else None}
    return render(request, "kinerja/pelaksanaan/hasil_detail.html", {
        "h": h, "menunggu_saya": menunggu_saya, "penyerah": penyerah, "terakhir": h.langkah_terakhir(),
        "galat": galat or []}, status=status)


@login_required
@require_POST
def hasil_aksi(request: HttpRequest, pk: int, aksi: str) -> HttpResponse:
    _hasil(request, pk)
    p = request.POST
    kw = dict(actor=request.user, ip=_ip(request), penyerahan_id=pk)
    try:
        if aksi == "teruskan":
            services.hasil_teruskan(langkah=p.get("langkah"), catatan=p.get("catatan", ""), **kw)
            messages.success(request, _("Hasil diteruskan ke langkah berikutnya."))
        elif aksi == "kembalikan":
            services.hasil_kembalikan(langkah=p.get("langkah"), alasan=p.get("alasan", ""), **kw)
            messages.success(request, _("Hasil dikembalikan untuk diperbaiki."))
        elif aksi == "perbaiki":
            services.hasil_perbaiki(langkah=p.get("langkah"), alasan=p.get("alasan", ""),
                                    uraian_hasil=p.get("uraian_hasil", ""), realisasi=p.get("realisasi") or None, **kw)
            messages.success(request, _("Hasil diperbaiki."))
        elif aksi == "terima":
            services.hasil_terima(langkah=p.get("langkah"), catatan=p.get("catatan", ""), **kw)
            messages.success(request, _("Hasil kerja diterima; pekerjaan selesai."))
        elif aksi == "serahkan-ulang":
            services.hasil_serahkan_ulang(uraian_hasil=p.get("uraian_hasil", ""), realisasi=p.get("realisasi") or None,
                                          **kw)
            messages.success(request, _("Hasil perbaikan diserahkan."))
        else:
            raise Http404(_("Tindakan tidak dikenal."))
    except ValidationError as exc:
        return hasil_detail(request, pk, galat=pesan_validasi(exc), status=400)
    return redirect("kinerja_pelaksanaan_hasil", pk=pk)


@login_required
def hasil_serahkan(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    galat: list[str] = []
    if request.method == "POST":
        try:
            h = services.hasil_serahkan(actor=request.user, ip=_ip(request), target_id=data.get("target_id"),
                                        tim_id=data.get("tim_id") or None, penugasan_id=data.get("penugasan_id") or None,
                                        uraian_hasil=data.get("uraian_hasil", ""),
                                        realisasi=data.get("realisasi") or None)
        except ValidationError as exc:
            galat = pesan_validasi(exc)
        else:
            messages.success(request, _("Hasil diserahkan kepada %(n)s.") % {"n": h.langkah_rantai[0]["nama"]})
            return redirect("kinerja_pelaksanaan_hasil", pk=h.pk)
    return render(request, "kinerja/pelaksanaan/hasil_serahkan.html", {"data": data, "galat": galat},
                  status=400 if galat else 200)


# --------------------------------------------------------------------------- board, notes on subordinates


@login_required
def papan_target(request: HttpRequest, pk: int) -> HttpResponse:
    target = _atau_404(sel.target_papan_list(user=request.user), pk, _("Target tidak ditemukan."))
    return render(request, "kinerja/pelaksanaan/papan.html", {"p": sel.papan_target(target=target)})


@login_required
def catatan_bawahan(request: HttpRequest) -> HttpResponse:
    return render(request, "kinerja/pelaksanaan/catatan_bawahan.html",
                  {"bawahan": sel.catatan_bawahan(user=request.user)})


@login_required
def dasbor(request: HttpRequest) -> HttpResponse:
    """Dashboard of the Pimpinan Unit / head of PD over the targets their positions own
    (charts drawn by the vendored Chart.js from the page's JSON; figures readable without JS)."""
    return render(request, "kinerja/pelaksanaan/dasbor.html",
                  {"data": sel.ringkasan_unit(jabatan_list=sel.jabatan_ids(request.user))})
