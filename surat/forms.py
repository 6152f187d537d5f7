from django import forms
from django.utils.translation import gettext_lazy as _

BATAS_UNGGAH = 20 * 1024 * 1024


class CocokkanPdfForm(forms.Form):
    berkas = forms.FileField(label=_("Berkas PDF yang akan diperiksa"))

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > BATAS_UNGGAH:
            raise forms.ValidationError(_("Berkas terlalu besar (maksimal 20 MB)."))
        return berkas


class CabutSuratForm(forms.Form):
    alasan = forms.CharField(label=_("Alasan pencabutan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
