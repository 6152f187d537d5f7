import datetime

import pytest

from organisasi import selectors
from organisasi.models import JenisPemangku
from organisasi.tests.factories import PegawaiFactory, angkat, bangun_pd_dua_level

pytestmark = pytest.mark.django_db


def test_ppk_jf_ahli_pertama_adalah_kepala_seksi_dan_plt_mengambil_alih():
    pd = bangun_pd_dua_level()
    jf = pd.jf_pertama[0]
    ppk = selectors.ppk_pegawai(pegawai=jf)
    assert ppk.pegawai == pd.kasi[0] and ppk.sebagai == JenisPemangku.DEFINITIF

    plt = PegawaiFactory(instansi=pd.instansi)
    angkat(plt, pd.jabatan_kasi[0], jenis=JenisPemangku.PLT, mulai=datetime.date(2025, 1, 1))
    ppk = selectors.ppk_pegawai(pegawai=jf, tanggal=datetime.date(2025, 2, 1))
    assert ppk.pegawai == plt and ppk.prefiks == "Plt."
    assert selectors.ppk_pegawai(pegawai=jf, tanggal=datetime.date(2024, 6, 1)).pegawai == pd.kasi[0]
