"""HTML views of the assignment workflow.

Thin: forms parse input, ``penugasan.services`` write, ``penugasan.selectors`` /
``organisasi.selectors`` read. Exceptions from services map to the page:
ValidationError → form errors, PermissionDenied → the 403 page, KonflikError → a message that
someone else already decided.
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inti.exceptions import KonflikError
from inti.halaman import halaman_dari
from inti.klien import alamat_klien
from organisasi import selectors as org_selectors
from organisasi.models import Pegawai

from . import dokumen, forms, selectors, services
from .models import (
    STATUS_TERBUKA,
    PermohonanPenugasan,
    Penugasan,
    StatusPenugasan,
    StatusPermohonan,
    StatusTim,
    TimKerja,
)

CARI_PER_HALAMAN = 30  # staff search: a page of results, with the count and links to the others
MAKS_MASSAL = 50  # one inbox page; bulk approval never reaches past it

PESAN_KONFLIK = _("Permohonan ini sudah diputuskan oleh pejabat lain atau statusnya telah berubah. "
                  "Muat ulang untuk melihat keadaan terbaru.")


def _pegawai(request: HttpRequest) -> Pegawai | None:
    return getattr(request.user, "pegawai", None)


def _ip(request: HttpRequest) -> str | None:
    return alamat_klien(request)


def _pesan_validasi(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [f"{m}" for pesan in exc.message_dict.values() for m in pesan]
    return list(exc.messages)


def _terapkan_error(form, exc: ValidationError) -> None:
    """Put a service's ValidationError onto the form (field errors where the field exists)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _surat_per_objek(objek_list) -> dict[int, list]:
    """{object pk: [Surat, ...]} (the letters app answers, through the hook it registers)."""
    return dokumen.SURAT_PER_OBJEK(objek_list=list(objek_list))


# --------------------------------------------------------------------------- beranda


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """Role-aware home: each section appears only when it has something for this user."""
    pegawai = _pegawai(request)
    jabatan = org_selectors.jabatan_dipangku(pegawai=pegawai) if pegawai else []
    notifikasi = dokumen.NOTIFIKASI_UNTUK(user=request.user, per_halaman=5, hanya_belum_dibaca=True)
    menunggu = list(selectors.menunggu_keputusan(request.user)[:5])
    # my own appraiser and unit head (DOMAIN §1): whom my reports and results go to
    ppk, pu = org_selectors.ppk_dan_pimpinan_pegawai(pegawai=pegawai) if pegawai else (None, None)
    return render(request, "penugasan/beranda.html", {
        "ppk_saya": ppk, "pu_saya": pu,
        "pegawai": pegawai,
        "jabatan_dipangku": jabatan,
        # my own appraiser and unit head (DOMAIN §1): whom my reports and results go to
        "menunggu": menunggu,
        "jumlah_menunggu": selectors.menunggu_keputusan(request.user).count() if menunggu else 0,
        "permohonan_saya": list(selectors.permohonan_saya(request.user)[:5]),
        "penugasan_saya": list(selectors.penugasan_saya(request.user, status="aktif")[:5]),
        "tim_saya": list(selectors.tim_saya(request.user)[:5]),
        "notifikasi_baru": notifikasi.object_list,
        "jumlah_notifikasi_baru": notifikasi.paginator.count,
    })


# --------------------------------------------------------------------------- kotak masuk


def _tandai_umur(items, *, pertama: bool) -> None:
    sekarang = timezone.now()
    for i, p in enumerate(items):
        sejak = getattr(p, "menunggu_sejak", None) or p.diajukan_pada or p.created_at
        p.hari_menunggu = (sekarang - sejak).days
        p.terlambat = p.hari_menunggu >= p.instansi_asal.hari_pengingat
        p.tertua = pertama and i == 0 and len(items) > 1
        langkah = p.langkah_aktif
        p.langkah_judul = langkah.judul if langkah else ""
        p.bisa_massal = p.bisa_disetujui_massal()


