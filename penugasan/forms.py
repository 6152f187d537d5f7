"""Input parsing for the HTML views only. Forms check shape (required, types, dates in order);
every business rule stays in ``penugasan.services``."""
from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from organisasi import permissions as org_permissions
from organisasi import selectors as org_selectors
from organisasi.models import Kompetensi, Pegawai, UnitOrganisasi

from . import selectors
from .models import RUTE_PENUNJUKAN, Rute, Sifat, StatusTim, TimKerja


def pegawai_terbaca(user):
    """Active staff of the Instansi whose staff ``user`` may read (search and choosers)."""
    return Pegawai.objects.filter(aktif=True, instansi__in=org_permissions.instansi_yang_boleh_dibaca(user))


ID_DIGIT_MAKS = 18  # ids beyond this overflow the database driver: they are simply not a valid choice
TANGGAL_MIN, TANGGAL_MAKS = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


def _id_terlalu_besar(nilai) -> bool:
    teks = str(nilai).strip()
    return teks.isdigit() and len(teks) > ID_DIGIT_MAKS


class PilihanModel(forms.ModelChoiceField):
    """ModelChoiceField whose out-of-range ids are an invalid choice (not a 500)."""

    def to_python(self, value):
        if value not in self.empty_values and _id_terlalu_besar(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class PilihanModelBanyak(forms.ModelMultipleChoiceField):
    """ModelMultipleChoiceField whose out-of-range ids are an invalid choice (not a 500)."""

    def _check_values(self, value):
        for pk in value or ():
            if _id_terlalu_besar(pk):
                raise forms.ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                            params={"pk": str(pk)[:30]})
        return super()._check_values(value)


def _tanggal_wajar(nilai: datetime.date) -> None:
    if nilai and not TANGGAL_MIN <= nilai <= TANGGAL_MAKS:
        raise forms.ValidationError(_("Tanggal harus antara %(a)s dan %(b)s.")
                                    % {"a": TANGGAL_MIN.strftime("%d-%m-%Y"), "b": TANGGAL_MAKS.strftime("%d-%m-%Y")})


class FormDasar(forms.Form):
    """Labels without the trailing colon (Indonesian forms do not use one)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class FilterKotakMasukForm(FormDasar):
    rute = forms.ChoiceField(label=_("Rute"), required=False, choices=[("", _("Semua rute"))] + list(Rute.choices))
    # a search, not a list: a region has hundreds of units (684 options made most of the page)
    unit = forms.CharField(label=_("Unit (cari nama)"), required=False, max_length=100, strip=True,
                           widget=forms.TextInput(attrs={"type": "search", "placeholder": _("mis. Bidang Perencanaan")}))
    umur = forms.IntegerField(label=_("Menunggu sedikitnya (hari)"), required=False, min_value=0, max_value=3650)

    def kwargs_selector(self) -> dict:
        """Filters for ``selectors.kotak_masuk`` (none when the input is invalid)."""
        if not self.is_bound or not self.is_valid():
            return {}
        d = self.cleaned_data
        return {"rute": d.get("rute") or "", "unit": d.get("unit") or "", "umur": d.get("umur")}


class AlasanForm(FormDasar):
    alasan = forms.CharField(
        label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}), strip=True,
        error_messages={"required": _("Alasan wajib diisi.")},
    )


class PengakhiranForm(FormDasar):
    """Ending work (finish/cancel an assignment, finish/dissolve a team, close a request): the
    end date (today when empty) and a note or reason. Whether the reason is required and
    whether the date may be used is the service's rule (``penugasan.services.pengakhiran``)."""

    tanggal = forms.DateField(label=_("Tanggal berakhir"), required=False, validators=[_tanggal_wajar],
                              widget=forms.DateInput(attrs={"type": "date"}),
                              help_text=_("Kosongkan untuk hari ini."))
    alasan = forms.CharField(label=_("Alasan/catatan"), required=False, max_length=2000, strip=True,
                             widget=forms.Textarea(attrs={"rows": 2}))


