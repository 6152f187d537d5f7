"""Input parsing for the kinerja HTML pages only. Forms check shape; numbers are passed on as
typed so that the services (the same as the API's) name the field of a wrong value, and every
business rule stays in ``kinerja.services``."""
from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BentukPelaksanaan, CaraBagi, KebutuhanPegawai, Polaritas

TAHUN_MIN, TAHUN_MAKS = 2000, 2100
TANGGAL_MIN, TANGGAL_MAKS = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


class FormDasar(forms.Form):
    """Labels without the trailing colon (Indonesian forms do not use one)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class TanggalField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"})

    def validate(self, value):
        super().validate(value)
        if value and not TANGGAL_MIN <= value <= TANGGAL_MAKS:
            raise forms.ValidationError(_("Tanggal harus antara 2000 dan 2100."))


def _angka(label, wajib=False):
    return forms.CharField(label=label, required=wajib, max_length=30,
                           widget=forms.TextInput(attrs={"inputmode": "decimal"}))


class PkBuatForm(FormDasar):
    jabatan = forms.TypedChoiceField(label=_("Jabatan"), coerce=int)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=TAHUN_MIN, max_value=TAHUN_MAKS)
    judul = forms.CharField(label=_("Judul (opsional)"), required=False, max_length=250)

    def __init__(self, *args, jabatan_pilihan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jabatan"].choices = list(jabatan_pilihan)


class SasaranForm(FormDasar):
    uraian = forms.CharField(label=_("Sasaran"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    kode = forms.CharField(label=_("Kode (opsional)"), required=False, max_length=40)


class IndikatorForm(FormDasar):
    uraian = forms.CharField(label=_("Indikator"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    satuan = forms.CharField(label=_("Satuan"), max_length=60)
    polaritas = forms.ChoiceField(label=_("Polaritas"), choices=Polaritas.choices, initial=Polaritas.MAKSIMAL)
    baseline = _angka(_("Baseline"))
    target_tahunan = _angka(_("Target tahunan"), wajib=True)
    target_tw1 = _angka(_("Target TW I"))
    target_tw2 = _angka(_("Target TW II"))
    target_tw3 = _angka(_("Target TW III"))
    target_tw4 = _angka(_("Target TW IV"))
    formula = forms.CharField(label=_("Formula"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))
    catatan = forms.CharField(label=_("Catatan"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class TetapkanForm(FormDasar):
    tanggal_berlaku = TanggalField(label=_("Tanggal berlaku"), required=False)


class UbahForm(FormDasar):
    alasan_perubahan = forms.CharField(label=_("Alasan perubahan"), widget=forms.Textarea(attrs={"rows": 3}),
                                       max_length=2000)
    tanggal_berlaku = TanggalField(label=_("Berlaku mulai"), required=False)


class ImporForm(FormDasar):
    berkas = forms.FileField(label=_("Berkas CSV atau XLSX"))
    ganti = forms.BooleanField(label=_("Ganti seluruh sasaran dan indikator draf"), required=False)


class KaskadeForm(FormDasar):
    cara = forms.ChoiceField(label=_("Cara pembagian"), choices=CaraBagi.choices, initial=CaraBagi.NILAI)


class StrategiForm(FormDasar):
    bentuk = forms.ChoiceField(label=_("Bentuk pelaksanaan"), choices=BentukPelaksanaan.choices,
                               widget=forms.RadioSelect)
    perlu_ketua = forms.BooleanField(label=_("Perlu ketua tim"), required=False)
    kebutuhan = forms.ChoiceField(label=_("Kebutuhan pegawai dari luar unit"), choices=KebutuhanPegawai.choices)
    jumlah_dibutuhkan = forms.IntegerField(label=_("Jumlah pegawai dibutuhkan"), min_value=0, max_value=500,
                                           initial=0, required=False)
    kompetensi_dibutuhkan = forms.CharField(label=_("Kompetensi dibutuhkan"), required=False, max_length=2000,
                                            widget=forms.Textarea(attrs={"rows": 2}))
    arahan = forms.CharField(label=_("Arahan dan ekspektasi"), required=False, max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class PermohonanDariStrategiForm(FormDasar):
    unit_tujuan = forms.TypedChoiceField(label=_("Unit tujuan (asal pegawai)"), coerce=int)
    pegawai_diminta = forms.TypedMultipleChoiceField(label=_("Pegawai yang diminta (opsional)"), coerce=int,
                                                     required=False)
    kriteria = forms.CharField(label=_("Kriteria pegawai yang dibutuhkan"), max_length=2000, required=False,
                               widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("Isi bila pegawai tidak disebut namanya."))
    nama_tim = forms.CharField(label=_("Nama tim"), required=False, max_length=200)
    ketua_tim = forms.TypedChoiceField(label=_("Ketua tim"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, unit_pilihan=(), ketua_pilihan=(), pegawai_pilihan=(), tim=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_tujuan"].choices = list(unit_pilihan)
        self.fields["pegawai_diminta"].choices = list(pegawai_pilihan)
        if not pegawai_pilihan:
            del self.fields["pegawai_diminta"]
        self.fields["ketua_tim"].choices = [("", _("— pilih kemudian —"))] + list(ketua_pilihan)
        if not tim:
            del self.fields["nama_tim"]
            del self.fields["ketua_tim"]


class TautkanForm(FormDasar):
    jenis = forms.ChoiceField(label=_("Tautkan"), choices=[("tim", _("Tim kerja")), ("permohonan", _("Permohonan")),
                                                           ("penugasan", _("Penugasan"))])
    nomor = forms.IntegerField(label=_("Nomor (id)"), min_value=1, max_value=2**62)


class KeputusanForm(FormDasar):
    catatan = forms.CharField(label=_("Catatan"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class TanggapanForm(FormDasar):
    komentar = forms.CharField(label=_("Komentar"), required=False, max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 2}))


def baris_bernomor(data, prefiks: str, kolom: tuple[str, ...], *, maks: int = 100) -> list[dict]:
    """Rows posted as ``<prefiks>-<i>-<kolom>`` (i = 0…), the empty ones left out; each value a
    stripped string (the service names a wrong one by field)."""
    hasil = []
    for i in range(maks):
        if not any(f"{prefiks}-{i}-{k}" in data for k in kolom):
            break
        baris = {k: (data.get(f"{prefiks}-{i}-{k}") or "").strip()[:4000] for k in kolom}
        baris["_i"] = i
        if any(v for k, v in baris.items() if k != "_i"):
            hasil.append(baris)
    return hasil


def id_atau_none(nilai) -> int | None:
    teks = str(nilai or "").strip()
    return int(teks) if teks.isdigit() and len(teks) <= 18 else None