@login_required
def kotak_masuk(request: HttpRequest) -> HttpResponse:
    """Requests awaiting a decision by a position I hold or act for (Plt/Plh) today, 50 a page."""
    filter_form = forms.FilterKotakMasukForm(request.GET or None)
    halaman = halaman_dari(request, selectors.kotak_masuk(request.user, **filter_form.kwargs_selector()),
                           per_halaman=MAKS_MASSAL)
    items = list(halaman.object_list)
    selectors.langkah_per_halaman(items)
    _tandai_umur(items, pertama=halaman.number == 1)
    if not any(filter_form.kwargs_selector().values()):
        request._jumlah_menunggu_keputusan = halaman.paginator.count  # the navigation badge needs no extra query
    pegawai = _pegawai(request)
    if items and pegawai is not None:
        # acting appointments: show "Plt." / "Plh." next to the position decided for
        sebagai = {pj.jabatan_id: pj.jenis for pj in org_selectors.jabatan_dipangku(pegawai=pegawai)}
        for p in items:
            p.sebagai_penentu = {"plt": "Plt.", "plh": "Plh."}.get(sebagai.get(p.jabatan_penentu_id), "")
    return render(request, "penugasan/kotak_masuk.html",
                  {"items": items, "halaman": halaman, "filter_form": filter_form, "maks_massal": MAKS_MASSAL})


@login_required
@require_POST
def kotak_masuk_setujui_massal(request: HttpRequest) -> HttpResponse:
    """Approve the requests chosen on one inbox page (at most ``MAKS_MASSAL``), each through the
    same service as a single approval, each with the step shown in the inbox (checkbox value
    ``<id>:<step>``): a request that moved on since the page was drawn is refused (409), never
    approved at its next step. The result names what was approved."""
    dipilih = forms.pilihan_massal(request.POST.getlist("permohonan"))
    if not dipilih:
        messages.error(request, _("Pilih sedikitnya satu permohonan untuk disetujui."))
        return redirect("kotak_masuk")
    if len(dipilih) > MAKS_MASSAL:
        messages.error(request, _("Setujui sekaligus paling banyak %(n)d permohonan (satu halaman); "
                                  "tidak ada yang disetujui.") % {"n": MAKS_MASSAL})
        return redirect("kotak_masuk")
    if request.POST.get("konfirmasi") != "1":
        # First press: show how many and which, each with the step it will be approved at; the
        # second press (konfirmasi=1) carries the same values and approves.
        menunggu = {p.pk: p for p in selectors.kotak_masuk(request.user)
                    .filter(pk__in=[pid for pid, _l in dipilih])
                    .select_related("pemohon", "unit_asal", "unit_tujuan")}
        selectors.langkah_per_halaman(menunggu.values())
        butir = [{"nilai": f"{pid}:{langkah}", "permohonan": menunggu.get(pid), "id": pid,
                  "berubah": pid in menunggu and menunggu[pid].langkah_ke != langkah} for pid, langkah in dipilih]
        return render(request, "penugasan/setujui_massal_konfirmasi.html",
                      {"butir": butir, "jumlah": sum(1 for b in butir if b["permohonan"] and not b["berubah"])})
    disetujui, gagal = [], []
    for pid, langkah in dipilih:
        try:
            p = services.permohonan_setujui(permohonan_id=pid, actor=request.user, ip=_ip(request), langkah=langkah)
            disetujui.append(f"#{pid} {p.judul}")
        except KonflikError:
            gagal.append(_("#%(id)s: %(pesan)s") % {"id": pid, "pesan": PESAN_KONFLIK})
        except PermissionDenied as exc:
            gagal.append(_("#%(id)s: %(pesan)s") % {"id": pid, "pesan": exc or _("Anda tidak berwenang.")})
        except ValidationError as exc:
            gagal.append(_("#%(id)s: %(pesan)s") % {"id": pid, "pesan": " ".join(_pesan_validasi(exc))})
        except ObjectDoesNotExist:
            gagal.append(_("#%(id)s: permohonan tidak ditemukan.") % {"id": pid})
    if disetujui:
        messages.success(request, _("%(n)d permohonan disetujui: %(daftar)s.") % {
            "n": len(disetujui), "daftar": "; ".join(disetujui)})
    for g in gagal:
        messages.error(request, g)
    return redirect("kotak_masuk")


