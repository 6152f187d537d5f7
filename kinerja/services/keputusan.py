"""The Keputusan Tim after the role split: once every member accepted their row of the Matriks
Pembagian Peran dan Hasil, the Keputusan that formed the team (issued at approval, before the
roles were split, and frozen) is superseded by one whose attachment carries each member's task,
result, indikator and target. The official who may revoke the old Keputusan (its signer's post
today, or a letters administrator) issues the new one; the old one is revoked naming its
successor. Both steps are the letters app's own services (numbering, audit, PDF after commit)."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from inti.exceptions import KonflikError
from penugasan.models import AnggotaTim, StatusTim, TimKerja
from surat import selectors as surat_selectors
from surat import services as surat_services
from surat.models import JenisDokumen, StatusSurat, Surat

from ..models import BarisMatriksPeran, StatusBarisMatriks


def keputusan_tim_berlaku(tim: TimKerja) -> Surat | None:
    """The team's Keputusan in force (the newest not revoked)."""
    return (surat_selectors.surat_untuk_sumber(sumber=tim).filter(jenis=JenisDokumen.KEPUTUSAN_TIM)
            .exclude(status=StatusSurat.DICABUT).order_by("-created_at", "-pk").first())


def matriks_lengkap(tim: TimKerja) -> bool:
    """Every member has a row and accepted it."""
    anggota = AnggotaTim.objects.filter(tim=tim).count()
    diterima = BarisMatriksPeran.objects.filter(tim=tim, status=StatusBarisMatriks.DITERIMA).count()
    return anggota > 0 and anggota == diterima


@transaction.atomic
def keputusan_tim_perbarui(*, actor, ip: str | None = None, tim_id: int) -> Surat:
    tim = TimKerja.objects.select_for_update(of=("self",)).select_related("unit__perangkat_daerah", "instansi").get(
        pk=tim_id)
    lama = keputusan_tim_berlaku(tim)
    if lama is None:
        raise KonflikError(_("%(tim)s belum memiliki Keputusan yang dapat diperbarui.") % {"tim": tim.nama})
    if not surat_services.boleh_mencabut(actor=actor, surat=lama):
        raise PermissionDenied(_("Keputusan %(tim)s diperbarui oleh pejabat penandatangannya (%(jabatan)s).")
                               % {"tim": tim.nama, "jabatan": lama.jabatan_penandatangan or _("penandatangan")})
    if tim.status != StatusTim.AKTIF:
        raise KonflikError(_("%(tim)s tidak aktif.") % {"tim": tim.nama})
    if not matriks_lengkap(tim):
        raise KonflikError(_("Matriks peran dan hasil %(tim)s belum lengkap: setiap anggota harus menerima barisnya.")
                           % {"tim": tim.nama})
    baru = surat_services.keputusan_tim_terbitkan(tim=tim, actor=actor)
    surat_services.surat_cabut(surat_id=lama.pk, actor=actor, ip=ip, alasan=_(
        "Diganti Keputusan nomor %(nomor)s yang memuat pembagian peran, hasil, indikator dan target anggota.")
        % {"nomor": baru.nomor})
    return baru
