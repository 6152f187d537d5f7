"""Every write of the kinerja cycle. Services are keyword-only, take the acting user, check
permission by position on the date (holders and Plt/Plh), validate (400 naming the field),
refuse illegal states (409), write an audit row in the same transaction, and are atomic; a
refused attempt is audited after the rollback."""
from .aturan import aturan_kinerja_tetapkan  # noqa: F401
from .impor import impor_sasaran_indikator  # noqa: F401
from .kaskade import (  # noqa: F401
    isi_permohonan_dari_strategi,
    kaskade_bagi,
    penentu_strategi,
    strategi_buat_permohonan,
    strategi_tetapkan,
    tautkan,
)
from .keputusan import keputusan_tim_berlaku, keputusan_tim_perbarui, matriks_lengkap  # noqa: F401
from .matriks import matriks_isi, matriks_minta_perbaikan, matriks_terima, target_tim  # noqa: F401
from .pk import (  # noqa: F401
    indikator_hapus,
    indikator_simpan,
    jabatan_penetap_pk,
    pk_buat,
    pk_tetapkan,
    pk_ubah,
    sasaran_simpan,
)
from .rencana import (  # noqa: F401
    rencana_aksi_simpan,
    rencana_anggaran_ajukan,
    rencana_anggaran_kembalikan,
    rencana_anggaran_setujui,
    rencana_anggaran_simpan,
    rencana_kerja_simpan,
)
from .kendala import (  # noqa: F401
    kendala_ajukan,
    kendala_putuskan,
    kendala_teruskan,
    kendala_tindaklanjuti,
    kendala_tutup,
)
from .laporan import bukti_tambah, laporan_kembalikan, laporan_kirim, laporan_kirim_ulang, laporan_terima  # noqa: F401
from .penyerahan import (  # noqa: F401
    hasil_kembalikan,
    hasil_perbaiki,
    hasil_serahkan,
    hasil_serahkan_ulang,
    hasil_terima,
    hasil_teruskan,
)
from .permintaan import permintaan_batalkan, permintaan_buat  # noqa: F401