# --------------------------------------------------------------------------- permohonan


def _permohonan_atau_404(request: HttpRequest, pk: int) -> PermohonanPenugasan:
    """The request if this user may see it; 404 alike for a missing and an invisible one (no
    enumeration), the same answer as the API (one visibility selector)."""
    try:
        return selectors.permohonan_detail(user=request.user, permohonan_id=pk)
    except PermohonanPenugasan.DoesNotExist:
        penjelasan = selectors.penjelasan_tidak_terlihat(user=request.user, permohonan_id=pk)
        if penjelasan:  # the definitive holder while a Plt./Plh. acts: say who acts for the post
            raise PermissionDenied(penjelasan) from None
        raise Http404(_("Permohonan tidak ditemukan.")) from None


def _konteks_permohonan(request: HttpRequest, permohonan: PermohonanPenugasan) -> dict:
    langkah = permohonan.langkah_aktif
    menunggu_saya = selectors.menunggu_keputusan(request.user).filter(pk=permohonan.pk).exists()
    surat = _surat_per_objek([permohonan]).get(permohonan.pk, [])
    penugasan = list(permohonan.penugasan.select_related("pegawai", "tim", "unit"))
    surat_penugasan = _surat_per_objek(penugasan)
    for t in penugasan:
        t.surat_list = surat_penugasan.get(t.pk, [])
    return {
        "permohonan": permohonan,
        "riwayat": list(permohonan.riwayat.all()),
        "langkah": langkah,
        "menunggu_saya": menunggu_saya,
        "jawab_ketersediaan": permohonan.menunggu_jawaban_ketersediaan(),
        "bisa_kembalikan": menunggu_saya and permohonan.boleh_dikembalikan(),
        "kembalikan_form": forms.TolakForm(permohonan=permohonan),
        "surat_permohonan": surat,
        "penugasan_list": penugasan,
        "tolak_form": forms.TolakForm(permohonan=permohonan),
        "setujui_form": forms.SetujuiForm(permohonan=permohonan) if menunggu_saya else None,
        "bisa_batalkan": permohonan.status in STATUS_TERBUKA and _pemohon(request, permohonan),
        "bisa_perbaiki": permohonan.status == StatusPermohonan.DIKEMBALIKAN and _pemohon(request, permohonan),
        "bisa_selesaikan": permohonan.status == StatusPermohonan.DISETUJUI
        and services.boleh_menutup_permohonan(user=request.user, permohonan=permohonan),
        "bisa_akhiri_penugasan": any(t.status == StatusPenugasan.AKTIF for t in penugasan)
        and services.boleh_mengakhiri(user=request.user, unit=penugasan[0].unit),
        "perbaiki_form": forms.PerbaikiForm(permohonan=permohonan)
        if permohonan.status == StatusPermohonan.DIKEMBALIKAN else None,
    }


def _pemohon(request: HttpRequest, permohonan: PermohonanPenugasan) -> bool:
    return permohonan.dibuat_oleh_id == request.user.pk or getattr(_pegawai(request), "pk", None) == permohonan.pemohon_id


@login_required
def permohonan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    permohonan = _permohonan_atau_404(request, pk)
    return render(request, "penugasan/permohonan_detail.html", _konteks_permohonan(request, permohonan))


@login_required
def permohonan_pratinjau(request: HttpRequest, pk: int) -> HttpResponse:
    """HTMX fragment for the inbox: the request, its history and letters."""
    permohonan = _permohonan_atau_404(request, pk)
    return render(request, "penugasan/_pratinjau.html", _konteks_permohonan(request, permohonan))


