import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from kinerja.models import AturanKinerja, PenentuStrategi, PenetapPK
from kinerja.selectors import aturan_kinerja_pada
from organisasi.models import Preset
from organisasi.tests.factories import InstansiFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("preset,penetap,strategi,boleh_ubah", [
    (Preset.BELU, PenetapPK.KEPALA_PD, PenentuStrategi.PEMILIK_TARGET, False),
    (Preset.INDRAGIRI_HILIR, PenetapPK.PIMPINAN_UNIT, PenentuStrategi.PENANGGUNG_JAWAB, False),
    (Preset.PASURUAN, PenetapPK.KEPALA_PD, PenentuStrategi.PPK, True),
    (Preset.KUSTOM, PenetapPK.KEPALA_PD, PenentuStrategi.PEMILIK_TARGET, False),
])
def test_aturan_tanpa_rekaman_mengikuti_preset_instansi(preset, penetap, strategi, boleh_ubah):
    instansi = InstansiFactory.dengan_preset(preset) if preset != Preset.KUSTOM else InstansiFactory()
    aturan = aturan_kinerja_pada(instansi=instansi)
    assert (aturan.penetap_pk, aturan.penentu_strategi, aturan.pk_boleh_diubah) == (penetap, strategi, boleh_ubah)
    assert aturan.pk is None


def test_aturan_berlaku_menurut_tanggal_dan_tidak_dapat_diubah():
    instansi = InstansiFactory()
    lama = AturanKinerja.objects.create(instansi=instansi, berlaku_mulai=datetime.date(2024, 1, 1))
    AturanKinerja.objects.create(instansi=instansi, berlaku_mulai=datetime.date(2025, 1, 1), pk_boleh_diubah=True)
    assert aturan_kinerja_pada(instansi=instansi, tanggal=datetime.date(2024, 6, 1)) == lama
    assert aturan_kinerja_pada(instansi=instansi, tanggal=datetime.date(2025, 6, 1)).pk_boleh_diubah
    with pytest.raises(PermissionDenied):
        lama.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        AturanKinerja.objects.create(instansi=instansi, berlaku_mulai=datetime.date(2024, 1, 1))
