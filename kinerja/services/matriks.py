"""The Matriks Pembagian Peran dan Hasil (PermenPANRB 6/2022): the ketua splits roles, results,
indikator and targets among the members (DOMAIN §4.2 step 6, §2.8 "per-member targets"); each
member accepts their row or asks for a change, with a comment (performance dialogue).

Filling a row also writes the member's ``AnggotaTim`` task, sasaran, indikator and target, the
columns the Keputusan Tim attachment prints (004 Lamp III)."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from inti.exceptions import KonflikError
from inti.models import AksiAudit
from penugasan.models import AnggotaTim, TimKerja

from ..models import BarisMatriksPeran, StatusBarisMatriks, TargetJabatan
from ._umum import angka, dengan_jejak, jejak_catat, pegawai_actor
from .rencana import _pastikan_ketua, _teks


def target_tim(tim: TimKerja):
    """Targets a team serves: linked directly, through the request that formed or fed it, or
    through one of its members' assignments."""
    return TargetJabatan.objects.filter(
        Q(tautan__tim=tim) | Q(tautan__permohonan__tim=tim) | Q(tautan__penugasan__tim=tim)).distinct()


@dengan_jejak(AksiAudit.KINERJA_MATRIKS_ISI, model=TimKerja, kunci="tim_id")
def matriks_isi(*, actor, ip: str | None = None, tim_id: int, baris: list[dict]) -> list[BarisMatriksPeran]:
    """The ketua fills (or revises) rows: ``[{anggota_id, peran, hasil, indikator, target_nilai?,
    satuan?, target_id?}]`` (``anggota_id`` = AnggotaTim id). A changed row goes back to the
    member for acceptance."""
    tim = TimKerja.objects.select_for_update(of=("self",)).get(pk=tim_id)
    ketua = _pastikan_ketua(actor=actor, tim=tim)
    if not isinstance(baris, list) or not baris or not all(isinstance(b, dict) for b in baris):
        raise ValidationError({"baris": [_("Isi paling sedikit satu baris.")]})
    anggota = {a.pk: a for a in AnggotaTim.objects.filter(tim=tim).select_related("pegawai")}
    target_ok = set(target_tim(tim).values_list("pk", flat=True))
    galat: dict[str, list[str]] = {}
    bersih = []
    dilihat = set()

    def kumpul(fn, *args, **kw):
        try:
            return fn(*args, **kw)
        except ValidationError as exc:
            for k, v in exc.message_dict.items():
                galat.setdefault(k, []).extend(v)

    for i, b in enumerate(baris):
        a = f"baris[{i}]."
        ang = anggota.get(b.get("anggota_id"))
        if ang is None:
            galat.setdefault(a + "anggota_id", []).append(_("Bukan anggota %(tim)s.") % {"tim": tim.nama})
            continue
        if ang.pk in dilihat:
            galat.setdefault(a + "anggota_id", []).append(_("Anggota disebut dua kali."))
        dilihat.add(ang.pk)
        target_id = b.get("target_id")
        if target_id and target_id not in target_ok:
            galat.setdefault(a + "target_id", []).append(_("Target tidak tertaut ke tim ini."))
        bersih.append({
            "anggota": ang,
            "peran": kumpul(_teks, b.get("peran"), a + "peran", maks=200),
            "hasil": kumpul(_teks, b.get("hasil"), a + "hasil", maks=2000),
            "indikator": kumpul(_teks, b.get("indikator"), a + "indikator", maks=2000),
            "target_nilai": kumpul(angka, b.get("target_nilai"), field=a + "target_nilai", boleh_negatif=False),
            "satuan": kumpul(_teks, b.get("satuan"), a + "satuan", wajib=False, maks=60),
            "target_id": target_id or None,
        })
    if galat:
        raise ValidationError(galat)
    hasil = []
    for b in bersih:
        ang = b.pop("anggota")
        obj = BarisMatriksPeran.objects.filter(anggota=ang).first()
        if obj is None:
            obj = BarisMatriksPeran(tim=tim, anggota=ang, diisi_oleh=ketua, dibuat_oleh=actor, **b)
            obj.save()
        else:
            berubah = any(getattr(obj, k) != v for k, v in b.items())
            if berubah:
                for k, v in b.items():
                    setattr(obj, k, v)
                obj.usulkan()
                obj.diisi_oleh, obj.komentar_anggota, obj.ditanggapi_pada = ketua, "", None
                obj.save()
        ang.uraian_tugas = obj.peran
        ang.sasaran = obj.hasil
        ang.indikator = obj.indikator
        ang.target = obj.target_teks[:200]
        ang.save(update_fields=["uraian_tugas", "sasaran", "indikator", "target", "updated_at"])
        hasil.append(obj)
    jejak_catat(actor=actor, objek=tim, aksi=AksiAudit.KINERJA_MATRIKS_ISI, diizinkan=True, ip=ip,
                alasan=f"{len(hasil)} baris")
    return hasil


def _tanggapi(*, actor, ip, baris_id: int, terima: bool, komentar: str) -> BarisMatriksPeran:
    obj = BarisMatriksPeran.objects.select_for_update(of=("self",)).select_related("anggota__pegawai", "tim").get(pk=baris_id)
    if obj.anggota.pegawai_id != pegawai_actor(actor).pk:
        raise PermissionDenied(_("Hanya anggota yang bersangkutan yang dapat menanggapi barisnya."))
    if obj.status != StatusBarisMatriks.DIUSULKAN:
        raise KonflikError(_("Baris ini sudah ditanggapi; tunggu perubahan dari ketua tim."))
    komentar = (komentar or "").strip()
    if not terima and not komentar:
        raise ValidationError({"komentar": [_("Sebutkan apa yang perlu diubah.")]})
    dari = obj.status
    obj.terima() if terima else obj.minta_perbaikan()
    obj.komentar_anggota, obj.ditanggapi_pada = komentar, timezone.now()
    obj.save(update_fields=["status", "komentar_anggota", "ditanggapi_pada", "updated_at"])
    jejak_catat(actor=actor, objek=obj, ip=ip, diizinkan=True, status_dari=dari, status_ke=obj.status,
                alasan=komentar, aksi=AksiAudit.KINERJA_MATRIKS_TERIMA if terima else AksiAudit.KINERJA_MATRIKS_MINTA_PERBAIKAN)
    return obj


@dengan_jejak(AksiAudit.KINERJA_MATRIKS_TERIMA, model=BarisMatriksPeran, kunci="baris_id")
def matriks_terima(*, actor, ip: str | None = None, baris_id: int, komentar: str = "") -> BarisMatriksPeran:
    """The member accepts their row (optionally with a comment)."""
    return _tanggapi(actor=actor, ip=ip, baris_id=baris_id, terima=True, komentar=komentar)


@dengan_jejak(AksiAudit.KINERJA_MATRIKS_MINTA_PERBAIKAN, model=BarisMatriksPeran, kunci="baris_id")
def matriks_minta_perbaikan(*, actor, ip: str | None = None, baris_id: int, komentar: str) -> BarisMatriksPeran:
    """The member asks the ketua to change their row (comment required)."""
    return _tanggapi(actor=actor, ip=ip, baris_id=baris_id, terima=False, komentar=komentar)