@login_required
@require_POST
def permohonan_setujui(request: HttpRequest, pk: int) -> HttpResponse:
    permohonan = _permohonan_atau_404(request, pk)
    form = forms.SetujuiForm(request.POST, permohonan=permohonan)
    if form.is_valid():
        try:
            layanan = services.permohonan_jawab_ketersediaan if form.jawab_ketersediaan else services.permohonan_setujui
            hasil = layanan(permohonan_id=permohonan.pk, actor=request.user, ip=_ip(request), **form.kwargs_layanan())
        except KonflikError:
            messages.warning(request, PESAN_KONFLIK)
            return redirect("permohonan_detail", pk=pk)
        except ValidationError as exc:
            _terapkan_error(form, exc)
        else:
            messages.success(request, _("Permohonan disetujui."))
            for p in getattr(hasil, "peringatan", []):
                messages.warning(request, p)
            return redirect("kotak_masuk")
    konteks = _konteks_permohonan(request, permohonan)
    konteks["setujui_form"] = form
    return render(request, "penugasan/permohonan_detail.html", konteks, status=400)


@login_required
@require_POST
def permohonan_tolak(request: HttpRequest, pk: int) -> HttpResponse:
    return _putuskan_dengan_alasan(request, pk, layanan=services.permohonan_tolak, nama_form="tolak_form",
                                   pesan_berhasil=_("Permohonan ditolak dengan alasan tertulis."))


@login_required
@require_POST
def permohonan_kembalikan(request: HttpRequest, pk: int) -> HttpResponse:
    return _putuskan_dengan_alasan(request, pk, layanan=services.permohonan_kembalikan,
                                   nama_form="kembalikan_form",
                                   pesan_berhasil=_("Permohonan dikembalikan kepada pemohon untuk diperbaiki."))


def _putuskan_dengan_alasan(request: HttpRequest, pk: int, *, layanan, nama_form: str,
                            pesan_berhasil: str) -> HttpResponse:
    """Refuse or return: a decision whose written reason is required (form and service both check)."""
    permohonan = _permohonan_atau_404(request, pk)
    form = forms.TolakForm(request.POST, permohonan=permohonan)
    if form.is_valid():
        try:
            layanan(permohonan_id=permohonan.pk, actor=request.user, ip=_ip(request),
                    langkah=form.cleaned_data["langkah"], alasan=form.cleaned_data["alasan"])
        except KonflikError:
            messages.warning(request, PESAN_KONFLIK)
            return redirect("permohonan_detail", pk=pk)
        except ValidationError as exc:
            _terapkan_error(form, exc)
        else:
            messages.success(request, pesan_berhasil)
            return redirect("kotak_masuk")
    konteks = _konteks_permohonan(request, permohonan)
    konteks[nama_form] = form
    return render(request, "penugasan/permohonan_detail.html", konteks, status=400)


@login_required
@require_POST
def permohonan_perbaiki(request: HttpRequest, pk: int) -> HttpResponse:
    """The requester saves the revised content of a request returned for revision."""
    permohonan = _permohonan_atau_404(request, pk)
    form = forms.PerbaikiForm(request.POST, permohonan=permohonan)
    if form.is_valid():
        try:
            hasil = services.permohonan_perbaiki(permohonan_id=permohonan.pk, actor=request.user, ip=_ip(request),
                                                    **form.kwargs_layanan())
        except KonflikError:
            messages.warning(request, PESAN_KONFLIK)
            return redirect("permohonan_detail", pk=pk)
        except ValidationError as exc:
            _terapkan_error(form, exc)
        else:
            messages.success(request, _("Perbaikan disimpan. Ajukan ulang bila sudah lengkap."))
            for p in getattr(hasil, "peringatan", []):
                messages.warning(request, p)
            return redirect("permohonan_detail", pk=pk)
    konteks = _konteks_permohonan(request, _permohonan_atau_404(request, pk))
    konteks["perbaiki_form"] = form
    return render(request, "penugasan/permohonan_detail.html", konteks, status=400)