class PenanggungJawabForm(FormDasar):
    pegawai = PilihanModel(label=_("Penanggung jawab tim"), queryset=Pegawai.objects.none(), required=False,
                           empty_label=_("— dikosongkan —"))

    def __init__(self, *args, tim: TimKerja, **kwargs):
        super().__init__(*args, **kwargs)
        # the staff of the owning unit's Perangkat Daerah (a Perangkat Daerah, not the whole region)
        self.fields["pegawai"].queryset = org_selectors.pegawai_list_untuk_pd(
            perangkat_daerah_id=tim.unit.perangkat_daerah_id).filter(aktif=True).order_by("nama")
        self.fields["pegawai"].initial = tim.penanggung_jawab_id


def _field_langkah():
    """The step the official saw, rendered into the page at GET time (hidden). The service
    refuses a decision whose step is no longer the current one (409), so a double click or a
    stale page never decides the next step."""
    return forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=100,
                              error_messages={"required": _("Muat ulang halaman lalu putuskan kembali.")})


def pilihan_massal(nilai: list[str]) -> list[tuple[int, int]]:
    """Inbox checkboxes ``"<permohonan id>:<step seen>"`` → [(id, step)]; malformed values are
    dropped (an approval without the step the official saw is never made)."""
    hasil = []
    for v in nilai:
        pid, _sep, langkah = str(v).partition(":")
        if pid.isdigit() and langkah.isdigit() and len(pid) <= 18 and len(langkah) <= 4:
            hasil.append((int(pid), int(langkah)))
    return hasil


