"""Kinerja models (DOMAIN.md §4): planning (``perjanjian``), plans and the role matrix
(``rencana``), running the work (``pelaksanaan``, Kinerja II) and the dated regional rules
(``aturan``). Import from ``kinerja.models``."""
from .aturan import (  # noqa: F401
    AturanKinerja,
    PeranRantai,
    HasilTidakSesuai,
    PenentuStrategi,
    PenetapPK,
    PeriodeLaporan,
    TujuanLaporanTim,
)
from .pelaksanaan import (  # noqa: F401
    AksiPenyerahan,
    BuktiLaporan,
    CakupanKendala,
    JenisLaporan,
    Kendala,
    LangkahPenyerahan,
    Laporan,
    OpsiKendala,
    PenyerahanHasil,
    PermintaanLaporan,
    ProgresTonggak,
    RiwayatKendala,
    StatusKendala,
    StatusLaporan,
    StatusPenyerahan,
    StatusPermintaan,
)
from .perjanjian import (  # noqa: F401
    BentukPelaksanaan,
    CaraBagi,
    IndikatorKinerja,
    KebutuhanPegawai,
    PerjanjianKinerja,
    Polaritas,
    SasaranKinerja,
    StatusPK,
    StrategiTarget,
    SumberTautan,
    TargetJabatan,
    TautanTarget,
)
from .rencana import (  # noqa: F401
    BarisMatriksPeran,
    ButirRencanaKerja,
    KegiatanAnggaran,
    RencanaAksi,
    RencanaKegiatanAnggaran,
    RencanaKerjaIndividu,
    StatusBarisMatriks,
    StatusRencana,
    TonggakRencana,
)