@login_required
@require_POST
def permohonan_ajukan_ulang(request: HttpRequest, pk: int) -> HttpResponse:
    """Resubmit a revised request: its route starts again at the first decision step."""
    permohonan = _permohonan_atau_404(request, pk)
    try:
        services.permohonan_ajukan(permohonan_id=permohonan.pk, actor=request.user, ip=_ip(request))
    except KonflikError as exc:  # says why: not yet revised, refused, already submitted
        messages.warning(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(_pesan_validasi(exc)))
    else:
        messages.success(request, _("Permohonan diajukan ulang."))
    return redirect("permohonan_detail", pk=pk)


@login_required
@require_POST
def permohonan_batalkan(request: HttpRequest, pk: int) -> HttpResponse:
    permohonan = _permohonan_atau_404(request, pk)
    form = forms.AlasanForm(request.POST)
    if form.is_valid():
        try:
            services.permohonan_batalkan(permohonan_id=permohonan.pk, actor=request.user, ip=_ip(request),
                                            alasan=form.cleaned_data["alasan"])
        except KonflikError:
            messages.warning(request, PESAN_KONFLIK)
        except ValidationError as exc:
            messages.error(request, " ".join(_pesan_validasi(exc)))
        else:
            messages.success(request, _("Permohonan dibatalkan."))
    else:
        messages.error(request, _("Tuliskan alasan pembatalan."))
    return redirect("permohonan_detail", pk=pk)


@login_required
def permohonan_saya(request: HttpRequest) -> HttpResponse:
    halaman = halaman_dari(request, selectors.permohonan_saya(request.user))
    return render(request, "penugasan/permohonan_saya.html", {"items": list(halaman.object_list), "halaman": halaman,
                                                              "boleh": selectors.pengajuan_boleh(request.user)})


# --------------------------------------------------------------------------- permohonan baru


def _permohonan_kirim(request: HttpRequest, form, *, pesan_berhasil: str) -> HttpResponse | None:
    """Create and submit a request from a valid form; None (errors put on the form) when refused."""
    try:
        permohonan = services.permohonan_buat(actor=request.user, ip=_ip(request), **form.kwargs_layanan())
    except ValidationError as exc:
        _terapkan_error(form, exc)
        return None
    except PermissionDenied as exc:  # e.g. the Plt./Plh. ended meanwhile: say why, keep what was typed
        form.add_error(None, str(exc) or _("Anda tidak berwenang mengajukan permohonan ini."))
        return None
    messages.success(request, pesan_berhasil)
    for w in getattr(permohonan, "peringatan", []):
        messages.warning(request, w)
    return redirect("permohonan_detail", pk=permohonan.pk)


@login_required
def permohonan_baru(request: HttpRequest) -> HttpResponse:
    """Guided form for a penunjukan request: scope first, then target, content and staff."""
    pegawai = _pegawai(request)
    if pegawai is None:
        raise PermissionDenied(_("Akun Anda belum terhubung dengan data pegawai."))
    boleh = selectors.pengajuan_boleh(request.user)
    if not boleh.penunjukan:  # say so before anything is typed, and offer what the position allows
        return render(request, "penugasan/pengajuan_tidak_boleh.html",
                      {"judul": _("Permohonan penunjukan baru"), "boleh": boleh,
                       "alasan": _("Permohonan penunjukan diajukan oleh Pimpinan Unit Organisasi (pemangku "
                                   "jabatan atau Plt./Plh.). Jabatan Anda hari ini bukan jabatan itu.")}, status=403)
    form = forms.PenunjukanForm(request.POST or None, pegawai=pegawai, initial={"rute": request.GET.get("rute")})
    if request.method == "POST" and form.is_valid():
        terkirim = _permohonan_kirim(request, form, pesan_berhasil=_("Permohonan diajukan."))
        if terkirim is not None:
            return terkirim
    dipilih_ids = [int(i) for i in request.POST.getlist("pegawai_diminta") if i.isdigit() and len(i) <= 18]
    dipilih = list(forms.pegawai_terbaca(request.user).filter(pk__in=dipilih_ids).select_related("instansi")) \
        if dipilih_ids else []
    _tandai_beban(dipilih)
    return render(request, "penugasan/permohonan_baru.html", {"form": form, "pegawai": pegawai,
                                                              "dipilih_awal": dipilih},
                  status=400 if form.errors else 200)


