"""Writes of the letters app: issue (number + row + render after commit), render, revoke.

The four builders (permohonan, jawaban, penugasan, keputusan tim) turn penugasan objects
into a frozen ``konteks`` snapshot and call the generic ``surat_terbitkan``. They are meant
to be called inside the penugasan service's transaction: the letter, its number and the
workflow step commit or roll back together.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import logging
from typing import Any, Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisasi.models import Instansi, Pegawai, PerangkatDaerah
from organisasi.selectors import Pejabat
from sistemkerja.exceptions import KonflikError

from .models import JenisDokumen, StatusSurat, Surat
from .numbering import nomor_alokasikan

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------- snapshots


def penandatangan_snapshot(penandatangan: Pejabat | dict, *, atas_nama: str = "") -> dict:
    """Freeze who signs: {nama, nip, pangkat, jabatan, pegawai_id}.

    ``jabatan`` carries the Plt./Plh. prefix of an acting official and, when signing on
    behalf of a higher authority, ``a.n. <authority>`` on the line before.
    """
    if isinstance(penandatangan, Pejabat):
        pegawai = penandatangan.pegawai
        data = {
            "nama": pegawai.nama_lengkap, "nip": pegawai.nip, "pangkat": pegawai.pangkat_golongan,
            "jabatan": penandatangan.sebutan, "pegawai_id": pegawai.pk,
        }
    elif isinstance(penandatangan, dict):
        data = {k: str(penandatangan.get(k) or "") for k in ("nama", "nip", "pangkat", "jabatan")}
        data["pegawai_id"] = penandatangan.get("pegawai_id")
    else:
        raise ValidationError({"penandatangan": _("Penandatangan surat tidak ditemukan (jabatan kosong).")})
    if not data["nama"] or not data["jabatan"]:
        raise ValidationError({"penandatangan": _("Nama dan jabatan penandatangan wajib diisi.")})
    if atas_nama:
        data["jabatan"] = f"a.n. {atas_nama},\n{data['jabatan']}"
    return data


def kop_snapshot(*, instansi: Instansi, perangkat_daerah: PerangkatDaerah | None) -> dict:
    """Letterhead data frozen at issue time."""
    pemerintah = instansi.nama
    if perangkat_daerah is None:
        return {"pemerintah": pemerintah, "nama_pd": instansi.nama_daerah, "alamat": "", "telepon": "",
                "email": "", "website": "", "kode_pos": "", "logo_berkas": ""}
    pd = perangkat_daerah
    alamat = ", ".join(x for x in (pd.alamat, pd.kota) if x)
    return {
        "pemerintah": pemerintah, "nama_pd": pd.nama, "alamat": alamat, "telepon": pd.telepon,
        "email": pd.email, "website": pd.website, "kode_pos": pd.kode_pos,
        "logo_berkas": pd.logo.name if pd.logo else "",
    }


def pegawai_snapshot(pegawai: Pegawai, *, jabatan: str = "", unit: str = "") -> dict:
    return {"nama": pegawai.nama_lengkap, "nip": pegawai.nip, "pangkat": pegawai.pangkat_golongan,
            "jabatan": jabatan, "unit": unit, "pegawai_id": pegawai.pk}


def _json_bersih(konteks: dict) -> dict:
    """Round-trip through JSON so the stored snapshot is exactly what the template later reads."""
    try:
        return json.loads(json.dumps(konteks, cls=DjangoJSONEncoder))
    except (TypeError, ValueError) as exc:
        raise ValidationError({"konteks": _("Isi surat tidak dapat disimpan: %(e)s") % {"e": exc}}) from exc


# --------------------------------------------------------------------------- generic issue


def _render_setelah_commit(surat_id: int) -> None:
    from .tasks import render_surat_task

    try:
        render_surat_task.delay(surat_id)
    except Exception:  # broker down: the letter stays "menunggu_render"; render_surat_tertunda_task retries
        logger.exception("Gagal mengantrekan pembuatan PDF surat %s", surat_id)


@transaction.atomic
def surat_terbitkan(
    *,
    jenis: str,
    instansi: Instansi,
    perangkat_daerah: PerangkatDaerah | None,
    perihal: str,
    konteks: dict,
    penandatangan: Pejabat | dict | None,
    tembusan: list[str],
    sumber: Any = None,
    actor,
    pihak: Iterable[Pegawai] = (),
    tanggal: datetime.date | None = None,
    atas_nama: str = "",
    kode_klasifikasi: str | None = None,
) -> Surat:
    """Issue a letter: allocate the next number of its series (locked counter row), create the
    immutable row with the frozen context and signatory, and render the PDF after commit."""
    galat: dict[str, str] = {}
    if jenis not in JenisDokumen.values:
        galat["jenis"] = _("Jenis surat tidak dikenal: %(j)s") % {"j": jenis}
    if not (perihal or "").strip():
        galat["perihal"] = _("Perihal surat wajib diisi.")
    if not isinstance(konteks, dict):
        galat["konteks"] = _("Isi surat harus berupa kamus (dict).")
    if not isinstance(tembusan, (list, tuple)) or not all(isinstance(t, str) and t.strip() for t in tembusan):
        galat["tembusan"] = _("Tembusan harus berupa daftar teks yang tidak kosong.")
    if perangkat_daerah is not None and perangkat_daerah.instansi_id != instansi.pk:
        galat["perangkat_daerah"] = _("Perangkat Daerah bukan bagian dari instansi penerbit.")
    if galat:
        raise ValidationError(galat)
    ttd = penandatangan_snapshot(penandatangan, atas_nama=atas_nama)
    tanggal = tanggal or timezone.localdate()

    isi = {"kop": kop_snapshot(instansi=instansi, perangkat_daerah=perangkat_daerah),
           "tempat": (perangkat_daerah.kota if perangkat_daerah and perangkat_daerah.kota else instansi.ibu_kota)
           or instansi.nama_daerah}
    isi.update(konteks)
    isi = _json_bersih(isi)

    seri, nomor_urut, nomor = nomor_alokasikan(instansi=instansi, perangkat_daerah=perangkat_daerah,
                                               tanggal=tanggal, kode_klasifikasi=kode_klasifikasi)
    surat = Surat.objects.create(
        jenis=jenis, instansi=instansi, perangkat_daerah=perangkat_daerah, seri=seri, nomor_urut=nomor_urut,
        nomor=nomor, tahun=tanggal.year, tanggal=tanggal, perihal=perihal.strip()[:300],
        penandatangan_nama=ttd["nama"], penandatangan_nip=ttd["nip"], penandatangan_pangkat=ttd["pangkat"],
        penandatangan_jabatan=ttd["jabatan"], penandatangan_pegawai_id=ttd.get("pegawai_id"),
        tembusan=[t.strip() for t in tembusan], konteks=isi,
        sumber_content_type=ContentType.objects.get_for_model(sumber) if sumber is not None else None,
        sumber_object_id=sumber.pk if sumber is not None else None,
        diterbitkan_oleh=actor if getattr(actor, "pk", None) else None,
    )
    pihak_ids = {p.pk for p in pihak if p is not None}
    if ttd.get("pegawai_id"):
        pihak_ids.add(ttd["pegawai_id"])
    if pihak_ids:
        surat.pihak.set(pihak_ids)
    surat_id = surat.pk
    transaction.on_commit(lambda: _render_setelah_commit(surat_id))
    return surat


# --------------------------------------------------------------------------- render (called by the task)


def surat_render(*, surat_id: int) -> Surat:
    """Render the stored snapshot to PDF once and store it with its SHA-256. Idempotent:
    a letter that already has its file is returned unchanged (retries, duplicate deliveries)."""
    from .pdf import surat_render_pdf

    surat = Surat.objects.get(pk=surat_id)
    if surat.berkas:
        return surat
    pdf = surat_render_pdf(surat)  # outside any lock: rendering may take a while
    with transaction.atomic():
        surat = Surat.objects.select_for_update().get(pk=surat_id)
        if surat.berkas:  # another worker finished first
            return surat
        surat.sha256 = hashlib.sha256(pdf).hexdigest()
        surat.berkas.save(f"{surat.uuid}.pdf", ContentFile(pdf), save=False)
        surat.dirender_pada = timezone.now()
        fields = ["berkas", "sha256", "dirender_pada", "updated_at"]
        if surat.status == StatusSurat.MENUNGGU_RENDER:
            surat.status = StatusSurat.TERBIT
            fields.append("status")
        surat.save(update_fields=fields)
    return surat


# --------------------------------------------------------------------------- revoke


def boleh_mencabut(*, actor, surat: Surat) -> bool:
    if not getattr(actor, "is_authenticated", False):
        return False
    if actor.is_superuser or actor.has_perm("surat.cabut_surat"):
        return True
    if surat.diterbitkan_oleh_id and surat.diterbitkan_oleh_id == actor.pk:
        return True
    pegawai = getattr(actor, "pegawai", None)
    return bool(pegawai and surat.penandatangan_pegawai_id == pegawai.pk)


@transaction.atomic
def surat_cabut(*, surat_id: int, actor, alasan: str) -> Surat:
    """Revoke an issued letter with a reason. The number stays consumed (never reused) and the
    stored PDF stays as it was; the public verification page shows the revocation."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Alasan pencabutan wajib diisi.")})
    surat = Surat.objects.select_for_update().get(pk=surat_id)
    if not boleh_mencabut(actor=actor, surat=surat):
        raise PermissionDenied(_("Anda tidak berwenang mencabut surat ini."))
    if surat.status == StatusSurat.DICABUT:
        raise KonflikError(_("Surat %(n)s sudah dicabut.") % {"n": surat.nomor})
    surat.status = StatusSurat.DICABUT
    surat.dicabut_pada = timezone.now()
    surat.dicabut_oleh = actor
    surat.alasan_pencabutan = alasan
    surat.save(update_fields=["status", "dicabut_pada", "dicabut_oleh", "alasan_pencabutan", "updated_at"])
    return surat