class KeputusanForm(FormDasar):
    langkah = _field_langkah()

    def __init__(self, *args, permohonan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if permohonan is not None:
            self.fields["langkah"].initial = permohonan.langkah_ke

    def clean(self):
        data = super().clean()
        if "langkah" in self.errors:  # a hidden field: show its error above the form
            self.add_error(None, self.errors.pop("langkah"))
        return data


class TolakForm(AlasanForm, KeputusanForm):
    """Refuse or return: a reason, and the step the official saw."""


class SetujuiForm(KeputusanForm):
    catatan = forms.CharField(label=_("Catatan (opsional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    pegawai_ids = PilihanModelBanyak(
        label=_("Pegawai yang ditugaskan"), required=False, queryset=Pegawai.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Pilih pegawai yang memenuhi kriteria permohonan."),
    )
    konfirmasi_melebihi = forms.BooleanField(
        label=_("Saya memang menugaskan lebih banyak pegawai daripada yang diminta"), required=False)

    def __init__(self, *args, permohonan=None, **kwargs):
        super().__init__(*args, permohonan=permohonan, **kwargs)
        self.permohonan = permohonan
        self.jawab_ketersediaan = permohonan is not None and permohonan.menunggu_jawaban_ketersediaan()
        self.pilih_pegawai = permohonan is not None and permohonan.memilih_pegawai()
        if self.pilih_pegawai:
            field = self.fields["pegawai_ids"]
            field.queryset = org_selectors.pegawai_cari(instansi_id=permohonan.instansi_tujuan_id,
                                                        unit=permohonan.unit_tujuan)
            beban = selectors.beban_kerja_banyak(  # workload next to each candidate
                list(field.queryset.values_list("pk", flat=True)))
            field.label_from_instance = lambda p: _("%(nama)s — %(jabatan)s (%(nip)s) · beban: %(n)d aktif") % {
                "nama": p.nama_lengkap, "jabatan": p.jabatan_nama or "", "nip": p.nip, "n": beban.get(p.pk, 0)}
            field.initial = [p.pk for p in permohonan.pegawai_diminta.all()]
            field.required = self.jawab_ketersediaan
            self.fields["konfirmasi_melebihi"].help_text = _(
                "Permohonan meminta %(n)d pegawai. Memilih lebih banyak perlu konfirmasi ini; jumlahnya dicatat "
                "dalam riwayat.") % {"n": permohonan.jumlah_dibutuhkan or 1}
        else:
            del self.fields["pegawai_ids"]
            del self.fields["konfirmasi_melebihi"]

    def kwargs_layanan(self) -> dict:
        kw = {"catatan": self.cleaned_data.get("catatan", ""), "langkah": self.cleaned_data["langkah"]}
        if self.pilih_pegawai and self.cleaned_data.get("pegawai_ids"):
            kw["pegawai_ids"] = [p.pk for p in self.cleaned_data["pegawai_ids"]]
            kw["konfirmasi_melebihi"] = bool(self.cleaned_data.get("konfirmasi_melebihi"))
        elif self.jawab_ketersediaan:
            kw["pegawai_ids"] = []
        return kw


class _IsiPermohonanForm(FormDasar):
    """Content the regulation requires of every request: purpose, competences, targets, duration."""

    judul = forms.CharField(label=_("Judul pekerjaan"), max_length=200)
    maksud_tujuan = forms.CharField(label=_("Maksud dan tujuan"), widget=forms.Textarea(attrs={"rows": 3}))
    kompetensi_uraian = forms.CharField(label=_("Kompetensi yang dibutuhkan"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))
    kompetensi = PilihanModelBanyak(label=_("Kompetensi (pilih)"), required=False,
                                                queryset=Kompetensi.objects.order_by("nama"))
    hasil_diharapkan = forms.CharField(label=_("Ekspektasi/target kinerja"), widget=forms.Textarea(attrs={"rows": 2}))
    uraian_tugas = forms.CharField(label=_("Uraian tugas"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    mulai = forms.DateField(label=_("Mulai"), widget=forms.DateInput(attrs={"type": "date"}),
                            validators=[_tanggal_wajar])
    selesai = forms.DateField(label=_("Selesai"), widget=forms.DateInput(attrs={"type": "date"}),
                              validators=[_tanggal_wajar])
    sifat = forms.ChoiceField(label=_("Sifat pekerjaan"), choices=Sifat.choices, initial=Sifat.INSIDENTAL)

    def clean(self):
        data = super().clean()
        if data.get("mulai") and data.get("selesai") and data["selesai"] < data["mulai"]:
            self.add_error("selesai", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return data

    def _isi(self) -> dict:
        d = self.cleaned_data
        return {k: d.get(k) for k in ("judul", "maksud_tujuan", "kompetensi_uraian", "hasil_diharapkan",
                                      "uraian_tugas", "mulai", "selesai", "sifat")} | {
            "kompetensi": list(d.get("kompetensi") or [])}


class PenunjukanForm(_IsiPermohonanForm):
    RUTE = [
        (Rute.PENUNJUKAN_DALAM_UNIT, _("Dalam unit saya")),
        (Rute.PENUNJUKAN_LINTAS_UNIT, _("Lintas unit organisasi (instansi yang sama)")),
        (Rute.PENUNJUKAN_LINTAS_INSTANSI, _("Lintas instansi pemerintah")),
    ]
    rute = forms.ChoiceField(label=_("Cakupan"), choices=RUTE, widget=forms.RadioSelect)
    unit_tujuan = PilihanModel(
        label=_("Unit tempat pegawai yang diminta"), queryset=UnitOrganisasi.objects.none(), required=False,
        help_text=_("Kosongkan untuk penugasan dalam unit sendiri."),
    )
    pegawai_diminta = PilihanModelBanyak(
        label=_("Pegawai yang diminta"), required=False, queryset=Pegawai.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    kriteria = forms.CharField(label=_("Kriteria pegawai (bila tidak menyebut nama)"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    jumlah_dibutuhkan = forms.IntegerField(label=_("Jumlah pegawai dibutuhkan"), min_value=1, max_value=100,
                                           initial=1)
    peran_penugasan = forms.CharField(label=_("Peran (opsional)"), max_length=120, required=False,
                                      help_text=_("mis. Bendahara, PPTK; kosong = penugasan individu"))
    tim = PilihanModel(label=_("Gabung ke tim kerja yang ada"), required=False,
                                 queryset=TimKerja.objects.none(), empty_label=_("— tidak —"))
    nama_tim = forms.CharField(label=_("Atau bentuk tim kerja baru: nama tim"), max_length=200, required=False)
    ketua_nip = forms.CharField(label=_("NIP ketua tim"), max_length=18, required=False,
                                help_text=_("Ketua diutamakan dari unit pemilik kinerja."))

    field_order = ["rute", "unit_tujuan", "judul", "maksud_tujuan", "kompetensi_uraian", "kompetensi",
                   "hasil_diharapkan", "uraian_tugas", "mulai", "selesai", "sifat", "pegawai_diminta", "kriteria",
                   "jumlah_dibutuhkan", "peran_penugasan"]

    def __init__(self, *args, pegawai: Pegawai, **kwargs):
        super().__init__(*args, **kwargs)
        self.pegawai = pegawai
        self.fields["unit_tujuan"].queryset = UnitOrganisasi.objects.select_related("perangkat_daerah", "instansi") \
            .order_by("instansi__nama", "perangkat_daerah__nama", "kode")
        self.fields["unit_tujuan"].label_from_instance = (
            lambda u: f"{u.nama} — {u.perangkat_daerah.nama}" + ("" if u.instansi_id == pegawai.instansi_id
                                                              else f" ({u.instansi.nama})"))
        # named staff only from agencies whose staff the requester may read (the search's scope);
        # across agencies the request names criteria and the target agency chooses
        self.fields["pegawai_diminta"].queryset = pegawai_terbaca(pegawai.user)
        self.fields["tim"].queryset = TimKerja.objects.filter(
            instansi_id=pegawai.instansi_id, status=StatusTim.AKTIF).select_related("unit").order_by("nama")
        self.fields["tim"].label_from_instance = lambda t: f"{t.nama} — {t.unit.nama}"

    def clean_ketua_nip(self):
        nip = (self.cleaned_data.get("ketua_nip") or "").strip()
        if not nip:
            return None
        ketua = Pegawai.objects.filter(nip=nip, aktif=True).first()
        if ketua is None:
            raise forms.ValidationError(_("Tidak ada pegawai aktif dengan NIP %(nip)s.") % {"nip": nip})
        return ketua

    def clean(self):
        data = super().clean()
        if data.get("rute") in (Rute.PENUNJUKAN_LINTAS_UNIT, Rute.PENUNJUKAN_LINTAS_INSTANSI) \
                and not data.get("unit_tujuan"):
            self.add_error("unit_tujuan", _("Pilih unit tempat pegawai yang diminta berada."))
        if not data.get("pegawai_diminta") and not (data.get("kriteria") or "").strip():
            self.add_error("pegawai_diminta", _("Pilih pegawai yang diminta atau tuliskan kriterianya."))
        return data

    def kwargs_layanan(self) -> dict:
        d = self.cleaned_data
        return self._isi() | {
            "rute": d["rute"],
            "unit_tujuan": d.get("unit_tujuan"),
            "pegawai_diminta": list(d.get("pegawai_diminta") or []),
            "kriteria": d.get("kriteria", ""),
            "jumlah_dibutuhkan": d.get("jumlah_dibutuhkan") or 1,
            "peran_penugasan": d.get("peran_penugasan", ""),
            "tim": d.get("tim"),
            "nama_tim": d.get("nama_tim", ""),
            "ketua_tim": d.get("ketua_nip"),
        }


class SukarelaForm(_IsiPermohonanForm):
    unit_tujuan = PilihanModel(label=_("Unit yang dituju"), queryset=UnitOrganisasi.objects.none())
    motivasi = forms.CharField(label=_("Motivasi"), widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("Mengapa Anda ingin terlibat dalam pekerjaan ini."))

    field_order = ["unit_tujuan", "judul", "maksud_tujuan", "motivasi", "kompetensi_uraian", "kompetensi",
                   "hasil_diharapkan", "uraian_tugas", "mulai", "selesai", "sifat"]

    def __init__(self, *args, pegawai: Pegawai, **kwargs):
        super().__init__(*args, **kwargs)
        self.pegawai = pegawai
        # volunteering never crosses agencies
        self.fields["unit_tujuan"].queryset = UnitOrganisasi.objects.filter(instansi_id=pegawai.instansi_id) \
            .select_related("perangkat_daerah").order_by("perangkat_daerah__nama", "kode")
        self.fields["unit_tujuan"].label_from_instance = lambda u: f"{u.nama} — {u.perangkat_daerah.nama}"
        self.fields["maksud_tujuan"].label = _("Pekerjaan yang ingin Anda ikuti")
        self.fields["kompetensi_uraian"].label = _("Kompetensi yang Anda miliki")

    def kwargs_layanan(self) -> dict:
        d = self.cleaned_data
        unit_sendiri = org_selectors.unit_pegawai(pegawai=self.pegawai)
        rute = Rute.SUKARELA_DALAM_UNIT if unit_sendiri and d["unit_tujuan"].pk == unit_sendiri.pk \
            else Rute.SUKARELA_LINTAS_UNIT
        isi = self._isi()
        isi["maksud_tujuan"] = f"{d['maksud_tujuan']}\n\nMotivasi: {d['motivasi']}"
        return isi | {"rute": rute, "unit_tujuan": d["unit_tujuan"], "pegawai_diminta": [self.pegawai]}


class CariPegawaiForm(FormDasar):
    """Staff search inside the request form (prefixed names so they never clash with it).

    Units are limited to the Instansi whose staff the user may read
    (``organisasi.permissions.instansi_yang_boleh_dibaca``, the selector of the staff-search API):
    a unit of another agency is an invalid choice, never a list of that agency's staff."""

    cari_q = forms.CharField(label=_("Nama atau NIP"), required=False, max_length=100)
    cari_kompetensi = PilihanModel(label=_("Kompetensi"), required=False,
                                             queryset=Kompetensi.objects.order_by("nama"), empty_label=_("Semua"))
    cari_unit = PilihanModel(label=_("Unit"), required=False, queryset=UnitOrganisasi.objects.all())
    unit_tujuan = PilihanModel(required=False, queryset=UnitOrganisasi.objects.all())
    rute = forms.ChoiceField(required=False, choices=[("", "")] + list(Rute.choices))

    def __init__(self, *args, pegawai=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pegawai = pegawai
        unit_terbaca = UnitOrganisasi.objects.filter(instansi__in=org_permissions.instansi_yang_boleh_dibaca(user))
        self.fields["cari_unit"].queryset = unit_terbaca
        self.fields["unit_tujuan"].queryset = unit_terbaca

    def clean(self):
        data = super().clean()
        if data.get("rute") == Rute.PENUNJUKAN_DALAM_UNIT:
            # within the unit: search the requester's own unit (and below), whatever else is chosen
            data["unit_tujuan"] = org_selectors.unit_pegawai(pegawai=self.pegawai) if self.pegawai else None
            data["cari_unit"] = None
        return data

    def ada_kriteria(self) -> bool:
        d = self.cleaned_data
        return bool((d.get("cari_q") or "").strip() or d.get("cari_kompetensi") or d.get("cari_unit")
                    or d.get("unit_tujuan"))

    def instansi_id(self) -> int:
        unit = self.cleaned_data.get("cari_unit") or self.cleaned_data.get("unit_tujuan")
        return unit.instansi_id if unit else self.pegawai.instansi_id

    def kwargs_cari(self) -> dict:
        d = self.cleaned_data
        return {"q": (d.get("cari_q") or "").strip(), "kompetensi": d.get("cari_kompetensi"),
                "unit": d.get("cari_unit") or d.get("unit_tujuan")}


class PerbaikiForm(_IsiPermohonanForm):
    """The requester revises the content of a request returned for revision (route, units and
    requested staff stay; ``permohonan_perbaiki`` checks the rules)."""

    kriteria = forms.CharField(label=_("Kriteria pegawai"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, permohonan, **kwargs):
        kwargs.setdefault("initial", {
            **{f: getattr(permohonan, f) for f in ("judul", "maksud_tujuan", "kompetensi_uraian", "hasil_diharapkan",
                                                   "uraian_tugas", "mulai", "selesai", "sifat", "kriteria")},
            "kompetensi": list(permohonan.kompetensi.values_list("pk", flat=True)),
        })
        super().__init__(*args, **kwargs)
        if permohonan.rute not in RUTE_PENUNJUKAN:
            del self.fields["kriteria"]

    def kwargs_layanan(self) -> dict:
        kw = self._isi()
        if "kriteria" in self.fields:
            kw["kriteria"] = self.cleaned_data.get("kriteria", "")
        return kw