@login_required
def pengajuan_sukarela(request: HttpRequest) -> HttpResponse:
    """A JF/Pelaksana volunteers for work in their own or another unit of the same agency."""
    pegawai = _pegawai(request)
    if pegawai is None:
        raise PermissionDenied(_("Akun Anda belum terhubung dengan data pegawai."))
    boleh = selectors.pengajuan_boleh(request.user)
    if not boleh.sukarela:
        return render(request, "penugasan/pengajuan_tidak_boleh.html",
                      {"judul": _("Ajukan diri (sukarela)"), "boleh": boleh,
                       "alasan": _("Pengajuan sukarela hanya dapat dilakukan oleh Pejabat Fungsional atau "
                                   "Pelaksana.")}, status=403)
    form = forms.SukarelaForm(request.POST or None, pegawai=pegawai)
    if request.method == "POST" and form.is_valid():
        terkirim = _permohonan_kirim(request, form, pesan_berhasil=_("Pengajuan sukarela dikirim."))
        if terkirim is not None:
            return terkirim
    return render(request, "penugasan/sukarela.html", {"form": form, "pegawai": pegawai},
                  status=400 if form.errors else 200)


def _tandai_beban(pegawai: list[Pegawai]) -> None:
    """Each candidate's workload, and "beban tinggi" when choosing them would exceed the limit."""
    beban = selectors.beban_kerja_status(pegawai, tambahan=1)
    for p in pegawai:
        p.beban, p.beban_lebih = beban[p.pk].jumlah, beban[p.pk].melebihi


@login_required
def cari_pegawai(request: HttpRequest) -> HttpResponse:
    """HTMX fragment: staff search by name, NIP, competence and unit, with each one's workload.
    Already chosen staff (``pegawai_diminta``) stay listed and checked above the results."""
    pegawai = _pegawai(request)
    if pegawai is None:
        raise PermissionDenied(_("Akun Anda belum terhubung dengan data pegawai."))
    form = forms.CariPegawaiForm(request.GET or None, pegawai=pegawai, user=request.user)
    dipilih_ids = {int(i) for i in request.GET.getlist("pegawai_diminta") if i.isdigit() and len(i) <= 18}
    dipilih = list(forms.pegawai_terbaca(request.user).filter(pk__in=dipilih_ids).select_related("instansi")) \
        if dipilih_ids else []
    hasil, halaman = [], None
    unit_di_luar = form.is_bound and not form.is_valid() and {"cari_unit", "unit_tujuan"} & set(form.errors)
    if form.is_valid() and form.ada_kriteria():
        halaman = halaman_dari(request, org_selectors.pegawai_cari(instansi_id=form.instansi_id(), **form.kwargs_cari())
                               .exclude(pk__in=dipilih_ids), per_halaman=CARI_PER_HALAMAN)
        hasil = list(halaman.object_list)
    semua = dipilih + hasil
    _tandai_beban(semua)
    return render(request, "penugasan/_hasil_cari_pegawai.html",
                  {"hasil": hasil, "halaman": halaman, "dipilih": dipilih, "dicari": form.is_bound,
                   "unit_di_luar": unit_di_luar})


# --------------------------------------------------------------------------- penugasan saya


