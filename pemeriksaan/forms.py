"""Input parsing of the auditor pages (filters and export requests)."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from organisasi.models import PerangkatDaerah, UnitOrganisasi

from .models import FormatEkspor
from .permissions import instansi_lingkup
from .selectors import Register, Saringan


class SaringanForm(forms.Form):
    """The register filters; every chooser lists only the user's scope."""

    instansi = forms.ModelChoiceField(queryset=None, required=False, label=_("Instansi"),
                                      empty_label=_("Semua instansi lingkup saya"))
    perangkat_daerah = forms.ModelChoiceField(queryset=None, required=False, label=_("Perangkat Daerah"),
                                              empty_label=_("Semua"))
    unit = forms.ModelChoiceField(queryset=None, required=False, label=_("Unit"), empty_label=_("Semua"))
    dari = forms.DateField(required=False, label=_("Dari tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(required=False, label=_("Sampai tanggal"),
                             widget=forms.DateInput(attrs={"type": "date"}))
    jenis = forms.ChoiceField(required=False, label=_("Jenis"))
    status = forms.ChoiceField(required=False, label=_("Status"))

    def __init__(self, *args, user, register: Register, **kwargs):
        super().__init__(*args, **kwargs)
        instansi = instansi_lingkup(user)
        self.fields["instansi"].queryset = instansi.order_by("nama")
        self.fields["perangkat_daerah"].queryset = PerangkatDaerah.objects.filter(
            instansi__in=instansi.values("pk")).order_by("instansi__nama", "nama")
        self.fields["unit"].queryset = UnitOrganisasi.objects.filter(
            instansi__in=instansi.values("pk")).select_related("perangkat_daerah").order_by("perangkat_daerah__nama",
                                                                                           "nama")
        if register.pilihan_jenis:
            self.fields["jenis"].choices = [("", _("Semua")), *register.pilihan_jenis]
            self.fields["jenis"].label = register.label_jenis or _("Jenis")
        else:
            del self.fields["jenis"]
        if register.pilihan_status:
            self.fields["status"].choices = [("", _("Semua")), *register.pilihan_status]
        else:
            del self.fields["status"]

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["dari"] > data["sampai"]:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data

    def saringan(self) -> Saringan:
        d = self.cleaned_data
        return Saringan(
            instansi=d["instansi"].pk if d.get("instansi") else None,
            perangkat_daerah=d["perangkat_daerah"].pk if d.get("perangkat_daerah") else None,
            unit=d["unit"].pk if d.get("unit") else None,
            dari=d.get("dari"), sampai=d.get("sampai"), jenis=d.get("jenis") or "", status=d.get("status") or "",
        )


class EksporForm(forms.Form):
    format = forms.ChoiceField(choices=FormatEkspor.choices, label=_("Format"))
