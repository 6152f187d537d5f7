"""django-filter filter sets for the assignment list endpoints."""
import django_filters

from .models import Penugasan, PermohonanPenugasan, Rute, Sifat, StatusPenugasan, StatusPermohonan, TimKerja


class PermohonanFilter(django_filters.FilterSet):
    rute = django_filters.ChoiceFilter(choices=Rute.choices)
    status = django_filters.ChoiceFilter(choices=StatusPermohonan.choices)
    sifat = django_filters.ChoiceFilter(choices=Sifat.choices)
    q = django_filters.CharFilter(field_name="judul", lookup_expr="icontains", label="cari judul")
    diajukan_sejak = django_filters.DateFilter(field_name="diajukan_pada", lookup_expr="date__gte")
    diajukan_sampai = django_filters.DateFilter(field_name="diajukan_pada", lookup_expr="date__lte")

    class Meta:
        model = PermohonanPenugasan
        fields = ["rute", "status", "sifat", "q", "diajukan_sejak", "diajukan_sampai"]


class PenugasanFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=StatusPenugasan.choices)
    sifat = django_filters.ChoiceFilter(choices=Sifat.choices)
    aktif_pada = django_filters.DateFilter(method="filter_aktif_pada", label="aktif pada tanggal")
    belum_diterima = django_filters.BooleanFilter(field_name="diterima_pada", lookup_expr="isnull")

    class Meta:
        model = Penugasan
        fields = ["status", "sifat", "aktif_pada", "belum_diterima"]

    def filter_aktif_pada(self, queryset, name, value):
        return queryset.filter(mulai__lte=value, selesai__gte=value)


class TimFilter(django_filters.FilterSet):
    status = django_filters.CharFilter()
    sifat = django_filters.ChoiceFilter(choices=Sifat.choices)

    class Meta:
        model = TimKerja
        fields = ["status", "sifat"]
