"""Writes of the assignment workflow (DOMAIN.md §2).

One generic engine walks every route: the route is a list of steps taken from the requesting
Instansi (``Instansi.langkah_rute``, filled from the regional preset), each step names who
decides (``peran``, resolved to a *position* and then to whoever holds or acts for it on the
decision date) and what they do (``aksi``). Each public service:

1. locks the request row (``select_for_update``),
2. checks state (409), expected step (409), permission (403) and input (400),
3. calls the state-only FSM transition and saves with ``update_fields``,
4. writes a ``LangkahPermohonan`` and a ``JejakAudit`` row,
5. moves guardian permissions, and calls the letter/notification services, which schedule
   their own after-commit work.

A refused attempt rolls back and is then recorded in ``JejakAudit`` in its own transaction.

The services live in modules by responsibility; this package re-exports every public name, so
``from penugasan.services import X`` and ``penugasan.services.X`` keep working:

- ``_jejak``: the audit decorator with this app's default (the writers are ``inti.jejak``)
- ``_umum``: shared helpers (step history, copies, notification keys)
- ``rute``: routes, roles and who decides the current step
- ``pemeriksaan``: checks shared by creation and revision (content, staff, team, workload)
- ``pengajuan``: create, submit/resubmit, withdraw
- ``keputusan``: approve, refuse, return, answer availability
- ``perbaikan``: revision by the requester
- ``penyelesaian``: a finished route becomes assignments; receipt; closing a request
- ``pengakhiran``: ending work: finish/cancel an assignment, finish/dissolve a team, name a
  team's penanggung jawab (the completion hook kinerja calls; see that module)
"""

from ._umum import JENIS_PELAKSANA_TUGAS, RUTE_LINTAS
from .rute import jabatan_untuk_peran, pastikan_penentu, rute_untuk
from .pemeriksaan import beban_kerja_peringatan, tim_periksa
from .pengajuan import permohonan_ajukan, permohonan_batalkan, permohonan_buat
from .keputusan import permohonan_jawab_ketersediaan, permohonan_kembalikan, permohonan_setujui, permohonan_tolak
from .perbaikan import FIELD_PERBAIKAN, FIELD_RUTE_UNIT, PESAN_RUTE_UNIT_TETAP, permohonan_perbaiki
from .penyelesaian import boleh_menutup_permohonan, penugasan_terima, permohonan_selesaikan
from .pengakhiran import (
    boleh_mengakhiri,
    penanggung_jawab_dipakai,
    penugasan_batalkan,
    penugasan_selesaikan,
    pimpinan_pengakhir,
    tim_bubarkan,
    tim_penanggung_jawab_tetapkan,
    tim_selesaikan,
)

__all__ = [
    "JENIS_PELAKSANA_TUGAS",
    "RUTE_LINTAS",
    "jabatan_untuk_peran",
    "pastikan_penentu",
    "rute_untuk",
    "beban_kerja_peringatan",
    "tim_periksa",
    "permohonan_ajukan",
    "permohonan_batalkan",
    "permohonan_buat",
    "permohonan_jawab_ketersediaan",
    "permohonan_kembalikan",
    "permohonan_setujui",
    "permohonan_tolak",
    "FIELD_PERBAIKAN",
    "FIELD_RUTE_UNIT",
    "PESAN_RUTE_UNIT_TETAP",
    "permohonan_perbaiki",
    "penugasan_terima",
    "permohonan_selesaikan",
    "boleh_menutup_permohonan",
    "boleh_mengakhiri",
    "penanggung_jawab_dipakai",
    "penugasan_batalkan",
    "penugasan_selesaikan",
    "pimpinan_pengakhir",
    "tim_bubarkan",
    "tim_penanggung_jawab_tetapkan",
    "tim_selesaikan",
]
