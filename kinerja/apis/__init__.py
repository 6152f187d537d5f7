"""REST API of the kinerja cycle: one APIView per operation, nested Input/Output serializers,
services for writes and selectors for reads. Errors are mapped by
``sistemkerja.api.exception_handler`` (400/403/404/409, Bahasa Indonesia); an object the user
may not see is a 404."""
from .kaskade import (  # noqa: F401
    KaskadeBagiApi,
    StrategiBuatPermohonanApi,
    StrategiPratinjauPermohonanApi,
    StrategiTetapkanApi,
    TautkanApi,
)
from .pk import (  # noqa: F401
    IndikatorHapusApi,
    IndikatorTambahApi,
    IndikatorUbahApi,
    PkBuatApi,
    PkDetailApi,
    PkImporApi,
    PkListApi,
    PkTetapkanApi,
    PkUbahApi,
    PohonKaskadeApi,
    SasaranTambahApi,
    SasaranUbahApi,
)
from .rencana import (  # noqa: F401
    KinerjaSayaApi,
    MatriksIsiApi,
    MatriksMintaPerbaikanApi,
    MatriksTerimaApi,
    MatriksTimApi,
    MatriksUnitApi,
    RencanaAksiSimpanApi,
    RencanaAnggaranAjukanApi,
    RencanaAnggaranBuatApi,
    RencanaAnggaranKembalikanApi,
    RencanaAnggaranSetujuiApi,
    RencanaAnggaranUbahApi,
    RencanaKerjaSimpanApi,
)