@login_required
def penugasan_saya(request: HttpRequest) -> HttpResponse:
    halaman = halaman_dari(request, selectors.penugasan_saya(request.user))
    items = list(halaman.object_list)
    surat = _surat_per_objek(items)
    anggota = selectors.anggota_per_tim({t.tim_id for t in items if t.tim_id})
    for t in items:
        t.surat_list = surat.get(t.pk, [])
        t.anggota_tim = anggota.get(t.tim_id, [])
    return render(request, "penugasan/penugasan_saya.html", {"items": items, "halaman": halaman})


@login_required
@require_POST
def penugasan_terima(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.penugasan_terima(penugasan_id=pk, actor=request.user, ip=_ip(request))
    except Penugasan.DoesNotExist:
        raise Http404(_("Penugasan tidak ditemukan."))
    except KonflikError as exc:
        messages.warning(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(_pesan_validasi(exc)))
    else:
        messages.success(request, _("Penerimaan penugasan telah dikonfirmasi."))
    return redirect("penugasan_saya")


# --------------------------------------------------------------------------- tim kerja


@login_required
def tim_daftar(request: HttpRequest) -> HttpResponse:
    halaman = halaman_dari(request, selectors.tim_saya(request.user))
    return render(request, "penugasan/tim_daftar.html", {"items": list(halaman.object_list), "halaman": halaman})


@login_required
def tim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tim = TimKerja.objects.select_related("unit", "instansi", "penanggung_jawab").filter(pk=pk).first()
    if tim is None or not _boleh_lihat_tim(request.user, tim):
        raise Http404(_("Tim kerja tidak ditemukan."))  # missing or invisible: the same answer
    anggota = list(selectors.anggota_tim(tim=tim))
    peringatan = _peringatan_tim(tim, anggota)
    surat = _surat_per_objek([tim]).get(tim.pk, [])
    bisa_akhiri = tim.status == StatusTim.AKTIF and services.boleh_mengakhiri(user=request.user, unit=tim.unit)
    return render(request, "penugasan/tim_detail.html", {
        "tim": tim, "anggota": anggota, "peringatan": peringatan, "surat_list": surat, "bisa_akhiri": bisa_akhiri,
        # the penanggung jawab is named only where the Instansi uses that role
        "penanggung_jawab_form": forms.PenanggungJawabForm(tim=tim)
        if bisa_akhiri and services.penanggung_jawab_dipakai(instansi=tim.instansi) else None,
    })


def _boleh_lihat_tim(user, tim: TimKerja) -> bool:
    return selectors.tim_boleh_dilihat(user=user, tim=tim)


def _peringatan_tim(tim: TimKerja, anggota: list) -> list[str]:
    """Warnings from the engine's team check (ketua from outside the owning unit, jenjang of the
    ketua below a member, ketua not eligible) plus members already over the workload limit."""
    ketua = next((a.pegawai for a in anggota if a.peran == "ketua"), None)
    pegawai = [a.pegawai for a in anggota]
    peringatan: list[str] = []
    try:
        hasil = services.tim_periksa(instansi=tim.instansi, unit=tim.unit, ketua=ketua, anggota=pegawai)
    except ValidationError as exc:
        peringatan.extend(_pesan_validasi(exc))
        hasil = []
    # the check speaks of the workload *after* one more assignment; here the team already exists
    calon = set(services.beban_kerja_peringatan(pegawai=pegawai, instansi=tim.instansi))
    peringatan.extend(w for w in hasil if w not in calon)
    beban = selectors.beban_kerja_status(pegawai)
    for p in pegawai:
        if beban[p.pk].melebihi:
            peringatan.append(_("Beban kerja %(nama)s melebihi batas: %(n)d penugasan/tim aktif (batas %(batas)d).")
                              % {"nama": p.nama_lengkap, "n": beban[p.pk].jumlah, "batas": beban[p.pk].batas})
    for a in anggota:
        a.beban = beban[a.pegawai_id].jumlah
    return peringatan
